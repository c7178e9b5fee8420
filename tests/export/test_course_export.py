"""A client's JSON record, and the course CSV, carry the course of care: screenings with the words of
the list they answered, consents with consent to touch, measures with every item's
answer and their corrections, suicide-risk assessments."""

from __future__ import annotations

import csv
import datetime as dt
import json

from kapdesk.core.consent import ClientConsent, ConsentHow, TouchConsent
from kapdesk.core.measure_course import FilledBy
from kapdesk.core.measures import MeasureKind, score
from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, Answer, Clearance, ItemAnswer,
                                    Medication, Screening)
from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel
from kapdesk.export.course_csv import COURSE_COLUMNS, write_course_csv
from kapdesk.export.json_export import FORMAT_VERSION, write_json
from kapdesk.services import open_services

UTC = dt.timezone.utc


def fill_course(recorded) -> dict:  # noqa: ANN001
    services = open_services(recorded.practice, recorded.clock)
    client = recorded.client_id
    day = services.today()  # the recorded fixture's clock: after its two sessions
    answers = tuple(ItemAnswer(i.key, Answer.YES if i.key == "copd" else Answer.NO,
                               "mild, on inhaler" if i.key == "copd" else "")
                    for i in DEFAULT_CONTRAINDICATIONS.items)
    screening = services.screenings.add(Screening(client, day, 1, answers,
                                                  (Medication("sertraline", "50 mg", "2023"),)),
                                        day)
    services.screenings.add_clearance(screening.id, Clearance("copd", "Dr Lung", day), day)
    services.consents.add(ClientConsent(client, 1, day, ConsentHow.TYPED_NAME,
                                        TouchConsent(True, "a hand on the shoulder only"),
                                        typed_name="Maya Alvarez"), day)
    phq9 = services.measures.add(client, score(MeasureKind.PHQ9, [2, 2, 1, 1, 1, 0, 0, 0, 1], 1),
                                 recorded.clock.now(), FilledBy.CLIENT)
    fixed = services.measures.correct(phq9, score(MeasureKind.PHQ9, [2, 2, 1, 1, 1, 0, 0, 1, 1], 1),
                                      "question 8 read back wrongly")
    services.risk_assessments.add(RiskAssessment(client, RiskLevel.LOW, "Dr A", day,
                                                 measure_id=phq9.id), day)
    return {"phq9": phq9.id, "fixed": fixed.id}


def test_a_clients_json_holds_their_course_of_care(recorded, tmp_path) -> None:  # noqa: ANN001
    ids = fill_course(recorded)
    day = open_services(recorded.practice, recorded.clock).today().isoformat()
    target = tmp_path / "record.json"
    write_json(recorded.source().client_record(recorded.client_id), target, recorded.clock.now())
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format_version"] == FORMAT_VERSION == 2
    course = data["course"]
    [screening] = course["screenings"]
    copd = next(a for a in screening["answers"] if a["key"] == "copd")
    assert copd == {"key": "copd", "answer": "yes", "note": "mild, on inhaler", "text": "COPD",
                    "item_kind": "clearance"}
    assert screening["clearances"][0]["cleared_by"] == "Dr Lung"
    assert screening["medications"][0]["name"] == "sertraline"
    assert screening["verdict"].startswith(f"Screened {day}. Cleared: COPD")
    [consent] = course["consents"]
    assert consent["touch_words"] == "Touch: a hand on the shoulder only"
    assert consent["how_words"] == "name typed on screen" and consent["document_version"] == 1
    original, corrected = course["measures"]
    assert (original["id"], original["superseded_by"]) == (ids["phq9"], ids["fixed"])
    assert (corrected["supersedes"], corrected["reason"]) == (ids["phq9"],
                                                              "question 8 read back wrongly")
    assert [item["answer"] for item in corrected["items"]] == [2, 2, 1, 1, 1, 0, 0, 1, 1]
    assert corrected["items"][0] == {"number": 1, "answer": 2, "label": "More than half the days"}
    assert (corrected["total"], corrected["severity"], corrected["item9"]) == (9, "mild", 1)
    assert corrected["difficulty_label"] == "Somewhat difficult"
    assert corrected["filled_by"] == "client" and corrected["taken_at"].endswith("Z")
    [assessment] = course["risk_assessments"]
    assert assessment["level"] == "low" and assessment["measure_id"] == ids["phq9"]


