"""`python -m kapdesk audit verify|list`, and `check` naming an altered signed record:
real processes on a real encrypted practice, edited behind the app's back with SQLCipher."""

from __future__ import annotations

import pytest
import sqlcipher3

from kapdesk.core.audit import AuditKind
from kapdesk.services import open_services
from tests.helpers.constants import PASSPHRASE
from tests.helpers.practice_builder import MIN, add_client, live_session
from tests.helpers.processes import app_env, has_traceback, run_module

pytestmark = pytest.mark.slow


def raw_edit(db_path, *statements: str) -> None:  # noqa: ANN001
    """What someone with the passphrase and a SQLCipher shell could do."""
    raw = sqlcipher3.connect(str(db_path))
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    for statement in statements:
        raw.execute(statement)
    raw.commit()
    raw.close()


@pytest.fixture
def audited(practice, clock):  # noqa: ANN001, ANN201
    services = open_services(practice, clock)
    client = add_client(practice.engine)
    session_id, runner = live_session(practice, clock, client)
    clock.advance(30 * MIN)
    runner.add_note("Calm, eyes closed")
    clock.advance(60 * MIN)
    runner.end()
    services.audit.record(AuditKind.UNLOCK, detail="practice opened")
    clock.advance(60)
    services.records.sign(session_id, "Dr. Ana Rivera")
    clock.advance(60)
    services.audit.record(AuditKind.SEARCH, detail="all notes")
    practice.close()
    return practice, client, session_id


def test_verify_and_list_a_whole_trail_then_name_the_entry_changed(audited, tmp_path) -> None:  # noqa: ANN001
    practice, client, session_id = audited
    env = app_env(tmp_path / "home", PASSPHRASE)
    verified = run_module("audit", "verify", "--data-dir", str(practice.data_dir), env=env)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("The audit trail is whole: 3 entries from 2026-01-01 ")

    listed = run_module("audit", "list", "--client", str(client), "--data-dir",
                        str(practice.data_dir), env=env)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        line for line in listed.stdout.splitlines() if f"client {client}" in line]
    assert "signed" in listed.stdout and f"session {session_id}" in listed.stdout
    later = run_module("audit", "list", "--since", "2030-01-01", "--data-dir",
                       str(practice.data_dir), env=env)
    assert later.stdout.strip() == "No audit entries since 2030-01-01."

    raw_edit(practice.db_path, "DROP TRIGGER audit_log_no_update",
             "UPDATE audit_log SET detail = 'signed by someone else' WHERE id = 2")
    broken = run_module("audit", "verify", "--data-dir", str(practice.data_dir), env=env)
    assert broken.returncode == 1
    assert broken.stdout.startswith("The audit trail is broken: entry 2 (")
    assert "signed) was changed after it was written" in broken.stdout
    assert not has_traceback(broken.stderr)


def test_check_names_a_signed_record_edited_behind_the_apps_back(audited, tmp_path) -> None:  # noqa: ANN001
    practice, _client, session_id = audited
    env = app_env(tmp_path / "home", PASSPHRASE)
    sound = run_module("check", "--data-dir", str(practice.data_dir), env=env)
    assert sound.returncode == 0, sound.stdout + sound.stderr
    assert "signed records: ok, each matches its seal" in sound.stdout
    assert "audit trail: ok" in sound.stdout

    raw_edit(practice.db_path, "DROP TRIGGER session_events_no_update",
             "UPDATE session_events SET data = json_set(data, '$.text', 'Agitated') "
             f"WHERE session_id = {session_id} AND kind = 'note'")
    altered = run_module("check", "--data-dir", str(practice.data_dir), env=env)
    assert altered.returncode == 1
    assert "PROBLEMS FOUND" in altered.stdout and "signed records: ALTERED" in altered.stdout
    assert f"session {session_id} is ALTERED: it was changed outside KAPDesk" in altered.stdout


def test_exports_backups_and_restores_from_the_command_line_are_audited(audited, tmp_path) -> None:  # noqa: ANN001
    practice, client, session_id = audited
    data_dir = practice.data_dir
    env = app_env(tmp_path / "home", PASSPHRASE)
    target = tmp_path / "out" / "record.json"
    target.parent.mkdir()
    exported = run_module("export", "--session", str(session_id), "--json", str(target),
                          "--quiet", "--data-dir", str(data_dir), env=env)
    assert exported.returncode == 0, exported.stderr
    made = run_module("backup", "--data-dir", str(data_dir), env=env)
    assert made.returncode == 0, made.stderr
    assert "The audit trail in it ends at " in made.stdout
    backup = next((data_dir / "backups").glob("practice-*.kapdesk"))
    restored = run_module("restore", str(backup), "--data-dir", str(data_dir), env=env)
    assert restored.returncode == 0, restored.stderr

    listed = run_module("audit", "list", "--data-dir", str(data_dir), env=env).stdout.splitlines()
    # The restored practice is the backup's (made after the export), and then the restore.
    assert "restore" in listed[0] and f"from {backup}, made 20" in listed[0]
    [aside] = data_dir.glob("practice-replaced-*.kapdesk")
    assert listed[0].endswith(f"the practice it replaced is kept beside it as {aside.name}")
    assert "export" in listed[1] and f"JSON to {target}" in listed[1]
    assert f"client {client}, session {session_id}" in listed[1]
    verified = run_module("audit", "verify", "--data-dir", str(data_dir), env=env)
    assert verified.returncode == 0, verified.stdout
