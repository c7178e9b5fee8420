"""Shared fixtures: a real encrypted practice in a temp folder, and a fake clock.

The pytest configuration (pyproject.toml) already sets QT_QPA_PLATFORM=offscreen
and SDL_AUDIODRIVER=dummy; they are set here too so a test module run on its
own, outside that configuration, behaves the same.
"""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from kapdesk.core.clock import FakeClock  # noqa: E402
from tests.helpers.constants import PASSPHRASE  # noqa: E402


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, absent without it
def pytest_xdist_make_scheduler(config: pytest.Config, log):  # noqa: ANN001, ANN201
    """Under `-n N`: whole files, and tests/desktop and tests/packaging whole, per
    process (tests/helpers/worker_groups.py), whatever --dist says but `each`."""
    if config.getvalue("dist") == "each":
        return None
    from tests.helpers.worker_groups import ByFileAndFolder

    return ByFileAndFolder(config, log)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "practice"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def empty_practice_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new practice created once per test run (creating one costs ~0.5 s:
    migrations and two key derivations); tests get a copy of its files."""
    from kapdesk.storage.practice import create_practice

    folder = tmp_path_factory.mktemp("template")
    create_practice(folder, PASSPHRASE).close()
    return folder


@pytest.fixture
def practice(data_dir: Path, empty_practice_template: Path):
    """A real encrypted practice, just created, open in `data_dir`."""
    from kapdesk.storage.practice import open_practice

    for file in empty_practice_template.iterdir():
        if file.is_file():
            shutil.copy2(file, data_dir / file.name)
    opened = open_practice(data_dir, PASSPHRASE)
    yield opened
    opened.close()
