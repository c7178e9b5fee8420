"""What can go wrong when opening a practice, in the app's own words.

Each error carries a message fit to show a therapist as it is: no SQL, no
tracebacks. The UI shows `str(error)`.
"""

from __future__ import annotations

from pathlib import Path


class PracticeError(Exception):
    """Base of every storage problem the user may be told about."""


class WrongPassphrase(PracticeError):
    def __init__(self) -> None:
        super().__init__("That passphrase does not open this practice. Check it and try again.")


class DamagedPractice(PracticeError):
    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        super().__init__(
            f"The practice file {path} is damaged and cannot be opened ({detail}). "
            "It has been left exactly as it is. Restore it from a backup, or move it "
            "aside to start a new practice."
        )


class NewerPractice(PracticeError):
    def __init__(self, path: Path, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(
            f"The practice file {path} was written by a newer version of KAPDesk "
            f"(schema {revision}). It has not been changed. Please update KAPDesk to open it."
        )


class PracticeMissing(PracticeError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"There is no practice in {path}.")


class WeakPassphrase(PracticeError):
    """A new passphrase that does not meet the minimum."""


MIN_PASSPHRASE_LENGTH = 8


def check_new_passphrase(passphrase: str, repeated: str) -> None:
    """Raise WeakPassphrase with a plain message unless the pair is acceptable."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphrase(f"The passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters.")
    if passphrase != repeated:
        raise WeakPassphrase("The two passphrases are not the same.")
