"""The review screens by keyboard and screen reader: names on every control, a sensible
Tab order, the Alt+letter filter labels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox,
                               QHeaderView, QLineEdit, QPlainTextEdit, QProgressBar, QTabWidget,
                               QTextEdit, QWidget)

from kapdesk.ui.review.timeline import TimelineView
from tests.helpers.accessibility import unread_labels
from tests.helpers.practice_builder import T0, add_client
from tests.helpers.review_rig import demo_session, settle

pytest_plugins = ("tests.helpers.review_fixtures",)
CONTROLS = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QTextEdit,
            QPlainTextEdit, QProgressBar, QTabWidget, TimelineView)


def unnamed(area) -> list[str]:  # noqa: ANN001
    """Our controls without an accessible name (Qt's own parts of a control left out)."""
    found = []
    for widget in area.findChildren(QWidget):
        parent = widget.parentWidget()
        inner = (widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView)
                 or isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit))
                 or widget.window() is not area.window())  # a combo's popup list
        if isinstance(widget, CONTROLS) and not inner and not widget.accessibleName():
            found.append(f"{type(widget).__name__} in {type(parent).__name__}")
    return found


def tab_chain(area) -> list[str]:  # noqa: ANN001
    """The accessible names Tab visits, from the Back button round to it again."""
    names, widget = [], area.back_button
    for _ in range(5000):
        widget = widget.nextInFocusChain()
        if widget is area.back_button:
            break
        if (widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            names.append(widget.accessibleName() or widget.objectName())
    return names


def test_every_control_is_named_and_reached_with_tab(qtbot, area, practice) -> None:  # noqa: ANN001
    client = add_client(practice.engine, "Maya A.")
    made = demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(None)
    settle(qtbot, area)
    assert unnamed(area) == []
    assert tab_chain(area) == ["Search all notes", "Client filter", "Period filter", "Script filter",
                               "Tag filter", "Clear filters", "Sessions, newest first"]
    area.show_session(made.session_id)
    chain = tab_chain(area)
    for name in ("Sign record", "Session timeline", "Session log", "Debrief, dose and checks",
                 "Zoom out", "Zoom in", "Fit the session to the width"):
        assert name in chain
    assert unread_labels(area.session) == []
    area.session.tabs.setCurrentIndex(1)
    assert {"Addendum"} <= set(tab_chain(area))
    area.session.tabs.setCurrentIndex(2)
    assert {"Export PDF report", "Export CSV", "Export JSON"} <= set(tab_chain(area))


def test_the_filter_labels_name_their_alt_keys(area) -> None:  # noqa: ANN001
    labels = {label.text(): label.buddy() for label in area.history.findChildren(type(area.crumbs))
              if label.buddy() is not None}
    assert labels == {"&Client": area.history.client_box, "&When": area.history.period_box,
                      "Sc&ript": area.history.script_box, "Ta&g": area.history.tag_box}


def test_the_history_and_discharge_labels_read_as_their_words(qtbot, area, practice) -> None:  # noqa: ANN001
    client = add_client(practice.engine, "Maya A.")
    demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(None)
    settle(qtbot, area)
    assert unread_labels(area.history) == []
    assert area.history.count_label.accessibleName() == "Sessions found: 1 session"
