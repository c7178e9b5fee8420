"""The command-line tools: `python -m kapdesk check|export|backup|restore ...` (dispatch in tools.py)."""
