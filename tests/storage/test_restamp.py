"""Re-stamping: a laptop whose clock ran days ahead syncs again once its clock is right.

The server refuses changes stamped more than five minutes after its own time;
``RecordStore.restamp_future`` gives the never-pushed changes stamped ahead fresh
stamps (re-sealed, references rewritten, records merged again). ``_Server`` here
relays changes as the real one does: it accepts a change only if its stamp is at
most five minutes ahead of its time, and hands out what it accepted in order.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from storage.crypto import random_key
from storage.store import RecordStore
from sync.changes import Change
from sync.hlc import DEFAULT_MAX_FUTURE_MS, RESTAMP_MARGIN_MS, Hlc, HybridClock
from tests.support.replicas import make_store

SPACE = "work:p1"
DAY_MS = 86_400_000


class _Clock:
    """A wall clock the test sets: real time plus an offset."""

    def __init__(self) -> None:
        self.offset_ms = 0

    def __call__(self) -> int:
        return time.time_ns() // 1_000_000 + self.offset_ms


@dataclass
class _Server:
    """Accepts a change only when stamped at most five minutes after its own (right) time."""

    log: list[Change] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def now() -> int:
        return time.time_ns() // 1_000_000

    def push(self, store: RecordStore) -> list[str]:
        """Push the outbox; returns the change ids refused for their stamps."""
        ids = {c.change_id for c in self.log}
        refused: list[str] = []
        done: list[str] = []
        for ch in store.outbox(limit=10_000):
            if Hlc.decode(ch.hlc).wall_ms > self.now() + DEFAULT_MAX_FUTURE_MS:
                refused.append(ch.change_id)
                continue
            if ch.change_id not in ids:
                self.log.append(ch)
                ids.add(ch.change_id)
            done.append(ch.change_id)
        store.mark_pushed(done)
        return refused

    def pull(self, store: RecordStore) -> None:
        at = self.read.get(store.device, 0)
        store.apply_changes(self.log[at:])
        self.read[store.device] = len(self.log)

    def sync(self, *stores: RecordStore) -> list[str]:
        refused: list[str] = []
        for _ in range(2):
            for s in stores:
                refused += self.push(s)
                self.pull(s)
        return refused


@dataclass
class _Pair:
    a: RecordStore
    b: RecordStore
    clock: _Clock  # A's wall clock
    server: _Server


@pytest.fixture
def pair(tmp_path: Path) -> _Pair:
    keys = {SPACE: {1: random_key()}}
    clock = _Clock()
    a = make_store(tmp_path / "a.db", keys=keys, actor="a", clock=HybridClock(now_ms=clock))
    b = make_store(tmp_path / "b.db", keys=keys, actor="b")
    return _Pair(a, b, clock, _Server())


def _rows(store: RecordStore) -> dict[str, tuple[str, bytes | None, str, int]]:
    """change id -> (hlc, payload, bases, pushed) of every change the store holds."""
    return {
        r[0]: (r[1], r[2], r[3], r[4])
        for r in store.conn.execute("SELECT change_id, hlc, payload, bases, pushed FROM changes")
    }


def _far(store: RecordStore) -> list[str]:
    """Stamps of the store's changes more than the margin ahead of now."""
    limit = Hlc(_Server.now() + RESTAMP_MARGIN_MS, 0).encode()
    return [h for (h,) in store.conn.execute("SELECT hlc FROM changes WHERE hlc > ?", (limit,))]


def _no_trace(store: RecordStore, stamps: list[str]) -> None:
    """No old stamp is left anywhere in the store's metadata."""
    tables = {
        "changes": "hlc || bases",
        "records": "version",
        "record_meta": "versions || heads",
        "conflicts": "version",
        "texts": "seal_version",
        "text_versions": "hlc",
        "purged": "version",
        "meta": "value",
    }
    for table, column in tables.items():
        for (value,) in store.conn.execute(f"SELECT {column} FROM {table}"):
            for stamp in stamps:
                assert stamp not in (value or ""), (table, stamp)


