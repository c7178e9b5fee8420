"""When each checkpoint falls due, and where it stands at a given moment.

Pure functions used by `timeline.replay`. A checkpoint counts from an anchor
(session start, the dose, or the start of a phase); until that anchor has
happened its due time is unknown and it is "waiting". Then it is "upcoming",
"due" at its time, "overdue" once its grace period has passed, or "done" /
"dismissed" once the therapist has dealt with it.

Once a session has ended nothing is ahead of it any more: `final_status`
gives each checkpoint its final standing, "done", "dismissed", "missed" (it
fell due before the end and was never dealt with) or "not reached" (the end
came before it was due, or its anchor never came).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from kapdesk.core.script import Checkpoint

# A vitals reading taken up to five minutes before a vitals checkpoint is due
# answers it: nobody should have to repeat a blood pressure a minute later
# only because the cuff came off early.
VITALS_EARLY_S = 300

OPEN_STATUSES = ("waiting", "upcoming", "due", "overdue")
RESOLVED_STATUSES = ("done", "dismissed")
FINAL_STATUSES = ("done", "dismissed", "missed", "not reached")


@dataclass(frozen=True)
class Anchors:
    """The moments checkpoints count from, as known at some instant."""

    started_at: float | None = None
    dose_at: float | None = None
    phase_starts: Mapping[int, float] = field(default_factory=dict)  # first entry per phase


@dataclass(frozen=True)
class Resolution:
    """How the therapist dealt with a checkpoint."""

    status: str  # "done" | "dismissed"
    at: float
    reason: str | None = None


@dataclass(frozen=True)
class CheckpointStatus:
    checkpoint: Checkpoint
    due_at: float | None  # None while its anchor has not happened
    status: str  # "waiting" | "upcoming" | "due" | "overdue" | "done" | "dismissed"
    resolved_at: float | None = None
    reason: str | None = None  # why it was dismissed

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def overdue_at(self) -> float | None:
        return None if self.due_at is None else self.due_at + self.checkpoint.grace_s


def due_at(checkpoint: Checkpoint, anchors: Anchors) -> float | None:
    """The wall time the checkpoint falls due, or None if its anchor is still ahead."""
    if checkpoint.anchor == "session":
        base = anchors.started_at
    elif checkpoint.anchor == "dose":
        base = anchors.dose_at
    elif checkpoint.anchor == "phase" and checkpoint.phase_index is not None:
        base = anchors.phase_starts.get(checkpoint.phase_index)
    else:
        base = None
    return None if base is None else base + checkpoint.offset_s


def status_at(
    checkpoint: Checkpoint, anchors: Anchors, resolution: Resolution | None, t: float
) -> CheckpointStatus:
    """Where one checkpoint stands at wall time `t`."""
    due = due_at(checkpoint, anchors)
    if resolution is not None:
        return CheckpointStatus(
            checkpoint, due, resolution.status, resolution.at, resolution.reason)
    if due is None:
        status = "waiting"
    elif t < due:
        status = "upcoming"
    elif t < due + checkpoint.grace_s:
        status = "due"
    else:
        status = "overdue"
    return CheckpointStatus(checkpoint, due, status)


def checkpoint_statuses(
    checkpoints: Iterable[Checkpoint],
    anchors: Anchors,
    resolutions: Mapping[str, Resolution],
    t: float,
) -> tuple[CheckpointStatus, ...]:
    """Every checkpoint's standing at `t`, in script order."""
    return tuple(status_at(c, anchors, resolutions.get(c.id), t) for c in checkpoints)


def final_status(status: CheckpointStatus) -> str:
    """The standing of a checkpoint of an ended session (statuses taken at its end)."""
    if status.status in RESOLVED_STATUSES:
        return status.status
    if status.status in ("due", "overdue"):
        return "missed"
    return "not reached"  # "waiting" or "upcoming": it was not due before the end


def next_due(statuses: Iterable[CheckpointStatus]) -> CheckpointStatus | None:
    """The open checkpoint with the earliest known due time (for "BP check in 4 min")."""
    timed = [s for s in statuses if s.is_open and s.due_at is not None]
    return min(timed, key=lambda s: s.due_at or 0.0, default=None)


def vitals_checkpoint_answered(
    checkpoints: Iterable[Checkpoint],
    anchors: Anchors,
    resolutions: Mapping[str, Resolution],
    t: float,
) -> str | None:
    """The id of the vitals checkpoint a reading taken at `t` answers, if any.

    Candidates are open vitals checkpoints that are due, overdue, or upcoming
    within VITALS_EARLY_S. Of those, the one due nearest to `t` wins (ties:
    the earlier one). Nearest rather than simply earliest so that a reading
    40 minutes after the dose is filed as the 40-minute reading, not as a
    missed pre-dose baseline: that would make the record say the client had
    a baseline they never had.
    """
    candidates = []
    for order, checkpoint in enumerate(checkpoints):
        due = due_at(checkpoint, anchors)
        if checkpoint.kind != "vitals" or checkpoint.id in resolutions or due is None:
            continue
        if t >= due - VITALS_EARLY_S:
            candidates.append((abs(t - due), due, order, checkpoint.id))
    return min(candidates)[3] if candidates else None
