"""How `pytest -n 2` (the README's command) shares the tests between its two processes.

A test file runs whole in one process, so its module-scoped fixtures (the nine
seconds of real-time audio in tests/audio/test_player_output.py, the bundled
tracks' renders) are made once. Two folders run whole in one process each, as
what they share exists once per run: tests/desktop its private desktop (Xvfb,
openbox, D-Bus, AT-SPI; two at once would also take each other's CPU, which
their waits are timed against) and tests/packaging the app built into
build/test-app/. The other process runs the offscreen tests meanwhile.

Not xdist's `--dist loadgroup` with xdist_group marks: with pytest 9.2 it groups
nothing and says nothing (pytest-xdist issue #1386, its group rides on the
test's id, which pytest no longer lets a plugin change). The grouping here reads
only the test's path.
"""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

ONE_WORKER_FOLDERS = ("tests/desktop/", "tests/packaging/")


def work_unit(nodeid: str) -> str:
    """What runs whole in one process with this test: its folder, if it is one
    of ONE_WORKER_FOLDERS, else its file."""
    path = nodeid.split("::", 1)[0]
    return next((folder for folder in ONE_WORKER_FOLDERS if path.startswith(folder)), path)


class ByFileAndFolder(LoadScopeScheduling):
    """xdist's load-by-scope scheduler (the largest units first, then whichever
    process is free takes the next) with `work_unit` as the scope."""

    def _split_scope(self, nodeid: str) -> str:
        return work_unit(nodeid)
