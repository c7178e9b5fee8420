"""The built app, made once per test run (or reused when these very sources were built before)."""

from __future__ import annotations

import pytest

from collections.abc import Iterator

from tests.helpers.built_app import BuiltApp, ensure_built, private_x_display


@pytest.fixture(scope="session")
def built_app() -> BuiltApp:
    return ensure_built()


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """A bare Xvfb server's DISPLAY, for the built app's own xcb plugin."""
    with private_x_display() as display:
        yield display
