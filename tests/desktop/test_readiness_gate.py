"""Ready for the dose on a real display (issue 12): a client without consent, the
before-the-dose page, real keys through xdotool. The dose cannot be recorded until
a reason is typed; then the practice file holds the reason as its own event,
before the dose, and the dose holds the readiness as it stood."""

from __future__ import annotations

import pytest

from tests.desktop.flows import (BEFORE_DOSE, CHECKLIST, CLIENT, REASON_BOX, ROOM, choose_script,
                                 held_says, practice_of, save_vitals, tick, wait_event)
from tests.desktop.practice_file import seed_practice

pytestmark = pytest.mark.slow
REASON = "Consent signed on paper this morning"
HELD = "Dose held — not ready: consent"


def test_no_dose_without_consent_until_a_reason_is_typed(make_app):  # noqa: ANN001
    app = make_app()
    seed_practice(app.data_dir, app.passphrase, (CLIENT,), ready=())  # all but consent
    app.start()
    app.wait_node(CLIENT, "list item")
    choose_script(app)
    tree = app.wait_words("Consent — missing: No consent recorded.")
    assert held_says(tree) == f"{HELD}, baseline BP", "the dose button does not say why"
    save_vitals(app, "118", "76", "70")
    app.wait_for(lambda: held_says(app.tree()) == HELD,  # the baseline saved: read again
                 "the dose button to name consent alone")
    tick(app, *CHECKLIST)
    wait_event(app, "checklist_ticked", len(CHECKLIST))

    app.key("ctrl+Return")  # held: says why, records nothing
    app.wait_words("Not ready: Consent (missing).")
    app.shot("dose-held")
    assert practice_of(app).session().of_kind("dose_given") == []

    app.key("ctrl+g")  # Go on anyway: the reason box takes the cursor
    app.wait_focus(lambda node: node.name == REASON_BOX, "the reason box")
    app.key("Return")  # no reason yet
    app.wait_words("Write why the dose goes ahead although the client is not ready.")
    stored = practice_of(app).session()
    assert stored.of_kind("dose_given") == [] and stored.of_kind("readiness_overridden") == []
    assert app.tree().find(BEFORE_DOSE) is not None

    app.type(REASON)
    app.shot("reason-typed")
    app.key("Return")
    stored = wait_event(app, "dose_given")
    app.wait_node(ROOM)
    app.wait_words("Touch: no consent recorded")
    app.shot("room-after-override")
    [override] = stored.of_kind("readiness_overridden")
    [dose] = stored.of_kind("dose_given")
    assert override.seq < dose.seq
    assert override.data["reason"] == REASON and override.data["not_ready"] == ["Consent"]
    snapshot = dose.data["readiness"]
    assert snapshot["ready"] is False
    assert {p["key"]: p["status"] for p in snapshot["pieces"]} == {
        "screening": "ready", "consent": "missing", "phq9": "ready", "blood_pressure": "ready"}
