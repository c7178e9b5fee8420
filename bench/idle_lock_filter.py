"""What the idle lock's input filter costs each event: mouse moves sent to a widget with and
without it, interleaved, offscreen. Prints the median microseconds per event of each and
last `idle_filter_us_per_event=` (the difference).

    PYTHONPATH=. python bench/idle_lock_filter.py
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from kapdesk.core.clock import SystemClock  # noqa: E402
from kapdesk.ui.shell.idle_lock import InputWatch  # noqa: E402

EVENTS = 20_000
ROUNDS = 7


def per_event_us(app: QApplication, widget: QWidget) -> float:
    start = time.perf_counter()
    for i in range(EVENTS):
        event = QMouseEvent(QEvent.Type.MouseMove, QPointF(i % 100, 5), QPointF(i % 100, 5),
                            Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        app.sendEvent(widget, event)
    return (time.perf_counter() - start) / EVENTS * 1e6


def main() -> None:
    app = QApplication([])
    widget = QWidget()
    widget.setMouseTracking(True)
    widget.show()
    watch = InputWatch(SystemClock(), lambda _receiver: False)
    without, with_filter = [], []
    for _ in range(ROUNDS):
        without.append(per_event_us(app, widget))
        app.installEventFilter(watch)
        with_filter.append(per_event_us(app, widget))
        app.removeEventFilter(watch)
    plain, filtered = statistics.median(without), statistics.median(with_filter)
    print(f"without_filter_us_per_event={plain:.2f}")
    print(f"with_filter_us_per_event={filtered:.2f}")
    print(f"idle_filter_us_per_event={filtered - plain:.2f}")


if __name__ == "__main__":
    main()
