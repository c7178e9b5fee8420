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

A session left open (the app stopped, or "Not now" at the resume offer) stays
in sight: the home view shows a bar for it ("Resume session", "End it…"), and
a client with an open session cannot start another until it is resumed or
ended (core.open_sessions) — from the client list, Records or anywhere else,
since every start comes through `start`. Records' page of an open session
resumes or ends it through `resume_session` / `end_session` too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kapdesk.core.open_sessions import bar_text, open_session_of, refusal_text
from kapdesk.core.runner import SessionCommandError, SessionRunner
from kapdesk.core.timeline import replay, script_from_events

# The session screens are imported when a session starts, not at start-up
# (about 40 ms of the time before the first window appears).
if TYPE_CHECKING:
    from kapdesk.core.clients import ClientRecord
    from kapdesk.core.script import Script
    from kapdesk.services import Services
    from kapdesk.storage.sessions import OpenSession
    from kapdesk.ui.session.script_chooser import ScriptChooser
    from kapdesk.ui.clients.client_list import ClientsView
    from kapdesk.ui.session.controller import SessionController
    from kapdesk.ui.session.resume import ResumeOffer
    from kapdesk.ui.session.pages import SessionView


log = logging.getLogger(__name__)
BAR_REFRESH_MS = 30_000  # "… 47:00 elapsed" in the home view's bar; minutes matter, not seconds


class ViewHost(Protocol):
    def show_view(self, view: QWidget) -> None: ...
    def remove_view(self, view: QWidget) -> None: ...
    def set_header_visible(self, visible: bool) -> None: ...


