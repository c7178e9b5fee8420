"""Getting from "the app was started" to "the practice is open", with or without a person.

`Reporter` says things to the user: a message box when someone is there, or a
line on stderr under `--quit-after-start`. `welcome_new_practice` greets a
person about to create a practice (welcome.py). `obtain_practice` decides between
creating and unlocking, honours KAPDESK_PASSPHRASE, and returns an open
practice or None (the reason already told). `FirstPaint` tells when a window
has first painted (start-up finishes after it; the benchmark times it).

Storage and the passphrase dialogs are imported inside the functions: the
fast start-up path (app.py, storage/first_read.py) paints the window before
SQLAlchemy has loaded, and this module is on that path.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kapdesk.storage.errors import PracticeError, WrongPassphrase

if TYPE_CHECKING:
    from kapdesk.storage.practice import Practice
    from kapdesk.ui.shell.welcome import WelcomeChoice

REPORT_PAINT_ENV = "KAPDESK_REPORT_FIRST_PAINT"


class Reporter:
    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive

    def problem(self, message: str) -> None:
        if self.interactive:
            QMessageBox.critical(None, "KAPDesk", message)
        else:
            print(f"kapdesk: {message}", file=sys.stderr)


def welcome_new_practice(data_dir: Path, env_passphrase: str | None, reporter: Reporter) -> WelcomeChoice:
    """On a new practice, with a person there to create it, show the welcome and return their choice.

    CREATE (go on, as before) when no welcome is due: the practice exists, the
    passphrase comes from KAPDESK_PASSPHRASE (a scripted start), or nobody is
    there to read it (--quit-after-start prints and exits as it always did).
    """
    from kapdesk.storage.files import BACKUP_DIR
    from kapdesk.storage.practice import practice_exists
    from kapdesk.ui.shell.welcome import WelcomeChoice, WelcomeDialog

    if env_passphrase is not None or not reporter.interactive or practice_exists(data_dir):
        return WelcomeChoice.CREATE
    welcome = WelcomeDialog(data_dir / BACKUP_DIR)
    welcome.exec()
    return welcome.choice


def obtain_practice(data_dir: Path, env_passphrase: str | None, reporter: Reporter,
                    keyed_connection: object = None) -> Practice | None:
    from kapdesk.storage.practice import create_practice, open_practice, practice_exists

    if env_passphrase is not None:
        try:
            if practice_exists(data_dir):
                return open_practice(data_dir, env_passphrase, keyed_connection)
            return create_practice(data_dir, env_passphrase)
        except WrongPassphrase as problem:
            if not reporter.interactive:
                reporter.problem(str(problem))
                return None
            # A person is there: let them type the right one.
        except PracticeError as problem:
            reporter.problem(str(problem))
            return None
    if not reporter.interactive:
        reporter.problem("No passphrase: set KAPDESK_PASSPHRASE to start without a dialog.")
        return None
    return _ask_person(data_dir, reporter)


def _ask_person(data_dir: Path, reporter: Reporter) -> Practice | None:
    from kapdesk.storage.practice import create_practice, open_practice, practice_exists
    from kapdesk.ui.shell.passphrase_dialogs import CreatePracticeDialog, UnlockDialog

    if not practice_exists(data_dir):
        create = CreatePracticeDialog(lambda passphrase: create_practice(data_dir, passphrase))
        return create.practice if create.exec() else None
    unlock = UnlockDialog(lambda passphrase: open_practice(data_dir, passphrase))
    accepted = unlock.exec()
    if unlock.fatal_error is not None:
        reporter.problem(str(unlock.fatal_error))
    return unlock.practice if accepted else None


class FirstPaint(QObject):
    """Emits `painted` once, when the watched window first paints, then runs `after`.

    `after` is queued, so the paint in progress reaches the screen first.
    With KAPDESK_REPORT_FIRST_PAINT set it also prints the wall time of that
    paint, for bench/startup.py.
    """

    painted = Signal()

    def __init__(self, window: QWidget, after: Callable[[], object]) -> None:
        super().__init__(window)
        self._done = False
        self.painted.connect(lambda: QTimer.singleShot(0, after))
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            # Off the window from now on: left on, it would be called from Python
            # for each of the main window's events all day, once a second in a session.
            watched.removeEventFilter(self)
            if os.environ.get(REPORT_PAINT_ENV):
                print(f"first_paint_at={time.time():.6f}", flush=True)
            self.painted.emit()
        return False


def quit_after_first_paint(app: QApplication, window: QWidget) -> FirstPaint:
    """Quit the application once `window` has painted and is ready to use (--quit-after-start)."""
    return FirstPaint(window, after=lambda: when_ready(app.quit))


def when_ready(after: Callable[[], object] | None = None) -> None:
    """Once the event loop turns again, run `after`: call when the window is fully wired.

    A queued call reaches the loop only after everything queued before it, so
    when it runs the window is wired and a key press or a click would be
    handled: "ready to use", not only painted. With KAPDESK_REPORT_FIRST_PAINT
    set, the wall time of that moment is printed too (bench/startup.py).
    """
    def ready() -> None:
        if os.environ.get(REPORT_PAINT_ENV):
            print(f"ready_at={time.time():.6f}", flush=True)
        if after is not None:
            after()

    QTimer.singleShot(0, ready)
