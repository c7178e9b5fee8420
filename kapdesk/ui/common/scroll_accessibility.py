"""Scroll areas as a screen reader sees them, without the crash in Qt's own version.

Qt's accessible interface for a scroll area (QAccessibleAbstractScrollArea,
used for every QScrollArea: the client's page, the course forms, the
readiness panel, the review's tabs) lists as its children the viewport and
each scroll bar *that is visible*, and answers "child number i" without
checking i (Qt 6.11: `accessibleChildren().at(index)`). A screen reader asks
how many children there are, then asks for each in a separate message; when
the page is hidden in between (Esc from the client's page to the list), its
scroll bar is no longer visible, the count has gone down, and the question for
the last child reads past the end of the list: a wild pointer and a
segmentation fault (seen on a real display with the accessibility bus read,
in 3 of 10 runs of "set aside, then Esc").

`guard_scroll_areas()` installs, once, a factory that gives scroll areas Qt's
general widget interface instead: its children are the scroll area's child
widgets whether shown or not (so the count does not change when the page is
hidden; a screen reader skips what is not showing) and it answers an index
out of range with nothing. PySide keeps each interface's Python side until
the application ends; Qt deletes the interface with its widget, and the
Python side then knows it is gone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractScrollArea, QAccessibleWidget

# The class names Qt's own factory answers with QAccessibleAbstractScrollArea; more
# specific scroll areas (lists, tables, text editors) keep their own interfaces,
# found first as the lookup walks from the most derived class up.
SCROLL_AREA_CLASSES = frozenset({"QScrollArea", "QAbstractScrollArea"})


def scroll_area_interface(class_name: str, found: QObject) -> QAccessibleInterface | None:
    """The factory: a bounds-checked interface for a scroll area, None for anything else."""
    if class_name in SCROLL_AREA_CLASSES and isinstance(found, QAbstractScrollArea):
        return QAccessibleWidget(found, QAccessible.Role.Client)
    return None


def guard_scroll_areas() -> None:
    """Install the factory: once, by the composition root, before any window is shown
    (Qt keeps it for the process's life; a second install would only be asked second)."""
    QAccessible.installFactory(scroll_area_interface)
