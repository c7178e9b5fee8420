"""The app side of bench/music_cpu.py: the app's own window with a session
in the journey phase, the journey slot playing --track (one track, so the
whole run is that track), the room view on screen. Prints window_cpu_s (this
process's CPU over --seconds, after --warmup), played_s and the player's
peak of decoded audio held."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402

from _common import open_app_window  # noqa: E402
from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL  # noqa: E402
from kapdesk.core.clients import ClientDraft  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--seconds", type=float, required=True)
parser.add_argument("--warmup", type=float, required=True)
parser.add_argument("--track", required=True)
args = parser.parse_args()

folder = tempfile.TemporaryDirectory(prefix="kapdesk-bench-music-")
app, practice, services, wired = open_app_window(Path(folder.name) / "practice",
                                                 "bench-passphrase-1")

# The journey plays the one track; the dose phase is silent, so nothing else sounds.
store = wired.music.store
track_id = next(t.id for t in store.tracks() if t.path.name == Path(args.track).name)
playlist_id = store.create_playlist("Bench: one long track")
store.set_items(playlist_id, [track_id])
slots = store.slots()
store.set_slot(replace(slots["journey"], playlist_id=playlist_id))
store.set_slot(replace(slots["dissolve"], playlist_id=None))

client = services.clients.add(ClientDraft("Bench client"))
view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
for box in view.pre_dose.checkboxes.values():  # the set-and-setting checklist
    box.setChecked(True)
view.pre_dose.go_on_anyway()  # no course of care recorded: the dose needs a reason
view.pre_dose.override_edit.setText("A bench run, no client in the room")
view.pre_dose.record_dose()  # into the room, the dose phase
view.controller.skip_phase()  # the journey: the track fades in
assert wired.music.controller.now_playing, "nothing is playing"
marks: dict[str, float] = {}


def mark(name: str) -> None:
    marks[name] = time.process_time()
    if name == "end":
        player = wired.music.controller.player
        print(f"window_cpu_s={marks['end'] - marks['start']:.4f}", flush=True)
        print(f"played_s={player.position_s:.1f}", flush=True)
        print(f"peak_decoded_mib={getattr(player, 'peak_decoded_bytes', 0) / 2**20:.1f}",
              flush=True)
        print(f"track_events={len([e for e in view.controller.runner.events if e.kind.value.startswith('track')])}",
              flush=True)
        wired.music.controller.close()
        app.exit(0)  # quit would ask the session's window, which refuses to close


QTimer.singleShot(round(args.warmup * 1000), lambda: mark("start"))
QTimer.singleShot(round((args.warmup + args.seconds) * 1000), lambda: mark("end"))
app.exec()
practice.close()
folder.cleanup()
