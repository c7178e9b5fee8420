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


class StorageFault(PracticeError):
    """The disk or the folder, not the practice, is the problem (read-only, full, failing)."""


class WeakPassphrase(PracticeError):
    """A new passphrase that does not meet the minimum."""


MIN_PASSPHRASE_LENGTH = 8


def check_new_passphrase(passphrase: str, repeated: str) -> None:
    """Raise WeakPassphrase with a plain message unless the pair is acceptable."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphrase(f"The passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters.")
    if passphrase != repeated:
        raise WeakPassphrase("The two passphrases are not the same.")


# --- storage faults in words -----------------------------------------------------
# Each fault a therapist can meet at the disk, with its cause and what to do.
# SQLite's own words (as sqlcipher3 raises them) are matched on their stable
# message text; the OS's by errno.

READ_ONLY = ("The practice folder is read-only (its permissions, or a disk mounted read-only), "
             "so KAPDesk cannot write to it. Make the folder writable for your user, or copy it "
             "to a writable disk and start KAPDesk with --data-dir pointing there. "
             "Nothing in the practice was changed.")
DISK_FULL = ("The disk that holds the practice is full, so KAPDesk cannot write to it. "
             "Free some space on that disk, then start KAPDesk again. The practice itself is fine.")
DISK_ERROR = ("The disk reported an error while KAPDesk was reading or writing the practice. "
              "Check the disk (is it still connected?), then start KAPDesk again and run "
              "“kapdesk check”.")
BUSY = ("Another program is holding the practice file (a backup or sync tool, perhaps). "
        "Wait for it to finish, then try again.")
CANNOT_OPEN = ("KAPDesk cannot open the practice file: the folder is missing or it may not write "
               "in it. Check that the folder is there and writable for your user, then try again.")
UNEXPECTED = ("KAPDesk could not read or write the practice because of an unexpected problem "
              "with the disk or the file. Try again; if it happens again, run “kapdesk check”.")

_SQLITE_FAULTS = (
    ("database or disk is full", DISK_FULL),
    ("attempt to write a readonly database", READ_ONLY),
    ("readonly database", READ_ONLY),
    ("unable to open database file", CANNOT_OPEN),
    ("disk i/o error", DISK_ERROR),
    ("database is locked", BUSY),
)

# What a session screen says when a write failed: the cause and what to do
# (the screen adds that nothing before it was lost).
_SESSION_WORDS = {
    DISK_FULL: ("the disk is full", "Free some space"),
    READ_ONLY: ("the practice folder has become read-only", "Make it writable"),
    CANNOT_OPEN: ("the practice folder cannot be reached", "Check that its disk is connected"),
    DISK_ERROR: ("the disk reported an error", "Check that it is connected"),
    BUSY: ("another program is holding the practice file", "Wait a moment"),
}
SAFE_BEFORE = "Everything recorded before is safe."


def _errno_fault(errno_value: int | None) -> str | None:
    import errno

    if errno_value in (errno.EROFS, errno.EACCES, errno.EPERM):
        return READ_ONLY
    if errno_value in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DISK_FULL
    if errno_value == errno.EIO:
        return DISK_ERROR
    return None


def _causes(exc: BaseException) -> list[BaseException]:
    """The error, what it wraps (SQLAlchemy's .orig) and what it was raised from."""
    seen: list[BaseException] = []
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop(0)
        if current is None or any(current is known for known in seen):
            continue
        seen.append(current)
        pending += [getattr(current, "orig", None), current.__cause__, current.__context__]
    return seen


def storage_fault(exc: BaseException) -> str | None:
    """The fault in words if `exc` is a known disk or file fault, else None."""
    for cause in _causes(exc):
        if isinstance(cause, OSError) and (fault := _errno_fault(cause.errno)):
            return fault
        text = str(cause).lower()
        for needle, fault in _SQLITE_FAULTS:
            if needle in text:
                return fault
    return None


def describe_storage_error(exc: BaseException) -> str:
    """Any storage or OS error as one plain message that names the cause and what to do.

    A PracticeError already speaks our words; anything else is matched to a
    known fault, and what is not known gets a calm general message, never the
    library's own text.
    """
    if isinstance(exc, PracticeError):
        return str(exc)
    return storage_fault(exc) or UNEXPECTED


def fault_cause(exc: BaseException) -> str:
    """The cause alone, for a line that says what was and was not saved ("the disk is full")."""
    return _SESSION_WORDS.get(storage_fault(exc) or "", ("something went wrong while saving it",))[0]


def not_saved_message(exc: BaseException) -> str:
    """What a session screen says when an entry (a note, a tag, a reading) could not be stored."""
    damaged = next((cause for cause in _causes(exc) if isinstance(cause, DamagedPage)), None)
    if damaged is not None:
        return damaged.during_session()
    cause, remedy = _SESSION_WORDS.get(storage_fault(exc) or "", (None, None))
    if cause is None:
        return f"Not saved: something went wrong while saving it. Press Enter again. {SAFE_BEFORE}"
    return f"Not saved: {cause}. {remedy}, then press Enter again. {SAFE_BEFORE}"


def not_noted_message(exc: BaseException) -> str:
    """What a session screen says when it could not note, unasked, that the session still runs."""
    damaged = next((cause for cause in _causes(exc) if isinstance(cause, DamagedPage)), None)
    if damaged is not None:
        return (f"Could not note that the session is still running: part of the practice file "
                f"{damaged.path} is damaged. {SAFE_BEFORE}")
    cause, remedy = _SESSION_WORDS.get(storage_fault(exc) or "", (None, None))
    if cause is None:
        return f"Could not note that the session is still running. {SAFE_BEFORE}"
    return f"Could not note that the session is still running: {cause}. {remedy}. {SAFE_BEFORE}"


# --- a damaged page, found when it is read ------------------------------------
# Opening reads only the header and the schema (open_checks.py), so a damaged
# page deeper in the file is met when a screen reads it or a write touches it:
# SQLCipher checks each page's HMAC as it reads it and SQLite then answers
# with one of these.
_DAMAGE_TEXTS = ("database disk image is malformed", "file is not a database",
                 "malformed database schema")


def is_damage(exc: BaseException) -> bool:
    """Whether `exc` (or what it wraps) is a damaged page of the practice, not a disk fault."""
    if isinstance(exc, DamagedPage):
        return True
    return any(text in str(cause).lower() for cause in _causes(exc) for text in _DAMAGE_TEXTS)


class DamagedPage(PracticeError):
    """Part of the open practice's file is damaged: a read or a write met a bad page.

    What was saved before stays saved (SQLite wrote nothing over the bad
    page, and a write that met it was rolled back whole), and the words name
    the practice and the latest checked backup to restore from.
    """

    def __init__(self, path: Path, latest_backup_at: str | None) -> None:
        self.path = path
        self.latest_backup_at = latest_backup_at
        if latest_backup_at is None:
            offer = ("There is no checked backup of it yet: keep this file as it is and run "
                     "“kapdesk check” on it.")
        else:
            offer = (f"The latest checked backup is from {latest_backup_at}: restore it from "
                     "Settings → Backups when no session is running.")
        super().__init__(
            f"Part of the practice file {path} is damaged and could not be read. Nothing was "
            f"overwritten, and what was saved before is kept. {offer}")

    def during_session(self) -> str:
        """The room's words: keep going on paper; what was recorded is safe; restore afterwards."""
        after = ("" if self.latest_backup_at is None else
                 f" After the session, restore the latest checked backup ({self.latest_backup_at}) "
                 "from Settings → Backups.")
        return (f"Not saved: part of the practice file {self.path} is damaged. Note this on paper; "
                f"{SAFE_BEFORE[0].lower()}{SAFE_BEFORE[1:]} Nothing was overwritten.{after}")
