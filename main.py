"""Starts KAPDesk from a source checkout: `python main.py [--demo] [--data-dir PATH]`."""

from kapdesk.app import main

raise SystemExit(main())
