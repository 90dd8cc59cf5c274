"""A purge removes only what its author may remove (SECURITY-TESTS line 17), on both backends.

The server reads a purge's metadata and its ``purge_spaces`` (the spaces it
erases, in the clear): only a team lead's erasure of a participant record,
naming that participant's own work and clinical spaces, may name any.
"""

from __future__ import annotations

import uuid

import msgspec
import pytest
from sqlalchemy import Engine, inspect, select, text

from server import db, migrations
from server.app import create_app
from server.settings import ServerSettings
from sync.protocol import WireChange
from tests.server.helpers import TestDevice, World


def _purge(dev: TestDevice, space: str, record_id: str, record_type: str, named: str) -> WireChange:
    ch = dev.change(space, record_id=record_id, field="_purge", kind="purge")
    return msgspec.structs.replace(ch, record_type=record_type, purge_spaces=named)


def _codes(world: World, dev: TestDevice, changes: list[WireChange]) -> list[str]:
    answer = world.push(dev, changes)
    assert answer.accepted == []
    return [r.code for r in answer.rejected]


@pytest.fixture
def pid() -> str:
    return str(uuid.uuid4())


def test_a_job_specialists_purge_naming_clinical_spaces_is_refused(
    world: World, engine: Engine, pid: str
) -> None:
    spec = world.device("jobbspesialist")
    ther = world.device("terapeut")
    team = f"team:{world.team.id}"
    note = ther.change(f"clinical:{pid}")
    assert world.push(ther, [note]).accepted == [note.change_id]
    employer = spec.change(team)
    assert world.push(spec, [employer]).accepted == [employer.change_id]
    named = f"clinical:{pid} work:{pid}"

    forged = [
        # An employer record "erasing" the participant.
        _purge(spec, team, employer.record_id, "employer", named),
        # The participant record itself, by a role that may not erase.
        _purge(spec, f"work:{pid}", pid, "participant", named),
    ]
    assert _codes(world, spec, forged) == ["purge_not_allowed"] * 2
    assert _codes(world, ther, [_purge(ther, f"work:{pid}", pid, "participant", named)]) == [
        "purge_not_allowed"
    ]
    answer = world.push(spec, forged[:1])
    assert "team lead" in answer.rejected[0].message

    # Nothing was stored or emptied: the therapist still gets the session note.
    got, _ = world.pull_all(ther)
    assert [c.change_id for c in got] == [note.change_id] and got[0].payload == note.payload
    with db.read_tx(engine) as conn:
        kinds = set(conn.scalars(select(db.changes.c.kind)))
    assert "purge" not in kinds


def test_a_leads_erasure_names_only_its_own_participants_spaces(world: World, pid: str) -> None:
    lead = world.device("teamleder")
    other = str(uuid.uuid4())
    team = f"team:{world.team.id}"
    work = f"work:{pid}"
    record = lead.change(work, record_id=pid)
    employer = lead.change(team)
    assert len(world.push(lead, [record, employer]).accepted) == 2
    wrong = [
        _purge(lead, work, pid, "participant", f"clinical:{other} work:{pid}"),
        _purge(lead, work, pid, "participant", f"team:{world.team.id}"),
        _purge(lead, team, employer.record_id, "employer", f"clinical:{pid} work:{pid}"),
        _purge(lead, work, pid, "case_note", f"clinical:{pid} work:{pid}"),
    ]
    assert _codes(world, lead, wrong) == ["purge_not_allowed"] * 4


def test_purge_spaces_must_be_canonical_and_only_on_a_purge(world: World, pid: str) -> None:
    lead = world.device("teamleder")
    work = f"work:{pid}"
    register = msgspec.structs.replace(lead.change(work), purge_spaces=f"work:{pid}")
    unsorted = _purge(lead, work, pid, "participant", f"work:{pid} clinical:{pid}")
    doubled = _purge(lead, work, pid, "participant", f"clinical:{pid}  work:{pid}")
    assert _codes(world, lead, [register, unsorted, doubled]) == ["bad_change"] * 3


