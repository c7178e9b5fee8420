"""Plot the bundled tracks so they can be checked by eye as well as by ear.

Run from the repository root (needs matplotlib, a developer-only extra):

    .venv/bin/python -m tools.plot_music

For each track in assets/music/ it writes docs/music/<track>.png with three panels:
a spectrogram (log frequency, one column per second) to see the harmony evolve and
the bells come and go; the long-term average spectrum to see where the energy sits;
and the RMS envelope per second with the worst transient excess per second against
the 6 dB limit, to see fades, swells and any strike that stands out.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import soundfile as sf

if __package__ in (None, ""):
    # Run as a plain script (python tools/plot_music.py): make `tools` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
from PIL import Image  # noqa: E402  (ships with matplotlib)

from tools.music_synth import analysis  # noqa: E402
from tools.music_synth.tracks import TRACKS, TrackSpec  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MUSIC_DIR = ROOT / "assets" / "music"
PLOT_DIR = ROOT / "docs" / "music"
FFT_SIZE = 8192
BANDS = np.geomspace(30.0, 12000.0, 97)  # edges of 96 log-spaced bands
TRANSIENT_LIMIT_DB = 6.0


def band_matrix(samplerate: int) -> np.ndarray:
    """(bands, bins) averaging matrix from FFT bins to log-spaced bands.

    The lowest bands are narrower than an FFT bin; each of those takes the bin
    nearest its centre instead of showing as an empty stripe.
    """
    freqs = np.fft.rfftfreq(FFT_SIZE, 1.0 / samplerate)
    members = (freqs[None, :] >= BANDS[:-1, None]) & (freqs[None, :] < BANDS[1:, None])
    for band in np.flatnonzero(~members.any(axis=1)):
        members[band, np.argmin(np.abs(freqs - np.sqrt(BANDS[band] * BANDS[band + 1])))] = True
    return members / members.sum(axis=1, keepdims=True)


def spectrogram(path: Path) -> np.ndarray:
    """Band powers in dB of one FFT frame at the start of every second: (bands, seconds)."""
    samplerate = sf.info(str(path)).samplerate
    to_bands, window = band_matrix(samplerate), np.hanning(FFT_SIZE)
    columns = []
    for block in analysis.decoded_blocks(path, seconds=1.0):
        if len(block) < FFT_SIZE:
            break
        spectrum = np.abs(np.fft.rfft(block[:FFT_SIZE].mean(axis=1) * window)) ** 2
        columns.append(to_bands @ spectrum)
    return 10.0 * np.log10(np.array(columns).T + 1e-12)


def draw(spec: TrackSpec, path: Path) -> plt.Figure:
    bands = spectrogram(path)
    fig = plt.figure(figsize=(8.0, 4.6), dpi=72, layout="constrained")
    grid = fig.add_gridspec(2, 3, height_ratios=(1.4, 1.0))
    draw_spectrogram(fig.add_subplot(grid[0, :]), bands)
    fig.axes[0].set_title(f"{spec.title} ({spec.suggested_phase}, {spec.mood})")
    draw_envelope(fig.add_subplot(grid[1, :2]), analysis.profile(path))
    spectrum = fig.add_subplot(grid[1, 2])
    centres = np.sqrt(BANDS[:-1] * BANDS[1:])
    spectrum.semilogx(centres, bands.mean(axis=1) - bands.mean(axis=1).max())
    spectrum.set(title="average spectrum", xlabel="Hz", ylabel="dB", ylim=(-70, 3))
    return fig


def draw_spectrogram(axes: plt.Axes, bands: np.ndarray) -> None:
    """Band powers over time, 70 dB of range below the loudest, on a log-frequency axis."""
    minutes = bands.shape[1] / 60.0
    axes.imshow(bands, origin="lower", aspect="auto", cmap="magma", vmin=bands.max() - 70,
                vmax=bands.max(), extent=(0, minutes, 0, len(BANDS) - 1))
    ticks = [50, 100, 200, 500, 1000, 2000, 5000, 10000]
    axes.set_yticks(np.interp(np.log(ticks), np.log(BANDS), np.arange(len(BANDS))),
                    [f"{tick:g}" for tick in ticks])
    axes.set_ylabel("Hz")


def draw_envelope(axes: plt.Axes, prof: analysis.Profile) -> None:
    """RMS per second, and the worst 50 ms transient excess per second against its limit."""
    rms = analysis.envelope_db(prof)
    excess = analysis.transient_excess_db(prof)
    per_second = prof.slices(1.0)
    worst = excess[:len(excess) // per_second * per_second].reshape(-1, per_second).max(axis=1)
    minutes = np.arange(len(rms)) / 60.0
    axes.plot(minutes, rms, lw=0.8, color="tab:blue")
    axes.set(xlabel="minutes", xlim=(0, minutes[-1]), ylim=(-60, -10))
    axes.set_ylabel("RMS per s (dBFS)", color="tab:blue")
    right = axes.twinx()
    right.plot(minutes[:len(worst)], worst, lw=0.5, color="tab:orange")
    right.axhline(TRANSIENT_LIMIT_DB, color="tab:red", lw=0.8, ls="--")
    right.set_ylim(-2, 2 * TRANSIENT_LIMIT_DB)
    right.set_ylabel("worst 50 ms excess (dB)", color="tab:orange")


def save_small(fig: plt.Figure, target: Path) -> None:
    """Save as a 64-colour PNG: a tenth of the size, and plenty for reading levels."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    buffer.seek(0)
    Image.open(buffer).convert("RGB").quantize(colors=64).save(target, optimize=True)


def main() -> None:
    PLOT_DIR.mkdir(parents=True, exist_ok=True)
    for spec in TRACKS:
        target = PLOT_DIR / Path(spec.file).with_suffix(".png").name
        save_small(draw(spec, MUSIC_DIR / spec.file), target)
        print(f"{target.relative_to(ROOT)}  {target.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
