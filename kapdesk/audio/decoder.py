"""Streaming decode of one music file into the mixer's format, a chunk at a time.

A 90-minute track decoded whole would be about 950 MB at 44.1 kHz stereo; read
in one-second chunks, a playing track holds a few hundred KB. libsndfile (via
`soundfile`) reads WAV, FLAC, OGG Vorbis and, from libsndfile 1.1 on, MP3; the
wheels `soundfile` ships carry such a build. Where the local build lacks MP3,
MP3 tracks fail with a plain message and the playlist moves on (we do not fall
back to pygame.mixer.music: it cannot crossfade and would need a second
playback path to maintain).

Every problem a file can have becomes a `DecodeError` with a sentence a
therapist can read; the library's own words go in `detail` for the log.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
import soundfile

from kapdesk.audio.completeness import OGG_SUFFIXES, cut_short_message, ogg_is_cut
from kapdesk.audio.output import OutputFormat
from kapdesk.audio.resample import LinearResampler, to_channels

#: Seconds of audio per decoded chunk. Longer survives a stalled GUI thread
#: better (the mixer always holds one chunk playing and one queued); shorter
#: holds less memory. One second keeps each deck near 350 KB.
CHUNK_S = 1.0
#: Names of the files the app offers to play (the library scans for these).
MUSIC_SUFFIXES = frozenset({".ogg", ".oga", ".mp3", ".flac", ".wav"})
#: A file that stops this much earlier than its header promised is reported.
EARLY_END_TOLERANCE_S = 0.5

MISSING = "The file is missing."
EMPTY = "The file is empty."
FOLDER = "This is a folder, not a music file."
NO_ACCESS = "KAPDesk is not allowed to read this file."
UNKNOWN_FORMAT = "This file is not a kind of music file KAPDesk can play."
DAMAGED = "The file is damaged or incomplete and cannot be played."
NO_SOUND = "The file has no sound in it; it may be incomplete."
NO_MP3 = "MP3 files cannot be played on this computer."
BROKE_OFF = "The file is damaged part-way through; the music moved on."
ENDED_EARLY = cut_short_message()


class DecodeError(Exception):
    """A file cannot be played (further). `message` is for people."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


def mp3_supported() -> bool:
    return "MP3" in soundfile.available_formats()


def open_sound_file(path: Path) -> soundfile.SoundFile:
    """Open for reading, or raise DecodeError saying plainly why not."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DecodeError(MISSING) from None
    except OSError as exc:
        raise DecodeError(NO_ACCESS, str(exc)) from None
    if path.is_dir():
        raise DecodeError(FOLDER)
    if size == 0:
        raise DecodeError(EMPTY)
    if not os.access(path, os.R_OK):
        raise DecodeError(NO_ACCESS)
    if path.suffix.lower() == ".mp3" and not mp3_supported():
        raise DecodeError(NO_MP3)
    try:
        return soundfile.SoundFile(str(path))
    except Exception as exc:  # any failure to open a file we did not make is the file's
        # A .flac libsndfile does not recognise is a damaged FLAC, not a new format.
        message = DAMAGED if path.suffix.lower() in MUSIC_SUFFIXES else UNKNOWN_FORMAT
        raise DecodeError(message, str(exc)) from None


class StreamDecoder:
    """Decodes `path` chunk by chunk as float32 (frames, channels) in `fmt`."""

    def __init__(self, path: str | Path, fmt: OutputFormat, chunk_s: float = CHUNK_S) -> None:
        self.path = Path(path)
        self._fmt = fmt
        self._file: soundfile.SoundFile | None = open_sound_file(self.path)
        src_rate = self._file.samplerate
        # Planned length in output frames; the file may turn out shorter.
        self.total_frames = math.floor(self._file.frames * fmt.rate / src_rate)
        if self.total_frames <= 0:
            self.close()
            raise DecodeError(NO_SOUND)
        self._read_frames = max(1, round(chunk_s * src_rate))
        self._resampler = LinearResampler(src_rate, fmt.rate)
        self.produced_frames = 0
        self.ended_early = False
        # An Ogg file states no length: libsndfile counts what is there, so a
        # cut one would "finish" on time. Its missing end-of-stream mark is
        # the sign, read once here (the file's last few KB).
        self._cut = self.path.suffix.lower() in OGG_SUFFIXES and _ogg_cut(self.path)

    def read(self) -> np.ndarray | None:
        """The next chunk, or None at the end. Raises DecodeError mid-file."""
        while self._file is not None:
            if self.produced_frames >= self.total_frames:
                self.ended_early = self._cut
                break
            block = self._read_block()
            if len(block) == 0:
                missing = self.total_frames - self.produced_frames
                self.ended_early = self._cut or missing > EARLY_END_TOLERANCE_S * self._fmt.rate
                break
            out = to_channels(self._resampler.process(block), self._fmt.channels)
            out = out[: self.total_frames - self.produced_frames]
            if len(out):
                self.produced_frames += len(out)
                return out
        self.close()
        return None

    def _read_block(self) -> np.ndarray:
        assert self._file is not None
        try:
            return self._file.read(self._read_frames, dtype="float32", always_2d=True)
        except Exception as exc:  # a damaged file can fail in many ways mid-read
            self.close()
            raise DecodeError(BROKE_OFF, str(exc)) from None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _ogg_cut(path: Path) -> bool:
    try:
        return ogg_is_cut(path)
    except Exception:  # noqa: BLE001 - libsndfile read it; play it as it is
        return False
