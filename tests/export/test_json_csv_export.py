"""JSON and CSV exports: what they hold, read back with the standard library."""

from __future__ import annotations

import csv
import json

import pytest

from kapdesk.core.events import EventKind
from kapdesk.export import ExportCancelled, ExportError
from kapdesk.export.csv_export import EVENT_COLUMNS, safe_cell, write_events_csv, write_sessions_csv
from kapdesk.export.json_export import FORMAT, write_json
from kapdesk.storage.sessions import SessionStore
from tests.helpers.export_records import KAP_NOTES, SIGNER, UTC_PLUS_1
from tests.helpers.practice_builder import add_client


def test_a_clients_json_holds_the_client_every_session_and_every_event(recorded, tmp_path) -> None:
    target = tmp_path / "record.json"
    steps = []
    written = write_json(recorded.source().client_record(recorded.client_id), target,
                         recorded.clock.now(), progress=lambda done, total: steps.append((done, total)))
    assert written == 2 and steps == [(0, 2), (1, 2), (2, 2)]
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["client"]["display_name"] == "Maya Alvarez"
    kap, esketamine = data["sessions"]  # oldest first
    assert kap["id"] == recorded.kap and esketamine["id"] == recorded.esketamine
    stored = SessionStore(recorded.practice, recorded.clock).events(recorded.kap)
    assert [(e["seq"], e["kind"], e["at_epoch"], e["data"]) for e in kap["events"]] == [
        (e.seq, e.kind.value, e.at, dict(e.data)) for e in stored]
    notes = [e["data"]["text"] for e in kap["events"] if e["kind"] == "note"]
    assert notes == list(KAP_NOTES)
    assert kap["signed_by"] == SIGNER and kap["signed_at"].endswith("Z")
    assert kap["doses"] == [{"drug": "ketamine", "mg": 150, "route": "sublingual",
                             "given_at": kap["events"][5]["at"]}]
    assert {flag["code"] for flag in kap["flags"]} == {"bp_alert", "skipped_phase"}
    assert [p["name"] for p in kap["phases"]][-1] == "Discharge"
    assert "rems" not in kap
    addendum = kap["events"][-1]
    assert addendum["kind"] == "addendum" and addendum["text"].startswith(f"Addendum by {SIGNER}")


def test_esketamine_sessions_carry_the_rems_fields(recorded, tmp_path) -> None:
    target = tmp_path / "session.json"
    write_json(recorded.source().session_record(recorded.esketamine), target, recorded.clock.now())
    [session] = json.loads(target.read_text(encoding="utf-8"))["sessions"]
    rems = session["rems"]
    assert rems["doses_mg"] == [56.0, 28.0] and rems["total_minutes"] == 132
    assert [bp["systolic"] for bp in rems["blood_pressure"]] == [132, 158, 134]
    assert rems["ready_to_leave_minutes"] == 127 and rems["ready_to_leave_basis"] == 'tag "ready to leave"'
    observed = rems["observed"]
    assert observed["Sedation"]["observed"] and observed["Dissociation"]["observed"]
    assert observed["Respiratory depression"] == {
        "observed": False, "evidence": [], "recorded_absent": ["debrief: respiratory depression = none"]}


def test_events_csv_has_one_row_per_event_in_local_time_with_time_after_dose_and_phase(recorded, tmp_path) -> None:
    target = tmp_path / "record.csv"
    rows = write_events_csv(recorded.source().client_record(recorded.client_id), target, tz=UTC_PLUS_1)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheets read the accents right
    table = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(table[0]) == list(EVENT_COLUMNS) and len(table) == rows
    events = SessionStore(recorded.practice, recorded.clock)
    assert rows == len(events.events(recorded.kap)) + len(events.events(recorded.esketamine))
    note = next(row for row in table if row["text"] == KAP_NOTES[2])
    assert note["kind"] == "note" and note["time"].endswith("+01:00")
    # 38 minutes into the session, 24 after the dose: the record's one convention.
    assert note["after_dose"] == "+0:24" and note["phase"] == "Lying-down journey"
    formula = next(row for row in table if "SUM" in row["text"])
    assert formula["text"] == "'" + KAP_NOTES[4]  # never run as a spreadsheet formula
    started = next(row for row in table if row["kind"] == "session_started")
    assert json.loads(started["data"])["script"] == {"id": "builtin-kap-sublingual",
                                                     "name": "KAP — sublingual lozenge"}
    assert next(row for row in table if row["kind"] == "addendum")["phase"] == "(after the session)"
    # F12 on the 40-minute reading: which reading, at its own time, in the file's zone.
    seen = next(row for row in table if row["kind"] == "alert_seen")
    assert seen["text"] == "Alert seen: BP 184/104 at 01:56 +0:42"


def test_sessions_csv_has_one_row_per_session(recorded, tmp_path) -> None:
    target = tmp_path / "sessions.csv"
    write_sessions_csv(recorded.source().client_record(recorded.client_id), target, tz=UTC_PLUS_1)
    kap, esketamine = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert kap["dose"] == "ketamine 150 mg sublingual" and kap["signed_by"] == SIGNER
    assert "BP alert: 184/104" in kap["flags"] and kap["notes"] == "5"
    assert esketamine["dose"] == "esketamine 56 mg intranasal + 28 mg" and esketamine["signed_by"] == ""


def test_a_client_without_sessions_exports_an_empty_list_and_unknown_ids_are_refused(
        recorded, tmp_path) -> None:
    source = recorded.source()
    lonely = add_client(recorded.practice.engine, "No Sessions Yet")
    write_json(source.client_record(lonely), tmp_path / "empty.json", recorded.clock.now())
    assert json.loads((tmp_path / "empty.json").read_text())["sessions"] == []
    with pytest.raises(ExportError, match="no client 999"):
        source.client_record(999)
    with pytest.raises(ExportError, match="no session 999"):
        source.session_record(999)


def test_a_cancelled_export_leaves_the_old_file_and_no_temporary_one(recorded, tmp_path) -> None:
    target = tmp_path / "record.json"
    target.write_text("the previous export")

    def cancel(done: int, total: int) -> None:
        if done == 1:
            raise ExportCancelled()

    with pytest.raises(ExportCancelled):
        write_json(recorded.source().client_record(recorded.client_id), target,
                   recorded.clock.now(), progress=cancel)
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["practice", "record.json"]


def test_the_json_of_a_session_lists_kinds_the_log_holds(recorded, tmp_path) -> None:
    write_json(recorded.source().session_record(recorded.kap), tmp_path / "s.json", recorded.clock.now())
    kinds = {e["kind"] for e in json.loads((tmp_path / "s.json").read_text())["sessions"][0]["events"]}
    assert {EventKind.SIGNED.value, EventKind.TRACK_STARTED.value, EventKind.VITALS.value} <= kinds


@pytest.mark.parametrize("text", ["=HYPERLINK(\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"])
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert safe_cell("Calm, 120/80") == "Calm, 120/80"
