"""KAPDesk's composition root: the one place where the parts are put together.

Start-up order:
1. Parse the command line; `--version` answers before Qt is loaded. On an X11
   desktop, check that the system libraries Qt's xcb plugin needs load
   (desktop_libraries.py); if not, name the packages to install and exit 1.
2. Decide the practice folder: `--demo` (a fresh temporary folder), `--data-dir`,
   or Qt's per-user application-data folder.
3. With KAPDESK_PASSPHRASE and an existing practice, start deriving the key
   as a core task on a thread of its own (storage/prewarm.py; Qt is not
   loaded yet): it is the longest step, and it reads
   only the file's public salt until the lock is held. Then take the
   practice lock, before Qt's GUI loads. A second copy asks the running one
   (over a local socket) to bring its window forward, says so on stderr and
   exits with code 2, having opened no window; a lock left by a crashed copy
   is taken over; a folder that cannot be written (read-only, full disk) is
   said in its own words, exit code 1.
4. Create the QApplication, guard its scroll areas' accessibility (a screen
   reader's question about a hidden page crashed Qt's own: ui/common/
   scroll_accessibility.py), apply the style sheet, listen for a second
   copy's "show", and build the main window with an empty client list (Qt
   only) while the key is still being derived.
5. Fast path: on the keyed connection, storage/first_read.py checks the file
   (header and schema only, current schema, no session left open) and reads the client
   list in plain SQL; the window is shown and, right after its first paint,
   the practice is opened through SQLAlchemy on that same connection, its
   services are built (kapdesk/services.py: every store, once) and the
   rest of the window (sessions, music, review, editors) is wired.
6. Otherwise, the full path: on a new practice with a person there (no
   KAPDESK_PASSPHRASE, no --quit-after-start) the welcome comes first and may
   start the demo instead (welcome.py); the passphrase comes from
   KAPDESK_PASSPHRASE or the create/unlock dialog; the schema is upgraded
   (after a backup) if needed; the services are built and the window is
   wired, a session left open by a crash is offered for resuming on a page
   (not a dialog: a hands-free start never waits), and the window is shown.
7. With `--quit-after-start`, exit 0 once the first paint is done and the
   window fully wired (startup.when_ready: the event loop has turned since).
8. After the window has closed and the practice is closed, a restore asked
   for on Settings -> Backups is carried out, the lock still held, and the
   app starts again by the same command line (ui/shell/restore_restart.py).

Nothing at start-up reads the whole file: the open checks the header and
schema only; the whole file is read in the background a little later
(ui/shell/background_check.py), never during a session.

Wiring makes the app's one background-task runner (ui/common/tasks.py,
owned by the window: folder scans, exports, the history's reads, the summary
backfill, backups; at quit every task is cancelled and waited for, then a
backup that is due is made, before the practice closes) and returns a
`WiredWindow` (the window, the client list, the session flow, the music, the
review area's opener, the summary keeper, the runner, the automatic backups, the idle lock),
kept here while the app runs: the window itself only hosts views, and screens
reach each other through signals and small interfaces, never through
attributes set on the window.

Where things live: one ui sub-package per screen (shell, clients, session,
review, music, editors, common); kapdesk/services.py builds every store;
rules a clinician would recognise are in core; see the README's Layout.

With `--quit-after-start` nothing waits for a person: what would be a dialog
is printed to stderr and the exit code is non-zero. Qt is imported inside the
functions so that `--version` and the command-line tools stay light.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kapdesk import __version__

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.ui.clients.client_list import ClientsView
    from kapdesk.ui.music.wiring import MusicWiring
    from kapdesk.ui.review.wiring import ReviewWiring, SummaryKeeper
    from kapdesk.ui.session.flow import SessionFlow
    from kapdesk.ui.shell.auto_backups import AutoBackups
    from kapdesk.ui.shell.idle_lock import IdleLock
    from kapdesk.ui.shell.main_window import MainWindow

EXIT_OK = 0
EXIT_PRACTICE_PROBLEM = 1
EXIT_ALREADY_OPEN = 2
PASSPHRASE_ENV = "KAPDESK_PASSPHRASE"
OPEN_FAILED = ("KAPDesk could not finish opening the practice. Nothing in it was changed. "
               "Start KAPDesk again; if this happens again, run “kapdesk check”.")

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kapdesk", description="KAPDesk: the in-room companion for KAP sessions.")
    parser.add_argument("--version", action="version", version=f"KAPDesk {__version__}")
    parser.add_argument("--data-dir", metavar="PATH", help="keep the practice in this folder")
    parser.add_argument("--demo", action="store_true", help="open a throwaway practice with sample data")
    parser.add_argument("--quit-after-start", action="store_true",
                        help="finish start-up, paint the main window once, and exit (for smoke tests)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    # Before pygame can be imported: its greeting is not ours to print.
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    args = parse_args(sys.argv[1:] if argv is None else argv)
    return run(args, os.environ.get(PASSPHRASE_ENV))


def run(args: argparse.Namespace, env_passphrase: str | None) -> int:
    from kapdesk.desktop_libraries import check_desktop_libraries
    from kapdesk.locations import APP_NAME, resolve_data_dir

    # Qt aborts, naming the wrong library, when its X11 plugin cannot load: say it in our words.
    advice = check_desktop_libraries()
    if advice is not None:
        print(f"kapdesk: {advice}", file=sys.stderr)
        return EXIT_PRACTICE_PROBLEM

    data_dir = None if args.demo else resolve_data_dir(args.data_dir)
    # Started before anything else, as it takes longest; it reads only the
    # file's public salt until the lock is held (see storage/prewarm.py).
    keying = _start_keying(data_dir, env_passphrase)
    lock = None
    if data_dir is not None:
        # A second copy must not read the practice: the lock comes before any
        # read, and before Qt's GUI (a second copy opens no window at all).
        lock, refusal = _lock_practice(data_dir)
        if refusal is not None:
            return refusal
        _finish_passphrase_change(data_dir)

    from PySide6.QtWidgets import QApplication

    from kapdesk.ui.shell.startup import Reporter
    from kapdesk.ui.common.theme import style_sheet

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    from kapdesk.ui.common.scroll_accessibility import guard_scroll_areas

    guard_scroll_areas()  # before any window: a screen reader's question must not crash the app
    _set_identity(app)  # the icon on every window, the welcome's included
    app.setStyleSheet(style_sheet())
    _guard_logout(app)
    reporter = Reporter(interactive=not args.quit_after_start)
    if args.demo:
        return _run_demo(app, args, reporter)
    from kapdesk.ui.shell.practice_lock import WindowCaller

    caller = WindowCaller(data_dir)  # a second copy's "show" brings our window forward
    restart = False
    try:
        code = _run_practice(app, args, data_dir, env_passphrase, reporter, keying)
        restart = _restore_if_asked(data_dir, reporter)  # the practice is closed, the lock held
        return code
    finally:
        caller.close()
        lock.release()
        if restart:
            from kapdesk.ui.shell.restore_restart import restart_app

            restart_app()  # the same command line, on the restored practice


def _restore_if_asked(data_dir: Path, reporter) -> bool:  # noqa: ANN001
    """A restore asked for on Settings -> Backups, done now; True when the app must restart."""
    from kapdesk.core.clock import SystemClock
    from kapdesk.ui.shell.restore_restart import carry_out_restore, take_pending_restore

    pending = take_pending_restore()
    if pending is None:
        return False
    problem = carry_out_restore(pending, data_dir, SystemClock())
    if problem is not None:
        reporter.problem(problem)  # not restored (nothing changed), or restored but not noted
    return True


def _set_identity(app) -> None:  # noqa: ANN001
    """KAPDesk's icon on every window; the desktop file name ties the windows to
    the `kapdesk.desktop` entry (Wayland, task bars)."""
    from PySide6.QtGui import QIcon

    from kapdesk.assets import app_icon_path

    app.setWindowIcon(QIcon(str(app_icon_path())))  # the SVG is read when first drawn
    app.setDesktopFileName("kapdesk")


def _lock_practice(data_dir: Path):  # noqa: ANN202 - (PracticeLock | None, exit code | None)
    """Take the practice lock; else say why on stderr and give the exit code.

    Another live copy: it is asked to bring its window forward (exit 2). A
    folder that cannot be written (read-only, full disk) is said in its own
    words (exit 1): it is not "already open".
    """
    from kapdesk.storage.errors import describe_storage_error
    from kapdesk.storage.folder import folder_write_error
    from kapdesk.ui.shell.practice_lock import (ALREADY_OPEN, BROUGHT_FORWARD, PracticeLock,
                                                bring_running_copy_forward)

    try:
        lock = PracticeLock(data_dir)
        if lock.acquire():
            return lock, None
    except OSError as error:
        print(f"kapdesk: {describe_storage_error(error)}", file=sys.stderr)
        return None, EXIT_PRACTICE_PROBLEM
    blocked = None if lock.held_by_another_copy() else folder_write_error(data_dir)
    if blocked is not None:
        print(f"kapdesk: {describe_storage_error(blocked)}", file=sys.stderr)
        return None, EXIT_PRACTICE_PROBLEM
    told = bring_running_copy_forward(data_dir)
    print(f"kapdesk: {BROUGHT_FORWARD if told else ALREADY_OPEN}", file=sys.stderr)
    return None, EXIT_ALREADY_OPEN


def _finish_passphrase_change(data_dir: Path) -> None:
    """A change of passphrase cut short (a crash, a kill) is finished or undone, under the lock.

    It renames or removes only the files the change left beside the practice;
    the practice file itself is already whole (storage/passphrase_change.py).
    """
    from kapdesk.storage.files import change_left_over

    if not change_left_over(data_dir):
        return  # the usual case: nothing more is imported on the start-up path
    from kapdesk.storage.passphrase_change import finish_interrupted_change

    try:
        finish_interrupted_change(data_dir)
    except OSError:
        pass  # a folder that cannot be written: the open that follows says so in words


def _guard_logout(app) -> None:  # noqa: ANN001
    """A logout during a session asks the main window first (close_guard.py)."""
    from kapdesk.ui.shell.close_guard import guard_logout
    from kapdesk.ui.shell.main_window import MainWindow

    def ask() -> bool:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        return any(window.ask_before_closing() for window in windows)

    guard_logout(app, ask)


def _start_keying(data_dir: Path | None, passphrase: str | None):  # noqa: ANN202
    """Derive the key in a thread while Qt imports (see storage/prewarm.py)."""
    from kapdesk.storage.files import db_path_in

    if data_dir is None or passphrase is None or not db_path_in(data_dir).exists():
        return None
    from kapdesk.storage.prewarm import KeyedConnection

    return KeyedConnection(db_path_in(data_dir), passphrase)


def _run_practice(app, args, data_dir: Path, env_passphrase: str | None, reporter, keying) -> int:  # noqa: ANN001
    from kapdesk.core.clock import SystemClock
    from kapdesk.storage.errors import PracticeError
    from kapdesk.services import date_on

    if keying is None:  # a new practice is never keyed ahead
        chosen = _welcome(app, args, data_dir, env_passphrase, reporter)
        if chosen is not None:
            return chosen

    clock = SystemClock()
    # Built while the key is still being derived; it shows no client until a
    # store is attached, and nothing is shown before then.
    first = build_first_screen(None, lambda: date_on(clock), demo=False)
    keyed = keying.take() if keying is not None else None
    if keyed is not None:
        from kapdesk.storage.first_read import read_first_screen

        first_read = read_first_screen(keyed)
        if first_read is not None:
            first.clients_view.attach_store(first_read)
            return _paint_then_open(app, args, first, clock, (data_dir, env_passphrase, keyed), reporter)
    from kapdesk.services import open_services
    from kapdesk.ui.shell.startup import obtain_practice

    practice = obtain_practice(data_dir, env_passphrase, reporter, keyed)
    if practice is None:
        return EXIT_PRACTICE_PROBLEM
    try:
        try:
            wired = finish_main_window(first, open_services(practice, clock))
        except PracticeError as error:  # a damaged page met by the first reads, in words
            reporter.problem(str(error))
            return EXIT_PRACTICE_PROBLEM
        return _show_and_run(app, args, wired.window)
    finally:
        practice.close()


def _welcome(app, args, data_dir: Path, env_passphrase: str | None, reporter) -> int | None:  # noqa: ANN001
    """The first-run welcome on a new practice: None to go on and create it, else the exit code.

    "Try the demo first" runs the demo as --demo does (this folder stays
    locked and untouched meanwhile, and the next start welcomes again);
    leaving at the welcome is a normal exit, with nothing written.
    """
    from kapdesk.ui.shell.startup import welcome_new_practice
    from kapdesk.ui.shell.welcome import WelcomeChoice

    choice = welcome_new_practice(data_dir, env_passphrase, reporter)
    if choice is WelcomeChoice.DEMO:
        return _run_demo(app, args, reporter)
    return EXIT_OK if choice is WelcomeChoice.QUIT else None


def _paint_then_open(app, args, first: FirstScreen, clock, opening: tuple, reporter) -> int:  # noqa: ANN001
    """The fast path: paint the client list as first_read.py read it, then open the practice.

    `opening` is (data_dir, passphrase, keyed connection). SQLAlchemy and
    everything beyond the client list load in the first turn of the event
    loop after the first paint, on the connection the checks ran on: the
    window is on screen sooner, and the rest is ready well before a person
    can reach for a control.
    """
    from kapdesk.storage.errors import PracticeError
    from kapdesk.ui.shell.startup import FirstPaint, when_ready

    window = first.window
    opened = []  # the practice, then the wired window (kept while the app runs)

    def open_the_rest() -> None:
        try:
            from kapdesk.services import open_services
            from kapdesk.storage.practice import adopt_practice

            opened.append(adopt_practice(*opening))
            opened.append(finish_main_window(first, open_services(opened[0], clock)))
        except Exception as error:  # a half-wired window must not stay up looking usable
            if not isinstance(error, PracticeError):  # ours (a damaged page) is said in words below
                log.exception("Opening the practice after the first paint failed")
            window.hide()
            reporter.problem(str(error) if isinstance(error, PracticeError) else OPEN_FAILED)
            app.exit(EXIT_PRACTICE_PROBLEM)
            return
        when_ready(app.quit if args.quit_after_start else None)

    FirstPaint(window, after=open_the_rest)  # owned by the window
    window.show()
    try:
        return app.exec()
    finally:
        if opened:
            opened[0].close()


def _run_demo(app, args, reporter) -> int:  # noqa: ANN001
    from kapdesk.core.clock import SystemClock
    from kapdesk.demo import practice as demo
    from kapdesk.services import open_services
    from kapdesk.storage.practice import create_practice
    from kapdesk.ui.shell.practice_lock import PracticeLock

    for stale in demo.stale_demo_dirs(lambda path: not PracticeLock(path).acquire()):
        demo.remove_demo_dir(stale)
    data_dir = demo.new_demo_dir()
    lock = PracticeLock(data_dir)
    lock.acquire()
    try:
        practice = create_practice(data_dir, demo.demo_passphrase())
        try:
            services = open_services(practice, SystemClock())
            build_demo_content(services)
            wired = build_main_window(services, demo=True)
            return _show_and_run(app, args, wired.window)
        finally:
            practice.close()
    finally:
        lock.release()
        demo.remove_demo_dir(data_dir)


def build_demo_content(services: Services) -> None:
    from kapdesk.demo import practice as demo
    from kapdesk.demo.sessions import seed_past_sessions

    clients = services.clients
    demo.seed_clients(clients.add)
    seed_past_sessions(services.practice, [client.id for client in clients.list()][:3],
                       services.clock.now())
    from kapdesk.demo.course import seed_course

    seed_course(services, services.clock.now())


def _show_and_run(app, args, window) -> int:  # noqa: ANN001
    from kapdesk.ui.shell.startup import quit_after_first_paint

    if args.quit_after_start:
        quit_after_first_paint(app, window)
    window.show()
    app.exec()
    return EXIT_OK


@dataclass(frozen=True)
class FirstScreen:
    """The main window with its client list, before the practice is open."""

    window: MainWindow
    clients_view: ClientsView


@dataclass(frozen=True)
class WiredWindow:
    """The main window and what `finish_main_window` put into it.

    The window hosts the views; the composition root (and the tests) reach
    the parts through this, never through attributes set on the window.
    """

    window: MainWindow
    clients_view: ClientsView
    session_flow: SessionFlow
    music: MusicWiring
    review: ReviewWiring
    summaries: SummaryKeeper
    tasks: TaskRunner
    backups: AutoBackups
    idle_lock: IdleLock


def build_main_window(services: Services, demo: bool) -> WiredWindow:
    """The whole main window on an open practice."""
    return finish_main_window(build_first_screen(None, services.today, demo), services)


def build_first_screen(client_source, today, demo: bool) -> FirstScreen:  # noqa: ANN001
    """The main window with its client list, and nothing else wired yet.

    `client_source` answers `list()` like ClientStore: the store itself, a
    FirstRead taken before SQLAlchemy was loaded, or None for a list that is
    filled later (ClientsView.attach_store). Imports only Qt and the client
    list's own modules, so it can be built while the practice is opening.
    """
    from kapdesk.ui.clients.client_list import ClientsView
    from kapdesk.ui.shell.main_window import MainWindow

    window = MainWindow(demo=demo)
    clients_view = ClientsView(client_source, today)
    window.show_view(clients_view)
    return FirstScreen(window, clients_view)


def finish_main_window(first: FirstScreen, services: Services) -> WiredWindow:
    """Wire everything beyond the client list: editors, sessions, music, review, resume."""
    from kapdesk.ui.music.wiring import connect_music
    from kapdesk.ui.review.wiring import connect_review, keep_summaries_current
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.session.flow import SessionFlow
    from kapdesk.ui.shell.auto_backups import keep_backups
    from kapdesk.ui.shell.background_check import watch_whole_file
    from kapdesk.ui.shell.leftovers import tidy_at_start
    from kapdesk.ui.shell.restore_restart import AppRestore
    from kapdesk.ui.shell.header_editors import connect_library_actions
    from kapdesk.ui.shell.idle_lock import keep_idle_lock
    from kapdesk.ui.clients.due_list import DueListPanel
    from kapdesk.ui.client_mode.hand_over import ClientMode
    from kapdesk.ui.clients.course_forms import CourseForms
    from kapdesk.ui.clients.page_wiring import AppCourseActions, connect_client_page

    from kapdesk.core.audit import AuditKind
    from kapdesk.ui.shell.audit_notes import keep_audit_notes

    window, clients_view = first.window, first.clients_view
    keep_audit_notes(window, services.audit)  # an action the trail could not note is said calmly
    services.backups.unchanged_after(
        lambda: services.audit.record(AuditKind.UNLOCK, detail="practice opened"))
    # The app's one background-task runner (folder scans, exports, the history's
    # reading, the summaries' backfill), owned by the window; at quit every task
    # is cancelled and waited for before the practice is closed. Three threads:
    # a long backfill or export never holds up the history's pages and searches.
    tasks = TaskRunner(threads=3, parent=window)
    _stop_tasks_at_quit(tasks)
    clients_view.attach_store(services.clients)
    # Sessions: Start on a client opens the script chooser; a session left open
    # by a crash is offered for resuming (a page, not a dialog: nothing waits).
    # The checkpoint chime (if turned on in Settings) is played by the music's
    # sound output, which connect_music sets up just below.
    session_flow = SessionFlow(window, clients_view, services,
                               chime=lambda: music.controller.chime(), parent=window)
    clients_view.start_session_requested.connect(session_flow.choose_script)
    # Closing (close button, Alt+F4, Ctrl+Q, logout) during a session asks first;
    # a question left up when the session ends has nothing left to ask.
    window.guard_close(session_flow.running_client)
    session_flow.session_closed.connect(window.close_bar.keep)
    # Music: the header's Music opens the library; each session gets the strip
    # in its room and music that follows its phases.
    music = connect_music(window, services, session_flow, tasks)
    # Review: the header's Records and a client's Past sessions open the history,
    # each session's timeline and record, and the search over every note.
    review = connect_review(window, services, clients_view, session_flow, tasks)
    summaries = keep_summaries_current(window, services, session_flow, tasks)
    # Backups: after a session closes, every half hour when something changed
    # (never while the client lies still), and at quit, in the task runner.
    backups = keep_backups(services.backups, session_flow, tasks, window)
    # The whole file is read in the background a little after start-up, never in a
    # session (start-up reads only the header); damage is told calmly, offering a backup.
    # Settings -> Backups can restore a backup: the app quits, restores, restarts (never the demo's).
    restore = None if window.demo else AppRestore(lambda: services.practice.passphrase,
                                                  lambda: session_flow.running_client() is not None)
    watch_whole_file(services, session_flow, tasks, window, backups, restore)
    tidy_at_start(tasks, services.practice.data_dir)  # what a killed export left
    # Between sessions: the header's Scripts and Settings open their editors;
    # Settings -> Backups lists the backups and shows the automatic ones as they come.
    connect_library_actions(window, services, services.music.minutes_for_slot, tasks=tasks,
                            automatic=backups, restore=restore,
                            session_running=lambda: session_flow.running_client() is not None)
    # Client mode ("Hand the laptop to the client"): the form covers the screen
    # until the practice passphrase; the idle lock waits while it is up.
    client_mode = ClientMode(services, window, tasks)
    # The idle lock: after the set minutes without input (between sessions, or
    # during one if the practice asks), on Ctrl+L or when the system hides the
    # app, every window's content gives way to the lock screen until the
    # practice passphrase is typed; a running session goes on under it, F1 too.
    idle_lock = keep_idle_lock(window, services, session_flow, tasks,
                               silence=lambda: music.controller.toggle_silence(),
                               held=lambda: client_mode.active)
    # The client's page (Enter on a client, Ctrl+O): its forms record through the
    # course's stores, "Hand the laptop to the client" through client mode.
    course_actions = AppCourseActions(CourseForms(services, window), client_mode)
    page = connect_client_page(window, services, clients_view, course_actions,
                               open_session=review.open_session)
    course_actions.say = page.say
    # What is due across the practice (check-ins and integration sessions after each
    # dose), below the client list; read again when the list shows and after a session.
    due = DueListPanel(services, parent=clients_view)
    clients_view.show_due(due)
    session_flow.session_closed.connect(due.refresh)
    session_flow.offer_resume()
    return WiredWindow(window, clients_view, session_flow, music, review, summaries, tasks, backups,
                       idle_lock)


def _stop_tasks_at_quit(tasks) -> None:  # noqa: ANN001 - a ui.common.tasks.TaskRunner
    """At quit, before the practice closes: stop every task at its next progress, wait for it."""
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(tasks.shut_down)  # let go of when the runner is freed
