"""Intake screening: the contraindication list, a client's answers to it, current
medications, and whether the client is eligible for a dose, in words.

The seed's contraindication list (DOMAIN.md "Contraindications") is the
labelled default, `DEFAULT_CONTRAINDICATIONS`, version 1. A practice edits it in
settings; every edit is a new version (`edited_list`), and every screening
stores the version it answered. An item is either an exclusion (a "yes" or an
"unknown" makes the client not eligible) or a clearance item (a "yes" needs a
recorded medical clearance: by whom, when, a note). Items keep a stable `key`
across versions so a reworded item keeps its answers.

`screening_verdict` reads a screening against the practice's current list: an
item the screening never asked (added to the list since) counts as "unknown",
so a new exclusion is never passed over silently. An "unknown" on a clearance
item also needs a clearance: nobody has said the condition is absent. A
screening is due again after a setting (default 6 months). Pure functions of
plain records; dates are calendar dates (`datetime.date`), the day the
therapist wrote down.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any


class ItemKind(str, Enum):
    EXCLUSION = "exclusion"
    CLEARANCE = "clearance"  # medical clearance required


class Answer(str, Enum):
    NO = "no"
    YES = "yes"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ContraindicationItem:
    key: str  # stable across versions of the list
    text: str
    kind: ItemKind


@dataclass(frozen=True)
class ContraindicationList:
    """One version of the practice's list."""

    version: int
    items: tuple[ContraindicationItem, ...]
    label: str = ""  # "the seed's list" for the default; empty for a practice's own

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))

    def item(self, key: str) -> ContraindicationItem | None:
        return next((item for item in self.items if item.key == key), None)

    def to_data(self) -> dict[str, Any]:
        return {"version": self.version, "label": self.label,
                "items": [{"key": i.key, "text": i.text, "kind": i.kind.value}
                          for i in self.items]}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ContraindicationList:
        return cls(int(data["version"]),
                   tuple(ContraindicationItem(i["key"], i["text"], ItemKind(i["kind"]))
                         for i in data["items"]),
                   data.get("label") or "")


def _item(key: str, text: str, kind: ItemKind) -> ContraindicationItem:
    return ContraindicationItem(key, text, kind)


# DOMAIN.md "Contraindications (oral ketamine at home)", from the seed articles.
DEFAULT_CONTRAINDICATIONS = ContraindicationList(
    version=1,
    label="Default: the contraindications for oral ketamine at home from the KAP articles",
    items=(
        _item("ketamine_abuse", "History of ketamine abuse or dependence", ItemKind.EXCLUSION),
        _item("psychosis_mania", "Active psychosis or mania", ItemKind.EXCLUSION),
        _item("schizophrenia", "Schizophrenia or schizoaffective disorder", ItemKind.EXCLUSION),
        _item("suicidality", "Active suicidal ideation or a suicide attempt in the past year",
              ItemKind.EXCLUSION),
        _item("glaucoma", "Glaucoma", ItemKind.EXCLUSION),
        _item("intracranial_pressure", "Increased intracranial pressure", ItemKind.EXCLUSION),
        _item("pregnant_nursing", "Pregnant or nursing", ItemKind.EXCLUSION),
        _item("hypertension", "Uncontrolled hypertension", ItemKind.CLEARANCE),
        _item("heart_failure", "Congestive heart failure", ItemKind.CLEARANCE),
        _item("copd", "COPD", ItemKind.CLEARANCE),
        _item("hyperthyroidism", "Hyperthyroidism", ItemKind.CLEARANCE),
    ),
)

MAX_ITEM_TEXT = 200


def item_key(text: str, taken: Iterable[str]) -> str:
    """A new stable key for an item added in settings, unlike any in `taken`."""
    base = re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")[:40] or "item"
    taken = set(taken)
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def list_problems(items: Sequence[ContraindicationItem]) -> list[str]:
    """What is wrong with an edited list, in words ([] when it can be saved)."""
    problems = []
    if not items:
        problems.append("The list is empty; keep at least one item.")
    seen_keys: set[str] = set()
    seen_texts: set[str] = set()
    for number, item in enumerate(items, 1):
        text = item.text.strip()
        if not text:
            problems.append(f"Item {number} has no text.")
        elif len(text) > MAX_ITEM_TEXT:
            problems.append(f"Item {number} is longer than {MAX_ITEM_TEXT} characters.")
        elif text.casefold() in seen_texts:
            problems.append(f"\u201c{text}\u201d is on the list twice.")
        seen_texts.add(text.casefold())
        if not item.key or item.key in seen_keys:
            problems.append(f"Item {number} needs a key of its own.")
        seen_keys.add(item.key)
    return problems


