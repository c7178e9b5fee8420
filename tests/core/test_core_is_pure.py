"""kapdesk.core imports only the standard library and itself (DESIGN.md: imports point down)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import kapdesk.core

CORE = Path(kapdesk.core.__file__).parent


def imported_top_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_modules_import_nothing_but_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__", "kapdesk"}
    offenders = {path.name: sorted(imported_top_names(path) - allowed)
                 for path in sorted(CORE.glob("*.py"))}
    assert {name: bad for name, bad in offenders.items() if bad} == {}


def test_core_imports_nothing_from_the_layers_above() -> None:
    for path in CORE.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for layer in ("kapdesk.ui", "kapdesk.audio", "kapdesk.storage", "kapdesk.app"):
            assert layer not in source, f"{path.name} reaches up into {layer}"
