"""The throwaway demo practice behind `--demo`.

It lives in a fresh temporary folder, is keyed with a random passphrase that is
never shown or stored, holds sample clients (and past sessions), and is removed
on exit. Demo folders left by a copy that crashed are removed the next time a
demo starts (they are unreadable anyway: their passphrase died with the process).
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from kapdesk.core.clients import ClientDraft

DEMO_PREFIX = "kapdesk-demo-"

SAMPLE_CLIENTS = (
    ClientDraft("A. M.", "1979-05-14", "she/her", "Referred by Dr. Okafor. Third dosing session planned.",
                "To meet the grief about my father with curiosity instead of fear.",
                "Cello, ambient, rain sounds", "Anything with vocals; brass"),
    ClientDraft("Jordan K.", None, "they/them", "Prefers the blanket and the left-hand couch.",
                "To soften the inner critic.", "Piano, drones", "Drums"),
    ClientDraft("R. T.", "1990-11-02", "he/him", "First dosing session next week; preparation done.",
                "To understand what keeps me from resting.", "Nature sounds", ""),
    ClientDraft("S. P.", "1968-02-27", "she/her", "Completed course of care in spring.",
                "To reconnect with my body.", "", ""),
)


def new_demo_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))


def demo_passphrase() -> str:
    return secrets.token_urlsafe(24)


def remove_demo_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def stale_demo_dirs(is_in_use: Callable[[Path], bool]) -> list[Path]:
    root = Path(tempfile.gettempdir())
    return [path for path in root.glob(f"{DEMO_PREFIX}*") if path.is_dir() and not is_in_use(path)]


def seed_clients(add: Callable[[ClientDraft], object]) -> None:
    for draft in SAMPLE_CLIENTS:
        add(draft)
