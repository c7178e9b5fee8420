"""The seal of a signed session: a record changed behind the app's back shows as altered.

When a session is signed, an HMAC-SHA256 (keyed like the audit chain, under
its own label, see audit.derive_key) is taken over the session's row (client,
script, start, end, signer, time of signing) and every event of its log but
addenda, each as stored (sequence, kind, time, the data's stored JSON text).
It is kept with the signature. Addenda come later by design and are sealed by
the audit trail instead; any other event written after signing is refused by
storage, so one found there is an alteration too.

`seal_state` compares a record with its seal: `SealState.WHOLE`, `ALTERED`,
`UNSEALED` (signed before seals existed), `OTHER_KEY` (sealed under another
passphrase, so it cannot be checked here), or `NOT_SIGNED`. Pure.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple


class SealState(str, Enum):
    NOT_SIGNED = "not signed"
    WHOLE = "sealed"
    ALTERED = "altered"
    UNSEALED = "unsealed"
    OTHER_KEY = "other key"

    @property
    def words(self) -> str:
        return SEAL_WORDS[self]


SEAL_WORDS = {
    SealState.NOT_SIGNED: "",
    SealState.WHOLE: "Sealed at signing; unchanged since.",
    SealState.ALTERED: ("ALTERED: this signed record was changed outside KAPDesk after it "
                        "was signed. It no longer matches the seal taken at signing; "
                        "treat its contents with caution and keep the latest checked backup."),
    SealState.UNSEALED: "Signed before KAPDesk sealed signed records; it cannot be checked.",
    SealState.OTHER_KEY: ("Sealed under a different passphrase; it cannot be checked "
                          "with this one."),
}
SEAL_KEY_LABEL = "kapdesk record seal v1"  # audit.derive_key's label for the seals' key
# The history's flag for an altered record (review_model.Flag's code).
ALTERED_FLAG = "record_altered"
ALTERED_FLAG_LABEL = "ALTERED after signing"


@dataclass(frozen=True)
class SealedRow:
    """The session row's fields a seal covers."""

    session_id: int
    client_id: int
    script_id: str
    started_at: float
    ended_at: float | None
    signed_at: float | None
    signed_by: str | None


class StoredEvent(NamedTuple):
    """One event as stored: its data is the JSON text in the file, not reparsed.
    (Any (seq, kind, at, data_text) tuple will do: storage hands plain rows.)"""

    seq: int
    kind: str
    at: float
    data_text: str


def key_id(key: bytes) -> str:
    """A short name of a key, stored beside what it sealed: tells "another key" from altered."""
    return hmac.new(key, b"kapdesk key id", hashlib.sha256).hexdigest()[:8]


def seal_message(row: SealedRow, events: Iterable[tuple[int, str, float, str]]) -> bytes:
    """The bytes a seal covers: the row as JSON, then one line per event but addenda.

    An event's line is its sequence, kind and time, then its data text after
    its length, so no text can pass for another line's fields. Built without
    a JSON encoder per event: a history page checks a hundred records at once.
    """
    head = ["kapdesk-seal-1", row.session_id, row.client_id, row.script_id, float(row.started_at),
            _float(row.ended_at), _float(row.signed_at), row.signed_by]
    lines = [json.dumps(head, ensure_ascii=False, separators=(",", ":"))]
    lines += [f"{seq}\x1f{kind}\x1f{float(at)!r}\x1f{len(text)}\x1f{text}"
              for seq, kind, at, text in events if kind != "addendum"]
    return "\n".join(lines).encode("utf-8")


def seal_record(key: bytes, row: SealedRow, events: Iterable[StoredEvent]) -> str:
    return hmac.new(key, seal_message(row, events), hashlib.sha256).hexdigest()


def seal_state(key: bytes, row: SealedRow, events: Iterable[StoredEvent],
               stored_seal: str | None, stored_key_id: str | None) -> SealState:
    """How a record stands against the seal kept with its signature."""
    if row.signed_at is None:
        # A seal without a signature means the signature was removed behind our back.
        return SealState.ALTERED if stored_seal else SealState.NOT_SIGNED
    if not stored_seal:
        return SealState.UNSEALED
    if stored_key_id and stored_key_id != key_id(key):
        return SealState.OTHER_KEY
    expected = seal_record(key, row, events)
    return SealState.WHOLE if hmac.compare_digest(expected, stored_seal) else SealState.ALTERED


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)
