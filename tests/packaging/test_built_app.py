"""The built app, not the source tree: the frozen executable started as a therapist's machine would.

Each run uses a home, data and temp folder of its own, offscreen Qt and, for
the music, SDL's disk driver; stdin is closed and no PYTHONPATH points back at
the checkout. After every run nothing of a client's may lie in plain text in
any of those folders (the one exception: a file the therapist exported).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kapdesk import __version__
from tests.helpers.built_app import BuiltApp, run_built, unexpected_stderr
from tests.helpers.constants import PASSPHRASE
from tests.helpers.disk_audio import RATE, bundled_left, heard_left, rms
from tests.helpers.export_records import KAP_NOTES, record_kap
from tests.helpers.filesnap import files_under, plaintext_hits
from tests.helpers.practice_builder import add_client
from tests.helpers.processes import app_env, has_traceback

pytestmark = pytest.mark.slow

CLIENT = "Maya ZQ-PACKAGED-PROBE Alvarez"
MARKERS = [CLIENT, *KAP_NOTES[:2], KAP_NOTES[3]]


def run(app: BuiltApp, home: Path, *args: str, passphrase: str | None = PASSPHRASE, **extra: str):  # noqa: ANN201
    result = run_built(app, *args, env=app_env(home, passphrase, **extra), cwd=home)
    assert not has_traceback(result.stderr), result.stderr
    return result


@pytest.fixture
def existing_practice(practice, clock) -> tuple[Path, int, int]:  # noqa: ANN001
    """A practice made by the source tree at the current schema: a client and a recorded KAP session."""
    client = add_client(practice.engine, CLIENT)
    session = record_kap(practice, clock, client)
    practice.close()
    return practice.data_dir, client, session


def test_version_is_the_packages(built_app, tmp_path) -> None:  # noqa: ANN001
    result = run(built_app, tmp_path / "home", "--version", passphrase=None)
    assert result.returncode == 0
    assert result.stdout.strip() == f"KAPDesk {__version__}"
    assert built_app.info["version"] == __version__


def test_it_creates_a_new_practice_and_paints_its_window(built_app, tmp_path) -> None:  # noqa: ANN001
    home, folder = tmp_path / "home", tmp_path / "new-practice"
    result = run(built_app, home, "--data-dir", str(folder), "--quit-after-start")
    assert result.returncode == 0, result.stderr
    assert unexpected_stderr(result.stderr) == []  # no missing plugin, style or icon
    assert (folder / "practice.kapdesk").is_file()
    # The migrations ran from inside the bundle: `check` through it finds the schema whole.
    check = run(built_app, home, "check", "--data-dir", str(folder))
    assert check.returncode == 0, check.stderr
    assert "Practice: sound" in check.stdout and "clients: 0" in check.stdout


def test_it_opens_an_existing_practice_checks_and_exports_it(built_app, existing_practice,
                                                            tmp_path) -> None:  # noqa: ANN001
    data_dir, client, session = existing_practice
    home, exports = tmp_path / "home", tmp_path / "exports"
    exports.mkdir()
    opened = run(built_app, home, "--data-dir", str(data_dir), "--quit-after-start")
    assert opened.returncode == 0, opened.stderr
    assert unexpected_stderr(opened.stderr) == []

    check = run(built_app, home, "check", "--data-dir", str(data_dir))
    assert check.returncode == 0, check.stderr
    assert "database integrity: ok" in check.stdout and "encryption integrity: ok" in check.stdout
    assert "clients: 1, sessions: 1" in check.stdout

    record, report = exports / "record.json", exports / "session.pdf"
    exported = run(built_app, home, "export", "--data-dir", str(data_dir), "--client", str(client),
                   "--json", str(record))
    assert exported.returncode == 0, exported.stderr
    assert json.loads(record.read_text())["client"]["display_name"] == CLIENT
    printed = run(built_app, home, "export", "--data-dir", str(data_dir), "--session", str(session),
                  "--pdf", str(report))
    assert printed.returncode == 0, printed.stderr
    assert report.read_bytes().startswith(b"%PDF-") and f"Wrote {report}" in printed.stdout

    # Only the files the therapist asked for hold the client's words.
    for folder in (data_dir, home):
        assert plaintext_hits(folder, MARKERS) == [], folder
    leaked_to = {Path(p).name for p, _ in plaintext_hits(exports, MARKERS)}
    assert "record.json" in leaked_to and leaked_to <= {"record.json", "session.pdf"}


def test_its_protected_exports_open_only_with_the_password(built_app, existing_practice,  # noqa: ANN001
                                                          tmp_path) -> None:
    """pypdf and pycryptodome from inside the bundle (with only the AES parts kept)."""
    from tests.helpers.protected_files import PASSWORD, extract, pdf_text

    data_dir, _client, session = existing_practice
    home, exports = tmp_path / "home", tmp_path / "exports"
    exports.mkdir()
    result = run_built(built_app, "export", "--data-dir", str(data_dir), "--session", str(session),
                       "--pdf", str(exports / "session.pdf"), "--csv", str(exports / "session.csv"),
                       "--protect", env=app_env(home, PASSPHRASE), cwd=home,
                       stdin_text=PASSWORD + "\n")
    assert result.returncode == 0 and not has_traceback(result.stderr), result.stderr
    assert sorted(p.name for p in exports.iterdir()) == ["session.csv.zip", "session.pdf"]
    assert plaintext_hits(exports, MARKERS) == []  # nothing of the client's in the clear
    assert CLIENT in pdf_text(exports / "session.pdf", PASSWORD)
    opened = extract(exports / "session.csv.zip", PASSWORD, tmp_path / "opened")
    assert opened.returncode == 0, opened.stdout
    assert CLIENT in (tmp_path / "opened" / "session.csv").read_text(encoding="utf-8-sig")


def test_it_shows_its_window_on_a_real_x_display(built_app, x_display, tmp_path) -> None:  # noqa: ANN001
    # Qt's X11 plugin and the libraries it needs come from the bundle (or the system's
    # own X libraries): a missing one would abort here, where offscreen never loads it.
    result = run(built_app, tmp_path / "home", "--demo", "--quit-after-start", passphrase=None,
                 QT_QPA_PLATFORM="xcb", DISPLAY=x_display)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_the_demo_starts_and_leaves_nothing_behind(built_app, tmp_path) -> None:  # noqa: ANN001
    home = tmp_path / "home"
    result = run(built_app, home, "--demo", "--quit-after-start", passphrase=None)
    assert result.returncode == 0, result.stderr
    assert unexpected_stderr(result.stderr) == []
    assert [str(p.relative_to(home)) for p in files_under(home / "tmp")] == []
    assert not (home / "data" / "KAPDesk").exists()  # the therapist's real practice folder


def test_it_plays_its_own_music(built_app, tmp_path) -> None:  # noqa: ANN001
    raw = tmp_path / "heard.raw"
    result = run(built_app, tmp_path / "home", "sound", "--seconds", "2.5", passphrase=None,
                 SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(raw))
    assert result.returncode == 0, result.stderr
    assert "Playing “First Light”" in result.stdout
    heard = heard_left(raw)
    assert len(heard) >= 2 * RATE
    level, source = rms(heard, 1.0, 2.0), rms(bundled_left(3.0), 1.0, 2.0)
    assert level > 50  # sound, not silence (which is 0)
    assert 0.5 * source < level < 1.5 * source  # the bundled track at its own level
