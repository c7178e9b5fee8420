"""The export tests' practice: two sessions recorded through the real runner and store
(tests/helpers/export_records.py): a KAP session (vitals with an alert, notes, tags,
music, a skipped phase, a debrief, discharge checks, signed, one addendum) and an
esketamine session (two sprays, three BP readings, sedation tag, ready to leave)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kapdesk.core.clock import FakeClock
from kapdesk.export.record import RecordReader
from tests.helpers.export_records import reader, record_esketamine, record_kap
from tests.helpers.practice_builder import add_client


@dataclass
class Recorded:
    practice: object
    clock: FakeClock
    client_id: int
    kap: int
    esketamine: int

    def source(self) -> RecordReader:
        """Reads records for an export through stores of the practice, as the command line does."""
        return reader(self.practice, self.clock)


@pytest.fixture
def recorded(practice, clock) -> Recorded:
    client = add_client(practice.engine, "Maya Alvarez")
    kap = record_kap(practice, clock, client)
    clock.advance(7 * 86_400)
    esketamine = record_esketamine(practice, clock, client)
    return Recorded(practice, clock, client, kap, esketamine)
