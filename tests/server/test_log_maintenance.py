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
from server.changelog import DAY_MS, ChangeLog
from tests.server.helpers import World, error_code, now_ms


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
