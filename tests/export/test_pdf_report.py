"""The PDF report: its text (read back with pypdf) holds what a record must, every page
is numbered, esketamine sessions carry the REMS summary, and it can be made in a worker."""

from __future__ import annotations


import pypdf
import pypdfium2
import pytest

from kapdesk.export import ExportError
from kapdesk.export.pdf_report import write_session_pdf
from tests.helpers.export_records import KAP_NOTES, SIGNER, UTC_PLUS_1, reader
from tests.helpers.practice_builder import BuildSpec, build_practice


def pdf_pages(path) -> list[str]:  # noqa: ANN001
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


@pytest.fixture
def kap_pdf(qapp, recorded, tmp_path):  # noqa: ANN001, ANN201
    target = tmp_path / "kap.pdf"
    pages = write_session_pdf(recorded.source().session_record(recorded.kap), target,
                              recorded.clock.now(), tz=UTC_PLUS_1, page_size="a4")
    return target, pages


def test_the_report_holds_header_phases_vitals_notes_music_debrief_checks_and_signature(kap_pdf) -> None:
    target, pages = kap_pdf
    text = " ".join(pdf_pages(target))
    for expected in (
        "Session report", "Maya Alvarez", "KAP — sublingual lozenge",
        "ketamine 150 mg sublingual, given", "To meet the grief with kindness",
        "Phases", "Check-in", "Lying-down journey", "Discharge",
        "Vital signs", "138/88", "184/104", "ALERT", "130/84",
        "Checkpoints", "Baseline BP", "40-minute BP",
        "Observations", "Tag: tingling", "Music played", "Dissolve", "Deep water",
        "Debrief", "Wants to write him a letter.", "Alert and oriented", "Ride home arranged",
        f"Signed electronically by {SIGNER}", "Addendum", "Phoned: slept well; mild headache, gone by noon.",
        "BP alert: 184/104", "Ended early: Debrief", "UTC+01:00",
    ):
        assert expected in text, expected
    for note in KAP_NOTES:  # in time order, escaped, no ligatures to break the words
        assert note in text, note
    positions = [text.index(note) for note in KAP_NOTES]
    assert positions == sorted(positions)
    assert "Spravato REMS" not in text


def test_every_page_is_numbered_and_headed(kap_pdf, qapp, recorded, tmp_path) -> None:  # noqa: ANN001
    practice = recorded.practice
    long = build_practice(practice.engine, BuildSpec(clients=1, sessions_per_client=1,
                                                     notes_per_session=160))
    target = tmp_path / "long.pdf"
    pages = write_session_pdf(recorded.source().session_record(long.session_ids[0]), target,
                              recorded.clock.now(), tz=UTC_PLUS_1)
    texts = pdf_pages(target)
    assert pages == len(texts) >= 5
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
        assert "Confidential: protected health information" in text
        assert "KAPDesk session report" in text


def test_an_esketamine_report_has_the_rems_summary(qapp, recorded, tmp_path) -> None:  # noqa: ANN001
    target = tmp_path / "esk.pdf"
    write_session_pdf(recorded.source().session_record(recorded.esketamine), target,
                      recorded.clock.now(), tz=UTC_PLUS_1)
    text = " ".join(pdf_pages(target))
    for expected in ("Spravato REMS monitoring summary", "84 mg esketamine (56 + 28 mg)",
                     "Total time, first device to completion of monitoring", "132 min",
                     "132/84 mmHg", "158/96 mmHg", "134/86 mmHg", "127 min",
                     'tag "ready to leave"', "Sedation Observed", "Dissociation Observed",
                     "Respiratory depression Not observed debrief: respiratory depression = none",
                     "Not signed"):
        assert expected in text, expected


