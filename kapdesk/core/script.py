"""Session scripts: the planned phases of a dosing session and its checkpoints.

A script is plain, frozen data. The practice stores its own scripts as JSON
(`to_dict`/`from_dict`), and every session keeps a snapshot of the script it
ran with, so editing a script later never rewrites a past session.
`script_problems` says in plain language what is wrong with a draft script,
because therapists edit scripts in a form, not in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

CHECKPOINT_KINDS = ("vitals", "check")
ANCHORS = ("session", "dose", "phase")
# The phase kinds the built-in scripts use; custom scripts may use others or none.
PHASE_KINDS = ("check-in", "dose", "journey", "observation", "debrief", "discharge")
# The words a therapist reads for each stored kind ("check-in" is an identifier).
PHASE_KIND_WORDS: Mapping[str, str] = {
    "check-in": "Check-in", "dose": "Dose (the dose is recorded in it)", "journey": "Journey",
    "observation": "Observation", "debrief": "Debrief", "discharge": "Discharge",
}
# The music a phase can play, in words. Stored as a "music slot" name the music
# library gives a playlist; the therapist reads "Journey music", never "slot".
MUSIC_SLOT_WORDS: Mapping[str, str] = {
    "check-in": "Check-in", "dissolve": "Dissolve", "journey": "Journey", "return": "Return",
}


def kind_words(kind: str) -> str:
    """"Journey" for "journey"; a kind made elsewhere is shown as it was written."""
    if not kind:
        return "Other (no particular kind)"
    return PHASE_KIND_WORDS.get(kind, kind.replace("_", " ").replace("-", " ").capitalize())


def music_words(slot: str | None) -> str:
    """"Journey music" for the slot "journey"; "Silence" for none."""
    if not slot:
        return "Silence"
    known = MUSIC_SLOT_WORDS.get(slot)
    return f"{known} music" if known else f"“{slot}” music"


# What the editor accepts, in whole minutes. A value outside is refused in words
# (script_problems) and kept as typed, never silently cut to fit: 999 for a
# phase is a typo the therapist must see, not a 600-minute phase.
MAX_PHASE_MINUTES = 600  # ten hours: longer than any dosing session
MAX_CHECKPOINT_MINUTES = 600
MAX_GRACE_MINUTES = 120


class ScriptFormatError(ValueError):
    """A stored script could not be read (missing or mistyped fields)."""


@dataclass(frozen=True)
class Checkpoint:
    """Something to do at a time: take vitals, or check on the client.

    Due `offset_s` after its anchor: the session start, the dose (the latest
    one recorded), or the start of phase `phase_index`. It turns overdue
    `grace_s` after it is due.
    """

    id: str
    label: str
    kind: str  # "vitals" | "check"
    anchor: str  # "session" | "dose" | "phase"
    offset_s: int
    phase_index: int | None = None
    grace_s: int = 300

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "kind": self.kind, "anchor": self.anchor,
            "offset_s": self.offset_s, "phase_index": self.phase_index, "grace_s": self.grace_s,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Checkpoint:
        _require(data, ("id", "label", "kind", "anchor", "offset_s"), "checkpoint")
        return cls(
            id=str(data["id"]), label=str(data["label"]), kind=str(data["kind"]),
            anchor=str(data["anchor"]), offset_s=_int(data["offset_s"], "offset_s"),
            phase_index=_optional_int(data.get("phase_index"), "phase_index"),
            grace_s=_int(data.get("grace_s", 300), "grace_s"),
        )


@dataclass(frozen=True)
class Phase:
    """One stretch of the session: its planned length, guidance and music."""

    name: str
    planned_s: int
    guidance: str = ""
    music_slot: str | None = None  # e.g. "dissolve", "journey", "return"; None = silence
    kind: str = ""  # e.g. "dose": lets the UI find the dose phase without guessing by name

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "planned_s": self.planned_s, "guidance": self.guidance,
            "music_slot": self.music_slot, "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Phase:
        _require(data, ("name", "planned_s"), "phase")
        slot = data.get("music_slot")
        return cls(
            name=str(data["name"]), planned_s=_int(data["planned_s"], "planned_s"),
            guidance=str(data.get("guidance", "")),
            music_slot=None if slot is None else str(slot), kind=str(data.get("kind", "")),
        )


@dataclass(frozen=True)
class Script:
    """A named sequence of phases with checkpoints. Built-in scripts are read-only."""

    id: str
    name: str
    phases: tuple[Phase, ...]
    checkpoints: tuple[Checkpoint, ...] = field(default=())
    builtin: bool = False

    def __post_init__(self) -> None:
        # Accept lists from callers but keep the frozen object truly immutable.
        object.__setattr__(self, "phases", tuple(self.phases))
        object.__setattr__(self, "checkpoints", tuple(self.checkpoints))

    @property
    def total_planned_s(self) -> int:
        return sum(phase.planned_s for phase in self.phases)

    def phase_index_of_kind(self, kind: str) -> int | None:
        """The first phase of this kind (e.g. "dose"), or None."""
        return next((i for i, phase in enumerate(self.phases) if phase.kind == kind), None)

    def checkpoint(self, checkpoint_id: str) -> Checkpoint | None:
        return next((c for c in self.checkpoints if c.id == checkpoint_id), None)

    def duplicate(self, new_id: str, new_name: str) -> Script:
        """An editable copy, e.g. of a built-in script the practice wants to adapt."""
        return replace(self, id=new_id, name=new_name, builtin=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "builtin": self.builtin,
            "phases": [phase.to_dict() for phase in self.phases],
            "checkpoints": [checkpoint.to_dict() for checkpoint in self.checkpoints],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Script:
        _require(data, ("id", "name", "phases"), "script")
        return cls(
            id=str(data["id"]), name=str(data["name"]),
            phases=tuple(Phase.from_dict(p) for p in _list(data["phases"], "phases")),
            checkpoints=tuple(
                Checkpoint.from_dict(c) for c in _list(data.get("checkpoints", []), "checkpoints")
            ),
            builtin=bool(data.get("builtin", False)),
        )


def script_problems(script: Script) -> list[str]:
    """Plain-language problems with a script; an empty list means it can run."""
    problems = []
    if not script.name.strip():
        problems.append("Give the script a name.")
    if not script.phases:
        problems.append("A script needs at least one phase.")
    for number, phase in enumerate(script.phases, start=1):
        problems.extend(_phase_problems(number, phase))
    seen: set[str] = set()
    for checkpoint in script.checkpoints:
        if checkpoint.id in seen:
            problems.append(
                f"Two checkpoints share the id “{checkpoint.id}”; ids must be unique.")
        seen.add(checkpoint.id)
        problems.extend(_checkpoint_problems(checkpoint, len(script.phases)))
    return problems


def phase_length_fits(phase: Phase) -> bool:
    """Whether the phase's planned length is one the editor accepts (1-600 min)."""
    return 0 < phase.planned_s <= MAX_PHASE_MINUTES * 60


