"""Form controls for the between-session editors (scripts, settings).

Each helper gives the control its accessible name up front, because a control
without one is invisible to a screen reader and hard to find in tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox

from kapdesk.assets import asset_path


# Additions to the day theme for these dialogs only: spin boxes and combos get
# drawn arrows, because the theme's padded frames leave Qt's own arrows as
# broken stubs; list rows are compact so a whole script's phases fit.
_EDITOR_STYLE = """
QListWidget::item { padding: 3px 6px; }
QListWidget#scriptList::item { padding: 6px 8px; }
QSpinBox { padding-right: 30px; }
QSpinBox::up-button, QSpinBox::down-button {
    subcontrol-origin: border; width: 26px; border: none;
    border-left: 1px solid #d8d0c3; background: #f1ece4; }
QSpinBox::up-button { subcontrol-position: top right; border-top-right-radius: 6px; }
QSpinBox::down-button { subcontrol-position: bottom right; border-bottom-right-radius: 6px; }
QSpinBox::up-button:hover, QSpinBox::down-button:hover { background: #e6e0d6; }
QSpinBox::up-button:disabled, QSpinBox::down-button:disabled {
    background: transparent; border: none; }
QSpinBox::up-arrow { image: url(@UP@); width: 10px; height: 7px; }
QSpinBox::down-arrow { image: url(@DOWN@); width: 10px; height: 7px; }
QSpinBox::up-arrow:disabled, QSpinBox::down-arrow:disabled { image: none; }
QComboBox::drop-down { subcontrol-origin: padding; subcontrol-position: center right;
                       width: 26px; border: none; }
QComboBox::down-arrow { image: url(@DOWN@); width: 12px; height: 8px; }
QComboBox::down-arrow:disabled { image: none; }
QTabWidget::pane { border: 1px solid #d8d0c3; border-radius: 8px; top: -1px; }
QTabBar::tab { background: #ece6dc; border: 1px solid #d8d0c3; border-bottom: none;
               border-top-left-radius: 8px; border-top-right-radius: 8px;
               padding: 6px 16px; margin-right: 4px; }
QTabBar::tab:selected { background: #f3efe8; font-weight: 600; }
"""


@cache
def editor_style() -> str:
    """The style sheet the script editor and settings dialogs set on themselves."""
    return (_EDITOR_STYLE.replace("@UP@", asset_path("ui", "arrow-up.svg").as_posix())
            .replace("@DOWN@", asset_path("ui", "arrow-down.svg").as_posix()))


def section_heading(text: str) -> QLabel:
    """A quiet bold heading over a group of fields."""
    label = QLabel(text)
    label.setAccessibleName(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def hint_label(text: str = "", accessible_name: str = "") -> QLabel:
    """Secondary text in the muted colour of the day theme."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    label.setAccessibleName(accessible_name or text)
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


def spin_box(accessible_name: str, low: int, high: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setAccessibleName(accessible_name)
    box.setRange(low, high)
    box.setSuffix(suffix)
    # Out-of-range typing is clamped rather than refused mid-keystroke.
    box.setCorrectionMode(QSpinBox.CorrectionMode.CorrectToNearestValue)
    box.setMinimumWidth(110)
    return box


def combo_box(accessible_name: str, choices: Iterable[tuple[str, str]]) -> QComboBox:
    """A combo of (stored value, words shown) pairs; `currentData()` is the stored value."""
    combo = QComboBox()
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
