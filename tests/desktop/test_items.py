"""Issue 16's defects, one test per item, on a real display with real keys.

Each test is written against the shared contract (C1-C25) and names its
item. What it asserts is what a person at the laptop would notice: what the
screen says and where the keys go (read over AT-SPI and from screenshots),
and what the practice file holds.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from tests.desktop.display import wait_until
from tests.desktop.driver import PASSPHRASE, App
from tests.desktop.flows import (CHECKLIST, CLIENT, ROOM, VITALS_FIELDS, choose_script, kill_and_restart,
                                 note_texts, open_with_client, practice_of, record_dose, resume, save_vitals,
                                 tag_names, tick, to_before_dose, to_room, type_vitals, wait_event,
                                 wait_keys_in_room)
from kapdesk.storage.files import db_path_in
from tests.desktop.practice_file import seed_practice

pytestmark = pytest.mark.slow

CLOSE_BAR = "Close KAPDesk?"
KEEP = "Keep the session on screen"


def close_button_of(app: App) -> tuple[int, int]:
    """Where openbox draws the window's close button: right end of the title bar."""
    frame = app.wait_for(lambda: next((n for n in app.tree() if n.role == "frame"), None), "the main window")
    return frame.x + frame.w - 10, frame.y - 11


def wait_close_bar(app: App) -> None:
    app.wait_node(CLOSE_BAR)
    app.wait_focus(lambda node: node.name == KEEP, f"“{KEEP}”")


# -- 1 ---------------------------------------------------------------------------
def test_item01_close_during_a_session_asks_and_keeps_the_session(make_app):
    app = to_room(make_app)
    app.key("alt+F4")  # openbox: close the window
    wait_close_bar(app)
    tree = app.tree()
    assert tree.mentions("stays open") and tree.mentions(CLIENT), "the bar does not say the session stays open"
    assert tree.mentions("music stops")
    app.shot("close-bar-alt-f4")
    app.key("Escape")
    app.wait_for(lambda: app.tree().find(CLOSE_BAR) is None, "the close bar to go on Esc")
    assert app.alive() and app.tree().find(ROOM) is not None

    app.click_at(*close_button_of(app))  # the title bar's close button
    wait_close_bar(app)
    app.shot("close-bar-button")
    app.key("Escape")
    app.wait_for(lambda: app.tree().find(CLOSE_BAR) is None, "the close bar to go on Esc")

    app.key("ctrl+q")
    wait_close_bar(app)
    app.key("ctrl+shift+q")  # Close KAPDesk
    app.wait_exit()
    session = practice_of(app).session()
    assert session.ended_at is None and "session_ended" not in session.kinds()
    app.start()
    app.wait_words("Resume an unfinished session")
    app.shot("offered-again")


# -- 2 ---------------------------------------------------------------------------
def test_item02_open_session_stays_visible_and_blocks_a_second_dose(make_app):
    app = to_room(make_app)
    kill_and_restart(app)
    app.key("Escape")  # Not now
    app.wait_words("still open")
    tree = app.tree()
    assert tree.mentions(f"Session with {CLIENT} still open")
    resume_button = tree.find("Resume session", "push button")
    assert resume_button is not None and "Ctrl+R" in resume_button.keys
    assert tree.find("End it…", "push button") is not None
    app.shot("open-session-bar")

    app.click(CLIENT, "list item")
    app.key("ctrl+Return")
    app.wait_words(f"A session with {CLIENT} is still open")
    app.wait_focus(lambda node: node.name == "Resume session", "the bar's Resume session")
    app.shot("second-session-refused")
    assert len(practice_of(app).sessions()) == 1

    app.key("ctrl+shift+r")
    app.wait_words("Open — not ended")
    app.shot("records-open-session")
    app.key("Return")  # open it: it offers Resume and End, never Sign before it is ended
    app.wait_node("End it…", "push button")
    tree = app.tree()
    assert tree.find("Resume session", "push button") is not None
    assert tree.find("Sign record", "push button") is None
    app.shot("records-open-session-page")


def test_item01_closing_the_demo_during_a_session_says_it_is_thrown_away(make_app):
    app = make_app(extra_args=("--demo",), passphrase=None)
    app.start()
    app.wait_node("Client list", "list")
    choose_script(app)
    app.key("alt+F4")
    wait_close_bar(app)
    assert app.tree().mentions("This is the demo: closing throws it and its session away.")
    app.shot("demo-close-bar")
    app.key("ctrl+shift+q")
    app.wait_exit()


