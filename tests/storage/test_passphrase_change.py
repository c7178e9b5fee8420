"""Changing the passphrase: in the open app, from the command line, and killed with SIGKILL.

What a person would notice: afterwards the practice opens with the new
passphrase and not the old, with every client, session and event; a backup
made first still opens with the old one; the app's stores go on without a
restart. A real `python -m kapdesk passphrase` process killed with SIGKILL at
each step of the change (and at random moments) leaves a practice that opens
with exactly one of the two passphrases and has lost nothing; whatever was
left half-done is finished or cleared at the next open.
"""

from __future__ import annotations

import dataclasses

import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.services import open_services
from kapdesk.storage.backup_check import check_copy, open_keyed, read_counts
from kapdesk.storage.backup_files import Counts
from kapdesk.storage.errors import DamagedPractice, PracticeError, WrongPassphrase
from kapdesk.storage.passphrase_change import (KEPT_ASIDE, NEW_CHECK, REKEYING, PassphraseChangeError,
                                               change_open_practice, change_passphrase,
                                               finish_interrupted_change)
from kapdesk.storage.practice import open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.practice_builder import add_client, live_session
from tests.helpers.processes import PYTHON, REPO, TIMEOUT_S, app_env, run_module

NEW = "a new and longer passphrase"
STAGES = ("backup", "export", "check copy", "new check file", "keep aside", "swap", "check in place",
          "replace check file", "remove old", "done")

_STOPPING_CHILD = """
import sys, time
import kapdesk.cli.passphrase as cli

def stop_at(name):
    print("stage", name, flush=True)
    if name == sys.argv[1]:
        print("stopped", flush=True)
        time.sleep(600)

cli.stage_hook = stop_at
from kapdesk.cli.tools import main
sys.exit(main(["passphrase", "--data-dir", sys.argv[2]]))
"""


@pytest.fixture
def filled(practice, clock, data_dir):  # noqa: ANN001, ANN201 - the practice with records, closed
    services = open_services(practice, clock)
    for name in ("Maya A.", "Jon B.", "Ines C."):
        services.clients.add(ClientDraft(name))
    client = add_client(practice.engine, "Pat D.")
    _session_id, runner = live_session(practice, clock, client)
    for index in range(20):
        clock.advance(30)
        runner.add_note(f"note {index}")
    practice.close()
    return _counts(data_dir, PASSPHRASE)


def _counts(data_dir: Path, passphrase: str) -> Counts:
    connection = open_keyed(data_dir / "practice.kapdesk", passphrase)
    try:
        return read_counts(connection)
    finally:
        connection.close()


def _opens_with(data_dir: Path, passphrase: str) -> bool:
    try:
        open_practice(data_dir, passphrase).close()
    except (WrongPassphrase, DamagedPractice):
        return False
    return True


def _exactly_one_opens(data_dir: Path, before: Counts) -> str:
    """The passphrase that opens it (asserting the other does not), with nothing lost."""
    old, new = _opens_with(data_dir, PASSPHRASE), _opens_with(data_dir, NEW)
    assert old != new, f"old opens: {old}, new opens: {new}"
    opener = PASSPHRASE if old else NEW
    # Nothing lost: the same records (the audit trail may hold the change's own entry).
    assert dataclasses.replace(_counts(data_dir, opener), audit_head="") == \
        dataclasses.replace(before, audit_head="")
    return opener


def _after_next_open(data_dir: Path, before: Counts) -> str:
    """What the next start finds once it has finished or cleared what was left."""
    finish_interrupted_change(data_dir)
    opener = _exactly_one_opens(data_dir, before)
    other = NEW if opener == PASSPHRASE else PASSPHRASE
    with pytest.raises(WrongPassphrase):  # the wrong one is called wrong, not damage
        open_practice(data_dir, other)
    assert not any((data_dir / name).exists() for name in (REKEYING, KEPT_ASIDE, NEW_CHECK))
    return opener


