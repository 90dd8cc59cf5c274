"""A purge removes only what its author may remove (SECURITY-TESTS line 17), end to end.

A real server process on SQLite and on PostgreSQL, real laptops: a job
specialist's compromised laptop tries to erase a participant through an
employer record; the server refuses it, and the same purge slipped into the
server's log (as a compromised server would serve it) is quarantined by the
therapist's laptop. The team lead's real erasure still erases everywhere.
"""

from __future__ import annotations

import time

from sqlalchemy import select

from app.domain.access import clinical_space, work_space
from server import db
from tests.e2e.conftest import Laptop, TeamWorld, sync_all


def _quarantined(laptop: Laptop) -> dict[str, str]:
    rows = laptop.store.conn.execute("SELECT change_id, reason FROM quarantine").fetchall()
    return {str(c): str(r) for c, r in rows}


def test_only_the_team_leads_erasure_erases(world: TeamWorld) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    lead.sync.sync_once()
    therapist = world.laptop("terapeut")
    specialist = world.laptop("jobbspesialist")
    sync_all(therapist, specialist, lead)
    session = therapist.journal.add(
        "therapy_session",
        {"date": "2026-11-20", "number": 1, "body": "SENTINEL klinisk økt"},
        participant_id=pid,
    )
    team = specialist.store.setting("team_space")
    assert team is not None
    employer = specialist.store.put(record_type="employer", space=team, values={"name": "Fisk AS"})
    sync_all(therapist, specialist, lead)
    assert therapist.store.get(employer, audit=False) is not None
    work, clinical = work_space(pid), clinical_space(pid)

    # A compromised job specialist's laptop: past the journal's refusal, straight to the store.
    specialist.store.purge(employer, spaces=[clinical, work])
    (forged,) = [c for c in specialist.store.outbox() if c.kind == "purge"]
    assert forged.purge_spaces == f"{clinical} {work}"
    result = specialist.sync.sync_once()
    assert (forged.change_id, "purge_not_allowed") in result.rejected
    with world.server.engine.connect() as conn:
        stored = conn.scalars(
            select(db.changes.c.change_id).where(db.changes.c.change_id == forged.change_id)
        ).all()
    assert stored == []

    # A compromised server serves it anyway.
    with world.server.engine.begin() as conn:
        conn.execute(
            db.changes.insert().values(
                change_id=forged.change_id,
                device_id=forged.device,
                hlc=forged.hlc,
                record_id=forged.record_id,
                record_type=forged.record_type,
                space=forged.space,
                field=forged.field,
                kind=forged.kind,
                key_version=forged.key_version,
                payload=forged.payload,
                payload_dropped=False,
                received_ms=int(time.time() * 1000),
                purge_spaces=forged.purge_spaces,
            )
        )
    sync_all(therapist, lead, rounds=1)
    for laptop in (therapist, lead):
        assert "only a team lead may erase" in _quarantined(laptop)[forged.change_id]
        assert laptop.store.held_purges() == 0
    got = therapist.journal.get(session)
    assert got.fields["body"] == "SENTINEL klinisk økt"
    assert therapist.store.keys.has(clinical) and therapist.store.keys.has(work)
    assert therapist.store.get(employer, audit=False) is not None
    assert [p.id for p in therapist.journal.participants()] == [pid]

    # The team lead's erasure goes through the server and erases on every laptop.
    assert lead.journal.erase_participant(pid, confirm="Kari Nordmann") == 1
    sync_all(lead, therapist, specialist)
    for laptop in (lead, therapist, specialist):
        assert laptop.journal.participants() == []
        assert not laptop.store.keys.has(work) and not laptop.store.keys.has(clinical)
        assert laptop.store.get(session, audit=False) is None
        assert laptop.store.held_purges() == 0
    assert therapist.journal.search("SENTINEL") == []
    with world.server.engine.connect() as conn:
        kept = conn.scalars(
            select(db.changes.c.change_id).where(
                db.changes.c.space == clinical, db.changes.c.payload_dropped.is_(False)
            )
        ).all()
    assert kept == []


def test_a_team_leads_erasure_keeps_the_clinical_journal_for_its_retention(
    world: TeamWorld,
) -> None:
    """pasientjournalloven: the work records go everywhere at once, the therapist's
    sessions stay readable on the therapist's laptop until the clinical limit; a purge
    naming the clinical space from anyone but a team lead is still refused on both
    sides."""
    from app.operations.retention import erase_participant

    lead = world.laptop("teamleder", "Lise Leder")
    therapist = world.laptop("terapeut", "Tore Terapeut")
    specialist = world.laptop("jobbspesialist", "Jon Jobb")
    pid = lead.journal.create_participant(
        {"name": "Kari Nordmann", "programme": "SFJ", "therapist": "Tore Terapeut"}
    )
    lead.journal.add("episode", {"entry": "2026-09-01"}, participant_id=pid)
    sync_all(lead, therapist, specialist)
    session = therapist.journal.add(
        "therapy_session",
        {"date": "2026-11-20", "number": 1, "body": "SENTINEL klinisk økt"},
        participant_id=pid,
    )
    note = specialist.journal.add(
        "case_note", {"date": "2026-11-20", "body": "SENTINEL arbeid"}, participant_id=pid
    )
    sync_all(therapist, specialist, lead)
    work, clinical = work_space(pid), clinical_space(pid)

    done = erase_participant(lead.journal, participant_id=pid, confirm="Kari Nordmann")
    assert done.erased_records == 1
    assert done.clinical_kept_until is not None
    assert done.clinical_kept_until.year == lead.journal.today().year + 10
    sync_all(lead, therapist, specialist)

    # The therapist still reads the sessions (and knows whom they are about).
    got = therapist.journal.get(session)
    assert got.fields["body"] == "SENTINEL klinisk økt"
    assert therapist.store.keys.has(clinical)
    assert [p.fields["status"] for p in therapist.journal.participants()] == ["exited"]
    # The job specialist's laptop has none of the work records, and no clinical key.
    assert specialist.journal.search("SENTINEL") == []
    assert specialist.store.get(note, audit=False) is None
    assert not specialist.store.keys.has(clinical)
    kinds = {r.type for r in specialist.store.query(parent=pid, include_deleted=True)}
    assert kinds <= {"episode"}
    for laptop in (lead, therapist, specialist):
        assert laptop.store.held_purges() == 0
        assert _quarantined(laptop) == {}
    with world.server.engine.connect() as conn:
        kept = conn.scalars(
            select(db.changes.c.change_id).where(
                db.changes.c.space == clinical, db.changes.c.payload_dropped.is_(False)
            )
        ).all()
        gone = conn.scalars(
            select(db.changes.c.change_id).where(
                db.changes.c.record_id == note,
                db.changes.c.kind != "purge",
                db.changes.c.payload_dropped.is_(False),
            )
        ).all()
    assert kept and gone == []
    assert therapist.store.keys.has(work) and specialist.store.keys.has(work)

    # The therapist's own laptop may not erase the kept journal by naming its space.
    therapist.store.purge(session, spaces=[clinical])
    (forged,) = [c for c in therapist.store.outbox() if c.kind == "purge"]
    assert (forged.change_id, "purge_not_allowed") in therapist.sync.sync_once().rejected