@pytest.mark.parametrize("work_known", [True, False])
def test_an_erasure_naming_another_teams_space_is_refused(
    world: World, engine: Engine, pid: str, work_known: bool
) -> None:
    lead = world.device("teamleder")
    elsewhere = world.admin.create_team(f"Other team {uuid.uuid4().hex[:6]}")
    stranger = world.device("terapeut", team=elsewhere)
    theirs = stranger.change(f"clinical:{pid}")
    assert world.push(stranger, [theirs]).accepted == [theirs.change_id]
    if work_known:
        record = lead.change(f"work:{pid}", record_id=pid)
        assert world.push(lead, [record]).accepted == [record.change_id]
    erasure = _purge(lead, f"work:{pid}", pid, "participant", f"clinical:{pid} work:{pid}")
    assert _codes(world, lead, [erasure]) == ["purge_not_allowed"]
    got, _ = world.pull_all(stranger)
    assert [c.payload for c in got] == [theirs.payload]
    with db.read_tx(engine) as conn:
        created = conn.scalar(select(db.spaces.c.space).where(db.spaces.c.space == f"work:{pid}"))
    assert (created is not None) == work_known  # the refused push created nothing


def test_a_leads_erasure_is_stored_served_and_empties_the_spaces(
    world: World, engine: Engine, pid: str
) -> None:
    lead = world.device("teamleder")
    ther = world.device("terapeut")
    spec = world.device("jobbspesialist")
    work, clinical = f"work:{pid}", f"clinical:{pid}"
    record = lead.change(work, record_id=pid)
    assert world.push(lead, [record]).accepted == [record.change_id]
    assert world.grant(lead, [lead.grant(work, ther), lead.grant(work, spec)]).status_code == 200
    note = ther.change(clinical)
    plan = spec.change(work)
    assert world.push(ther, [note]).accepted == [note.change_id]
    assert world.push(spec, [plan]).accepted == [plan.change_id]
    # A job specialist's plain purge of a record of its own space still goes through.
    own = _purge(spec, work, plan.record_id, "ips_plan", "")
    assert world.push(spec, [own]).accepted == [own.change_id]

    erasure = _purge(lead, work, pid, "participant", f"{clinical} {work}")
    assert world.push(lead, [erasure]).accepted == [erasure.change_id]

    got, _ = world.pull_all(ther)
    served = {c.change_id: c for c in got}
    assert served[erasure.change_id].purge_spaces == f"{clinical} {work}"
    assert served[own.change_id].purge_spaces == ""
    assert note.change_id not in served and plan.change_id not in served
    with db.read_tx(engine) as conn:
        emptied = dict(
            conn.execute(
                select(db.changes.c.change_id, db.changes.c.payload_dropped).where(
                    db.changes.c.space.in_([work, clinical])
                )
            ).all()
        )
    assert emptied[note.change_id] and emptied[plan.change_id] and emptied[record.change_id]
    assert not emptied[erasure.change_id]


def test_migration_6_adds_purge_spaces_to_an_older_log(world: World, engine: Engine) -> None:
    dev = world.device("jobbspesialist")
    old = dev.change("work:p1")
    assert world.push(dev, [old]).accepted == [old.change_id]
    with db.write_tx(engine) as conn:
        conn.execute(text("ALTER TABLE changes DROP COLUMN purge_spaces"))
    migrations.stamp(engine, 5)  # as before revision 6
    assert migrations.migrate(engine) == migrations.revisions()[5:]
    with db.read_tx(engine) as conn:
        assert "purge_spaces" in {c["name"] for c in inspect(conn).get_columns("changes")}
        assert conn.scalar(select(db.changes.c.purge_spaces)) == ""
    assert [c.purge_spaces for c in world.pull_all(dev)[0]] == [""]


def test_purge_not_allowed_and_purge_spaces_are_in_the_openapi_document(
    settings: ServerSettings,
) -> None:
    doc = create_app(settings).openapi()
    assert "purge_not_allowed" in doc["paths"]["/v1/changes"]["post"]["description"]
    schemas = doc["components"]["schemas"]
    assert "purge_not_allowed" in schemas["Rejected"]["description"]
    assert "purge_spaces" in schemas["WireChange"]["properties"]