def edited_list(current: ContraindicationList,
                items: Sequence[ContraindicationItem]) -> ContraindicationList:
    """The practice's edit as the next version (the same list back if nothing changed).

    Raises ValueError with the words of `list_problems` for a list that cannot be saved.
    """
    cleaned = tuple(ContraindicationItem(i.key, i.text.strip(), i.kind) for i in items)
    problems = list_problems(cleaned)
    if problems:
        raise ValueError(" ".join(problems))
    if cleaned == current.items:
        return current
    return ContraindicationList(current.version + 1, cleaned)


@dataclass(frozen=True)
class ItemAnswer:
    key: str
    answer: Answer
    note: str = ""


@dataclass(frozen=True)
class Medication:
    name: str
    dose: str = ""  # as written: "20 mg once a day"
    since: str = ""  # as the client says it: "2019", "March 2024", "years"
    note: str = ""

    @property
    def words(self) -> str:
        text = self.name
        if self.dose:
            text += f", {self.dose}"
        if self.since:
            text += f", since {self.since}"
        if self.note:
            text += f" ({self.note})"
        return text


def medication_problems(medication: Medication) -> list[str]:
    problems = []
    if not medication.name.strip():
        problems.append("A medication needs its name.")
    for label, value in (("name", medication.name), ("dose", medication.dose),
                         ("since", medication.since)):
        if len(value) > MAX_ITEM_TEXT:
            problems.append(f"The medication's {label} is longer than {MAX_ITEM_TEXT} characters.")
    return problems


@dataclass(frozen=True)
class Clearance:
    """A medical clearance for one clearance item of one screening."""

    item_key: str
    cleared_by: str
    cleared_on: dt.date
    note: str = ""

    @property
    def words(self) -> str:
        text = f"cleared by {self.cleared_by}, {self.cleared_on.isoformat()}"
        return f"{text}: {self.note}" if self.note else text


