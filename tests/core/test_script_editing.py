"""Editing steps for scripts: form conversions, copies, phase moves that keep
checkpoints on their phase, and the words the editor shows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapdesk.core import script_editing as editing
from kapdesk.core.builtin_scripts import ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.script import Checkpoint, Phase, Script, script_problems


def three_phases() -> Script:
    return Script(
        id="s", name="Three",
        phases=(Phase("A", 600), Phase("B", 1200), Phase("C", 300)),
        checkpoints=(
            Checkpoint("at-b", "Start of B", "check", "phase", 0, phase_index=1),
            Checkpoint("at-c", "Start of C", "vitals", "phase", 60, phase_index=2),
            Checkpoint("dose", "After dose", "vitals", "dose", 2400),
        ),
    )


def anchored_names(script: Script) -> dict[str, str | None]:
    """Checkpoint id -> name of the phase it is anchored to."""
    return {c.id: (script.phases[c.phase_index].name if c.phase_index is not None else None)
            for c in script.checkpoints if c.anchor == "phase"}


def test_minutes_and_seconds_convert_both_ways() -> None:
    assert editing.minutes_to_seconds(60) == 3600
    assert editing.minutes_to_seconds(1.5) == 90
    assert editing.seconds_to_minutes(3600) == 60
    assert editing.seconds_to_minutes(editing.minutes_to_seconds(37)) == 37


def test_music_slot_none_is_silence() -> None:
    assert editing.slot_from_choice("none") is None
    assert editing.slot_from_choice("") is None
    assert editing.slot_from_choice("journey") == "journey"
    assert editing.choice_from_slot(None) == "none"
    assert editing.choice_from_slot("return") == "return"
    assert editing.MUSIC_SLOTS == ("none", "check-in", "dissolve", "journey", "return")


def test_phase_from_form_trims_and_converts() -> None:
    phase = editing.phase_from_form("  Journey ", 60, "journey", " Stay quiet. ", "journey")
    assert phase == Phase("Journey", 3600, "Stay quiet.", "journey", "journey")
    assert editing.phase_from_form("Debrief", 30, "", "", "none").music_slot is None


def test_checkpoint_from_form_keeps_phase_only_for_phase_anchor() -> None:
    at_phase = editing.checkpoint_from_form("c", " BP ", "vitals", "phase", 2, 5, 10)
    assert at_phase == Checkpoint("c", "BP", "vitals", "phase", 300, phase_index=2, grace_s=600)
    after_dose = editing.checkpoint_from_form("c", "BP", "vitals", "dose", 2, 40, 5)
    assert after_dose.phase_index is None and after_dose.offset_s == 2400


def test_duplicate_is_an_editable_copy_with_a_new_id() -> None:
    copy = editing.duplicate_script(KAP_SUBLINGUAL)
    assert copy.name == "KAP — sublingual lozenge (copy)"
    assert not copy.builtin and copy.id != KAP_SUBLINGUAL.id
    assert copy.phases == KAP_SUBLINGUAL.phases and copy.checkpoints == KAP_SUBLINGUAL.checkpoints
    assert editing.duplicate_script(KAP_SUBLINGUAL).id != copy.id
    assert editing.duplicate_script(ESKETAMINE, "fixed").id == "fixed"


def test_moving_a_phase_takes_its_checkpoints_along() -> None:
    script = three_phases()
    moved = editing.move_phase(script, 2, 0)
    assert [p.name for p in moved.phases] == ["C", "A", "B"]
    assert anchored_names(moved) == {"at-b": "B", "at-c": "C"}
    assert script_problems(moved) == []
    assert editing.move_phase(script, 1, 1) is script
    # Out-of-range targets are clamped, not an error.
    assert [p.name for p in editing.move_phase(script, 0, 99).phases] == ["B", "C", "A"]


def test_inserting_a_phase_keeps_checkpoints_on_their_phase() -> None:
    inserted = editing.insert_phase(three_phases(), 1, editing.new_phase(4))
    assert [p.name for p in inserted.phases] == ["A", "Phase 4", "B", "C"]
    assert anchored_names(inserted) == {"at-b": "B", "at-c": "C"}
    assert script_problems(inserted) == []


def test_removing_a_phase_orphans_only_its_own_checkpoints() -> None:
    removed = editing.remove_phase(three_phases(), 1)
    assert [p.name for p in removed.phases] == ["A", "C"]
    assert anchored_names(removed) == {"at-b": None, "at-c": "C"}
    # The orphan is reported in words instead of silently pointing at phase C.
    assert any("points at a phase that is not in the script" in p for p in script_problems(removed))


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=12))
def test_any_sequence_of_moves_keeps_every_checkpoint_on_its_phase(moves) -> None:  # noqa: ANN001
    script = Script("s", "Six", tuple(Phase(f"P{i}", 60) for i in range(6)),
                    tuple(Checkpoint(f"c{i}", "x", "check", "phase", 0, phase_index=i)
                          for i in range(6)))
    for index, target in moves:
        script = editing.move_phase(script, index, target)
    assert anchored_names(script) == {f"c{i}": f"P{i}" for i in range(6)}
    assert sorted(p.name for p in script.phases) == [f"P{i}" for i in range(6)]


def test_checkpoint_steps() -> None:
    script = three_phases()
    added = editing.add_checkpoint(script, editing.new_checkpoint(script))
    assert len(added.checkpoints) == 4 and added.checkpoints[-1].id == "check-4"
    assert script_problems(added) == []
    again = editing.add_checkpoint(added, editing.new_checkpoint(added))
    assert len({c.id for c in again.checkpoints}) == 5
    replaced = editing.replace_checkpoint(script, 2, Checkpoint("dose", "BP", "vitals", "dose", 60))
    assert replaced.checkpoints[2].label == "BP"
    assert [c.id for c in editing.remove_checkpoint(script, 0).checkpoints] == ["at-c", "dose"]


def test_replace_phase() -> None:
    replaced = editing.replace_phase(three_phases(), 0, Phase("Arrive", 300))
    assert replaced.phases[0] == Phase("Arrive", 300)
    assert replaced.phases[1:] == three_phases().phases[1:]


@pytest.mark.parametrize("music, planned, expected", [
    (38, 3600, "38 min of music for a 60 min phase"),
    (37.6, 3600, "38 min of music for a 60 min phase"),
    (0.2, 600, "1 min of music for a 10 min phase"),
    (95, 7200, "1 h 35 min of music for a 2 h phase"),
    (0, 3600, "No music chosen yet for a 60 min phase (Music, in the header)"),
    (None, 3600, ""),
])
def test_music_length_text(music: float | None, planned: int, expected: str) -> None:
    assert editing.music_length_text(music, planned) == expected


def test_an_empty_music_choice_is_named_in_words_never_as_a_slot() -> None:
    assert editing.music_length_text(0, 3600, "journey") == (
        "No Journey music chosen yet for a 60 min phase (Music, in the header)")


def test_words_for_lists_and_totals() -> None:
    assert editing.total_length_text(KAP_SUBLINGUAL) == "1 h 55 min in 5 phases"
    assert editing.length_text(0) == "0 min"
    journey = KAP_SUBLINGUAL.phases[2]
    assert editing.phase_line(3, journey) == "3. Lying-down journey — 60 min · ♪ Journey music"
    assert editing.phase_line(3, journey, 38) == \
        "3. Lying-down journey — 60 min · ♪ Journey music (38 min)"
    assert editing.phase_line(1, KAP_SUBLINGUAL.phases[0], 12) == "1. Check-in — 10 min · silence"
    lines = [editing.checkpoint_line(c, KAP_SUBLINGUAL) for c in KAP_SUBLINGUAL.checkpoints]
    assert lines == ["Baseline BP — vitals, at the session start",
                     "40-minute BP — vitals, 40 min after the dose",
                     "Discharge BP — vitals, at the start of “Discharge”"]
    orphan = Checkpoint("x", "Lost", "check", "phase", 0, phase_index=9)
    assert editing.checkpoint_when(orphan, KAP_SUBLINGUAL) == "at a missing phase"
