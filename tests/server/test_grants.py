"""Grants that never hide each other, clinical grants only from holders, and the list of
grants a holder may make again (issue #13 items 2 and 3; SECURITY-TESTS 18, 19).

Every test runs on SQLite and PostgreSQL (the ``world`` and ``engine`` fixtures).
"""

from __future__ import annotations

import msgspec
from sqlalchemy import Engine, MetaData, UniqueConstraint, func, select

from server import db, migrations
from sync.protocol import Grant, GrantList, MissingGrantList
from tests.server.helpers import TestDevice, World, error_code


def _grants(world: World, dev: TestDevice) -> list[Grant]:
    r = world.call(dev, "GET", "/v1/grants")
    assert r.status_code == 200, r.text
    return msgspec.json.decode(r.content, type=GrantList).grants


def _missing(world: World, dev: TestDevice) -> set[tuple[str, int, str]]:
    r = world.call(dev, "GET", "/v1/grants/missing")
    assert r.status_code == 200, r.text
    found = msgspec.json.decode(r.content, type=MissingGrantList).missing
    return {(m.space, m.key_version, m.to_device) for m in found}


def _revoke(world: World, lead: TestDevice, dev: TestDevice) -> None:
    r = world.call(lead, "POST", f"/v1/devices/{dev.id}/revoke")
    assert r.status_code == 200, r.text


def test_a_revoked_granters_grant_never_hides_another_grant_of_the_same_key(
    world: World,
) -> None:
    lead = world.device("teamleder")
    a = world.device("jobbspesialist")
    b = world.device("jobbspesialist")
    assert world.push(a, [a.change("work:p1")]).accepted
    from_a = a.grant("work:p1", lead)
    assert world.grant(a, [from_a, a.grant("work:p1", b)]).status_code == 200
    # B, now a member, shares the same key with the lead as well.
    from_b = b.grant("work:p1", lead)
    assert world.grant(b, [from_b]).status_code == 200
    assert _grants(world, lead) == [from_a, from_b]

    _revoke(world, lead, b)
    assert _grants(world, lead) == [from_a]


def test_a_granter_granting_again_replaces_only_its_own_grant(world: World) -> None:
    lead = world.device("teamleder")
    a = world.device("jobbspesialist")
    b = world.device("jobbspesialist")
    world.push(a, [a.change("work:p1")])
    assert world.grant(a, [a.grant("work:p1", b)]).status_code == 200
    from_b = b.grant("work:p1", lead)
    assert world.grant(b, [from_b]).status_code == 200
    again = a.grant("work:p1", lead)
    assert world.grant(a, [a.grant("work:p1", lead)]).status_code == 200
    assert world.grant(a, [again]).status_code == 200
    assert _grants(world, lead) == [from_b, again]


def test_a_clinical_space_is_granted_only_by_a_therapist_that_holds_it(world: World) -> None:
    lead = world.device("teamleder")
    treating = world.device("terapeut")
    colleague = world.device("terapeut")
    stranger = world.device("terapeut")
    specialist = world.device("jobbspesialist")
    notes = [treating.change("clinical:p1", kind="text") for _ in range(3)]
    world.push(treating, notes)

    # A team lead holds no clinical key: what it sends is a key of its own choosing.
    r = world.grant(lead, [lead.grant("clinical:p1", colleague)])
    assert r.status_code == 403 and error_code(r) == "granter_not_holder"
    assert "therapist" in r.json()["message"]
    r = world.grant(lead, [lead.grant("clinical:p-new", colleague)])
    assert r.status_code == 403 and error_code(r) == "granter_not_holder"
    # A therapist that is not a member of the space may not grant it either.
    r = world.grant(stranger, [stranger.grant("clinical:p1", colleague)])
    assert r.status_code == 403 and error_code(r) == "granter_not_holder"
    # The refused grants gave the colleague nothing: no grant, no change, no backfill.
    assert _grants(world, colleague) == []
    assert world.pull(colleague).changes == []
    r = world.pull_response(colleague, space="clinical:p1")
    assert r.status_code == 403 and error_code(r) == "not_member"

    # The recipient's role must be allowed the space too.
    r = world.grant(treating, [treating.grant("clinical:p1", specialist)])
    assert r.status_code == 403 and error_code(r) == "role_may_not_hold"
    # The treating therapist may share it.
    assert world.grant(treating, [treating.grant("clinical:p1", colleague)]).status_code == 200
    got = world.pull(colleague).changes
    assert [c.change_id for c in got] == [c.change_id for c in notes]


