"""Fixtures of the music screens' tests: the bundled tracks and a music rig on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.music_rig import build_rig, make_bundled


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    return make_bundled(tmp_path / "bundled")


@pytest.fixture
def rig(practice, clock, bundled):  # noqa: ANN001, ANN201
    made = build_rig(practice, clock, bundled)
    yield made
    made.music.close()
