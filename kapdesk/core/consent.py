"""Informed consent: the practice's consent document (versioned), a client's
consent to it, consent to touch, and whether the consent is current.

The app ships a neutral template with placeholders and no legal text
(DOMAIN.md "Screening and consent"): the practice writes its own in settings,
and each edit is a new version (`edited_document`). A client's consent names
the version given, the date and how it was given (on paper, or by typing
their name on screen). Consent to touch is asked before dosing and shown in
the room, small and always visible (`TouchConsent.words`). A consent given to
an older version than the practice's latest is not current: the client is
asked again.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

# What a template may use; render() fills them in.
PLACEHOLDERS = ("client_name", "therapist_name", "date")

DEFAULT_TEMPLATE = (
    "Consent to ketamine-assisted psychotherapy\n\n"
    "I, {client_name}, have talked with {therapist_name} about ketamine-assisted "
    "psychotherapy: what happens in a dosing session, its possible effects and risks, "
    "the alternatives, and that I may stop at any time.\n\n"
    "[The practice writes its own consent text here.]\n\n"
    "Date: {date}"
)
MAX_TEMPLATE = 20_000


@dataclass(frozen=True)
class ConsentDocument:
    version: int
    template: str
    title: str = "Informed consent"
    published_on: dt.date | None = None

    def to_data(self) -> dict[str, Any]:
        return {"version": self.version, "title": self.title, "template": self.template,
                "published_on": None if self.published_on is None
                else self.published_on.isoformat()}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ConsentDocument:
        published = data.get("published_on")
        return cls(int(data["version"]), data["template"], data.get("title") or "Informed consent",
                   None if not published else dt.date.fromisoformat(published))


DEFAULT_DOCUMENT = ConsentDocument(1, DEFAULT_TEMPLATE, "Informed consent (template)")


def template_problems(template: str) -> list[str]:
    """What stops a template from being saved, in words: unknown placeholders, stray braces."""
    problems = []
    if not template.strip():
        problems.append("The consent text is empty.")
    if len(template) > MAX_TEMPLATE:
        problems.append(f"The consent text is longer than {MAX_TEMPLATE} characters.")
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError:
        return [*problems, "A brace { or } is not closed; write {{ or }} for a brace itself."]
    unknown = sorted({name for name in names if name not in PLACEHOLDERS})
    if unknown:
        allowed = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        problems.append(f"Unknown placeholder {', '.join('{' + n + '}' for n in unknown)}; "
                        f"the text may use {allowed}.")
    return problems


def render(document: ConsentDocument, client_name: str, therapist_name: str,
           day: dt.date) -> str:
    """The document's text for one client (the template must pass template_problems)."""
    return document.template.format(client_name=client_name.strip() or "the client",
                                    therapist_name=therapist_name.strip() or "the therapist",
                                    date=day.isoformat())


def edited_document(current: ConsentDocument, template: str, title: str,
                    published_on: dt.date) -> ConsentDocument:
    """The practice's edit as the next version (the same document if nothing changed).

    Raises ValueError with the words of `template_problems`."""
    problems = template_problems(template)
    if problems:
        raise ValueError(" ".join(problems))
    if template == current.template and title == current.title:
        return current
    return ConsentDocument(current.version + 1, template, title.strip() or current.title,
                           published_on)


def latest_document(documents: Iterable[ConsentDocument]) -> ConsentDocument:
    """The practice's current consent document (the shipped template when it has none)."""
    return max(documents, key=lambda d: d.version, default=DEFAULT_DOCUMENT)


class ConsentHow(str, Enum):
    PAPER = "paper"
    TYPED_NAME = "typed name"  # the client typed their name on screen

    @property
    def words(self) -> str:
        return {"paper": "signed on paper", "typed name": "name typed on screen"}[self.value]


@dataclass(frozen=True)
class TouchConsent:
    """Consent to touch during the session: none, or limits in the client's words."""

    allowed: bool
    limits: str = ""  # e.g. "a hand on the shoulder only"

    @property
    def words(self) -> str:
        """The room view's line, small and always visible."""
        if not self.allowed:
            return "Touch: none"
        return f"Touch: {self.limits.strip()}"


