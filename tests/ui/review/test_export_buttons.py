"""Exports from the session view: written in the background, whole or not at all."""

from __future__ import annotations

import csv
import json
import threading

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea
from pypdf import PdfReader

from tests.helpers.practice_builder import T0, add_client
from tests.helpers.review_rig import demo_session, settle
from tests.helpers.stubs import HeldCalls

pytest_plugins = ("tests.helpers.review_fixtures",)




def test_the_pdf_report_is_written_in_the_background(qtbot, export_tab, dialogs, exports_folder) -> None:  # noqa: ANN001
    bar = export_tab.export_bar
    dialogs.path = exports_folder / "report.pdf"
    with qtbot.waitSignal(bar.finished, timeout=30_000) as done:
        bar.buttons["pdf"].click()
        # The click returned at once: the report is being written by a worker meanwhile.
        assert bar.busy and bar.progress.isVisible() and not bar.buttons["pdf"].isEnabled()
    assert done.args == [str(dialogs.path)]
    # The date and the session's number: no client name in a file name.
    assert dialogs.asked == ["path: Export PDF report (KAPDesk session 2025-12-25 #1.pdf)"]
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(dialogs.path).pages)
    assert "Maya A." in text and "sawdust" in text
    assert not bar.busy and bar.buttons["pdf"].isEnabled() and not bar.progress.isVisible()
    assert bar.message_label.text().startswith(f"Saved {dialogs.path}.")
    assert "not encrypted" in bar.message_label.text()
    assert [p.name for p in exports_folder.iterdir()] == ["report.pdf"]  # no temporary file left


