"""Every arrow of DESIGN.md "The layers", read from the source.

Imports point down only: ui -> export -> storage -> core, and ui -> audio -> core.
`core` never imports Qt, pygame or SQLAlchemy; `storage` and `audio` never import
Qt; `export` may use QtGui for drawing the PDF but no widget; nothing below ui
imports ui; one module finds `assets/`.

Imports are read with `ast`, wherever they stand (inside functions, under
TYPE_CHECKING), and followed through every kapdesk module they reach, so a rule
cannot be stepped round by a helper module at the package's top (storage
importing a module that imports Qt breaks "storage never imports Qt" as surely
as importing Qt itself). Each failure names the file and line of every step.
(tests/core/test_core_is_pure.py also holds core to the standard library.)
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

import kapdesk

KAPDESK = Path(kapdesk.__file__).resolve().parent
ROOT = KAPDESK.parent

QT = ("PySide6", "shiboken6")
DATABASE = ("sqlalchemy", "alembic", "sqlcipher3")
SOUND = ("pygame",)
ABOVE_STORAGE = ("kapdesk.ui", "kapdesk.export", "kapdesk.cli", "kapdesk.app",
                 "kapdesk.services", "kapdesk.demo")


@dataclass(frozen=True)
class Arrow:
    """Modules under `areas` (folders of kapdesk) reach nothing in `forbidden`
    (dotted prefixes) except what is in `allowed`."""

    rule: str
    areas: tuple[str, ...]
    forbidden: tuple[str, ...]
    allowed: tuple[str, ...] = ()


ARROWS = [
    Arrow("core imports no Qt, pygame or database library, and nothing of kapdesk but core",
          ("core",), (*QT, *SOUND, *DATABASE, "kapdesk"), ("kapdesk.core",)),
    Arrow("storage and audio never import Qt", ("storage", "audio"), QT),
    Arrow("storage and audio import nothing of export, ui, cli, app, services or the demo",
          ("storage", "audio"), ABOVE_STORAGE),
    Arrow("audio imports nothing of storage (nor its database libraries)",
          ("audio",), ("kapdesk.storage", *DATABASE)),
    Arrow("storage imports nothing of audio (nor pygame)", ("storage",), ("kapdesk.audio", *SOUND)),
    Arrow("export draws with QtGui (and QtCore), never a widget",
          ("export",), QT, ("PySide6.QtGui", "PySide6.QtCore")),
    Arrow("export imports nothing of ui, audio, cli, app, services or the demo",
          ("export",), ("kapdesk.ui", "kapdesk.audio", "kapdesk.cli", "kapdesk.app",
                        "kapdesk.services", "kapdesk.demo")),
    Arrow("nothing below ui imports ui", ("core", "storage", "audio", "export"), ("kapdesk.ui",)),
]

#: Outside kapdesk/ui, only these modules import Qt, and only these parts of it.
QT_OUTSIDE_UI = {
    "kapdesk/export/": ("PySide6.QtGui", "PySide6.QtCore"),  # the PDF's painter, never widgets
    # The command-line export paints PDFs too (a QGuiApplication); the tools open no window.
    "kapdesk/cli/": ("PySide6.QtGui", "PySide6.QtCore"),
    "kapdesk/locations.py": ("PySide6.QtCore",),  # QStandardPaths: the app's own data folder
    # The composition root makes the QApplication before it shows the window.
    "kapdesk/app.py": ("PySide6.QtWidgets", "PySide6.QtGui", "PySide6.QtCore"),
}

#: The one module that knows where assets/ is.
ASSETS_MODULE = KAPDESK / "assets.py"


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT))


def under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def package_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts if path.name == "__init__.py" else parts[:-1]).removesuffix(".__init__")


@cache
def imports_of(path: Path) -> tuple[tuple[str, int], ...]:
    """(dotted name, line) for each import in `path`, absolute. `from a import b` gives
    `a.b` (b may be a module or a name in a); `import a.b` gives `a.b`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package_of(path).split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join(parts + ([base] if base else []))
            found += [(base if alias.name == "*" else f"{base}.{alias.name}", node.lineno)
                      for alias in node.names]
    return tuple(found)


def files_of(name: str) -> list[Path]:
    """The kapdesk files that importing `name` runs: each package's __init__.py on the
    way down, and the module itself (the longest prefix of `name` that is one)."""
    parts = name.split(".")
    files = []
    for end in range(1, len(parts) + 1):
        path = ROOT.joinpath(*parts[:end])
        if (path / "__init__.py").is_file():
            files.append(path / "__init__.py")
        elif path.with_suffix(".py").is_file():
            files.append(path.with_suffix(".py"))
            break
        else:
            break
    return files


def sources(area: str) -> list[Path]:
    return sorted((KAPDESK / area).rglob("*.py"))


def breaches(arrow: Arrow) -> list[str]:
    """Every import, direct or through other kapdesk modules, that breaks the arrow."""
    found = []
    for start in (path for area in arrow.areas for path in sources(area)):
        queue, seen = deque([(start, ())]), {start}
        while queue:
            path, way = queue.popleft()
            for name, line in imports_of(path):
                step = (*way, f"{shown(path)}:{line} imports {name}")
                if under(name, arrow.forbidden) and not under(name, arrow.allowed):
                    found.append(" -> ".join(step))
                    continue
                for reached in files_of(name) if name.split(".")[0] == "kapdesk" else ():
                    if reached not in seen:
                        seen.add(reached)
                        queue.append((reached, step))
    return sorted(set(found))


@pytest.mark.parametrize("arrow", ARROWS, ids=[arrow.rule for arrow in ARROWS])
def test_imports_point_down(arrow: Arrow) -> None:
    found = breaches(arrow)
    assert found == [], f"{arrow.rule}, but:\n" + "\n".join(found)


def test_qt_is_imported_only_by_ui_and_the_modules_that_draw_or_start_it() -> None:
    found = []
    for path in sorted(KAPDESK.rglob("*.py")):
        where = "/" + shown(path)
        if "/kapdesk/ui/" in where:
            continue
        allowed = next((parts for prefix, parts in QT_OUTSIDE_UI.items()
                        if where.startswith("/" + prefix)), ())
        found += [f"{shown(path)}:{line} imports {name}" for name, line in imports_of(path)
                  if under(name, QT) and not under(name, allowed)]
    assert found == [], "Qt outside kapdesk/ui (see QT_OUTSIDE_UI for what may):\n" + "\n".join(found)


def docstrings(tree: ast.AST) -> set[int]:
    nodes = [n for n in ast.walk(tree)
             if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))]
    return {id(n.body[0].value) for n in nodes
            if n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}


def test_one_module_builds_asset_paths() -> None:
    """Only kapdesk/assets.py names the assets folder (in a source checkout, an installed
    package or a frozen app alike); every other module asks it."""
    found = []
    for path in sorted(KAPDESK.rglob("*.py")):
        if path == ASSETS_MODULE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in skip
                    and "assets" in node.value.replace("\\", "/").split("/")):
                found.append(f"{shown(path)}:{node.lineno} names the folder: {node.value!r}")
            elif isinstance(node, ast.Attribute) and node.attr == "_MEIPASS":
                found.append(f"{shown(path)}:{node.lineno} finds a frozen app's files")
    assert found == [], "asset paths come from kapdesk.assets:\n" + "\n".join(found)
