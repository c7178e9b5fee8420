"""Small readers for the headers of the music files the library lists.

Each reader takes what a folder scan needs - the length a file states and its
title, artist and album - from the file's header and tags alone, without
decoding sound: Ogg (Vorbis, Opus, FLAC in Ogg), FLAC, WAV (RIFF and RF64) and
MP3 (ID3v2/ID3v1 tags; the length from a Xing/Info or VBRI header, else the
bitrate). They are KAPDesk's own code, written from the formats' public
specifications, so the app ships no GPL tag library.

`read_header(path)` picks the reader by the file's first bytes and raises
`HeaderError` for anything it cannot make sense of.
"""

from kapdesk.audio.headers.track_header import HeaderError, TrackHeader, read_header

__all__ = ["HeaderError", "TrackHeader", "read_header"]
