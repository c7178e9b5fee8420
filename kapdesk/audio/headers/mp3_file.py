"""An MP3 file's length and tags.

Tags: ID3v2 at the start, ID3v1 at the end filling what v2 lacks.
Length: the first MPEG audio frame is found (a frame header whose next two
frames follow where its length says, so stray 0xFF bytes are not taken for
one). An encoder's Xing/Info header in that frame gives the frame count, and
a LAME-style tag after it the encoder delay and padding, which are not sound;
failing that, a Fraunhofer VBRI header gives the count; failing that, the file
is constant-bitrate and its length is its audio bytes over the bitrate.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO

from kapdesk.audio.headers import id3
from kapdesk.audio.headers.model import HeaderError, TrackHeader

#: How far past the tags the first frame is looked for.
SYNC_WINDOW = 128 * 1024
MPEG1, MPEG2, MPEG25 = 3, 2, 0
BITRATES_KBPS = {  # (MPEG-1?, layer) -> by index 1..14
    (True, 1): (32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 3): (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
SAMPLE_RATES = {MPEG1: (44100, 48000, 32000), MPEG2: (22050, 24000, 16000),
                MPEG25: (11025, 12000, 8000)}
LAME_TAGS = (b"LAME", b"Lavc", b"Lavf", b"GOGO", b"L3.9")


@dataclass(frozen=True)
class FrameHeader:
    version: int
    layer: int
    bitrate: int  # bits per second
    sample_rate: int
    padding: int
    mono: bool

    @property
    def samples(self) -> int:
        if self.layer == 1:
            return 384
        return 1152 if self.version == MPEG1 or self.layer == 2 else 576

    @property
    def length(self) -> int:
        """Bytes in this frame, header included."""
        if self.layer == 1:
            return (12 * self.bitrate // self.sample_rate + self.padding) * 4
        return self.samples // 8 * self.bitrate // self.sample_rate + self.padding

    @property
    def xing_offset(self) -> int:
        """Where a Xing/Info header sits, from the frame's start."""
        if self.version == MPEG1:
            return 4 + (17 if self.mono else 32)
        return 4 + (9 if self.mono else 17)


def parse_frame_header(raw: bytes) -> FrameHeader | None:
    if len(raw) < 4 or raw[0] != 0xFF or raw[1] & 0xE0 != 0xE0:
        return None
    version, layer_bits = (raw[1] >> 3) & 3, (raw[1] >> 1) & 3
    rate_index, bitrate_index = (raw[2] >> 2) & 3, raw[2] >> 4
    if version == 1 or layer_bits == 0 or rate_index == 3 or bitrate_index in (0, 15):
        return None  # reserved, or free-format (whose length cannot be told)
    layer = 4 - layer_bits
    kbps = BITRATES_KBPS[(version == MPEG1, layer)][bitrate_index - 1]
    return FrameHeader(version, layer, kbps * 1000, SAMPLE_RATES[version][rate_index],
                       (raw[2] >> 1) & 1, raw[3] >> 6 == 3)


def find_first_frame(data: bytes, data_is_whole_rest: bool) -> tuple[int, FrameHeader]:
    """(offset in `data`, header) of the first frame followed by two more of
    the same kind (or by the end of the file)."""
    at = data.find(b"\xff")
    while at >= 0:
        first = parse_frame_header(data[at:at + 4])
        if first is not None and _followed(data, at, first, data_is_whole_rest):
            return at, first
        at = data.find(b"\xff", at + 1)
    raise HeaderError("no MPEG audio frame")


def _followed(data: bytes, at: int, first: FrameHeader, whole: bool) -> bool:
    here = at
    frame = first
    for _ in range(2):
        here += frame.length
        if here + 4 > len(data):
            return whole and here == len(data)  # the file ends on a frame's end
        frame = parse_frame_header(data[here:here + 4])
        if frame is None or (frame.version, frame.layer, frame.sample_rate) != (
                first.version, first.layer, first.sample_rate):
            return False
    return True


def read_mp3(file: BinaryIO) -> TrackHeader:
    start = id3.skip_v2_tags(file, 0)
    tags = id3.read_v2(file, 0)
    size = file.seek(0, 2)
    audio_end = size - 128 if id3.has_v1(file) else size
    file.seek(start)
    window = file.read(min(SYNC_WINDOW, max(0, audio_end - start)))
    at, frame = find_first_frame(window, start + len(window) >= audio_end)
    duration = _vbr_length(window[at:at + frame.length], frame)
    if duration is None:
        duration = (audio_end - start - at) * 8 / frame.bitrate
    return TrackHeader.from_tags(duration, tags, id3.read_v1(file))


def _vbr_length(first: bytes, frame: FrameHeader) -> float | None:
    """Seconds from a Xing/Info or VBRI header in the first frame, or None."""
    x = frame.xing_offset
    if first[x:x + 4] in (b"Xing", b"Info") and len(first) >= x + 8:
        (flags,) = struct.unpack_from(">I", first, x + 4)
        if not flags & 0x1:
            return None
        (frames,) = struct.unpack_from(">I", first, x + 8)
        samples = frames * frame.samples
        lame = x + 8 + 4 * bin(flags & 0x3).count("1") + (100 if flags & 0x4 else 0) + (
            4 if flags & 0x8 else 0)
        if first[lame:lame + 4] in LAME_TAGS and len(first) >= lame + 24:
            delays = int.from_bytes(first[lame + 21:lame + 24], "big")
            samples -= (delays >> 12) + (delays & 0xFFF)  # encoder delay, padding
        return max(0, samples) / frame.sample_rate
    if first[36:40] == b"VBRI" and len(first) >= 54:
        (frames,) = struct.unpack_from(">I", first, 50)
        return frames * frame.samples / frame.sample_rate
    return None