# -- 3 ---------------------------------------------------------------------------
def test_item03_dose_with_an_unticked_item_names_it_and_needs_a_reason(make_app):
    app = to_before_dose(make_app)
    save_vitals(app, "118", "76", "70")
    tick(app, *CHECKLIST[:3])
    wait_event(app, "checklist_ticked", 3)
    app.key("ctrl+Return")
    app.wait_words("Not ticked: Ride home arranged")
    app.wait_focus(lambda node: node.is_text_field and "reason" in node.says().lower(), "the reason box")
    app.shot("unticked-named")
    assert not practice_of(app).session().of_kind("dose_given"), "the dose was recorded without a reason"
    app.type("Partner collects at three")
    app.key("ctrl+Return")
    session = wait_event(app, "dose_given")
    stored = json.dumps(session.of_kind("dose_given")[-1].data)
    assert "Ride home arranged" in stored and "Partner collects at three" in stored
    app.wait_node(ROOM)


# -- 4 ---------------------------------------------------------------------------
def loudness(raw: Path, from_byte: int) -> tuple[int, float]:
    """(bytes so far, peak of |sample| after from_byte) of SDL's disk output (int16 stereo)."""
    data = raw.read_bytes() if raw.exists() else b""
    tail = data[from_byte - from_byte % 4:]
    samples = np.frombuffer(tail[: len(tail) - len(tail) % 4], dtype=np.int16)
    return len(data), float(np.abs(samples).max()) if samples.size else 0.0


SECOND = 44100 * 4  # bytes of one second of 44.1 kHz int16 stereo


def test_item04_silence_survives_a_kill_and_resume(make_app, tmp_path):
    first = tmp_path / "heard-1.raw"
    app = to_room(make_app, audio_driver="disk", disk_audio=first)
    # Music is heard in the room (proves the listening works at all).
    app.wait_for(lambda: loudness(first, 0)[1] > 300, "music in the room's audio output", 20)
    app.key("F1")
    wait_event(app, "music_silenced")
    app.kill9()

    second = tmp_path / "heard-2.raw"
    app.disk_audio = second
    app.start()
    app.wait_words("Resume an unfinished session")
    resume(app)
    wait_event(app, "app_recovered")
    # Two seconds of what the room plays after resuming must be silence. (An app that
    # opens no sound output at all is silent too: then the deadline passes quietly.)
    start = loudness(second, 0)[0]
    try:
        wait_until(lambda: loudness(second, start)[0] > start + 2 * SECOND, 8, "two seconds of output")
    except TimeoutError:
        assert not second.exists() or loudness(second, start)[0] == start, "the sound output stalled"
    peak = loudness(second, start)[1]
    app.shot("resumed-silent")
    assert peak < 50, f"music plays after resuming a silenced session (peak {peak:.0f})"
    assert "music_resumed" not in practice_of(app).session().after_last("app_recovered")


# -- 5 ---------------------------------------------------------------------------
def assert_no_number_shown(app: App, where: str) -> None:
    tree = app.tree()
    for name in VITALS_FIELDS:
        node = tree.find(name, "text")
        assert node is not None, f"{where}: no field {name!r}"
        assert node.text == "", f"{where}: {name} holds {node.text!r} before anything was typed"
        assert not re.search(r"\b\d{2,3}\b", node.description), \
            f"{where}: {name} shows {node.description!r} where nothing was measured"


def test_item05_empty_vitals_fields_show_no_number(make_app):
    app = to_before_dose(make_app)
    assert_no_number_shown(app, "before the dose")
    save_vitals(app, "118", "76", "70")
    tick(app, *CHECKLIST)
    wait_event(app, "checklist_ticked", 4)
    record_dose(app)
    app.key("F3")
    app.wait_focus(lambda node: node.name == "Systolic pressure", "the room's systolic field")
    assert_no_number_shown(app, "the room")
    app.shot("room-vitals-empty")


# -- 6 ---------------------------------------------------------------------------
REASON_BOX = "Reason to go on (required above 140/90)"


