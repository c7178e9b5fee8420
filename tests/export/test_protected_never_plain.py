"""A protected export never puts the plain file on the disk, not even for a moment.

The kernel's account of the target folder and of the temporary folder (inotify,
tests/helpers/folder_watch.py) during the export: the only file ever made is
the export's own temporary file, and it is the one renamed into the target,
which is encrypted; the temporary folder sees nothing at all. At every
progress report on the way, no file in either folder holds the client's name
in plain text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from kapdesk.export.csv_export import write_events_csv
from kapdesk.export.json_export import write_json
from kapdesk.export.pdf_report import write_session_pdf
from kapdesk.export.protection import Protection
from tests.helpers.folder_watch import FolderWatch
from tests.helpers.protected_files import PASSWORD, holds_plain_text


@pytest.fixture
def private_temp(tmp_path, monkeypatch) -> Path:  # noqa: ANN001
    """The temporary folder Python and Qt use, this test's own (other programs write to /tmp)."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    assert tempfile.gettempdir() == str(folder)
    return folder


def plain_files(*folders: Path) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and holds_plain_text(path.read_bytes()):
                found.append(path.name)
    return found


@pytest.mark.parametrize("kind", ["pdf", "csv", "json"])
def test_only_ciphertext_ever_reaches_the_disk(qapp, recorded, tmp_path, private_temp, kind) -> None:  # noqa: ANN001
    out = tmp_path / "exports"
    out.mkdir()
    target = out / ("session.pdf" if kind == "pdf" else f"session.{kind}.zip")
    record = recorded.source().session_record(recorded.kap)
    protect = Protection(PASSWORD, recorded.clock.now())
    looked, plain_seen = [], []

    def progress(_done: int, _total: int) -> None:  # the folders, at every step of the export
        looked.append(sorted(p.name for p in out.iterdir()))
        plain_seen.extend(plain_files(out, private_temp))

    watch = FolderWatch(out, private_temp)
    try:
        if kind == "pdf":
            write_session_pdf(record, target, 0.0, progress=progress, protect=protect)
        elif kind == "csv":
            write_events_csv(record, target, progress=progress, protect=protect)
        else:
            write_json(record, target, 0.0, progress=progress, protect=protect)
        changes = watch.changes()
    finally:
        watch.close()
    assert len(looked) >= 2 and plain_seen == []
    assert any(names and names[0].endswith(".tmp") for names in looked)  # looked while writing
    assert [c for c in changes if c.folder == private_temp] == []
    created = {c.name for c in changes if c.what == "created"}
    [temporary] = created
    assert temporary.startswith(f".{target.name}.") and temporary.endswith(".tmp")
    assert not [c for c in changes if c.what == "deleted"]  # nothing made and thrown away
    moved_away = [c for c in changes if c.what == "moved away"]
    moved_in = [c for c in changes if c.what == "moved in"]
    assert [(c.name, c.cookie) for c in moved_away] == [(temporary, moved_in[0].cookie)]
    assert [c.name for c in moved_in] == [target.name]
    assert [p.name for p in out.iterdir()] == [target.name]
    assert not holds_plain_text(target.read_bytes())
