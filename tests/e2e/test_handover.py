"""Handover and the team's people over a real server process and real laptops: after a
therapist's handover the receiving therapist's laptop reads the clinical notes, a lost
therapist laptop loses nothing its owner shared with their new one, a job specialist's
laptop never receives a clinical key, and a team lead's FTE reaches every laptop while
a job specialist's is refused by the server."""

from __future__ import annotations

from app import store_settings
from app.operations.caseload import caseload
from app.operations.handover import hand_over, share_clinical
from app.operations.team import fte_lines, people_names, set_fte
from tests.e2e.conftest import Laptop, TeamWorld, sync_all


def _no_clinical_key(laptop: Laptop) -> bool:
    return not [s for s in laptop.store.keys.spaces() if s.startswith("clinical:")]


def test_a_therapists_handover_shares_the_clinical_journal(world: TeamWorld) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    specialist = world.laptop("jobbspesialist", "Jonas Jobb")
    tora = world.laptop("terapeut", "Tora Terapeut")
    terje = world.laptop("terapeut", "Terje Terapeut")
    everyone = (lead, specialist, tora, terje)
    sync_all(*everyone, rounds=1)

    # People, not strings: every laptop knows the team's people from the directory.
    assert people_names(specialist.journal, field="therapist") == [
        "Terje Terapeut",
        "Tora Terapeut",
    ]
    assert people_names(tora.journal, field="job_specialist") == ["Jonas Jobb", "Lise Leder"]

    pid = tora.journal.create_participant(
        {"name": "Per Pendler", "programme": "IPS", "job_specialist": "Jonas Jobb"}
    )
    session = tora.journal.add(
        "therapy_session",
        {
            "date": "2026-11-16",
            "number": 1,
            "planned_sessions": 8,
            "phase": "weekly",
            "body": "Klinisk: uro på toget.",
        },
        participant_id=pid,
    )
    sync_all(*everyone, rounds=2)
    assert [r.participant_id for r in caseload(tora.journal, mine_only=True)] == [pid]
    assert caseload(terje.journal, mine_only=True) == []
    assert terje.store.get(session, audit=False) is None  # not shared yet

    # Tora hands Per over to Terje, from her laptop: the field, then the clinical key.
    done = hand_over(tora.journal, field="therapist", to="Terje Terapeut", participant_ids=[pid])
    assert done.moved == (pid,)
    shared = share_clinical(tora.sync, to="Terje Terapeut", participant_ids=[pid])
    assert shared.devices == (terje.device,) and shared.participants == (pid,)
    sync_all(*everyone, rounds=2)

    assert terje.journal.get(session).fields["body"] == "Klinisk: uro på toget."
    (row,) = caseload(terje.journal, mine_only=True)
    assert row.participant_id == pid and row.therapy is not None
    assert (row.therapy.held, row.therapy.planned, row.therapy.left) == (1, 8, 7)
    assert caseload(tora.journal, mine_only=True) == []
    # The job specialist and the lead see the new therapist's name, never the notes.
    for laptop in (specialist, lead):
        assert laptop.journal.get(pid).fields["therapist"] == "Terje Terapeut"
        assert _no_clinical_key(laptop)
        assert laptop.store.get(session, audit=False) is None


def test_a_lost_therapist_laptop_loses_nothing_shared_with_the_new_one(
    world: TeamWorld,
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    specialist = world.laptop("jobbspesialist", "Jonas Jobb")
    old = world.laptop("terapeut", "Tora Terapeut")
    pid = old.journal.create_participant({"name": "Per Pendler", "programme": "IPS"})
    session = old.journal.add(
        "therapy_session", {"date": "2026-11-16", "body": "Klinisk notat."}, participant_id=pid
    )
    sync_all(lead, specialist, old, rounds=1)
    # Her new laptop is approved by the team lead: approval brings no clinical key.
    new = world.laptop("terapeut", "Tora Terapeut", enrol=False)
    user = old.store.setting(store_settings.USER_ID)
    assert user is not None
    code = world.server.admin.issue_code(user=user).code
    new.sync.enrol(world.server.url, code, "Toras nye laptop")
    world.approve(new)
    sync_all(lead, old, new, rounds=1)
    assert new.store.get(session, audit=False) is None and _no_clinical_key(new)
    # From the old laptop she shares every clinical journal it holds with her own.
    shared = share_clinical(old.sync, to="Tora Terapeut", participant_ids=[pid])
    assert shared.devices == (new.device,)
    sync_all(old, new, rounds=1)
    assert new.journal.get(session).fields["body"] == "Klinisk notat."

    # The old laptop is lost and revoked: its keys are rotated away, the journal stays.
    world.server.admin.revoke_device(old.device)
    sync_all(new, lead, specialist, rounds=2)
    later = new.journal.add(
        "therapy_session", {"date": "2026-11-23", "body": "Etter tapet."}, participant_id=pid
    )
    sync_all(new, rounds=1)
    assert new.journal.get(session).fields["body"] == "Klinisk notat."
    assert new.journal.get(later).fields["body"] == "Etter tapet."
    assert _no_clinical_key(specialist) and _no_clinical_key(lead)


def test_a_team_leads_fte_reaches_every_laptop_and_no_one_elses_does(world: TeamWorld) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    specialist = world.laptop("jobbspesialist", "Jonas Jobb")
    sync_all(lead, specialist, rounds=1)
    set_fte(lead.journal, job_specialist="Jonas Jobb", fte=0.6)
    sync_all(lead, specialist, rounds=2)
    lines = {f.job_specialist: (f.fte, f.set_by_lead) for f in fte_lines(specialist.journal)}
    assert lines["Jonas Jobb"] == (0.6, True)

    # A tampered job specialist's laptop writes one into the team space directly: the
    # server refuses it, so no other laptop ever receives it.
    team = specialist.journal.team_space
    assert team is not None
    forged = specialist.store.put(
        record_type="job_specialist_fte",
        space=team,
        values={"job_specialist": "Jonas Jobb", "fte": 0.1},
    )
    result = specialist.sync.sync_once()
    assert {code for _, code in result.rejected} == {"not_team_lead"}
    sync_all(lead, rounds=1)
    assert lead.store.get(forged, audit=False) is None
    lines = {f.job_specialist: f.fte for f in fte_lines(lead.journal)}
    assert lines["Jonas Jobb"] == 0.6
