"""The audit trail's rules: what is recorded, how each entry is sealed, how a chain is checked.

Each entry of the practice's audit trail says when, what (one of `AuditKind`),
which client or session it concerns, and a short detail (never a search's
words, never a note's text). It is sealed with an HMAC-SHA256 over its own
content and the previous entry's seal (`prev_mac`, kept in the row), keyed
with a key derived from the practice passphrase (`derive_key`), which is never
stored. A person holding the file but not the passphrase cannot write a seal
that checks, so:

- an entry changed in place no longer matches its own seal;
- an entry inserted has no seal that checks (the app never writes it);
- an entry deleted leaves the next one pointing at a seal no longer there;
- entries put in another order point at seals that come after them.

`verify_chain` walks the entries in storage order and names the first that
breaks, in words. What the chain alone cannot see is the loss of its newest
entries; the latest seal's short form is therefore printed in each PDF's
footer and kept with each backup, where a shorter chain shows.

Pure: the same rules are tested here without a database and used by storage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

CHAIN_LABEL = "kapdesk audit chain v1"  # derive_key's label for the chain's key
GENESIS = ""  # the first entry's prev_mac
SHORT = 12  # hex digits of a seal shown to people (PDF footer, backups, the view)
DETAIL_LIMIT = 300  # a short detail; longer ones are cut


class AuditKind(str, Enum):
    """What happened: a closed set, stored by value."""

    UNLOCK = "unlock"
    UNLOCK_FAILED = "unlock_failed"
    CLIENT_OPENED = "client_opened"
    REVIEW_OPENED = "review_opened"
    SEARCH = "search"
    EXPORT = "export"
    SIGNED = "signed"
    ADDENDUM = "addendum"
    CLIENT_CHANGED = "client_changed"
    SETTINGS_CHANGED = "settings_changed"
    BACKUP = "backup"
    RESTORE = "restore"
    PASSPHRASE_CHANGED = "passphrase_changed"

    @property
    def words(self) -> str:
        return KIND_WORDS[self]


KIND_WORDS = {
    AuditKind.UNLOCK: "unlocked",
    AuditKind.UNLOCK_FAILED: "failed unlock",
    AuditKind.CLIENT_OPENED: "client record opened",
    AuditKind.REVIEW_OPENED: "session review opened",
    AuditKind.SEARCH: "search made",
    AuditKind.EXPORT: "export",
    AuditKind.SIGNED: "signed",
    AuditKind.ADDENDUM: "addendum",
    AuditKind.CLIENT_CHANGED: "client details changed",
    AuditKind.SETTINGS_CHANGED: "settings changed",
    AuditKind.BACKUP: "backup made",
    AuditKind.RESTORE: "restore",
    AuditKind.PASSPHRASE_CHANGED: "passphrase changed",
}


@dataclass(frozen=True)
class AuditEntry:
    """One stored entry. `number` is its place in storage (the row id)."""

    number: int
    at: float  # UTC seconds
    kind: str  # an AuditKind value; kept as text so a damaged row still reads
    client_id: int | None
    session_id: int | None
    detail: str
    prev_mac: str
    mac: str

    @property
    def what(self) -> str:
        try:
            return AuditKind(self.kind).words
        except ValueError:
            return f"unknown ({self.kind})"


def derive_key(material: str | bytes, label: str) -> bytes:
    """A 32-byte key for `label` from the practice's key material (HKDF-SHA256, RFC 5869).

    Derived when the practice opens and held in memory only; a new label gives
    an unrelated key, so the audit chain and the records' seals never share one.
    """
    ikm = material.encode("utf-8") if isinstance(material, str) else material
    prk = hmac.new(b"kapdesk practice keys", ikm, hashlib.sha256).digest()
    return hmac.new(prk, label.encode("utf-8") + b"\x01", hashlib.sha256).digest()


def short(mac: str) -> str:
    """A seal's short form, for people to compare (PDF footer, backup notes)."""
    return mac[:SHORT] if mac else "none yet"


def clip_detail(detail: str) -> str:
    detail = " ".join(detail.split())
    return detail if len(detail) <= DETAIL_LIMIT else detail[:DETAIL_LIMIT - 1] + "…"


