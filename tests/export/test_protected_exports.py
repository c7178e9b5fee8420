"""Exports protected with a password: a PDF any reader opens only with it, and a CSV or
JSON in an AES-256 zip that 7-Zip opens only with it, byte for byte the plain export."""

from __future__ import annotations

import subprocess

import pypdf
import pypdfium2
import pytest

from kapdesk.export.course_csv import write_course_csv
from kapdesk.export.course_summary import write_course_summary
from kapdesk.export.csv_export import write_events_csv, write_sessions_csv
from kapdesk.export.json_export import write_json
from kapdesk.export.pdf_report import write_session_pdf
from kapdesk.export.protection import Protection, member_name, zipped_name
from tests.helpers.export_records import KAP_NOTES, UTC_PLUS_1
from tests.helpers.protected_files import (PASSWORD, extract, holds_plain_text, listing,
                                           pdf_text, seven_zip)


@pytest.fixture
def protect(recorded) -> Protection:  # noqa: ANN001
    return Protection(PASSWORD, recorded.clock.now(), UTC_PLUS_1)


@pytest.fixture
def protected_pdf(qapp, recorded, protect, tmp_path):  # noqa: ANN001, ANN201
    target = tmp_path / "kap.pdf"
    pages = write_session_pdf(recorded.source().session_record(recorded.kap), target,
                              recorded.clock.now(), tz=UTC_PLUS_1, page_size="a4", protect=protect)
    return target, pages


def test_the_pdf_opens_with_its_password_and_reads_as_the_plain_one(protected_pdf) -> None:  # noqa: ANN001
    target, pages = protected_pdf
    reader = pypdf.PdfReader(target)
    assert reader.decrypt(PASSWORD) == pypdf.PasswordType.USER_PASSWORD
    assert len(reader.pages) == pages
    text = pdf_text(target, PASSWORD)
    assert "Session report" in text and "Maya Alvarez" in text
    for note in KAP_NOTES:
        assert note in text, note
    assert reader.metadata.title.startswith("Session report — Maya Alvarez")


def test_without_the_password_nothing_of_the_pdf_is_readable(protected_pdf) -> None:  # noqa: ANN001
    target, _pages = protected_pdf
    reader = pypdf.PdfReader(target)
    assert reader.is_encrypted
    assert reader.decrypt("calm-lake-at-dawn") == pypdf.PasswordType.NOT_DECRYPTED
    with pytest.raises(pypdf.errors.FileNotDecryptedError):
        reader.pages[0].extract_text()
    # Not the title (it names the client), not the metadata, not a word of a page.
    assert not holds_plain_text(target.read_bytes())
    assert not any(note.split()[0].encode() in target.read_bytes() for note in KAP_NOTES[:2])


def test_the_pdf_is_aes_256_revision_6_allowing_print_and_copy(protected_pdf) -> None:  # noqa: ANN001
    target, _pages = protected_pdf
    reader = pypdf.PdfReader(target)
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert (encrypt["/V"], encrypt["/R"]) == (5, 6)
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"  # AES-256
    reader.decrypt(PASSWORD)
    allowed = reader.user_access_permissions
    assert allowed & pypdf.constants.UserAccessPermissions.PRINT
    assert allowed & pypdf.constants.UserAccessPermissions.EXTRACT
    assert not allowed & pypdf.constants.UserAccessPermissions.MODIFY
    # The owner password is not the user's: the password handed over opens as a reader.
    assert reader.decrypt(PASSWORD) == pypdf.PasswordType.USER_PASSWORD


def test_a_second_reader_pdfium_opens_and_draws_page_one(protected_pdf) -> None:  # noqa: ANN001
    target, pages = protected_pdf
    with pytest.raises(pypdfium2.PdfiumError):
        pypdfium2.PdfDocument(str(target))
    with pytest.raises(pypdfium2.PdfiumError):
        pypdfium2.PdfDocument(str(target), password="calm-lake-at-dawn")
    document = pypdfium2.PdfDocument(str(target), password=PASSWORD)
    try:
        assert len(document) == pages
        page = document[0]
        pixels = page.render(scale=0.5).to_numpy()
        # Ink on paper: the page is mostly white with dark text drawn on it.
        dark = (pixels[..., :3].max(axis=-1) < 100).mean()
        assert pixels[..., :3].mean() > 200 and 0.002 < dark < 0.2
        assert "Maya Alvarez" in page.get_textpage().get_text_range()
    finally:
        document.close()


