"""Plan logic every front end shares: edits and undo, the merge of two writers, figures
and success vectors, the dashboard, changes in words, and a plan's history."""
