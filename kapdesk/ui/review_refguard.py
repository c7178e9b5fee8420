"""A guard for painting code against PySide6 6.12.0's lost references.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call
from Python (`painter.drawLine`, `setPen`, ...) and to True/False on every
bool-returning one (tests/test_pyside_refcounts.py names it). Before Python
3.12 those objects are counted like any other, so a timeline that paints a
few hundred shapes would bring the interpreter down ("none_dealloc") after a
few dozen repaints. `kept_references()` wraps a paint: it gives back what the
block lost. Adding a reference to None, True or False can never do harm; on
a build without the bug (or on Python 3.12+, where they are immortal) the
guard does nothing. Remove it once the project pins a fixed PySide6.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import PySide6

_AFFECTED = sys.version_info < (3, 12) and PySide6.__version__.startswith("6.12.")
_SINGLETONS = (None, True, False)

if _AFFECTED:
    _incref = ctypes.pythonapi.Py_IncRef
    _incref.argtypes = [ctypes.py_object]
    _incref.restype = None


@contextmanager
def kept_references() -> Iterator[None]:
    if not _AFFECTED:
        yield
        return
    before = [sys.getrefcount(obj) for obj in _SINGLETONS]
    try:
        yield
    finally:
        for obj, count in zip(_SINGLETONS, before):
            for _ in range(count - sys.getrefcount(obj)):
                _incref(obj)
