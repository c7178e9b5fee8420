"""A PDF locked with a password: the PDF standard's own AES-256 encryption.

The reports are drawn by Qt into memory (pdf_report.py, course_summary.py);
when the therapist asks for a password, those bytes are encrypted here, still
in memory, and only the encrypted file is written. Every PDF reader of the
last fifteen years opens it after asking for the password (Acrobat, Preview,
the browsers, Evince, Okular): the standard security handler of PDF 2.0,
revision 6, AES-256, which is what `pypdf` writes for "AES-256", through
pycryptodome's AES. The page text, the drawings and the document's title
(which names the client) are all encrypted.
"""

from __future__ import annotations

import io
import secrets


def protect_pdf(pdf: bytes, password: str) -> bytes:
    """The same document, encrypted so that it opens only with `password`."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import UserAccessPermissions

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    # Whoever has the password may read, print and copy (a physician pastes a
    # dose into their own notes); the record is not for editing. The owner
    # password, which would lift even that limit, is random and forgotten at
    # once: one password to hand over, and no second one that could leak. The
    # user password alone still opens every page.
    permissions = UserAccessPermissions.from_dict({
        "print": True, "print_to_representation": True,
        "extract": True, "extract_text_and_graphics": True})
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(32),
                   permissions_flag=permissions, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
