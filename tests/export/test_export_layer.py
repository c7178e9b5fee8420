"""Where export stands (DESIGN.md "The layers"): it draws with QtGui only, never a
widget; it builds no store and opens no practice (it is handed a record); and the
atomic file writer it shares with storage is a leaf that imports nothing of kapdesk."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.helpers.processes import REPO, TIMEOUT_S

EXPORT = REPO / "kapdesk" / "export"
ATOMIC_FILE = REPO / "kapdesk" / "atomic_file.py"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def called_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    return names


def test_export_imports_no_widgets_and_no_screen() -> None:
    for path in sorted(EXPORT.glob("*.py")):
        for name in imported_modules(path):
            assert not name.startswith("PySide6.QtWidgets"), (path.name, name)
            assert not name.startswith("kapdesk.ui"), (path.name, name)


def test_making_every_export_loads_no_widget_module() -> None:
    # In a fresh interpreter: the test process itself has QtWidgets loaded.
    code = ("import sys, pkgutil, importlib, kapdesk.export as e\n"
            "for m in pkgutil.iter_modules(e.__path__): importlib.import_module(f'kapdesk.export.{m.name}')\n"
            "import kapdesk.export.pdf_report as r\n"
            "from PySide6.QtGui import QPdfWriter, QTextDocument\n"
            "print(sorted(n for n in sys.modules if n.startswith(('PySide6.QtWidgets', 'kapdesk.ui'))))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          timeout=TIMEOUT_S, check=True)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_export_builds_no_store_and_opens_no_practice() -> None:
    for path in sorted(EXPORT.glob("*.py")):
        made = {name for name in called_names(path)
                if name.endswith("Store") or name in ("open_practice", "Practice", "RecordKeeper")}
        assert not made, (path.name, made)


def test_the_atomic_file_writer_imports_nothing_of_kapdesk() -> None:
    assert not {name for name in imported_modules(ATOMIC_FILE) if name.startswith("kapdesk")}
