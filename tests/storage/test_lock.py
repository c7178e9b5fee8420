"""One copy of KAPDesk per practice folder; a lock left by a crashed copy is taken over."""

from __future__ import annotations

from kapdesk.ui.shell.practice_lock import LOCK_NAME, PracticeLock
from tests.helpers.processes import LockHolder, app_env


def test_a_second_lock_on_the_same_folder_fails_until_the_first_is_released(data_dir) -> None:
    first = PracticeLock(data_dir)
    second = PracticeLock(data_dir)
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()
    assert not (data_dir / LOCK_NAME).exists()


def test_locks_on_different_folders_do_not_interfere(tmp_path) -> None:
    one, two = PracticeLock(tmp_path / "one"), PracticeLock(tmp_path / "two")
    assert one.acquire() and two.acquire()
    one.release()
    two.release()


def test_a_lock_held_by_another_live_process_is_respected(data_dir, tmp_path) -> None:
    holder = LockHolder(data_dir, app_env(tmp_path / "home"))
    try:
        assert holder.state == "locked"
        assert not PracticeLock(data_dir).acquire()
    finally:
        holder.stop()
    lock = PracticeLock(data_dir)
    assert lock.acquire()
    lock.release()


def test_a_lock_left_by_a_process_killed_with_sigkill_is_taken_over(data_dir, tmp_path) -> None:
    holder = LockHolder(data_dir, app_env(tmp_path / "home"))
    assert holder.state == "locked"
    holder.kill_hard()
    assert (data_dir / LOCK_NAME).exists()  # the crash left it behind
    lock = PracticeLock(data_dir)
    assert lock.acquire()
    assert not PracticeLock(data_dir).acquire()  # and it is really ours now
    lock.release()


def test_the_window_socket_is_named_from_the_practice_folder(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from kapdesk.ui.shell.practice_lock import socket_name

    first, other = tmp_path / "a", tmp_path / "b"
    assert socket_name(first) == socket_name(tmp_path / "x" / ".." / "a")
    assert socket_name(first) != socket_name(other)
    monkeypatch.setenv("TMPDIR", str(tmp_path / ("deep" * 30)))
    assert len(socket_name(first)) < 108  # what a Unix socket's path may hold
