"""The backfill of one space: ``GET /v1/changes?space=S`` (issue #5, second part).

A grant no longer forces the grantee to pull the whole log again: its main cursor
goes on, and the laptop pulls the newly granted space alone from 0. Every test runs
on SQLite and PostgreSQL (tests/server/conftest.py).
"""

from __future__ import annotations

import msgspec
import pytest
from sqlalchemy import Engine

from server import db
from server.app import create_app
from server.changelog import DAY_MS, ChangeLog, decode_cursor, encode_cursor
from server.directory import add_membership
from server.settings import ServerSettings
from sync.protocol import MSGPACK, PullResponse
from tests.server.helpers import TestDevice, World, error_code, now_ms

SPACE = "work:p1"


def _team(world: World, older: int = 7) -> tuple[TestDevice, TestDevice, TestDevice, list[str]]:
    """An owner with ``older`` changes in SPACE, a reader whose cursor is past them, a lead.

    Returns (owner, reader, lead, the ids of SPACE's changes in push order).
    """
    owner = world.device("jobbspesialist")
    reader = world.device("jobbspesialist")
    lead = world.device("teamleder")
    history = [owner.change(SPACE) for _ in range(older)]
    world.push(owner, history)
    world.push(owner, [owner.change("work:other") for _ in range(3)])
    world.push(reader, [reader.change("work:mine") for _ in range(2)])
    return owner, reader, lead, [c.change_id for c in history]


def _refused(r_status: int, code: str, expected: tuple[int, str]) -> None:
    assert (r_status, code) == expected


def test_a_member_backfills_one_space_page_by_page_in_seq_order(world: World) -> None:
    owner, reader, lead, history = _team(world)
    _, cursor = world.pull_all(reader)
    assert world.grant(lead, [lead.grant(SPACE, reader)]).status_code == 200
    got: list[str] = []
    seqs: list[int] = []
    after, pages = 0, 0
    while True:
        page = world.pull(reader, after, limit=3, space=SPACE)
        assert {c.space for c in page.changes} <= {SPACE}  # never another space
        assert page.next_cursor > after
        got += [c.change_id for c in page.changes]
        seqs += [c.seq for c in page.changes]
        after, pages = page.next_cursor, pages + 1
        if not page.more:
            break
    assert got == history and seqs == sorted(seqs) and pages == 3
    # The backfill's last cursor goes on: later changes of the space follow it.
    later = owner.change(SPACE)
    world.push(owner, [later])
    assert [c.change_id for c in world.pull(reader, after, space=SPACE).changes] == [
        later.change_id
    ]
    # The main cursor went on too, and serves the later change as well: the overlap
    # is harmless (the laptop's apply skips a change id it holds).
    assert [c.change_id for c in world.pull(reader, cursor).changes] == [later.change_id]


def test_main_pull_and_backfill_together_miss_nothing(world: World) -> None:
    """Changes pushed before the grant, between the grant and the backfill, and during it."""
    owner, reader, lead, history = _team(world)
    _, cursor = world.pull_all(reader)
    assert world.grant(lead, [lead.grant(SPACE, reader)]).status_code == 200
    between = owner.change(SPACE)
    world.push(owner, [between])
    first = world.pull(reader, 0, limit=4, space=SPACE)
    during = owner.change(SPACE)
    world.push(owner, [during])
    rest, _ = world.pull_all(reader, first.next_cursor, limit=4, space=SPACE)
    main, _ = world.pull_all(reader, cursor)
    held = {c.change_id for c in (*first.changes, *rest, *main)}
    assert {*history, between.change_id, during.change_id} <= held
    assert {c.change_id for c in main} == {between.change_id, during.change_id}


def test_a_non_member_is_refused(world: World) -> None:
    _, reader, _, _ = _team(world)
    r = world.pull_response(reader, space=SPACE)
    _refused(r.status_code, error_code(r), (403, "not_member"))
    r = world.pull_response(reader, space="work:nobody-holds-this")
    _refused(r.status_code, error_code(r), (403, "not_member"))
    # Its own space, the same device: served.
    assert len(world.pull(reader, space="work:mine").changes) == 2


def test_a_role_that_may_not_hold_the_space_is_refused_even_with_a_membership(
    world: World, engine: Engine
) -> None:
    therapist = world.device("terapeut")
    specialist = world.device("jobbspesialist")
    world.push(therapist, [therapist.change("clinical:p1", kind="text")])
    with db.write_tx(engine) as conn:  # a row that should never exist
        add_membership(conn, "clinical:p1", specialist.id, "grant", 0, resync=False)
    r = world.pull_response(specialist, space="clinical:p1")
    _refused(r.status_code, error_code(r), (403, "role_may_not_hold"))
    lead = world.device("teamleder")
    r = world.pull_response(lead, space="clinical:p1")
    _refused(r.status_code, error_code(r), (403, "role_may_not_hold"))
    # Another team's team space (not a member), and a malformed space id.
    other = world.admin.create_team("Another team")
    r = world.pull_response(specialist, space=f"team:{other.id}")
    _refused(r.status_code, error_code(r), (403, "not_member"))
    r = world.pull_response(specialist, space="nonsense")
    _refused(r.status_code, error_code(r), (403, "role_may_not_hold"))
    assert len(world.pull(therapist, space="clinical:p1").changes) == 1


@pytest.mark.parametrize("space", ["", "work:" + "x" * 400, "work:a\x00b"])
def test_a_bad_space_parameter_is_a_clear_4xx(world: World, space: str) -> None:
    reader = world.device("jobbspesialist")
    r = world.pull_response(reader, space=space)
    assert 400 <= r.status_code < 500 and r.json()["code"], r.text


