"""Applying a batch of remote changes: search kept exact, and the m006 schema step."""

from __future__ import annotations

import json
import os
from pathlib import Path

import sqlite_utils

from storage.crypto import random_key
from storage.db import connect
from storage.schema import migrations
from tests.support.replicas import make_store, sync_all

SPACE = "work:p1"


def test_a_batch_of_new_notes_and_edits_leaves_exactly_one_index_row_per_record(
    tmp_path: Path,
) -> None:
    keys = {SPACE: {1: random_key()}}
    a, b = (make_store(tmp_path / f"{n}.db", keys=keys, actor=n) for n in "ab")
    old = [
        a.put(record_type="note", space=SPACE, texts={"body": f"gammelord{i} på kafé i Tromsø"})
        for i in range(20)
    ]
    sync_all(a, b)
    for i, rid in enumerate(old):  # each edit drops its old word, adds a new one
        a.put(rid, record_type="note", space=SPACE, texts={"body": f"nyord{i} på kaféen i Ørsta"})
    new = [
        a.put(record_type="note", space=SPACE, values={"tittel": f"ærend{i}"}, texts={"body": "x"})
        for i in range(30)
    ]
    batch = a.outbox(limit=1000)
    b.apply_changes(batch[::-1])  # one batch, in reverse: order must not matter

    assert {r.id for r in b.search("Ørsta", limit=100)} == set(old)
    assert b.search("gammelord3") == [] and [r.id for r in b.search("nyord3")] == [old[3]]
    assert {r.id for r in b.search("ærend", limit=100)} == set(new)
    assert b.search("Tromsø") == []
    (rows,) = b.conn.execute("SELECT count(*) FROM search_docsize").fetchone()
    assert rows == len(old) + len(new)
    b.delete(new[0])
    assert b.search("ærend0") == []
    assert a.canonical_state() != b.canonical_state()
    sync_all(a, b)
    assert a.canonical_state() == b.canonical_state()


def test_m006_moves_versions_and_heads_out_of_the_records_row(tmp_path: Path) -> None:
    conn = connect(tmp_path / "old.db", os.urandom(32))
    db = sqlite_utils.Database(conn, execute_plugins=False)  # type: ignore[arg-type]
    migrations.apply(db, stop_before="m006_record_meta")
    conn.execute(
        "INSERT INTO records (rid, id, type, space, version, key_version, sealed_by, content,"
        " versions) VALUES (7, 'r1', 'note', ?, 'v', 1, 'dev', x'00', ?)",
        (SPACE, json.dumps({"status": "0001-000000@dev"})),
    )
    conn.execute(
        "INSERT INTO records (rid, id, type, space, version, key_version, sealed_by, content)"
        " VALUES (8, 'r2', 'note', ?, 'v', 1, 'dev', x'00')",
        (SPACE,),
    )
    conn.executemany(
        "INSERT INTO heads (record_id, device, hlc) VALUES ('r1', ?, ?)",
        [("dev-a", "0001-000001"), ("dev-b", "0002-000000")],
    )
    migrations.apply(db)

    meta = {
        r[0]: r[1:] for r in conn.execute("SELECT rid, versions, heads, texts FROM record_meta")
    }
    assert json.loads(meta[7][0]) == {"status": "0001-000000@dev"}
    assert json.loads(meta[7][1]) == {"dev-a": "0001-000001", "dev-b": "0002-000000"}
    assert meta[8][0] == "" and json.loads(meta[8][1] or "{}") == {} and meta[7][2] == ""
    assert "versions" not in {c.name for c in db["records"].columns}
    assert not db["heads"].exists()
    conn.execute(
        "INSERT INTO changes (change_id, device, hlc, record_id, type, space, field, kind,"
        " key_version) VALUES ('c1', 'd', 'h', 'r1', 'note', ?, 'body', 'text', 1)",
        (SPACE,),
    )
    assert conn.execute("SELECT folded FROM changes").fetchone()[0] == 1  # merged before
    assert db["text_versions"].exists()


