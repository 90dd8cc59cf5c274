"""Pulled pages hold exactly what was pushed, byte for byte, on SQLite and PostgreSQL.

On PostgreSQL the pull queries run on the transaction's psycopg connection with a
binary result (server.changelog._pulled_rows); these tests hold that path to the
ordinary one: every field, every payload byte, every page boundary.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import msgspec
import pytest
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy import exc as sa_exc

from server import db, migrations
from server.changelog import _SEQ_AT, _SPACE_QUERY, ChangeLog, _pull_query, _pulled_rows
from server.directory import DeviceRow, Directory, add_membership
from sync.protocol import MAX_PAYLOAD_BYTES, PullResponse, WireChange
from tests.server.helpers import TestDevice, World, now_ms

SPACES = ("work:a", "work:b", "work:c")

#: Payloads a hex or text round trip could get wrong: empty, NUL bytes only, every
#: byte value, bytes that are not UTF-8, and the largest payload a push accepts.
PAYLOADS: tuple[bytes, ...] = (
    b"",
    b"\x00",
    b"\x00" * 1000,
    bytes(range(256)) * 4,
    b"\\x00\\\\" + b"\x00\xff\xfe" * 7,
    b"\xff" * 3 + b"\x00",
    os.urandom(1024),
    b"\x00" + os.urandom(MAX_PAYLOAD_BYTES - 2) + b"\x00",
)


def _row(engine: Engine, dev: TestDevice) -> DeviceRow:
    row = Directory(engine, org_public_key=b"", now_ms=now_ms).device(dev.id)
    assert row is not None
    return row


def _pushed(engine: Engine, world: World) -> tuple[DeviceRow, list[WireChange], list[WireChange]]:
    """A reader that is a member of SPACES, and two writers' changes there, pushed in
    several batches, plus changes the reader must never receive: another space, and a
    clinical space its role may not hold although a membership row says otherwise.

    Returns (the reader, the changes of SPACES in seq order, those of SPACES[1]).
    """
    log = ChangeLog(engine, now_ms=now_ms)
    writers = [world.device("jobbspesialist") for _ in range(2)]
    reader = world.device("jobbspesialist")
    therapist = world.device("terapeut")
    first = [writers[0].change(space, payload=b"\x00") for space in SPACES]
    assert log.push(_row(engine, writers[0]), first).accepted  # makes the spaces
    with db.write_tx(engine) as conn:
        for space in SPACES:
            for dev in (writers[1], reader):
                add_membership(conn, space, dev.id, "grant", now_ms(), resync=False)
    pending: dict[str, list[WireChange]] = {w.id: [] for w in writers}
    sent = {c.change_id: c for c in first}
    kinds = ("register", "text", "delete")
    for n, payload in enumerate(PAYLOADS * 2):
        dev = writers[n % 2]
        ch = dev.change(SPACES[n % 3], payload=payload, kind=kinds[n % 3])
        pending[dev.id].append(ch)
        sent[ch.change_id] = ch
        if n % 5 == 4 or n == len(PAYLOADS) * 2 - 1:  # several batches, interleaved
            for w in writers:
                batch, pending[w.id] = pending[w.id], []
                if batch:
                    done = log.push(_row(engine, w), batch)
                    assert done.accepted == [c.change_id for c in batch], done.rejected
    other = writers[0].change("work:elsewhere", payload=b"\x00secret")
    clinical = therapist.change("clinical:p1", payload=b"\x00clinical")
    assert log.push(_row(engine, writers[0]), [other]).accepted
    assert log.push(_row(engine, therapist), [clinical]).accepted
    with db.write_tx(engine) as conn:
        add_membership(conn, "clinical:p1", reader.id, "grant", now_ms(), resync=False)
    with db.read_tx(engine) as conn:
        rows = conn.execute(
            select(db.changes.c.change_id, db.changes.c.seq).where(db.changes.c.space.in_(SPACES))
        ).all()
    seqs = {str(r.change_id): int(r.seq) for r in rows}
    stored = sorted(
        (msgspec.structs.replace(sent[cid], seq=seq) for cid, seq in seqs.items()),
        key=lambda c: c.seq,
    )
    return _row(engine, reader), stored, [c for c in stored if c.space == SPACES[1]]


def _page_through(
    pull: Callable[..., PullResponse], limit: int
) -> tuple[list[WireChange], list[PullResponse]]:
    got: list[WireChange] = []
    pages: list[PullResponse] = []
    after = 0
    while True:
        page = pull(after=after, limit=limit)
        pages.append(page)
        got += page.changes
        assert page.next_cursor >= after
        after = page.next_cursor
        if not page.more:
            return got, pages


@pytest.mark.parametrize("limit", [1, 3, 1000])
def test_paging_serves_exactly_what_was_pushed(world: World, engine: Engine, limit: int) -> None:
    reader, stored, in_b = _pushed(engine, world)
    log = ChangeLog(engine, now_ms=now_ms)
    got, pages = _page_through(
        lambda after, limit: log.pull(reader, after=after, limit=limit, instance_id="i"), limit
    )
    assert got == stored  # every field, seq included; nothing of another space or role
    assert [type(c.payload) for c in got] == [bytes] * len(stored)
    assert all(type(c.seq) is int and type(c.key_version) is int for c in got)
    # The last page's cursor passes the changes the reader may not see (another space,
    # a clinical one) at the end of the log too: the next round does not read them again.
    with db.read_tx(engine) as conn:
        top = conn.scalar(select(func.max(db.changes.c.seq)))
    assert top is not None and top > stored[-1].seq
    assert pages[-1].next_cursor == top and not pages[-1].more
    assert all(p.more for p in pages[:-1]) and all(len(p.changes) == limit for p in pages[:-1])
    # What the endpoint sends: the same bytes as the pages built from what was pushed.
    for n, page in enumerate(pages):
        served = stored[n * limit : (n + 1) * limit]
        last = n == len(pages) - 1
        expected = PullResponse(served, top if last else served[-1].seq, not last, "i", 0)
        assert msgspec.msgpack.encode(page) == msgspec.msgpack.encode(expected)

    backfill, _ = _page_through(
        lambda after, limit: log.pull_space(
            reader, SPACES[1], after=after, limit=limit, instance_id="i"
        ),
        limit,
    )
    assert backfill == in_b and len(in_b) > 1


def test_the_largest_payload_comes_back_whole_over_http(world: World, engine: Engine) -> None:
    dev = world.device("jobbspesialist")
    payload = b"\x00" + os.urandom(MAX_PAYLOAD_BYTES - 2) + b"\x00"
    sent = [dev.change("work:big", payload=payload), dev.change("work:big", payload=b"\x00")]
    for ch in sent:  # one per request: the push body limit
        assert world.push(dev, [ch], msgpack=True).accepted == [ch.change_id]
    for msgpack in (True, False):
        page = world.pull(dev, 0, limit=1, msgpack=msgpack)
        assert page.changes[0].payload == payload and page.more
        rest = world.pull(dev, page.next_cursor, msgpack=msgpack)
        assert [c.payload for c in rest.changes] == [b"\x00"] and not rest.more


def test_the_pull_helper_returns_what_sqlalchemy_returns(world: World, engine: Engine) -> None:
    """Both backends: the rows of ``_pulled_rows`` are those of the ordinary execution."""
    reader, stored, _ = _pushed(engine, world)
    kinds = ("work", "team")
    pull = _pull_query(kinds, engine.dialect.name)
    cases = [
        (pull, {"device_id": reader.id, "after_seq": 0, "limit": 1000}),
        (pull, {"device_id": reader.id, "after_seq": stored[2].seq, "limit": 4}),
        (_SPACE_QUERY, {"space": SPACES[0], "after_seq": 0, "limit": 1000}),
        (_SPACE_QUERY, {"space": "work:none", "after_seq": 0, "limit": 1000}),
    ]
    for query, params in cases:
        with db.read_tx(engine) as conn:
            ours = [tuple(r) for r in _pulled_rows(conn, query, params)]
            theirs = [tuple(r) for r in conn.execute(query, params)]
        assert ours == theirs
        assert [tuple(map(type, r)) for r in ours] == [tuple(map(type, r)) for r in theirs]
    with db.read_tx(engine) as conn:
        everything = _pulled_rows(conn, pull, cases[0][1])
    assert [WireChange(*r) for r in everything] == stored


SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@SQLITE_ONLY
@pytest.mark.parametrize("limit", [1, 2, 5, 1000])
def test_sqlites_seqs_first_pull_serves_the_pages_of_the_plain_query(
    world: World, engine: Engine, limit: int
) -> None:
    """The SQLite statement (seqs from the index, then their rows) pages exactly as the
    plain one, dropped payloads, other spaces and spaces the role may not hold left out."""
    reader, stored, _ = _pushed(engine, world)
    purged = {stored[1].change_id, stored[4].change_id}  # as a purge leaves them
    with db.write_tx(engine) as conn:
        conn.execute(
            db.changes.update()
            .where(db.changes.c.change_id.in_(purged))
            .values(payload=b"", payload_dropped=True)
        )
    kinds = ("work", "team")
    plain, seqs_first = _pull_query(kinds), _pull_query(kinds, "sqlite")
    assert plain is not seqs_first
    after, served = 0, []
    with db.read_tx(engine) as conn:
        while True:
            params = {"device_id": reader.id, "after_seq": after, "limit": limit}
            ours = [tuple(r) for r in _pulled_rows(conn, seqs_first, params)]
            assert ours == [tuple(r) for r in _pulled_rows(conn, plain, params)]
            assert len(ours) <= limit
            if not ours:
                break
            served += [WireChange(*r) for r in ours]
            after = ours[-1][_SEQ_AT]
    assert served == [c for c in stored if c.change_id not in purged]


@SQLITE_ONLY
def test_sqlites_pull_reads_the_seqs_from_the_partial_index(engine: Engine) -> None:
    """No sort of rows with their payloads: the page's seqs come from the partial
    index, then each row is read by its seq."""
    statement = _pull_query(("work", "team"), "sqlite").compile(dialect=engine.dialect)
    params = statement.construct_params({"device_id": "d", "after_seq": 0, "limit": 1000})
    with db.read_tx(engine) as conn:
        plan = [
            str(row[3])
            for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement.string,
                tuple(params[name] for name in statement.positiontup or ()),
            )
        ]
    assert plan[0].startswith("SEARCH changes USING INTEGER PRIMARY KEY"), plan
    assert any(
        step.startswith("SEARCH changes USING") and "INDEX ix_changes_live_space_seq" in step
        for step in plan
    ), plan


@SQLITE_ONLY
def test_migration_4_gives_an_older_sqlite_database_the_pull_index(engine: Engine) -> None:
    with db.write_tx(engine) as conn:
        conn.exec_driver_sql("DROP INDEX ix_changes_live_space_seq")
    migrations.stamp(engine, 3)  # as before revision 4
    assert migrations.migrate(engine) == migrations.revisions()[3:]
    with db.read_tx(engine) as conn:
        names = {i["name"] for i in inspect(conn).get_indexes("changes")}
    assert "ix_changes_live_space_seq" in names


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_postgresql_has_no_sqlite_pull_index(engine: Engine) -> None:
    with db.read_tx(engine) as conn:
        names = {i["name"] for i in inspect(conn).get_indexes("changes")}
    assert "ix_changes_space_seq" in names and "ix_changes_live_space_seq" not in names


def test_a_pull_query_error_is_a_sqlalchemy_error_on_postgresql(pg_database: Engine) -> None:
    """The app answers 503 to sa_exc.OperationalError; the raw psycopg path raises it too."""
    with pytest.raises(sa_exc.OperationalError), db.read_tx(pg_database) as conn:
        conn.execute(text("SET LOCAL statement_timeout = 1"))
        _pulled_rows(conn, select(func.pg_sleep(1)), {})
    with db.read_tx(pg_database) as conn:  # the pool's connection is usable again
        assert conn.scalar(select(func.count()).select_from(db.changes)) is not None
