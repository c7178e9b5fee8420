"""Corrections of clinical records: which records count now, and whether a
correction may be stored.

A clinical record (a screening, a consent, a suicide-risk assessment; a
measure has its own rules in measure_course.py) is never edited (DOMAIN.md
"Records"): a correction is a new record naming the one it `supersedes`, with
the reason. `current` leaves the superseded ones out; `chain` follows a record
back through what it corrected; `correcting_problems` says in words why a
correction cannot be stored. Pure: any record with `id`, `client_id`,
`supersedes` and `reason` will do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class Correctable(Protocol):
    @property
    def id(self) -> int | None: ...

    @property
    def client_id(self) -> int: ...

    @property
    def supersedes(self) -> int | None: ...

    @property
    def reason(self) -> str: ...


R = TypeVar("R", bound=Correctable)


def current(records: Iterable[R]) -> list[R]:
    """The records no other record supersedes, in the order given."""
    records = list(records)
    replaced = {record.supersedes for record in records if record.supersedes is not None}
    return [record for record in records if record.id not in replaced]


def chain(record: Correctable, records: Sequence[Correctable]) -> tuple[int, ...]:
    """The ids of `record` and of every record it corrected, newest first."""
    by_id = {item.id: item for item in records if item.id is not None}
    ids: list[int] = [] if record.id is None else [record.id]
    step = record.supersedes
    while step is not None and step not in ids:
        ids.append(step)
        step = by_id[step].supersedes if step in by_id else None
    return tuple(ids)


def correcting_problems(new: Correctable, records: Iterable[Correctable],
                        what: str = "record") -> list[str]:
    """Why `new` cannot be stored as a correction among the client's `records`, in words."""
    if new.supersedes is None:
        return []
    by_id = {record.id: record for record in records}
    original = by_id.get(new.supersedes)
    if original is None:
        return [f"The {what} this corrects is not among the client's records."]
    problems = []
    if original.client_id != new.client_id:
        problems.append(f"A correction must be for the same client as the {what} it corrects.")
    if any(record.supersedes == original.id for record in by_id.values()
           if new.id is None or record.id != new.id):
        problems.append(f"This {what} was already corrected; correct the latest version instead.")
    if not new.reason.strip():
        problems.append(f"Say why the {what} is corrected.")
    return problems
