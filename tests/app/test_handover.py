"""People, handover, the therapist's caseload and the therapy course, over real profiles
(SQLCipher files) with known answers."""

from __future__ import annotations

from datetime import date

import pytest

from app import store_settings
from app.domain.access import AccessDenied
from app.domain.people import TeamPerson, encode_people
from app.domain.schema import ValidationError
from app.indicators import Figure, Period
from app.journal import Journal
from app.operations.caseload import caseload
from app.operations.handover import caseload_of, hand_over
from app.operations.reports import indicator_figures
from app.operations.team import fte_lines, people_names, set_fte, team_people
from app.reminders import therapy_course
from tests.app.conftest import PROFILE_TODAY, JournalFactory
from tests.support.team import log_visit, remember_team

TODAY = PROFILE_TODAY  # 23.11.2026


def _participant(journal: Journal, name: str, **fields: object) -> str:
    pid = journal.create_participant({"name": name, "programme": "IPS", **fields})
    journal.add("episode", {"entry": "2026-09-01"}, participant_id=pid)
    return pid


def _field(journal: Journal, pid: str, name: str) -> object:
    return journal.get(pid).fields.get(name)


# ------------------------------------------------------------------ people


def test_people_come_from_the_directory_as_last_synced(
    make_profile_journal: JournalFactory,
) -> None:
    journal = make_profile_journal("jobbspesialist", "Kari Jobb")
    # Before any sync: only this user.
    assert [p.name for p in team_people(journal)] == ["Kari Jobb"]
    store_settings.set_team_people(
        journal.store,
        encode_people(
            [
                TeamPerson("Kari Jobb", "jobbspesialist", 1),
                TeamPerson("Ola Jobb", "jobbspesialist", 2),
                TeamPerson("Tore Terapeut", "terapeut", 1),
                TeamPerson("Lise Leder", "teamleder", 1),
            ]
        ),
    )
    assert people_names(journal, field="job_specialist") == ["Kari Jobb", "Lise Leder", "Ola Jobb"]
    assert people_names(journal, field="therapist") == ["Tore Terapeut"]


# ---------------------------------------------------------------- handover


def test_one_participant_is_handed_over(make_profile_journal: JournalFactory) -> None:
    journal = make_profile_journal("jobbspesialist", "Kari Jobb")
    a = _participant(journal, "Anne")
    b = _participant(journal, "Bjørn")
    done = hand_over(journal, field="job_specialist", to="Ola Jobb", participant_ids=[a])
    assert (done.moved, done.already, done.to) == ((a,), (), "Ola Jobb")
    assert _field(journal, a, "job_specialist") == "Ola Jobb"
    assert _field(journal, b, "job_specialist") == "Kari Jobb"
    # Kari's own caseload ("only mine") no longer has Anne; the team's still does.
    assert [r.name for r in caseload(journal, mine_only=True)] == ["Bjørn"]
    assert [r.name for r in caseload(journal)] == ["Anne", "Bjørn"]


def test_a_whole_caseload_is_handed_over_but_not_the_exited(
    make_profile_journal: JournalFactory,
) -> None:
    journal = make_profile_journal("teamleder", "Lise Leder")
    kari = [_participant(journal, n, job_specialist="Kari Jobb") for n in ("A", "B", "C")]
    gone = _participant(journal, "D", job_specialist="Kari Jobb", status="exited")
    ola = _participant(journal, "E", job_specialist="Ola Jobb")
    assert caseload_of(journal, field="job_specialist", person="Kari Jobb") == sorted(
        kari, key=lambda pid: str(_field(journal, pid, "name"))
    )
    done = hand_over(journal, field="job_specialist", to="Nina Ny", from_person="Kari Jobb")
    assert sorted(done.moved) == sorted(kari)
    assert all(_field(journal, pid, "job_specialist") == "Nina Ny" for pid in kari)
    assert _field(journal, gone, "job_specialist") == "Kari Jobb"
    assert _field(journal, ola, "job_specialist") == "Ola Jobb"


