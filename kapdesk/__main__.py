"""`python -m kapdesk ...`: the command-line tools (check, export), else the app."""

from kapdesk.cli.tools import main

raise SystemExit(main())
