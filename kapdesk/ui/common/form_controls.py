"""Form controls for the between-session editors (scripts, settings).

Each helper gives the control its accessible name up front, because a control
without one is invisible to a screen reader and hard to find in tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QTreeWidget, QListView, QListWidget, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QSpinBox,
                               QWidget)

from kapdesk.ui.common.widgets import NamedComboBox, show_text


# Additions to the day theme for these dialogs only: compact list rows so a
# whole script's phases fit. A list whose lines wrap has no side padding: Qt
# wraps a line to the row's width without it, and would otherwise cut the
# end of a line that just fits off with "…". A number a problem is about is
# outlined. (Spin box and combo arrows are in style.qss.)
_EDITOR_STYLE = """
QAbstractSpinBox[problem="true"] { border: 2px solid #9a3b2f; }
QListWidget::item { padding: 3px 6px; }
QListWidget#scriptList::item { padding: 6px 8px; }
QListWidget[wrapping="true"]::item { padding: 3px 0px; }
"""


Confirm = Callable[[QWidget, str], bool]


def ask(parent: QWidget, question: str) -> bool:
    """A yes/no question whose default answer keeps what the therapist has."""
    answer = QMessageBox.question(parent, "KAPDesk", question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def editor_style() -> str:
    """The style sheet the script editor and settings dialogs set on themselves."""
    return _EDITOR_STYLE


def section_heading(text: str) -> QLabel:
    """A quiet bold heading over a group of fields."""
    label = QLabel(text)
    label.setAccessibleName(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def hint_label(text: str = "", accessible_name: str = "") -> QLabel:
    """Secondary text in the muted colour of the day theme, whose words never change.

    `accessible_name` only where it says more than the text (it must contain
    what the label shows: a screen reader reads the name, not the text).
    """
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    label.setAccessibleName(accessible_name or text)
    return label


_ROLE = "accessibleRole"


def live_hint(role: str, text: str = "") -> QLabel:
    """A hint whose words change (a status, a length): a screen reader reads
    "Role: what it shows now" (see `set_hint`)."""
    label = hint_label()
    label.setProperty(_ROLE, role)
    set_hint(label, text)
    return label


def set_hint(label: QLabel, text: str) -> None:
    """Show `text` in a label made by `live_hint` (or named as one), keeping its
    accessible name saying what it is and what it shows."""
    show_text(label, text, str(label.property(_ROLE) or label.accessibleName() or ""))


def name_by_role(label: QLabel, role: str) -> QLabel:
    """Make an existing label (an error line, a warning) read as "Role: text"."""
    label.setProperty(_ROLE, role)
    set_hint(label, label.text())
    return label


def line_edit(accessible_name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(accessible_name)
    edit.setPlaceholderText(placeholder)
    return edit


def text_area(accessible_name: str, height: int = 90) -> QPlainTextEdit:
    area = QPlainTextEdit()
    area.setAccessibleName(accessible_name)
    # Tab moves on to the next field, as everywhere else in a form.
    area.setTabChangesFocus(True)
    area.setFixedHeight(height)
    return area


#: The most a number field holds. Far wider than any sensible value on purpose:
#: QSpinBox silently refuses a keystroke that would leave its range (999 in a
#: box of 0-600 stays 99), so the box takes what a person types and the rules
#: in `kapdesk.core` refuse a value out of range in words, keeping it on screen.
TYPED_MAX = 99_999


def mark_problem(widget: QWidget, problem: bool) -> None:
    """Outline a field whose value a listed problem is about (editor_style draws it)."""
    if bool(widget.property("problem")) != problem:
        widget.setProperty("problem", problem)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def wrapping_list(accessible_name: str, minimum_height: int) -> QListWidget:
    """A list whose long lines wrap (again at every width) rather than hiding
    their end behind a horizontal scroll bar."""
    items = QListWidget()
    items.setAccessibleName(accessible_name)
    items.setMinimumHeight(minimum_height)
    items.setWordWrap(True)
    items.setProperty("wrapping", True)
    items.setResizeMode(QListView.ResizeMode.Adjust)
    items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return items


def spin_box(accessible_name: str, suffix: str = "") -> QSpinBox:
    """A whole-number field that holds whatever is typed (0 to TYPED_MAX).

    Its sensible range is checked by the caller's core rules, which say the
    range; the box never clamps a typed value to fit.
    """
    box = QSpinBox()
    box.setAccessibleName(accessible_name)
    box.setRange(0, TYPED_MAX)
    box.setSuffix(suffix)
    box.setMinimumWidth(110)
    return box


def combo_box(accessible_name: str, choices: Iterable[tuple[str, str]]) -> QComboBox:
    """A combo of (stored value, words shown) pairs; `currentData()` is the stored value."""
    combo = NamedComboBox()
    combo.setAccessibleName(accessible_name)
    for value, text in choices:
        combo.addItem(text, value)
    return combo


def select_data(combo: QComboBox, value: str, text: str | None = None) -> None:
    """Select the item holding `value`, adding it first if the combo lacks it.

    Scripts made elsewhere may carry a kind or slot this form does not offer;
    showing it keeps it, instead of silently replacing it on the next save.
    """
    index = combo.findData(value)
    if index < 0:
        combo.addItem(text or value, value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def table_list(accessible_name: str, columns: Sequence[str]) -> QTreeWidget:
    """A read-only list of rows with column headings (backups, the audit trail): one
    row chosen at a time, alternate rows shaded, columns as wide as their contents."""
    table = QTreeWidget()
    table.setAccessibleName(accessible_name)
    table.setColumnCount(len(columns))
    table.setHeaderLabels(list(columns))
    table.setRootIsDecorated(False)
    table.setUniformRowHeights(True)
    table.setAlternatingRowColors(True)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setStyleSheet("QTreeWidget::item { padding: 5px 6px; } "
                        "QHeaderView::section { padding: 4px 12px; }")
    table.header().setStretchLastSection(True)
    table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def with_default(box: QSpinBox, text: str) -> QHBoxLayout:
    """A number box with its default said beside it (read with the box's own name)."""
    row = QHBoxLayout()
    row.addWidget(box)
    hint = hint_label(text, f"{box.accessibleName()}: {text}")
    hint.setWordWrap(False)
    row.addWidget(hint)
    row.addStretch(1)
    return row


def hidden_field(name: str, placeholder: str = "", min_width: int = 360) -> QLineEdit:
    """A field whose letters show as dots (a passphrase, a password), named for a screen reader."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    if placeholder:
        field.setPlaceholderText(placeholder)
    field.setMinimumWidth(min_width)
    return field
