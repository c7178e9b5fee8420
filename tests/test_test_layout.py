"""The tests' own house rules (DESIGN.md "The layers", tests/): every stand-in in
tests/helpers/stubs.py, fixtures in conftest.py files, shared helpers in tests/helpers/,
and tests/ui/ mirroring kapdesk/ui/.

A conftest is pytest's to load; a test that imports one gets a second copy of the
module under another name and ties itself to a folder it does not live in. A fake
kept beside one test is found by nobody who needs it next, and grows a twin.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import kapdesk.ui
import tests

TESTS = Path(tests.__file__).resolve().parent
ROOT = TESTS.parent
UI = Path(kapdesk.ui.__file__).resolve().parent
STUBS = TESTS / "helpers" / "stubs.py"

#: A class or name with one of these words in it is a stand-in (FakeOutput, SpyPlayer, PaintSpy).
STAND_IN_WORDS = {"Fake", "Stub", "Spy", "Mock", "Dummy"}


def all_test_files() -> list[Path]:
    return sorted(TESTS.rglob("*.py"))


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{node.lineno}"


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def imported(path: Path) -> list[tuple[str, ast.AST]]:
    """Each module `path` imports (anywhere in it, inside functions too), absolute, with its node.
    `from a import b` gives `a.b` as well as `a`, since `b` may be a module."""
    package = module_name(path).rsplit(".", 1)[0]
    if path.name == "__init__.py":
        package = module_name(path.parent)
    found: list[tuple[str, ast.AST]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join(parts + ([base] if base else []))
            found.append((base, node))
            found += [(f"{base}.{alias.name}", node) for alias in node.names if alias.name != "*"]
        elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "pytest_plugins" for t in node.targets):
            found += [(c.value, node) for c in ast.walk(node.value)
                      if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    return found


def test_no_test_module_imports_a_conftest() -> None:
    offenders = sorted({f"{where(path, node)} imports {name[: name.index('conftest') + 8]}"
                        for path in all_test_files() for name, node in imported(path)
                        if "conftest" in name.split(".")})
    assert offenders == [], "constants and fakes belong in tests/helpers/, not in a conftest:\n" + \
        "\n".join(offenders)


def file_of_test_module(name: str) -> Path | None:
    """The file of the test module `name` names (a dotted name, perhaps ending in
    something the module defines), or None."""
    parts, found = name.split("."), None
    for end in range(2, len(parts) + 1):
        path = ROOT.joinpath(*parts[:end])
        if (path / "__init__.py").is_file():
            found = path / "__init__.py"
        elif path.with_suffix(".py").is_file():
            return path.with_suffix(".py")
        else:
            break
    return found


def test_test_code_is_shared_only_through_tests_helpers() -> None:
    """A module may import test code from tests/helpers/ or from its own folder, never
    from another test folder's modules."""
    offenders = []
    for path in all_test_files():
        reached: dict[ast.AST, Path] = {}  # per import statement, the module it reaches
        for name, node in imported(path):
            target = file_of_test_module(name) if name.startswith("tests.") else None
            if target is not None and len(target.parts) >= len(reached.get(node, Path()).parts):
                reached[node] = target
        offenders += [f"{where(path, node)} imports {module_name(target).removesuffix('.__init__')}"
                      for node, target in reached.items()
                      if target.parent != path.parent and target.parent != TESTS / "helpers"]
    assert offenders == [], "move what is shared to tests/helpers/:\n" + "\n".join(offenders)


def stand_in(name: str) -> bool:
    return bool(STAND_IN_WORDS & set(re.findall(r"[A-Z][a-z0-9]*", name)))


def test_every_stand_in_is_defined_in_stubs() -> None:
    offenders = []
    for path in all_test_files():
        if path == STUBS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and stand_in(node.name):
                offenders.append(f"{where(path, node)} defines class {node.name}")
            elif isinstance(node, ast.Assign):
                offenders += [f"{where(path, node)} defines {t.id}" for t in node.targets
                              if isinstance(t, ast.Name) and t.id[:1].isupper() and stand_in(t.id)]
    assert offenders == [], "fakes, spies and stubs go in tests/helpers/stubs.py:\n" + \
        "\n".join(offenders)


def test_stubs_holds_stand_ins_and_no_fixtures() -> None:
    tree = ast.parse(STUBS.read_text(encoding="utf-8"))
    fixtures = [f"{where(STUBS, node)} {node.name}" for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef)
                and any("fixture" in ast.unparse(d) for d in node.decorator_list)]
    assert fixtures == [], "fixtures belong in conftest.py files"


def test_tests_ui_mirrors_the_screens_of_kapdesk_ui() -> None:
    loose = sorted(p.name for p in (TESTS / "ui").iterdir()
                   if p.is_file() and p.suffix == ".py" and p.name not in ("__init__.py", "conftest.py"))
    assert loose == [], f"tests/ui/ holds {loose}: put each in its screen's folder"
    screens = {p.name for p in UI.iterdir() if (p / "__init__.py").is_file()}
    folders = {p.name for p in (TESTS / "ui").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == screens, f"tests/ui/ {sorted(folders)} vs kapdesk/ui/ {sorted(screens)}"
    missing = sorted(f for f in folders if not (TESTS / "ui" / f / "__init__.py").is_file())
    assert missing == [], f"tests/ui/{missing} without __init__.py"
