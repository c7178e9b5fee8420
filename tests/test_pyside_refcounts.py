"""PySide6 must not lose references to None, True and False.

PySide6-Essentials 6.12.0 on Python 3.11 drops one reference to None on each
call of a void method from Python (`label.setText`, `timer.start`) and one to
True/False on each bool-returning call (`signal.emit`, `timer.isActive`).
Before Python 3.12 those objects are reference counted like any other, so
after a few thousand calls the interpreter aborts with "Fatal Python error:
none_dealloc" (or bool_dealloc): in the app, minutes into a session whose
screen updates every second; in the test suite, often only at exit. 6.11.3
does not do this. This test names the cause instead of leaving a crash.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal


class _Emitter(QObject):
    happened = Signal(int)


def test_void_and_bool_calls_keep_their_references(qapp) -> None:  # noqa: ANN001
    timer = QTimer()
    emitter = _Emitter()
    emitter.happened.connect(lambda _value: None)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(50):
        timer.setInterval(200)  # void
        emitter.happened.emit(1)  # returns bool
        timer.isActive()  # returns bool
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    lost = [b - a for a, b in zip(after, before)]
    assert all(n < 25 for n in lost), (
        f"PySide6 lost references (None, True, False) = {lost} in 50 calls each: this "
        f"build will crash the app after a few thousand calls; use another PySide6 "
        f"version (6.11.3 is fine).")