def test_item06_high_pressure_before_the_dose_needs_a_reason_in_a_box_that_has_focus(make_app):
    app = to_before_dose(make_app)
    type_vitals(app, "150", "95", "72")
    app.key("Return")
    app.wait_focus(lambda node: node.is_text_field and REASON_BOX in node.says(), "the reason box")
    app.shot("reason-box")
    assert not practice_of(app).session().of_kind("vitals"), "saved above 140/90 without a reason"
    app.key("Return")  # Enter again, still no reason: nothing is saved
    app.wait_focus(lambda node: REASON_BOX in node.says(), "the reason box, after Enter with no reason")
    assert not practice_of(app).session().of_kind("vitals")
    app.type("Anxious on arrival, rechecked after rest")
    app.key("Return")
    session = wait_event(app, "vitals")
    assert session.of_kind("vitals")[-1].data.get("reason") == "Anxious on arrival, rechecked after rest"
    app.wait_words("150/95")
    words = app.tree().all_words().lower()
    assert "reason needed" not in words and "needs a reason" not in words and "with a reason" not in words
    app.shot("reason-saved")


# -- 7 ---------------------------------------------------------------------------
def test_item07_ctrl_return_in_a_vitals_field_records_the_dose(make_app):
    app = to_before_dose(make_app)
    save_vitals(app, "118", "76", "70")
    tick(app, *CHECKLIST)
    wait_event(app, "checklist_ticked", 4)
    type_vitals(app, "120", "78", "72")  # a second reading typed, the cursor in a vitals field
    app.key("ctrl+Return")
    wait_event(app, "dose_given")
    app.wait_node(ROOM)


# -- 8 ---------------------------------------------------------------------------
def test_item08_a_second_copy_brings_the_window_forward_and_shows_nothing(make_app):
    app = to_room(make_app)
    app.xdotool("windowminimize", "--sync", app.window)
    app.wait_for(lambda: app.window not in app.windows(), "the window to be minimised")
    second = make_app()
    second.start(wait_window=False)
    seen: set[str] = set()

    def exited_or_showed() -> bool:
        seen.update(second.windows())
        return not second.alive() or bool(seen)

    app.wait_for(exited_or_showed, "the second copy to exit", 20)
    if seen:
        second.shot("second-copy-window")
    described = [f"{app.window_name(w)!r} pid {app.xdotool('getwindowpid', w, check=False)} "
                 f"{app.xdotool('getwindowgeometry', w, check=False)!r}" for w in seen]
    assert not seen, f"the second copy (pid {second.pid}) showed a window of its own: {described}"
    assert second.wait_exit() == 2
    assert "KAPDesk is already open on this practice; its window was brought forward." in second.stderr_text()
    app.wait_for(lambda: app.window in app.windows() and app.active_window() == app.window,
                 "the running window to be brought forward and active")
    assert app.tree().find(ROOM) is not None
    app.shot("brought-forward")


def test_item08_a_second_copy_with_no_display_says_so_on_stderr(make_app):
    app = open_with_client(make_app)
    second = make_app(no_display=True)
    second.start(wait_window=False)
    code = second.wait_exit(20)
    said = second.stderr_text()
    assert code == 2, f"exit code {code}: {said}"
    assert "KAPDesk is already open on this practice" in said, said
    assert app.alive()


# -- 9 ---------------------------------------------------------------------------
def test_item09_end_confirmation_names_checks_not_done(make_app):
    app = to_room(make_app)
    app.key("F8")
    tree = app.wait_words("Not done")
    assert tree.mentions("40-minute BP") or tree.mentions("BP at 40 min")
    assert tree.mentions("Escort present"), "unticked discharge items are not named"
    app.shot("end-bar-not-done")


# -- 10 --------------------------------------------------------------------------
def test_item10_room_keys_go_to_the_room_and_f2_writes_a_note(make_app):
    app = to_room(make_app)
    wait_keys_in_room(app, "the room with no text field focused")
    # (A digit typed in the room's first moment counts as typed blind, item 23: the
    # first tag key here comes after a note, as a person's would.)
    app.key("F2")
    app.wait_focus(lambda node: node.name == "Note", "the note field")
    app.type("Calm 2 breaths")  # a digit while typing is a digit, not a tag
    app.key("Return")
    session = wait_event(app, "note")
    assert note_texts(session) == ["Calm 2 breaths"] and not tag_names(session)
    wait_keys_in_room(app, "focus back in the room after Enter")
    app.key("1")
    session = wait_event(app, "tag")
    assert tag_names(session) == ["nausea"] and len(note_texts(session)) == 1
    app.key("2")
    assert tag_names(wait_event(app, "tag", 2)) == ["nausea", "tearful"]

    app.type("m")  # a letter starts a note with that letter
    app.wait_focus(lambda node: node.name == "Note" and node.text == "m", "the note field holding “m”")
    app.key("Escape")
    wait_keys_in_room(app, "focus back in the room after Esc")
    assert app.tree().find("Note", "text").text == "m", "Esc threw the draft away"
    app.key("alt+3")
    assert tag_names(wait_event(app, "tag", 3))[-1] == "laughing"
    app.key("F1")
    wait_event(app, "music_silenced")
    assert len(note_texts(practice_of(app).session())) == 1
    app.shot("room-keys")


