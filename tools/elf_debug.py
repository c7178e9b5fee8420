"""Debug information in the built app's ELF libraries: finding it and stripping it (Linux builds).

Used by tools/kapdesk.spec after PyInstaller has collected the folder, and by
tests/packaging to check that none is left.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def elf_section_names(data: bytes) -> set[str]:
    """The section names of a 64-bit little-endian ELF file (empty for anything else)."""
    if data[:6] != b"\x7fELF\x02\x01":
        return set()
    shoff = int.from_bytes(data[0x28:0x30], "little")
    entsize, count, names_index = (int.from_bytes(data[at:at + 2], "little") for at in (0x3A, 0x3C, 0x3E))
    headers = [data[shoff + i * entsize: shoff + (i + 1) * entsize] for i in range(count)]
    if not headers or names_index >= count:
        return set()
    table = headers[names_index]
    start = int.from_bytes(table[0x18:0x20], "little")
    strings = data[start: start + int.from_bytes(table[0x20:0x28], "little")]
    names = set()
    for header in headers:
        offset = int.from_bytes(header[0:4], "little")
        names.add(strings[offset: strings.index(b"\0", offset)].decode("ascii", "replace"))
    return names


def strip_debug_info(folder: Path) -> None:
    """Drop the debugging sections of the bundled ELF files that carry them.

    This machine's Python, SQLCipher and SQLAlchemy builds keep their debug
    information (about 45 MB of the folder). Only `--strip-debug`, and only on
    files with a .debug_info section (read from the ELF header, not guessed
    from the bytes: libgfortran's code holds that name as text, and the
    wheels' libraries rewritten by auditwheel must not be touched, as strip
    breaks their alignment).
    """
    for path in files_with_debug_info(folder):
        subprocess.run(["strip", "--strip-debug", str(path)], check=True)


def files_with_debug_info(folder: Path) -> list[Path]:
    """The shared libraries under `folder` that still have a .debug_info section."""
    return [path for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.is_symlink() and ".so" in path.name
            and ".debug_info" in elf_section_names(path.read_bytes())]
