"""Named moments in multi-step writes where a test may kill a real process (kill -9).

With KAPDESK_STOP_AT=NAME in its environment, a process that reaches
`reached("NAME")` says so on stderr ("kapdesk: stopped at NAME") and waits
there; the test then sends SIGKILL, so the process dies exactly between two
steps, as a power cut or a crash would leave it. Without the variable (every
real use) `reached` returns at once. Only the standard library: the atomic
file writer, storage and the command line all use it.
"""

from __future__ import annotations

import os
import sys
import time

STOP_AT_ENV = "KAPDESK_STOP_AT"


def reached(name: str) -> None:
    if os.environ.get(STOP_AT_ENV) != name:
        return
    print(f"kapdesk: stopped at {name}", file=sys.stderr, flush=True)
    while True:  # until the test's SIGKILL
        time.sleep(60)