@dataclass(frozen=True)
class Screening:
    """One dated intake screening of one client. `id` is None until stored."""

    client_id: int
    screened_on: dt.date
    list_version: int  # the version of the contraindication list it answered
    answers: tuple[ItemAnswer, ...]
    medications: tuple[Medication, ...] = ()
    clearances: tuple[Clearance, ...] = ()  # recorded later, each for one item
    screened_by: str = ""
    id: int | None = None
    supersedes: int | None = None  # the stored screening this one corrects
    reason: str = ""  # why it was corrected

    def __post_init__(self) -> None:
        for name in ("answers", "medications", "clearances"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def answer_to(self, key: str) -> ItemAnswer | None:
        return next((answer for answer in self.answers if answer.key == key), None)

    def clearance_for(self, key: str) -> Clearance | None:
        """The latest clearance recorded for item `key`."""
        found = [c for c in self.clearances if c.item_key == key]
        return max(found, key=lambda c: c.cleared_on) if found else None

    def with_clearance(self, clearance: Clearance) -> Screening:
        return Screening(self.client_id, self.screened_on, self.list_version, self.answers,
                         self.medications, (*self.clearances, clearance), self.screened_by,
                         self.id, self.supersedes, self.reason)

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.id, "client_id": self.client_id,
            "screened_on": self.screened_on.isoformat(), "list_version": self.list_version,
            "screened_by": self.screened_by,
            "answers": [{"key": a.key, "answer": a.answer.value, "note": a.note}
                        for a in self.answers],
            "medications": [{"name": m.name, "dose": m.dose, "since": m.since, "note": m.note}
                            for m in self.medications],
            "clearances": [{"item_key": c.item_key, "cleared_by": c.cleared_by,
                            "cleared_on": c.cleared_on.isoformat(), "note": c.note}
                           for c in self.clearances],
            "supersedes": self.supersedes, "reason": self.reason,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Screening:
        return cls(
            client_id=data["client_id"],
            screened_on=dt.date.fromisoformat(data["screened_on"]),
            list_version=int(data["list_version"]),
            answers=tuple(ItemAnswer(a["key"], Answer(a["answer"]), a.get("note") or "")
                          for a in data["answers"]),
            medications=tuple(Medication(m["name"], m.get("dose") or "", m.get("since") or "",
                                         m.get("note") or "") for m in data.get("medications", ())),
            clearances=tuple(Clearance(c["item_key"], c["cleared_by"],
                                       dt.date.fromisoformat(c["cleared_on"]), c.get("note") or "")
                             for c in data.get("clearances", ())),
            screened_by=data.get("screened_by") or "",
            id=data.get("id"),
            supersedes=data.get("supersedes"),
            reason=data.get("reason") or "",
        )


def screening_problems(screening: Screening, answered: ContraindicationList,
                       today: dt.date) -> list[str]:
    """What stops a draft screening of list `answered` from being saved, in words."""
    problems = []
    if screening.list_version != answered.version:
        problems.append(f"The screening says list version {screening.list_version} but "
                        f"answers version {answered.version}.")
    if screening.screened_on > today:
        problems.append("The screening date is in the future.")
    for item in answered.items:
        if screening.answer_to(item.key) is None:
            problems.append(f"\u201c{item.text}\u201d has no answer (no, yes or unknown).")
    known = {item.key for item in answered.items}
    if any(answer.key not in known for answer in screening.answers):
        problems.append("The screening answers an item that is not on the list.")
    for medication in screening.medications:
        problems.extend(medication_problems(medication))
    return problems


def clearance_problems(screening: Screening, items: ContraindicationList,
                       clearance: Clearance, today: dt.date) -> list[str]:
    """What stops a clearance from being recorded, in words."""
    problems = []
    item = items.item(clearance.item_key)
    answer = screening.answer_to(clearance.item_key)
    if item is None or item.kind is not ItemKind.CLEARANCE:
        problems.append("Only an item that needs medical clearance can be cleared.")
    elif answer is not None and answer.answer is Answer.NO:
        problems.append(f"\u201c{item.text}\u201d was answered no; it needs no clearance.")
    if not clearance.cleared_by.strip():
        problems.append("Say who gave the clearance.")
    if clearance.cleared_on > today:
        problems.append("The clearance date is in the future.")
    if clearance.cleared_on < screening.screened_on:
        problems.append("The clearance is dated before the screening it answers.")
    return problems


@dataclass(frozen=True)
class ScreeningSettings:
    """The practice's screening settings (DOMAIN.md: settings with defaults)."""

    rescreen_months: int = 6  # a screening is due again this many months after it was done

    def to_data(self) -> dict[str, Any]:
        return {"rescreen_months": self.rescreen_months}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ScreeningSettings:
        value = data.get("rescreen_months")
        ok = type(value) is int and RESCREEN_RANGE[0] <= value <= RESCREEN_RANGE[1]
        return cls(value) if ok else cls()


RESCREEN_LABEL = "Screening is due again after (months; default 6)"
RESCREEN_RANGE = (1, 36)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (31 Aug + 6 -> 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def due_on(screening: Screening, settings: ScreeningSettings = ScreeningSettings()) -> dt.date:
    return add_months(screening.screened_on, settings.rescreen_months)


class ScreeningStatus(str, Enum):
    NOT_SCREENED = "not screened"
    NOT_ELIGIBLE = "not eligible"
    NEEDS_CLEARANCE = "needs clearance"
    DUE = "due"
    CLEARED = "cleared"
    CLEAR = "clear"


@dataclass(frozen=True)
class ItemFinding:
    """An item that stands in the way or was cleared, with its answer."""

    item: ContraindicationItem
    answer: Answer
    note: str = ""
    asked: bool = True  # False: added to the list after this screening
    clearance: Clearance | None = None

    @property
    def words(self) -> str:
        how = self.answer.value if self.asked else "not asked in this screening"
        text = f"{self.item.text} ({how}"
        if self.note:
            text += f": {self.note}"
        text += ")"
        if self.clearance is not None:
            text += f", {self.clearance.words}"
        return text


@dataclass(frozen=True)
class ScreeningVerdict:
    status: ScreeningStatus
    words: str
    screened_on: dt.date | None = None
    due_on: dt.date | None = None
    not_eligible: tuple[ItemFinding, ...] = ()
    needs_clearance: tuple[ItemFinding, ...] = ()
    cleared: tuple[ItemFinding, ...] = ()
    medications: tuple[Medication, ...] = ()
    is_due: bool = False  # past its due date (the status says "due" only when nothing worse)

    @property
    def passes(self) -> bool:
        """Clear or cleared, and not due: nothing in the screening stands before a dose."""
        return self.status in (ScreeningStatus.CLEAR, ScreeningStatus.CLEARED)


def _findings(screening: Screening, items: ContraindicationList) -> tuple[
        list[ItemFinding], list[ItemFinding], list[ItemFinding]]:
    excluded, uncleared, cleared = [], [], []
    for item in items.items:
        given = screening.answer_to(item.key)
        answer = Answer.UNKNOWN if given is None else given.answer
        if answer is Answer.NO:
            continue
        note = "" if given is None else given.note
        if item.kind is ItemKind.EXCLUSION:
            excluded.append(ItemFinding(item, answer, note, given is not None))
            continue
        clearance = screening.clearance_for(item.key)
        finding = ItemFinding(item, answer, note, given is not None, clearance)
        (cleared if clearance is not None else uncleared).append(finding)
    return excluded, uncleared, cleared


def _names(findings: Iterable[ItemFinding]) -> str:
    return "; ".join(finding.words for finding in findings)


def screening_verdict(screening: Screening | None, items: ContraindicationList,
                      today: dt.date,
                      settings: ScreeningSettings = ScreeningSettings()) -> ScreeningVerdict:
    """Whether the screening lets the client be dosed, in words, read against the
    practice's current list `items`."""
    if screening is None:
        return ScreeningVerdict(ScreeningStatus.NOT_SCREENED, "Not screened yet.")
    excluded, uncleared, cleared = _findings(screening, items)
    due = due_on(screening, settings)
    is_due = today >= due
    sentences = []
    if excluded:
        sentences.append(f"Not eligible: {_names(excluded)}.")
    if uncleared:
        sentences.append(f"Needs a recorded medical clearance: {_names(uncleared)}.")
    if is_due:
        sentences.append(f"Screening due again since {due.isoformat()} "
                         f"(screened {screening.screened_on.isoformat()}).")
    if cleared and not excluded:
        sentences.append(f"Cleared: {_names(cleared)}.")
    if excluded:
        status = ScreeningStatus.NOT_ELIGIBLE
    elif uncleared:
        status = ScreeningStatus.NEEDS_CLEARANCE
    elif is_due:
        status = ScreeningStatus.DUE
    elif cleared:
        status = ScreeningStatus.CLEARED
    else:
        status = ScreeningStatus.CLEAR
        sentences.append(f"Clear: screened {screening.screened_on.isoformat()}, no "
                         "contraindication found.")
    if status is ScreeningStatus.CLEARED:
        sentences.insert(0, f"Screened {screening.screened_on.isoformat()}.")
    if screening.list_version != items.version:
        sentences.append(f"(Answered list version {screening.list_version}; the list is now "
                         f"version {items.version}.)")
    return ScreeningVerdict(status, " ".join(sentences), screening.screened_on, due,
                            tuple(excluded), tuple(uncleared), tuple(cleared),
                            screening.medications, is_due)


def latest_screening(screenings: Iterable[Screening]) -> Screening | None:
    """The client's most recent screening (by date, then by id)."""
    return max(screenings, key=lambda s: (s.screened_on, s.id or 0), default=None)


def medications_words(medications: Sequence[Medication]) -> str:
    """The medication line shown before each dose."""
    if not medications:
        return "Medications: none recorded."
    return "Medications: " + "; ".join(m.words for m in medications) + "."

