"""A private psychotherapy note never leaves the practice: not in a session's PDF, CSV
or JSON, not in the client's JSON or course CSV, not in the course summary for a
physician, not in a search; the shared records say one was kept back."""

from __future__ import annotations

import json

import pypdf

from kapdesk.core.talk_sessions import CheckInHow, TalkKind, TalkSession
from kapdesk.export.course_csv import write_course_csv
from kapdesk.export.course_summary import write_course_summary
from kapdesk.export.csv_export import write_events_csv, write_sessions_csv
from kapdesk.export.json_export import write_json
from kapdesk.export.pdf_report import write_session_pdf
from kapdesk.services import open_services
from tests.helpers.export_records import UTC_PLUS_1

SECRET = "PRIVATE-MARKER"


def pdf_text(path) -> str:  # noqa: ANN001
    return " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_no_export_and_no_search_carries_a_private_note(qapp, recorded, tmp_path) -> None:  # noqa: ANN001
    services = open_services(recorded.practice, recorded.clock)
    client, now = recorded.client_id, recorded.clock.now()
    for kind, fields, minutes in ((TalkKind.PREPARATION, {"intention": "to rest"}, 50),
                                  (TalkKind.INTEGRATION, {"plan": "river walks"}, 50),
                                  (TalkKind.CHECK_IN, {"how_they_are": "calm"}, 10)):
        services.talks.add(TalkSession(client, kind, now - 3600 * minutes, minutes, fields,
                                       how=CheckInHow.PHONE if kind is TalkKind.CHECK_IN else None,
                                       notes=f"shared words {kind.value}",
                                       private_note=f"{SECRET} {kind.value} my countertransference"))
    source = recorded.source()
    whole, one = source.client_record(client), source.session_record(recorded.kap)
    written = {
        "session.pdf": lambda p: write_session_pdf(one, p, now, UTC_PLUS_1),
        "session.json": lambda p: write_json(one, p, now),
        "session-events.csv": lambda p: write_events_csv(one, p, tz=UTC_PLUS_1),
        "client.json": lambda p: write_json(whole, p, now),
        "client-sessions.csv": lambda p: write_sessions_csv(whole, p, tz=UTC_PLUS_1),
        "client-events.csv": lambda p: write_events_csv(whole, p, tz=UTC_PLUS_1),
        "course.csv": lambda p: write_course_csv(whole, p, tz=UTC_PLUS_1),
        "summary.pdf": lambda p: write_course_summary(whole, p, now, tz=UTC_PLUS_1),
    }
    for name, write in written.items():
        target = tmp_path / name
        write(target)
        text = pdf_text(target) if name.endswith(".pdf") else target.read_text("utf-8-sig")
        assert SECRET not in text and "countertransference" not in text, name
    talks = json.loads((tmp_path / "client.json").read_text("utf-8"))["course"]["talk_sessions"]
    assert len(talks) == 3 and all(t["private_note_withheld"] for t in talks)
    assert "shared words integration" in (tmp_path / "client.json").read_text("utf-8")
    assert services.course_search.search("countertransference") == ()
    assert services.course_search.search("river")  # the shared words are still found
