"""Scripts: validation in plain words, JSON round trips, editable copies."""

from __future__ import annotations

import json

import pytest

from kapdesk.core.builtin_scripts import BUILTIN_SCRIPTS, ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.script import Checkpoint, Phase, Script, ScriptFormatError, script_problems


def simple(**changes: object) -> Script:
    base = dict(
        id="s1", name="Simple",
        phases=(Phase("One", 600), Phase("Two", 300)),
        checkpoints=(Checkpoint("c1", "BP check", "vitals", "phase", 60, phase_index=1),),
    )
    base.update(changes)
    return Script(**base)  # type: ignore[arg-type]


def test_a_sound_script_has_no_problems() -> None:
    assert script_problems(simple()) == []


@pytest.mark.parametrize("script, expected", [
    (simple(phases=()), "at least one phase"),
    (simple(name="  "), "Give the script a name"),
    (simple(phases=(Phase("One", 0),)), "longer than zero"),
    (simple(phases=(Phase("One", -5),)), "longer than zero"),
    (simple(phases=(Phase("", 60),)), "Phase 1 needs a name"),
    (simple(checkpoints=(Checkpoint("c", "X", "vitals", "phase", 0, phase_index=7),)),
     "points at a phase that is not in the script"),
    (simple(checkpoints=(Checkpoint("c", "X", "vitals", "phase", 0),)),
     "points at a phase that is not in the script"),
    (simple(checkpoints=(Checkpoint("c", "X", "vitals", "session", 0),
                         Checkpoint("c", "Y", "check", "dose", 60))), "share the id “c”"),
    (simple(checkpoints=(Checkpoint("c", "X", "pulse", "session", 0),)), "not “pulse”"),
    (simple(checkpoints=(Checkpoint("c", "X", "check", "lunch", 0),)), "not “lunch”"),
    (simple(checkpoints=(Checkpoint("c", "X", "check", "dose", -60),)), "cannot be due before"),
    (simple(checkpoints=(Checkpoint("c", "X", "check", "dose", 0, grace_s=-1),)),
     "negative grace"),
    (simple(checkpoints=(Checkpoint("c", "", "check", "dose", 0),)), "needs a label"),
])
def test_problems_are_named_in_plain_language(script: Script, expected: str) -> None:
    problems = script_problems(script)
    assert any(expected in p for p in problems), problems


def test_json_round_trip_keeps_everything() -> None:
    for script in (*BUILTIN_SCRIPTS, simple()):
        text = json.dumps(script.to_dict())
        assert Script.from_dict(json.loads(text)) == script


def test_from_dict_fills_optional_fields_and_accepts_lists() -> None:
    data = {"id": "x", "name": "X", "phases": [{"name": "Only", "planned_s": 60}],
            "checkpoints": [{"id": "c", "label": "C", "kind": "check", "anchor": "session",
                             "offset_s": 0}]}
    script = Script.from_dict(data)
    assert script.phases == (Phase("Only", 60),)
    assert script.checkpoints[0].grace_s == 300 and script.checkpoints[0].phase_index is None
    assert script.builtin is False


@pytest.mark.parametrize("data, words", [
    ({"name": "X", "phases": []}, "A stored script is damaged: its identity is missing."),
    ({"id": "x", "name": "X", "phases": [{"name": "P"}]},
     "A stored phase is damaged: its planned length is missing."),
    ({"id": "x", "name": "X", "phases": [{"name": "P", "planned_s": "ten"}]},
     "A stored script is damaged: its planned length must be a whole number, not “ten”."),
    ({"id": "x", "name": "X", "phases": [{"name": "P", "planned_s": 1.5}]},
     "its planned length must be a whole number, not “1.5”."),
    ({"id": "x", "name": "X", "phases": "nope"},
     "A stored script is damaged: its phases cannot be read."),
])
def test_from_dict_rejects_malformed_data_in_words(data: dict, words: str) -> None:
    with pytest.raises(ScriptFormatError) as raised:
        Script.from_dict(data)
    assert words in str(raised.value)
    assert "_s" not in str(raised.value) and "_index" not in str(raised.value)


def test_duplicate_is_an_editable_copy() -> None:
    copy = KAP_SUBLINGUAL.duplicate("mine", "My KAP")
    assert (copy.id, copy.name, copy.builtin) == ("mine", "My KAP", False)
    assert copy.phases == KAP_SUBLINGUAL.phases and copy.checkpoints == KAP_SUBLINGUAL.checkpoints
    assert KAP_SUBLINGUAL.builtin is True


def test_helpers() -> None:
    script = simple()
    assert script.total_planned_s == 900
    assert script.checkpoint("c1") is script.checkpoints[0] and script.checkpoint("zz") is None
    assert ESKETAMINE.phase_index_of_kind("dose") == 1
    assert script.phase_index_of_kind("dose") is None


def test_lists_become_tuples_so_scripts_stay_immutable() -> None:
    script = Script("x", "X", [Phase("P", 60)], [])  # type: ignore[arg-type]
    assert isinstance(script.phases, tuple) and isinstance(script.checkpoints, tuple)