def test_one_sessions_json_carries_no_course(recorded, tmp_path) -> None:  # noqa: ANN001
    fill_course(recorded)
    target = tmp_path / "session.json"
    write_json(recorded.source().session_record(recorded.kap), target, recorded.clock.now())
    assert "course" not in json.loads(target.read_text(encoding="utf-8"))


def test_a_clients_course_csv_has_one_row_per_record_with_every_answer(recorded,
                                                                       tmp_path) -> None:  # noqa: ANN001
    ids = fill_course(recorded)
    target = tmp_path / "course.csv"
    rows = write_course_csv(recorded.source().client_record(recorded.client_id), target, tz=UTC)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert rows == len(table) == 6
    assert [row["record"] for row in table] == ["screening", "clearance", "consent", "measure",
                                                "measure", "risk_assessment"]
    original, corrected = table[3], table[4]
    assert (original["id"], original["superseded_by"]) == (str(ids["phq9"]), str(ids["fixed"]))
    assert [corrected[f"q{n}"] for n in range(1, 10)] == ["2", "2", "1", "1", "1", "0", "0", "1", "1"]
    assert corrected["q10"] == "" and corrected["difficulty"] == "1"
    assert (corrected["what"], corrected["total"], corrected["severity"]) == ("PHQ-9", "9", "mild")
    assert corrected["reason"] == "question 8 read back wrongly"
    assert table[2]["what"].endswith("Touch: a hand on the shoulder only")
    assert json.loads(table[0]["data"])["medications"][0]["name"] == "sertraline"


def test_one_sessions_course_csv_is_the_header_alone(recorded, tmp_path) -> None:  # noqa: ANN001
    target = tmp_path / "course.csv"
    assert write_course_csv(recorded.source().session_record(recorded.kap), target) == 0
    assert target.read_text(encoding="utf-8-sig").splitlines() == [",".join(COURSE_COLUMNS)]


def test_talk_sessions_are_exported_without_their_private_notes(recorded, tmp_path) -> None:  # noqa: ANN001
    from kapdesk.core.talk_sessions import CheckInHow, TalkKind, TalkSession

    services = open_services(recorded.practice, recorded.clock)
    client = recorded.client_id
    now = recorded.clock.now()
    services.talks.add(TalkSession(client, TalkKind.CHECK_IN, now - 600, 10,
                                   {"how_they_are": "slept well, calm"}, how=CheckInHow.PHONE,
                                   private_note="PRIVATE-MARKER my own worry"))
    target = tmp_path / "record.json"
    write_json(recorded.source().client_record(client), target, now)
    text = target.read_text(encoding="utf-8")
    assert "PRIVATE-MARKER" not in text
    [talk] = json.loads(text)["course"]["talk_sessions"]
    assert talk["kind"] == "check_in" and talk["fields"]["how_they_are"] == "slept well, calm"
    assert talk["private_note"] is None and talk["private_note_withheld"] is True
    csv_target = tmp_path / "course.csv"
    write_course_csv(recorded.source().client_record(client), csv_target, tz=UTC)
    csv_text = csv_target.read_text(encoding="utf-8-sig")
    assert "PRIVATE-MARKER" not in csv_text
    [row] = [r for r in csv.DictReader(csv_text.splitlines()) if r["record"] == "check_in"]
    assert row["what"].startswith("Follow-up check-in,") and row["what"].endswith("by phone · private psychotherapy note kept")
