"""The client's page on a real display, by keys only: Enter on a client in the list
opens the page (its first action focused, its sections and charts on screen, read
by the accessibility bus as a screen reader would), Escape returns to the list with
the cursor back on the client."""

from __future__ import annotations

import pytest

from tests.desktop.flows import CLIENT, open_with_client

pytestmark = pytest.mark.slow


def test_enter_opens_the_clients_page_and_escape_returns_to_the_list(make_app):
    app = open_with_client(make_app)
    app.wait_focus(lambda node: node.name in (CLIENT, "Client list"), "the client list")
    app.key("Return")
    app.wait_focus(lambda node: node.name == "Record screening", "the page's first action")
    tree = app.wait_words("Screened")  # the seeded clear screening, in words
    assert tree.find(f"Client: {CLIENT}") is not None
    for name in ("Start session", "Record consent", "Back to the clients", "PHQ-9 trend chart",
                 "GAD-7 trend chart", "History of the client's records"):
        assert tree.find(name) is not None, name
    # As a screen reader meets it: every button named, reached with Tab, its key announced.
    buttons = [node for node in tree if node.role == "push button" and node.showing]
    assert len(buttons) >= 8
    assert [b.name for b in buttons if not b.name.strip()] == []
    # (A button switched off, Correct with nothing to correct, says neither until it can act.)
    assert [b.name for b in buttons if b.enabled and not (b.focusable and b.keys)] == []
    app.shot("client-page")

    app.key("Escape")
    app.wait_focus(lambda node: node.name in (CLIENT, "Client list"), "the client list again")
    app.wait_node("Add client", "push button")
    assert app.tree().find("Record screening") is None
    app.shot("back-to-the-list")
