"""What client mode shows of the client, and what it tells the therapist afterwards.

Client mode hands the laptop to the client to fill a rating scale. The only
thing of the client on that screen is the greeting after Submit, and it
holds the first letter of the client's name and nothing more ("Thank you,
A."): the laptop sits on a couch in a room others may walk into, and
DOMAIN.md's records are protected health information. A full name, a
surname or a note would say more than the client needs to read; an initial
still feels addressed. A name with no letter or digit gets no greeting name.
"""

from __future__ import annotations

from kapdesk.core.measures import SCALES, MeasureKind


def greeting_initial(display_name: str) -> str:
    """ "A." for "Alex Morgan" (or "alex m."); "" when the name has no letter or digit."""
    first = next((char for char in display_name if char.isalnum()), "")
    return f"{first.upper()}." if first else ""


def thanks(display_name: str) -> str:
    """The greeting after Submit: "Thank you, A." (or "Thank you." without an initial)."""
    initial = greeting_initial(display_name)
    return f"Thank you, {initial}" if initial else "Thank you."


def saved_words(kind: MeasureKind) -> str:
    """What the app says once the therapist is back after a submitted form."""
    return f"The {SCALES[kind].name} the client filled on the laptop is saved."


def left_unsaved_words(kind: MeasureKind) -> str:
    """What the app says when the therapist left client mode before Submit."""
    return (f"The {SCALES[kind].name} was left before it was submitted: nothing of it was "
            f"saved. Hand the laptop over again to fill it.")
