"""What the review screens write to the audit trail (a search, never its words; a session
opened; an export, with where), the trail's head in the PDF footer, and a signed record
edited behind the app's back shown as ALTERED on screen, in the history and on paper."""

from __future__ import annotations

import sqlalchemy as sa
import sqlcipher3
from pypdf import PdfReader

from kapdesk.core.audit import short
from tests.helpers.constants import PASSPHRASE
from tests.helpers.practice_builder import T0, add_client
from tests.helpers.review_rig import demo_session, settle

pytest_plugins = ("tests.helpers.review_fixtures",)


def audit_rows(practice) -> list[tuple]:  # noqa: ANN001
    with practice.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.text("SELECT * FROM audit_log"))]


def test_a_search_an_opened_session_and_an_export_are_audited_without_the_words(
        qtbot, area, practice, services, dialogs, tmp_path) -> None:  # noqa: ANN001
    client = add_client(practice.engine, "Maya A.")
    made = demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(None)
    settle(qtbot, area)
    area.search.box.setFocus()
    with qtbot.waitSignal(area.search.searched, timeout=10_000,
                          check_params_cb=lambda results: results.query == "sawdust"):
        qtbot.keyClicks(area.search.box, "sawdust")
    settle(qtbot, area)
    area.show_session(made.session_id)
    bar = area.session.export_bar
    dialogs.path = tmp_path / "report.pdf"
    with qtbot.waitSignal(bar.finished, timeout=30_000):
        bar.buttons["pdf"].click()

    entries = services.audit.entries()
    assert [(e.what, e.client_id, e.session_id) for e in entries] == [
        ("export", client, made.session_id), ("session review opened", client, made.session_id),
        ("search made", None, None)]
    assert entries[0].detail == f"PDF report to {dialogs.path}"
    assert not any("sawdust" in str(value) for row in audit_rows(practice) for value in row)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(dialogs.path).pages)
    # The trail's head when the record was read, before the export's own entry.
    assert f"audit {short(entries[1].mac)}" in text
    assert services.audit.verify().whole


def test_a_signed_record_edited_behind_the_apps_back_shows_altered_everywhere(
        qtbot, area, practice, services, dialogs, tmp_path) -> None:  # noqa: ANN001
    client = add_client(practice.engine, "Maya A.")
    made = demo_session(practice, client, T0 - 7 * 86_400)
    services.records.sign(made.session_id, "Dr. Ana Rivera")
    # Edited while KAPDesk is closed, as a person with a SQLCipher shell would.

    raw = sqlcipher3.connect(str(practice.db_path))
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    raw.execute("DROP TRIGGER session_events_no_update")
    raw.execute("UPDATE session_events SET data = json_set(data, '$.text', 'nothing happened') "
                "WHERE session_id = ? AND kind = 'note'", (made.session_id,))
    raw.commit()
    raw.close()

    area.show_history(None)
    settle(qtbot, area)
    assert area.history.model.row_at(0).flags[0].label == "ALTERED after signing"
    area.show_session(made.session_id)
    header = area.session.flags_label.text()
    assert header.startswith("ALTERED: this signed record was changed outside KAPDesk")
    bar = area.session.export_bar
    dialogs.path = tmp_path / "altered.pdf"
    with qtbot.waitSignal(bar.finished, timeout=30_000):
        bar.buttons["pdf"].click()
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(dialogs.path).pages)
    assert "ALTERED: this signed record was changed outside KAPDesk after it was signed" in text
