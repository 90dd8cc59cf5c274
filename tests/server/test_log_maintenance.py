"""Compaction with its resync horizon, purges, and what the database holds."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Engine, select

from server import db
from server.changelog import DAY_MS, ChangeLog, decode_cursor, encode_cursor
from sync.protocol import WireChange
from tests.server.helpers import TestDevice, World, error_code, now_ms


def _later(days: int) -> int:
    return now_ms() + days * DAY_MS


def test_compaction_keeps_the_newest_register_and_all_else(world: World, engine: Engine) -> None:
    dev = world.device("jobbspesialist")
    rec = "rec-1"
    t = now_ms() - 60_000
    old = [
        dev.change("work:p1", record_id=rec, field="status", hlc=f"{t + i:013d}-000000")
        for i in range(3)
    ]
    text_edits = [dev.change("work:p1", record_id=rec, field="body", kind="text") for _ in range(2)]
    deleted = dev.change("work:p1", record_id=rec, field="_deleted", kind="delete")
    world.push(dev, [*old, *text_edits, deleted])
    # An out-of-order arrival: pushed last, but stamped before the others, so it loses.
    stale = dev.change("work:p1", record_id=rec, field="status", hlc=f"{t - 1000:013d}-000000")
    world.push(dev, [stale])
    _, cursor_before = world.pull_all(dev)
    assert world.pull(dev, 1).changes  # a cursor above 0 works before compaction

    result = ChangeLog(engine, now_ms=now_ms).compact(days=30, now_ms=_later(31))
    assert result.removed_registers == 3  # old[0], old[1] and the stale one
    assert result.horizon == cursor_before

    kept, _ = world.pull_all(dev, 0)
    assert {c.change_id for c in kept} == {old[2].change_id, deleted.change_id} | {
        c.change_id for c in text_edits
    }
    r = world.pull_response(dev, 1)
    assert r.status_code == 409 and error_code(r) == "resync_required"
    assert "Pull again from 0" in r.json()["message"]
    at_horizon = world.pull(dev, result.horizon)
    assert at_horizon.horizon == result.horizon and at_horizon.changes == []
    # Changes received after the horizon are untouched by the next compaction.
    newer = dev.change("work:p1", record_id=rec, field="status")
    world.push(dev, [newer])
    again = ChangeLog(engine, now_ms=now_ms).compact(days=30)
    assert again.removed_registers == 0 and again.horizon == result.horizon
    assert [c.change_id for c in world.pull(dev, result.horizon).changes] == [newer.change_id]


def _superseded_log(world: World, dev: TestDevice, records: int) -> list[WireChange]:
    """``records`` records written twice each (the first versions compactable), oldest first."""
    t = now_ms() - 60_000
    first = [
        dev.change("work:p1", record_id=f"r{i}", hlc=f"{t + i:013d}-000000") for i in range(records)
    ]
    second = [
        dev.change("work:p1", record_id=f"r{i}", hlc=f"{t + records + i:013d}-000000")
        for i in range(records)
    ]
    world.push(dev, first)
    world.push(dev, second)
    return second


def test_a_full_pull_pages_through_a_compacted_log_below_the_horizon(
    world: World, engine: Engine
) -> None:
    dev = world.device("jobbspesialist")
    kept = _superseded_log(world, dev, 12)
    stale_page = world.pull(dev, 0, limit=14)  # a cursor issued before the compaction
    _, newest = world.pull_all(dev)
    result = ChangeLog(engine, now_ms=now_ms).compact(days=1, now_ms=_later(2))
    assert result.removed_registers == 12 and result.horizon == newest

    cursors: list[int] = []
    got: list[WireChange] = []
    after = 0
    while True:  # pages of 5 through the 12 kept changes, each cursor below the horizon
        page = world.pull(dev, after, limit=5)
        got += page.changes
        cursors.append(page.next_cursor)
        after = page.next_cursor
        if not page.more:
            break
    assert [c.change_id for c in got] == [c.change_id for c in kept]
    assert len(cursors) == 3 and cursors == sorted(set(cursors))
    mid_seq = got[4].seq
    assert mid_seq < result.horizon and decode_cursor(cursors[0]) == (1, mid_seq)
    # The same seq issued before the compaction is stale: refused, never continued.
    for stale in (stale_page.next_cursor, mid_seq):
        r = world.pull_response(dev, stale)
        assert r.status_code == 409 and error_code(r) == "resync_required"
    # So is a cursor this server never issued (a later epoch).
    r = world.pull_response(dev, encode_cursor(2, mid_seq))
    assert r.status_code == 409 and error_code(r) == "resync_required"


def test_cursors_keep_growing_and_one_at_the_horizon_goes_on(world: World, engine: Engine) -> None:
    dev = world.device("jobbspesialist")
    _superseded_log(world, dev, 3)
    _, before = world.pull_all(dev)
    log = ChangeLog(engine, now_ms=now_ms)
    first = log.compact(days=1, now_ms=_later(2))
    assert first.removed_registers == 3 and first.horizon == before
    # A compaction that changes nothing keeps the epoch.
    again = log.compact(days=1, now_ms=_later(2))
    assert (again.removed_registers, again.removed_emptied, again.horizon) == (0, 0, before)
    caught_up = world.pull(dev, before)  # synced up to the horizon before: nothing to redo
    assert caught_up.changes == [] and caught_up.next_cursor == encode_cursor(1, before)
    assert caught_up.next_cursor > before  # cursors only grow, so clients accept the new tag
    newer = dev.change("work:p1", record_id="r0")
    world.push(dev, [newer])
    page = world.pull(dev, caught_up.next_cursor)
    assert [c.change_id for c in page.changes] == [newer.change_id]
    assert page.next_cursor == encode_cursor(1, page.changes[0].seq)


def test_compaction_does_not_let_another_space_supersede(world: World, engine: Engine) -> None:
    a = world.device("jobbspesialist")
    b = world.device("jobbspesialist")
    real = a.change("work:pa", record_id="shared-id", hlc=f"{now_ms() - 5000:013d}-000000")
    world.push(a, [real])
    world.push(b, [b.change("work:pb", record_id="shared-id")])  # newer, other space
    ChangeLog(engine, now_ms=now_ms).compact(days=1, now_ms=_later(2))
    assert [c.change_id for c in world.pull_all(a)[0]] == [real.change_id]


def test_a_purge_drops_the_records_payloads(world: World, engine: Engine) -> None:
    dev = world.device("terapeut")
    keep = dev.change("clinical:p1", record_id="other")
    doomed = [dev.change("clinical:p1", record_id="victim", field=f"f{i}") for i in range(3)]
    world.push(dev, [keep, *doomed])
    purge = dev.change("clinical:p1", record_id="victim", field="_purge", kind="purge")
    assert world.push(dev, [purge]).accepted == [purge.change_id]
    late = dev.change(
        "clinical:p1", record_id="victim", field="f9"
    )  # an offline edit arriving late
    assert world.push(dev, [late]).accepted == [late.change_id]
    assert world.push(dev, [late]).duplicates == [late.change_id]

    with db.read_tx(engine) as conn:
        rows = {r.change_id: r for r in conn.execute(select(db.changes))}
    for ch in [*doomed, late]:
        assert rows[ch.change_id].payload == b"" and rows[ch.change_id].payload_dropped
    assert rows[keep.change_id].payload == keep.payload
    assert rows[purge.change_id].payload == purge.payload  # the purge itself travels on
    served = [c.change_id for c in world.pull(dev).changes]
    assert served == [keep.change_id, purge.change_id]


def test_a_space_anchor_purge_empties_the_whole_space(world: World, engine: Engine) -> None:
    dev = world.device("terapeut")
    inside = [dev.change("clinical:p1") for _ in range(3)]
    outside = dev.change("clinical:p2", record_id=inside[0].record_id)
    world.push(dev, [*inside, outside])
    anchor = dev.change("clinical:p1", record_id="space:clinical:p1", field="_purge", kind="purge")
    world.push(dev, [anchor])
    served = [c.change_id for c in world.pull(dev).changes]
    assert served == [outside.change_id, anchor.change_id]
    result = ChangeLog(engine, now_ms=now_ms).compact(days=1, now_ms=_later(2))
    assert result.removed_emptied == 3


def test_the_database_holds_envelopes_verbatim_and_no_plaintext(
    world: World, engine: Engine
) -> None:
    secret = b"Ola Nordmann: angst, sykmeldt, fastlege dr. Berg"
    key = AESGCM.generate_key(bit_length=256)
    dev = world.device("terapeut")
    envelopes = []
    for i in range(3):
        nonce = os.urandom(12)
        envelopes.append(nonce + AESGCM(key).encrypt(nonce, secret + bytes([i]), b"aad"))
    world.push(dev, [dev.change("clinical:p1", payload=e, kind="text") for e in envelopes])

    dump = _dump(engine)
    for e in envelopes:  # it is a real dump: the envelopes are in it
        assert e in dump or e.hex().encode() in dump.lower()
    for fragment in (secret, b"Nordmann", b"fastlege", b"angst"):
        assert fragment not in dump
    with db.read_tx(engine) as conn:
        stored = list(conn.scalars(select(db.changes.c.payload).order_by(db.changes.c.seq)))
    assert stored == envelopes
    # Nothing derived from a payload sits anywhere else: no copy, hex or base64 of it.
    values = _values(engine)
    for e in envelopes:
        assert values.count(e) == 1
        for derived in (e.hex(), e.hex().upper(), base64.b64encode(e).decode()):
            assert derived.encode() not in values


def _values(engine: Engine) -> bytes:
    """Every value of every table, as bytes."""
    out = bytearray()
    with db.read_tx(engine) as conn:
        for table in db.metadata.sorted_tables:
            for row in conn.execute(select(table)):
                for value in row:
                    out += value if isinstance(value, bytes) else str(value).encode()
                    out += b"\x1f"
    return bytes(out)


def _dump(engine: Engine) -> bytes:
    """What a stolen server disk or backup would show: a full dump, and the raw files."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        with db.read_tx(engine) as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            text_dump = "\n".join(raw.iterdump()).encode()
        files = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        return text_dump + files
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "pg_dump is needed for this test"
    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    done = subprocess.run(
        [pg_dump, "--no-owner", libpq.split("?")[0]], capture_output=True, check=True
    )
    return done.stdout