# -- 11 --------------------------------------------------------------------------
def test_item11_each_page_opens_with_focus_on_what_comes_next(make_app):
    app = open_with_client(make_app)
    app.key("ctrl+n")
    app.wait_focus(lambda node: node.name == "Name or initials", "Add client's first field")
    app.key("Escape")
    app.wait_for(lambda: len(app.windows()) == 1, "the Add client window to close")

    app.key("ctrl+Return")
    app.wait_focus(lambda node: node.name == "Session scripts", "the script list")
    tree = app.tree()
    assert "sublingual lozenge" in tree.current_item("Session scripts").name
    app.key("Down")
    app.wait_for(lambda: "Spravato" in (app.tree().current_item("Session scripts") or app).name,
                 "Down to move to the second script")
    app.key("Up")
    app.key("Return")
    app.wait_node("Before the dose")
    app.wait_focus(lambda node: node.name == "Systolic pressure", "the systolic field")
    save_vitals(app, "118", "76", "70")
    tick(app, *CHECKLIST)
    wait_event(app, "checklist_ticked", 4)
    record_dose(app)
    app.key("F10")
    app.wait_focus(lambda node: node.name == "What came up", "the debrief's first text box")
    app.key("F11")
    app.wait_focus(lambda node: node.name == "Alert and oriented", "the discharge's first item")
    app.shot("discharge-focus")


def test_item11_resume_page_opens_on_resume(make_app):
    app = to_before_dose(make_app)
    kill_and_restart(app)
    app.wait_focus(lambda node: node.name.startswith("Resume"), "Resume")


# -- 12 --------------------------------------------------------------------------
def test_item12_escape_in_add_client_asks_and_errors_clear_and_ctrl_q_quits(make_app):
    app = open_with_client(make_app)
    app.key("ctrl+n")
    app.wait_focus(lambda node: node.name == "Name or initials", "Add client's first field")
    app.key("Return")  # save with no name: an error
    problems = app.wait_node("Problems", exact=False)
    app.wait_for(lambda: app.ink(app.tree().find("Problems", exact=False)) > 0.01, "an error on screen")
    app.shot("add-client-error")
    app.type("Sam")
    app.wait_for(lambda: (node := app.tree().find("Problems", exact=False)) is None or app.ink(node) < 0.01,
                 "the error to disappear once the name is typed")
    app.key("Escape")
    app.wait_words("Discard this new client?")
    app.shot("discard-asked")
    app.key("Return")  # Keep editing is the default
    app.wait_focus(lambda node: node.name == "Name or initials" and node.text == "Sam",
                   "the form again, still holding “Sam”")
    assert practice_of(app).client_names() == [CLIENT]
    assert problems is not None

    app.key("Escape")
    app.wait_words("Discard this new client?")
    app.click("Discard", "push button", exact=False)
    app.wait_for(lambda: len(app.windows()) == 1, "the Add client window to close")
    app.key("ctrl+e")  # Edit client: a change, then Esc, asks too
    app.wait_focus(lambda node: node.name == "Name or initials", "Edit client's first field")
    app.key("End")
    app.type(" Jr")
    app.key("Escape")
    app.wait_words("Discard your changes?")
    app.shot("discard-changes-asked")
    app.click("Discard", "push button", exact=False)
    app.wait_for(lambda: len(app.windows()) == 1, "the Edit client window to close")
    assert practice_of(app).client_names() == [CLIENT]

    app.key("ctrl+q")  # between sessions: quits at once
    assert app.wait_exit() == 0


