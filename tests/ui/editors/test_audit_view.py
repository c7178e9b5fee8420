"""Settings -> Audit trail on a real encrypted practice: entries newest first under a line
that says the trail is whole (or names the first broken entry), filtered by client, opened
from Settings with its button and key, read-only, and a picture to look at."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget

from kapdesk.core.audit import AuditKind
from kapdesk.core.clients import ClientDraft
from kapdesk.core.practice_settings import PracticeSettings
from kapdesk.services import open_services
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.editors.audit_view import AuditView
from kapdesk.ui.editors.settings import SettingsDialog
from tests.helpers.accessibility import unread_labels
from tests.helpers.screenshots import save_screen, screenshot_folder

UTC = dt.timezone.utc


@pytest.fixture
def services(practice, clock):  # noqa: ANN001, ANN201
    return open_services(practice, clock)


@pytest.fixture
def tasks(qtbot):  # noqa: ANN001, ANN201
    runner = TaskRunner()
    yield runner
    runner.wait()


@pytest.fixture
def trail(services, clock):  # noqa: ANN001, ANN201
    maya = services.clients.add(ClientDraft("Maya R."))
    clock.advance(60)
    jon = services.clients.add(ClientDraft("Jon P."))
    clock.advance(60)
    services.audit.record(AuditKind.UNLOCK, detail="practice opened")
    clock.advance(60)
    services.audit.record(AuditKind.EXPORT, client_id=maya.id, session_id=4,
                          detail="PDF report to /home/t/maya.pdf")
    clock.advance(60)
    services.audit.record(AuditKind.SEARCH, detail="all notes")
    return services, maya, jon


def open_view(qtbot, services, tasks) -> AuditView:  # noqa: ANN001
    clients = [(c.id, c.display_name) for c in services.clients.list()]
    view = AuditView(services.audit, clients, tasks, tz=UTC)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not tasks.busy and view.rows()
                    and not view.verdict_label.text().startswith("Checking"))
    return view


def test_entries_newest_first_under_the_line_that_says_the_trail_is_whole(qtbot, trail, tasks) -> None:  # noqa: ANN001
    services, maya, _jon = trail
    view = open_view(qtbot, services, tasks)
    assert view.verdict_label.text().startswith("The audit trail is whole: 5 entries from ")
    rows = view.rows()
    assert [row.split(" · ")[1] for row in rows] == [
        "search made", "export", "unlocked", "client details changed", "client details changed"]
    assert rows[1].endswith("export · Maya R. · #4 · PDF report to /home/t/maya.pdf")
    assert rows[0].startswith("Thu 1 Jan 2026, 00:04:00")
    # Read-only: nothing to type into, no button but Close.
    assert view.findChildren(QLineEdit) == []
    assert [b.accessibleName() for b in view.findChildren(QAbstractButton)] == ["Close"]
    assert unread_labels(view) == []


def test_the_client_filter_shows_only_their_entries(qtbot, trail, tasks) -> None:  # noqa: ANN001
    services, maya, _jon = trail
    view = open_view(qtbot, services, tasks)
    view.client_filter.setCurrentIndex(view.client_filter.findData(maya.id))
    qtbot.waitUntil(lambda: not tasks.busy and len(view.rows()) == 2)
    assert all("Maya R." in row for row in view.rows())


def test_a_broken_trail_is_said_first_naming_the_entry(qtbot, trail, tasks, practice) -> None:  # noqa: ANN001
    services, _maya, _jon = trail
    with practice.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        connection.exec_driver_sql("DELETE FROM audit_log WHERE id = 3")
    view = open_view(qtbot, services, tasks)
    assert view.verdict_label.text() == (
        "The audit trail is broken: Entries between entry 2 (2026-01-01 00:01 UTC, client "
        "details changed) and entry 4 (2026-01-01 00:03 UTC, export) were deleted.")


def test_settings_opens_the_audit_trail_with_its_button_and_key(qtbot) -> None:  # noqa: ANN001
    opened: list[QWidget] = []
    dialog = SettingsDialog(PracticeSettings(), open_backups=lambda _p: None, open_audit=opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.audit_button.isVisible() and dialog.audit_button.accessibleName() == "Audit trail"
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: opened == [dialog])
    plain = SettingsDialog(PracticeSettings())
    qtbot.addWidget(plain)
    assert not plain.audit_button.isVisibleTo(plain)


def test_screenshot(qtbot, trail, tasks, tmp_path) -> None:  # noqa: ANN001
    services, _maya, _jon = trail
    view = open_view(qtbot, services, tasks)
    image = save_screen(view, screenshot_folder(tmp_path), "audit_trail.png")
    assert image.width() > 600
    dialog = SettingsDialog(PracticeSettings(), open_backups=lambda _p: None, open_audit=lambda _p: None)
    qtbot.addWidget(dialog)
    dialog.show()
    save_screen(dialog, screenshot_folder(tmp_path), "settings_audit.png")
