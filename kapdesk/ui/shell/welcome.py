"""The welcome on a new practice, before the passphrase is created.

A therapist opening KAPDesk for the first time reads, in a few calm lines,
what it does, that everything stays on this laptop, that a lost passphrase
cannot be recovered and where backups go, and then chooses: create the
practice (Enter), try the demo first (Ctrl+D), or quit (Esc). startup.py
decides when it is due (a person is there and no practice exists yet);
app.py acts on the choice.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kapdesk.assets import app_icon_path
from kapdesk.ui.common.widgets import action_button, wrapped_label

DEMO_KEY = "Ctrl+D"
TITLE = "Welcome to KAPDesk"
WIDTH = 780


class WelcomeChoice(Enum):
    CREATE = "create"  # go on to the passphrase
    DEMO = "demo"      # the throwaway demo practice instead, as --demo
    QUIT = "quit"


def welcome_points(backup_folder: Path) -> list[tuple[str, str]]:
    """The welcome's four points, each a (lead, rest) pair."""
    return [
        ("KAPDesk keeps you company in the room.",
         "It runs a ketamine-assisted session as a timed script, plays calm music that "
         "follows its phases, and records what you observe — notes, vitals, the dose — "
         "for review afterwards."),
        ("Everything stays on this laptop.",
         "Your records are encrypted with a passphrase you choose next. KAPDesk works "
         "offline and sends nothing anywhere."),
        ("A lost passphrase cannot be recovered.",
         "Without it nobody can open these records, not even you. Write it down and keep "
         "it somewhere safe."),
        ("Backups are encrypted too.",
         f"They are kept in {backup_folder}, and also in a second folder (a USB drive, "
         f"say) once you name one in Settings."),
    ]


class WelcomeDialog(QDialog):
    """The first-run welcome; `choice` says what the person chose (QUIT if they closed it)."""

    def __init__(self, backup_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.choice = WelcomeChoice.QUIT
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 28)
        layout.setSpacing(18)
        layout.addLayout(_heading())
        self.points = [_point(lead, rest) for lead, rest in welcome_points(backup_folder)]
        self.points[2].setObjectName("welcomeWarning")  # the one that cannot be undone
        for point in self.points:
            layout.addWidget(point)
        layout.addStretch(1)
        layout.addSpacing(8)
        self.quit_button = action_button("Quit", None, self.reject, self)
        self.quit_button.setAccessibleName("Quit KAPDesk")
        self.demo_button = action_button("Try the demo first", DEMO_KEY, lambda: self._choose(WelcomeChoice.DEMO), self)
        self.create_button = action_button("Create my practice", None,
                                           lambda: self._choose(WelcomeChoice.CREATE), self, primary=True)
        self.create_button.setDefault(True)
        layout.addLayout(_button_row(self.quit_button, self.demo_button, self.create_button))
        # Wrapped labels do not make a dialog tall enough by themselves: the
        # first point lost its last line. Ask for the height the width needs.
        self.setMinimumWidth(WIDTH)
        self.setMinimumHeight(layout.totalHeightForWidth(WIDTH))
        self.resize(WIDTH, self.minimumHeight())
        self.create_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose(self, choice: WelcomeChoice) -> None:
        self.choice = choice
        self.accept()


def _heading() -> QHBoxLayout:
    icon = QLabel()
    icon.setPixmap(QIcon(str(app_icon_path())).pixmap(80, 80))
    icon.setAccessibleName("KAPDesk's icon")
    row = QHBoxLayout()
    row.setSpacing(20)
    row.addWidget(icon)
    row.addWidget(wrapped_label(TITLE, "welcomeTitle", TITLE), 1)
    return row


def _point(lead: str, rest: str) -> QLabel:
    label = wrapped_label(f"<b>{lead}</b> {rest}", "welcomePoint", f"{lead} {rest}")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _button_row(quit_button: QWidget, *choices: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(12)
    row.addWidget(quit_button)
    row.addStretch(1)
    for button in choices:
        row.addWidget(button)
    return row