# -- 23 --------------------------------------------------------------------------
def test_item23_keys_typed_while_the_room_is_rebuilt_never_become_tags(make_app):
    app = to_room(make_app)
    kill_and_restart(app)
    app.xdotool("key", "ctrl+Return")  # Resume, and type at once, as the therapist did
    app.xdotool("type", "--delay", "10", "BP 120 over 80")
    app.wait_node(ROOM)
    app.key("F5")  # a marker: once the pause is stored, every key before it was handled
    session = wait_event(app, "paused")
    after = session.after_last("app_recovered")
    assert not [event for event in after if event.kind.value == "tag"], \
        f"typing during the resume stored tags: {[e.data for e in after if e.kind.value == 'tag']}"
    app.shot("after-typing-during-resume")


# -- 25 --------------------------------------------------------------------------
def ns_wrap(script: str, folder: Path) -> tuple[str, ...]:
    """Run the app in a mount namespace of its own, after `script` (sh, $0 = the folder)."""
    unshare = ["unshare", "-m", "--propagation", "private"] if _root() else ["unshare", "-Urm"]
    return (*unshare, "sh", "-c", f"{script} && exec \"$@\"", str(folder))


def _root() -> bool:
    import os

    return os.geteuid() == 0


def start_problem(make_app, data_dir: Path, **options) -> tuple[int, str]:  # noqa: ANN001, ANN003
    app = make_app(data_dir=data_dir, extra_args=("--quit-after-start",), **options)
    app.start(wait_window=False)
    code = app.wait_exit(30)
    said = app.stderr_text()
    if said.startswith("unshare:") or "mount:" in said:
        pytest.fail(f"harness: no mount namespace for this test on this machine: {said}", pytrace=False)
    return code, said


def test_item25_read_only_folder_is_named_as_such(make_app, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    seed_practice(folder, PASSPHRASE, (CLIENT,))
    code, said = start_problem(make_app, folder, wrap=ns_wrap(
        'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0"', folder))
    assert code != 2 and "already open" not in said, said
    assert "read-only" in said.lower() or "read only" in said.lower(), said


def test_item25_full_disk_at_start_is_named_as_such(make_app, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    seed_practice(source, PASSPHRASE, (CLIENT,))
    folder = tmp_path / "full"
    folder.mkdir()
    code, said = start_problem(make_app, folder, wrap=ns_wrap(
        f'mount -t tmpfs -o size=8m tmpfs "$0" && cp -a {source}/. "$0"/ && '
        '(dd if=/dev/zero of="$0/filler" bs=64k 2>/dev/null; true)', folder))
    assert code != 2 and "already open" not in said, said
    assert "damaged" not in said and "full" in said.lower(), said


def test_item25_wrong_passphrase_and_damaged_file_have_their_own_words(make_app, tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    seed_practice(good, PASSPHRASE, (CLIENT,))
    code, said = start_problem(make_app, good, passphrase="not the right one at all")
    assert code not in (0, 2) and "passphrase" in said.lower() and "damaged" not in said, said

    damaged = tmp_path / "damaged"
    shutil.copytree(good, damaged)
    db = db_path_in(damaged)
    blob = bytearray(db.read_bytes())
    # A byte flipped in the first page: what start-up reads whatever the practice's size
    # (a deeper page is met by the background check, or by the read that needs it).
    blob[100] ^= 0xFF
    db.write_bytes(bytes(blob))
    code, said = start_problem(make_app, damaged)
    assert code not in (0, 2) and "already open" not in said, said
    assert "damaged" in said.lower(), said


def test_item25_full_disk_during_a_session_keeps_the_note_and_says_so(make_app, tmp_path):
    folder = tmp_path / "session-disk"
    folder.mkdir()
    app = to_room(make_app, data_dir=folder,
                  wrap=ns_wrap('mount -t tmpfs -o size=16m tmpfs "$0" && cp -a "$0.seed"/. "$0"/', folder),
                  seed_elsewhere=True)
    filler = app.practice_dir / "filler"
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True, timeout=60)
    app.key("F2")
    app.type("Said she feels safe")
    app.key("Return")
    app.wait_words("Not saved: the disk is full")
    tree = app.tree()
    assert tree.mentions("Free some space, then press Enter again")
    assert "OperationalError" not in tree.all_words() and "sqlalche" not in tree.all_words()
    note = tree.find("Note", "text")
    assert note is not None and note.text == "Said she feels safe", "the draft was lost"
    app.shot("disk-full")
    filler.unlink()
    app.key("F2")
    app.key("Return")
    session = wait_event(app, "note")
    assert note_texts(session) == ["Said she feels safe"]
