"""A screen reader racing the client's page, offscreen, as its own process.

`python -X faulthandler -m tests.helpers.screen_reader_race ROUNDS [--unguarded]`
repeats ROUNDS times what crashed the app on a real display: a dose makes a
check-in and an integration session due; the client's page opens; each is
set aside with a reason (the form saved), leaving the page's list empty; a screen reader walks the accessible tree, noting
how many children each object has; Esc goes back to the client list; the
screen reader, a message behind, asks each object it noted (by its id, as
AT-SPI does) for its children by the counts it noted. Qt's scroll-area
interface read past its list there (a wild pointer); the app's guard
(ui/common/scroll_accessibility.py) makes the same questions safe.
Exits 0 after the last round; a crash is the process dying on a signal, with
faulthandler's trace on stderr. `--unguarded` leaves the guard out, to show
the crash it prevents.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

CLIENT = "Robin Vale"
HOUR = 3600.0
MOST_NODES = 3000  # a walk this long has gone round in a circle


def walk(root) -> list[tuple[int, int]]:  # noqa: ANN001 - a QAccessibleInterface
    """(id, child count) of every object under `root`, as a screen reader walks them."""
    noted, queue = [], [root]
    while queue and len(noted) < MOST_NODES:
        node = queue.pop(0)
        count = node.childCount()
        noted.append((QAccessible.uniqueId(node), count))
        for index in range(count):
            child = node.child(index)
            if child is not None and child.isValid():
                queue.append(child)
    return noted


def churn() -> None:
    """Memory used and given back between two questions, as each D-Bus message's words
    are: a list read past its end finds these bytes there, not a pointer still good."""
    for size in (16, 20, 23, 40, 60):
        QByteArray(b"\xa5" * size)


def ask_late(noted: list[tuple[int, int]]) -> int:
    """Ask every object still there for its children by the counts noted before, and
    one more (a reader two messages behind); the number of answers (a gone object is
    not asked: AT-SPI finds it gone by its id)."""
    answers = 0
    for object_id, count in noted:
        for index in range(count + 1):
            node = QAccessible.accessibleInterface(object_id)
            if node is None:
                break
            churn()
            child = node.child(index)
            if child is not None and child.isValid():
                child.text(QAccessible.Text.Name)
                answers += 1
    return answers


def settle(app: QApplication, done, what: str, timeout_s: float = 5.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit(f"waited {timeout_s:.0f} s for {what}")
        app.processEvents()


def set_aside_due(app: QApplication, page) -> None:  # noqa: ANN001 - the ClientPage
    """The page's due list's Set aside…, its form answered and saved (run by exec's loop)."""
    def answer() -> None:
        form = QApplication.activeModalWidget()
        form.reason_edit.setText("Travelling abroad this week")
        form.save()

    QTimer.singleShot(0, answer)
    due = page.course_card.due
    before = len(due.entries)
    due.set_aside_button.click()
    assert len(due.entries) == before - 1, "the set-aside did not leave the list"


def run(rounds: int, guarded: bool) -> int:
    from kapdesk.core.clients import ClientDraft
    from kapdesk.core.clock import FakeClock
    from kapdesk.services import open_services
    from kapdesk.storage.practice import create_practice
    from kapdesk.ui.clients.client_list import ClientsView
    from kapdesk.ui.clients.due_list import DueListPanel
    from kapdesk.ui.clients.page_wiring import PendingCourseActions, connect_client_page
    from kapdesk.ui.common.scroll_accessibility import guard_scroll_areas
    from kapdesk.ui.shell.main_window import MainWindow
    from tests.helpers.practice_builder import live_session

    app = QApplication.instance() or QApplication([sys.argv[0]])
    if guarded:
        guard_scroll_areas()
    QAccessible.setActive(True)
    clock = FakeClock(1_780_000_000.0)
    with tempfile.TemporaryDirectory() as folder:
        practice = create_practice(Path(folder) / "practice", "quiet room tea candle")
        try:
            services = open_services(practice, clock)
            client = services.clients.add(ClientDraft(display_name=CLIENT))
            window = MainWindow()
            clients = ClientsView(services.clients, services.today)
            window.show_view(clients)
            clients.show_due(DueListPanel(services))
            wiring = connect_client_page(window, services, clients, PendingCourseActions())
            window.resize(1280, 800)
            window.show()
            answers = 0
            for _ in range(rounds):
                _session_id, runner = live_session(practice, clock, client.id)
                runner.record_dose("ketamine", 150, "sublingual")
                clock.advance(2 * HOUR)
                runner.end()
                clock.advance(HOUR)
                page = wiring.open(client.id)
                settle(app, lambda: page.isVisible(), "the client's page")
                while page.course_card.due.entries:  # the check-in, then the integration
                    set_aside_due(app, page)
                noted = walk(QAccessible.queryAccessibleInterface(window))
                page.back_button.click()  # Esc's button
                settle(app, lambda: window.stack.currentWidget() is clients, "the client list")
                answers += ask_late(noted)
            window.close()
            print(f"rounds={rounds} answers={answers}")
        finally:
            practice.close()
    return 0


if __name__ == "__main__":
    sys.exit(run(int(sys.argv[1]), guarded="--unguarded" not in sys.argv[2:]))
