"""The built-in scripts follow DOMAIN.md and are valid."""

from __future__ import annotations

import pytest

from kapdesk.core.builtin_scripts import (
                                          BUILTIN_SCRIPTS, ESKETAMINE, ESKETAMINE_ID, KAP_SUBLINGUAL, KAP_SUBLINGUAL_ID, builtin_script,
                                          )
from kapdesk.core.script import script_problems

MIN = 60


@pytest.mark.parametrize("script", BUILTIN_SCRIPTS, ids=lambda s: s.id)
def test_builtins_are_valid_readonly_and_guided(script) -> None:
    assert script_problems(script) == []
    assert script.builtin
    assert all(phase.guidance.strip() for phase in script.phases)
    assert len({c.id for c in script.checkpoints}) == len(script.checkpoints)


def test_stable_ids_and_lookup() -> None:
    assert (KAP_SUBLINGUAL.id, ESKETAMINE.id) == (KAP_SUBLINGUAL_ID, ESKETAMINE_ID)
    assert KAP_SUBLINGUAL_ID == "builtin-kap-sublingual" and ESKETAMINE_ID == "builtin-esketamine"
    assert builtin_script(ESKETAMINE_ID) is ESKETAMINE and builtin_script("nope") is None


def test_kap_sublingual_follows_the_typical_session() -> None:
    lengths = [p.planned_s // MIN for p in KAP_SUBLINGUAL.phases]
    assert lengths == [10, 10, 60, 30, 5]
    assert [p.kind for p in KAP_SUBLINGUAL.phases] == [
        "check-in", "dose", "journey", "debrief", "discharge"]
    assert [p.music_slot for p in KAP_SUBLINGUAL.phases] == [
        None, "dissolve", "journey", "return", None]
    by_id = {c.id: c for c in KAP_SUBLINGUAL.checkpoints}
    assert (by_id["baseline-bp"].anchor, by_id["baseline-bp"].offset_s) == ("session", 0)
    assert (by_id["bp-40"].anchor, by_id["bp-40"].offset_s) == ("dose", 40 * MIN)
    assert (by_id["discharge-bp"].anchor, by_id["discharge-bp"].phase_index) == ("phase", 4)
    assert all(c.kind == "vitals" for c in KAP_SUBLINGUAL.checkpoints)


def test_esketamine_observes_at_least_two_hours_after_the_dose() -> None:
    dose = ESKETAMINE.phase_index_of_kind("dose")
    assert dose is not None
    after_dose = sum(p.planned_s for p in ESKETAMINE.phases[dose + 1:-1])
    assert after_dose >= 120 * MIN
    dose_offsets = {c.id: c.offset_s for c in ESKETAMINE.checkpoints if c.anchor == "dose"}
    assert dose_offsets["bp-40"] == 40 * MIN
    assert {15 * MIN, 45 * MIN, 90 * MIN} <= set(dose_offsets.values())
    vitals = [c for c in ESKETAMINE.checkpoints if c.kind == "vitals"]
    assert [c.id for c in vitals] == ["bp-pre-dose", "bp-40", "bp-discharge"]
    assert any("oximeter" in c.label.lower() for c in ESKETAMINE.checkpoints)
