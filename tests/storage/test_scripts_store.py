"""The script store: built-ins from code and read-only; the practice's own scripts
saved as validated JSON in the encrypted practice, and archived rather than deleted."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kapdesk.core.builtin_scripts import BUILTIN_SCRIPTS, ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.script import Phase
from kapdesk.core.script_editing import duplicate_script, replace_phase
from kapdesk.storage.practice import open_practice
from kapdesk.storage.scripts import ScriptStore, ScriptStoreError
from tests.helpers.constants import PASSPHRASE


@pytest.fixture
def store(practice, clock) -> ScriptStore:  # noqa: ANN001
    return ScriptStore(practice, clock)


def test_a_new_practice_lists_the_built_ins(store: ScriptStore) -> None:
    assert store.all() == list(BUILTIN_SCRIPTS)
    assert store.get(KAP_SUBLINGUAL.id) == KAP_SUBLINGUAL


def test_built_ins_are_read_only(store: ScriptStore) -> None:
    with pytest.raises(ScriptStoreError, match="duplicate it"):
        store.save(KAP_SUBLINGUAL)
    # Even when a copy pretends not to be built in, its id is reserved.
    with pytest.raises(ScriptStoreError):
        store.save(replace(ESKETAMINE, builtin=False, name="Mine"))
    assert store.get(ESKETAMINE.id) == ESKETAMINE


def test_a_copy_round_trips_and_survives_reopening(practice, data_dir, clock) -> None:  # noqa: ANN001
    copy = duplicate_script(KAP_SUBLINGUAL)
    copy = replace_phase(copy, 2, replace(copy.phases[2], planned_s=75 * 60))
    ScriptStore(practice, clock).save(copy)
    practice.close()
    reopened = open_practice(data_dir, PASSPHRASE)
    try:
        store = ScriptStore(reopened, clock)
        assert store.get(copy.id) == copy
        assert store.all() == [*BUILTIN_SCRIPTS, copy]
    finally:
        reopened.close()


def test_saving_again_updates_in_place(store: ScriptStore) -> None:
    copy = duplicate_script(ESKETAMINE)
    store.save(copy)
    renamed = replace(copy, name="Spravato, our way")
    store.save(renamed)
    assert store.get(copy.id) == renamed
    assert [s.id for s in store.all()].count(copy.id) == 1


def test_own_scripts_are_listed_by_name_after_the_built_ins(store: ScriptStore) -> None:
    zeta = replace(duplicate_script(KAP_SUBLINGUAL), name="zeta")
    alpha = replace(duplicate_script(KAP_SUBLINGUAL), name="Alpha")
    store.save(zeta)
    store.save(alpha)
    assert [s.name for s in store.all()][len(BUILTIN_SCRIPTS):] == ["Alpha", "zeta"]


def test_an_invalid_script_is_refused_with_its_problems(store: ScriptStore) -> None:
    copy = duplicate_script(KAP_SUBLINGUAL)
    bad = replace(copy, name=" ", phases=(Phase("Only", 0),))
    with pytest.raises(ScriptStoreError) as raised:
        store.save(bad)
    assert "Give the script a name" in str(raised.value)
    assert "longer than zero minutes" in str(raised.value)
    with pytest.raises(KeyError):
        store.get(copy.id)


def test_archived_scripts_leave_the_list_but_can_still_be_read(store: ScriptStore) -> None:
    copy = duplicate_script(KAP_SUBLINGUAL)
    store.save(copy)
    store.archive(copy.id)
    assert copy.id not in [s.id for s in store.all()]
    # Past sessions may still name it.
    assert store.get(copy.id) == copy


def test_an_unknown_id_is_a_key_error(store: ScriptStore) -> None:
    with pytest.raises(KeyError):
        store.get("no-such-script")