def test_csv_and_json_hold_every_event(qtbot, export_tab, dialogs, tmp_path) -> None:  # noqa: ANN001
    bar = export_tab.export_bar
    record = export_tab.record
    for key in ("csv", "json"):
        dialogs.path = tmp_path / f"session.{key}"
        with qtbot.waitSignal(bar.finished, timeout=10_000):
            bar.buttons[key].click()
    with open(tmp_path / "session.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(record.events) and {r["session_id"] for r in rows} == {str(record.session_id)}
    data = json.loads((tmp_path / "session.json").read_text("utf-8"))
    assert [s["id"] for s in data["sessions"]] == [record.session_id]
    assert len(data["sessions"][0]["events"]) == len(record.events)


def test_choosing_no_file_exports_nothing(export_tab, dialogs) -> None:  # noqa: ANN001
    dialogs.path = None
    export_tab.export_bar.buttons["json"].click()
    assert not export_tab.export_bar.busy and export_tab.export_bar.message_label.text() == ""


def test_the_export_keys_work_from_any_tab(qtbot, area, export_tab, dialogs, tmp_path) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    export_tab.tabs.setCurrentIndex(0)
    area.activateWindow()
    export_tab.log_list.setFocus()
    dialogs.path = tmp_path / "record.csv"
    with qtbot.waitSignal(export_tab.export_bar.finished, timeout=10_000):
        QTest.keyClick(export_tab.log_list, Qt.Key.Key_C,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert export_tab.tabs.currentIndex() == 2 and (tmp_path / "record.csv").exists()


def test_cancel_stops_the_export_and_leaves_no_file(qtbot, export_tab, dialogs, exports_folder) -> None:  # noqa: ANN001
    bar = export_tab.export_bar
    held = threading.Event()
    # reading the record waits until the test has pressed Cancel
    bar._records = HeldCalls(bar._records, "of_session", held)
    dialogs.path = exports_folder / "session.json"
    with qtbot.waitSignal(bar.failed, timeout=10_000) as failed:
        bar.buttons["json"].click()
        assert bar.cancel_button.isVisible()
        bar.cancel_button.click()
        held.set()
    assert failed.args == ["Cancelled."]
    assert bar.message_label.text() == "Export cancelled; no file was written."
    assert list(exports_folder.iterdir()) == []
    assert bar.buttons["json"].isEnabled() and not bar.cancel_button.isVisible()


def test_a_clients_whole_record_exports_from_their_history(qtbot, area, practice, dialogs, exports_folder) -> None:  # noqa: ANN001
    client = add_client(practice.engine, "Maya A.")
    first = demo_session(practice, client, T0 - 14 * 86_400)
    second = demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(None)
    settle(qtbot, area)
    assert not area.history.export_strip.isVisible()  # the whole practice: no single record
    area.show_history(client)
    settle(qtbot, area)
    bar = area.history.export_bar
    assert area.history.export_strip.isVisible() and set(bar.buttons) == {"csv", "json", "course_pdf"}
    dialogs.path = exports_folder / "record.json"
    with qtbot.waitSignal(bar.finished, timeout=10_000):
        bar.buttons["json"].click()
    assert dialogs.asked[-1] == "path: Export JSON (KAPDesk client record #1.json)"
    data = json.loads((exports_folder / "record.json").read_text("utf-8"))
    assert data["client"]["display_name"] == "Maya A."
    assert [s["id"] for s in data["sessions"]] == [first.session_id, second.session_id]


def test_files_are_offered_in_the_documents_folder_or_home(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtCore import QStandardPaths

    from kapdesk.ui.review import dialogs as review_dialogs

    documents = tmp_path / "Documents"
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert review_dialogs.save_folder() == tmp_path  # no Documents folder: home, never the cwd
    documents.mkdir()
    assert review_dialogs.save_folder() == documents


def test_a_session_is_read_once_from_the_screen_to_the_file(qtbot, area, practice, dialogs, exports_folder,  # noqa: ANN001, PLR0913
                                                            monkeypatch) -> None:
    """The page's record is the export's: opening the session reads it, exporting reads it no more."""
    client = add_client(practice.engine, "Maya A.")
    made = demo_session(practice, client, T0 - 7 * 86_400)
    store = area.services.store
    reads = []  # every full read of this session's log, by whatever path

    def counted_load(session_ids, light=False):  # noqa: ANN001, ANN202
        if made.session_id in session_ids and not light:
            reads.append(made.session_id)
        return real_load(session_ids, light)

    real_load = store._load
    monkeypatch.setattr(store, "_load", counted_load)
    area.show_session(made.session_id)
    assert reads == [made.session_id]
    bar = area.session.export_bar
    for key in ("pdf", "csv", "json"):
        dialogs.path = exports_folder / f"session.{key}"
        with qtbot.waitSignal(bar.finished, timeout=30_000):
            bar.buttons[key].click()
        assert reads == [made.session_id], key  # one read, screen to file
    assert sorted(p.name for p in exports_folder.iterdir()) == ["session.csv", "session.json", "session.pdf"]


def test_closing_the_main_window_mid_export_neither_hangs_nor_delivers(qtbot, services, practice,  # noqa: ANN001
                                                                       exports_folder, monkeypatch) -> None:
    import shiboken6

    from kapdesk.app import build_main_window
    from kapdesk.ui.review import export_buttons

    started, gate, delivered = threading.Event(), threading.Event(), []
    real_work = export_buttons._work

    def gated(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        inner = real_work(*args, **kwargs)

        def run(progress):  # noqa: ANN001, ANN202
            started.set()
            gate.wait(10)  # a long step under way when the window goes (the test opens it)
            progress(0, 1)
            return inner(progress)

        return run

    monkeypatch.setattr(export_buttons, "_work", gated)
    for name in ("_done", "_failed", "_progressed"):
        monkeypatch.setattr(export_buttons.ExportBar, name,
                            lambda self, *a, name=name: delivered.append(name))
    session_id = demo_session(practice, add_client(practice.engine, "Maya A."), T0 - 86_400).session_id
    wired = build_main_window(services, demo=False)
    window = wired.window  # freed by this test, not by qtbot
    window.show()
    qtbot.waitExposed(window)
    runner = wired.tasks
    window.records_button.click()
    area = wired.review.area
    settle(qtbot, area)
    area.show_session(session_id)
    area.dialogs.choose_path = lambda *_: str(exports_folder / "report.pdf")  # the one the bar asks
    bar = area.session.export_bar
    bar.buttons["pdf"].click()
    assert started.wait(10) and bar.busy
    [task] = list(runner._running)
    assert window.close() and not window.isVisible()
    window.deleteLater()
    gate.set()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=10_000)  # no hang
    assert task.wait(10) and task.outcome is not None
    qtbot.wait(20)  # a queued delivery would land here
    assert delivered == []  # nothing reached the bar, which is gone with its window
    assert task.outcome.cancelled or task.outcome.succeeded  # stopped at a progress, or done
    assert {p.name for p in exports_folder.iterdir()} <= {"report.pdf"}  # no half-written file left


def test_a_clients_course_summary_is_written_in_the_background(qtbot, area, practice, dialogs, exports_folder) -> None:  # noqa: ANN001
    import pypdf

    client = add_client(practice.engine, "Maya A.")
    demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(client)
    settle(qtbot, area)
    bar = area.history.export_bar
    assert bar.buttons["course_pdf"].accessibleName() == "Export Course summary PDF"
    dialogs.path = exports_folder / "summary.pdf"
    with qtbot.waitSignal(bar.finished, timeout=20_000):
        bar.buttons["course_pdf"].click()
    assert dialogs.asked[-1] == ("path: Export Course summary PDF "
                                 "(KAPDesk client record #1 course summary.pdf)")
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(exports_folder / "summary.pdf").pages)
    assert "Course summary — Maya A." in text and "Dosing sessions: 1 of 6 planned" in text
    assert [p.name for p in exports_folder.iterdir()] == ["summary.pdf"]


def test_the_focus_stays_in_the_bar_and_the_outcome_scrolls_into_view(qtbot, area, export_tab, dialogs,  # noqa: ANN001
                                                                      exports_folder) -> None:
    """A button pressed by keys: Cancel holds the focus while the file is written, the
    button has it back after (never the timeline's zoom, where Space would zoom out),
    and the words under the buttons are in view on a laptop's short screen."""
    area.resize(1240, 420)  # the Export tab scrolls
    area.activateWindow()
    qtbot.waitUntil(area.isActiveWindow)
    bar = export_tab.export_bar
    bar.buttons["pdf"].setFocus()
    qtbot.waitUntil(bar.buttons["pdf"].hasFocus)
    dialogs.path = exports_folder / "report.pdf"
    with qtbot.waitSignal(bar.finished, timeout=30_000):
        bar.buttons["pdf"].click()
        assert bar.cancel_button.hasFocus()
    assert bar.buttons["pdf"].hasFocus()
    viewport = bar.message_label.parentWidget()
    while not isinstance(viewport.parentWidget(), QScrollArea):
        viewport = viewport.parentWidget()
    scroll = viewport.parentWidget()
    top_left = bar.message_label.mapTo(scroll.viewport(), QPoint(0, 0))
    shown = scroll.viewport().rect()
    assert shown.contains(top_left) and shown.contains(top_left + QPoint(0, bar.message_label.height() - 1))
    assert bar.message_label.text().startswith("Saved ")
