"""What the screenshot tools share: saving a widget as a PNG, and a scratch practice."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from kapdesk.storage.practice import Practice, create_practice

PASSPHRASE = "screenshot-passphrase"


def shoot(widget: QWidget, path: Path) -> None:
    """Show `widget`, let it lay out and paint, and save it as `path`."""
    widget.show()
    QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


@contextlib.contextmanager
def scratch_practice() -> Iterator[Practice]:
    """A new encrypted practice in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="kapdesk-shots-") as folder:
        practice = create_practice(Path(folder) / "practice", PASSPHRASE)
        try:
            yield practice
        finally:
            practice.close()
