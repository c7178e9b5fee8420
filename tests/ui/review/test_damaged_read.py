"""A damaged page met by a screen's read: Records says so in words naming the practice and the
latest checked backup, never the library's text; the rest of the app stays usable."""

from __future__ import annotations

import os
from pathlib import Path

from kapdesk.services import open_services
from kapdesk.storage.backup_files import BY_HAND
from kapdesk.storage.damage import backup_date_words
from kapdesk.storage.files import db_path_in
from kapdesk.storage.practice import open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.damage import damage_table
from tests.helpers.practice_builder import BuildSpec, build_practice
from tests.helpers.review_rig import settle
from tests.helpers.screenshots import save_screen
from tests.helpers.session_window import open_window


def test_records_over_a_damaged_page_says_which_practice_and_which_backup(qtbot, practice, clock) -> None:  # noqa: ANN001
    build_practice(practice.engine, BuildSpec(clients=2, sessions_per_client=2, notes_per_session=3))
    backup = open_services(practice, clock).backups.back_up(kind=BY_HAND).backup
    practice.close()
    damage_table(practice.data_dir, "sessions")
    reopened = open_practice(practice.data_dir, PASSPHRASE)
    try:
        services = open_services(reopened, clock)
        wired = open_window(qtbot, services)
        wired.window.records_button.click()
        area = wired.review.area
        settle(qtbot, area)
        label = area.history.count_label
        qtbot.waitUntil(lambda: "damaged" in label.text(), timeout=10_000)
        words = label.text()
        assert str(db_path_in(practice.data_dir)) in words
        assert backup_date_words(backup.made_at) in words and "Settings → Backups" in words
        assert "malformed" not in words.lower() and "Traceback" not in words
        assert label.wordWrap()  # said whole, not cut at the window's edge
        if os.environ.get("KAPDESK_SCREENSHOT_DIR"):
            save_screen(wired.window, Path(os.environ["KAPDESK_SCREENSHOT_DIR"]), "records-damaged.png")
        # The clients' own pages are sound: the client list still reads.
        assert [client.display_name for client in services.clients.list()]
        area.tasks.wait()
    finally:
        reopened.close()