class SessionFlow(QObject):
    session_opened = Signal(object)  # SessionView, before its controller begins
    session_closed = Signal()

    def __init__(self, host: ViewHost, home: ClientsView, services: Services,
                 chime: Callable[[], None] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host, self._home, self._services, self._chime = host, home, services, chime
        self.view: SessionView | None = None
        self._page: QWidget | None = None  # the chooser or the resume offer, while shown
        self._client_name = ""  # whose session `view` is
        # The open-session bars' "… elapsed" follows the clock while the home view is seen.
        self._bar_timer = QTimer(self)
        self._bar_timer.setObjectName("openSessionBars")
        self._bar_timer.setInterval(BAR_REFRESH_MS)
        self._bar_timer.timeout.connect(self._refresh_bars)
        home.resume_session_requested.connect(self.resume_session)
        home.end_session_requested.connect(self.end_session)

    # --- a new session ----------------------------------------------------------

    def choose_script(self, client_id: int) -> ScriptChooser | None:
        from kapdesk.ui.session.script_chooser import ScriptChooser

        if self.view is not None:
            self._host.show_view(self.view)
            return None
        client = self._services.clients.get(client_id)
        if self._refused(client_id, client.display_name):
            return None
        chooser = ScriptChooser(client.display_name, self._services.scripts.all())
        chooser.start_requested.connect(lambda script: self.start(client_id, script))
        chooser.cancelled.connect(self._back_home)
        self._show_page(chooser)
        return chooser

    def start(self, client_id: int, script: Script) -> SessionView | None:
        client = self._services.clients.get(client_id)
        if self.view is not None or self._refused(client_id, client.display_name):
            return None
        sessions = self._services.sessions
        session_id = sessions.create(client_id, script)
        runner = SessionRunner(script, self._services.clock, sessions.sink(session_id))
        controller = self._controller(runner, session_id)
        problems: list[str] = []
        controller.command_failed.connect(problems.append)
        started = controller.start(client_id)
        controller.command_failed.disconnect(problems.append)
        if started is None:
            from kapdesk.ui.session.script_chooser import ScriptChooser

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
        from kapdesk.ui.session.resume import ResumeOffer

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
        problem = self._store_end(session)
        if self.offer_resume() is None:
            self._back_home()
        if problem:
            self._say_at_bar(session.session_id, problem)

    def _store_end(self, session: OpenSession) -> str | None:
        """Store the gap and the end; None, or why they could not be stored (in words)."""
        script = script_from_events(session.events)
        sink = self._services.sessions.sink(session.session_id)
        runner = SessionRunner(script, self._services.clock, sink, events=session.events)
        try:
            runner.mark_recovered(min(session.down_since, runner.now()))
            runner.end()
        except SessionCommandError as error:
            return f"Not ended: {error}"
        except Exception:  # noqa: BLE001 - a failed write must not take the window down
            log.exception("Ending an open session failed")
            return ("Not ended: the practice file could not be written just now. The session "
                    "is still open; try again.")
        self.session_closed.emit()
        return None

    # --- open sessions, from the home view and Records -----------------------------

    def open_sessions(self) -> list[OpenSession]:
        """Sessions never ended, other than the one on screen."""
        running = self.view.session_id if self.view is not None else None
        return [s for s in self._services.sessions.open_sessions() if s.session_id != running]

    def resume_session(self, session_id: int) -> SessionView | None:
        """Resume an open session by its id (the home view's bar, Records)."""
        if self.view is not None:
            self._host.show_view(self.view)
            return None
        found = next((s for s in self.open_sessions() if s.session_id == session_id), None)
        return self.resume(found) if found is not None else None

    def end_session(self, session_id: int) -> bool:
        """End an open session from outside the room (the bar asked first); stay where we are."""
        found = next((s for s in self.open_sessions() if s.session_id == session_id), None)
        if found is None:
            return False
        problem = self._store_end(found)
        self.show_open_sessions()
        if problem:
            self._say_at_bar(session_id, problem)
        return problem is None

    def show_open_sessions(self) -> None:
        """Put a bar for each open session in the home view."""
        now = self._services.clock.now()
        bars = []
        for session in self.open_sessions():
            script = script_from_events(session.events)
            state = replay(script, session.events, max(now, session.down_since))
            bars.append((session.session_id, session.client_name,
                         bar_text(session.client_name, state)))
        self._home.show_open_sessions(bars)
        self._bar_timer.start() if bars else self._bar_timer.stop()

    def _refresh_bars(self) -> None:
        if self._home.isVisible() and self.view is None:
            self.show_open_sessions()

    def _refused(self, client_id: int, client_name: str) -> bool:
        """A client with an open session starts no other: say so at its bar."""
        blocking = open_session_of(client_id, self.open_sessions())
        if blocking is None:
            return False
        self._back_home()
        self._say_at_bar(blocking.session_id, refusal_text(client_name))
        return True

    def _say_at_bar(self, session_id: int, text: str) -> None:
        bar = self._home.open_bar(session_id)
        if bar is not None:
            bar.say(text)

    def running_client(self) -> str | None:
        """Whose session is open on screen, or None between sessions (asked before the app closes)."""
        return self._client_name if self.view is not None else None

    # --- showing and closing ------------------------------------------------------

    def _controller(self, runner: SessionRunner, session_id: int) -> SessionController:
        from kapdesk.ui.session.controller import SessionController

        sessions = self._services.sessions
        return SessionController(runner, self._services.clock,
                                 lambda: sessions.keep_alive(session_id), parent=self)

    def _open(self, controller: SessionController, client: ClientRecord, session_id: int,
              before_dose: bool) -> SessionView:
        from kapdesk.storage.practice_settings_store import load as load_settings
        from kapdesk.ui.session.pages import SessionView, no_chime
        from kapdesk.ui.session.take_home import TakeHomeSheets
        from kapdesk.ui.session.session_course import client_course

        self._drop_page()
        settings = load_settings(self._services.settings)
        clients = self._services.clients
        readiness, touch = client_course(self._services, client.id)
        view = SessionView(controller, settings, client.display_name, self._services.clock,
                           lambda text: clients.set_intention(client.id, text),
                           start_before_dose=before_dose, chime=self._chime or no_chime,
                           session_id=session_id, readiness=readiness, touch=touch,
                           take_home=TakeHomeSheets(self._services, client.display_name))
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
        self._home.refresh()
        self.show_open_sessions()
        self._home.focus_first()  # back home, the cursor is in the client list
