"""Start-up reads only the header; the whole file is read in the background and by backups,
and a damaged page met later is said in words naming the practice and the latest checked backup."""

from __future__ import annotations

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.core.tasks import TaskCancelled
from kapdesk.core.whole_check import BY_BACKGROUND, BY_BACKUP
from kapdesk.services import open_services
from kapdesk.storage.backup_files import BY_HAND, CHECKED
from kapdesk.storage.errors import DamagedPage, is_damage
from kapdesk.storage.files import db_path_in
from kapdesk.storage.first_read import read_first_screen
from kapdesk.storage.practice import open_practice
from kapdesk.storage.prewarm import KeyedConnection
from kapdesk.storage.damage import backup_date_words
from tests.helpers.constants import PASSPHRASE
from tests.helpers.damage import damage_table
from tests.helpers.filesnap import snapshot


@pytest.fixture
def damaged(practice, clock):  # noqa: ANN001, ANN201
    """A practice with clients, one checked backup, then a byte changed in the clients' page."""
    services = open_services(practice, clock)
    for number in range(5):
        services.clients.add(ClientDraft(f"Client {number}"))
    backup = services.backups.back_up(kind=BY_HAND).backup
    assert backup.status == CHECKED
    practice.close()
    data_dir = practice.data_dir
    damage_table(data_dir, "clients")
    reopened = open_practice(data_dir, PASSPHRASE)  # the header and schema are sound
    yield open_services(reopened, clock), backup
    reopened.close()


def test_a_sound_practice_is_found_whole_and_remembered(services, clock) -> None:  # noqa: ANN001
    assert services.whole_check.last() is None and services.whole_check.due(False)
    result = services.whole_check.check()
    assert result.whole and result.by == BY_BACKGROUND and result.checked_at == clock.now()
    assert services.whole_check.last() == result
    assert not services.whole_check.due(False)


def test_a_checked_backup_counts_as_a_whole_check(services, clock) -> None:  # noqa: ANN001
    clock.advance(60)
    services.backups.back_up()
    last = services.whole_check.last()
    assert last is not None and last.whole and last.by == BY_BACKUP
    assert last.checked_at == clock.now()


def test_opening_costs_the_same_for_any_size_so_a_damaged_data_page_opens(practice, clock) -> None:  # noqa: ANN001
    services = open_services(practice, clock)
    services.clients.add(ClientDraft("Maya R."))
    practice.close()
    damage_table(practice.data_dir, "clients")
    before = snapshot(practice.data_dir)
    # The fast path reads the client list too: it declines, and the full path explains.
    keyed = KeyedConnection(db_path_in(practice.data_dir), PASSPHRASE).take()
    assert keyed is not None and read_first_screen(keyed) is None
    keyed.close()
    open_practice(practice.data_dir, PASSPHRASE).close()
    assert snapshot(practice.data_dir) == before


def test_the_whole_check_finds_the_damaged_page_and_remembers_it(damaged) -> None:  # noqa: ANN001
    services, _backup = damaged
    result = services.whole_check.check()
    assert not result.whole
    assert "damaged page" in result.problem and "Traceback" not in result.problem
    assert services.whole_check.last() == result
    assert services.whole_check.due(False)  # checked again at the next start


def test_a_check_stopped_for_a_session_finds_nothing_either_way(services) -> None:  # noqa: ANN001
    with pytest.raises(TaskCancelled):
        services.whole_check.check(stop=lambda: True)
    assert services.whole_check.last() is None


def test_a_damaged_page_read_later_is_said_naming_the_practice_and_the_latest_backup(damaged) -> None:  # noqa: ANN001
    services, backup = damaged
    with pytest.raises(DamagedPage) as caught:
        services.clients.list()
    assert is_damage(caught.value)
    words = str(caught.value)
    assert words == str(services.whole_check.damaged_page())
    assert str(services.practice.db_path) in words
    assert backup_date_words(backup.made_at) in words and "Settings → Backups" in words
    assert "malformed" not in words and "Nothing was overwritten" in words


def test_a_backup_of_a_damaged_practice_says_so_and_remembers_it(damaged) -> None:  # noqa: ANN001
    services, _backup = damaged
    before = [info.path for info in services.backups.backups()]
    with pytest.raises(DamagedPage) as caught:
        services.backups.back_up()
    assert str(services.practice.db_path) in str(caught.value)
    assert [info.path for info in services.backups.backups()] == before  # the good one stays
    last = services.whole_check.last()
    assert last is not None and not last.whole and last.by == BY_BACKUP


def test_a_backup_counting_as_a_whole_check_writes_nothing_that_makes_the_next_one_due(
        services, clock) -> None:  # noqa: ANN001
    from kapdesk.core.backup_schedule import INTERVAL_S, Trigger

    services.clients.add(ClientDraft("Maya R."))
    services.backups.back_up()
    assert services.whole_check.last().by == BY_BACKUP
    clock.advance(2 * INTERVAL_S)
    assert not services.backups.due(Trigger.TIMER)  # nothing was written since the backup


def test_the_session_screens_words_for_a_damaged_page(tmp_path) -> None:  # noqa: ANN001
    from kapdesk.storage.errors import not_noted_message, not_saved_message

    path = tmp_path / "practice.kapdesk"
    damaged = DamagedPage(path, "Mon 7 Dec 2026, 14:05")
    saved = not_saved_message(damaged)
    assert saved.startswith(f"Not saved: part of the practice file {path} is damaged.")
    assert "Note this on paper; everything recorded before is safe." in saved
    assert "Mon 7 Dec 2026, 14:05" in saved
    assert "no checked backup" not in not_saved_message(DamagedPage(path, None))
    noted = not_noted_message(damaged)
    assert str(path) in noted and noted.endswith("Everything recorded before is safe.")
