"""Memberships that force a resync: nothing may let the device skip the space's history.

Grants no longer ask for this (issue #5, second part: the laptop backfills a newly
granted space on its own, tests/server/test_backfill.py), but memberships stored
with ``resync`` before, and the ones migration 3 made of the old ``needs_resync``
flag, stay in force, and ``add_membership(..., resync=True)`` still works. Issue #5,
first part: the server used to clear a ``needs_resync`` flag as soon as the device
asked for page 1 from cursor 0. When that answer was lost, or the laptop died
before page 1's transaction committed, the device came back with its old cursor,
was served from there, and never received the space's older changes. Every cursor
the device was issued before such a membership is refused, however often it asks;
only the cursors of a pull from 0 (a newer epoch) go on.

Every test runs on SQLite and PostgreSQL (tests/server/conftest.py).
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, select, text

from server import db, migrations
from server.changelog import ChangeLog, decode_cursor
from server.directory import add_membership
from tests.server.helpers import TestDevice, World, error_code, now_ms

GRANTED = "work:p1"


def _resync_membership(engine: Engine, space: str, dev: TestDevice) -> None:
    """Make ``dev`` a member of ``space`` the way grants did before backfill (resync)."""
    with db.write_tx(engine) as conn:
        add_membership(conn, space, dev.id, "grant", now_ms(), resync=True)


def _granted_world(
    world: World, engine: Engine, older: int = 5
) -> tuple[TestDevice, TestDevice, int]:
    """An owner whose space holds ``older`` changes, and a reader whose cursor is past them
    (it pulled its own, later, space) when it becomes a member of the owner's space
    with ``resync``.

    Returns (owner, reader, the reader's cursor from before the membership).
    """
    owner = world.device("jobbspesialist")
    reader = world.device("jobbspesialist")
    world.push(owner, [owner.change(GRANTED) for _ in range(older)])
    world.push(reader, [reader.change("work:p2") for _ in range(2)])
    _, cursor = world.pull_all(reader)
    granted = world.pull_all(owner)[0]
    assert len(granted) == older
    assert all(c.seq < decode_cursor(cursor)[1] for c in granted)  # the cursor is past them
    _resync_membership(engine, GRANTED, reader)
    return owner, reader, cursor


def _refused(world: World, dev: TestDevice, cursor: int) -> None:
    r = world.pull_response(dev, cursor)
    assert r.status_code == 409, r.text
    assert error_code(r) == "resync_required"


def _space_ids(world: World, dev: TestDevice, space: str) -> set[str]:
    """What ``dev`` gets of ``space`` by a full pull (another device's view of the server)."""
    everything, _ = world.pull_all(dev, 0)
    return {c.change_id for c in everything if c.space == space}


def _pull_pages(world: World, dev: TestDevice, after: int, limit: int) -> tuple[list[str], int]:
    got: list[str] = []
    while True:
        page = world.pull(dev, after, limit)
        assert page.next_cursor >= after  # the client's "never backwards" check holds
        got += [c.change_id for c in page.changes]
        after = page.next_cursor
        if not page.more:
            return got, after


def test_a_lost_answer_to_the_resync_never_lets_the_old_cursor_through(
    world: World, engine: Engine
) -> None:
    owner, reader, old = _granted_world(world, engine)
    _refused(world, reader, old)
    # The device asks for page 1 from 0 and the server answers it...
    lost = world.pull(reader, 0)
    assert {c.change_id for c in lost.changes} >= _space_ids(world, owner, GRANTED)
    # ...but the answer never reaches the laptop: it still holds its old cursor.
    for _ in range(2):  # refused however often it asks
        _refused(world, reader, old)
    got, cursor = _pull_pages(world, reader, 0, limit=1000)
    assert _space_ids(world, owner, GRANTED) <= set(got)
    assert world.pull(reader, cursor).changes == []  # the resync's cursor goes on
    _refused(world, reader, old)  # the old one never will


def test_a_laptop_that_died_before_committing_a_resync_page_resyncs_again(
    world: World, engine: Engine
) -> None:
    owner, reader, old = _granted_world(world, engine, older=6)
    expected = _space_ids(world, owner, GRANTED)
    # Page 1 from 0 arrives; the laptop dies inside the transaction that applies it, so
    # neither the changes nor the page's cursor are kept. It restarts with the old cursor.
    world.pull(reader, 0, limit=3)
    _refused(world, reader, old)
    # Next time page 1 commits (its cursor with it), and the laptop dies during page 2.
    first = world.pull(reader, 0, limit=3)
    world.pull(reader, first.next_cursor, limit=3)  # page 2, never committed
    # It goes on from page 1's cursor: a cursor of the resync, accepted.
    rest, cursor = _pull_pages(world, reader, first.next_cursor, limit=3)
    held = {c.change_id for c in first.changes} | set(rest)
    assert expected <= held
    assert len(held) == len(first.changes) + len(rest)  # nothing twice
    assert world.pull(reader, cursor).changes == []


def test_the_resync_cursors_carry_the_devices_new_epoch(world: World, engine: Engine) -> None:
    _, reader, old = _granted_world(world, engine)
    assert decode_cursor(old)[0] == 0
    page = world.pull(reader, 0, limit=2)
    epoch, seq = decode_cursor(page.next_cursor)
    assert epoch == 1 and seq == page.changes[-1].seq
    assert page.next_cursor > old  # a resync cursor is larger than any cursor before it


def test_a_second_resync_membership_during_a_resync_restarts_it(
    world: World, engine: Engine
) -> None:
    owner, reader, _ = _granted_world(world, engine)
    world.push(owner, [owner.change("work:p3") for _ in range(3)])
    midway = world.pull(reader, 0, limit=2)  # a resync in progress
    _resync_membership(engine, "work:p3", reader)
    _refused(world, reader, midway.next_cursor)  # issued before the second grant
    got, _ = _pull_pages(world, reader, 0, limit=2)
    assert _space_ids(world, owner, "work:p3") <= set(got)
    assert decode_cursor(world.pull(reader, 0).next_cursor)[0] == 2


def test_other_devices_and_grants_of_empty_spaces_keep_their_cursors(
    world: World, engine: Engine
) -> None:
    owner, reader, _ = _granted_world(world, engine)
    bystander = world.device("jobbspesialist")
    lead = world.device("teamleder")
    world.push(bystander, [bystander.change("work:p9")])
    _, owner_cursor = world.pull_all(owner)
    _, bystander_cursor = world.pull_all(bystander)
    # More grants with older changes, to the reader only.
    world.push(bystander, [bystander.change("work:p8")])
    _resync_membership(engine, "work:p8", reader)
    for dev, cursor in ((owner, owner_cursor), (bystander, bystander_cursor)):
        page = world.pull(dev, cursor)
        assert decode_cursor(page.next_cursor)[0] == 0  # their epoch never moved
    # A space with no changes yet: the grantee's cursor stays valid (whatever is pushed
    # there later gets a larger seq than any cursor issued now).
    _, reader_cursor = world.pull_all(reader, 0)
    assert world.grant(lead, [lead.grant("work:empty", reader)]).status_code == 200
    later = owner.change("work:empty")
    world.grant(lead, [lead.grant("work:empty", owner)])
    world.push(owner, [later])
    page = world.pull(reader, reader_cursor)
    assert [c.change_id for c in page.changes] == [later.change_id]


def test_a_regrant_of_a_held_space_forces_nothing(world: World, engine: Engine) -> None:
    owner, reader, _ = _granted_world(world, engine)
    lead = world.device("teamleder")
    _, cursor = world.pull_all(reader, 0)
    # A new key version of a space the device already holds: no new membership.
    assert world.grant(lead, [lead.grant(GRANTED, reader, key_version=2)]).status_code == 200
    world.push(owner, [owner.change(GRANTED)])
    assert len(world.pull(reader, cursor).changes) == 1


def test_compaction_after_a_resync_membership_refuses_its_cursors_below_the_horizon(
    world: World, engine: Engine
) -> None:
    owner, reader, old = _granted_world(world, engine)
    t = now_ms() - 60_000
    record = owner.change(GRANTED, hlc=f"{t:013d}-000000")
    newer = owner.change(GRANTED, record_id=record.record_id, hlc=f"{t + 1:013d}-000000")
    world.push(owner, [record, newer])
    midway = world.pull(reader, 0, limit=2)  # resync cursors, epoch 1 (C 0 + G 1)
    result = ChangeLog(engine, now_ms=now_ms).compact(days=1, now_ms=now_ms() + 2 * 86_400_000)
    assert result.removed_registers == 1 and result.horizon > decode_cursor(midway.next_cursor)[1]
    for stale in (old, midway.next_cursor):
        _refused(world, reader, stale)
    got, cursor = _pull_pages(world, reader, 0, limit=2)
    assert decode_cursor(cursor)[0] == 2  # C 1 + G 1
    assert _space_ids(world, owner, GRANTED) <= set(got)
    # A later such membership after the compaction raises only the reader's epoch again.
    world.push(owner, [owner.change("work:p5")])
    _resync_membership(engine, "work:p5", reader)
    _refused(world, reader, cursor)
    got, cursor = _pull_pages(world, reader, 0, limit=1000)
    assert decode_cursor(cursor)[0] == 3 and _space_ids(world, owner, "work:p5") <= set(got)
    _, owner_cursor = world.pull_all(owner, 0)
    assert decode_cursor(owner_cursor)[0] == 1  # the owner was granted nothing


# --- migration 3 ----------------------------------------------------------------------------


def _back_to_migration_2(engine: Engine, flagged: str) -> None:
    """The schema before migration 3, with ``flagged``'s memberships flagged as the old
    grant left them (``needs_resync``), and the new columns gone."""
    with db.write_tx(engine) as conn:
        conn.execute(text("DROP INDEX ix_memberships_device_valid_from"))
        conn.execute(text("ALTER TABLE memberships DROP COLUMN valid_from"))
        conn.execute(text("ALTER TABLE devices DROP COLUMN cursor_generation"))
        conn.execute(
            text("ALTER TABLE memberships ADD COLUMN needs_resync BOOLEAN NOT NULL DEFAULT FALSE")
        )
        conn.execute(
            text(
                "UPDATE memberships SET needs_resync = TRUE WHERE device_id = :d AND via = 'grant'"
            ),
            {"d": flagged},
        )
    migrations.stamp(engine, 2)  # as before revision 3


def _columns(engine: Engine, table: str) -> set[str]:
    with engine.connect() as conn:
        return {c["name"] for c in inspect(conn).get_columns(table)}


def test_migration_3_keeps_a_flagged_device_resyncing_and_others_going(
    world: World, engine: Engine
) -> None:
    owner, reader, old = _granted_world(world, engine)
    # The log was compacted once before (epoch 1), with nothing of these spaces removed.
    with db.write_tx(engine) as conn:
        conn.execute(db.meta.insert().values(key=db.EPOCH_KEY, value="1"))
    _, owner_cursor = world.pull_all(owner, 0)
    _back_to_migration_2(engine, reader.id)
    assert "needs_resync" in _columns(engine, "memberships")

    assert migrations.migrate(engine) == migrations.revisions()[2:]
    assert "needs_resync" not in _columns(engine, "memberships")
    with engine.connect() as conn:
        indexes = {i["name"] for i in inspect(conn).get_indexes("memberships")}
    assert "ix_memberships_device_valid_from" in indexes
    with db.read_tx(engine) as conn:
        generations = {
            r.id: r.cursor_generation
            for r in conn.execute(select(db.devices.c.id, db.devices.c.cursor_generation))
        }
        valid = {(r.device_id, r.space): r.valid_from for r in conn.execute(select(db.memberships))}
    assert generations[reader.id] == 1 and generations[owner.id] == 0
    assert valid[(reader.id, GRANTED)] == 2  # compaction epoch 1 + generation 1
    assert valid[(reader.id, "work:p2")] == 0 and valid[(owner.id, GRANTED)] == 0

    _refused(world, reader, old)  # still flagged: its old cursor is refused...
    got, cursor = _pull_pages(world, reader, 0, limit=2)  # ...until it pulls from 0
    assert _space_ids(world, owner, GRANTED) <= set(got)
    assert decode_cursor(cursor)[0] == 2
    _refused(world, reader, old)
    newer = owner.change(GRANTED)
    world.push(owner, [newer])
    assert [c.change_id for c in world.pull(reader, cursor).changes] == [newer.change_id]
    # A device that was not flagged goes on from the cursor it held.
    assert [c.change_id for c in world.pull(owner, owner_cursor).changes] == [newer.change_id]
    assert migrations.migrate(engine) == []


def test_migration_3_on_a_database_without_the_flag_changes_nothing(engine: Engine) -> None:
    migrations.stamp(engine, 2)  # as before revision 3
    before = (_columns(engine, "memberships"), _columns(engine, "devices"))
    assert migrations.migrate(engine) == migrations.revisions()[2:]
    assert (_columns(engine, "memberships"), _columns(engine, "devices")) == before


def test_a_refused_cursor_says_why(world: World, engine: Engine) -> None:
    _, reader, old = _granted_world(world, engine)
    r = world.pull_response(reader, old)
    assert r.status_code == 409
    assert "granted" in r.json()["message"] and "from 0" in r.json()["message"]


def test_a_grant_through_the_api_moves_no_cursor(world: World) -> None:
    """Grants are backfilled now: the grantee's epoch and cursor stay as they were."""
    owner = world.device("jobbspesialist")
    reader = world.device("jobbspesialist")
    lead = world.device("teamleder")
    world.push(owner, [owner.change(GRANTED) for _ in range(3)])
    world.push(reader, [reader.change("work:p2")])
    _, cursor = world.pull_all(reader)
    assert world.grant(lead, [lead.grant(GRANTED, reader)]).status_code == 200
    page = world.pull(reader, cursor)
    assert page.changes == [] and decode_cursor(page.next_cursor)[0] == 0
    assert len(world.pull_all(reader, space=GRANTED)[0]) == 3
