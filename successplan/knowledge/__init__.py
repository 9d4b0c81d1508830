"""What the tool knows of the model and teaches while it is used: the plan checks, the
glossary, outcome templates, coverage models and cadences."""
