"""An adverse event learnt of after the record was signed, on a real display, by keys
only (issue 14): Records, Enter on the signed dosing session, Ctrl+Shift+E opens the
adverse-event form, Alt+1 nausea, Alt+M mild, Tab to when it began and what was
done, Ctrl+S; the signer's name and the passphrase confirm it. The session's flags
and its log show it, and so do the history's flags; the practice file holds it as a
dated addendum carrying the event, and the signed record still matches its seal (and
the audit trail is whole) by the command-line check."""

from __future__ import annotations

import pytest

from tests.desktop.driver import PASSPHRASE
from tests.desktop.flows import CLIENT, practice_of
from tests.desktop.practice_file import seed_dosed_session, seed_practice, seed_signature
from tests.helpers.processes import app_env, run_module

pytestmark = pytest.mark.slow
SIGNER = "Dr Ada Lane"
ACTION = "Advised rest and fluids by phone"
FLAG = "Adverse event: Nausea or vomiting (mild)"
FORM = "Record an adverse event"


def focus_on(app, name: str) -> None:  # noqa: ANN001
    app.wait_focus(lambda node: node.name == name, repr(name))


def test_an_adverse_event_added_to_a_signed_record_by_keys(make_app, tmp_path):  # noqa: ANN001
    app = make_app()
    seed_practice(app.data_dir, app.passphrase, (CLIENT,))
    dosed = seed_dosed_session(app.data_dir, app.passphrase, CLIENT, ended_hours_ago=20)
    seed_signature(app.data_dir, app.passphrase, dosed, SIGNER)
    app.start()
    app.wait_node(CLIENT, "list item")
    app.key("ctrl+shift+r")
    app.wait_words(f"Client: {CLIENT}")
    app.key("Return")  # the selected (only) session
    app.wait_words(f"Signed by {SIGNER}")
    assert not app.tree().mentions(FLAG)

    app.key("ctrl+shift+e")
    app.wait_node(FORM)
    app.key("alt+1")
    app.wait_for(lambda: (box := app.tree().find("Nausea or vomiting", "radio button")) and box.focused,
                 "Nausea or vomiting chosen")
    app.key("alt+m")
    app.wait_for(lambda: (box := app.tree().find("Severity mild", "radio button")) and box.focused,
                 "Mild chosen")
    app.key("Tab")
    focus_on(app, "Began minutes ago")
    app.key("ctrl+a")
    app.type("600")  # at home, ten hours ago
    app.key("Tab")
    focus_on(app, "Action taken")
    app.type(ACTION)
    app.shot("adverse-form")
    app.key("ctrl+s")

    focus_on(app, "Signed by")  # no name in Settings yet: asked once
    app.type(SIGNER)
    app.key("Tab")
    focus_on(app, "Practice passphrase")
    app.type(PASSPHRASE)
    app.key("Return")

    def stored_addendum():  # noqa: ANN202
        found = [e for e in practice_of(app).sessions()[0].of_kind("addendum") if "adverse_event" in e.data]
        return found[-1] if found else None

    addendum = app.wait_for(stored_addendum, "the addendum in the practice file", 10)
    assert addendum.data["author"] == SIGNER
    assert addendum.data["adverse_event"]["kind"] == "nausea_or_vomiting"
    assert addendum.data["adverse_event"]["severity"] == "mild"
    assert addendum.data["adverse_event"]["action"] == ACTION
    assert practice_of(app).sessions()[0].of_kind("adverse_event") == []  # signed: never edited in
    tree = app.wait_words(FLAG)  # the session's flags
    flags = [node.name for node in tree if node.name.startswith("Flags:")]
    assert any(FLAG in name for name in flags), flags
    log = tree.find("Session log", "list")
    assert log is not None
    assert any("Nausea or vomiting" in node.says() for node in tree
               if node.path.startswith(log.path + "/")), "not on the session's log"
    app.shot("session-after-adverse")

    app.key("Escape")  # the history: its flags too
    app.wait_for(lambda: app.tree().find("Session log", "list") is None, "the session page to close")
    app.wait_words(FLAG)
    app.shot("history-flags")
    app.stop()

    env = app_env(tmp_path / "home", PASSPHRASE)
    checked = run_module("check", "--data-dir", str(app.data_dir), env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "each matches its seal" in checked.stdout, checked.stdout
    audit = run_module("audit", "verify", "--data-dir", str(app.data_dir), env=env)
    assert audit.returncode == 0 and "whole" in audit.stdout, audit.stdout + audit.stderr
