"""Dump one application's accessible tree as JSON, read over AT-SPI.

Run with the system python that has pyatspi (the test venv cannot import it):

    /usr/bin/python3 tests/desktop/atspi_dump.py PID

Prints a JSON list of nodes, depth first, only those showing on screen:
{"role", "name", "description", "focusable", "focused", "showing",
 "keys" (key bindings of its actions), "x", "y", "w", "h" (screen extents),
 "text" (a text field's or label's text), "depth", "path"}.
Exit 3 when no application with that process id is on the bus (yet).
"""

from __future__ import annotations

import json
import sys

import pyatspi

MAX_NODES = 4000


def _states(node) -> set:
    try:
        return set(node.getState().getStates())
    except Exception:  # a node going away while read
        return set()


def _keys(node) -> list[str]:
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    keys = []
    for index in range(action.nActions):
        binding = action.getKeyBinding(index)
        if binding:
            keys.append(binding)
    return keys


def _text(node) -> str:
    try:
        text = node.queryText()
    except NotImplementedError:
        return ""
    return text.getText(0, -1)


def _extents(node) -> tuple[int, int, int, int]:
    try:
        box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return box.x, box.y, box.width, box.height
    except NotImplementedError:
        return 0, 0, 0, 0


ITEM_ROLES = {"list item", "table cell", "tree item"}


def dump(node, depth: int, path: str, out: list) -> None:
    if len(out) >= MAX_NODES or node is None:
        return
    states = _states(node)
    showing = pyatspi.STATE_SHOWING in states
    role = node.getRoleName()
    if depth > 0 and not showing and role not in ITEM_ROLES:
        return  # a hidden page's controls are not on screen
    # A list's rows scrolled out of view are kept (showing: false): a screen
    # reader reaches them through the list, as a person does by scrolling.
    x, y, w, h = _extents(node)
    out.append({
        "role": role, "name": node.name or "", "description": node.description or "",
        "focusable": pyatspi.STATE_FOCUSABLE in states, "focused": pyatspi.STATE_FOCUSED in states,
        "showing": showing, "enabled": pyatspi.STATE_ENABLED in states,
        "keys": _keys(node), "x": x, "y": y, "w": w, "h": h, "text": _text(node),
        "depth": depth, "path": path,
    })
    if not showing and depth > 0:
        return
    for index in range(node.childCount):
        try:
            child = node.getChildAtIndex(index)
        except Exception:
            continue
        dump(child, depth + 1, f"{path}/{index}", out)


def main(argv: list[str]) -> int:
    pid = int(argv[0])
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        try:
            if app is not None and app.get_process_id() == pid:
                out: list = []
                dump(app, 0, "", out)
                print(json.dumps(out))
                return 0
        except Exception:
            continue
    return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
