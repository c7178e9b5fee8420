"""Getting the real app to a state by keys and clicks, shared by the tests.

Each helper does what a therapist would do (press Ctrl+Return, click a
check box, type a reading) and waits for the screen to show the result
before returning, so a test that fails points at its own step. Names are the
accessible names the app gives its controls and pages.
"""

from __future__ import annotations

from pathlib import Path

from tests.desktop.driver import PASSPHRASE, App, Node
from tests.desktop.practice_file import PracticeFile, StoredSession, seed_practice

CLIENT = "Robin Vale"
CHECKLIST = ("Eye mask ready", "Music ready", "Phones silenced", "Ride home arranged")
ROOM = "Session room view"
BEFORE_DOSE = "Before the dose"
CHOOSER = "Choose a session script"
VITALS_FIELDS = ("Systolic pressure", "Diastolic pressure", "Heart rate", "Oxygen saturation, optional")
DOSE = "Record dose and go to the room"
REASON_BOX = "Reason to dose although not ready"


def practice_of(app: App) -> PracticeFile:
    return PracticeFile(app.practice_dir, PASSPHRASE)


def open_with_client(make_app, **options) -> App:  # noqa: ANN001, ANN003
    """A practice holding one client (seeded through storage), and the app opened on it.

    With seed_elsewhere=True the practice is made in "<data_dir>.seed" (for an
    app whose `wrap` copies it into a file system of its own)."""
    elsewhere = options.pop("seed_elsewhere", False)
    app = make_app(**options)
    seed_practice(Path(f"{app.data_dir}.seed") if elsewhere else app.data_dir, PASSPHRASE, (CLIENT,))
    app.start()
    app.wait_node(CLIENT, "list item")
    return app


def choose_script(app: App, script: str | None = None) -> None:
    """From the client list: Ctrl+Return (Start session), then choose a script."""
    app.key("ctrl+Return")
    app.wait_node(CHOOSER)
    if script is not None:
        app.click(script, "list item", exact=False)
    app.key("ctrl+Return")  # the chooser's Start session
    app.wait_node(BEFORE_DOSE)
    app.shot("before-the-dose")


def field(app: App, name: str) -> Node:
    return app.wait_node(name, "text")


def type_vitals(app: App, systolic: str, diastolic: str, heart_rate: str) -> None:
    """Click the systolic field and type a reading, Tab between fields (no Enter)."""
    app.click_at(*field(app, "Systolic pressure").centre)
    app.wait_focus(lambda node: node.name == "Systolic pressure", "the systolic field")
    app.key("ctrl+a")
    app.type(systolic)
    for name, value in (("Diastolic pressure", diastolic), ("Heart rate", heart_rate)):
        app.key("Tab")
        app.wait_focus(lambda node, name=name: node.name == name, name)
        app.key("ctrl+a")
        app.type(value)


def save_vitals(app: App, systolic: str, diastolic: str, heart_rate: str) -> StoredSession:
    """Type a reading and press Enter; wait until it is in the practice file."""
    before = len(practice_of(app).session().of_kind("vitals"))
    type_vitals(app, systolic, diastolic, heart_rate)
    app.key("Return")
    return wait_event(app, "vitals", before + 1)


def tick(app: App, *items: str) -> None:
    """Click check boxes by name (where one look at the screen shows them)."""
    tree = app.wait_for(lambda: (found := app.tree()).find(items[0], "check box") and found,
                        f"the check box {items[0]!r}")
    for item in items:
        box = tree.find(item, "check box")
        assert box is not None, f"no check box {item!r} on screen"
        app.click_at(*box.centre)


def wait_event(app: App, kind: str, count: int = 1, timeout_s: float = 10) -> StoredSession:
    """Wait until the latest session holds `count` events of `kind`; return it."""
    def stored() -> StoredSession | None:
        session = practice_of(app).session()
        return session if session is not None and len(session.of_kind(kind)) >= count else None

    return app.wait_for(stored, f"{count} '{kind}' event(s) in the practice file", timeout_s)


def held_says(tree) -> str:  # noqa: ANN001 - a driver Tree
    """Why the dose button holds, as a screen reader hears it (its description)."""
    button = tree.find(DOSE, "push button")
    return "" if button is None else button.description


def record_dose(app: App) -> StoredSession:
    """Ctrl+Return on the before-the-dose page; wait for the dose in the file and the room."""
    app.key("ctrl+Return")
    session = wait_event(app, "dose_given")
    app.wait_node(ROOM)
    return session


def to_before_dose(make_app, script: str | None = None, **options) -> App:  # noqa: ANN001, ANN003
    app = open_with_client(make_app, **options)
    choose_script(app, script)
    return app


def to_room(make_app, script: str | None = None, **options) -> App:  # noqa: ANN001, ANN003
    """A session with good baseline vitals, the whole checklist ticked and the dose given."""
    app = to_before_dose(make_app, script, **options)
    save_vitals(app, "118", "76", "70")
    tick(app, *CHECKLIST)
    wait_event(app, "checklist_ticked", len(CHECKLIST))
    record_dose(app)
    app.shot("room")
    return app


def kill_and_restart(app: App) -> None:
    """kill -9 the app, start it again on the same practice, wait for the resume offer."""
    app.kill9()
    app.start()
    app.wait_words("Resume an unfinished session")
    app.shot("resume-offer")


def resume(app: App) -> None:
    """Press the offer's Resume (Ctrl+Return) and wait for the room."""
    app.key("ctrl+Return")
    app.wait_node(ROOM)


def wait_keys_in_room(app: App, what: str) -> None:
    """Wait until the room is on screen and no text field has the keyboard focus."""
    def ready() -> bool:
        tree = app.tree()
        focused = tree.focused()
        return tree.find(ROOM) is not None and (focused is None or not focused.is_text_field)

    app.wait_for(ready, what)


def note_texts(session: StoredSession) -> list[str]:
    return [str(event.data.get("text", "")) for event in session.of_kind("note")]


def tag_names(session: StoredSession) -> list[str]:
    return [str(event.data.get("tag", event.data.get("name", ""))) for event in session.of_kind("tag")]


def name_the_pdf(app: App, target: Path) -> None:
    """In Records' Export tab: Ctrl+Shift+P, the file's name typed over the one offered, Enter."""
    app.key("ctrl+shift+p")
    app.wait_focus(lambda node: node.is_text_field, "the PDF's file name")
    app.key("ctrl+a")
    app.type(str(target))
    app.key("Return")
