"""The password of `python -m kapdesk export --protect`: typed twice at a terminal, or one line of stdin.

At a terminal the password is asked twice with getpass (never shown), and
asked again, up to three times, while it is too short or the two differ (the
rule is core/export_password.py's, the screens' own). When stdin is not a
terminal (a script, a pipe), its first line is the password, as typed: only
the line's end is taken off, spaces are part of it. Nothing is written when
no acceptable password came.
"""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from kapdesk.core.export_password import NOT_KEPT, password_problem

PROMPT_TRIES = 3
NOTHING_WRITTEN = "nothing was written."


def export_password(stdin: TextIO | None = None) -> str | None:
    """The password to protect the exports with, or None after saying why not on stderr."""
    stdin = sys.stdin if stdin is None else stdin
    if stdin is not None and stdin.isatty():
        return _typed()
    line = stdin.readline() if stdin is not None else ""
    if not line.strip("\r\n"):
        _say("--protect needs a password: type it at a terminal, or give it as the first "
             f"line of stdin; {NOTHING_WRITTEN}")
        return None
    password = line.removesuffix("\n").removesuffix("\r")
    problem = password_problem(password, password)
    if problem is not None:
        _say(f"{problem.words} {NOTHING_WRITTEN.capitalize()}")
        return None
    return password


def _typed() -> str | None:
    print(NOT_KEPT, file=sys.stderr)
    for _ in range(PROMPT_TRIES):
        try:
            first = getpass.getpass("Password for the exported files: ")
            repeat = getpass.getpass("The same password again: ")
        except (EOFError, KeyboardInterrupt):
            print(file=sys.stderr)
            _say(f"no password given; {NOTHING_WRITTEN}")
            return None
        problem = password_problem(first, repeat)
        if problem is None:
            return first
        _say(problem.words)
    _say(f"no password agreed after {PROMPT_TRIES} tries; {NOTHING_WRITTEN}")
    return None


def _say(text: str) -> None:
    print(f"kapdesk export: {text}", file=sys.stderr)