def _converged(p: _Pair) -> None:
    assert p.server.sync(p.a, p.b) == []
    assert p.a.outbox() == [] and p.b.outbox() == []
    assert p.a.state_hash() == p.b.state_hash()
    assert p.a.verify() == [] and p.b.verify() == []


def test_registers_written_ahead_sync_once_the_clock_is_right(pair: _Pair) -> None:
    p = pair
    rid = p.a.put(record_type="case_note", space=SPACE, values={"date": "2026-11-20", "n": 1})
    assert p.server.sync(p.a, p.b) == []
    p.clock.offset_ms = 3 * DAY_MS
    p.a.put(rid, record_type="case_note", space=SPACE, values={"n": 2, "mode": "telefon"})
    p.a.put(rid, record_type="case_note", space=SPACE, values={"n": 3})
    other = p.a.put(record_type="employer", space=SPACE, values={"name": "Bakeri AS"})
    ahead = _far(p.a)
    assert len(ahead) == 4
    assert len(p.server.push(p.a)) == 4  # refused
    # Still ahead: nothing to re-stamp from the clock's point of view.
    assert p.a.restamp_future(p.clock()) == 0

    p.clock.offset_ms = 0
    before = _rows(p.a)
    assert p.a.restamp_future(p.clock()) == 4
    assert _far(p.a) == []
    _no_trace(p.a, ahead)
    after = _rows(p.a)
    assert set(after) == set(before)  # the same change ids
    moved = {c for c in before if before[c][0] != after[c][0]}
    assert len(moved) == 4 and all(before[c][1] != after[c][1] for c in moved)  # re-sealed
    assert p.a.clock.last.wall_ms <= p.clock() + 1000
    assert p.a._meta("hlc_last") == p.a.clock.last.encode()  # persisted
    assert p.a.restamp_future(p.clock()) == 0  # nothing left

    _converged(p)
    got = p.b.get(rid)
    assert got is not None and got.fields == {"date": "2026-11-20", "n": 3, "mode": "telefon"}
    assert not got.conflicted and p.b.losing_values(rid) == []
    assert p.b.get(other) is not None
    # Edits after the fix are ordinary edits over the re-stamped values.
    p.a.put(rid, record_type="case_note", space=SPACE, values={"n": 4})
    _converged(p)
    assert p.b.get(rid).fields["n"] == 4  # type: ignore[union-attr]


def test_text_with_norwegian_letters_keeps_its_edits_and_its_fast_path(pair: _Pair) -> None:
    p = pair
    rid = p.a.put(record_type="case_note", space=SPACE, texts={"body": "Kari møtte sjefen."})
    assert p.server.sync(p.a, p.b) == []
    p.clock.offset_ms = 3 * DAY_MS
    p.a.put(rid, record_type="case_note", space=SPACE, texts={"body": "Kari møtte sjefen på kafé."})
    p.a.put(
        rid,
        record_type="case_note",
        space=SPACE,
        texts={"body": "Kari møtte sjefen på kafé i Tromsø; gikk bra, blåbærsyltetøy."},
    )
    ahead = _far(p.a)
    assert len(ahead) == 2
    p.clock.offset_ms = 0
    assert p.a.restamp_future(p.clock()) == 2
    _no_trace(p.a, ahead)
    assert p.server.push(p.a) == []
    p.server.pull(p.b)
    text = "Kari møtte sjefen på kafé i Tromsø; gikk bra, blåbærsyltetøy."
    assert p.b.get(rid).fields["body"] == text  # type: ignore[union-attr]
    # B held exactly the text A edited: both edits applied as positional deltas, which
    # only happens when the digests they carry name B's set of text changes (rewritten).
    unfolded = p.b.conn.execute(
        "SELECT count(*) FROM changes WHERE record_id = ? AND kind = 'text' AND folded = 0",
        (rid,),
    ).fetchone()[0]
    assert unfolded == 2
    _converged(p)
    assert p.a.get(rid).fields["body"] == text  # type: ignore[union-attr]
    # Both keep editing the re-stamped text.
    p.b.put(rid, record_type="case_note", space=SPACE, texts={"body": text + " Æ Ø Å."})
    _converged(p)
    assert p.a.get(rid).fields["body"] == text + " Æ Ø Å."  # type: ignore[union-attr]


