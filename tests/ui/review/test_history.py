"""The history view: newest first, per client and practice-wide, filters, paging, empty states."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from kapdesk.core.clients import ClientDraft
from kapdesk.storage.review import HistoryFilter, ReviewStore
from kapdesk.ui.review.history_model import CLIENT, FLAGS, STATUS, RowRole
from tests.helpers.practice_builder import DAY, T0, BuildSpec, build_practice
from tests.helpers.review_rig import settle
from tests.helpers.session_window import open_window

pytest_plugins = ("tests.helpers.review_fixtures",)


def shown_rows(view) -> list:  # noqa: ANN001
    return [view.model.index(row, 0).data(RowRole) for row in range(view.model.rowCount())]


def test_the_practice_history_is_newest_first_with_flags_in_words(qtbot, area, built) -> None:  # noqa: ANN001
    area.show_history(None)
    settle(qtbot, area)
    view = area.history
    rows = shown_rows(view)
    assert len(rows) == 18 and view.count_label.text() == "18 sessions"
    assert [r.started_at for r in rows] == sorted((r.started_at for r in rows), reverse=True)
    assert view.heading.text() == "Records — all clients"
    assert not view.table.isColumnHidden(CLIENT)
    for number, row in enumerate(rows):
        flags = view.model.index(number, FLAGS).data()
        assert flags == " · ".join(flag.label for flag in row.flags)
        status = view.model.index(number, STATUS).data()
        assert status.startswith("Signed" if row.signed_at else "Not signed")
    assert view.table.currentIndex().row() == 0  # the keyboard starts on the newest


def test_past_sessions_on_a_client_opens_their_history_and_back_returns(qtbot, services, built) -> None:  # noqa: ANN001
    wired = open_window(qtbot, services)
    window = wired.window
    clients_view = wired.clients_view
    target = built.client_ids[1]
    clients_view._select(target)
    clients_view.history_button.click()
    area = wired.review.area
    assert window.stack.currentWidget() is area
    settle(qtbot, area)
    rows = shown_rows(area.history)
    assert {r.client_id for r in rows} == {target} and len(rows) == 6
    name = services.clients.get(target).display_name
    assert area.history.heading.text() == f"Past sessions — {name}"
    assert area.history.table.isColumnHidden(CLIENT)
    assert area.history.client_box.currentText() == name
    QTest.keyClick(area.history.table, Qt.Key.Key_Escape)  # a button's shortcut clicks it animated
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clients_view)
    window.records_button.click()  # the header's Records: the whole practice
    settle(qtbot, area)
    assert window.stack.currentWidget() is area and area.history.model.rowCount() == 18
    area.tasks.wait()


def test_filters_by_client_tag_script_and_dates(qtbot, area, built, services) -> None:  # noqa: ANN001
    area.show_history(None)
    settle(qtbot, area)
    view, store = area.history, ReviewStore(services.practice, services.clock)
    view.client_box.setCurrentIndex(view.client_box.findData(built.client_ids[0]))
    settle(qtbot, area)
    assert {r.client_id for r in shown_rows(view)} == {built.client_ids[0]}
    view.client_box.setCurrentIndex(0)
    tag = store.tags_used()[0][0]
    view.tag_box.setCurrentIndex(view.tag_box.findData(tag))
    settle(qtbot, area)
    tagged = shown_rows(view)
    assert tagged and all(tag in r.facts.tags for r in tagged)
    assert [r.session_id for r in tagged] == [r.session_id for r in store.history(HistoryFilter(tag=tag))]
    view.tag_box.setCurrentIndex(0)
    script_id = store.scripts_used()[0][0]
    view.script_box.setCurrentIndex(view.script_box.findData(script_id))
    settle(qtbot, area)
    assert {r.script_id for r in shown_rows(view)} == {script_id}
    view.script_box.setCurrentIndex(0)
    # Between two dates, both days included: the sessions of 2-3 weeks before T0.
    first, last = (dt.datetime.fromtimestamp(T0 - 21 * DAY).date(),
                   dt.datetime.fromtimestamp(T0 - 14 * DAY).date())
    view.period_box.setCurrentIndex(view.period_box.findData("between"))
    assert view.since_edit.isVisible() and view.until_edit.isVisible()
    view.since_edit.setDate(QDate(first))
    view.until_edit.setDate(QDate(last))
    settle(qtbot, area)
    dates = {dt.datetime.fromtimestamp(r.started_at).date() for r in shown_rows(view)}
    assert dates and all(first <= d <= last for d in dates)
    assert len(shown_rows(view)) == store.count(view.current_filter())
    view.clear_filters()
    settle(qtbot, area)
    assert view.model.rowCount() == 18 and not view.since_edit.isVisible()


def test_empty_states_say_so_plainly(qtbot, area, services) -> None:  # noqa: ANN001
    area.show_history(None)
    settle(qtbot, area)
    assert area.history.body.currentWidget() is area.history.empty_label
    assert area.history.empty_label.text().startswith("No sessions yet.")
    client = services.clients.add(ClientDraft("Alex M."))
    area.show_history(client.id)
    settle(qtbot, area)
    assert area.history.empty_label.text() == "No sessions yet for Alex M."
    assert area.history.empty_label.isVisible() and not area.history.table.isVisible()


def test_a_filter_that_matches_nothing_says_so(qtbot, area, built) -> None:  # noqa: ANN001
    area.show_history(built.client_ids[0])
    settle(qtbot, area)
    area.history.period_box.setCurrentIndex(area.history.period_box.findData(30))  # T0 - 30 days
    settle(qtbot, area)
    rows = shown_rows(area.history)
    area.history.period_box.setCurrentIndex(area.history.period_box.findData("between"))
    area.history.since_edit.setDate(QDate(2020, 1, 1))
    area.history.until_edit.setDate(QDate(2020, 2, 1))
    settle(qtbot, area)
    assert rows and area.history.empty_label.text() == "No sessions match these filters."


def test_rows_load_a_page_at_a_time_as_the_list_scrolls(qtbot, area, practice) -> None:  # noqa: ANN001
    build_practice(practice.engine, BuildSpec(clients=2, sessions_per_client=60,
                                              notes_per_session=1, music=False))
    area.show_history(None)
    settle(qtbot, area)
    model, table = area.history.model, area.history.table
    assert model.total == 120 and model.rowCount() == 50 and model.canFetchMore()
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 100, timeout=10_000)
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 120, timeout=10_000)
    settle(qtbot, area)
    assert not model.canFetchMore()
    rows = shown_rows(area.history)
    assert len({r.session_id for r in rows}) == 120
    assert [r.started_at for r in rows] == sorted((r.started_at for r in rows), reverse=True)
    assert area.history.count_label.text() == "120 sessions"


def test_enter_on_a_row_opens_that_session(qtbot, area, built) -> None:  # noqa: ANN001
    area.show_history(None)
    settle(qtbot, area)
    table = area.history.table
    area.activateWindow()
    qtbot.waitUntil(area.isActiveWindow)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(area.history.model.index(2, 0))
    wanted = area.history.model.row_at(2).session_id
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert area.pages.currentWidget() is area.session
    assert area.session.record.session_id == wanted
    # The keys go to the timeline, never down the chain to its zoom-out button.
    assert area.session.timeline.hasFocus() and area.session.selected_seq() is None
    QTest.keyClick(area.session.timeline, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: area.pages.currentWidget() is area.history)


def test_the_columns_fit_the_table_so_none_is_cut_off_at_the_edge(qtbot, area, built) -> None:  # noqa: ANN001
    area.resize(1100, 760)
    area.show()
    area.show_history(None)
    settle(qtbot, area)
    table = area.history.table
    header = table.horizontalHeader()
    widths = [header.sectionSize(column) for column in range(header.count())]
    assert sum(widths) <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    assert header.sectionSize(FLAGS) >= 140  # the flags keep room to be read
    # The date and the status are never shortened.
    for column in (0, STATUS):
        assert header.sectionSize(column) >= table.sizeHintForColumn(column)
