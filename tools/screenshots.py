"""Current screenshots for the README and for looking at what we built, made offscreen.

    .venv/bin/python tools/screenshots.py [--out docs]

Writes main-window.png (the client list of the demo practice, first client
selected), unlock.png (the unlock dialog after one wrong try),
create-practice.png, welcome.png (the first-run welcome), about.png (About
KAPDesk), backups.png (Settings -> Backups after two backups of the demo
practice, one made by hand, the newest chosen, "Restore this backup" offered),
client-page.png (the demo's A. M. on her client's page, the whole page at once:
screening, consent, the course of care, the trends, history) and the icon as icon-16.png, icon-48.png, icon-256.png, with
icon-sizes.png showing the three on a light and on a dark panel (the course of
care, the due list and the grounding screen: tools/course_screenshots.py). The practice
is a throwaway one in a temporary folder; nothing is kept and no screen is
needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kapdesk.app import build_demo_content, build_main_window  # noqa: E402
from kapdesk.assets import app_icon_path  # noqa: E402
from kapdesk.licences import shipped_licences  # noqa: E402
from kapdesk.services import open_services  # noqa: E402
from kapdesk.storage.errors import WrongPassphrase  # noqa: E402
from kapdesk.storage.backup_files import BY_HAND  # noqa: E402
from kapdesk.ui.common.tasks import TaskRunner  # noqa: E402
from kapdesk.ui.editors.backups import BackupsDialog  # noqa: E402
from kapdesk.ui.shell.about import AboutDialog, practice_place  # noqa: E402
from kapdesk.ui.shell.passphrase_dialogs import CreatePracticeDialog, UnlockDialog  # noqa: E402
from kapdesk.ui.shell.restore_restart import AppRestore  # noqa: E402
from kapdesk.ui.shell.welcome import WelcomeDialog  # noqa: E402
from tools.shots import demo_client_page, make_pictures, scratch_practice, shoot  # noqa: E402


def _main_window(out: Path) -> None:
    with scratch_practice() as practice:
        services = open_services(practice)
        build_demo_content(services)
        window = build_main_window(services, demo=False).window
        window.resize(1100, 720)
        shoot(window, out / "main-window.png")
        window.close()


def _client_page(out: Path) -> None:
    with demo_client_page() as page:
        bottom = page.history_card.mapTo(page, page.history_card.rect().bottomLeft()).y()
        page.resize(1200, bottom + 24)
        shoot(page, out / "client-page.png")  # its course card alone: tools/course_screenshots.py


def _unlock(out: Path) -> None:
    def refuse(_passphrase: str):  # noqa: ANN202
        raise WrongPassphrase

    dialog = UnlockDialog(refuse)
    dialog.passphrase_edit.setText("not-it")
    dialog.confirm_button.click()
    shoot(dialog, out / "unlock.png")


def _create(out: Path) -> None:
    dialog = CreatePracticeDialog(lambda _passphrase: None)
    shoot(dialog, out / "create-practice.png")


# A Linux user's folders, so the pictures do not show the machine they were made on.
EXAMPLE_HOME = Path("/home/therapist/.local/share/KAPDesk")
ICON_SIZES = (16, 48, 256)
PANELS = ("#f3f1ee", "#232323")  # a light task bar, a dark one


def _welcome(out: Path) -> None:
    shoot(WelcomeDialog(EXAMPLE_HOME / "backups"), out / "welcome.png")


def _about(out: Path) -> None:
    components = shipped_licences()
    dialog = AboutDialog(practice_place(EXAMPLE_HOME, demo=False), components)
    # A row with a licence file of its own, so the picture shows a licence text.
    dialog.components.setCurrentRow(next(i for i, c in enumerate(components) if c.name == "soundfile"))
    shoot(dialog, out / "about.png")


def _backups(out: Path) -> None:
    with scratch_practice() as practice:
        services = open_services(practice)
        build_demo_content(services)
        services.backups.back_up()
        services.backups.back_up(kind=BY_HAND)
        tasks = TaskRunner()
        # As the app opens it: "Restore this backup" offered (never used here).
        restore = AppRestore(lambda: practice.passphrase, lambda: False, quit_app=lambda: None)
        dialog = BackupsDialog(services.backups, tasks, restore=restore)
        tasks.wait()
        QApplication.processEvents()  # the list read on the runner arrives here
        dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
        shoot(dialog, out / "backups.png")
        dialog.close()
        tasks.wait()


def _icon(out: Path) -> None:
    """The icon at each size alone, and the three side by side on both panels."""
    icon = QIcon(str(app_icon_path()))
    pixmaps = {size: icon.pixmap(size, size) for size in ICON_SIZES}
    for size, pixmap in pixmaps.items():
        pixmap.save(str(out / f"icon-{size}.png"))
        print(out / f"icon-{size}.png")
    gap, height = 24, max(ICON_SIZES) + 48
    width = sum(ICON_SIZES) + gap * (len(ICON_SIZES) + 1)
    sheet = QPixmap(width, height * len(PANELS))
    painter = QPainter(sheet)
    for row, colour in enumerate(PANELS):
        painter.fillRect(0, row * height, width, height, QColor(colour))
        x = gap
        for size, pixmap in pixmaps.items():
            painter.drawPixmap(QPoint(x, row * height + (height - size) // 2), pixmap)
            x += size + gap
    painter.end()
    sheet.save(str(out / "icon-sizes.png"))
    print(out / "icon-sizes.png")


def main() -> None:
    make_pictures(__doc__.splitlines()[0], _main_window, _client_page, _unlock, _create, _welcome, _about, _backups, _icon)


if __name__ == "__main__":
    main()
