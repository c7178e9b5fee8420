"""Chunked decoding into the mixer's format (kapdesk.audio.decoder, .resample)."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile

from kapdesk.audio import library
from kapdesk.audio.decoder import MUSIC_SUFFIXES, StreamDecoder
from kapdesk.audio.output import OutputFormat
from kapdesk.audio.resample import LinearResampler, to_channels, to_int16
from tests.helpers.audio_files import write_tone

CD = OutputFormat(44100, 2)


def decode_all(decoder: StreamDecoder) -> np.ndarray:
    blocks = []
    while (block := decoder.read()) is not None:
        blocks.append(block)
    return np.concatenate(blocks)


def dominant_hz(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.argmax(spectrum) * rate / len(samples))


def test_chunked_resampling_is_seamless():
    rng = np.random.default_rng(3)
    signal = rng.standard_normal((10_000, 2)).astype(np.float32)
    whole = LinearResampler(48000, 44100).process(signal)
    chunked_resampler = LinearResampler(48000, 44100)
    sizes = [1, 999, 4000, 17, 4983]
    starts = np.cumsum([0] + sizes[:-1])
    chunked = np.concatenate([chunked_resampler.process(signal[s : s + n]) for s, n in zip(starts, sizes)])
    assert len(chunked) == len(whole)
    assert np.allclose(chunked, whole, atol=1e-6)


def test_resampling_keeps_pitch_and_length(tmp_path):
    path = write_tone(tmp_path / "t48.wav", 3.0, freq=1000.0, rate=48000)
    out = decode_all(StreamDecoder(path, CD))
    assert abs(len(out) - 3 * 44100) <= 1
    assert dominant_hz(out[:, 0], 44100) == pytest.approx(1000.0, abs=2.0)


def test_channel_layouts_become_the_mixer_layout():
    mono = np.arange(4, dtype=np.float32)[:, None]
    assert np.array_equal(to_channels(mono, 2), np.repeat(mono, 2, axis=1))
    surround = np.tile(np.arange(6, dtype=np.float32), (3, 1))
    assert np.array_equal(to_channels(surround, 2)[0], [0.0, 1.0])
    assert to_channels(np.ones((3, 2), np.float32), 1).shape == (3, 1)


def test_int16_conversion_clips_instead_of_wrapping():
    out = to_int16(np.array([[2.0, -2.0], [0.5, 0.0]], dtype=np.float32))
    assert out.dtype == np.int16 and out.flags.c_contiguous
    assert out.tolist() == [[32767, -32768], [16383, 0]]


@pytest.mark.parametrize("suffix", [".wav", ".flac", ".ogg", ".mp3"])
def test_each_format_decodes_to_the_mixer_format(tmp_path, suffix):
    if suffix == ".mp3" and "MP3" not in soundfile.available_formats():
        pytest.skip("this libsndfile has no MP3")
    path = write_tone(tmp_path / f"tone{suffix}", 2.5, freq=440.0, amplitude=0.3, rate=44100, channels=1)
    decoder = StreamDecoder(path, CD, chunk_s=0.5)
    first = decoder.read()
    assert first is not None and first.shape == (22050, 2) and first.dtype == np.float32
    out = np.concatenate([first, decode_all(decoder)])
    assert abs(len(out) - 2.5 * 44100) < 0.05 * 44100
    assert np.sqrt(np.mean(out[4410:-4410, 0] ** 2)) == pytest.approx(0.3 / np.sqrt(2), rel=0.1)
    assert dominant_hz(out[:44100, 0], 44100) == pytest.approx(440.0, abs=2.0)


def test_the_decoder_reads_only_a_chunk_at_a_time(tmp_path):
    path = write_tone(tmp_path / "long.flac", 30.0, rate=44100)
    decoder = StreamDecoder(path, CD, chunk_s=1.0)
    assert decoder.total_frames == 30 * 44100
    assert len(decoder.read()) == 44100 and decoder.produced_frames == 44100
    decoder.close()
    assert decoder.read() is None


def test_the_library_scans_for_what_the_decoder_plays():
    assert library.MUSIC_SUFFIXES == MUSIC_SUFFIXES
