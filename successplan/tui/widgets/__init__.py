"""The customer screen's widgets: the outcome list, the headers and one view per tab."""
