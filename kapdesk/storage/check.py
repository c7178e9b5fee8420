"""The practice health check behind `python -m kapdesk check`.

Besides SQLite's and SQLCipher's own checks it checks what they cannot see:
that every signed record still matches the seal taken when it was signed,
and that the audit trail is whole (record_seals.py, audit_log.py). A record
or an entry changed behind the app's back, with the passphrase and a
SQLCipher shell, passes both integrity checks; these two catch it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapdesk.core.audit import ChainVerdict, verdict_line
from kapdesk.storage.practice import Practice


@dataclass(frozen=True)
class CheckReport:
    integrity: list[str]
    cipher: list[str]
    clients: int
    sessions: int
    events: int
    altered: tuple[int, ...] = ()  # signed sessions that no longer match their seals
    audit: ChainVerdict | None = None  # None: not checked

    @property
    def sound(self) -> bool:
        return (self.integrity == ["ok"] and not self.cipher and not self.altered
                and (self.audit is None or self.audit.whole))

    def lines(self) -> list[str]:
        verdict = "sound" if self.sound else "PROBLEMS FOUND"
        lines = [
            f"Practice: {verdict}",
            f"  database integrity: {'ok' if self.integrity == ['ok'] else 'FAILED'}",
            f"  encryption integrity: {'ok' if not self.cipher else 'FAILED'}",
            f"  clients: {self.clients}, sessions: {self.sessions}, session events: {self.events}",
            f"  signed records: {'ok, each matches its seal' if not self.altered else 'ALTERED'}",
        ]
        if self.audit is not None:
            lines.append(f"  audit trail: {'ok' if self.audit.whole else 'BROKEN'}")
        lines += [f"  ! {problem}" for problem in self.integrity if problem != "ok"]
        lines += [f"  ! {problem}" for problem in self.cipher]
        lines += [f"  ! session {session_id} is ALTERED: it was changed outside KAPDesk after "
                  "it was signed and no longer matches its seal." for session_id in self.altered]
        if self.audit is not None and not self.audit.whole:
            lines.append(f"  ! {verdict_line(self.audit)}")
        return lines


def check_practice(practice: Practice) -> CheckReport:
    from kapdesk.storage.audit_log import verify_trail
    from kapdesk.storage.record_seals import altered_session_ids

    with practice.engine.connect() as connection:
        sql = connection.exec_driver_sql
        integrity = [row[0] for row in sql("PRAGMA integrity_check")]
        # cipher_integrity_check lists problems; no rows means every page's HMAC is right.
        cipher = [row[0] for row in sql("PRAGMA cipher_integrity_check")]
        counts = [sql(f"SELECT count(*) FROM {table}").scalar()
                  for table in ("clients", "sessions", "session_events")]
        altered = tuple(altered_session_ids(connection, practice.seal_key))
        audit = verify_trail(connection, practice.audit_key)
    return CheckReport(integrity, cipher, *counts, altered=altered, audit=audit)
