"""`python -m kapdesk ...`: the command-line tools (check, export), else the app."""

from kapdesk.cli import main

raise SystemExit(main())
