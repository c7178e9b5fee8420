"""`python -m kapdesk <tool>`: the command-line tools, or the app when no tool is named.

Each tool lives in its own module with `add_arguments(parser)` and
`run(args) -> exit code`; this module only dispatches.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from kapdesk.app import PASSPHRASE_ENV  # noqa: F401 - re-exported for the tools

TOOLS = {
    "check": ("kapdesk.cli.check", "check the practice database's integrity and encryption"),
    "export": ("kapdesk.cli.export", "export a session as PDF or a client's record as JSON/CSV"),
    "backup": ("kapdesk.cli.backup", "make an encrypted backup of the practice now, and check it"),
    "restore": ("kapdesk.cli.restore", "restore the practice from a backup (the current one is kept)"),
    "passphrase": ("kapdesk.cli.passphrase", "change the practice passphrase (a checked backup is made first)"),
    "sound": ("kapdesk.cli.sound", "play a few seconds of the bundled music to check the speakers"),
    "audit": ("kapdesk.cli.audit", "verify the practice's audit trail, or list its entries"),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # pygame's greeting is not ours
    if not argv or argv[0] not in TOOLS:
        from kapdesk.app import main as app_main

        return app_main(argv)
    parser = argparse.ArgumentParser(prog="python -m kapdesk")
    subparsers = parser.add_subparsers(dest="tool", required=True)
    modules = {}
    for name, (module_name, help_text) in TOOLS.items():
        if name != argv[0]:
            subparsers.add_parser(name, help=help_text)
            continue
        modules[name] = importlib.import_module(module_name)
        tool_parser = subparsers.add_parser(name, help=help_text)
        tool_parser.add_argument("--data-dir", metavar="PATH", help="the practice folder")
        modules[name].add_arguments(tool_parser)
    args = parser.parse_args(argv)
    return modules[args.tool].run(args)
