"""Register ancestry survives versions that never arrive (the server compacts them away).

Each register write carries a causal summary: per device, the newest version of
the field in its ancestor closure, and that device's versions below it that are
not ancestors (unresolved losing values). A replica holding an old version sees
that a new winner descends from it even without the versions in between, and a
genuine losing value stays listed.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import msgspec
import pytest

from storage.crypto import random_key
from storage.envelopes import change_aad
from storage.ids import new_id
from storage.store import RecordStore
from sync.changes import Change
from sync.hlc import Hlc
from tests.support.replicas import make_store

SPACE = "work:p1"


@pytest.fixture
def keys() -> dict[str, dict[int, bytes]]:
    return {SPACE: {1: random_key()}}


def _stores(tmp_path: Path, keys: dict[str, dict[int, bytes]], names: str) -> list[RecordStore]:
    return [make_store(tmp_path / f"{n}.db", keys=keys, actor=n) for n in names]


def _field(store: RecordStore, rid: str, name: str) -> list[Change]:
    """The store's versions of one field, oldest first."""
    return [c for c in store.all_changes() if c.record_id == rid and c.field == name]


def _losing(store: RecordStore, rid: str) -> list[str]:
    return sorted(str(lv.value) for lv in store.losing_values(rid))


def _put(store: RecordStore, rid: str, value: str) -> None:
    store.put(rid, record_type="case_note", space=SPACE, values={"status": value})
    time.sleep(0.002)  # distinct wall times, so the order of writes is the order of stamps


def test_a_winner_whose_intermediates_never_arrived_is_no_conflict(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    a, b = _stores(tmp_path, keys, "ab")
    rid = a.put(record_type="case_note", space=SPACE, values={"status": "v0"})
    b.apply_changes(a.all_changes())
    for n in (1, 2, 3):
        _put(a, rid, f"v{n}")
    b.apply_changes(_field(a, rid, "status")[-1:])  # v1 and v2 compacted away
    rec = b.get(rid)
    assert rec is not None and rec.fields["status"] == "v3" and not rec.conflicted
    assert b.losing_values(rid) == [] and b.state_hash() == a.state_hash()


def test_a_concurrent_value_stays_a_losing_value_without_the_intermediates(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    a, b, c = _stores(tmp_path, keys, "abc")
    rid = a.put(record_type="case_note", space=SPACE, values={"status": "v0"})
    for s in (b, c):
        s.apply_changes(a.all_changes())
    _put(b, rid, "fra B")  # never seen by A's edits below
    for n in (1, 2, 3):
        _put(a, rid, f"v{n}")
    c.apply_changes(_field(b, rid, "status")[-1:])
    c.apply_changes(_field(a, rid, "status")[-1:])
    a.apply_changes(_field(b, rid, "status")[-1:])
    assert _losing(c, rid) == _losing(a, rid) == ["fra B"]
    assert c.state_hash() == a.state_hash()


def test_an_own_losing_value_stays_listed_after_a_later_write(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    a, x, r = _stores(tmp_path, keys, "axr")
    rid = a.put(record_type="case_note", space=SPACE, values={"status": "v0"})
    for s in (x, r):
        s.apply_changes(a.all_changes())
    _put(a, rid, "a1")
    _put(x, rid, "x1")  # later, concurrent: wins over a1
    a.apply_changes(_field(x, rid, "status")[-1:])
    assert a.get(rid).fields["status"] == "x1" and _losing(a, rid) == ["a1"]  # type: ignore[union-attr]
    _put(a, rid, "a2")  # over x1; a1 is still unsettled
    a1 = [ch for ch in _field(a, rid, "status") if ch.device == a.device][1]
    r.apply_changes([a1])
    r.apply_changes(_field(a, rid, "status")[-1:])  # x1 never reaches R
    # a1 is A's own version below a2, but not an ancestor of it: still a losing value.
    assert _losing(r, rid) == _losing(a, rid) == ["a1"]
    a.resolve_conflict(rid, "status", None)
    r.apply_changes(_field(a, rid, "status")[-1:])
    assert _losing(r, rid) == _losing(a, rid) == []
    assert r.get(rid).fields["status"] == "a2"  # type: ignore[union-attr]


def _old_style(
    store: RecordStore, rid: str, value: str, device: str, hlc: str, bases: list[str]
) -> Change:
    """A register change as written before causal summaries: value and bases only."""
    draft = Change(new_id(), device, hlc, rid, "case_note", SPACE, "status", "register", 1, b"")
    body = msgspec.msgpack.encode({"v": value, "b": bases})
    payload = store.keys.cipher(SPACE, 1).seal(body, change_aad(draft))
    return dataclasses.replace(draft, payload=payload)


def test_payloads_without_a_summary_still_merge_by_their_bases(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    s, r = _stores(tmp_path, keys, "sr")
    rid = new_id()
    now = time.time_ns() // 1_000_000
    h0, h1, h2 = (Hlc(now - 3000 + n, 0).encode() for n in range(3))
    v0 = _old_style(s, rid, "v0", "old-device", h0, [])
    v1 = _old_style(s, rid, "v1", "old-device", h1, [f"{h0}@old-device"])
    other = _old_style(s, rid, "parallel", "third-device", h2, [f"{h0}@old-device"])
    s.apply_changes([v0, v1])
    assert _losing(s, rid) == []  # an old chain: ancestry by bases, as before
    r.apply_changes([v0, other])
    _put(s, rid, "new")  # a summary worked out from the old versions held here
    r.apply_changes(_field(s, rid, "status")[-1:])  # v1 never reaches R
    assert r.get(rid).fields["status"] == "new"  # type: ignore[union-attr]
    assert _losing(r, rid) == ["parallel"]  # v0 is an ancestor; the parallel one is not
    s.apply_changes([other])
    assert _losing(s, rid) == ["parallel"] and s.state_hash() == r.state_hash()
