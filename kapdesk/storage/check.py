"""The practice health check behind `python -m kapdesk check`."""

from __future__ import annotations

from dataclasses import dataclass

from kapdesk.storage.practice import Practice


@dataclass(frozen=True)
class CheckReport:
    integrity: list[str]
    cipher: list[str]
    clients: int
    sessions: int
    events: int

    @property
    def sound(self) -> bool:
        return self.integrity == ["ok"] and not self.cipher

    def lines(self) -> list[str]:
        verdict = "sound" if self.sound else "PROBLEMS FOUND"
        lines = [
            f"Practice: {verdict}",
            f"  database integrity: {'ok' if self.integrity == ['ok'] else 'FAILED'}",
            f"  encryption integrity: {'ok' if not self.cipher else 'FAILED'}",
            f"  clients: {self.clients}, sessions: {self.sessions}, session events: {self.events}",
        ]
        lines += [f"  ! {problem}" for problem in self.integrity if problem != "ok"]
        lines += [f"  ! {problem}" for problem in self.cipher]
        return lines


def check_practice(practice: Practice) -> CheckReport:
    with practice.engine.connect() as connection:
        sql = connection.exec_driver_sql
        integrity = [row[0] for row in sql("PRAGMA integrity_check")]
        # cipher_integrity_check lists problems; no rows means every page's HMAC is right.
        cipher = [row[0] for row in sql("PRAGMA cipher_integrity_check")]
        counts = [sql(f"SELECT count(*) FROM {table}").scalar()
                  for table in ("clients", "sessions", "session_events")]
    return CheckReport(integrity, cipher, *counts)