def test_a_holder_learns_which_devices_lack_a_trusted_grant(world: World) -> None:
    lead = world.device("teamleder")
    a = world.device("jobbspesialist")
    b = world.device("jobbspesialist")
    late = world.device("jobbspesialist")
    other_team = world.device("jobbspesialist", team=world.admin.create_team("Elsewhere"))
    world.push(a, [a.change("work:p1")])
    assert world.grant(a, [a.grant("work:p1", b)]).status_code == 200
    assert world.grant(b, [b.grant("work:p1", lead)]).status_code == 200
    # The lead only has B's grant, and a colleague has none at all.
    assert _missing(world, a) == {("work:p1", 1, late.id)}

    _revoke(world, lead, b)
    # B's grant no longer counts; B itself is no recipient; the creator lacks nothing.
    assert _missing(world, a) == {("work:p1", 1, lead.id), ("work:p1", 1, late.id)}
    assert _missing(world, lead) == {("work:p1", 1, late.id)}
    assert _missing(world, late) == set()  # it holds no space
    assert _missing(world, other_team) == set()
    assert world.grant(a, [a.grant("work:p1", lead), a.grant("work:p1", late)]).status_code == 200
    assert _missing(world, a) == set()


def test_clinical_keys_are_given_again_only_to_their_members(world: World) -> None:
    lead = world.device("teamleder")
    treating = world.device("terapeut")
    second = world.device("terapeut")
    colleague = world.device("terapeut")
    world.device("terapeut")  # never treated the participant
    world.push(treating, [treating.change("clinical:p1")])
    assert world.grant(treating, [treating.grant("clinical:p1", second)]).status_code == 200
    from_second = second.grant("clinical:p1", colleague)
    assert world.grant(second, [from_second]).status_code == 200
    assert _missing(world, treating) == set()

    _revoke(world, lead, second)
    assert _missing(world, treating) == {("clinical:p1", 1, colleague.id)}
    assert _missing(world, lead) == set()
    # With the revoked therapist's own grant, for the laptop to check that it was given.
    r = world.call(treating, "GET", "/v1/grants/missing")
    [entry] = msgspec.json.decode(r.content, type=MissingGrantList).missing
    assert entry.evidence == from_second


def test_an_old_database_keeps_its_grants_and_then_one_per_granter(engine: Engine) -> None:
    with db.write_tx(engine) as conn:
        conn.execute(db.teams.insert().values(id="t1", name="T", created_ms=1))
        conn.execute(
            db.users.insert().values(id="u1", team_id="t1", name="U", role="terapeut", created_ms=1)
        )
        for device in ("d1", "d2", "d3"):
            conn.execute(
                db.devices.insert().values(
                    id=device,
                    user_id="u1",
                    name=device,
                    status="approved",
                    x25519_public=b"x",
                    ed25519_public=b"e",
                    certificate=b"",
                    enrolled_ms=1,
                )
            )
        # Back to the schema before migration 5: one grant per space, version, recipient.
        db.grants.drop(conn)
        copies = MetaData()
        for table in db.metadata.sorted_tables:
            table.to_metadata(copies)
        old = copies.tables["grants"]
        for constraint in list(old.constraints):
            if isinstance(constraint, UniqueConstraint):
                old.constraints.discard(constraint)
        old.append_constraint(UniqueConstraint("space", "key_version", "to_device"))
        old.create(conn)
        conn.execute(
            old.insert().values(
                space="work:p1",
                key_version=1,
                to_device="d2",
                from_device="d1",
                wrapped_key=b"w1",
                signature=b"s1",
                created_ms=1,
            )
        )
    migrations.stamp(engine, 6)  # as before revision 7
    assert migrations.migrate(engine) == migrations.revisions()[6:]
    assert migrations.migrate(engine) == []
    with db.write_tx(engine) as conn:
        conn.execute(
            db.grants.insert().values(
                space="work:p1",
                key_version=1,
                to_device="d2",
                from_device="d3",
                wrapped_key=b"w2",
                signature=b"s2",
                created_ms=2,
            )
        )
    with db.read_tx(engine) as conn:
        rows = conn.execute(
            select(db.grants.c.id, db.grants.c.from_device).order_by(db.grants.c.id)
        ).all()
        assert conn.scalar(select(func.count()).select_from(db.grants)) == 2
    assert [r.from_device for r in rows] == ["d1", "d3"]
    assert rows[0].id < rows[1].id
