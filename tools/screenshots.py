"""Current screenshots for the README and for looking at what we built, made offscreen.

    .venv/bin/python tools/screenshots.py [--out docs]

Writes main-window.png (the client list of the demo practice, first client
selected), unlock.png (the unlock dialog after one wrong try) and
create-practice.png. The practice is a throwaway one in a temporary folder;
nothing is kept and no screen is needed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from kapdesk.app import build_demo_content, build_main_window  # noqa: E402
from kapdesk.services import open_services  # noqa: E402
from kapdesk.storage.errors import WrongPassphrase  # noqa: E402
from kapdesk.ui.shell.passphrase_dialogs import CreatePracticeDialog, UnlockDialog  # noqa: E402
from kapdesk.ui.common.theme import style_sheet  # noqa: E402
from tools.shots import scratch_practice, shoot  # noqa: E402


def _main_window(out: Path) -> None:
    with scratch_practice() as practice:
        services = open_services(practice)
        build_demo_content(services)
        window = build_main_window(services, demo=False).window
        window.resize(1100, 720)
        shoot(window, out / "main-window.png")
        window.close()


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "docs"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyleSheet(style_sheet())
    _main_window(out)
    _unlock(out)
    _create(out)


if __name__ == "__main__":
    main()
