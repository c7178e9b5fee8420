"""The bundled tracks in assets/music/ are calm, complete and reproducible.

The committed OGG files are each decoded once, block by block, into a profile (peak
sample and the power of every 10 ms slice, both channels), and every level rule is
checked on those profiles (definitions in tools/music_synth/analysis.py):

- no clipping: the largest decoded sample of either channel is below -1 dBFS;
- no sudden transients: no 50 ms window (stepped by 10 ms) has an RMS more than 6 dB
  above the RMS of the 2 s centred on it;
- even loudness: each track's body RMS, taken over both channels and all samples
  except the first and last 10 s (8 s fades plus a margin), is within 1 dB of every
  other track's;
- fades: the first and the last 0.5 s are each at least 30 dB below the body RMS.

Generation is not rerun (it takes minutes); its determinism is checked on short
excerpts made with the generator's own rendering function.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tools.music_synth import analysis
from tools.music_synth.render import render_excerpt
from tools.music_synth.tracks import TRACKS

MUSIC_DIR = Path(__file__).resolve().parents[2] / "assets" / "music"
PHASES = {"check-in", "dissolve", "journey", "return"}
MAX_PEAK_DBFS = -1.0
MAX_TRANSIENT_DB = 6.0
MAX_LOUDNESS_SPREAD_DB = 1.0
MIN_FADE_DEPTH_DB = 30.0
MAX_TOTAL_BYTES = 40_000_000


@pytest.fixture(scope="module")
def catalog() -> list[dict]:
    return json.loads((MUSIC_DIR / "catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def profiles(catalog: list[dict]) -> dict[str, analysis.Profile]:
    """Each catalogued file decoded once; shared by the level tests (a few seconds)."""
    return {entry["file"]: analysis.profile(MUSIC_DIR / entry["file"]) for entry in catalog}


def test_catalog_describes_every_bundled_file(catalog: list[dict]) -> None:
    assert len(catalog) >= 5
    assert {entry["file"] for entry in catalog} == {path.name for path in MUSIC_DIR.glob("*.ogg")}
    assert len({entry["title"] for entry in catalog}) == len(catalog)
    for entry in catalog:
        assert set(entry) == {"file", "title", "duration_s", "mood", "suggested_phase"}
        assert entry["suggested_phase"] in PHASES
        assert isinstance(entry["duration_s"], float) and entry["mood"]


def test_catalog_matches_the_generator(catalog: list[dict]) -> None:
    expected = [(spec.file, spec.title, spec.duration_s, spec.suggested_phase) for spec in TRACKS]
    found = [(e["file"], e["title"], e["duration_s"], e["suggested_phase"]) for e in catalog]
    assert found == expected


def test_durations_and_format_match_the_catalog(catalog: list[dict]) -> None:
    for entry in catalog:
        info = sf.info(str(MUSIC_DIR / entry["file"]))
        assert (info.format, info.subtype, info.samplerate, info.channels) == ("OGG", "VORBIS", 44100, 2)
        assert info.frames / info.samplerate == pytest.approx(entry["duration_s"], abs=0.05)


def test_at_least_forty_minutes_covering_the_session_arc(catalog: list[dict]) -> None:
    assert sum(entry["duration_s"] for entry in catalog) >= 40 * 60
    assert {entry["suggested_phase"] for entry in catalog} >= {"dissolve", "journey", "return"}


def test_total_size_within_budget() -> None:
    assert sum(path.stat().st_size for path in MUSIC_DIR.iterdir()) <= MAX_TOTAL_BYTES


def test_no_clipping(profiles: dict[str, analysis.Profile]) -> None:
    peaks = {name: analysis.peak_dbfs(prof) for name, prof in profiles.items()}
    assert max(peaks.values()) < MAX_PEAK_DBFS, peaks


def test_no_sudden_transients(profiles: dict[str, analysis.Profile]) -> None:
    worst = {name: float(analysis.transient_excess_db(prof).max()) for name, prof in profiles.items()}
    assert max(worst.values()) <= MAX_TRANSIENT_DB, worst


def test_tracks_are_equally_loud(profiles: dict[str, analysis.Profile]) -> None:
    loudness = {name: analysis.body_rms_dbfs(prof) for name, prof in profiles.items()}
    assert max(loudness.values()) - min(loudness.values()) <= MAX_LOUDNESS_SPREAD_DB, loudness


def test_every_track_fades_in_and_out(profiles: dict[str, analysis.Profile]) -> None:
    for name, prof in profiles.items():
        body = analysis.body_rms_dbfs(prof)
        first, last = analysis.edge_rms_dbfs(prof)
        assert body - first >= MIN_FADE_DEPTH_DB, (name, "start", first, body)
        assert body - last >= MIN_FADE_DEPTH_DB, (name, "end", last, body)


def test_credits_name_the_generator_and_every_track(catalog: list[dict]) -> None:
    credits = (MUSIC_DIR / "CREDITS").read_text(encoding="utf-8")
    assert "tools/generate_music.py" in credits and "free to use" in credits
    for entry in catalog:
        assert entry["file"] in credits and entry["title"] in credits


@pytest.mark.parametrize("spec", TRACKS, ids=lambda spec: spec.title)
def test_generation_is_deterministic(spec) -> None:
    first = render_excerpt(spec, 61.0, 0.5)
    assert np.array_equal(first, render_excerpt(spec, 61.0, 0.5))
    assert not np.array_equal(first, render_excerpt(spec, 61.0, 0.5, seed=spec.seed + 1))
    assert np.abs(first).max() > 0.0


def test_blocks_join_without_seams() -> None:
    """Rendering in blocks gives exactly the samples of one longer render."""
    spec = TRACKS[0]
    whole = render_excerpt(spec, 30.0, 1.0)
    halves = np.concatenate([render_excerpt(spec, 30.0, 0.5), render_excerpt(spec, 30.5, 0.5)])
    assert np.array_equal(whole, halves)


def write_tone(path: Path, seconds: float, amplitude: float, burst_at_s: float | None = None) -> Path:
    """A steady stereo sine, optionally with a 20 ms burst at four times the amplitude."""
    rate = 44100
    tone = amplitude * np.sin(2 * np.pi * 220.0 * np.arange(round(seconds * rate)) / rate)
    if burst_at_s is not None:
        start = round(burst_at_s * rate)
        tone[start:start + round(0.02 * rate)] *= 4.0
    sf.write(str(path), np.stack([tone, tone], axis=1), rate, subtype="FLOAT")
    return path


def test_the_measurements_see_what_they_should(tmp_path: Path) -> None:
    """The level rules above would catch a click, and read a plain tone correctly."""
    steady = analysis.profile(write_tone(tmp_path / "steady.wav", 30.0, 0.5))
    clicked = analysis.profile(write_tone(tmp_path / "click.wav", 30.0, 0.5, burst_at_s=15.0))
    assert analysis.body_rms_dbfs(steady) == pytest.approx(20 * np.log10(0.5 / np.sqrt(2)), abs=0.01)
    assert analysis.peak_dbfs(steady) == pytest.approx(20 * np.log10(0.5), abs=0.01)
    assert analysis.transient_excess_db(steady).max() < 0.1
    assert analysis.transient_excess_db(clicked).max() > MAX_TRANSIENT_DB
