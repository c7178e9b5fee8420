"""Help → About KAPDesk: the version, where the practice lives, and what KAPDesk is made of.

Opened from the header's About button (main_window.ABOUT_KEY, between sessions
only: the room hides the header); imported only then, as reading the licences
needs importlib.metadata, which start-up does without. The list of components and their licences comes from
kapdesk/licences.py (the installed packages' metadata, or the file a build
wrote), never typed here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from kapdesk import __version__
from kapdesk.assets import app_icon_path
from kapdesk.licences import ComponentLicence, licence_texts
from kapdesk.ui.common.widgets import action_button, wrapped_label

WHAT_IT_IS = ("The in-room companion for ketamine-assisted psychotherapy: the session as a "
              "timed script, calm music that follows its phases, and encrypted records.")
STAYS_HERE = "KAPDesk works offline. Your records never leave this laptop."
DEMO_PLACE = ("This is the demo: a throwaway practice in a temporary folder, removed when "
              "KAPDesk closes.")


def practice_place(data_dir: Path, demo: bool) -> str:
    """Where the practice lives, in words."""
    return DEMO_PLACE if demo else f"Your practice is kept, encrypted, in {data_dir}"


class AboutDialog(QDialog):
    """The About box. Esc or Enter closes it; the component list takes the arrows."""

    def __init__(self, place: str, components: list[ComponentLicence],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About KAPDesk")
        self.setAccessibleName("About KAPDesk")
        self.resize(1000, 660)
        self._shown = components
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addLayout(_heading())
        self.place_label = wrapped_label(place, "", "Where the practice lives")
        self.place_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.place_label)
        layout.addWidget(wrapped_label(STAYS_HERE, "subtitle"))
        layout.addWidget(wrapped_label("Made with (name, version, licence); its licence text beside it:",
                                       "", "Made with"))
        self.components = _component_list(components)
        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        self.licence_text.setTabChangesFocus(True)  # Tab leaves it, to Close
        self.licence_text.setAccessibleName("Licence text")
        panes = QHBoxLayout()
        panes.addWidget(self.components, 2)
        panes.addWidget(self.licence_text, 3)
        layout.addLayout(panes, 1)
        self.components.currentRowChanged.connect(self._show_licence)
        self._show_licence(self.components.currentRow())
        self.close_button = action_button("Close", None, self.accept, self, primary=True)
        self.close_button.setDefault(True)
        self.close_button.setAccessibleName("Close About KAPDesk")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.components.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_licence(self, row: int) -> None:
        if not 0 <= row < len(self._shown):
            self.licence_text.clear()
            return
        component = self._shown[row]
        texts = licence_texts(component)
        if texts:
            body = "\n\n".join(f"── {name} ──\n\n{text.strip()}" for name, text in texts)
        else:
            where = f" Its terms: {component.home}" if component.home else ""
            body = f"No licence file came with {component.name}; its stated licence is {component.licence}.{where}"
        self.licence_text.setPlainText(body)


def _heading() -> QHBoxLayout:
    icon = QLabel()
    icon.setPixmap(QIcon(str(app_icon_path())).pixmap(72, 72))
    icon.setAccessibleName("KAPDesk's icon")
    words = QVBoxLayout()
    words.setSpacing(4)
    words.addWidget(wrapped_label("KAPDesk", "title", "KAPDesk"))
    words.addWidget(wrapped_label(f"Version {__version__}", "", f"Version {__version__}"))
    words.addWidget(wrapped_label(WHAT_IT_IS, "subtitle"))
    row = QHBoxLayout()
    row.setSpacing(18)
    row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
    row.addLayout(words, 1)
    return row


def _component_list(components: list[ComponentLicence]) -> QListWidget:
    view = QListWidget()
    view.setAccessibleName("Components and their licences")
    # Long lines wrap rather than hide behind a sideways scroll bar.
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setResizeMode(QListWidget.ResizeMode.Adjust)
    for component in components:
        item = QListWidgetItem(component.summary())
        if component.home:
            item.setToolTip(component.home)
        view.addItem(item)
    view.setCurrentRow(0)
    return view
