"""One running session on screen: its pages, its theme, and when it ticks.

Pages: before the dose (where a new session opens; reachable from the room
until a dose is recorded), the room, the debrief and the discharge (these two
built when first shown). They share one `SessionController`; this view only
switches between them, applies the dark room theme, turns the display tick
on and off with visibility (hidden or minimised: no ticking), rings the
optional checkpoint chime, and says `finished` once the session has ended.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent, QWindow
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget
from shiboken6 import isValid

from kapdesk.core.clock import Clock
from kapdesk.core.practice_settings import PracticeSettings
from kapdesk.ui.session.controller import SessionController
from kapdesk.ui.session.debrief import DebriefPage
from kapdesk.ui.session.discharge import DischargePage
from kapdesk.ui.session.room import RoomView
from kapdesk.ui.session.predose import PreDosePanel
from kapdesk.ui.session.readiness_panel import ReadinessSource
from kapdesk.ui.common.theme import style_sheet

if TYPE_CHECKING:
    from kapdesk.ui.session.take_home import TakeHomeSheets


def no_chime() -> None:
    """The chime when none is given (the app passes the music's soft one)."""


class SessionView(QWidget):
    finished = Signal()

    def __init__(self, controller: SessionController, settings: PracticeSettings,
                 client_name: str, clock: Clock, save_client_intention: Callable[[str], None],
                 start_before_dose: bool = True, chime: Callable[[], None] = no_chime,
                 session_id: int | None = None, parent: QWidget | None = None, *,
                 readiness: ReadinessSource, touch: str = "",
                 take_home: TakeHomeSheets | None = None) -> None:
        super().__init__(parent)
        self.session_id = session_id
        self._take_home = take_home  # the stored session's id, for whoever hosts the view
        self.setObjectName("sessionView")
        self.setAccessibleName(f"Session with {client_name}")
        self.setStyleSheet(style_sheet("room.qss"))
        self.controller = controller
        self._chime = chime if settings.checkpoint_chime else no_chime
        self._watched: QWindow | None = None  # the window whose minimising stops the tick
        self._cursor_flash_ms: int | None = None
        self.stack = QStackedWidget(self)
        title = f"{client_name}   ·   {controller.runner.script.name}"
        # `touch`: the client's consent to touch in words, "" when none is recorded.
        self.room = RoomView(controller, settings, title, clock.monotonic, self, touch=touch)
        self.pre_dose = PreDosePanel(controller, settings, client_name, clock,
                                     save_client_intention, self, readiness=readiness)
        for page in (self.pre_dose, self.room):
            self.stack.addWidget(page)
        # The debrief and discharge pages are built when first asked for, an
        # hour in: built up front, they and their widgets were laid out and
        # styled when the session opened, for nothing on screen.
        self._client_name, self._monotonic = client_name, clock.monotonic
        self._thresholds = settings.vital_thresholds
        self._debrief: DebriefPage | None = None
        self._discharge: DischargePage | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._connect()
        self.show_pre_dose() if start_before_dose else self.show_room()

    def _connect(self) -> None:
        self.pre_dose.dose_recorded.connect(self.show_room)
        self.pre_dose.room_requested.connect(self.show_room)
        self.room.dose_requested.connect(self.show_pre_dose)
        self.room.debrief_requested.connect(self.show_debrief)
        self.room.discharge_requested.connect(self.show_discharge)
        self.controller.checkpoint_came_due.connect(lambda _id: self._chime())
        self.controller.ended.connect(self.finished.emit)

    # --- pages ----------------------------------------------------------------

    @property
    def debrief(self) -> DebriefPage:
        if self._debrief is None:
            self._debrief = DebriefPage(self.controller, self)
            self._debrief.room_requested.connect(self.show_room)
            self._debrief.discharge_requested.connect(self.show_discharge)
            self.stack.addWidget(self._debrief)
        return self._debrief

    @property
    def discharge(self) -> DischargePage:
        if self._discharge is None:
            self._discharge = DischargePage(self.controller, self._client_name, self._monotonic,
                                            self, thresholds=self._thresholds,
                                            take_home=self._take_home)
            self._discharge.room_requested.connect(self.show_room)
            self._discharge.debrief_requested.connect(self.show_debrief)
            self.stack.addWidget(self._discharge)
        return self._discharge

    def show_pre_dose(self) -> None:
        self.stack.setCurrentWidget(self.pre_dose)

    def show_room(self) -> None:
        self.stack.setCurrentWidget(self.room)
        # Keys to the room, not a text field: tags work at once, and typing
        # starts a note (session_room's focus model).
        self.room.focus_room()

    def show_debrief(self) -> None:
        self.debrief.load()
        self.stack.setCurrentWidget(self.debrief)

    def show_discharge(self) -> None:
        self.stack.setCurrentWidget(self.discharge)
        self.discharge.show_state(self.controller.state())

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    # --- ticking only while seen --------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._watch(self.window().windowHandle())
        # A steady text cursor in the room: a blinking one is a small flicker in
        # a dark room, and each blink repaints the note field (CPU, fan).
        if self._cursor_flash_ms is None:
            self._cursor_flash_ms = QApplication.cursorFlashTime()
            QApplication.setCursorFlashTime(0)
        self._update_display()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        super().hideEvent(event)
        if self._cursor_flash_ms is not None:
            QApplication.setCursorFlashTime(self._cursor_flash_ms)
            self._cursor_flash_ms = None
        self._update_display()

    def _watch(self, window: QWindow | None) -> None:
        """Follow the window's minimising through its signal.

        Showing and hiding reach this view as its own show and hide events. A
        signal rather than an event filter on the main window, which would be
        called for each of its events, a repaint request every second among them.
        """
        if window is None or window is self._watched:
            return
        self._unwatch()
        window.windowStateChanged.connect(self._window_state_changed)
        self._watched = window

    def _unwatch(self) -> None:
        if self._watched is not None and isValid(self._watched):
            self._watched.windowStateChanged.disconnect(self._window_state_changed)
        self._watched = None

    def _window_state_changed(self, state: Qt.WindowState) -> None:
        # Told before the widget's own state follows: the window's word counts.
        self._update_display(minimised=state == Qt.WindowState.WindowMinimized)

    def _update_display(self, minimised: bool | None = None) -> None:
        if minimised is None:
            # A minimised window's widgets still report isVisible(), hence this test.
            minimised = self.window().isMinimized()
        seen = self.isVisible() and not minimised
        if seen != self.controller.display_active:
            self.controller.set_display_active(seen)

    def close_session(self) -> None:
        """Stop the timers and leave full screen; the view is about to be removed."""
        self.controller.stop()
        self._unwatch()
        self.room.full_screen.leave()
