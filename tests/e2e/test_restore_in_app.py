"""Restore from inside the app, as a real process: the app quits, restores once the practice
is closed, and starts again by the same command line on the restored practice."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.services import open_services
from kapdesk.storage.backup_files import BY_HAND
from kapdesk.storage.practice import open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.processes import app_env, has_traceback, run_code, run_module

pytestmark = pytest.mark.slow

# The app as `main.py` runs it, with one thing more: once its window is wired, the first run
# asks for the restore the way Settings -> Backups does (AppRestore.request); the run after
# the restart (same command line; the marker travels in the environment) says so and quits.
DRIVER = r"""
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kapdesk.app import main
from kapdesk.ui.shell.background_check import BackgroundCheck
from kapdesk.ui.shell.main_window import MainWindow
from kapdesk.ui.shell.restore_restart import AppRestore

data_dir, backup = sys.argv[1], sys.argv[2]
app = QApplication([sys.argv[0]])
second = os.environ.get("KAPDESK_TEST_RESTARTED") == "1"

def wired():
    return [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
            and w.findChild(BackgroundCheck) is not None]

def look():
    if not wired():
        return
    poll.stop()
    if second:
        print("started again", flush=True)
        app.quit()
    else:
        os.environ["KAPDESK_TEST_RESTARTED"] = "1"
        print("restoring", flush=True)
        AppRestore(lambda: os.environ["KAPDESK_PASSPHRASE"], lambda: False).request(backup)

poll = QTimer()
poll.timeout.connect(look)
poll.start(20)
raise SystemExit(main(["--data-dir", data_dir]))
"""


def test_the_app_restores_and_starts_again_on_the_restored_practice(practice, clock, tmp_path) -> None:  # noqa: ANN001
    services = open_services(practice, clock)
    services.clients.add(ClientDraft("Ana B."))
    backup = services.backups.back_up(kind=BY_HAND).backup
    chosen = backup.path  # as Settings -> Backups lists it: in the practice's backups folder
    services.clients.add(ClientDraft("Ben C."))
    practice.close()

    env = app_env(tmp_path / "home", PASSPHRASE)
    done = run_code(DRIVER, str(practice.data_dir), str(chosen), env=env)

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["restoring", "started", "again"]
    assert not has_traceback(done.stderr)
    # The restarted app has opened the file since (its pragmas rewrite the header), so its
    # content is compared, not its bytes (tests/ui/editors/test_backups_restore.py does those).
    assert names_in(practice.data_dir) == ["Ana B."]
    [aside] = practice.data_dir.glob("practice-replaced-*.kapdesk")
    copy = tmp_path / "aside"
    copy.mkdir()
    (copy / "practice.kapdesk").write_bytes(aside.read_bytes())
    assert names_in(copy) == ["Ana B.", "Ben C."]  # the practice that was there, kept whole

    # The restore is in the restored practice's audit trail, as the command line's is, before
    # the restarted app's own opening; the trail is whole after both.
    listed = run_module("audit", "list", "--data-dir", str(practice.data_dir), env=env)
    assert listed.returncode == 0, listed.stderr
    opened, restore = listed.stdout.splitlines()[:2]
    assert "practice opened" in opened, listed.stdout
    made = dt.datetime.fromtimestamp(backup.made_at, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    assert f"restore  from {chosen}, made {made};" in restore, listed.stdout
    assert restore.endswith(f"kept beside it as {aside.name}")
    verified = run_module("audit", "verify", "--data-dir", str(practice.data_dir), env=env)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.startswith("The audit trail is whole")


def names_in(data_dir) -> list[str]:  # noqa: ANN001
    practice = open_practice(data_dir, PASSPHRASE)
    try:
        return [client.display_name for client in open_services(practice).clients.list()]
    finally:
        practice.close()
