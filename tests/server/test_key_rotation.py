"""Key rotation after a revocation, on both backends: the due versions, the one claim per
version, who may grant a rotated version, and pushes under a retired version."""

from __future__ import annotations

import uuid

import msgspec
from msgspec.structs import replace
from sqlalchemy import Engine, inspect, select

from server import db, migrations
from sync.protocol import RotationClaim, RotationList, WireChange
from tests.server.helpers import TestDevice, World, error_code


def _rotations(world: World, dev: TestDevice) -> dict[tuple[str, int], tuple[str, list[str]]]:
    r = world.call(dev, "GET", "/v1/rotations")
    assert r.status_code == 200, r.text
    found = msgspec.json.decode(r.content, type=RotationList).rotations
    return {(x.space, x.key_version): (x.claimed_by, sorted(x.waiting)) for x in found}


def _claim(world: World, dev: TestDevice, space: str, version: int) -> tuple[int, str]:
    r = world.call(
        dev, "POST", "/v1/rotations/claim", msgspec.json.encode(RotationClaim(space, version))
    )
    return r.status_code, (error_code(r) if r.status_code >= 400 else "")


def _rows(engine: Engine) -> list[tuple[str, int, str, str | None]]:
    with engine.connect() as conn:
        return [
            (r.space, r.key_version, r.revoked_device, r.claimed_by)
            for r in conn.execute(
                select(db.key_rotations).order_by(
                    db.key_rotations.c.space, db.key_rotations.c.key_version
                )
            )
        ]


def _shared_space(world: World) -> tuple[str, TestDevice, TestDevice, TestDevice]:
    """work:<p> made by specialist A (a push), granted to the lead and to specialist B."""
    lead = world.device("teamleder")
    a = world.device("jobbspesialist")
    b = world.device("jobbspesialist")
    space = f"work:{uuid.uuid4()}"
    assert world.push(a, [a.change(space)]).accepted
    assert world.grant(a, [a.grant(space, lead), a.grant(space, b)]).status_code == 200
    return space, lead, a, b


def test_a_revocation_makes_the_next_version_due_in_every_space_the_device_held(
    world: World, engine: Engine
) -> None:
    space, lead, a, b = _shared_space(world)
    other = f"work:{uuid.uuid4()}"
    assert world.push(b, [replace(b.change(other), key_version=3)]).accepted
    untouched = f"work:{uuid.uuid4()}"
    assert world.push(a, [a.change(untouched)]).accepted

    world.admin.revoke_device(b.id)
    assert _rows(engine) == [(s, v, b.id, None) for s, v in sorted([(space, 2), (other, 4)])]
    world.admin.revoke_device(b.id)  # revoking again changes nothing
    assert len(_rows(engine)) == 2
    # A holder reads what is due, and which members still lack it (nobody holds it yet;
    # never the revoked one); a device that does not hold the space reads nothing.
    due = {(space, 2): ("", sorted([a.id, lead.id]))}
    assert _rotations(world, a) == due and _rotations(world, lead) == due
    assert _rotations(world, world.device("jobbspesialist")) == {}

    # A second revocation while version 2 is unclaimed: that version, made later, reaches
    # only the devices still approved, so nothing more is due.
    c = world.device("jobbspesialist")
    assert world.grant(a, [a.grant(space, c)]).status_code == 200
    world.admin.revoke_device(c.id)
    assert [(s, v) for s, v, _, _ in _rows(engine) if s == space] == [(space, 2)]
    # Once version 2 is claimed, the next revocation makes version 3 due.
    assert _claim(world, a, space, 2) == (200, "")
    assert world.grant(a, [a.grant(space, lead, key_version=2)]).status_code == 200
    world.admin.revoke_device(lead.id)
    assert [(s, v, d) for s, v, d, _ in _rows(engine) if s == space] == [
        (space, 2, b.id),
        (space, 3, lead.id),
    ]


