"""The password an exported file is protected with: what makes one acceptable.

An export leaves the practice's own encryption: a PDF for a referring
physician, a CSV for a spreadsheet, sent by email or carried on a USB stick.
Protected, it opens only with a password the therapist chose for that file and
hands over some other way (said on the phone, not in the same email). The file
can be attacked offline, as often as an attacker likes, so the password must
not be guessable in minutes: at least eight characters. It is typed twice, out
of sight, because nobody, KAPDesk included, can open the file if it was
mistyped; KAPDesk never keeps it.

The same rule serves the export screens and `python -m kapdesk export --protect`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MIN_LENGTH = 8

TOO_SHORT = (f"Use at least {MIN_LENGTH} characters: the file can be tried against "
             "guesses as often as anyone likes, and a short password falls in minutes.")
MISMATCH = "The two passwords differ. Type the same password in both fields."
NOT_KEPT = ("KAPDesk does not keep this password: without it nobody can open the file, "
            "not even you. Give it to the recipient some other way than the file "
            "(say it on the phone, never in the same email).")


@dataclass(frozen=True)
class PasswordProblem:
    """What is wrong, and beside which field to say it."""

    field: Literal["password", "repeat"]
    words: str


def password_problem(password: str, repeat: str) -> PasswordProblem | None:
    """None when the password may protect a file; otherwise what to fix first."""
    if len(password) < MIN_LENGTH:
        return PasswordProblem("password", TOO_SHORT)
    if repeat != password:
        return PasswordProblem("repeat", MISMATCH)
    return None
