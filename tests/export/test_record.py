"""The record an export is made from: read once, then written as many ways as asked."""

from __future__ import annotations

import pytest

from kapdesk.export.csv_export import write_events_csv, write_sessions_csv
from kapdesk.export.json_export import write_json
from kapdesk.export.pdf_report import write_session_pdf
from kapdesk.export.record import RecordReader
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.review import ReviewStore


@pytest.fixture
def counting(recorded, monkeypatch):  # noqa: ANN001, ANN201
    """A real review store whose session reads are counted, and a reader through it."""
    review = ReviewStore(recorded.practice, recorded.clock)
    reads: list[int] = []
    real = review.session_record

    def counted(session_id: int):  # noqa: ANN202
        reads.append(session_id)
        return real(session_id)

    monkeypatch.setattr(review, "session_record", counted)
    return reads, RecordReader(review, ClientStore(recorded.practice, recorded.clock))


def test_a_session_read_once_is_written_as_pdf_json_and_csv_without_reading_it_again(
        qapp, recorded, counting, tmp_path) -> None:  # noqa: ANN001
    reads, reader = counting
    record = reader.session_record(recorded.kap)
    assert reads == [recorded.kap]
    write_session_pdf(record, tmp_path / "s.pdf", recorded.clock.now())
    write_json(record, tmp_path / "s.json", recorded.clock.now())
    write_events_csv(record, tmp_path / "s.csv")
    write_sessions_csv(record, tmp_path / "sessions.csv")
    assert reads == [recorded.kap]


def test_a_record_already_read_is_exported_as_it_is(recorded, counting) -> None:  # noqa: ANN001
    reads, reader = counting
    session = ReviewStore(recorded.practice, recorded.clock).session_record(recorded.esketamine)
    record = reader.of_session(session)
    assert record.session_ids == (recorded.esketamine,) and record.client.id == recorded.client_id
    assert list(record.sessions()) == [session] and reads == []
    assert record.thresholds == reader.review.thresholds


def test_a_clients_record_reads_each_session_as_the_export_reaches_it(recorded, counting) -> None:  # noqa: ANN001
    reads, reader = counting
    record = reader.client_record(recorded.client_id)
    assert record.session_ids == (recorded.kap, recorded.esketamine) and reads == []
    sessions = record.sessions()
    next(sessions)
    assert reads == [recorded.kap]
    next(sessions)
    assert reads == [recorded.kap, recorded.esketamine]