NO_TOUCH = TouchConsent(allowed=False)


def touch_problems(touch: TouchConsent) -> list[str]:
    if touch.allowed and not touch.limits.strip():
        return ["Write the limits of touch in words (for example \u201ca hand on the "
                "shoulder only\u201d), or choose no touch."]
    if touch.allowed and len(touch.limits) > 200:
        return ["The limits of touch are longer than 200 characters."]
    return []


@dataclass(frozen=True)
class ClientConsent:
    """One client's consent to one version of the document. `id` is None until stored."""

    client_id: int
    document_version: int
    given_on: dt.date
    how: ConsentHow
    touch: TouchConsent | None  # None: consent to touch not asked yet
    typed_name: str = ""  # what the client typed, when given on screen
    note: str = ""
    id: int | None = None
    supersedes: int | None = None  # the stored consent this one corrects
    reason: str = ""  # why it was corrected

    def to_data(self) -> dict[str, Any]:
        return {"id": self.id, "client_id": self.client_id,
                "document_version": self.document_version,
                "given_on": self.given_on.isoformat(), "how": self.how.value,
                "touch": None if self.touch is None
                else {"allowed": self.touch.allowed, "limits": self.touch.limits},
                "typed_name": self.typed_name, "note": self.note,
                "supersedes": self.supersedes, "reason": self.reason}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ClientConsent:
        touch = data.get("touch")
        return cls(client_id=data["client_id"], document_version=int(data["document_version"]),
                   given_on=dt.date.fromisoformat(data["given_on"]), how=ConsentHow(data["how"]),
                   touch=None if touch is None
                   else TouchConsent(bool(touch["allowed"]), touch.get("limits") or ""),
                   typed_name=data.get("typed_name") or "", note=data.get("note") or "",
                   id=data.get("id"), supersedes=data.get("supersedes"),
                   reason=data.get("reason") or "")


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def consent_problems(consent: ClientConsent, client_name: str, today: dt.date,
                     documents: Iterable[ConsentDocument]) -> list[str]:
    """What stops a consent from being recorded, in words."""
    problems = []
    if consent.document_version not in {d.version for d in documents} | {DEFAULT_DOCUMENT.version}:
        problems.append(f"There is no consent document version {consent.document_version}.")
    if consent.given_on > today:
        problems.append("The consent date is in the future.")
    if consent.how is ConsentHow.TYPED_NAME:
        if not consent.typed_name.strip():
            problems.append("The client has not typed their name.")
        elif not _same_name(consent.typed_name, client_name):
            problems.append(f"The typed name \u201c{consent.typed_name.strip()}\u201d is not "
                            f"the client's name \u201c{client_name}\u201d.")
    if consent.touch is not None:
        problems.extend(touch_problems(consent.touch))
    return problems


def latest_consent(consents: Iterable[ClientConsent]) -> ClientConsent | None:
    return max(consents, key=lambda c: (c.given_on, c.id or 0), default=None)


@dataclass(frozen=True)
class ConsentVerdict:
    given: bool  # a consent is recorded
    current: bool  # given to the practice's latest version
    touch_recorded: bool
    words: str
    touch_words: str = ""

    @property
    def passes(self) -> bool:
        return self.given and self.current and self.touch_recorded


def consent_verdict(consent: ClientConsent | None, latest: ConsentDocument) -> ConsentVerdict:
    """Whether the client's consent is current, with consent to touch, in words."""
    if consent is None:
        return ConsentVerdict(False, False, False, "No consent recorded.")
    touch_words = "" if consent.touch is None else consent.touch.words
    given = (f"Consent version {consent.document_version}, {consent.given_on.isoformat()}, "
             f"{consent.how.words}.")
    current = consent.document_version >= latest.version
    sentences = [given]
    if not current:
        sentences.append(f"The practice's consent is now version {latest.version}: ask the "
                         "client to consent again.")
    if consent.touch is None:
        sentences.append("Consent to touch not recorded.")
    else:
        sentences.append(f"{touch_words.rstrip('.')}.")
    return ConsentVerdict(True, current, consent.touch is not None, " ".join(sentences),
                          touch_words)
