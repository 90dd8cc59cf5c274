"""The record store: writes, merges, conflicts, tombstones, purge, outbox, search."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from storage.crypto import random_key
from storage.errors import IntegrityFailure, KeyUnavailable, Locked
from storage.store import RecordStore
from sync.changes import Change
from sync.hlc import HybridClock
from tests.support.replicas import make_store, sync_all

SPACE = "work:p1"


@pytest.fixture
def keys() -> dict[str, dict[int, bytes]]:
    return {SPACE: {1: random_key()}}


@pytest.fixture
def trio(tmp_path: Path, keys: dict[str, dict[int, bytes]]) -> list[RecordStore]:
    return [make_store(tmp_path / f"{n}.db", keys=keys, actor=n) for n in "abc"]


def test_put_and_get_round_trip(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    rid = store.put(
        record_type="case_note",
        space=SPACE,
        parent="participant-1",
        values={"date": "2026-11-23", "mode": "face_to_face", "minutes": 45},
        texts={"body": "Kari møtte arbeidsgiveren på kafé i Tromsø 🎉"},
    )
    rec = store.get(rid)
    assert rec is not None
    assert rec.type == "case_note" and rec.space == SPACE and rec.parent == "participant-1"
    assert rec.fields == {
        "date": "2026-11-23",
        "mode": "face_to_face",
        "minutes": 45,
        "body": "Kari møtte arbeidsgiveren på kafé i Tromsø 🎉",
    }
    assert not rec.deleted and not rec.conflicted


def test_a_write_guard_refuses_writes_before_they_touch_the_database(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    rid = store.put(record_type="case_note", space=SPACE, values={"minutes": 30})
    asked: list[str] = []

    def refuse() -> None:
        asked.append("write")
        raise PermissionError("not from this thread")

    store.guard_writes(refuse)
    with pytest.raises(PermissionError):
        store.put(rid, record_type="case_note", space=SPACE, values={"minutes": 45})
    with pytest.raises(PermissionError):
        store.delete(rid)
    with pytest.raises(PermissionError):
        store.set_setting("team_space", "team:x")
    with pytest.raises(PermissionError):
        store.apply_changes([])
    assert asked == ["write"] * 4
    rec = store.get(rid, audit=False)  # reads are not guarded
    assert rec is not None and rec.fields["minutes"] == 30 and not rec.deleted
    assert store.setting("team_space") is None

    store.guard_writes(None)
    store.put(rid, record_type="case_note", space=SPACE, values={"minutes": 45})
    rec = store.get(rid, audit=False)
    assert rec is not None and rec.fields["minutes"] == 45


def test_unchanged_fields_make_no_changes(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    rid = store.put(record_type="t", space=SPACE, values={"a": 1}, texts={"b": "x"})
    before = store.outbox_size()
    store.put(rid, record_type="t", space=SPACE, values={"a": 1}, texts={"b": "x"})
    assert store.outbox_size() == before
    store.put(rid, record_type="t", space=SPACE, values={"a": 2})
    assert store.outbox_size() == before + 1


def test_type_and_space_are_fixed(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    rid = store.put(record_type="t", space=SPACE, values={"a": 1})
    with pytest.raises(ValueError):
        store.put(rid, record_type="other", space=SPACE, values={"a": 2})
    with pytest.raises(ValueError):
        store.put(record_type="t", space=SPACE, values={"_deleted": True})


def test_every_local_write_lands_in_outbox_with_encrypted_payload(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    store.put(record_type="t", space=SPACE, values={"name": "SENTINEL-Ola"}, texts={"n": "hei"})
    out = store.outbox()
    assert {c.field for c in out} == {"name", "n"}
    assert all(b"SENTINEL" not in c.payload for c in out)
    store.mark_pushed([out[0].change_id])
    assert [c.change_id for c in store.outbox()] == [out[1].change_id]


def test_concurrent_register_writes_converge_and_keep_loser(trio: list[RecordStore]) -> None:
    a, b, c = trio
    rid = a.put(record_type="meeting", space=SPACE, values={"next": "2026-12-01"})
    sync_all(a, b, c)
    a.put(rid, record_type="meeting", space=SPACE, values={"next": "2026-12-10"})
    b.put(rid, record_type="meeting", space=SPACE, values={"next": "2027-01-05"})
    sync_all(a, b, c)
    winners = {s.get(rid).fields["next"] for s in trio}  # type: ignore[union-attr]
    assert len(winners) == 1
    for s in trio:
        rec = s.get(rid)
        assert rec is not None and rec.conflicted
        losing = s.losing_values(rid)
        assert len(losing) == 1
        assert {losing[0].value, rec.fields["next"]} == {"2026-12-10", "2027-01-05"}
        assert losing[0].device in (a.device, b.device)
    assert a.state_hash() == b.state_hash() == c.state_hash()


def test_sequential_overwrite_is_not_a_conflict(trio: list[RecordStore]) -> None:
    a, b, _ = trio
    rid = a.put(record_type="meeting", space=SPACE, values={"next": "2026-12-01"})
    sync_all(a, b)
    b.put(rid, record_type="meeting", space=SPACE, values={"next": "2026-12-02"})
    sync_all(a, b)
    a.put(rid, record_type="meeting", space=SPACE, values={"next": "2026-12-03"})
    sync_all(a, b)
    for s in (a, b):
        rec = s.get(rid)
        assert rec is not None and rec.fields["next"] == "2026-12-03"
        assert not rec.conflicted and s.losing_values(rid) == []


def test_resolving_a_conflict_restores_the_losing_value_everywhere(
    trio: list[RecordStore],
) -> None:
    a, b, c = trio
    rid = a.put(record_type="meeting", space=SPACE, values={"next": "x"})
    sync_all(a, b, c)
    a.put(rid, record_type="meeting", space=SPACE, values={"next": "from-a"})
    b.put(rid, record_type="meeting", space=SPACE, values={"next": "from-b"})
    sync_all(a, b, c)
    loser = c.losing_values(rid)[0]
    c.resolve_conflict(rid, "next", loser.version)
    sync_all(a, b, c)
    for s in trio:
        rec = s.get(rid)
        assert rec is not None and rec.fields["next"] == loser.value
        assert not rec.conflicted
    assert a.state_hash() == b.state_hash() == c.state_hash()


def test_concurrent_text_edits_both_survive(trio: list[RecordStore]) -> None:
    a, b, c = trio
    base = "Første avsnitt om jobbsøking.\n\nAndre avsnitt om arbeidsgiveren."
    rid = a.put(record_type="case_note", space=SPACE, texts={"body": base})
    sync_all(a, b, c)
    a.put(
        rid,
        record_type="case_note",
        space=SPACE,
        texts={"body": base.replace("Første avsnitt", "Første avsnitt (Åse)")},
    )
    b.put(
        rid,
        record_type="case_note",
        space=SPACE,
        texts={"body": base.replace("arbeidsgiveren", "arbeidsgiveren på Lørenskog 🎉")},
    )
    sync_all(a, b, c)
    texts = {s.get(rid).fields["body"] for s in trio}  # type: ignore[union-attr]
    assert len(texts) == 1
    (text,) = texts
    assert "(Åse)" in text and "Lørenskog 🎉" in text


def test_delete_then_concurrent_edit_resurrects_flagged(trio: list[RecordStore]) -> None:
    a, b, c = trio
    rid = a.put(record_type="visit", space=SPACE, values={"outcome": "ok"}, texts={"w": "notat"})
    sync_all(a, b, c)
    a.delete(rid)
    b.put(rid, record_type="visit", space=SPACE, values={"outcome": "ny avtale"})
    # both delivery orders
    c.apply_changes(b.all_changes())
    c.apply_changes(a.all_changes())
    a.apply_changes(b.all_changes())
    b.apply_changes(a.all_changes())
    for s in trio:
        rec = s.get(rid)
        assert rec is not None
        assert not rec.deleted and rec.resurrected
        assert rec.fields["outcome"] == "ny avtale"
    assert a.state_hash() == b.state_hash() == c.state_hash()
    # Reviewing it (restore) clears the flag everywhere.
    a.restore(rid)
    sync_all(a, b, c)
    assert all(not s.get(rid).resurrected for s in trio)  # type: ignore[union-attr]


def test_delete_seen_edits_stays_deleted(trio: list[RecordStore]) -> None:
    a, b, _ = trio
    rid = a.put(record_type="visit", space=SPACE, values={"outcome": "ok"})
    sync_all(a, b)
    b.put(rid, record_type="visit", space=SPACE, values={"outcome": "x"})
    sync_all(a, b)
    a.delete(rid)
    sync_all(a, b)
    for s in (a, b):
        rec = s.get(rid)
        assert rec is not None and rec.deleted and not rec.resurrected
        assert s.query(record_type="visit") == []
        assert [r.id for r in s.query(record_type="visit", include_deleted=True)] == [rid]


def test_purge_removes_content_and_drops_late_changes(trio: list[RecordStore]) -> None:
    a, b, c = trio
    rid = a.put(record_type="note", space=SPACE, texts={"body": "SENTINEL-purge tekst"})
    sync_all(a, b)
    late = b.put(rid, record_type="note", space=SPACE, texts={"body": "SENTINEL-purge endret"})
    assert late == rid
    a.purge(rid)
    # c sees the purge first, then the late edit: the edit is dropped.
    c.apply_changes([ch for ch in a.all_changes()])
    c.apply_changes(b.all_changes())
    sync_all(a, b, c)
    for s in trio:
        assert s.get(rid) is None
        assert s.search("SENTINEL") == []
        assert all(ch.record_id != rid or ch.kind == "purge" for ch in s.all_changes())
        with pytest.raises(ValueError):
            s.put(rid, record_type="note", space=SPACE, values={"x": 1})
    assert a.state_hash() == b.state_hash() == c.state_hash()


def test_apply_is_idempotent_and_atomic_with_cursor(trio: list[RecordStore]) -> None:
    a, b, _ = trio
    a.put(record_type="t", space=SPACE, values={"x": 1}, texts={"y": "æøå"})
    changes = a.all_changes()
    first = b.apply_changes(changes, cursor=("server", "17"))
    assert first.applied == len(changes) and first.duplicates == 0
    again = b.apply_changes(changes + changes, cursor=("server", "18"))
    assert again.applied == 0 and again.duplicates == 2 * len(changes)
    assert b.cursor("server") == "18"
    assert a.state_hash() == b.state_hash()


def test_failed_apply_rolls_back_cursor_and_changes(
    trio: list[RecordStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, _ = trio
    a.put(record_type="t", space=SPACE, values={"x": 1})
    b.apply_changes([], cursor=("server", "1"))

    def boom(*_args: object) -> None:
        raise RuntimeError("killed mid-apply")

    monkeypatch.setattr(b.merger, "before_write", boom)
    with pytest.raises(RuntimeError):
        b.apply_changes(a.all_changes(), cursor=("server", "2"))
    monkeypatch.undo()
    assert b.cursor("server") == "1"
    assert b.query() == []
    assert b.apply_changes(a.all_changes()).applied == len(a.all_changes())


def test_tampered_change_is_quarantined_others_apply(trio: list[RecordStore]) -> None:
    a, b, _ = trio
    a.put(record_type="t", space=SPACE, values={"x": 1})
    a.put(record_type="t", space=SPACE, values={"x": 2})
    good, bad = a.all_changes()
    flipped = bytearray(bad.payload)
    flipped[-1] ^= 0x01
    tampered = Change(
        **{**{k: getattr(bad, k) for k in Change.__slots__}, "payload": bytes(flipped)}
    )
    moved = Change(
        **{
            **{k: getattr(good, k) for k in Change.__slots__},
            "change_id": "moved",
            "record_id": bad.record_id,
        }
    )
    result = b.apply_changes([good, tampered, moved])
    assert result.applied == 1
    assert set(result.quarantined) == {bad.change_id, "moved"}
    assert [r.fields for r in b.query()] == [{"x": 1}]


def test_far_future_stamp_is_flagged_not_adopted(keys: dict[str, dict[int, bytes]]) -> None:
    three_days = 3 * 24 * 3600 * 1000
    b = make_store(None, keys=keys)
    fast = make_store(
        None, keys=keys, clock=HybridClock(now_ms=lambda: int(time.time() * 1000) + three_days)
    )
    fast.put(record_type="t", space=SPACE, values={"x": 9})
    result = b.apply_changes(fast.all_changes())
    assert result.applied == 1 and len(result.far_future) == 1
    assert b.get(b.query()[0].id).fields == {"x": 9}  # type: ignore[union-attr]
    # b's clock was not dragged forward: its next stamp is near its own time.
    b.put(record_type="t", space=SPACE, values={"x": 1})
    assert b.clock.last.wall_ms < time.time() * 1000 + 3600 * 1000


def test_stamps_after_a_batch_follow_its_newest_change(keys: dict[str, dict[int, bytes]]) -> None:
    # The other laptop's clock runs two minutes ahead: inside the window, so adopted.
    ahead = 2 * 60 * 1000
    b = make_store(None, keys=keys)
    other = make_store(
        None, keys=keys, clock=HybridClock(now_ms=lambda: int(time.time() * 1000) + ahead)
    )
    for x in range(3):
        other.put(record_type="t", space=SPACE, values={"x": x})
    remote = other.all_changes()
    result = b.apply_changes(list(reversed(remote)))  # the newest need not come last
    assert result.applied == 3 and not result.far_future
    newest = max(ch.hlc for ch in remote)
    assert (b._meta("hlc_last") or "") > newest  # persisted with the batch
    b.put(record_type="t", space=SPACE, values={"x": 9})
    (mine,) = [ch for ch in b.all_changes() if ch.device == b.device]
    assert mine.hlc > newest


def test_space_without_key_is_unreadable_and_pending(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    clinical = "clinical:p1"
    therapist = make_store(tmp_path / "t.db", keys={**keys, clinical: {1: random_key()}})
    specialist = make_store(tmp_path / "s.db", keys=keys)
    rid = therapist.put(record_type="therapy_session", space=clinical, texts={"body": "fortrolig"})
    therapist.put(record_type="case_note", space=SPACE, texts={"body": "åpen"})
    result = specialist.apply_changes(therapist.all_changes())
    assert result.pending_key == 1
    assert [r.type for r in specialist.query()] == ["case_note"]
    assert specialist.get(rid) is None  # never materialised without the key
    with pytest.raises(KeyUnavailable):
        specialist.put(rid, record_type="therapy_session", space=clinical, values={"x": 1})
    # A key granted later makes the pending change readable.
    specialist.keys.add(clinical, 1, therapist.keys.key(clinical, 1))
    assert specialist.retry_pending().applied == 1
    assert specialist.get(rid).fields["body"] == "fortrolig"  # type: ignore[union-attr]


def test_a_retry_that_fails_midway_keeps_the_changes_waiting(
    tmp_path: Path, keys: dict[str, dict[int, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    clinical = "clinical:p1"
    therapist = make_store(tmp_path / "t.db", keys={**keys, clinical: {1: random_key()}})
    other = make_store(tmp_path / "o.db", keys=keys)
    rid = therapist.put(record_type="therapy_session", space=clinical, texts={"body": "fortrolig"})
    assert other.apply_changes(therapist.all_changes()).pending_key == 1
    other.keys.add(clinical, 1, therapist.keys.key(clinical, 1))

    def boom(_record_id: str) -> None:
        raise OSError("disk gone")  # a power cut or a full disk mid-apply

    monkeypatch.setattr(other.merger, "before_write", boom)
    with pytest.raises(OSError):
        other.retry_pending()
    # Nothing is lost: the change still waits, and the next retry applies it.
    assert other.waiting_for_key() == {clinical: 1}
    monkeypatch.setattr(other.merger, "before_write", None)
    assert other.retry_pending().applied == 1
    assert other.get(rid).fields["body"] == "fortrolig"  # type: ignore[union-attr]


def test_search_norwegian_case_and_prefix(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    r1 = store.put(
        record_type="note", space=SPACE, texts={"body": "Møte med Åse på bakeriet i Bærum"}
    )
    store.put(record_type="note", space=SPACE, texts={"body": "Gikk tur langs Akerselva"})
    assert [r.id for r in store.search("åse bærum")] == [r1]
    assert [r.id for r in store.search("BÆR")] == [r1]
    assert store.search("ase") == []  # å is its own letter, not a with a ring
    assert store.search('"; DROP TABLE records; --') == []
    store.put(r1, record_type="note", space=SPACE, texts={"body": "Endret: intervju hos Rema"})
    assert store.search("Åse") == [] and [r.id for r in store.search("intervju")] == [r1]
    store.delete(r1)
    assert store.search("intervju") == []


def test_lock_drops_everything(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    rid = store.put(record_type="t", space=SPACE, values={"x": 1})
    store.lock()
    for call in (
        lambda: store.get(rid),
        lambda: store.query(),
        lambda: store.put(record_type="t", space=SPACE, values={"x": 2}),
        lambda: store.search("x"),
        lambda: store.outbox(),
        lambda: store.apply_changes([]),
        lambda: store.backup_key(),
        lambda: store.keys,
    ):
        with pytest.raises(Locked):
            call()


def test_flipped_byte_in_stored_record_fails_alone(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    ids = [store.put(record_type="t", space=SPACE, values={"n": i}) for i in range(3)]
    blob = bytearray(
        store.conn.execute("SELECT content FROM records WHERE id = ?", (ids[1],)).fetchone()[0]
    )
    blob[20] ^= 0xFF
    store.conn.execute("UPDATE records SET content = ? WHERE id = ?", (bytes(blob), ids[1]))
    with pytest.raises(IntegrityFailure) as err:
        store.get(ids[1])
    assert ids[1] in str(err.value)
    listed = store.query()
    assert [r.error for r in listed] == [None, "integrity", None]
    assert [r.fields.get("n") for r in listed if r.error is None] == [0, 2]
    assert [f.record_id for f in store.verify()] == [ids[1]]
    assert any(
        e.action == "integrity_failure" and e.record_id == ids[1] for e in store.audit_entries()
    )


def test_ciphertext_moved_to_other_record_fails(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    a = store.put(record_type="t", space=SPACE, values={"n": "a"})
    b = store.put(record_type="t", space=SPACE, values={"n": "b"})
    blob = store.conn.execute("SELECT content FROM records WHERE id = ?", (a,)).fetchone()[0]
    store.conn.execute("UPDATE records SET content = ? WHERE id = ?", (blob, b))
    with pytest.raises(IntegrityFailure):
        store.get(b)
    assert store.get(a).fields == {"n": "a"}  # type: ignore[union-attr]


def test_writes_are_audited_ids_only(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    rid = store.put(record_type="t", space=SPACE, values={"name": "SENTINEL-Kari"})
    store.get(rid)
    store.put(rid, record_type="t", space=SPACE, values={"name": "SENTINEL-Kari N."})
    store.delete(rid)
    actions = [(e.action, e.record_id) for e in store.audit_entries(rid)]
    assert actions == [("create", rid), ("read", rid), ("change", rid), ("delete", rid)]
    dump = "\n".join(str(e) for e in store.audit_entries())
    assert "SENTINEL" not in dump
    assert store.verify_audit().ok