def test_a_kept_text_and_the_text_state_are_sealed_again(pair: _Pair) -> None:
    p = pair
    rid = p.a.put(record_type="case_note", space=SPACE, texts={"body": "Første linje."})
    assert p.server.sync(p.a, p.b) == []
    p.b.put(rid, record_type="case_note", space=SPACE, texts={"body": "Første linje. Fra B."})
    p.clock.offset_ms = 3 * DAY_MS
    p.a.put(rid, record_type="case_note", space=SPACE, texts={"body": "Første linje. Fra A, ære."})
    p.server.push(p.b)
    p.server.pull(p.a)  # B's concurrent edit merged into A's: A's text is kept
    kept = p.a.text_versions(rid)
    assert len(kept) == 1 and Hlc.decode(kept[0].hlc).wall_ms > p.clock() - DAY_MS
    ahead = _far(p.a)
    p.clock.offset_ms = 0
    assert p.a.restamp_future(p.clock()) == 1
    _no_trace(p.a, ahead)
    again = p.a.text_versions(rid)
    assert [v.text for v in again] == ["Første linje. Fra A, ære."]
    assert again[0].hlc != kept[0].hlc and again[0].written_at.timestamp() < time.time() + 60
    _converged(p)
    merged = p.a.get(rid).fields["body"]  # type: ignore[union-attr]
    assert "Fra A, ære." in merged and "Fra B." in merged


def test_a_delete_written_ahead_stays_a_delete(pair: _Pair) -> None:
    p = pair
    rid = p.a.put(record_type="case_note", space=SPACE, values={"n": 1}, texts={"body": "å"})
    keep = p.a.put(record_type="case_note", space=SPACE, values={"n": 1})
    assert p.server.sync(p.a, p.b) == []
    p.clock.offset_ms = 3 * DAY_MS
    p.a.put(rid, record_type="case_note", space=SPACE, values={"n": 2}, texts={"body": "åø"})
    p.a.delete(rid)  # its watermark names the edit just made
    p.a.delete(keep)
    p.a.restore(keep)
    ahead = _far(p.a)
    p.clock.offset_ms = 0
    assert p.a.restamp_future(p.clock()) == 5
    _no_trace(p.a, ahead)
    _converged(p)
    for s in (p.a, p.b):
        gone = s.get(rid, audit=False)
        assert gone is not None and gone.deleted and not gone.resurrected
        back = s.get(keep, audit=False)
        assert back is not None and not back.deleted and not back.resurrected