def test_a_store_reads_its_own_flags_back_after_reopening(tmp_path: Path) -> None:
    keys = {SPACE: {1: random_key()}}
    a, b = (make_store(tmp_path / f"{n}.db", keys=keys, actor=n) for n in "ab")
    rid = a.put(record_type="note", space=SPACE, values={"status": "ny"}, texts={"body": "Åse"})
    sync_all(a, b)
    a.put(rid, record_type="note", space=SPACE, values={"status": "aktiv"})
    b.put(rid, record_type="note", space=SPACE, values={"status": "pause"})
    a.delete(rid)
    b.put(rid, record_type="note", space=SPACE, texts={"body": "Åse møtte Øystein"})
    sync_all(a, b)
    rec = a.get(rid, audit=False)
    assert rec is not None and rec.conflicted and rec.resurrected and not rec.deleted
    # Later merges keep the losing value and the heads that brought the record back.
    b.put(rid, record_type="note", space=SPACE, values={"minutes": 30})
    sync_all(a, b)
    rec = a.get(rid, audit=False)
    assert rec is not None and rec.conflicted and rec.resurrected
    assert {lv.value for lv in a.losing_values(rid)} == {"aktiv", "pause"} - {rec.fields["status"]}
    assert a.canonical_state() == b.canonical_state()


def test_edits_in_the_same_batch_as_an_erasure_of_their_space_leave_nothing_behind(
    tmp_path: Path,
) -> None:
    keys = {SPACE: {1: random_key()}}
    a, b = (make_store(tmp_path / f"{n}.db", keys=keys, actor=n) for n in "ab")
    anchor = a.put(record_type="participant", space=SPACE, values={"navn": "Åse Ødegård"})
    other = a.put(record_type="note", space=SPACE, texts={"body": "blåbærsyltetøy hos Åse"})
    sync_all(a, b)
    a.put(other, record_type="note", space=SPACE, texts={"body": "blåbærsyltetøy og kaffe"})
    a.put(record_type="note", space=SPACE, texts={"body": "multekrem i Tromsø"})
    rest = a.outbox(limit=100)  # taken before the purge empties their payloads
    a.purge(anchor, spaces=[SPACE])
    purge = [c for c in a.outbox(limit=100) if c.kind == "purge"]
    b.apply_changes(purge + rest)  # the erasure merges first, the edits after it

    assert b.query(include_deleted=True) == []
    assert b.search("blåbærsyltetøy") == [] and b.search("multekrem") == []
    for table in ("records", "record_meta", "texts", "search_docsize"):
        assert b.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert b.conn.execute(
        "SELECT count(*) FROM changes WHERE payload IS NOT NULL AND kind != 'purge'"
    ).fetchone() == (0,)
    assert a.canonical_state() == b.canonical_state()


def test_remote_changes_of_parent_and_deletion_reach_the_indexed_columns(tmp_path: Path) -> None:
    """An edit that keeps parent and deletion writes the row alone; one that moves
    the record or deletes it updates the columns (and indexes) queries filter on."""
    keys = {SPACE: {1: random_key()}}
    a, b = (make_store(tmp_path / f"{n}.db", keys=keys, actor=n) for n in "ab")
    kept, moved, gone = (
        a.put(record_type="note", space=SPACE, parent="p-1", values={"tittel": t})
        for t in ("blir", "flyttes", "slettes")
    )
    sync_all(a, b)
    a.put(kept, record_type="note", space=SPACE, values={"tittel": "blir, endret"})
    a.put(moved, record_type="note", space=SPACE, parent="p-2")
    a.delete(gone)
    b.apply_changes(a.outbox(limit=100))

    assert {r.id for r in b.query(parent="p-1")} == {kept}
    assert [r.id for r in b.query(parent="p-2")] == [moved]
    assert [r.id for r in b.query(parent="p-1", include_deleted=True) if r.deleted] == [gone]
    assert b.get(kept).fields["tittel"] == "blir, endret"  # type: ignore[union-attr]
    rows = dict(b.conn.execute("SELECT id, parent FROM records").fetchall())
    assert rows == {kept: "p-1", moved: "p-2", gone: "p-1"}
    b.restore(gone)
    assert {r.id for r in b.query(parent="p-1")} == {kept, gone}
