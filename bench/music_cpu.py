"""Music CPU benchmark: the app playing a bundled track in a running session
against a bare PySide6 window playing the same file with pygame.mixer.music.

Both run as child processes, one after the other, offscreen, on SDL's dummy
audio driver (which consumes sound in real time, like a sound card):

* app (bench/music_cpu_app.py): a new encrypted practice, the app's own main
  window, a KAP session started and dosed and moved on to the journey, whose
  slot plays the longest bundled track; the room view on screen ticking once
  a second, the MusicController streaming through the real player;
* bare (bench/music_cpu_bare.py): a QLabel updated once a second while
  pygame.mixer.music plays the same file.

Each child lets things settle (--warmup seconds), then measures its own CPU
time (user + system, all threads: /proc via time.process_time) over
--seconds of playing. The parent also reads each child's whole-run CPU and
peak RSS with wait4. Prints app_cpu_s, bare_cpu_s (the measured window),
the whole-run figures, peak_rss_mib (the app, playing the longest bundled
track) and last music_cpu_ratio (app / bare over the window).
Usage: python bench/music_cpu.py [--seconds 60] [--warmup 10]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, emit, offscreen_env, python, run_child, value_from  # noqa: E402

sys.path.insert(0, str(ROOT))


def longest_bundled_track() -> Path:
    import soundfile

    from kapdesk.assets import music_dir

    files = sorted(music_dir().glob("*.ogg"))
    return max(files, key=lambda path: soundfile.info(str(path)).duration)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    args = parser.parse_args()
    track = longest_bundled_track()
    timing = ["--seconds", str(args.seconds), "--warmup", str(args.warmup), "--track", str(track)]
    env = offscreen_env()
    app = run_child([python(), str(ROOT / "bench" / "music_cpu_app.py"), *timing], env)
    bare = run_child([python(), str(ROOT / "bench" / "music_cpu_bare.py"), *timing], env)
    app_cpu = value_from(app.stdout, "window_cpu_s")
    bare_cpu = value_from(bare.stdout, "window_cpu_s")
    print(f"track={track.name}", flush=True)
    emit("seconds", args.seconds, 1)
    emit("app_cpu_s", app_cpu)
    emit("bare_cpu_s", bare_cpu)
    emit("app_total_cpu_s", app.cpu_s)
    emit("bare_total_cpu_s", bare.cpu_s)
    emit("app_played_s", value_from(app.stdout, "played_s"), 1)
    emit("bare_peak_rss_mib", bare.peak_rss_mib, 1)
    emit("peak_rss_mib", app.peak_rss_mib, 1)
    emit("music_cpu_ratio", app_cpu / bare_cpu, 2)


if __name__ == "__main__":
    main()
