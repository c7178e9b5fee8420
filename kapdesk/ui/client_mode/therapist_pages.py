"""The two pages that ask for the practice passphrase: after Submit, and leaving before it.

Both are the idle lock's own `LockScreen` (ui/shell/idle_lock.py) with
client mode's words: the same field, the same "Checking…", the same calm
refusal of a wrong passphrase with the field kept and selected, so the
therapist meets one way back into KAPDesk everywhere.

- `thanks_page`: "Thank you, A." and "Please hand the laptop back"; the field
  is for the therapist.
- `leave_page`: for the therapist before Submit: return without saving (it
  says so before the passphrase is typed), or back to the questions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kapdesk.ui.client_mode.question_page import quiet_button
from kapdesk.ui.common.widgets import show_text
from kapdesk.ui.shell.idle_lock import LockScreen

HAND_BACK = "Your answers are saved. Please hand the laptop back to your therapist."
THERAPIST_FIELD = "Practice passphrase"
LEAVE_TITLE = "Return to KAPDesk without saving?"
LEAVE_HINT = ("For the therapist. The answers given so far will not be kept. Type the practice "
              "passphrase and press Enter to return to KAPDesk.")
BACK_TO_QUESTIONS = "Back to the questions"
RETURN = "Return to KAPDesk"

# Larger than the lock screen's words: the client reads these from the couch.
_LARGER = """
QWidget#lockScreen QLabel#lockTitle { font-size: 46px; }
QWidget#lockScreen QLabel#lockHint { color: #c7b49c; font-size: 26px; }
QWidget#lockScreen QLabel#lockMessage { font-size: 20px; }
"""


class PassphrasePage(LockScreen):
    """A LockScreen with its own title and words; `back_button` when there is a way back."""

    def __init__(self, title: str, hint: str, field: str, back: str = "") -> None:
        super().__init__()
        self.setStyleSheet(self.styleSheet() + _LARGER)
        self.setAccessibleName(title)
        show_text(self.title, title, "Title")
        show_text(self.hint, hint, "Hint")
        self.passphrase.setPlaceholderText(field)
        self.passphrase.setAccessibleName(field)
        self.unlock_button.setText(RETURN)
        self.unlock_button.setAccessibleName(RETURN)
        self.back_button: QPushButton | None = None
        if back:
            self.back_button = quiet_button(f"{back}   (Esc)", "therapistBack", back)
            layout = self.layout()
            layout.insertWidget(layout.indexOf(self.unlock_button) + 1, self.back_button, 0,
                                Qt.AlignmentFlag.AlignHCenter)

    def focus_field(self) -> None:
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)


def thanks_page(greeting: str) -> PassphrasePage:
    return PassphrasePage(greeting, HAND_BACK, THERAPIST_FIELD)


def leave_page() -> PassphrasePage:
    return PassphrasePage(LEAVE_TITLE, LEAVE_HINT, "Practice passphrase", back=BACK_TO_QUESTIONS)
