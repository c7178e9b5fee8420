"""A restore, noted in the restored practice's audit trail.

The one function both ways of restoring call once the backup is in place:
`python -m kapdesk restore` (cli/restore.py) and Settings -> Backups, whose
restore the app carries out between two runs (ui/shell/restore_restart.py).
The restored practice is opened (and upgraded, if the backup is older, as
the next start would) and one RESTORE entry is chained to its trail: which
backup, when it was made, where the practice it replaced was moved.

A failure to note it never undoes the restore: it is returned in words for
the caller to say.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kapdesk.core.clock import Clock
    from kapdesk.storage.restore import Restored


def note_restore(data_dir: Path, passphrase: str, backup: Path, restored: Restored,
                 clock: Clock) -> str | None:
    """Note the restore in the practice now in `data_dir`; None, or why it could not, in words."""
    from kapdesk.core.audit import AuditKind
    from kapdesk.services import open_services
    from kapdesk.storage.errors import describe_storage_error
    from kapdesk.storage.practice import open_practice
    from kapdesk.storage.restore import restore_detail

    try:
        practice = open_practice(data_dir, passphrase)
    except Exception as error:  # noqa: BLE001 - the restore stands; said in words
        return ("The practice was restored, but the audit trail could not note it: "
                f"{describe_storage_error(error)}")
    try:
        audit = open_services(practice, clock).audit
        if audit.record(AuditKind.RESTORE, detail=restore_detail(backup, restored)):
            return None
        return audit.unwritten[-1]
    finally:
        practice.close()