def test_a_therapist_handover_moves_the_therapist_field(
    make_profile_journal: JournalFactory,
) -> None:
    journal = make_profile_journal("terapeut", "Tore Terapeut")
    a = _participant(journal, "Anne", therapist="Tore Terapeut", job_specialist="Kari Jobb")
    done = hand_over(journal, field="therapist", to="Tina Terapeut", participant_ids=[a])
    assert done.moved == (a,)
    assert _field(journal, a, "therapist") == "Tina Terapeut"
    assert _field(journal, a, "job_specialist") == "Kari Jobb"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"field": "job_specialist", "to": " ", "from_person": "Kari Jobb"}, "to"),
        ({"field": "gp", "to": "Ola", "from_person": "Kari Jobb"}, "field"),
        ({"field": "job_specialist", "to": "Kari Jobb", "from_person": "Kari Jobb"}, "to"),
        ({"field": "job_specialist", "to": "Ola"}, "participants"),
        ({"field": "job_specialist", "to": "Ola", "from_person": "Nobody"}, "participants"),
    ],
)
def test_a_bad_handover_changes_nothing_and_says_why(
    make_profile_journal: JournalFactory, kwargs: dict[str, str], field: str
) -> None:
    journal = make_profile_journal("jobbspesialist", "Kari Jobb")
    pid = _participant(journal, "Anne")
    with pytest.raises(ValidationError) as raised:
        hand_over(journal, **kwargs)  # type: ignore[arg-type]
    assert field in raised.value.errors
    assert _field(journal, pid, "job_specialist") == "Kari Jobb"


def test_a_handover_is_all_or_nothing(make_profile_journal: JournalFactory) -> None:
    journal = make_profile_journal("jobbspesialist", "Kari Jobb")
    a = _participant(journal, "Anne")
    with pytest.raises(KeyError):
        hand_over(journal, field="job_specialist", to="Ola", participant_ids=[a, "no-such-id"])
    assert _field(journal, a, "job_specialist") == "Kari Jobb"


# ------------------------------------------------------ the therapist's caseload


def test_only_mine_means_my_role(make_profile_journal: JournalFactory) -> None:
    journal = make_profile_journal("terapeut", "Tore Terapeut")
    # The therapist's demo shape: every job specialist is a colleague, the therapist is me.
    mine = _participant(journal, "Anne", job_specialist="Kari Jobb", therapist="Tore Terapeut")
    _participant(journal, "Bjørn", job_specialist="Kari Jobb", therapist="Tina Terapeut")
    # Job specialist, not therapist (a therapist's new participant is theirs as therapist).
    _participant(journal, "Cecilie", job_specialist="Tore Terapeut", therapist="Tina Terapeut")
    assert _field(journal, _participant(journal, "Dina"), "therapist") == "Tore Terapeut"
    assert [r.name for r in caseload(journal, mine_only=True)] == ["Anne", "Dina"]
    assert mine in {r.participant_id for r in caseload(journal, mine_only=True)}
    specialist = make_profile_journal("jobbspesialist", "Kari Jobb")
    _participant(specialist, "Dag", job_specialist="Kari Jobb", therapist="Kari Jobb")
    _participant(specialist, "Eva", job_specialist="Ola Jobb", therapist="Kari Jobb")
    assert [r.name for r in caseload(specialist, mine_only=True)] == ["Dag"]


def test_mine_by_the_server_user_name_too(make_profile_journal: JournalFactory) -> None:
    journal = make_profile_journal("terapeut", "Tore")
    journal.store.set_setting(store_settings.USER_NAME, "Tore Terapeut")
    pid = _participant(journal, "Anne", therapist="Tore Terapeut")
    assert [r.participant_id for r in caseload(journal, mine_only=True)] == [pid]


def test_therapist_columns_and_sessions_left(make_profile_journal: JournalFactory) -> None:
    journal = make_profile_journal("terapeut", "Tore Terapeut")
    pid = _participant(journal, "Anne", therapist="Tore Terapeut")
    other = _participant(journal, "Bjørn", therapist="Tore Terapeut")
    for n, day in enumerate(("2026-10-05", "2026-10-12", "2026-10-19", "2026-11-16"), 1):
        values: dict[str, object] = {"date": day, "number": n, "phase": "weekly"}
        if n == 1:
            values["planned_sessions"] = 12
        if n == 4:
            values |= {"planned_sessions": 10, "phase": "monthly", "next_session": "2026-12-14"}
        journal.add("therapy_session", values, participant_id=pid)
    journal.add("therapy_session", {"date": "2026-12-01", "number": 5}, participant_id=pid)
    journal.add("cbt_worksheet", {"date": "2026-10-20"}, participant_id=pid)
    journal.add("cbt_worksheet", {"date": "2026-11-02"}, participant_id=pid)

    rows = {r.participant_id: r for r in caseload(journal, mine_only=True)}
    course = rows[pid].therapy
    assert course is not None
    # Four held (the one on 01.12 is planned), of the newest plan (10): six left; the next
    # session is the one booked on 01.12 (before the 14.12 "next session").
    assert (course.held, course.planned, course.left, course.phase) == (4, 10, 6, "monthly")
    assert course.next_session == date(2026, 12, 1)
    assert course.last_worksheet == date(2026, 11, 2)
    empty = rows[other].therapy
    assert empty is not None and (empty.held, empty.planned, empty.left) == (0, None, None)
    # The same course from the reminders function the sessions tab calls.
    assert (
        therapy_course(journal.dataset({"therapy_session", "cbt_worksheet"}), pid, TODAY) == course
    )


