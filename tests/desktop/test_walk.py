"""A whole session on a real display, in steps: each test gets to its state by keys.

What works today is checked here (creating a practice, adding a client, the
before-the-dose page, notes, tags, vitals, pause, +5, next phase, kill -9 and
resume, the debrief, the discharge, ending, Records). The defects of issue 16
are checked, one per item, in test_items.py.
"""

from __future__ import annotations

import pytest

from tests.desktop.driver import PASSPHRASE
from tests.desktop.flows import (CHECKLIST, CLIENT, kill_and_restart, name_the_pdf, note_texts,
                                 practice_of, record_dose, resume, save_vitals, tag_names, tick, to_room,
                                 wait_event)
from tests.desktop.practice_file import PracticeFile

pytestmark = pytest.mark.slow


def test_create_a_practice_through_the_passphrase_dialog_then_add_a_client(make_app):
    app = make_app(passphrase=None)
    app.start(wait_window=False)
    app.wait_window("Welcome to KAPDesk")  # the first-run welcome; Enter goes on
    app.wait_focus(lambda node: node.name == "Create my practice", "the welcome's Create button")
    app.key("Return")
    app.wait_window("Create your practice")
    app.shot("create-practice")
    app.wait_focus(lambda node: node.name == "New passphrase", "the new passphrase field")
    app.type(PASSPHRASE)
    app.key("Tab")
    app.type(PASSPHRASE)
    app.key("Return")
    app.wait_node("Add client", "push button")
    assert PracticeFile(app.data_dir, PASSPHRASE).exists()
    app.shot("main-window")

    app.key("ctrl+n")
    app.wait_focus(lambda node: node.is_text_field, "the client form's first field")
    app.shot("add-client")
    app.type("Jo Marsh")
    app.key("Return")
    app.wait_node("Jo Marsh", "list item")
    assert practice_of(app).client_names() == ["Jo Marsh"]
    app.shot("client-added")


def test_before_the_dose_vitals_checklist_and_dose(make_app):
    from tests.desktop.flows import to_before_dose

    app = to_before_dose(make_app)
    session = save_vitals(app, "118", "76", "70")
    reading = session.of_kind("vitals")[-1].data
    assert (reading["systolic"], reading["diastolic"], reading["heart_rate"]) == (118, 76, 70)
    app.wait_words("118/76")
    tick(app, *CHECKLIST)
    session = wait_event(app, "checklist_ticked", len(CHECKLIST))
    assert {event.data["item"] for event in session.of_kind("checklist_ticked")} == set(CHECKLIST)
    session = record_dose(app)
    dose = session.of_kind("dose_given")[-1].data
    assert dose["drug"] == "ketamine" and dose["mg"] == 150
    app.shot("room-after-dose")


def test_room_note_tag_vitals_pause_extend_next_phase(make_app):
    app = to_room(make_app)
    # A note: F2, type, Enter.
    app.key("F2")
    app.wait_focus(lambda node: node.name == "Note", "the note field")
    app.type("Breathing slow and even")
    app.key("Return")
    session = wait_event(app, "note")
    assert note_texts(session) == ["Breathing slow and even"]
    app.wait_words("Breathing slow and even")
    # A tag with Alt+1 (a tag key that works wherever the cursor is).
    app.key("alt+1")
    session = wait_event(app, "tag")
    assert tag_names(session) == ["nausea"]
    # Vitals with F3.
    app.key("F3")
    app.wait_focus(lambda node: node.name == "Systolic pressure", "the room's systolic field")
    app.type("122")
    app.key("Tab")
    app.type("78")
    app.key("Tab")
    app.type("74")
    app.key("Return")
    session = wait_event(app, "vitals", 2)
    assert session.of_kind("vitals")[-1].data["systolic"] == 122
    # Pause and resume (F5), five more minutes (F6), the next phase (F7).
    app.key("F5")
    wait_event(app, "paused")
    app.key("F5")
    wait_event(app, "resumed")
    app.key("F6")
    session = wait_event(app, "phase_extended")
    assert session.of_kind("phase_extended")[-1].data["seconds"] == 300
    skipped = len(session.of_kind("phase_skipped"))
    app.key("F7")
    wait_event(app, "phase_skipped", skipped + 1)
    app.wait_words("Lying-down journey")
    app.shot("room-after-f7")


def test_kill9_then_resume_carries_on_with_what_was_recorded(make_app):
    app = to_room(make_app)
    app.key("F2")
    app.type("Before the crash")
    app.key("Return")
    wait_event(app, "note")
    kill_and_restart(app)
    resume(app)
    session = wait_event(app, "app_recovered")
    assert note_texts(session) == ["Before the crash"]
    app.wait_words("Before the crash")
    app.shot("resumed-room")


def test_debrief_discharge_and_end(make_app):
    app = to_room(make_app)
    app.key("F10")
    box = app.wait_node("What came up", "text")
    app.click_at(*box.centre)
    app.type("Memories of the lake house")
    app.key("ctrl+s")
    session = wait_event(app, "debrief_saved")
    assert "Memories of the lake house" in str(session.of_kind("debrief_saved")[-1].data)
    app.shot("debrief-saved")
    app.key("F11")
    app.wait_node("Discharge", exact=False)
    app.click("Alert and oriented", "check box")
    wait_event(app, "discharge_checked")
    app.shot("discharge")
    app.key("F8")
    app.wait_words("End the session")
    app.shot("end-bar")
    app.key("ctrl+shift+e")
    session = wait_event(app, "session_ended")
    assert session.ended_at is not None
    app.wait_node("Client list", "list")
    app.shot("after-end")


def test_records_signing_and_a_pdf(make_app, tmp_path):
    app = to_room(make_app)
    app.key("F2")
    app.type("Settled, eyes closed")
    app.key("Return")
    wait_event(app, "note")
    app.key("F8")
    app.wait_words("End the session")
    app.key("ctrl+shift+e")
    wait_event(app, "session_ended")
    app.wait_node("Add client", "push button")
    app.key("ctrl+shift+r")
    app.wait_words(f"Client: {CLIENT}")
    app.shot("records")
    app.key("Return")  # open the selected (newest) session
    app.wait_node("Sign record", "push button")
    app.wait_words("Settled, eyes closed")
    app.shot("session-record")
    app.key("ctrl+shift+g")
    app.wait_focus(lambda node: node.is_text_field, "the signer's name")
    app.type("Dr Ada Lane")
    app.key("Return")
    # Asked to confirm (and perhaps to prove who signs): answer what is asked.
    def confirm() -> bool:
        tree = app.tree()
        focused = tree.focused()
        if focused is not None and focused.role == "password text":
            app.type(PASSPHRASE)
            app.key("Return")
        elif tree.find("Yes", "push button") is not None:
            app.key("alt+y")
        stored = practice_of(app).session()
        return stored is not None and stored.signed_by == "Dr Ada Lane"

    app.wait_for(confirm, "the record to be signed by Dr Ada Lane", 15)
    assert "signed" in practice_of(app).session().kinds()
    app.shot("signed")

    app.key("alt+x")  # the Export tab
    app.wait_node("Export PDF report", "push button")
    target = tmp_path / "record.pdf"
    name_the_pdf(app, target)
    app.wait_for(lambda: target.exists() and target.stat().st_size > 1000 and target.read_bytes()[:5] == b"%PDF-",
                 "the PDF to be written", 30)
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(target)).pages)
    assert CLIENT in text and "Settled, eyes closed" in text
    app.shot("pdf-exported")
