"""`python -m kapdesk audit verify|list`: the practice's audit trail, checked or listed.

`verify` checks every entry's seal and link (core/audit.py) and says either
"The audit trail is whole: N entries from ... to ..." (exit 0) or names the
first broken entry and what happened to it (exit 1). `list` prints entries,
newest first, for one client (`--client ID`) and from a day (`--since
YYYY-MM-DD`, the local day). Reading the trail is not itself audited: it
shows no client's record, only who opened which.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from kapdesk.cli.opening import open_practice_from_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Check the practice's audit trail (verify: exit 0 when whole, 1 and "
                          "the first broken entry otherwise) or list its entries.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="verify|list")
    verify = actions.add_parser("verify", help="check every entry's seal and link")
    listing = actions.add_parser("list", help="the entries, newest first")
    listing.add_argument("--client", type=int, metavar="ID", help="only this client's entries")
    listing.add_argument("--since", type=_day, metavar="DATE",
                         help="only entries from this day on (YYYY-MM-DD, local)")
    for sub in (verify, listing):
        # Also after the action (`audit verify --data-dir PATH`); kept only when given.
        sub.add_argument("--data-dir", metavar="PATH", default=argparse.SUPPRESS,
                         help="the practice folder")


def run(args: argparse.Namespace) -> int:
    from kapdesk.core.clock import SystemClock
    from kapdesk.services import open_services
    from kapdesk.storage.errors import describe_storage_error

    practice = open_practice_from_terminal(args.data_dir)
    if practice is None:
        return 1
    try:
        audit = open_services(practice, SystemClock()).audit
        if args.action == "verify":
            return _verify(audit)
        return _list(audit, args.client, args.since)
    except Exception as error:  # noqa: BLE001 - said in words, never a traceback
        print(f"kapdesk audit: {describe_storage_error(error)}", file=sys.stderr)
        return 1
    finally:
        practice.close()


def _verify(audit) -> int:  # noqa: ANN001 - an AuditLog
    from kapdesk.core.audit import short, verdict_line

    verdict = audit.verify()
    print(verdict_line(verdict))
    if not verdict.whole:
        print("Keep the practice as it is, and compare it with your latest checked backup "
              "(its note names the audit trail's last seal).", file=sys.stderr)
        return 1
    print(f"Latest seal: {short(verdict.head)}")
    return 0


def _list(audit, client_id: int | None, since: dt.date | None) -> int:  # noqa: ANN001
    start = None if since is None else dt.datetime.combine(since, dt.time()).timestamp()
    entries = audit.entries(client_id=client_id, since=start)
    if not entries:
        print("No audit entries" + (" for this client" if client_id is not None else "")
              + (f" since {since.isoformat()}" if since else "") + ".")
        return 0
    for entry in entries:
        print(entry_line(entry))
    return 0


def entry_line(entry) -> str:  # noqa: ANN001 - an AuditEntry
    """"2026-03-12 14:03  export  client 3, session 17  PDF to /home/t/r.pdf" (local time)."""
    when = dt.datetime.fromtimestamp(entry.at).strftime("%Y-%m-%d %H:%M:%S")
    who = ", ".join(part for part in (
        f"client {entry.client_id}" if entry.client_id is not None else "",
        f"session {entry.session_id}" if entry.session_id is not None else "") if part)
    return "  ".join(part for part in (f"#{entry.number}", when, entry.what, who, entry.detail) if part)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None