def test_a_report_is_one_session_and_the_page_size_is_checked(qapp, recorded, tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(ExportError, match="one session"):
        write_session_pdf(recorded.source().client_record(recorded.client_id), tmp_path / "x.pdf",
                          recorded.clock.now())
    with pytest.raises(ExportError, match="A4, Letter or Legal"):
        write_session_pdf(recorded.source().session_record(recorded.kap), tmp_path / "x.pdf",
                          recorded.clock.now(), page_size="a5")
    assert not (tmp_path / "x.pdf").exists()
    letter = tmp_path / "letter.pdf"
    write_session_pdf(recorded.source().session_record(recorded.kap), letter,
                      recorded.clock.now(), page_size="letter")
    box = pypdf.PdfReader(letter).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_the_report_can_be_made_in_a_worker_thread_with_progress(qapp, recorded, tmp_path) -> None:  # noqa: ANN001
    from PySide6.QtCore import QThread

    target, steps, errors = tmp_path / "worker.pdf", [], []

    class Worker(QThread):  # the GUI runs exports in a QThread or a QThreadPool worker
        def run(self) -> None:
            try:
                write_session_pdf(recorded.source().session_record(recorded.kap), target,
                                  recorded.clock.now(), progress=lambda d, t: steps.append(d * 100 // t))
            except Exception as error:  # noqa: BLE001 - reported to the test thread
                errors.append(error)

    worker = Worker()
    worker.start()
    assert worker.wait(60_000)
    assert errors == [] and target.exists()
    assert steps[0] == 0 and steps[-1] == 100 and steps == sorted(steps)


def test_the_first_page_renders_with_the_chart_in_colour(kap_pdf) -> None:  # noqa: ANN001
    target, _pages = kap_pdf
    document = pypdfium2.PdfDocument(str(target))  # PDFium, the renderer of a common PDF viewer
    try:
        pixels = document[0].render(scale=40 / 72, rev_byteorder=True).to_numpy()  # 40 dpi, RGB
    finally:
        document.close()
    assert pixels.shape[0] > 400  # an A4 page, not an empty render
    reds = (pixels[..., 0] > 150) & (pixels[..., 1] < 90)
    assert reds.any(), "the alert reading and alert lines are drawn in red"


def test_the_record_reads_in_words_with_one_time_convention_and_final_checks(kap_pdf) -> None:  # noqa: ANN001
    target, _pages = kap_pdf
    text = " ".join(pdf_pages(target))
    # Item 15: clock times, +h:mm after the dose, said once; no other "+" convention.
    assert text.count("+0:42 = 42 minutes after the dose") == 1
    assert "01:56 +0:42 184/104" in text  # the 40-minute reading, 42 minutes after the dose
    assert "01:04 138/88" in text  # before the dose: the clock time alone
    assert "since the session started" not in text and "h:mm:ss" not in text
    # Item 14: a phase ended early is called so.
    assert "ended early" in text and "skipped" not in text.lower()
    # Item 16: an ended session's checks are final; the discharge BP taken is done.
    assert "upcoming" not in text and "never due" not in text
    assert "Discharge BP 02:26 done: BP 130/84, HR 70, SpO2 98% 02:28" in text
    assert "40-minute BP 01:54 done: BP 184/104" in text
    # Item 13: nothing reads as an identifier or as None.
    assert "None" not in text and "_" not in text
    assert "Flags BP alert" in text
    # The alert on that reading was acknowledged (F12) at once.
    assert "ALERT Alert seen at 01:56 +0:42" in text


def test_a_debrief_prints_its_headings_and_leaves_empty_boxes_out(qapp, practice, clock, tmp_path) -> None:  # noqa: ANN001
    from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
    from kapdesk.core.vitals import VitalsReading
    from tests.helpers.practice_builder import add_client, live_session

    client = add_client(practice.engine, "Sam Lee")
    session_id, r = live_session(practice, clock, client, KAP_SUBLINGUAL)
    r.record_vitals(VitalsReading(128, 82, 70))
    clock.advance(600)
    r.record_dose("ketamine", 150, "sublingual")
    clock.advance(20 * 60)  # ended 20 minutes after the dose: the 40-minute BP never came
    r.save_debrief({"what_came_up": "The sea", "emotions": "", "integration_plan": "Walks"}, "")
    r.end()
    target = tmp_path / "short.pdf"
    write_session_pdf(reader(practice, clock).session_record(session_id), target,
                      clock.now(), tz=UTC_PLUS_1)
    text = " ".join(pdf_pages(target))
    assert "What came up The sea" in text and "Plan for integration Walks" in text
    assert "What_came_up" not in text and "Integration_plan" not in text
    assert "Emotions" not in text and "Anything else" not in text and "None" not in text
    assert "40-minute BP" in text and "not reached: the session ended before it was due" in text
    assert "Discharge BP" in text and "not reached: the session ended before the Discharge phase" in text
    assert "the last reading was" not in text  # the only reading was before the dose


def test_a_discharge_bp_not_reached_names_the_last_reading_there_was(qapp, practice, clock, tmp_path) -> None:  # noqa: ANN001
    from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
    from kapdesk.core.vitals import VitalsReading
    from tests.helpers.practice_builder import add_client, live_session

    client = add_client(practice.engine, "Sam Lee")
    session_id, r = live_session(practice, clock, client, KAP_SUBLINGUAL)
    r.record_vitals(VitalsReading(128, 82, 70))
    clock.advance(600)
    r.record_dose("ketamine", 150, "sublingual")
    clock.advance(90 * 60)  # in the debrief; ended there, the Discharge phase never came
    r.record_vitals(VitalsReading(126, 80, 68))
    r.end()
    target = tmp_path / "early.pdf"
    write_session_pdf(reader(practice, clock).session_record(session_id), target,
                      clock.now(), tz=UTC_PLUS_1)
    text = " ".join(pdf_pages(target))
    assert ("Discharge BP not reached: the session ended before the Discharge phase; "
            "the last reading was BP 126/80, HR 68 at 02:40") in text
    # A short session's chart still has a time axis: several clock times, not a lone "0".
    chart_times = [t for t in ("01:00", "01:05", "01:10", "01:15", "01:20", "01:25", "01:30")
                   if t in text]
    assert len(chart_times) >= 4, chart_times


def test_blood_pressure_labels_never_overlap() -> None:
    from kapdesk.export.pdf_chart import label_boxes

    # Two 148/92 readings a minute apart, and a third close by: each label has its own place.
    boxes = label_boxes([(100.0, 50.0, 30.0), (102.0, 50.0, 30.0), (104.0, 50.0, 30.0),
                         (300.0, 50.0, 30.0)], ascent=7.0, height=9.0, pad=1.0)
    placed = [b for b in boxes if b is not None]
    assert len(placed) == 4
    for n, box in enumerate(placed):
        assert not any(box.intersects(other) for other in placed[n + 1:])
    edge = label_boxes([(10.0, 50.0, 30.0), (395.0, 50.0, 30.0)], ascent=7.0, height=9.0,
                       pad=1.0, within=(5.0, 400.0))
    assert all(box is not None and 5.0 <= box.left() and box.right() <= 400.0 for box in edge)
    crowded = label_boxes([(100.0, 50.0, 30.0)] * 5, ascent=7.0, height=9.0, pad=1.0)
    assert crowded[3] is None and crowded[4] is None  # no room: left to the table, not piled up


def test_a_cancel_at_the_last_progress_report_leaves_no_report_behind(qapp, recorded, tmp_path) -> None:  # noqa: ANN001
    """"Export cancelled; no file was written" must be true whenever it is said: a
    cancel takes effect at a progress report, so every report, the last one too,
    comes before the file is put in place."""
    from kapdesk.core.tasks import TaskCancelled

    record = recorded.source().session_record(recorded.kap)
    reports = []
    write_session_pdf(record, tmp_path / "whole.pdf", 0.0, progress=lambda *r: reports.append(r))
    assert reports[-1] == (100, 100)

    def cancel_at_the_last(done: int, total: int) -> None:
        cancel_at_the_last.count += 1
        if cancel_at_the_last.count == len(reports):
            raise TaskCancelled
    cancel_at_the_last.count = 0

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(TaskCancelled):
        write_session_pdf(record, out / "report.pdf", 0.0, progress=cancel_at_the_last)
    assert list(out.iterdir()) == []  # neither the report nor a temporary file


def test_adverse_events_have_a_section_with_action_and_resolution(qapp, recorded, tmp_path) -> None:  # noqa: ANN001
    from kapdesk.core.adverse_events import AdverseEvent, AdverseKind, Severity
    from kapdesk.services import open_services

    services = open_services(recorded.practice, recorded.clock)
    now = recorded.clock.now()
    services.records.add_adverse_event(recorded.kap, AdverseEvent(
        AdverseKind.NAUSEA, Severity.MODERATE, now - 3600, "bowl, water, music lowered",
        now - 3000), "Dr A")
    target = tmp_path / "kap.pdf"
    write_session_pdf(recorded.source().session_record(recorded.kap), target, now, tz=UTC_PLUS_1)
    text = " ".join(pdf_pages(target))
    assert "Adverse events" in text and "Nausea or vomiting (moderate)" in text
    assert "bowl, water, music lowered" in text
