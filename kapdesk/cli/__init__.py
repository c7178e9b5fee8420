"""The command-line tools: `python -m kapdesk check|export ...` (dispatch in tools.py)."""