def test_a_purged_record_is_not_backfilled(world: World) -> None:
    owner, reader, lead, history = _team(world)
    victim = owner.change(SPACE, record_id="victim")
    world.push(owner, [victim])
    purge = owner.change(SPACE, record_id="victim", field="_purge", kind="purge")
    world.push(owner, [purge])
    assert world.grant(lead, [lead.grant(SPACE, reader)]).status_code == 200
    got = [c.change_id for c in world.pull_all(reader, space=SPACE)[0]]
    assert got == [*history, purge.change_id]


def _compacted(world: World, engine: Engine) -> tuple[TestDevice, TestDevice, int, int]:
    """A space whose old register versions a compaction removes after a backfill began.

    Returns (owner, reader, the backfill cursor from before the compaction, the horizon).
    """
    owner = world.device("jobbspesialist")
    reader = world.device("jobbspesialist")
    lead = world.device("teamleder")
    t = now_ms() - 60_000
    versions = [owner.change(SPACE, record_id="rec", hlc=f"{t + i:013d}-000000") for i in range(4)]
    world.push(owner, versions)
    world.push(owner, [owner.change(SPACE) for _ in range(3)])
    assert world.grant(lead, [lead.grant(SPACE, reader)]).status_code == 200
    midway = world.pull(reader, 0, limit=2, space=SPACE)
    assert decode_cursor(midway.next_cursor)[0] == 0
    result = ChangeLog(engine, now_ms=now_ms).compact(days=1, now_ms=now_ms() + 2 * DAY_MS)
    assert result.removed_registers == 3
    assert decode_cursor(midway.next_cursor)[1] < result.horizon
    return owner, reader, midway.next_cursor, result.horizon


def test_a_backfill_cursor_from_before_a_compaction_and_below_the_horizon_is_refused(
    world: World, engine: Engine
) -> None:
    owner, reader, stale, _ = _compacted(world, engine)
    for _ in range(2):  # however often it asks
        r = world.pull_response(reader, stale, space=SPACE)
        _refused(r.status_code, error_code(r), (409, "resync_required"))
        assert "again from 0" in r.json()["message"]
    # From 0 it goes through, with cursors of the new epoch, and those go on.
    got, cursor = world.pull_all(reader, 0, limit=2, space=SPACE)
    assert decode_cursor(cursor)[0] == 1
    assert {c.change_id for c in got} == {
        c.change_id for c in world.pull_all(owner, 0)[0] if c.space == SPACE
    }
    assert len(got) == 4  # the newest version and the three others
    assert world.pull(reader, cursor, space=SPACE).changes == []


def test_a_backfill_cursor_at_the_horizon_survives_a_compaction(
    world: World, engine: Engine
) -> None:
    owner, reader, _, horizon = _compacted(world, engine)
    # A cursor of the old epoch at or above the horizon lost nothing: it goes on.
    later = owner.change(SPACE)
    world.push(owner, [later])
    page = world.pull(reader, encode_cursor(0, horizon), space=SPACE)
    assert [c.change_id for c in page.changes] == [later.change_id]
    assert decode_cursor(page.next_cursor)[0] == 1


def test_a_backfill_cursor_of_an_epoch_never_issued_is_refused(world: World) -> None:
    _, reader, lead, _ = _team(world)
    assert world.grant(lead, [lead.grant(SPACE, reader)]).status_code == 200
    r = world.pull_response(reader, encode_cursor(3, 1), space=SPACE)
    _refused(r.status_code, error_code(r), (409, "resync_required"))


def test_the_backfill_is_documented_in_the_openapi_document(settings: ServerSettings) -> None:
    doc = create_app(settings).openapi()
    params = {p["name"]: p for p in doc["paths"]["/v1/changes"]["get"]["parameters"]}
    assert {"after", "limit", "space"} <= set(params)
    assert "Backfill" in params["space"]["description"]
    assert not params["space"].get("required", False)


def test_a_page_decodes_as_the_protocol_says(world: World) -> None:
    _, reader, lead, history = _team(world, older=2)
    assert world.grant(lead, [lead.grant(SPACE, reader)]).status_code == 200
    r = world.pull_response(reader, space=SPACE, msgpack=True)
    assert r.headers["content-type"] == MSGPACK
    page = msgspec.msgpack.decode(r.content, type=PullResponse)
    assert [c.change_id for c in page.changes] == history


def test_a_central_device_backfills_the_reports_space_a_team_granted_it(world: World) -> None:
    """A central-team device is a member of other teams' reports spaces: the backfill
    serves them as the main pull does (and nothing else of the team)."""
    central_team = world.admin.create_team("Sentralt team", programme="IPS", region="Nasjonalt")
    team = world.team.id
    lead = world.device("teamleder")
    central = world.device("sentralt_team", team=central_team)
    snapshots = [lead.change(f"reports:{team}", record_id=f"snap-{n}") for n in range(3)]
    world.push(lead, snapshots)
    world.push(lead, [lead.change(f"team:{team}")])
    assert world.grant(lead, [lead.grant(f"reports:{team}", central)]).status_code == 200
    got, _ = world.pull_all(central, space=f"reports:{team}", limit=2)
    assert [c.change_id for c in got] == [c.change_id for c in snapshots]
    r = world.pull_response(central, space=f"team:{team}")
    _refused(r.status_code, error_code(r), (403, "role_may_not_hold"))