def test_the_first_claim_wins_and_a_second_creator_is_refused(world: World) -> None:
    space, lead, a, b = _shared_space(world)
    world.admin.revoke_device(b.id)
    stranger = world.device("jobbspesialist")
    therapist = world.device("terapeut")

    assert _claim(world, stranger, space, 2) == (403, "not_member")
    assert _claim(world, a, space, 3) == (404, "rotation_not_due")
    assert _claim(world, a, f"work:{uuid.uuid4()}", 2) == (404, "rotation_not_due")
    assert _claim(world, a, space, 2) == (200, "")
    assert _claim(world, lead, space, 2) == (409, "rotation_claimed")
    assert _claim(world, a, space, 2) == (200, "")  # the winner may claim again (a crash)
    assert _rotations(world, lead) == {(space, 2): (a.id, [lead.id])}
    # A revoked device claims nothing: it is refused at the door.
    r = world.call(b, "POST", "/v1/rotations/claim", msgspec.json.encode(RotationClaim(space, 2)))
    assert (r.status_code, error_code(r)) == (401, "revoked")
    clinical = f"clinical:{uuid.uuid4()}"
    assert _claim(world, therapist, clinical, 2) == (404, "rotation_not_due")
    assert _claim(world, a, clinical, 2) == (403, "not_member")


def test_only_the_maker_or_a_receiver_grants_a_rotated_version(
    world: World, engine: Engine
) -> None:
    space, lead, a, b = _shared_space(world)
    d = world.device("jobbspesialist")
    assert world.grant(a, [a.grant(space, d)]).status_code == 200
    world.admin.revoke_device(b.id)

    r = world.grant(a, [a.grant(space, lead, key_version=2)])
    assert (r.status_code, error_code(r)) == (409, "rotation_unclaimed")
    assert _claim(world, a, space, 2) == (200, "")
    r = world.grant(lead, [lead.grant(space, d, key_version=2)])  # the loser's own key
    assert (r.status_code, error_code(r)) == (409, "rotation_claimed")
    r = world.grant(a, [a.grant(space, b, key_version=2)])
    assert (r.status_code, error_code(r)) == (409, "device_revoked")
    assert world.grant(a, [a.grant(space, lead, key_version=2)]).status_code == 200
    assert _rotations(world, a) == {(space, 2): (a.id, [d.id])}
    # A device that received version 2 may pass it on; then nobody waits any more.
    assert world.grant(lead, [lead.grant(space, d, key_version=2)]).status_code == 200
    assert _rotations(world, a) == {}
    assert _rotations(world, d) == {}
    with engine.connect() as conn:  # closed: no longer read at every round
        closed = conn.scalar(select(db.key_rotations.c.closed_ms))
    assert closed is not None
    # Versions nobody rotated are granted as before.
    assert world.grant(lead, [lead.grant(space, d)]).status_code == 200


def test_a_push_under_a_retired_version_is_rejected_and_waits(world: World) -> None:
    space, lead, a, b = _shared_space(world)
    world.admin.revoke_device(b.id)
    before_claim = a.change(space)
    answer = world.push(a, [before_claim])  # nobody has the new key yet: accepted
    assert answer.accepted == [before_claim.change_id]
    assert _claim(world, a, space, 2) == (200, "")

    old: WireChange = a.change(space)
    new = replace(a.change(space), key_version=2)
    elsewhere = a.change(f"work:{uuid.uuid4()}")
    answer = world.push(lead, [lead.change(space)])
    assert [(x.code, x.message) for x in answer.rejected] == [
        (
            "retired_key",
            f"Key version 1 of space {space} is retired after a revocation; seal the change "
            "again with version 2 and push it again.",
        )
    ]
    answer = world.push(a, [old, new, elsewhere, before_claim])
    assert [x.change_id for x in answer.rejected] == [old.change_id]
    assert answer.accepted == [new.change_id, elsewhere.change_id]
    assert answer.duplicates == [before_claim.change_id]  # a retry of what was accepted
    # Sealed again under version 2 (same change id), it is accepted.
    answer = world.push(a, [replace(old, key_version=2)])
    assert answer.accepted == [old.change_id]


def test_migration_5_gives_an_older_database_the_rotation_table(engine: Engine) -> None:
    with db.write_tx(engine) as conn:
        db.key_rotations.drop(conn)
    migrations.stamp(engine, 4)  # as before revision 5
    assert migrations.migrate(engine) == migrations.revisions()[4:]
    with db.read_tx(engine) as conn:
        assert "key_rotations" in inspect(conn).get_table_names()