def canonical_bytes(at: float, kind: str, client_id: int | None, session_id: int | None,
                    detail: str, prev_mac: str) -> bytes:
    """The bytes an entry's seal covers: everything it says and the seal before it.

    JSON with fixed separators: floats round-trip exactly (repr), text is UTF-8.
    """
    body = ["kapdesk-audit-1", float(at), str(kind), client_id, session_id, detail, prev_mac]
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def seal_entry(key: bytes, at: float, kind: str, client_id: int | None, session_id: int | None,
               detail: str, prev_mac: str) -> str:
    message = canonical_bytes(at, kind, client_id, session_id, detail, prev_mac)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def entry_matches(key: bytes, entry: AuditEntry) -> bool:
    expected = seal_entry(key, entry.at, entry.kind, entry.client_id, entry.session_id,
                          entry.detail, entry.prev_mac)
    return hmac.compare_digest(expected, entry.mac)


@dataclass(frozen=True)
class ChainVerdict:
    """What checking a chain found: whole, or the first place it breaks."""

    count: int
    first_at: float | None
    last_at: float | None
    head: str  # the newest entry's seal ("" when empty)
    broken_at: int | None = None  # the entry's number
    problem: str = ""  # "changed", "inserted", "deleted", "reordered"
    words: str = ""

    @property
    def whole(self) -> bool:
        return self.broken_at is None


def verify_chain(key: bytes, entries: Sequence[AuditEntry]) -> ChainVerdict:
    """Check every seal and every link, oldest first; name the first break in words."""
    first_at = entries[0].at if entries else None
    last_at = entries[-1].at if entries else None
    head = entries[-1].mac if entries else GENESIS
    position = {entry.mac: index for index, entry in enumerate(entries)}
    for index, entry in enumerate(entries):
        previous = entries[index - 1].mac if index else GENESIS
        nxt = entries[index + 1] if index + 1 < len(entries) else None
        found = _break_at(key, entries, index, previous, nxt, position)
        if found is not None:
            problem, words = found
            return ChainVerdict(len(entries), first_at, last_at, head, entry.number, problem, words)
    return ChainVerdict(len(entries), first_at, last_at, head)


def _break_at(key: bytes, entries: Sequence[AuditEntry], index: int, previous: str,
              nxt: AuditEntry | None, position: dict[str, int]) -> tuple[str, str] | None:
    entry = entries[index]
    name = describe_entry(entry)
    if not entry_matches(key, entry):
        if nxt is not None and nxt.prev_mac == previous and previous != entry.mac:
            return "inserted", (f"{name} was inserted: it was not written by KAPDesk, "
                                "and the entry after it follows the one before it.")
        if nxt is None:
            return "changed", (f"{name} does not match its seal: it was changed, or added, "
                               "outside KAPDesk.")
        return "changed", f"{name} was changed after it was written: it no longer matches its seal."
    if entry.prev_mac == previous:
        return None
    later = position.get(entry.prev_mac)
    if later is not None and later >= index:
        return "reordered", (f"{name} is out of order: it was written after "
                             f"{describe_entry(entries[later])}.")
    if index == 0:
        return "deleted", f"Entries before {name} were deleted: it is not the first one written."
    return "deleted", (f"Entries between {describe_entry(entries[index - 1])} and {name} "
                       "were deleted.")


def describe_entry(entry: AuditEntry) -> str:
    """"entry 57 (2026-03-12 14:03 UTC, export)": how a broken entry is named."""
    when = dt.datetime.fromtimestamp(entry.at, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"entry {entry.number} ({when}, {entry.what})"


def verdict_line(verdict: ChainVerdict, tz: dt.tzinfo | None = None) -> str:
    """The one line that heads `audit verify` and the audit view."""
    if not verdict.whole:
        return f"The audit trail is broken: {verdict.words}"
    if verdict.count == 0:
        return "The audit trail is whole: no entries yet."
    return (f"The audit trail is whole: {verdict.count} "
            f"{'entry' if verdict.count == 1 else 'entries'} from "
            f"{_local(verdict.first_at, tz)} to {_local(verdict.last_at, tz)}.")


def _local(at: float | None, tz: dt.tzinfo | None) -> str:
    if at is None:
        return "—"
    return dt.datetime.fromtimestamp(at, tz).strftime("%Y-%m-%d %H:%M")
