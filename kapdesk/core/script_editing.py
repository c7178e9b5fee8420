"""Editing a script as a therapist does in a form: pure steps, no Qt.

A `Script` is frozen, so every step here returns a new script. The steps keep
checkpoints honest while phases move: a checkpoint anchored to "the start of
phase 3" follows that phase when it is moved, and loses its anchor (so
`script_problems` says so in words) when that phase is removed, rather than
silently pointing at whichever phase slid into its place.

The form speaks in minutes and words ("none" for no music); scripts store
seconds and `None`. The conversions live here so the editor and its tests
agree on them.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from kapdesk.core.formatting import format_minutes
from kapdesk.core.script import Checkpoint, Phase, Script, music_words

# The music slots a phase can use. "none" is the form's word for silence
# (stored as `music_slot=None`); the music engine maps the others to playlists.
NO_MUSIC = "none"
MUSIC_SLOTS = (NO_MUSIC, "check-in", "dissolve", "journey", "return")

DEFAULT_GRACE_MINUTES = 5
NEW_PHASE_MINUTES = 10


# -- form values <-> script values ------------------------------------------

def minutes_to_seconds(minutes: float) -> int:
    """Whole seconds for a number of minutes typed in the form."""
    return round(minutes * 60)


def seconds_to_minutes(seconds: int) -> int:
    """Whole minutes for the form: the grain therapists plan in.

    Scripts made in this editor hold whole minutes, so this is exact for them.
    """
    return round(seconds / 60)


def slot_from_choice(choice: str) -> str | None:
    """The stored music slot for a combo choice: "none" means silence (None)."""
    choice = choice.strip()
    return None if not choice or choice == NO_MUSIC else choice


def choice_from_slot(slot: str | None) -> str:
    return NO_MUSIC if not slot else slot


def phase_from_form(name: str, minutes: float, kind: str, guidance: str, slot_choice: str) -> Phase:
    """A phase from the phase form. Names keep what was typed, trimmed at the ends."""
    return Phase(
        name=name.strip(), planned_s=minutes_to_seconds(minutes), guidance=guidance.strip(),
        music_slot=slot_from_choice(slot_choice), kind=kind.strip(),
    )


def checkpoint_from_form(checkpoint_id: str, label: str, kind: str, anchor: str,
                         phase_index: int | None, offset_minutes: float,
                         grace_minutes: float) -> Checkpoint:
    """A checkpoint from the checkpoint form; the phase only counts for a phase anchor."""
    return Checkpoint(
        id=checkpoint_id, label=label.strip(), kind=kind, anchor=anchor,
        offset_s=minutes_to_seconds(offset_minutes),
        phase_index=phase_index if anchor == "phase" else None,
        grace_s=minutes_to_seconds(grace_minutes),
    )


# -- copies -----------------------------------------------------------------

def new_script_id() -> str:
    """A fresh id for a practice's own script; never collides with the built-ins'."""
    return str(uuid.uuid4())


def copy_name(name: str) -> str:
    return f"{name} (copy)"


def duplicate_script(script: Script, new_id: str | None = None) -> Script:
    """An editable copy named "<name> (copy)" under a new id."""
    return script.duplicate(new_id or new_script_id(), copy_name(script.name))


# -- phases -----------------------------------------------------------------

def new_phase(number: int) -> Phase:
    """A placeholder phase for "Add phase": valid as it stands, ready to be renamed."""
    return Phase(name=f"Phase {number}", planned_s=minutes_to_seconds(NEW_PHASE_MINUTES))


def replace_phase(script: Script, index: int, phase: Phase) -> Script:
    phases = list(script.phases)
    phases[index] = phase
    return replace(script, phases=tuple(phases))


def insert_phase(script: Script, index: int, phase: Phase) -> Script:
    """Insert before `index` (at the end if `index` is the phase count)."""
    index = max(0, min(index, len(script.phases)))
    phases = list(script.phases)
    phases.insert(index, phase)

    def remap(old: int) -> int | None:
        return old + 1 if old >= index else old

    return replace(script, phases=tuple(phases), checkpoints=_remap(script.checkpoints, remap))


def remove_phase(script: Script, index: int) -> Script:
    """Remove a phase; checkpoints anchored to it lose their phase (and are then a problem)."""
    phases = list(script.phases)
    del phases[index]

    def remap(old: int) -> int | None:
        if old == index:
            return None
        return old - 1 if old > index else old

    return replace(script, phases=tuple(phases), checkpoints=_remap(script.checkpoints, remap))


def move_phase(script: Script, index: int, new_index: int) -> Script:
    """Move a phase to `new_index`; phase-anchored checkpoints move with their phases."""
    count = len(script.phases)
    new_index = max(0, min(new_index, count - 1))
    if index == new_index:
        return script
    order = list(range(count))
    order.insert(new_index, order.pop(index))
    new_position = {old: new for new, old in enumerate(order)}
    phases = tuple(script.phases[old] for old in order)
    return replace(script, phases=phases,
                   checkpoints=_remap(script.checkpoints, new_position.get))


def _remap(checkpoints: tuple[Checkpoint, ...], remap) -> tuple[Checkpoint, ...]:  # noqa: ANN001
    result = []
    for checkpoint in checkpoints:
        if checkpoint.phase_index is not None:
            checkpoint = replace(checkpoint, phase_index=remap(checkpoint.phase_index))
        result.append(checkpoint)
    return tuple(result)


# -- checkpoints ------------------------------------------------------------

def new_checkpoint_id(script: Script) -> str:
    """An id not yet used in this script: "check-1", "check-2", ...

    Ids only need to be unique within a script; sessions refer to them.
    """
    used = {checkpoint.id for checkpoint in script.checkpoints}
    number = len(script.checkpoints) + 1
    while f"check-{number}" in used:
        number += 1
    return f"check-{number}"


def new_checkpoint(script: Script) -> Checkpoint:
    """A placeholder for "Add checkpoint": a check 30 minutes after the dose."""
    return Checkpoint(id=new_checkpoint_id(script), label="New check", kind="check",
                      anchor="dose", offset_s=minutes_to_seconds(30),
                      grace_s=minutes_to_seconds(DEFAULT_GRACE_MINUTES))


def add_checkpoint(script: Script, checkpoint: Checkpoint) -> Script:
    return replace(script, checkpoints=(*script.checkpoints, checkpoint))


def replace_checkpoint(script: Script, index: int, checkpoint: Checkpoint) -> Script:
    checkpoints = list(script.checkpoints)
    checkpoints[index] = checkpoint
    return replace(script, checkpoints=tuple(checkpoints))


def remove_checkpoint(script: Script, index: int) -> Script:
    checkpoints = list(script.checkpoints)
    del checkpoints[index]
    return replace(script, checkpoints=tuple(checkpoints))


# -- words for the editor ---------------------------------------------------

def length_text(seconds: int) -> str:
    """"0 min", "10 min", "1 h 55 min"."""
    return "0 min" if seconds <= 0 else format_minutes(seconds)


def total_length_text(script: Script) -> str:
    phases = len(script.phases)
    return (f"{length_text(script.total_planned_s)} in {phases} "
            f"phase{'s' if phases != 1 else ''}")


def music_length_text(music_minutes: float | None, planned_s: int, slot: str | None = None) -> str:
    """"38 min of music for a 60 min phase", or "" when the length is not known."""
    if music_minutes is None:
        return ""
    phase = length_text(planned_s)
    if music_minutes <= 0:
        music = music_words(slot) if slot else "music"
        return f"No {music} chosen yet for a {phase} phase (Music, in the header)"
    # A few seconds of music still reads as music, not as "0 min".
    shown = max(1, round(music_minutes))
    return f"{length_text(shown * 60)} of music for a {phase} phase"


def phase_line(number: int, phase: Phase, music_minutes: float | None = None) -> str:
    """One line in the phase list: "3. Lying-down journey — 60 min · ♪ Journey music (38 min)"."""
    music = f"♪ {music_words(phase.music_slot)}" if phase.music_slot else "silence"
    if phase.music_slot and music_minutes is not None:
        music += f" ({length_text(max(1, round(music_minutes)) * 60) if music_minutes > 0 else 'empty'})"
    return f"{number}. {phase.name or '(no name)'} — {length_text(phase.planned_s)} · {music}"


def checkpoint_when(checkpoint: Checkpoint, script: Script) -> str:
    """When a checkpoint is due, in words: "40 min after the dose"."""
    anchor = _anchor_words(checkpoint, script)
    if checkpoint.offset_s <= 0:
        return f"at {anchor}"
    return f"{length_text(checkpoint.offset_s)} after {anchor}"


def _anchor_words(checkpoint: Checkpoint, script: Script) -> str:
    if checkpoint.anchor == "session":
        return "the session start"
    if checkpoint.anchor == "dose":
        return "the dose"
    index = checkpoint.phase_index
    if index is None or not 0 <= index < len(script.phases):
        return "a missing phase"
    return f"the start of “{script.phases[index].name}”"


def checkpoint_line(checkpoint: Checkpoint, script: Script) -> str:
    """One line in the checkpoint list: "40-minute BP — vitals, 40 min after the dose"."""
    kind = "vitals" if checkpoint.kind == "vitals" else "a check on the client"
    return f"{checkpoint.label or '(no label)'} — {kind}, {checkpoint_when(checkpoint, script)}"
