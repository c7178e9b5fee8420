"""Opening protected exports as a recipient would: 7-Zip's `7z` for the zip, pypdf and
PDFium (two independent readers) for the PDF. No reader of our own decides a test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf

TIMEOUT_S = 60
PASSWORD = "calm-lake-at-dusk"
#: What a plain export of the `recorded` client shows in its bytes (the PDF's
#: title is UTF-16, its XMP metadata UTF-8); a protected one shows none of it.
CLIENT = "Maya Alvarez"
PLAIN_MARKERS = (CLIENT.encode("utf-8"), CLIENT.encode("utf-16-be"))


def seven_zip() -> str:
    found = shutil.which("7z")
    assert found, "7z is missing: tools/system_packages.sh --test installs it (p7zip-full)"
    return found


def extract(archive: Path, password: str, into: Path) -> subprocess.CompletedProcess[str]:
    """`7z x` with the password, into a folder of its own (never prompting)."""
    into.mkdir(parents=True, exist_ok=True)
    return subprocess.run([seven_zip(), "x", f"-p{password}", f"-o{into}", "-y", str(archive)],
                          capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
                          stdin=subprocess.DEVNULL)


def listing(archive: Path) -> dict[str, str]:
    """`7z l -slt`: the one member's technical fields (Path, Method, Encrypted, ...)."""
    result = subprocess.run([seven_zip(), "l", "-slt", "-p-", str(archive)], capture_output=True,
                            text=True, timeout=TIMEOUT_S, check=True, stdin=subprocess.DEVNULL)
    block = result.stdout.split("----------", 1)[1].strip().split("\n\n")[0]
    return dict(line.split(" = ", 1) for line in block.splitlines() if " = " in line)


def pdf_text(path: Path, password: str) -> str:
    reader = pypdf.PdfReader(path)
    assert reader.is_encrypted
    assert reader.decrypt(password) != pypdf.PasswordType.NOT_DECRYPTED
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def holds_plain_text(data: bytes) -> bool:
    return any(marker in data for marker in PLAIN_MARKERS)