def test_the_course_summary_pdf_is_protected_too(qapp, recorded, protect, tmp_path) -> None:  # noqa: ANN001
    target = tmp_path / "summary.pdf"
    write_course_summary(recorded.source().client_record(recorded.client_id), target,
                         recorded.clock.now(), tz=UTC_PLUS_1, protect=protect)
    assert not holds_plain_text(target.read_bytes())
    assert "Course summary — Maya Alvarez" in pdf_text(target, PASSWORD)


@pytest.mark.parametrize("kind", ["csv", "json", "sessions_csv", "course_csv"])
def test_7zip_opens_the_zip_with_the_password_to_the_exact_plain_bytes(recorded, protect, tmp_path,  # noqa: ANN001
                                                                        kind) -> None:
    record = recorded.source().client_record(recorded.client_id)
    now = recorded.clock.now()
    write = {"csv": lambda path, p: write_events_csv(record, path, UTC_PLUS_1, protect=p),
             "json": lambda path, p: write_json(record, path, now, protect=p),
             "sessions_csv": lambda path, p: write_sessions_csv(record, path, UTC_PLUS_1, protect=p),
             "course_csv": lambda path, p: write_course_csv(record, path, UTC_PLUS_1, protect=p)}[kind]
    suffix = "json" if kind == "json" else "csv"
    plain = tmp_path / f"plain.{suffix}"
    write(plain, None)
    archive = zipped_name(tmp_path / f"session-12.{suffix}", suffix)
    assert archive.name == f"session-12.{suffix}.zip" and member_name(archive) == f"session-12.{suffix}"
    write(archive, protect)
    assert not holds_plain_text(archive.read_bytes())
    fields = listing(archive)
    assert fields["Path"] == f"session-12.{suffix}" and fields["Encrypted"] == "+"
    assert fields["Method"] == "AES-256 Deflate"
    opened = extract(archive, PASSWORD, tmp_path / "opened")
    assert opened.returncode == 0, opened.stdout + opened.stderr
    assert [p.name for p in (tmp_path / "opened").iterdir()] == [f"session-12.{suffix}"]
    assert (tmp_path / "opened" / f"session-12.{suffix}").read_bytes() == plain.read_bytes()


def test_7zip_refuses_a_wrong_password_and_a_changed_byte(recorded, protect, tmp_path) -> None:  # noqa: ANN001
    archive = tmp_path / "record.json.zip"
    write_json(recorded.source().client_record(recorded.client_id), archive, 0.0, protect=protect)
    refused = extract(archive, "calm-lake-at-dawn", tmp_path / "wrong")
    assert refused.returncode != 0 and "Wrong password" in refused.stdout + refused.stderr
    assert not (tmp_path / "wrong" / "record.json").exists() or \
        not holds_plain_text((tmp_path / "wrong" / "record.json").read_bytes())
    # One byte of the ciphertext changed: the authentication code catches it.
    data = bytearray(archive.read_bytes())
    data[200] ^= 0x01
    changed = tmp_path / "changed.json.zip"
    changed.write_bytes(bytes(data))
    tested = subprocess.run([seven_zip(), "t", f"-p{PASSWORD}", str(changed)], capture_output=True,
                            text=True, timeout=60, check=False, stdin=subprocess.DEVNULL)
    assert tested.returncode != 0


def test_any_characters_in_the_password_reach_7zip_as_typed(recorded, tmp_path) -> None:  # noqa: ANN001
    password = "Zürich Morgen — 7 ☂"
    archive = tmp_path / "séance.csv.zip"
    write_events_csv(recorded.source().session_record(recorded.kap), archive,
                     protect=Protection(password, recorded.clock.now()))
    opened = extract(archive, password, tmp_path / "opened")
    assert opened.returncode == 0, opened.stdout
    assert b"Maya Alvarez" in (tmp_path / "opened" / "séance.csv").read_bytes()


def test_a_protected_csv_is_named_as_a_zip_of_a_csv(tmp_path) -> None:  # noqa: ANN001
    for chosen in ("record.csv", "record", "record.zip", "record.csv.zip", "record.CSV.ZIP"):
        named = zipped_name(tmp_path / chosen, "csv")
        assert named.name.lower() == "record.csv.zip" and member_name(named).lower() == "record.csv"
