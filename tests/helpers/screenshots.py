"""Screens saved as pictures for people to look at (tests/ui/*_screenshots.py).

With KAPDESK_SCREENSHOT_DIR=docs the README's pictures are refreshed;
otherwise they go to the test's temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget


def screenshot_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("KAPDESK_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_screen(widget: QWidget, folder: Path, name: str) -> QImage:
    """`widget` as painted, saved as folder/name; the picture is returned to check."""
    QApplication.processEvents()  # let pending re-layouts land, as the event loop would
    image = widget.grab().toImage()
    image.save(str(folder / name))
    return image