def test_conflicts_with_a_remote_version_are_kept(pair: _Pair, tmp_path: Path) -> None:
    p = pair
    rid = p.a.put(record_type="case_note", space=SPACE, values={"status": "ny", "x": 0})
    assert p.server.sync(p.a, p.b) == []
    p.b.put(rid, record_type="case_note", space=SPACE, values={"status": "fra B"})
    p.clock.offset_ms = 3 * DAY_MS
    p.a.put(rid, record_type="case_note", space=SPACE, values={"status": "fra A"})
    # A version from elsewhere stamped even further ahead (an import, say) beats A's.
    far = Hlc(p.clock() + DAY_MS, 0).encode()
    foreign = p.a.foreign_register_change(
        record_id=rid,
        record_type="case_note",
        space=SPACE,
        field_name="x",
        value=99,
        device="zz-import",
        hlc=far,
    )
    p.a.put(rid, record_type="case_note", space=SPACE, values={"x": 1})
    p.a.apply_changes([foreign])
    p.server.push(p.b)
    p.server.pull(p.a)
    # (The imported version had seen nothing: x's first value is a losing value too.)
    assert {lv.value for lv in p.a.losing_values(rid)} == {"fra B", 0, 1}
    foreign_row = _rows(p.a)[foreign.change_id]
    ahead = [h for h in _far(p.a) if h != far]
    p.clock.offset_ms = 0
    assert p.a.restamp_future(p.clock()) == 2
    _no_trace(p.a, ahead)
    assert _rows(p.a)[foreign.change_id] == foreign_row  # not this device's: untouched
    rec = p.a.get(rid)
    assert rec is not None and rec.conflicted
    assert rec.fields["status"] == "fra A" and rec.fields["x"] == 99
    losing = {(lv.field, lv.value): lv for lv in p.a.losing_values(rid)}
    assert set(losing) == {("status", "fra B"), ("x", 0), ("x", 1)}
    mine = losing[("x", 1)]
    assert mine.hlc not in ahead and mine.device == p.a.device
    p.server.push(p.a)
    p.server.pull(p.b)
    p.b.apply_changes([foreign])
    assert p.a.state_hash() == p.b.state_hash()
    # Settling a conflict on A settles it everywhere. (Settling x would be stamped after
    # the imported version, days ahead, and wait for that time like any such write.)
    p.a.resolve_conflict(rid, "status", "fra B" and losing[("status", "fra B")].version)
    _converged(p)
    assert p.b.get(rid).fields["status"] == "fra B"  # type: ignore[union-attr]
    assert {(lv.field, lv.value) for lv in p.b.losing_values(rid)} == {("x", 0), ("x", 1)}


def test_pushed_changes_and_changes_within_the_margin_keep_their_stamps(pair: _Pair) -> None:
    p = pair
    rid = p.a.put(record_type="case_note", space=SPACE, values={"n": 1})
    assert p.server.sync(p.a, p.b) == []
    pushed = _rows(p.a)
    p.clock.offset_ms = 2 * 60_000  # two minutes fast: the server still takes these
    near = p.a.put(record_type="case_note", space=SPACE, values={"n": 1})
    p.clock.offset_ms = 3 * DAY_MS
    p.a.put(rid, record_type="case_note", space=SPACE, values={"n": 2})
    p.a.put(near, record_type="case_note", space=SPACE, values={"n": 2})
    rows = _rows(p.a)
    p.clock.offset_ms = 0
    assert p.a.restamp_future(p.clock()) == 2
    now = _rows(p.a)
    for cid, row in rows.items():
        if cid in pushed or row[0] < Hlc(p.clock() + RESTAMP_MARGIN_MS, 0).encode():
            assert now[cid] == row  # pushed, or not far ahead: untouched
        else:
            assert now[cid][0] != row[0]
    # The re-stamped edit of the near record still comes after its first version, which
    # kept its stamp two minutes ahead (the new clock starts at now).
    first, edit = [
        h
        for (h,) in p.a.conn.execute(
            "SELECT hlc FROM changes WHERE record_id = ? ORDER BY seq", (near,)
        )
    ]
    assert first < edit < Hlc(p.clock() + RESTAMP_MARGIN_MS, 0).encode()
    assert Hlc.decode(first).wall_ms > p.clock() + 60_000
    _converged(p)
    assert p.b.get(near).fields["n"] == 2 and p.b.losing_values(near) == []  # type: ignore[union-attr]
    assert p.b.get(rid).fields["n"] == 2  # type: ignore[union-attr]


