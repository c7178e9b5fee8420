"""Fixtures of the real-display tests: one private desktop per run, one app per test.

The desktop (Xvfb, openbox, D-Bus, AT-SPI; see display.py) is started once
for the whole run and stopped at its end; each test gets its own practice
folder and its own KAPDesk process, killed in teardown whatever happened.
Screenshots and the app's output go to artifacts/desktop/<test name>/, which
CI keeps.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop.display import Desktop
from tests.desktop.driver import PASSPHRASE, ROOT, App

ARTIFACTS = ROOT / "artifacts" / "desktop"


@pytest.fixture(scope="session")
def desktop() -> Iterator[Desktop]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    running = Desktop(ARTIFACTS / "_desktop").start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Path:
    folder = ARTIFACTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "practice"
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def make_app(desktop: Desktop, data_dir: Path, shots: Path) -> Iterator:
    """make_app(**options) -> App (not started); every app made is stopped at the end."""
    made: list[App] = []

    def make(**options) -> App:  # noqa: ANN003
        options.setdefault("passphrase", PASSPHRASE)
        options.setdefault("label", "app" if not made else f"app{len(made) + 1}")
        app = App(desktop, options.pop("data_dir", data_dir), shots, **options)
        made.append(app)
        return app

    yield make
    for app in made:
        app.stop()
