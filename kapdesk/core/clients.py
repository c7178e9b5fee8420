"""A client as the therapist describes them, and what makes that description valid."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class ClientDraft:
    """What the client form edits. Only a display name (or initials) is required."""

    display_name: str
    date_of_birth: str | None = None  # ISO yyyy-mm-dd
    pronouns: str = ""
    notes: str = ""
    intention: str = ""
    music_likes: str = ""
    music_dislikes: str = ""

    def cleaned(self) -> ClientDraft:
        return replace(
            self,
            display_name=self.display_name.strip(),
            date_of_birth=_normal_date((self.date_of_birth or "").strip()) or None,
            pronouns=self.pronouns.strip(),
        )


def _normal_date(text: str) -> str:
    """'19840321' and '1984-03-21' are the same day; store the second form."""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return text  # left for client_problems to explain


@dataclass(frozen=True)
class ClientRecord:
    id: int
    draft: ClientDraft
    archived: bool = False

    @property
    def display_name(self) -> str:
        return self.draft.display_name


DRAFT_FIELDS = tuple(field.name for field in fields(ClientDraft))
# The stored columns a ClientRecord is made of, in the order the stores read them.
RECORD_COLUMNS = ("id", "archived", *DRAFT_FIELDS)


def record_from_row(row: Mapping[str, Any]) -> ClientRecord:
    """A client from a stored row (any mapping holding RECORD_COLUMNS)."""
    draft = ClientDraft(**{name: row[name] for name in DRAFT_FIELDS})
    return ClientRecord(id=row["id"], draft=draft, archived=bool(row["archived"]))


def in_list_order(records: Iterable[ClientRecord]) -> list[ClientRecord]:
    """The client list's order: by name, ignoring case."""
    return sorted(records, key=lambda client: client.display_name.casefold())


def client_problems(draft: ClientDraft, today: dt.date) -> list[str]:
    """Plain-language problems with a draft; empty when it can be saved."""
    problems = []
    draft = draft.cleaned()
    if not draft.display_name:
        problems.append("Give the client a name or initials.")
    elif len(draft.display_name) > 200:
        problems.append("The name is too long (200 characters at most).")
    if draft.date_of_birth:
        problems.extend(_date_of_birth_problems(draft.date_of_birth, today))
    if len(draft.pronouns) > 50:
        problems.append("Pronouns are too long (50 characters at most).")
    return problems


def _date_of_birth_problems(text: str, today: dt.date) -> list[str]:
    try:
        born = dt.date.fromisoformat(text)
    except ValueError:
        return [f"“{text}” is not a date; write it as year-month-day, e.g. 1984-03-21."]
    if born > today:
        return ["The date of birth is in the future."]
    if born.year < today.year - 120:
        return ["The date of birth is more than 120 years ago."]
    return []
