"""The debrief's fields and how a saved debrief reads to a person.

The debrief is stored with short keys ("what_came_up"); a person never reads
a key, a Python "None" or an empty heading. `entries` turns a saved debrief
into (heading, text) pairs with the empty ones left out, for the screens,
the review and the PDF alike; a key this version does not know (a script or
an older version wrote it) is turned into words.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from kapdesk.core.events import Event, EventKind

FIELDS = (  # stored key, heading, prompt
    ("what_came_up", "What came up", "Images, memories, themes, in their words"),
    ("emotions", "Emotions", "What they felt, and how it moved"),
    ("body", "Body", "Sensations, tension, release, nausea"),
    ("insights", "Insights", "What they understood or want to remember"),
    ("integration_plan", "Plan for integration", "Next steps, practices, the next talk session"),
)
FREE_TEXT_HEADING = "Anything else"
_HEADINGS = {key: heading for key, heading, _prompt in FIELDS}


def _known(key: object) -> str | None:
    """The form's key for `key` ("what came up" and "What_came_up" are "what_came_up")."""
    folded = str(key).strip().casefold().replace(" ", "_").replace("-", "_")
    return folded if folded in _HEADINGS else None


def heading(key: object) -> str:
    """"What came up" for "what_came_up"; any other key in plain words."""
    text = str(key)
    known = _known(text)
    if known is not None:
        return _HEADINGS[known]
    words = text.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Note"


def text_of(value: Any) -> str:
    """What was typed, stripped; nothing for a missing value (never "None")."""
    return "" if value is None else str(value).strip()


def entries(debrief: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """The saved debrief as (heading, text), in the form's order, empty ones left out."""
    if not debrief:
        return []
    fields = debrief.get("fields") or {}
    order = {key: number for number, (key, _heading, _prompt) in enumerate(FIELDS)}
    keys = sorted(fields, key=lambda key: order.get(_known(key) or "", len(order)))
    pairs = [(heading(key), text_of(fields[key])) for key in keys]
    pairs.append((FREE_TEXT_HEADING, text_of(debrief.get("free_text"))))
    return [(head, text) for head, text in pairs if text]


def one_line(debrief: Mapping[str, Any] | None) -> str:
    """"What came up: the lake — Anything else: …": the debrief for a log line."""
    return " — ".join(f"{head}: {text}" for head, text in entries(debrief))


def latest(events: Iterable[Event]) -> Mapping[str, Any] | None:
    """The last saved debrief's data as stored (a missing value stays missing), or None."""
    saved = [e for e in events if e.kind is EventKind.DEBRIEF_SAVED]
    return max(saved, key=lambda e: e.seq).data if saved else None
