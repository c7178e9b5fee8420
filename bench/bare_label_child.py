"""Baseline child of bench/session_cpu.py: a bare PySide6 window whose label
changes once a second, measured the same way as the app."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from session_child import measure


def main(seconds: float) -> None:
    app = QApplication([sys.argv[0]])
    label = QLabel("00:00")
    label.resize(1280, 800)
    label.show()
    timer = QTimer(label)
    timer.setInterval(1000)
    timer.timeout.connect(lambda: label.setText(time.strftime("%M:%S")))
    timer.start()
    measure(app, seconds)


if __name__ == "__main__":
    main(float(sys.argv[1]))
