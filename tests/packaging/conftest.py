"""The built app, made once per test run (or reused when these very sources were built before)."""

from __future__ import annotations

import pytest

from tests.helpers.built_app import BuiltApp, ensure_built


@pytest.fixture(scope="session")
def built_app() -> BuiltApp:
    return ensure_built()
