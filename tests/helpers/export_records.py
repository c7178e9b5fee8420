"""Two sessions recorded through the real runner and store, for the export tests
and the command-line export's: a KAP session (vitals with an alert, notes, tags,
music, a skipped phase, a debrief, discharge checks, signed, one addendum) and an
esketamine session (two sprays, three BP readings, sedation tag, ready to leave).
The `recorded` fixture (tests/export/conftest.py) records both into a practice."""

from __future__ import annotations

import datetime as dt

from kapdesk.core.alerts import seen_data
from kapdesk.core.builtin_scripts import ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.clock import FakeClock
from kapdesk.core.vitals import VitalsReading, VitalThresholds
from kapdesk.export.record import RecordReader
from kapdesk.services import open_services
from tests.helpers.practice_builder import MIN, live_session

UTC_PLUS_1 = dt.timezone(dt.timedelta(hours=1), "CET")
SIGNER = "Dr. Ana Rivera"
KAP_NOTES = (
    "Eyes closed, breathing slow and even",
    "Offered water; sipped and lay back down",
    "Says: <b>not bold</b> & \"quoted\" — café, naïve ✓",
    "Talks about her father: tenderness about the lake house",
    "=SUM(A1:A9) typed by mistake",
)


def record_kap(practice, clock: FakeClock, client: int) -> int:  # noqa: ANN001
    session_id, r = live_session(practice, clock, client, KAP_SUBLINGUAL)
    clock.advance(2 * MIN)
    r.update_intention("To meet the grief with kindness")
    r.tick_checklist("Eye mask ready", True)
    clock.advance(2 * MIN)
    r.record_vitals(VitalsReading(138, 88, 72, 98))
    clock.advance(10 * MIN)
    r.record_dose("ketamine", 150, "sublingual")
    r.record_music("track_started", {"path": "/m/dissolve.ogg", "title": "Dissolve", "playlist": "Arc"})
    for number, text in enumerate(KAP_NOTES):
        clock.advance(8 * MIN)
        r.add_note(text)
        if number == 1:
            r.add_tag("tingling")
            r.record_music("track_stopped", {"path": "/m/dissolve.ogg", "reason": "ended"})
            r.record_music("track_started", {"path": "/m/deep.ogg", "title": "Deep water",
                                             "playlist": "Arc"})
    clock.advance(2 * MIN)  # 40 minutes after the dose
    high = r.record_vitals(VitalsReading(184, 104, 96, 97))
    r.acknowledge_alert(seen_data(high, VitalThresholds()))  # F12 at once: "Alert seen"
    clock.advance(30 * MIN)
    r.save_debrief({"sedation": "mild", "themes": "the father"}, "Wants to write him a letter.")
    r.skip_phase()
    clock.advance(2 * MIN)
    r.record_vitals(VitalsReading(130, 84, 70, 98))
    r.check_discharge("Alert and oriented", True)
    r.check_discharge("Ride home arranged", True)
    clock.advance(8 * MIN)
    r.end()
    keeper = open_services(practice, clock).records
    clock.advance(3600)
    keeper.sign(session_id, SIGNER)
    clock.advance(86_400)
    keeper.add_addendum(session_id, "Phoned: slept well; mild headache, gone by noon.", SIGNER)
    return session_id


def record_esketamine(practice, clock: FakeClock, client: int) -> int:  # noqa: ANN001
    session_id, r = live_session(practice, clock, client, ESKETAMINE)
    clock.advance(5 * MIN)
    r.record_vitals(VitalsReading(132, 84, 72, 98))
    clock.advance(10 * MIN)
    r.checkpoint_done("pulse-ox")
    clock.advance(1 * MIN)
    r.record_dose("esketamine", 56, "intranasal")
    clock.advance(5 * MIN)
    r.record_dose("esketamine", 28, "intranasal")
    clock.advance(10 * MIN)
    r.add_tag("sedation")
    r.add_note("Drowsy, responds to voice")
    clock.advance(30 * MIN)
    r.record_vitals(VitalsReading(158, 96, 80, 96))
    clock.advance(60 * MIN)
    r.save_debrief({"dissociation": "marked", "respiratory depression": "none"}, "Felt far away.")
    clock.advance(22 * MIN)
    r.record_vitals(VitalsReading(134, 86, 74, 98))
    r.add_tag("ready to leave")
    r.check_discharge("Alert and oriented", True)
    clock.advance(5 * MIN)
    r.end()
    return session_id


def reader(practice, clock: FakeClock) -> RecordReader:  # noqa: ANN001
    """Reads records for an export through stores of the practice, as the command line does."""
    services = open_services(practice, clock)
    return RecordReader(services.review, services.clients, services.course)
