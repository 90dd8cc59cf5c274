"""The agenda against a hand-built dataset on a fixed day, and over a real profile.

Today is Wednesday 25.11.2026, so "this week" runs to Sunday 29.11.2026. Each
participant below is built for one or two items; the expected day of each is
worked out beside it.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from app.agenda import THERAPIST_KINDS, Agenda, AgendaItem, agenda, notes_needed, week_end
from app.domain.schema import ValidationError, validate
from app.journal import Dataset
from app.operations.agenda import week_agenda
from tests.app.conftest import JournalFactory
from tests.app.datasets import Build, d
from tests.support.cli import cli_env, run

TODAY = d("2026-11-25")


def _caseload() -> Build:
    b = Build()
    b.add("employer", None, id="bakeri", name="Bakeriet AS")
    b.add("employer", None, id="lager", name="Lageret AS")
    b.add("employer", None, id="kafe", name="Kafé Sol")
    # Anna: an overdue next step, a planned visit, a next step already followed up,
    # one for next week, and a meeting planned on Thursday.
    b.participant("anna", name="Anna", entry="2026-10-01")  # day 60 = 30.11: next week
    b.contact(
        "anna",
        "2026-11-10",
        employer="bakeri",
        next_step="Ringe leder",
        next_step_date="2026-11-24",  # yesterday, no later contact with Bakeriet: overdue
        id="c-bakeri",
    )
    b.contact("anna", "2026-11-27", employer="lager", id="c-lager")  # Friday: a visit
    b.contact(
        "anna", "2026-11-05", employer="kafe", next_step="Sende CV", next_step_date="2026-11-20"
    )
    b.contact("anna", "2026-11-19", employer="kafe")  # ... done by this later contact
    b.contact(
        "anna", "2026-11-12", employer="lager", next_step="Intervju", next_step_date="2026-12-02"
    )  # next week
    b.meeting("anna", "2026-10-15", next_date="2026-11-26", id="m-anna")  # Thursday
    # Bjørn: entry 28.09, no job: day 60 is Friday 27.11, the window closes 27.12.
    b.participant("bjorn", name="Bjørn", entry="2026-09-28")
    b.add("disclosure_plan", "bjorn", level="open", discussed="2026-10-05")  # before day 60
    # Cecilie: a job starts on Saturday without benefits counselling; its before-start
    # follow-along window (21.11–27.11) closes on Friday.
    b.participant("cecilie", name="Cecilie", entry="2026-06-01")
    b.meeting("cecilie", "2026-09-01")  # next due 01.12: next week
    b.add("job", "cecilie", id="j-cecilie", title="Butikkmedarbeider", start="2026-11-28")
    b.note("cecilie", "2026-06-10", "disclosure")
    # Dag: in work since 01.04 (job start at day 31): six-month outcome due 01.10, not
    # recorded, overdue. Followed up on 02.11, which meets month 8 (01.11–30.11).
    b.participant("dag", name="Dag", entry="2026-03-01")
    b.job("dag", "2026-04-01", id="j-dag")
    b.follow("dag", "j-dag", "2026-11-02")
    b.meeting("dag", "2026-11-20", next_date="2027-02-15")
    # Eva left on 27.05 (no job): her six-month outcome is due on Friday 27.11.
    b.participant("eva", name="Eva", status="exited", entry="2025-12-01", exit="2026-05-27")
    # Frode left on 10.03; his outcome was recorded on 15.09: nothing.
    b.participant("frode", name="Frode", status="exited", entry="2025-09-01", exit="2026-03-10")
    b.add("outcome_6m", "frode", date="2026-09-15", status="work_or_education")
    # Gro: the last session planned the next one for today; an older one's plan is stale.
    b.participant("gro", name="Gro", entry="2026-11-01")
    b.add("therapy_session", "gro", date="2026-11-11", next_session="2026-11-18")
    b.add("therapy_session", "gro", date="2026-11-18", next_session="2026-11-25", id="s-gro")
    # Hans: the next session was planned for 11.11 and has not been held: overdue.
    b.participant("hans", name="Hans", entry="2026-11-01")
    b.add("therapy_session", "hans", date="2026-11-04", next_session="2026-11-11", id="s-hans")
    # Jonas: a job from 02.11 with no follow-along at all: weeks 1-3 missed (the latest
    # closed 22.11), week 4 (23.11–29.11) due by Sunday; no meeting since entry 01.08:
    # due 31.10 (entry + 91), overdue.
    b.participant("jonas", name="Jonas", entry="2026-08-01")
    b.job("jonas", "2026-11-02", id="j-jonas")
    b.contact("jonas", "2026-08-10")
    # Ola's participant: day 60 on Friday, but not Kari's.
    b.participant("olas", js="Ola", name="Olas deltaker", entry="2026-09-28")
    return b


EXPECTED_TODAY = [
    # (kind, participant, day, overdue) in the agenda's order: overdue first, by the day
    # that matters (a window's last day).
    ("outcome_6m", "dag", "2026-10-01", True),
    ("meeting", "jonas", "2026-10-31", True),
    ("therapy_session", "hans", "2026-11-11", True),
    ("follow_along", "jonas", "2026-11-22", True),
    ("employer_next_step", "anna", "2026-11-24", True),
    ("therapy_session", "gro", "2026-11-25", False),
]
EXPECTED_WEEK = [
    ("meeting", "anna", "2026-11-26", False),
    ("employer_visit", "anna", "2026-11-27", False),
    ("follow_along", "cecilie", "2026-11-27", False),
    ("outcome_6m", "eva", "2026-11-27", False),
    ("benefits_talk", "cecilie", "2026-11-28", False),
    ("follow_along", "jonas", "2026-11-29", False),
    ("disclosure_talk", "bjorn", "2026-11-27", False),  # by 27.12: after the week's days
]


def _kari(b: Build) -> set[str]:
    return {p.id for p in b.ds.of("participant") if p.fields.get("job_specialist") == "Kari"}


def _rows(items: tuple[AgendaItem, ...]) -> list[tuple[str, str, str, bool]]:
    return [(i.kind, i.participant_id, i.day.isoformat(), i.overdue) for i in items]


def test_exactly_these_items_on_their_days() -> None:
    b = _caseload()
    result = agenda(b.ds, today=TODAY, participant_ids=_kari(b))
    assert result.week_end == d("2026-11-29")
    assert _rows(result.today_items) == EXPECTED_TODAY
    assert _rows(result.week_items) == EXPECTED_WEEK
    by_kind = {(i.kind, i.participant_id): i for i in result.items}
    step = by_kind["employer_next_step", "anna"]
    assert (step.record_type, step.record_id) == ("employer_contact", "c-bakeri")
    assert step.detail == "Bakeriet AS: Ringe leder"
    assert by_kind["employer_visit", "anna"].detail == "Lageret AS"
    assert by_kind["meeting", "anna"].record_id == "m-anna"
    talk = by_kind["disclosure_talk", "bjorn"]
    assert (talk.until, talk.due, talk.record_type) == (
        d("2026-12-27"),
        d("2026-12-27"),
        "case_note",
    )
    assert by_kind["employer_next_step", "anna"].due == d("2026-11-24")
    benefits = by_kind["benefits_talk", "cecilie"]
    assert (benefits.detail, benefits.record_id) == ("Butikkmedarbeider", "j-cecilie")
    assert by_kind["therapy_session", "hans"].record_id == "s-hans"
    assert by_kind["outcome_6m", "eva"].record_type == "outcome_6m"
    checkpoints = [i.checkpoint for i in result.items if i.kind == "follow_along"]
    assert checkpoints == ["week_3", "before_start", "week_4"]
    # Everyone's agenda holds Ola's participant's talk too.
    everyone = agenda(b.ds, today=TODAY)
    assert {i.participant_id for i in everyone.items} - {
        i.participant_id for i in result.items
    } == {"olas"}


def test_items_move_and_go_as_days_pass_and_work_is_done() -> None:
    b = _caseload()
    mine = _kari(b)
    # Monday 30.11, a new week: Bjørn's talk is now due (since day 60, until 27.12);
    # Anna's day 60 is today; Cecilie's job has started, so no benefits talk any more.
    monday = agenda(b.ds, today=d("2026-11-30"), participant_ids=mine)
    talks = {i.participant_id: i for i in monday.today_items if i.kind == "disclosure_talk"}
    assert set(talks) == {"anna", "bjorn"} and not talks["bjorn"].overdue
    assert not [i for i in monday.items if i.kind == "benefits_talk"]
    # Done: a disclosure note for Bjørn in the window, a benefits note for Cecilie before
    # the start, Eva's outcome, Gro's session held today, Anna's contact with Bakeriet.
    b.note("bjorn", "2026-11-25", "disclosure")  # before day 60: does not count
    b.note("cecilie", "2026-11-20", "benefits")
    b.add("outcome_6m", "eva", date="2026-11-25", status="other")  # before 27.11: not yet
    b.add("therapy_session", "gro", date="2026-11-25")
    b.contact("anna", "2026-11-25", employer="bakeri")
    kinds = {
        (i.kind, i.participant_id) for i in agenda(b.ds, today=TODAY, participant_ids=mine).items
    }
    assert ("disclosure_talk", "bjorn") in kinds
    assert ("benefits_talk", "cecilie") not in kinds
    assert ("outcome_6m", "eva") in kinds
    assert ("therapy_session", "gro") not in kinds
    assert ("employer_next_step", "anna") not in kinds
    b.note("bjorn", "2026-11-30", "disclosure")
    b.add("outcome_6m", "eva", date="2026-11-27", status="other")
    monday = agenda(b.ds, today=d("2026-11-30"), participant_ids=mine)
    kinds = {(i.kind, i.participant_id) for i in monday.items}
    assert ("disclosure_talk", "bjorn") not in kinds
    assert ("outcome_6m", "eva") not in kinds
    # After the window (27.12) the talk is missed, not on the agenda: only indicators count it.
    late = agenda(b.ds, today=d("2026-12-28"), participant_ids={"olas"})
    assert not [i for i in late.items if i.kind == "disclosure_talk"]


def test_notes_are_read_only_where_a_talk_may_be_due() -> None:
    b = _caseload()
    assert notes_needed(b.ds, today=TODAY, participant_ids=_kari(b)) == {"bjorn", "cecilie"}
    assert week_end(d("2026-11-29")) == d("2026-11-29")  # Sunday: the week ends today
    assert week_end(d("2026-11-23")) == d("2026-11-29")


def test_next_step_date_is_a_date_field() -> None:
    clean = validate(
        "employer_contact",
        {
            "employer": "e",
            "date": date(2026, 11, 1),
            "mode": "face_to_face",
            "purpose": "client_specific",
            "next_step_date": date(2026, 11, 9),
        },
    )
    assert clean["next_step_date"] == "2026-11-09"
    try:
        validate("therapy_session", {"date": "2026-11-01", "next_session": "9.11"}, partial=True)
    except ValidationError as exc:
        assert set(exc.errors) == {"next_session"}
    else:
        raise AssertionError("a malformed next session was accepted")


def test_week_agenda_over_a_real_profile(make_profile_journal: JournalFactory) -> None:
    """Through the Journal: mine only, case notes read where needed, clinical for therapists."""
    today = TODAY
    kari = make_profile_journal("jobbspesialist", "Kari Jobb", today=today)
    emp = kari.add("employer", {"name": "Bakeriet AS"})
    pid = kari.create_participant({"name": "Bjørn Berg", "programme": "IPS"})
    kari.add("episode", {"entry": "2026-09-20"}, participant_id=pid)  # day 60 = 19.11
    contact = kari.add(
        "employer_contact",
        {
            "employer": emp,
            "date": "2026-11-20",
            "mode": "face_to_face",
            "purpose": "client_specific",
            "next_step": "Avtale intervju",
            "next_step_date": "2026-11-26",
        },
        participant_id=pid,
    )
    other = kari.create_participant(
        {"name": "Olas deltaker", "programme": "IPS", "job_specialist": "Ola"}
    )
    kari.add("episode", {"entry": "2026-09-28"}, participant_id=other)
    result = week_agenda(kari, mine_only=True)
    assert isinstance(result, Agenda)
    assert [(i.kind, i.participant_name, i.day.isoformat()) for i in result.items] == [
        ("disclosure_talk", "Bjørn Berg", "2026-11-19"),
        ("employer_next_step", "Bjørn Berg", "2026-11-26"),
    ]
    assert result.items[1].record_id == contact
    assert [i.kind for i in result.today_items] == ["disclosure_talk"]
    assert len(week_agenda(kari).items) == 3  # Ola's participant's day 60 too
    # A disclosure note before day 60 does not settle the talk; one today does (the notes
    # are read for this reason only).
    kari.add("case_note", {"date": "2026-11-18", "topic": "disclosure"}, participant_id=pid)
    assert len(week_agenda(kari, mine_only=True).items) == 2
    kari.add("case_note", {"date": "2026-11-25", "topic": "disclosure"}, participant_id=pid)
    assert [i.kind for i in week_agenda(kari, mine_only=True).items] == ["employer_next_step"]
    kari.add(
        "employer_contact",
        {"employer": emp, "date": "2026-11-25", "mode": "phone", "purpose": "client_specific"},
        participant_id=pid,
    )
    assert week_agenda(kari, mine_only=True).items == ()

    tore = make_profile_journal("terapeut", "Tore Terapeut", today=today)
    pid = tore.create_participant(
        {"name": "Gro Dahl", "programme": "SFJ", "therapist": "Tore Terapeut"}
    )
    tore.add("episode", {"entry": "2026-11-01"}, participant_id=pid)
    tore.add(
        "therapy_session",
        {"date": "2026-11-18", "number": 1, "next_session": "2026-11-25"},
        participant_id=pid,
    )
    result = week_agenda(tore, mine_only=True)
    assert [(i.kind, i.day, i.overdue) for i in result.today_items] == [
        ("therapy_session", today, False)
    ]


def test_an_empty_dataset_has_an_empty_agenda() -> None:
    assert agenda(Dataset(), today=TODAY).items == ()


def test_cli_agenda_prints_the_operation_s_items(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    r = run(env, "demo", "--participants", "8", "--seed", "3")
    assert r.returncode == 0, r.stderr
    r = run(env, "--json", "agenda", "--mine")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    today = date.fromisoformat(data["today"])
    assert data["week_end"] == week_end(today).isoformat()
    items = data["today_items"] + data["week_items"]
    assert items, "the demo plants items on the agenda"
    assert all(i["date"] <= data["today"] for i in data["today_items"])
    assert all(data["today"] < i["date"] <= data["week_end"] for i in data["week_items"])
    r = run(env, "agenda", "--mine")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"I dag ({today:%d.%m.%Y})"
    week = next(n for n, line in enumerate(lines) if line.startswith("Denne uken (til "))
    # One line per item, in the same order, each naming its participant.
    shown = [line for line in lines if line.startswith("  ") and "Ingenting" not in line]
    assert len(shown) == len(items)
    for line, item in zip(shown, items, strict=True):
        assert item["participant"][:26] in line
    assert week == len(data["today_items"] or [None]) + 1


def test_a_therapist_sees_sessions_and_meetings_only() -> None:
    b = _caseload()
    items = agenda(b.ds, today=TODAY, kinds=THERAPIST_KINDS).items
    assert [(i.kind, i.participant_id) for i in items] == [
        ("meeting", "jonas"),
        ("therapy_session", "hans"),
        ("therapy_session", "gro"),
        ("meeting", "anna"),
    ]


def test_cli_agenda_shows_a_window_s_last_day(tmp_path: Path) -> None:
    """Day 60 was five days ago: the talk is among today's, by day 90 in the date column."""
    env = cli_env(tmp_path)
    assert run(env, "init", "--name", "Kari Jobb", "--role", "jobbspesialist").returncode == 0
    today = date.today()
    entry = today - timedelta(days=65)
    when = f"{entry:%d.%m.%Y}"
    intake = ("--name", "Per Hansen", "--programme", "IPS", "--referral-source", "nav")
    r = run(env, "new-participant", *intake, "--referral-date", when, "--entry", when)
    assert r.returncode == 0, r.stderr
    by = entry + timedelta(days=90)
    r = run(env, "agenda")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    talk = f"  {f'innen {by:%d.%m.%Y}':19} {'Per Hansen':26} Snakke om åpenhet igjen (dag 60)"
    assert lines[:2] == [f"I dag ({today:%d.%m.%Y})", talk]
    r = run(env, "--json", "agenda")
    [item] = json.loads(r.stdout)["today_items"]
    assert (item["date"], item["due"], item["until"]) == (
        (entry + timedelta(days=60)).isoformat(),
        by.isoformat(),
        by.isoformat(),
    )