def test_the_change_opens_with_the_new_passphrase_only_and_the_backup_with_the_old(filled, data_dir, clock) -> None:  # noqa: ANN001
    changed = change_passphrase(data_dir, PASSPHRASE, NEW, clock)
    assert changed.counts == filled
    assert _after_next_open(data_dir, filled) == NEW
    assert check_copy(changed.backup.path, PASSPHRASE, filled) == filled  # old backups: old passphrase
    with pytest.raises(Exception):
        check_copy(changed.backup.path, NEW)


def test_a_wrong_current_a_weak_new_or_the_same_passphrase_changes_nothing(filled, data_dir, clock) -> None:  # noqa: ANN001
    for current, new in (("not the passphrase", NEW), (PASSPHRASE, "short"), (PASSPHRASE, PASSPHRASE)):
        with pytest.raises(PracticeError):
            change_passphrase(data_dir, current, new, clock)
    assert _after_next_open(data_dir, filled) == PASSPHRASE


def test_the_open_app_changes_it_and_its_stores_go_on_with_the_new_key(data_dir, clock,  # noqa: ANN001
                                                                       filled) -> None:
    practice = open_practice(data_dir, PASSPHRASE)
    services = open_services(practice, clock)
    assert len(services.clients.list()) == filled.clients  # connections open in the pool
    change_open_practice(practice, PASSPHRASE, NEW, clock)
    assert practice.passphrase == NEW
    services.clients.add(ClientDraft("After the change"))
    assert len(services.clients.list()) == filled.clients + 1
    assert services.records.passphrase_confirms(NEW) and not services.records.passphrase_confirms(PASSPHRASE)
    practice.close()
    assert _opens_with(data_dir, NEW) and not _opens_with(data_dir, PASSPHRASE)


def test_the_open_app_refuses_while_a_connection_stays_in_use(data_dir, clock, filled, monkeypatch) -> None:  # noqa: ANN001
    import kapdesk.storage.passphrase_change as change

    monkeypatch.setattr(change, "PAUSE_WAIT_S", 0.2)
    practice = open_practice(data_dir, PASSPHRASE)
    held = practice.engine.connect()  # a backup or a search, still reading
    try:
        with pytest.raises(PassphraseChangeError, match="try again"):
            change_open_practice(practice, PASSPHRASE, NEW, clock)
    finally:
        held.close()
    assert open_services(practice, clock).clients.list()  # the engine goes on as before
    practice.close()
    assert _opens_with(data_dir, PASSPHRASE)


def test_the_command_changes_it(filled, data_dir, tmp_path) -> None:  # noqa: ANN001
    env = app_env(tmp_path / "home", passphrase=PASSPHRASE, KAPDESK_NEW_PASSPHRASE=NEW)
    result = run_module("passphrase", "--data-dir", str(data_dir), env=env)
    assert result.returncode == 0, result.stderr
    assert "old passphrase" in result.stdout and "Traceback" not in result.stderr
    assert _counts(data_dir, NEW).audit_head != filled.audit_head  # the change is in the trail
    assert _after_next_open(data_dir, filled) == NEW


