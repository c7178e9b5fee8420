"""Storage, audio and export read the time only through an injected Clock (core/clock.py).

So a test on FakeClock controls every stamp they write (a backup's name, a
summary's computed_at, a report's "printed at"), and nothing below the
screens depends on when the test happens to run.
"""

from __future__ import annotations

import re
from pathlib import Path

import kapdesk

PACKAGE = Path(kapdesk.__file__).parent
LAYERS = ("storage", "audio", "export")
# The machine's clocks, read directly; time.monotonic/perf_counter are not
# wall-clock reads, but those layers take the Clock's monotonic() too.
WALL_CLOCK = re.compile(r"\b(?:time\.(?:time|time_ns|gmtime|localtime|monotonic|perf_counter)"
                        r"|(?:datetime|dt\.datetime|date|dt\.date)\.(?:now|utcnow|today))\(")


def reads_of_the_wall_clock(path: Path) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        code = line.split("#", 1)[0]
        if WALL_CLOCK.search(code):
            found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    return found


def test_storage_audio_and_export_never_read_the_machines_clock() -> None:
    offenders = [hit for layer in LAYERS for path in sorted((PACKAGE / layer).rglob("*.py"))
                 for hit in reads_of_the_wall_clock(path)]
    assert offenders == []


def test_the_check_finds_a_direct_read() -> None:
    sample = PACKAGE / "storage" / "practice.py"
    assert reads_of_the_wall_clock(sample) == []
    assert WALL_CLOCK.search('stamp = time.strftime("%Y", time.gmtime())')
    assert WALL_CLOCK.search("computed_at = time.time()")
    assert WALL_CLOCK.search("today = dt.date.today()")
    assert not WALL_CLOCK.search("now = self._clock.now()")
