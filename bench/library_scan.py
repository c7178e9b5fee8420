"""How long a folder scan of the music library takes: ~200 generated tracks.

Writes 50 tracks of each format the library reads (OGG Vorbis, FLAC, WAV, MP3;
30 s stereo, tagged) into a folder once, then times `scan_folder` over it five
times and prints the median, interleaved with a baseline: opening every file
and reading its first and last 64 KB (about what any header reader touches),
so a busy machine shows in both figures. The folder is kept under --folder so a second run
(e.g. on another branch, for a before/after) times the very same files.

    .venv/bin/python bench/library_scan.py [--folder DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kapdesk.audio.library import scan_folder  # noqa: E402
from tests.helpers.audio_files import write_tone  # noqa: E402

PER_FORMAT = 50
SECONDS = 30.0
SUFFIXES = (".ogg", ".flac", ".wav", ".mp3")


def build(folder: Path) -> list[Path]:
    paths = []
    for suffix in SUFFIXES:
        for index in range(PER_FORMAT):
            path = folder / suffix[1:] / f"track{index:03d}{suffix}"
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                write_tone(path, SECONDS, freq=220.0 + index, title=f"Track {index}",
                           artist="KAPDesk", album=suffix[1:].upper())
            paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "kapdesk-scan-bench")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = build(args.folder)
    times, baseline = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        for path in files:
            with path.open("rb") as file:
                file.read(65536)
                file.seek(-65536, 2)
                file.read()
        baseline.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = scan_folder(args.folder)
        times.append(time.perf_counter() - start)
    assert len(result.tracks) == len(files), result.problems[:3]
    scan_s = statistics.median(times)
    print(f"files={len(files)}")
    print(f"megabytes={sum(p.stat().st_size for p in files) / 1e6:.1f}")
    print(f"baseline_read_s={statistics.median(baseline):.3f}")
    print(f"per_file_ms={1000 * scan_s / len(files):.2f}")
    print(f"scan_s={scan_s:.3f}")


if __name__ == "__main__":
    main()
