"""Screenshots of the music pieces, made offscreen, for docs/ and for looking.

    .venv/bin/python tools/music_screenshots.py [--out docs]

Writes music-library.png (the music of each phase), music-playlists.png,
music-tracks.png (with a folder of the therapist's own tracks scanned in the
background) and room-music-strip.png (the session room with the strip, the
journey music playing, and a skipped file's note), plus
music-strip-no-sound.png (the calm sentence when there is no sound output).
A throwaway practice in a temporary folder; SDL's dummy audio driver.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from kapdesk.app import build_main_window  # noqa: E402
from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL  # noqa: E402
from kapdesk.core.clients import ClientDraft  # noqa: E402
from kapdesk.core.clock import FakeClock  # noqa: E402
from kapdesk.services import open_services  # noqa: E402
from kapdesk.storage.practice import create_practice  # noqa: E402
from kapdesk.ui.common.theme import style_sheet  # noqa: E402
from tools.shots import PASSPHRASE, shoot  # noqa: E402



def wait_ms(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def own_folder(folder: Path) -> Path:
    from tests.helpers.audio_files import write_garbage, write_tone

    (folder / "Hiroshi Yoshimura - Green").mkdir(parents=True)
    for number, (title, seconds) in enumerate((("Creek", 62), ("Feel", 45), ("Sheep", 38)), 1):
        write_tone(folder / "Hiroshi Yoshimura - Green" / f"0{number} {title}.ogg", seconds,
                   freq=220.0 * number, amplitude=0.05, rate=22050, title=title,
                   artist="Hiroshi Yoshimura", album="Green")
    write_garbage(folder / "unfinished download.mp3")
    return folder


def library_shots(wired, services, out: Path, scratch: Path) -> None:  # noqa: ANN001
    from kapdesk.ui.music.library_window import MusicLibraryDialog

    store = wired.music.store
    dialog = MusicLibraryDialog(store, services.scripts.all, wired.tasks, wired.music.controller, wired.window)
    dialog.setStyleSheet(style_sheet() + dialog.styleSheet())
    view = dialog.view
    shoot(dialog, out / "music-library.png")
    job = view.tracks.scan(own_folder(scratch / "music"))
    while view.tracks.scan_task is not None:
        wait_ms(20)
    assert job is not None
    ids = {t.title: t.id for t in store.tracks()}
    playlist_id = store.create_playlist("Green, for the return", 0.8)
    store.set_items(playlist_id, [ids["Creek"], ids["Feel"], ids["Homecoming"]])
    view.playlists.refresh(select_id=playlist_id)
    view.tabs.setCurrentWidget(view.playlists)
    shoot(dialog, out / "music-playlists.png")
    view.tabs.setCurrentWidget(view.tracks)
    shoot(dialog, out / "music-tracks.png")
    dialog.close()


def room_shot(wired, services, clock, out: Path, name: str) -> None:  # noqa: ANN001
    client = services.clients.add(ClientDraft("Alex M.", intention="To rest and let go."))
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    clock.advance(120)
    for box in view.pre_dose.checkboxes.values():  # the set-and-setting checklist
        box.setChecked(True)
    view.pre_dose.go_on_anyway()  # no course of care recorded: the dose needs a reason
    view.pre_dose.override_edit.setText("A practice run for the pictures")
    view.pre_dose.record_dose()
    clock.advance(11 * 60)  # into the journey
    view.controller.tick()
    wired.music.controller.tick()
    strip = wired.music.strip
    if wired.music.controller.problem is None:
        strip.show_note("Skipped “unfinished download.mp3”: The file is damaged or "
                        "incomplete and cannot be played.")
    shoot(wired.window, out / name)


def no_sound_shot(wired, clock, out: Path) -> None:  # noqa: ANN001
    """The strip as it is when no sound output could be opened."""
    from kapdesk.audio.silent import NO_OUTPUT_MESSAGE, SilentPlayer
    from kapdesk.ui.music.controller import MusicController
    from kapdesk.ui.music.room_strip import MusicStrip

    silent = MusicController(clock, wired.music.store,
                             player_factory=lambda *_: (SilentPlayer(), NO_OUTPUT_MESSAGE))
    _ = silent.player
    holder = QWidget()
    holder.setStyleSheet(style_sheet("room.qss"))
    holder.resize(1224, 60)
    strip = MusicStrip(silent, holder)
    strip.resize(1224, strip.sizeHint().height())
    shoot(holder, out / "music-strip-no-sound.png")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs"))
    out = Path(parser.parse_args().out)
    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(style_sheet())
    with tempfile.TemporaryDirectory(prefix="kapdesk-music-shots-") as folder:
        scratch = Path(folder)
        practice = create_practice(scratch / "practice", PASSPHRASE)
        try:
            clock = FakeClock()
            services = open_services(practice, clock)
            wired = build_main_window(services, demo=False)
            wired.window.resize(1280, 800)
            library_shots(wired, services, out, scratch)
            room_shot(wired, services, clock, out, "room-music-strip.png")
            no_sound_shot(wired, clock, out)
            wired.music.controller.close()
            wired.window.close()
        finally:
            practice.close()


if __name__ == "__main__":
    main()
