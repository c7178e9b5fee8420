"""Opening, resuming and closing sessions in the main window.

The one place that turns "start a session for this client" or "resume this
open session" into a stored session, a runner, a controller and a
`SessionView`, and that takes them down again when the session ends. The app
and the recovery test's driver both go through here, so what the test proves
is what the app does.

Start: the script chooser, then Start creates the session row and stores
`session_started` (plus the client's intention as it stands), then the
before-the-dose page. Resume: the stored log is loaded, `app_recovered` is
stored with the time the app was last known alive, and the room opens at the
right elapsed time. One session at a time: asking for another while one runs
brings the running one back to the front.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kapdesk.core.runner import SessionRunner
from kapdesk.core.timeline import script_from_events

# The session screens are imported when a session starts, not at start-up
# (about 40 ms of the time before the first window appears).
if TYPE_CHECKING:
    from kapdesk.core.clients import ClientRecord
    from kapdesk.core.script import Script
    from kapdesk.storage.sessions import OpenSession
    from kapdesk.ui.session_chooser import ScriptChooser
    from kapdesk.ui.session_controller import SessionController
    from kapdesk.ui.session_resume import ResumeOffer
    from kapdesk.ui.session_view import SessionView


class ViewHost(Protocol):
    def show_view(self, view: QWidget) -> None: ...
    def remove_view(self, view: QWidget) -> None: ...
    def set_header_visible(self, visible: bool) -> None: ...


class SessionFlow(QObject):
    session_opened = Signal(object)  # SessionView, before its controller begins
    session_closed = Signal()

    def __init__(self, host: ViewHost, home: QWidget, services: Any,
                 chime: Callable[[], None] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host, self._home, self._services, self._chime = host, home, services, chime
        self.view: SessionView | None = None
        self._page: QWidget | None = None  # the chooser or the resume offer, while shown
        self._client_name = ""  # whose session `view` is

    # --- a new session ----------------------------------------------------------

    def choose_script(self, client_id: int) -> ScriptChooser | None:
        from kapdesk.ui.session_chooser import ScriptChooser

        if self.view is not None:
            self._host.show_view(self.view)
            return None
        client = self._services.clients.get(client_id)
        chooser = ScriptChooser(client.display_name, self._services.scripts.all())
        chooser.start_requested.connect(lambda script: self.start(client_id, script))
        chooser.cancelled.connect(self._back_home)
        self._show_page(chooser)
        return chooser

    def start(self, client_id: int, script: Script) -> SessionView | None:
        client = self._services.clients.get(client_id)
        sessions = self._services.sessions
        session_id = sessions.create(client_id, script)
        runner = SessionRunner(script, self._services.clock, sessions.sink(session_id))
        controller = self._controller(runner, session_id)
        problems: list[str] = []
        controller.command_failed.connect(problems.append)
        started = controller.start(client_id)
        controller.command_failed.disconnect(problems.append)
        if started is None:
            from kapdesk.ui.session_chooser import ScriptChooser

            if isinstance(self._page, ScriptChooser):
                self._page.show_problem(" ".join(problems))
            return None
        if client.draft.intention.strip():
            controller.update_intention(client.draft.intention)
        return self._open(controller, client, session_id, before_dose=True)

    # --- after a crash ------------------------------------------------------------

    def offer_resume(self) -> ResumeOffer | None:
        """Show the resume offer if a session was left open; None if there is none."""
        open_sessions = self._services.sessions.open_sessions()
        if not open_sessions or self.view is not None:
            return None
        from kapdesk.ui.session_resume import ResumeOffer

        offer = ResumeOffer(open_sessions, self._services.clock)
        offer.resume_requested.connect(self.resume)
        offer.end_requested.connect(self.end_unfinished)
        offer.dismissed.connect(self._back_home)
        self._show_page(offer)
        return offer

    def resume(self, session: OpenSession) -> SessionView | None:
        script = script_from_events(session.events)
        sink = self._services.sessions.sink(session.session_id)
        runner = SessionRunner(script, self._services.clock, sink, events=session.events)
        controller = self._controller(runner, session.session_id)
        # Never later than the runner's now, even if the system clock was set back.
        controller.mark_recovered(min(session.down_since, runner.now()))
        client = self._services.clients.get(session.client_id)
        return self._open(controller, client, session.session_id, before_dose=False)

    def end_unfinished(self, session: OpenSession) -> None:
        """Close a session that will not be resumed: its gap and its end, stored now."""
        script = script_from_events(session.events)
        sink = self._services.sessions.sink(session.session_id)
        runner = SessionRunner(script, self._services.clock, sink, events=session.events)
        runner.mark_recovered(min(session.down_since, runner.now()))
        runner.end()
        self.session_closed.emit()
        if self.offer_resume() is None:
            self._back_home()

    def running_client(self) -> str | None:
        """Whose session is open on screen, or None between sessions (asked before the app closes)."""
        return self._client_name if self.view is not None else None

    # --- showing and closing ------------------------------------------------------

    def _controller(self, runner: SessionRunner, session_id: int) -> SessionController:
        from kapdesk.ui.session_controller import SessionController

        sessions = self._services.sessions
        return SessionController(runner, self._services.clock,
                                 lambda: sessions.keep_alive(session_id), parent=self)

    def _open(self, controller: SessionController, client: ClientRecord, session_id: int,
              before_dose: bool) -> SessionView:
        from kapdesk.ui.session_settings import load_session_settings
        from kapdesk.ui.session_view import SessionView, no_chime

        self._drop_page()
        settings = load_session_settings(self._services.settings)
        clients = self._services.clients
        view = SessionView(controller, settings, client.display_name, self._services.clock,
                           lambda text: clients.set_intention(client.id, text),
                           start_before_dose=before_dose, chime=self._chime or no_chime,
                           session_id=session_id)
        view.finished.connect(self._close)
        self.view, self._client_name = view, client.display_name
        self._host.set_header_visible(False)
        self._host.show_view(view)
        self.session_opened.emit(view)  # listeners connect before the first phase signal
        controller.begin()
        return view

    def _close(self) -> None:
        view, self.view = self.view, None
        if view is None:
            return
        view.close_session()
        self._host.remove_view(view)
        view.controller.setParent(None)
        view.deleteLater()
        self._back_home()
        self.session_closed.emit()

    def _show_page(self, page: QWidget) -> None:
        self._drop_page()
        self._page = page
        self._host.show_view(page)

    def _drop_page(self) -> None:
        if self._page is not None:
            self._host.remove_view(self._page)
            self._page.deleteLater()
            self._page = None

    def _back_home(self) -> None:
        self._drop_page()
        self._host.set_header_visible(True)
        self._host.show_view(self._home)
        refresh = getattr(self._home, "refresh", None)
        if callable(refresh):
            refresh()
