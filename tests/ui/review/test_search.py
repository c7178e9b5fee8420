"""Search as you type: debounced, in a worker, ranked with highlighted words; a result
opens its session at that very note; no hits are said in words."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.ui.review.search import DEBOUNCE_MS, HitRole, HtmlRole
from tests.helpers.practice_builder import T0, add_client
from tests.helpers.review_rig import demo_session, settle
from tests.helpers.stubs import HeldCalls

pytest_plugins = ("tests.helpers.review_fixtures",)


def type_search(qtbot, area, text: str):  # noqa: ANN001, ANN201
    """Type into the search box as a person would; the results of the last text."""
    area.search.box.setFocus()
    with qtbot.waitSignal(area.search.searched, timeout=10_000,
                          check_params_cb=lambda results: results.query == text) as answered:
        qtbot.keyClicks(area.search.box, text)
    settle(qtbot, area)
    return answered.args[0]


def test_typing_searches_after_a_pause_and_ranks_highlighted_hits(qtbot, area, built) -> None:  # noqa: ANN001
    area.show_history(None)
    settle(qtbot, area)
    assert area.search.timer.interval() == DEBOUNCE_MS and area.search.timer.isSingleShot()
    results = type_search(qtbot, area, "father")
    assert area.pages.currentWidget() is area.results_page
    assert area.search.model.rowCount() == len(results.hits) > 0
    assert [h.score for h in results.hits] == sorted(h.score for h in results.hits)  # best first
    first = area.search.model.index(0)
    html = first.data(HtmlRole)
    assert "background-color:#f3dfa2" in html and ">father<" in html.replace("</span>", "<")
    assert "father" in first.data(Qt.ItemDataRole.DisplayRole)
    assert area.search.status_label.text() == results.total_label


def test_a_result_opens_its_session_at_that_note(qtbot, area, practice) -> None:  # noqa: ANN001
    client = add_client(practice.engine, "Maya A.")
    demo_session(practice, client, T0 - 14 * 86_400)
    wanted = demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(client)
    settle(qtbot, area)
    type_search(qtbot, area, "sawdust")  # only in the workshop note
    hits = [area.search.model.index(r).data(HitRole) for r in range(area.search.model.rowCount())]
    assert {h.session_id for h in hits} == {wanted.session_id - 1, wanted.session_id}
    area.search.results.setCurrentIndex(area.search.model.index(
        next(r for r, h in enumerate(hits) if h.session_id == wanted.session_id)))
    area.search.results.setFocus()
    QTest.keyClick(area.search.results, Qt.Key.Key_Return)
    hit = next(h for h in hits if h.session_id == wanted.session_id)
    view = area.session
    assert area.pages.currentWidget() is view
    assert view.record.session_id == wanted.session_id
    assert view.selected_seq() == hit.event_seq == view.timeline.selected
    assert "sawdust" in view.log_list.currentItem().text()
    assert "Warm light" in view.moment_label.text()  # what was playing at that note
    x = view.timeline.x_of(view.timeline.selected_point().at_s)
    assert 84 <= x <= view.timeline.viewport().width()  # scrolled into view
    # Back returns to the results, then to the history.
    area.back()
    assert area.pages.currentWidget() is area.results_page
    area.back()
    assert area.pages.currentWidget() is area.history


def test_enter_in_the_box_opens_the_best_hit(qtbot, area, practice) -> None:  # noqa: ANN001
    client = add_client(practice.engine, "Maya A.")
    made = demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(None)
    settle(qtbot, area)
    results = type_search(qtbot, area, "cello")
    QTest.keyClick(area.search.box, Qt.Key.Key_Return)
    assert area.session.record.session_id == made.session_id
    assert area.session.selected_seq() == results.hits[0].event_seq


def test_no_hits_are_said_plainly(qtbot, area, built) -> None:  # noqa: ANN001
    area.show_history(None)
    settle(qtbot, area)
    type_search(qtbot, area, "zeppelin")
    assert area.search.model.rowCount() == 0
    assert area.search.status_label.text() == "No notes match “zeppelin”."


def test_only_the_last_text_typed_is_shown(qtbot, area, built) -> None:  # noqa: ANN001
    area.show_history(None)
    settle(qtbot, area)
    held = threading.Event()
    # the first search takes its time, as one within a big practice may
    area.search._search = HeldCalls(area.search._search, "search", held,
                                    when=lambda text, **_options: text == "gri")
    area.search.box.setFocus()
    qtbot.keyClicks(area.search.box, "gri")
    qtbot.waitUntil(lambda: area.search._running, timeout=5_000)  # "gri" is being searched...
    qtbot.keyClicks(area.search.box, "ef")  # ...when the therapist types on
    with qtbot.waitSignal(area.search.searched, timeout=10_000) as shown:
        held.set()
    settle(qtbot, area)
    assert shown.args[0].query == "grief"  # the answer to "gri" was never shown
    texts = [area.search.model.index(r).data(Qt.ItemDataRole.DisplayRole)
             for r in range(area.search.model.rowCount())]
    assert texts and all("grie" in t.lower() for t in texts)


def test_ctrl_k_reaches_the_search_from_a_session_and_esc_leaves_it(qtbot, area, practice) -> None:  # noqa: ANN001
    client = add_client(practice.engine, "Maya A.")
    made = demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(None)
    settle(qtbot, area)
    area.show_session(made.session_id)
    area.activateWindow()
    area.session.log_list.setFocus()
    QTest.keyClick(area.session.log_list, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert area.search.box.hasFocus()
    type_search(qtbot, area, "tearful")
    assert area.pages.currentWidget() is area.results_page
    QTest.keyClick(area.search.box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: area.pages.currentWidget() is area.session)
    assert area.search.box.text() == ""
