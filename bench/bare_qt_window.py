"""Baseline for bench/startup.py: a bare PySide6 window, first paint, exit."""

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


class FirstPaint(QObject):
    def eventFilter(self, _watched, event):  # noqa: ANN001, ANN201, N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            print(f"first_paint_at={time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


app = QApplication([])
window = QLabel("KAPDesk baseline")
window.resize(1100, 720)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
