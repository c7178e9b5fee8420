"""The course summary PDF for a referring physician: doses, scales, adverse events and
the screening, and never a note of any kind."""

from __future__ import annotations

import pypdf

from kapdesk.core.talk_sessions import TalkKind, TalkSession
from kapdesk.export.course_summary import NO_NOTES, write_course_summary
from kapdesk.services import open_services
from tests.export.test_course_export import fill_course
from tests.helpers.export_records import KAP_NOTES


def text_of(path) -> str:  # noqa: ANN001
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


def test_the_summary_carries_the_course_and_no_notes(qapp, recorded, tmp_path) -> None:  # noqa: ANN001
    fill_course(recorded)
    services = open_services(recorded.practice, recorded.clock)
    services.talks.add(TalkSession(recorded.client_id, TalkKind.INTEGRATION,
                                   recorded.clock.now() - 3600, 50, {"plan": "walks"},
                                   notes="INTEGRATION-NOTE-MARKER",
                                   private_note="PRIVATE-MARKER"))
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "summary.pdf"
    pages = write_course_summary(recorded.source().client_record(recorded.client_id), target,
                                 recorded.clock.now())
    assert pages >= 1 and len(pypdf.PdfReader(target).pages) == pages
    text = text_of(target)
    for words in ("Course summary — Maya Alvarez", "Dosing sessions: 2 of 6 planned",
                  "Integration sessions: 1", "PHQ-9", "Baseline", "Highest BP",
                  "esketamine", "Cleared: COPD", "sertraline"):
        assert words in text, words
    assert " ".join(NO_NOTES.split()) in text
    for secret in ("MARKER", *(note.split()[0] + " " + note.split()[1] for note in KAP_NOTES[:3])):
        assert secret not in text, secret
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["summary.pdf"]  # no temp left
