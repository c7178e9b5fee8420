"""Hand the laptop to the client: a rating scale filled in client mode, saved at Submit,
and KAPDesk back only after the practice passphrase.

`ClientMode.hand_to_client(client_id, kind)` (the CourseActions contract,
ui/clients/course_actions.py) shows the form and blocks, like a dialog, in
its own event loop until the therapist types the passphrase; it returns
True when a form was submitted (and saved). `open` is the same without
the blocking loop, for tests and for a caller with its own loop.

Why a window of its own rather than the main window's content swapped (as
the idle lock does): the form is a frameless, full-screen, stay-on-top
top-level window, application-modal, and every other window of the app
(the main window, Music, Scripts, Settings) is hidden while it is up and
shown again after. Qt's application modality is what keeps the rest of the
practice unreachable: the other windows take no clicks and no keys, and no
shortcut of theirs fires (Qt matches a window's shortcuts only in the active
window, and an application-wide one not behind a modal window), so Ctrl+Q,
Ctrl+L, the editors' keys and the room's F-keys reach nothing. Hidden, they
are not on screen, not in the task switcher, and a screen reader finds no
client there. Swapping the main window's content would leave the main
window's own close and Ctrl+Q, the idle lock's content swap, and any other
window open over it (Music, Settings) to be fought one by one.

The client's answers are saved the moment Submit is pressed
(services.measures, filled by the client), on the GUI thread: one insert,
and they are never only in the window. A failure to store is said on the
review page with the answers kept, to try again. The passphrase is checked
as the idle lock checks it, on the task runner (a key derivation).
`submitted(client_id, measure_id)` is emitted once the therapist is back,
the form is gone and (from hand_to_client) its loop has ended, just before
the call returns: never in front of the client, and the caller's follow-up
(PHQ-9 question 9's safety text and risk assessment, CourseForms.
after_measure_saved) may open a dialog of its own.
Leaving before Submit saves nothing and says so (`left_unsaved`, `outcome`).

While client mode is up, `active` is True: the app's idle lock can ask it
(it would otherwise lock the hidden main window while the client reads).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kapdesk.core.client_mode import left_unsaved_words, saved_words, thanks
from kapdesk.core.clock import Clock
from kapdesk.core.measure_course import FilledBy
from kapdesk.core.measures import MeasureKind, MeasureResult
from kapdesk.core.tasks import Progress
from kapdesk.ui.client_mode.form_window import ClientFormWindow

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

SAVE_FAILED = ("Your answers could not be saved just now. They are still here: press Submit "
               "(Enter) to try again, or hand the laptop back to your therapist.")


class ClientMode(QObject):
    submitted = Signal(int, int)  # client id, the saved measure's id: after the therapist is back
    left_unsaved = Signal(int, str)  # client id, the words saying nothing was saved

    def __init__(self, services: Services, window: MainWindow, tasks: TaskRunner,
                 clock: Clock | None = None, confirms: Callable[[str], bool] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientMode")
        self._services, self._main, self._tasks = services, window, tasks
        self._clock = clock or services.clock
        self._confirms = confirms or services.records.passphrase_confirms
        self.form: ClientFormWindow | None = None
        self.outcome = ""  # what the last hand-over came to, in words
        self._client_id = 0
        self._kind = MeasureKind.PHQ9
        self._saved_id: int | None = None
        self._hidden: list[QWidget] = []
        self._loop: QEventLoop | None = None

    @property
    def active(self) -> bool:
        return self.form is not None

    def hand_to_client(self, client_id: int, kind: MeasureKind) -> bool:
        """Show the form and wait until the therapist is back; True if a form was submitted."""
        if self.active:
            return False
        self.open(client_id, kind)
        self._loop = QEventLoop(self)
        self._loop.exec()
        self._loop = None
        if self.active:  # the app is quitting: the loop ended with the form still up
            self.end()
        else:
            self._report()
        return self._saved_id is not None

    def open(self, client_id: int, kind: MeasureKind) -> ClientFormWindow:
        """Show the form over everything and return at once (hand_to_client waits as well)."""
        if self.form is not None:
            return self.form
        client = self._services.clients.get(client_id)
        self._client_id, self._kind, self._saved_id = client_id, MeasureKind(kind), None
        self.outcome = ""
        settings = self._services.course.settings().measures
        form = ClientFormWindow(self._kind, thanks(client.display_name), settings)
        form.submit_requested.connect(self._save)
        form.passphrase_typed.connect(self._check)
        form.setWindowModality(Qt.WindowModality.ApplicationModal)
        screen = self._main.screen()
        if screen is not None:
            form.setGeometry(screen.geometry())
        self.form = form
        form.showFullScreen()
        form.activateWindow()
        self._hide_the_rest(form)
        return form

    # --- saving ------------------------------------------------------------------------

    def _save(self, result: MeasureResult) -> None:
        form = self.form
        if form is None or self._saved_id is not None:
            return
        try:
            record = self._services.measures.add(self._client_id, result, self._clock.now(),
                                                 FilledBy.CLIENT)
        except Exception:  # noqa: BLE001 - any failure to store: the answers stay on screen
            log.exception("client mode: the filled form could not be stored")
            form.save_failed(SAVE_FAILED)
            return
        self._saved_id = record.id
        form.saved()

    # --- the way back --------------------------------------------------------------------

    def _check(self, passphrase: str) -> None:
        confirms = self._confirms

        def work(_progress: Progress) -> bool:  # on a worker thread: a key derivation
            return confirms(passphrase)

        self._tasks.run(work, on_done=self._checked, on_failed=self._check_failed,
                        owner=self.form, name="client mode passphrase")

    def _checked(self, confirmed: bool) -> None:
        if self.form is None:
            return
        if confirmed:
            self._leave()
        else:
            self.form.refused()

    def _check_failed(self, _message: str) -> None:
        if self.form is not None:
            self.form.check_failed()

    def end(self) -> None:
        """End client mode at once, as after the passphrase (the app is quitting; tests)."""
        if self.form is not None:
            self._leave()

    def _leave(self) -> None:
        form = self.form
        assert form is not None
        self._show_the_rest()
        form.release()
        # Hidden, not closed: a close of the last window shown may quit the app.
        form.hide()
        form.deleteLater()
        self.form = None
        self.outcome = (left_unsaved_words(self._kind) if self._saved_id is None
                        else saved_words(self._kind))
        if self._loop is not None:
            self._loop.quit()  # hand_to_client reports once its loop has ended
        else:
            self._report()

    def _report(self) -> None:
        """Tell the caller what came of it, with the form gone and no loop of ours running
        (its follow-up may open a dialog of its own)."""
        if self._saved_id is not None:
            self.submitted.emit(self._client_id, self._saved_id)
        else:
            self.left_unsaved.emit(self._client_id, self.outcome)

    # --- the rest of the app, out of sight ------------------------------------------------

    def _hide_the_rest(self, form: QWidget) -> None:
        """Hide every other plain window of the app: the main window above all.

        A dialog stays where it is, covered and taking no input: hiding one
        would end its own event loop (QDialog.exec) as a rejection, and the
        app's dialogs are modal to the main window, so none is open when the
        client page hands the laptop over."""
        self._hidden = [widget for widget in QApplication.topLevelWidgets()
                        if widget is not form and widget.isVisible()
                        and widget.windowType() == Qt.WindowType.Window]
        for widget in self._hidden:
            widget.hide()

    def _show_the_rest(self) -> None:
        hidden, self._hidden = self._hidden, []
        for widget in hidden:
            widget.show()
        if self._main.isVisible():
            self._main.activateWindow()