def checkpoint_times_fit(checkpoint: Checkpoint) -> tuple[bool, bool]:
    """Whether (its time after the anchor, its grace period) are in range."""
    return (0 <= checkpoint.offset_s <= MAX_CHECKPOINT_MINUTES * 60,
            0 <= checkpoint.grace_s <= MAX_GRACE_MINUTES * 60)


def _phase_problems(number: int, phase: Phase) -> list[str]:
    problems = []
    if not phase.name.strip():
        problems.append(f"Phase {number} needs a name.")
    if phase.planned_s <= 0:
        problems.append(f"Phase {number} (“{phase.name}”) must last longer than zero minutes.")
    elif phase.planned_s > MAX_PHASE_MINUTES * 60:
        problems.append(f"Phase {number} (“{phase.name}”) is set to "
                        f"{_minutes(phase.planned_s)} min; a phase lasts 1 to "
                        f"{MAX_PHASE_MINUTES} minutes.")
    return problems


def _minutes(seconds: int) -> str:
    return f"{seconds / 60:g}"


def _checkpoint_problems(checkpoint: Checkpoint, phase_count: int) -> list[str]:
    name = f"Checkpoint “{checkpoint.label or checkpoint.id}”"
    problems = []
    if not checkpoint.id.strip():
        problems.append(f"{name} needs an id.")
    if not checkpoint.label.strip():
        problems.append(f"Checkpoint “{checkpoint.id}” needs a label.")
    if checkpoint.kind not in CHECKPOINT_KINDS:
        problems.append(
            f"{name} must be a vitals check or a general check, not “{checkpoint.kind}”.")
    if checkpoint.anchor not in ANCHORS:
        problems.append(
            f"{name} must count from the session start, the dose or a phase, "
            f"not “{checkpoint.anchor}”."
        )
    if checkpoint.anchor == "phase" and not _valid_index(checkpoint.phase_index, phase_count):
        problems.append(f"{name} points at a phase that is not in the script.")
    if checkpoint.offset_s < 0:
        problems.append(f"{name} cannot be due before the moment it counts from.")
    elif checkpoint.offset_s > MAX_CHECKPOINT_MINUTES * 60:
        problems.append(f"{name} is due {_minutes(checkpoint.offset_s)} min after it starts "
                        f"counting; it can be due 0 to {MAX_CHECKPOINT_MINUTES} minutes after.")
    if checkpoint.grace_s < 0:
        problems.append(f"{name} cannot have a negative grace period.")
    elif checkpoint.grace_s > MAX_GRACE_MINUTES * 60:
        problems.append(f"{name} turns overdue {_minutes(checkpoint.grace_s)} min after it is "
                        f"due; that can be 0 to {MAX_GRACE_MINUTES} minutes.")
    return problems


def _valid_index(index: int | None, count: int) -> bool:
    return index is not None and 0 <= index < count


# The stored fields in words: a damaged script is reported to a therapist, who
# should not read "planned_s".
_FIELD_WORDS: Mapping[str, str] = {
    "id": "its identity", "name": "its name", "label": "its label", "kind": "its kind",
    "anchor": "what it counts from", "phases": "its phases", "checkpoints": "its checkpoints",
    "planned_s": "its planned length", "offset_s": "its time", "phase_index": "its phase",
    "grace_s": "its grace period",
}


def _words(name: str) -> str:
    return _FIELD_WORDS.get(name, name.replace("_", " "))


def _require(data: Mapping[str, Any], keys: tuple[str, ...], what: str) -> None:
    if not isinstance(data, Mapping):
        raise ScriptFormatError(f"A stored {what} is damaged: it cannot be read.")
    missing = [_words(key) for key in keys if key not in data]
    if missing:
        raise ScriptFormatError(f"A stored {what} is damaged: {' and '.join(missing)} "
                                f"{'is' if len(missing) == 1 else 'are'} missing.")


def _int(value: Any, name: str) -> int:
    # bool is an int in Python, but True is never a meaningful number of seconds.
    ok = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if isinstance(value, bool) or not ok:
        raise ScriptFormatError(f"A stored script is damaged: {_words(name)} must be a whole "
                                f"number, not “{value}”.")
    return int(value)


def _optional_int(value: Any, name: str) -> int | None:
    return None if value is None else _int(value, name)


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, (list, tuple)):
        raise ScriptFormatError(f"A stored script is damaged: {_words(name)} cannot be read.")
    return list(value)
