"""Reading the record between sessions: history, one session's timeline, search, signing, exports."""
