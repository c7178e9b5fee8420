"""What the screenshot tools share: saving a widget as a PNG, and a scratch practice."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Callable, Iterator
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


@contextlib.contextmanager
def demo_client_page() -> Iterator[QWidget]:
    """The demo's first client's page, tall enough for all of it at once, shown."""
    from kapdesk.app import build_demo_content
    from kapdesk.services import open_services
    from kapdesk.ui.clients.client_page import ClientPage
    from kapdesk.ui.clients.page_wiring import PendingCourseActions

    with scratch_practice() as practice:
        services = open_services(practice)
        build_demo_content(services)
        page = ClientPage(services, PendingCourseActions())
        page.resize(1200, 780)
        page.open_client(services.clients.list()[0].id)
        page.resize(1200, 2400)  # no scrolling
        page.show()
        QApplication.processEvents()
        try:
            yield page
        finally:
            page.close()


def make_pictures(description: str, *makers: Callable[[Path], None]) -> None:
    """A screenshot tool's command line: `--out FOLDER` (docs/ by default), the app's
    style, then each maker given that folder."""
    from kapdesk.ui.common.theme import style_sheet

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "docs"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyleSheet(style_sheet())
    for make in makers:
        make(out)
