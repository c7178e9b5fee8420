"""The wiring stays typed: one place builds the stores, and the main window is no registry.

Read from the source (ast), over all of kapdesk/:
- a store is constructed only in kapdesk/services.py (`open_services`);
- no module sets an attribute on a window, except the main window on itself
  (ui/shell/main_window.py), and whatever is read from a window is declared by
  `MainWindow` (its own attributes, signals and methods, or Qt's);
- no `hasattr`/`getattr`/`setattr` on a window or on services;
- a `services` parameter always says its type, and never `Any`.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import kapdesk
from kapdesk.services import Services
from kapdesk.ui.shell.main_window import MainWindow

PACKAGE = Path(kapdesk.__file__).parent
SERVICES_MODULE = PACKAGE / "services.py"
MAIN_WINDOW_MODULE = PACKAGE / "ui" / "shell" / "main_window.py"
WINDOW = re.compile(r"^_?(main_)?window$")
SERVICES = re.compile(r"^_?services$")


def modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', '?')}"


def name_of(node: ast.AST) -> str:
    """`window` for `window`, `self._window` or `first.window`; "" for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def store_classes() -> set[str]:
    """The class names of what `Services` holds beside the practice and the clock."""
    return {str(field.type).split(".")[-1] for field in dataclasses.fields(Services)
            if field.name not in ("practice", "clock")}


def window_declares() -> set[str]:
    """What `MainWindow` sets on itself (its own widgets), beside its class's attributes."""
    tree = ast.parse(MAIN_WINDOW_MODULE.read_text(encoding="utf-8"))
    return {target.attr for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AnnAssign))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Attribute) and name_of(target.value) == "self"}


def test_the_services_hold_every_store() -> None:
    assert store_classes() >= {"ClientStore", "SettingsStore", "SessionStore", "ScriptStore",
                               "MusicStore", "ReviewStore", "RecordKeeper", "ReviewSearch",
                               "PracticeDocumentStore", "ScreeningStore", "ConsentStore",
                               "MeasureStore", "RiskAssessmentStore", "CourseReader",
                               "CourseSearch"}


def test_no_module_but_services_constructs_a_store() -> None:
    stores = store_classes()
    built = [f"{where(path, node)} {name_of(node.func)}(…)"
             for path, tree in modules() if path != SERVICES_MODULE
             for node in ast.walk(tree)
             if isinstance(node, ast.Call) and name_of(node.func) in stores]
    assert built == []


def test_no_module_sets_an_attribute_on_a_window() -> None:
    set_on_window = []
    for path, tree in modules():
        if path == MAIN_WINDOW_MODULE:
            continue
        for node in ast.walk(tree):
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else [])
            for target in targets:
                for part in ast.walk(target):
                    if isinstance(part, ast.Attribute) and WINDOW.match(name_of(part.value)):
                        set_on_window.append(f"{where(path, node)} {name_of(part.value)}.{part.attr} =")
    assert set_on_window == []


def other_windows(tree: ast.Module) -> set[ast.AST]:
    """The nodes inside functions whose `window` is typed as another kind (a QWindow, say)."""
    nodes: set[ast.AST] = set()
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                WINDOW.match(argument.arg) and argument.annotation is not None
                and "MainWindow" not in ast.unparse(argument.annotation)
                for argument in function.args.args):
            nodes.update(ast.walk(function))
    return nodes


def test_what_is_read_from_a_window_is_declared_by_the_main_window() -> None:
    declared = window_declares()
    undeclared = []
    for path, tree in modules():
        if path == MAIN_WINDOW_MODULE:
            continue
        others = other_windows(tree)
        undeclared += [f"{where(path, node)} {name_of(node.value)}.{node.attr}"
                       for node in ast.walk(tree)
                       if isinstance(node, ast.Attribute) and WINDOW.match(name_of(node.value))
                       and node not in others
                       and node.attr not in declared and not hasattr(MainWindow, node.attr)]
    assert undeclared == []


def test_no_probing_of_windows_or_services() -> None:
    probes = [f"{where(path, node)} {name_of(node.func)}({name_of(node.args[0])}, …)"
              for path, tree in modules()
              for node in ast.walk(tree)
              if isinstance(node, ast.Call) and name_of(node.func) in ("hasattr", "getattr", "setattr")
              and node.args and (WINDOW.match(name_of(node.args[0]))
                                 or SERVICES.match(name_of(node.args[0])))]
    assert probes == []


def test_services_parameters_say_their_type() -> None:
    untyped = []
    for path, tree in modules():
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            for argument in arguments:
                if not SERVICES.match(argument.arg):
                    continue
                annotation = ast.unparse(argument.annotation) if argument.annotation else ""
                if annotation in ("", "Any", "typing.Any") or annotation.endswith("| Any"):
                    untyped.append(f"{where(path, node)} {node.name}({argument.arg}: {annotation or '?'})")
    assert untyped == []


def test_the_checks_see_what_they_look_for() -> None:
    """The checks above would catch the old registry and the old store-building."""
    old = ast.parse("window.session_flow = flow\n"
                    "hasattr(window, 'records_requested')\n"
                    "ReviewStore(practice, clock)\n")
    assigned, probe, built = old.body
    assert isinstance(assigned, ast.Assign) and WINDOW.match(name_of(assigned.targets[0].value))
    assert isinstance(probe.value, ast.Call) and WINDOW.match(name_of(probe.value.args[0]))
    assert isinstance(built.value, ast.Call) and name_of(built.value.func) in store_classes()
    assert not hasattr(MainWindow, "session_flow") and "session_flow" not in window_declares()
