"""Records written again in another space (a team's records brought into a new team after
its server was replaced): on the laptop that moves them, and on one that holds the old copy
when the moved record arrives."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.crypto import random_key
from storage.store import MOVED, RecordMove, RecordStore
from tests.support.replicas import make_store, sync_all

OLD, NEW = "team:gammelt", "team:nytt"


def _pair(tmp_path: Path) -> tuple[RecordStore, RecordStore, str]:
    """Two replicas holding both spaces' keys, and an employer both hold in the old one."""
    keys = {OLD: {1: random_key()}, NEW: {1: random_key()}}
    a, b = (make_store(tmp_path / f"{n}.db", keys=keys, actor=n) for n in "ab")
    rid = a.put(record_type="employer", space=OLD, values={"name": "Lager AS"})
    sync_all(a, b)
    return a, b, rid


def _move(store: RecordStore, rid: str, name: str) -> None:
    rec = store.get(rid)
    assert rec is not None
    move = RecordMove(rid, rid, rec.type, NEW, None, {"name": name}, {}, False, "")
    assert store.move_records([move]) == [MOVED]


def test_a_moved_record_keeps_its_id_and_leaves_no_change_in_the_old_space(
    tmp_path: Path,
) -> None:
    a, _, rid = _pair(tmp_path)
    _move(a, rid, "Lager AS")
    rec = a.get(rid)
    assert rec is not None and rec.space == NEW and rec.fields == {"name": "Lager AS"}
    assert {c.space for c in a.all_changes() if c.record_id == rid} == {NEW}
    assert set(a.outbox_spaces()) == {NEW}
    assert a.query(space=OLD) == []


@pytest.mark.parametrize("allowed", [True, False])
def test_a_replica_holding_the_old_copy_lets_it_move_only_as_the_app_allows(
    tmp_path: Path, allowed: bool
) -> None:
    a, b, rid = _pair(tmp_path)
    asked: list[tuple[str, str]] = []

    def check(old: str, new: str) -> bool:
        asked.append((old, new))
        return allowed

    b.set_move_check(check)
    _move(a, rid, "Lager og Logistikk AS")

    result = b.apply_changes(a.outbox())

    assert asked and set(asked) == {(OLD, NEW)}
    rec = b.get(rid)
    assert rec is not None
    if allowed:
        assert result.moved == {rid} and not result.quarantined
        assert rec.space == NEW and rec.fields == {"name": "Lager og Logistikk AS"}
        assert b.state_hash() == a.state_hash()
    else:
        assert not result.moved and result.quarantined
        assert rec.space == OLD and rec.fields == {"name": "Lager AS"}


def test_a_replica_with_unsent_changes_of_the_old_copy_keeps_it(tmp_path: Path) -> None:
    a, b, rid = _pair(tmp_path)
    b.set_move_check(lambda _old, _new: True)
    b.put(rid, record_type="employer", space=OLD, values={"phone": "55 55 55 55"})
    _move(a, rid, "Lager og Logistikk AS")

    result = b.apply_changes(a.outbox())

    assert not result.moved and result.quarantined  # its own edit would be lost
    rec = b.get(rid)
    assert rec is not None and rec.space == OLD and rec.fields["phone"] == "55 55 55 55"
