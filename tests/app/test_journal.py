"""The Journal use cases: access by role, signing, disclosure guard, audit, erasure."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.access import AccessDenied, clinical_space, work_space
from app.domain.schema import ValidationError
from app.journal import ChangeEvent, ImmutableRecord, Journal
from storage.errors import KeyUnavailable
from tests.support.replicas import make_store, sync_all

TODAY = date(2026, 11, 23)


def journal(role: str, name: str, keys: dict[str, dict[int, bytes]] | None = None) -> Journal:
    store = make_store(None, keys=keys if keys is not None else {}, actor=name)
    store.role = role
    return Journal(store, today=lambda: TODAY)


@pytest.fixture
def specialist() -> Journal:
    return journal("jobbspesialist", "Kari Jobb")


@pytest.fixture
def therapist() -> Journal:
    return journal("terapeut", "Tore Terapeut")


def test_create_participant_validates_and_notifies(specialist: Journal) -> None:
    events: list[ChangeEvent] = []
    specialist.subscribe(events.append)
    with pytest.raises(ValidationError) as err:
        specialist.create_participant({"name": "", "programme": "XYZ"})
    assert set(err.value.errors) == {"name", "programme"}
    with pytest.raises(ValidationError) as err:
        specialist.create_participant(
            {"name": "Åse", "programme": "IPS", "national_id": "01019010047"}
        )
    assert "check digit" in err.value.errors["national_id"]
    assert "01019010047" not in str(err.value)  # never echo an identity number
    pid = specialist.create_participant(
        {"name": "Åse Ødegård", "programme": "IPS", "national_id": "01019010046"}
    )
    assert events == [ChangeEvent(frozenset({"participant"}), frozenset({pid}), None)]
    rec = specialist.get(pid)
    assert rec.space == work_space(pid)
    assert rec.fields["job_specialist"] == "Kari Jobb" and rec.fields["status"] == "active"
    assert [p.id for p in specialist.participants(mine_only=True)] == [pid]


def test_job_specialist_cannot_touch_clinical_records(specialist: Journal) -> None:
    pid = specialist.create_participant({"name": "Per", "programme": "SFJ"})
    with pytest.raises(AccessDenied):
        specialist.add("therapy_session", {"date": "2026-11-01"}, participant_id=pid)
    with pytest.raises(AccessDenied):
        specialist.records(pid, "cbt_worksheet")
    assert not specialist.store.keys.has(clinical_space(pid))


def test_therapist_writes_clinical_and_specialist_cannot_read_it() -> None:
    spec = journal("jobbspesialist", "Kari Jobb")
    pid = spec.create_participant({"name": "Per Hansen", "programme": "SFJ"})
    ther = journal(
        "terapeut", "Tore", {work_space(pid): {1: spec.store.keys.key(work_space(pid), 1)}}
    )
    ther.store.apply_changes(spec.store.all_changes())
    sid = ther.add(
        "therapy_session",
        {"date": "2026-11-02", "number": 1, "body": "Arbeid med katastrofetanker"},
        participant_id=pid,
    )
    ther.add("case_note", {"date": "2026-11-02", "body": "Felles notat"}, participant_id=pid)
    sync_all(spec.store, ther.store)
    assert {r.type for r in ther.records(pid)} == {"therapy_session", "case_note"}
    assert {r.type for r in spec.records(pid)} == {"case_note"}
    # The change arrived, but without the clinical key it stays sealed and
    # is never materialised on the specialist's device.
    assert spec.store.get(sid) is None
    assert sid in {c.record_id for c in spec.store.all_changes()}
    _, children = spec.open_participant(pid)
    assert [c.type for c in children] == ["case_note"]


def test_signed_session_is_immutable_and_takes_addenda(therapist: Journal) -> None:
    pid = therapist.create_participant({"name": "Per", "programme": "SFJ"})
    sid = therapist.add(
        "therapy_session", {"date": "2026-11-02", "body": "Utkast"}, participant_id=pid
    )
    therapist.update(sid, {"body": "Ferdig notat"})
    therapist.sign(sid)
    rec = therapist.get(sid)
    assert rec.fields["signed"] == TODAY.isoformat() and rec.fields["signed_by"] == "Tore Terapeut"
    with pytest.raises(ImmutableRecord):
        therapist.update(sid, {"body": "endret i ettertid"})
    with pytest.raises(ImmutableRecord):
        therapist.delete(sid)
    with pytest.raises(ImmutableRecord):
        therapist.sign(sid)
    aid = therapist.add(
        "therapy_addendum",
        {"session": sid, "date": "2026-11-03", "body": "Rettelse"},
        participant_id=pid,
    )
    assert therapist.get(aid).fields["session"] == sid
    assert therapist.get(sid).fields["body"] == "Ferdig notat"


def test_meeting_defaults_to_next_in_three_months(specialist: Journal) -> None:
    pid = specialist.create_participant({"name": "Per", "programme": "SFJ"})
    mid = specialist.add("meeting", {"date": "2026-11-23"}, participant_id=pid)
    assert specialist.get(mid).fields["next_date"] == "2027-02-22"


def test_disclosure_guard_names_only_consenting_participants(specialist: Journal) -> None:
    emp = specialist.add("employer", {"name": "Rema 1000 Majorstuen", "org_number": "974760673"})
    other = specialist.add("employer", {"name": "NAV", "org_number": "889640782"})
    open_p = specialist.create_participant({"name": "Ola Åpen", "programme": "IPS"})
    closed_p = specialist.create_participant({"name": "Siri Skjult", "programme": "IPS"})
    withdrawn_p = specialist.create_participant({"name": "Vera Trakk", "programme": "IPS"})
    for pid in (open_p, closed_p, withdrawn_p):
        specialist.add(
            "employer_contact",
            {
                "employer": emp,
                "date": "2026-11-20",
                "mode": "face_to_face",
                "purpose": "client_specific",
            },
            participant_id=pid,
        )
    specialist.add(
        "consent",
        {"scope": "employer", "employer": emp, "given": "2026-10-01"},
        participant_id=open_p,
    )
    specialist.add(
        "disclosure_plan", {"level": "open", "discussed": "2026-10-01"}, participant_id=open_p
    )
    specialist.add(
        "disclosure_plan", {"level": "none", "discussed": "2026-10-01"}, participant_id=closed_p
    )
    specialist.add(
        "consent",
        {"scope": "employer", "employer": emp, "given": "2026-10-01", "withdrawn": "2026-11-01"},
        participant_id=withdrawn_p,
    )
    specialist.add(
        "disclosure_plan", {"level": "open", "discussed": "2026-10-01"}, participant_id=withdrawn_p
    )
    views = specialist.employer_contacts(emp)
    labels = sorted(str(v.participant_label) for v in views)
    assert labels == ["None", "None", "Ola Åpen"]
    assert not specialist.may_name_to_employer(open_p, other)  # consent was for one employer


def test_access_log_lists_reads_and_changes_of_the_participant(specialist: Journal) -> None:
    pid = specialist.create_participant({"name": "Per", "programme": "SFJ"})
    nid = specialist.add("case_note", {"date": "2026-11-01", "body": "x"}, participant_id=pid)
    specialist.open_participant(pid)
    specialist.update(nid, {"body": "y"})
    other = specialist.create_participant({"name": "Annen", "programme": "SFJ"})
    specialist.get(other)
    log = specialist.access_log(pid)
    assert [(e.action, e.record_id) for e in log] == [
        ("create", pid),
        ("create", nid),
        ("read", pid),
        ("change", nid),
    ]
    assert all(e.actor == "Kari Jobb" for e in log)


def test_erasure_reaches_clinical_records_the_eraser_cannot_read() -> None:
    spec = journal("jobbspesialist", "Kari Jobb")
    pid = spec.create_participant({"name": "Per Hansen", "programme": "SFJ"})
    work_key = spec.store.keys.key(work_space(pid), 1)
    ther = journal("terapeut", "Tore", {work_space(pid): {1: work_key}})
    lead = journal("teamleder", "Lene Leder", {work_space(pid): {1: work_key}})
    ther.store.apply_changes(spec.store.all_changes())
    ther.add(
        "therapy_session", {"date": "2026-11-02", "body": "SENTINEL klinisk"}, participant_id=pid
    )
    spec.add("case_note", {"date": "2026-11-02", "body": "SENTINEL arbeid"}, participant_id=pid)
    sync_all(spec.store, ther.store, lead.store)
    with pytest.raises(ValidationError):
        lead.erase_participant(pid, confirm="feil navn")
    assert lead.erase_participant(pid, confirm="Per Hansen") == 2
    sync_all(spec.store, ther.store, lead.store)
    for j in (spec, ther, lead):
        assert j.participants() == []
        assert j.search("SENTINEL") == []
        assert not j.store.keys.has(work_space(pid))
        assert not j.store.keys.has(clinical_space(pid))
        assert all(b"SENTINEL" not in (c.payload or b"") for c in j.store.all_changes())
    with pytest.raises(ValueError):
        ther.add("therapy_session", {"date": "2026-11-03"}, participant_id=pid)


@pytest.mark.parametrize("role", ["jobbspesialist", "terapeut"])
def test_only_a_team_lead_may_erase_and_nothing_is_written_otherwise(role: str) -> None:
    j = journal(role, "Kari")
    pid = j.create_participant({"name": "Per Hansen", "programme": "SFJ"})
    pending = j.store.outbox_size()
    with pytest.raises(AccessDenied, match="team lead"):
        j.erase_participant(pid, confirm="Per Hansen")
    assert j.store.outbox_size() == pending
    assert [p.id for p in j.participants()] == [pid]


def test_retention_candidates(specialist: Journal) -> None:
    old = specialist.create_participant({"name": "Gammel", "programme": "SFJ"})
    specialist.add(
        "episode",
        {"entry": "2022-01-01", "exit": "2023-01-01", "exit_reason": "ordinary_work"},
        participant_id=old,
    )
    recent = specialist.create_participant({"name": "Ny", "programme": "SFJ"})
    specialist.add(
        "episode",
        {"entry": "2025-01-01", "exit": "2026-06-01", "exit_reason": "education"},
        participant_id=recent,
    )
    active = specialist.create_participant({"name": "Aktiv", "programme": "SFJ"})
    specialist.add("episode", {"entry": "2025-01-01"}, participant_id=active)
    assert [p.id for p in specialist.retention_candidates(older_than_days=365 * 2)] == [old]


def test_unknown_space_key_is_not_minted_by_a_write() -> None:
    spec = journal("jobbspesialist", "Kari", {})
    with pytest.raises(KeyUnavailable):
        spec.store.put(record_type="case_note", space="work:someone-else", values={"x": 1})


def test_reread_is_not_a_new_audited_read(specialist: Journal) -> None:
    pid = specialist.create_participant({"name": "Per", "programme": "SFJ"})
    specialist.open_participant(pid)
    reads = [e for e in specialist.access_log(pid) if e.action == "read"]
    rec = specialist.reread(pid)
    assert rec is not None and rec.fields["name"] == "Per"
    assert [e for e in specialist.access_log(pid) if e.action == "read"] == reads
    nid = specialist.add("case_note", {"date": "2026-11-01"}, participant_id=pid)
    specialist.delete(nid)
    assert specialist.reread(nid) is None
