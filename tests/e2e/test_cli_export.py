"""`python -m kapdesk export` as a process: files written whole, exit 0; every refusal
is exit 1 with a sentence on stderr and no file."""

from __future__ import annotations

import csv
import json

import pypdf
import pytest

from tests.helpers.constants import PASSPHRASE
from tests.helpers.export_records import KAP_NOTES, record_esketamine, record_kap
from tests.helpers.practice_builder import add_client
from tests.helpers.processes import app_env, has_traceback, run_module

pytestmark = pytest.mark.slow


@pytest.fixture
def exported(practice, clock):  # noqa: ANN001, ANN201
    client = add_client(practice.engine, "Maya Alvarez")
    kap = record_kap(practice, clock, client)
    esketamine = record_esketamine(practice, clock, client)
    practice.close()
    return practice.data_dir, client, kap, esketamine


def export(data_dir, *args: str, home, passphrase: str = PASSPHRASE):  # noqa: ANN001, ANN201
    result = run_module("export", "--data-dir", str(data_dir), *args, env=app_env(home, passphrase))
    assert not has_traceback(result.stderr), result.stderr
    return result


def test_a_session_to_pdf_and_json(exported, tmp_path) -> None:
    data_dir, _client, kap, _esk = exported
    pdf, js = tmp_path / "session.pdf", tmp_path / "session.json"
    result = export(data_dir, "--session", str(kap), "--pdf", str(pdf), "--json", str(js),
                    home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    pages = len(pypdf.PdfReader(pdf).pages)
    assert f"Wrote {pdf}: the report of session {kap}, {pages} page" in result.stdout
    assert "not encrypted" in result.stderr  # the therapist is told the file leaves the practice
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(pdf).pages)
    assert f"Page 1 of {pages}" in text and all(note in text for note in KAP_NOTES)
    assert [s["id"] for s in json.loads(js.read_text())["sessions"]] == [kap]


def test_a_clients_record_to_json_and_csv(exported, tmp_path) -> None:
    data_dir, client, kap, esketamine = exported
    js, events, sessions = tmp_path / "r.json", tmp_path / "r.csv", tmp_path / "s.csv"
    course, summary = tmp_path / "c.csv", tmp_path / "summary.pdf"
    result = export(data_dir, "--client", str(client), "--json", str(js), "--csv", str(events),
                    "--sessions-csv", str(sessions), "--course-csv", str(course),
                    "--course-pdf", str(summary), "--quiet", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # --quiet
    assert [s["id"] for s in json.loads(js.read_text())["sessions"]] == [kap, esketamine]
    rows = list(csv.DictReader(events.read_text(encoding="utf-8-sig").splitlines()))
    assert {row["session_id"] for row in rows} == {str(kap), str(esketamine)}
    assert len(list(csv.DictReader(sessions.read_text(encoding="utf-8-sig").splitlines()))) == 2
    assert "Maya Alvarez's course of care, 0 records" in result.stdout
    assert course.read_text(encoding="utf-8-sig").startswith("client_id,client,record,id,date")
    assert json.loads(js.read_text())["course"]["measures"] == []
    assert "Maya Alvarez's course summary, 1 page" in result.stdout
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(summary).pages)
    assert "Dosing sessions: 2 of 6 planned" in text and not any(note in text for note in KAP_NOTES)


@pytest.mark.parametrize(("args", "message"), [
    (("--session", "1", "--client", "1", "--json", "{out}"), "one session (--session ID) or one client"),
    (("--json", "{out}"), "one session (--session ID) or one client"),
    (("--session", "1"), "say which file to write"),
    (("--session", "x1", "--json", "{out}"), "--session takes a number"),
    (("--client", "1", "--pdf", "{out}"), "a PDF report is made per session"),
    (("--session", "1", "--course-csv", "{out}"), "use --client ID with --course-csv"),
    (("--session", "1", "--course-pdf", "{out}"), "use --client ID with --course-pdf"),
    (("--session", "999", "--json", "{out}"), "There is no session 999"),
    (("--client", "999", "--json", "{out}"), "There is no client 999"),
    (("--session", "1", "--json", "{missing}"), "does not exist"),
    (("--session", "1", "--json", "{out}", "--csv", "{out}"), "a file of its own"),
])
def test_refusals_exit_1_with_a_sentence_and_write_nothing(exported, tmp_path, args, message) -> None:
    data_dir = exported[0]
    out, missing = tmp_path / "out.json", tmp_path / "nowhere" / "out.json"
    filled = [arg.format(out=out, missing=missing) for arg in args]
    result = export(data_dir, *filled, home=tmp_path / "home")
    assert result.returncode == 1
    assert message in result.stderr
    assert not out.exists()


def test_a_wrong_passphrase_exits_1(exported, tmp_path) -> None:
    out = tmp_path / "out.json"
    result = export(exported[0], "--session", "1", "--json", str(out), home=tmp_path / "home",
                    passphrase="not-the-passphrase")
    assert result.returncode == 1 and "passphrase" in result.stderr and not out.exists()
