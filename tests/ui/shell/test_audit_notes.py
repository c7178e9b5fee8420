"""An action the audit trail could not note still stands, and the window says so calmly
at its foot (never a dialog), whichever thread tried to write the entry."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication, QDialog, QStatusBar

from kapdesk.core.audit import AuditKind
from kapdesk.core.clients import ClientDraft
from tests.helpers.session_window import open_window

pytest_plugins = ("tests.helpers.session_fixtures",)


def test_an_unwritten_entry_is_said_at_the_foot_of_the_window(qtbot, services, practice) -> None:  # noqa: ANN001
    wired = open_window(qtbot, services)
    assert wired.window.findChild(QStatusBar) is None  # no bar at all until there is a note
    with practice.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE audit_log")
    added = services.clients.add(ClientDraft("Maya R."))
    worker = threading.Thread(target=services.audit.record, args=(AuditKind.BACKUP,))
    worker.start()
    worker.join()
    bar = wired.window.statusBar()
    qtbot.waitUntil(lambda: "“backup made” was done" in bar.currentMessage())
    assert bar.isVisible() and "could not note it" in bar.currentMessage()
    assert services.clients.get(added.id).display_name == "Maya R."  # the action stands
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
