"""Item 27: each session screen as a screen reader meets it, read over AT-SPI.

One walk through the session's screens (before the dose, the room, the end
bar, the debrief, the discharge, the resume page); on each, the accessible
tree is read and every problem found is listed, so one failure names them all.
"""

from __future__ import annotations

import re

import pytest

from tests.desktop.driver import App, Tree
from tests.desktop.flows import (CHECKLIST, ROOM, kill_and_restart, record_dose, save_vitals, tick,
                                 to_before_dose, wait_event)

pytestmark = pytest.mark.slow

# Labels whose text changes: each must expose it ("Role: text", see show_text).
CHANGING_LABELS = {
    "before the dose": ("Before dosing",),
    "room": ("Current phase", "Phase status", "What is due next", "Guidance for this phase", "Now playing"),
    "end bar": ("End the session?",),
    "discharge": ("Session summary",),
}
# Session buttons that carry a key: it must be exposed as their key binding.
KEYED_BUTTONS = {
    "before the dose": ("Record dose and go to the room", "Save vitals"),
    "room": ("Pause", "+5 min", "Next phase", "Dim", "Debrief", "Discharge", "End session…", "Silence",
             "Save vitals"),
    "end bar": ("Yes, end the session", "Keep going"),
    "debrief": ("Save debrief", "Room view", "Discharge"),
    "discharge": ("Room view", "Debrief", "End session…"),
    "resume page": ("Not now",),
}
NUMBER = re.compile(r"^\s*\d+([.,/]\d+)?\s*$")
CONTROL_ROLES = {"push button", "check box", "radio button", "combo box", "text", "spin button", "slider",
                 "list", "table", "toggle button", "password text"}


def problems_on(screen: str, tree: Tree) -> list[str]:
    found = []
    for node in tree:
        what = f"{screen}: {node.role} {node.name or node.text[:30]!r}"
        if node.role in CONTROL_ROLES and node.enabled and not node.focusable:
            found.append(f"{what} cannot be reached with Tab")
        if node.focusable and node.role in CONTROL_ROLES and not node.name.strip():
            found.append(f"{what} has no accessible name")
        if node.role in {"text", "spin button"} and (NUMBER.match(node.description) or NUMBER.match(node.name)):
            found.append(f"{what} is described by a number ({node.description!r})")
        if node.role == "combo box":
            editor = next((child for child in tree
                           if child.path.startswith(node.path + "/") and child.role == "text"), None)
            if node.name and editor is not None and node.name == editor.text:
                found.append(f"{what} is named by its value, not by what it is")
            if editor is not None and not editor.name.strip():
                found.append(f"{what}: its text field has no name")
    for role in CHANGING_LABELS.get(screen, ()):
        shown = [node for node in tree if node.name.startswith(role)]
        if not shown:
            found.append(f"{screen}: no label {role!r} on screen")
        elif not any(node.name.startswith(role + ": ") and len(node.name) > len(role) + 2 for node in shown):
            found.append(f"{screen}: label {role!r} hides what it shows (name {shown[0].name!r})")
    for name in KEYED_BUTTONS.get(screen, ()):
        button = tree.find(name, "push button") or tree.find(name, "push button", exact=False)
        if button is None:
            found.append(f"{screen}: no button {name!r}")
        elif not button.keys:
            found.append(f"{screen}: button {name!r} exposes no key binding")
    return found


def look(app: App, screen: str, problems: list[str]) -> Tree:
    """Read one screen's tree and add its problems (those not already found on an earlier screen)."""
    tree = app.tree()
    app.shot(screen.replace(" ", "-"))
    (app.shots / f"tree-{screen.replace(' ', '-')}.txt").write_text(tree.describe())
    known = {problem.split(": ", 1)[1] for problem in problems}
    problems.extend(problem for problem in problems_on(screen, tree) if problem.split(": ", 1)[1] not in known)
    return tree


def test_item27_session_screens_are_named_reachable_and_expose_keys(make_app):
    problems: list[str] = []
    app = to_before_dose(make_app)
    look(app, "before the dose", problems)
    save_vitals(app, "118", "76", "70")
    tick(app, *CHECKLIST)
    wait_event(app, "checklist_ticked", 4)
    record_dose(app)
    look(app, "room", problems)
    app.key("F8")
    app.wait_words("End the session")
    tree = look(app, "end bar", problems)
    focused = tree.focused()
    bar_named = tree.find("End the session?", exact=False)
    if focused is None or focused.role != "push button" or focused.name not in {"Keep going",
                                                                                 "Yes, end the session"}:
        problems.append(f"end bar: it appears with no focus on its buttons (focus: {focused and focused.name!r})")
    assert bar_named is not None
    app.key("Escape")
    app.wait_for(lambda: app.tree().find("Keep going") is None, "the end bar to go")
    app.key("F10")
    app.wait_node("Save debrief", exact=False)
    look(app, "debrief", problems)
    app.key("F11")
    app.wait_node("Before they leave", exact=False)
    look(app, "discharge", problems)
    app.key("ctrl+r")
    app.wait_node(ROOM)
    kill_and_restart(app)
    look(app, "resume page", problems)
    assert not problems, "Accessibility problems:\n  " + "\n  ".join(problems)
