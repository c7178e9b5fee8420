"""Does a music file hold all the sound it says it holds?

A download cut short still opens and plays its first part, then stops; if
nothing checks, the library lists it at the length its header states and the
session's log says it "finished". Two signs give such a file away, both read
from the file's ends, without decoding it:

* an Ogg stream (Vorbis, Opus, FLAC in Ogg) ends with a page marked "end of
  stream"; a cut file's last page lacks that mark. Its length, read from the
  last page there is, is only what survived, so the mark is the only sign.
* other formats state their length in a header (a WAV's data size, a FLAC's
  sample count, an MP3's frame count). For a WAV libsndfile counts the frames
  really there, so a file whose frames fall well short of the stated length
  was cut; FLAC and MP3 readers believe the header, so the reader is sent to
  the last second the header promises: a cut file has nothing there.

`missing_sound(path)` says, in words, what is wrong, or None for a whole file.
It reads headers only: cheap enough for a folder scan and for the start of
each track.
"""

from __future__ import annotations

from pathlib import Path

from kapdesk.audio.headers import read_header
from kapdesk.audio.headers.ogg_pages import first_page, last_page

#: A file that stops this much earlier than its header promised is damaged
#: (decoder delay and padding differ between readers by far less).
TOLERANCE_S = 0.5
OGG_SUFFIXES = frozenset({".ogg", ".oga", ".opus"})


def cut_short_message(real_s: float | None = None, stated_s: float | None = None) -> str:
    """The words for a file that ends before it should, with its lengths when known."""
    if real_s is not None and stated_s is not None:
        return (f"The file is damaged: it stops after {_clock(real_s)} of its "
                f"{_clock(stated_s)}; it may be an incomplete download.")
    return "The file is damaged: it stops before its end; it may be an incomplete download."


def missing_sound(path: Path, stated_s: float | None = None) -> str | None:
    """Why `path` holds less sound than it states, or None if it is whole (or
    cannot be judged: a file that cannot be read fails elsewhere, in words).
    `stated_s` is the length its header states, if the caller has read it."""
    try:
        if path.suffix.lower() in OGG_SUFFIXES:
            return cut_short_message() if ogg_is_cut(path) else None
        stated = stated_s if stated_s is not None else _stated_length(path)
        real, has_its_end = _real_length(path)
    except Exception:  # noqa: BLE001 - judged by the reader that opens it next
        return None
    if stated is not None and real is not None and real < stated - TOLERANCE_S:
        return cut_short_message(real, stated)
    return None if has_its_end else cut_short_message()


def ogg_is_cut(path: Path) -> bool:
    """True if an Ogg file's stream has no "end of stream" page. Raises for a
    file that is not Ogg at all (a reader reports that in its own words)."""
    with path.open("rb") as file:
        last = last_page(file, first_page(file).serial)
    return last is None or not last.last


def _stated_length(path: Path) -> float | None:
    return read_header(path).duration_s or None


def _real_length(path: Path) -> tuple[float | None, bool]:
    """(seconds libsndfile counts, whether its last promised second is there)."""
    import soundfile  # not at import: the package stays light (see __init__)

    with soundfile.SoundFile(str(path)) as file:
        if not file.samplerate or file.frames <= 0:
            return None, True
        tail = min(file.frames, file.samplerate)
        try:
            file.seek(file.frames - tail)
            found = len(file.read(tail // 2, dtype="int16"))
        except Exception:  # noqa: BLE001 - a reader that cannot get there found nothing
            found = 0
        return file.frames / file.samplerate, found > 0


def _clock(seconds: float) -> str:
    """"0.5 s", "42 s" under a minute and a half, else "3:05"."""
    if seconds < 90:
        return f"{seconds:.1f}".rstrip("0").rstrip(".") + " s"
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