def _child(data_dir: Path, stop_at: str, home: Path) -> subprocess.Popen[str]:
    env = app_env(home, passphrase=PASSPHRASE, KAPDESK_NEW_PASSPHRASE=NEW)
    return subprocess.Popen([PYTHON, "-c", _STOPPING_CHILD, stop_at, str(data_dir)], cwd=REPO, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(TIMEOUT_S)
    child.stdout.close()
    child.stderr.close()


@pytest.mark.parametrize("stage", STAGES)
def test_killed_at_each_step_it_opens_with_exactly_one_and_loses_nothing(filled, data_dir, tmp_path,  # noqa: ANN001
                                                                         stage: str) -> None:
    child = _child(data_dir, stage, tmp_path / "home")
    for line in child.stdout:  # blocks until the child is at that step: no sleeping
        if line.strip() == "stopped":
            break
    else:
        pytest.fail(f"the change never reached {stage!r}: {child.stderr.read()}")
    _kill(child)
    _exactly_one_opens(data_dir, filled)  # as the kill left it
    expected = NEW if STAGES.index(stage) >= STAGES.index("check in place") else PASSPHRASE
    assert _after_next_open(data_dir, filled) == expected


def test_killed_at_random_moments_it_opens_with_exactly_one_and_loses_nothing(filled, data_dir,  # noqa: ANN001
                                                                             tmp_path, clock) -> None:
    rng = random.Random(15)
    start = time.monotonic()
    child = _child(data_dir, "never", tmp_path / "home")
    child.communicate(timeout=TIMEOUT_S)
    whole = time.monotonic() - start  # one whole change, start-up included
    assert child.returncode == 0
    current = NEW
    for round_ in range(4):
        # Back to the old passphrase by a change that is not killed, then killed somewhere.
        if current == NEW:
            clock.advance(60)
            change_passphrase(data_dir, NEW, PASSPHRASE, clock)
        child = _child(data_dir, "never", tmp_path / f"home{round_}")
        try:  # the real process at its own pace; the kill lands wherever it is then
            child.communicate(timeout=rng.uniform(0.3 * whole, whole))
        except subprocess.TimeoutExpired:
            _kill(child)
        current = _after_next_open(data_dir, filled)


def test_the_app_finishes_a_change_cut_short_when_it_starts(filled, data_dir, tmp_path) -> None:  # noqa: ANN001
    from tests.helpers.processes import run_app

    child = _child(data_dir, "check in place", tmp_path / "home")  # the new file is in place; the rest is not
    for line in child.stdout:
        if line.strip() == "stopped":
            break
    _kill(child)
    assert (data_dir / NEW_CHECK).exists() and (data_dir / KEPT_ASIDE).exists()
    started = run_app("--data-dir", str(data_dir), "--quit-after-start",
                      env=app_env(tmp_path / "home2", passphrase=NEW))
    assert started.returncode == 0, started.stderr
    assert not any((data_dir / name).exists() for name in (REKEYING, KEPT_ASIDE, NEW_CHECK))
    with pytest.raises(WrongPassphrase):  # the old one is wrong now, not "damaged"
        open_practice(data_dir, PASSPHRASE)
    # The same records; the audit trail has grown by the app's own unlock entry.
    assert dataclasses.replace(_counts(data_dir, NEW), audit_head="") == \
        dataclasses.replace(filled, audit_head="")


def test_the_open_app_goes_on_with_whichever_key_opens_the_file_when_the_change_fails_after_the_swap(
        data_dir, clock, filled, monkeypatch) -> None:  # noqa: ANN001
    import kapdesk.storage.passphrase_change as change

    practice = open_practice(data_dir, PASSPHRASE)
    services = open_services(practice, clock)

    def disk_gone(name: str) -> None:
        if name == "check in place":
            raise OSError(5, "Input/output error")

    with pytest.raises(OSError):
        change.change_open_practice(practice, PASSPHRASE, NEW, clock, stage=disk_gone)
    assert practice.passphrase == NEW  # the new file was in place: the engine follows it
    assert len(services.clients.list()) == filled.clients
    practice.close()
    assert _after_next_open(data_dir, filled) == NEW


def test_the_audit_trail_and_the_seals_stay_whole_across_a_passphrase_change(filled, data_dir, clock) -> None:  # noqa: ANN001
    from kapdesk.core.audit import AuditKind
    import kapdesk.storage.passphrase_change as change

    practice = open_practice(data_dir, PASSPHRASE)
    services = open_services(practice, clock)
    services.audit.record(AuditKind.SETTINGS_CHANGED, detail="before the change")
    change.change_open_practice(practice, PASSPHRASE, NEW, clock)
    practice.close()
    reopened = open_practice(data_dir, NEW)
    try:
        after = open_services(reopened, clock)
        after.audit.record(AuditKind.SETTINGS_CHANGED, detail="after the change")
        verdict = after.audit.verify()
        assert verdict.broken_at is None and verdict.count >= 2, verdict.words
    finally:
        reopened.close()