def test_an_altered_change_is_left_as_it_is(pair: _Pair) -> None:
    p = pair
    p.clock.offset_ms = 3 * DAY_MS
    good = p.a.put(record_type="case_note", space=SPACE, values={"n": 1})
    bad = p.a.put(record_type="case_note", space=SPACE, values={"n": 1})
    cid, payload = p.a.conn.execute(
        "SELECT change_id, payload FROM changes WHERE record_id = ?", (bad,)
    ).fetchone()
    flipped = payload[:-1] + bytes([payload[-1] ^ 1])
    p.a.conn.execute("UPDATE changes SET payload = ? WHERE change_id = ?", (flipped, cid))
    row = _rows(p.a)[cid]
    p.clock.offset_ms = 0
    assert p.a.restamp_future(p.clock()) == 1
    assert _rows(p.a)[cid] == row  # untouched
    assert p.server.push(p.a) == [cid]  # still ahead; the good one went
    p.server.pull(p.b)
    assert p.b.get(good) is not None and p.b.get(bad) is None


def test_a_purge_written_ahead_is_re_stamped(pair: _Pair) -> None:
    p = pair
    rid = p.a.put(record_type="case_note", space=SPACE, values={"n": 1})
    assert p.server.sync(p.a, p.b) == []
    p.clock.offset_ms = 3 * DAY_MS
    p.a.put(rid, record_type="case_note", space=SPACE, values={"n": 2})
    p.a.purge(rid)
    ahead = _far(p.a)
    p.clock.offset_ms = 0
    assert p.a.restamp_future(p.clock()) == 2
    _no_trace(p.a, ahead)
    _converged(p)
    assert p.b.get(rid, audit=False) is None
    assert [r for (r,) in p.b.conn.execute("SELECT record_id FROM purged")] == [rid]


def test_three_replicas_converge_after_re_stamping(pair: _Pair, tmp_path: Path) -> None:
    p = pair
    c = make_store(tmp_path / "c.db", keys={SPACE: {1: p.a.keys.key(SPACE, 1)}}, actor="c")
    ids = [p.a.put(record_type="case_note", space=SPACE, values={"n": n}) for n in range(3)]
    assert p.server.sync(p.a, p.b, c) == []
    p.clock.offset_ms = 4 * DAY_MS
    for n, rid in enumerate(ids):
        p.a.put(rid, record_type="case_note", space=SPACE, values={"n": 10 + n})
    p.b.put(ids[0], record_type="case_note", space=SPACE, values={"n": 20})  # concurrent
    c.put(ids[1], record_type="case_note", space=SPACE, texts={"body": "Søknad sendt."})
    assert len(set(p.server.sync(p.a, p.b, c))) == 3  # A's refused, the rest synced
    p.clock.offset_ms = 0
    assert p.a.restamp_future(p.clock()) == 3
    assert p.server.sync(p.a, p.b, c) == []
    assert p.a.state_hash() == p.b.state_hash() == c.state_hash()
    # A's edit of ids[0] was made without seeing B's: both kept, A's (later) wins.
    assert c.get(ids[0]).fields["n"] == 10  # type: ignore[union-attr]
    assert [lv.value for lv in c.losing_values(ids[0])] == [20]


def test_a_failure_midway_leaves_everything_as_it_was(
    pair: _Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = pair
    p.clock.offset_ms = 3 * DAY_MS
    rid = p.a.put(record_type="case_note", space=SPACE, values={"n": 1}, texts={"body": "æ"})
    rows, clock, state = _rows(p.a), p.a.clock.last, p.a.state_hash()
    p.clock.offset_ms = 0

    def boom(*_args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(p.a.merger, "before_write", boom)
    with pytest.raises(RuntimeError):
        p.a.restamp_future(p.clock())
    monkeypatch.undo()
    assert _rows(p.a) == rows and p.a.clock.last == clock and p.a.state_hash() == state
    assert p.a.restamp_future(p.clock()) == 2
    _converged(p)
    assert p.b.get(rid).fields == {"n": 1, "body": "æ"}  # type: ignore[union-attr]
