"""A password-protected zip holding one file: WinZip's AES-256 encryption (AE-2).

Why this format: a CSV or JSON export is a plain file that a spreadsheet or a
script reads, and there is no encryption inside those formats. A zip with
WinZip's AES encryption is the one protected container the common tools open
with a password: 7-Zip (Windows), Keka, The Unarchiver or `7z` (macOS), `7z`
(Linux, p7zip or 7zip), and WinZip. (macOS's built-in Archive Utility and the
zip folders of Windows before 11 cannot; the older "ZipCrypto" they do open
is broken in minutes and is never written here.)

The format, as WinZip's AES specification (AE-1 and AE-2) gives it:
- the entry's compression method is 99, and an extra field 0x9901 (7 bytes:
  vendor version 2 = AE-2, vendor id "AE", strength 3 = AES-256, and the real
  compression method, 8 = deflate) says how it was encrypted and compressed;
- the keys come from PBKDF2-HMAC-SHA1 over the password (UTF-8) with a random
  16-byte salt and 1000 iterations: 66 bytes, the AES key (32), the HMAC key
  (32) and a 2-byte password verifier, in that order;
- the data are deflated, then encrypted with AES-256 in counter mode, the
  counter a little-endian number starting at 1 (not the usual big-endian one);
- the stored data are salt, verifier, ciphertext, and the first 10 bytes of
  an HMAC-SHA1 of the ciphertext (the authentication code);
- AE-2 stores a CRC of 0: the authentication code checks the data instead,
  and a CRC of the plain text would tell something of it;
- general-purpose flag bit 0 (encrypted) is set, bit 11 when the name is not
  ASCII (UTF-8 names); version needed to extract 5.1.

The file is written as it comes (deflated and encrypted chunk by chunk, so a
client's long record never sits whole in memory), into a seekable binary file
(an `atomic_writer`'s): the sizes are written into the entry's header once
known, then the central directory. Only the ciphertext ever reaches the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import io
import os
import struct
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from kapdesk.export import ExportError

SALT_BYTES = 16  # AES-256's salt length in the specification
KEY_BYTES = 32
VERIFIER_BYTES = 2
MAC_BYTES = 10
PBKDF2_ITERATIONS = 1000  # fixed by the format: every reader uses exactly this
METHOD_AES = 99
METHOD_DEFLATE = 8
VERSION_NEEDED = 51  # 5.1: AES encryption
VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED  # made on Unix: the external attributes are a mode
FILE_MODE = 0o100600  # a regular file only its owner reads, where the extracting tool honours it
FLAG_ENCRYPTED = 0x0001
FLAG_UTF8_NAME = 0x0800
ZIP32_LIMIT = 0xFFFFFFFF
AES_EXTRA = struct.pack("<HHH2sBH", 0x9901, 7, 2, b"AE", 3, METHOD_DEFLATE)
LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
CENTRAL_HEADER = struct.Struct("<IHHHHHHIIIHHHHHII")
END_OF_DIRECTORY = struct.Struct("<IHHHHIIH")
SIZES_AT = 18  # where the compressed and uncompressed sizes stand in the local header


def derive_keys(password: str, salt: bytes) -> tuple[bytes, bytes, bytes]:
    """(AES key, HMAC key, password verifier) for this password and salt."""
    material = hashlib.pbkdf2_hmac("sha1", password.encode("utf-8"), salt, PBKDF2_ITERATIONS,
                                   2 * KEY_BYTES + VERIFIER_BYTES)
    return material[:KEY_BYTES], material[KEY_BYTES:2 * KEY_BYTES], material[2 * KEY_BYTES:]


def ctr_cipher(key: bytes):  # noqa: ANN201 - pycryptodome's CtrMode
    """AES in counter mode as WinZip counts: little-endian, from 1."""
    from Crypto.Cipher import AES
    from Crypto.Util import Counter

    return AES.new(key, AES.MODE_CTR, counter=Counter.new(128, little_endian=True, initial_value=1))


class ProtectedMember(io.BufferedIOBase):
    """The one file inside the zip, written as a binary stream; `finish` closes the zip."""

    def __init__(self, out: BinaryIO, name: str, password: str, modified: dt.datetime,
                 salt: bytes | None = None) -> None:
        super().__init__()
        self._out, self._name = out, name.encode("utf-8")
        self._flags = FLAG_ENCRYPTED | (0 if name.isascii() else FLAG_UTF8_NAME)
        self._time, self._date = _dos_time(modified)
        salt = os.urandom(SALT_BYTES) if salt is None else salt
        aes_key, mac_key, verifier = derive_keys(password, salt)
        self._cipher = ctr_cipher(aes_key)
        self._mac = hmac.new(mac_key, digestmod=hashlib.sha1)
        self._deflate = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        self._plain_size = 0
        self._stored_size = SALT_BYTES + VERIFIER_BYTES
        self._start = out.tell()
        out.write(self._local_header(0, 0))
        out.write(salt + verifier)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # noqa: ANN001 - any bytes-like object
        if self.closed:
            raise ValueError("write to a finished protected zip")
        view = memoryview(data).cast("B")
        self._plain_size += len(view)
        self._emit(self._deflate.compress(view))
        return len(view)

    def finish(self) -> None:
        """Write the authentication code, the sizes and the central directory."""
        self._emit(self._deflate.flush())
        self._out.write(self._mac.digest()[:MAC_BYTES])
        self._stored_size += MAC_BYTES
        if max(self._stored_size, self._plain_size) > ZIP32_LIMIT:
            raise ExportError("The export is too large (over 4 GB) to protect in a zip.")
        end = self._out.tell()
        self._out.seek(self._start + SIZES_AT)
        self._out.write(struct.pack("<II", self._stored_size, self._plain_size))
        self._out.seek(end)
        directory = CENTRAL_HEADER.pack(
            0x02014B50, VERSION_MADE_BY, VERSION_NEEDED, self._flags, METHOD_AES, self._time,
            self._date, 0, self._stored_size, self._plain_size, len(self._name), len(AES_EXTRA),
            0, 0, 0, FILE_MODE << 16, self._start) + self._name + AES_EXTRA
        self._out.write(directory)
        self._out.write(END_OF_DIRECTORY.pack(0x06054B50, 0, 0, 1, 1, len(directory), end, 0))
        self.close()

    def _emit(self, compressed: bytes) -> None:
        if compressed:
            encrypted = self._cipher.encrypt(compressed)
            self._mac.update(encrypted)
            self._out.write(encrypted)
            self._stored_size += len(encrypted)

    def _local_header(self, stored: int, plain: int) -> bytes:
        return LOCAL_HEADER.pack(0x04034B50, VERSION_NEEDED, self._flags, METHOD_AES, self._time,
                                 self._date, 0, stored, plain, len(self._name),
                                 len(AES_EXTRA)) + self._name + AES_EXTRA


@contextlib.contextmanager
def protected_zip(out: BinaryIO, name: str, password: str,
                  modified: dt.datetime) -> Iterator[ProtectedMember]:
    """Yield the member `name` to write into; the zip is finished only on a clean exit
    (an export that fails or is cancelled leaves an unfinished file that its
    atomic writer throws away)."""
    member = ProtectedMember(out, name, password, modified)
    yield member
    member.finish()


def _dos_time(moment: dt.datetime) -> tuple[int, int]:
    """MS-DOS time and date, as zip headers keep them (local time, two-second steps)."""
    moment = max(moment.replace(tzinfo=None), dt.datetime(1980, 1, 1))
    return ((moment.hour << 11) | (moment.minute << 5) | (moment.second // 2),
            ((moment.year - 1980) << 9) | (moment.month << 5) | moment.day)