def test_a_job_specialists_caseload_has_no_therapy_columns(
    make_profile_journal: JournalFactory,
) -> None:
    journal = make_profile_journal("jobbspesialist", "Kari Jobb")
    _participant(journal, "Anne")
    (row,) = caseload(journal)
    assert row.therapy is None


@pytest.mark.parametrize(("planned", "ok"), [(4, False), (5, True), (15, True), (16, False)])
def test_planned_sessions_are_five_to_fifteen(
    make_profile_journal: JournalFactory, planned: int, ok: bool
) -> None:
    journal = make_profile_journal("terapeut", "Tore Terapeut")
    pid = _participant(journal, "Anne")
    values = {"date": "2026-11-02", "planned_sessions": planned, "phase": "weekly"}
    if ok:
        rid = journal.add("therapy_session", values, participant_id=pid)
        assert journal.get(rid).fields["planned_sessions"] == planned
        return
    with pytest.raises(ValidationError) as raised:
        journal.add("therapy_session", values, participant_id=pid)
    assert raised.value.errors == {"planned_sessions": "must be between 5 and 15"}
    assert str(raised.value) == "planned_sessions: must be between 5 and 15"


# -------------------------------------------------------------------- FTE

TEAM = {
    "Kari Jobb": "jobbspesialist",
    "Lise Leder": "teamleder",
    "Ola Jobb": "jobbspesialist",
    "Tor Terapeut": "terapeut",
}


def test_only_a_team_lead_sets_an_fte(make_profile_journal: JournalFactory) -> None:
    lead = make_profile_journal("teamleder", "Lise Leder")
    remember_team(lead.store, TEAM)
    item = set_fte(lead, job_specialist="Kari Jobb", fte=0.6)
    again = set_fte(lead, job_specialist="Kari Jobb", fte=0.8)  # the same record, changed
    assert item.id == again.id and again.fields["fte"] == 0.8
    # The team's job specialists only: not the lead, not the therapist.
    assert [(f.job_specialist, f.fte, f.set_by_lead) for f in fte_lines(lead)] == [
        ("Kari Jobb", 0.8, True),
        ("Ola Jobb", 1.0, False),
    ]
    # A lead who is a participant's job specialist carries a caseload: counted, listed.
    lead.create_participant(
        {"name": "Per Deltaker", "programme": "IPS", "job_specialist": "Lise Leder"}
    )
    assert [f.job_specialist for f in fte_lines(lead)] == ["Kari Jobb", "Lise Leder", "Ola Jobb"]
    with pytest.raises(ValidationError):
        set_fte(lead, job_specialist="Kari Jobb", fte=1.5)
    specialist = make_profile_journal("jobbspesialist", "Kari Jobb")
    with pytest.raises(AccessDenied):
        set_fte(specialist, job_specialist="Kari Jobb", fte=0.5)
    assert specialist.dataset({"job_specialist_fte"}).of("job_specialist_fte") == []


def test_a_leads_visit_leaves_the_reports_caseload_per_fte_alone(
    make_profile_journal: JournalFactory,
) -> None:
    lead = make_profile_journal("teamleder", "Lise Leder")
    remember_team(lead.store, TEAM)
    for name, js in (("Anne", "Kari Jobb"), ("Per", "Kari Jobb"), ("Siri", "Ola Jobb")):
        _participant(lead, name, job_specialist=js)
    q4 = Period.quarter(2026, 4)

    def caseload_figure() -> Figure:
        return next(f for f in indicator_figures(lead, period=q4).figures if f.key == "caseload")

    # 3 active ÷ (Kari 1.0 + Ola 1.0) = 1.5, the divisor named.
    before = caseload_figure()
    assert (before.denominator, before.value) == (2.0, 1.5)
    assert [(p.key, p.value) for p in before.parts] == [("Kari Jobb", 1.0), ("Ola Jobb", 1.0)]
    # The lead logs an employer visit as the visit form does (herself as job specialist).
    employer = lead.add("employer", {"name": "Bakeriet"})
    log_visit(lead, employer=employer, day="2026-11-20", by="Lise Leder")
    assert caseload_figure() == before
    # The lead's word wins: with her own FTE set she counts (3 ÷ 2.4 = 1.25).
    set_fte(lead, job_specialist="Lise Leder", fte=0.4)
    after = caseload_figure()
    assert (after.denominator, after.value) == (2.4, 1.25)
    assert ("Lise Leder", 0.4) in [(p.key, p.value) for p in after.parts]
