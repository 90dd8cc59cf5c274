"""The demo generator on real profiles: deterministic, role-aware, valid, cancellable."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise

import pytest

from app.demo import (
    ACTION_LATE_DAYS,
    GOAL_ACTIONS,
    DemoSummary,
    fill_bulk,
    fill_demo,
    synthetic_identity_number,
    synthetic_org_number,
)
from app.domain.identifiers import check_org_number, parse_identity_number
from app.domain.schema import CLINICAL_TYPES, validate
from app.journal import Journal
from app.operations.agenda import week_agenda
from tests.app.conftest import PROFILE_TODAY, JournalFactory

TODAY = PROFILE_TODAY


def _names(journal: Journal) -> list[str]:
    return [str(p.fields["name"]) for p in journal.participants()]


def test_same_seed_gives_same_data(make_profile_journal: JournalFactory) -> None:
    a, b, c = (make_profile_journal() for _ in range(3))
    first = fill_demo(a, participants=8, seed=11, today=TODAY)
    second = fill_demo(b, participants=8, seed=11, today=TODAY)
    assert first == second
    assert _names(a) == _names(b) and len(_names(a)) == 8
    born = sorted(str(p.fields.get("birth_date")) for p in a.participants())
    assert born == sorted(str(p.fields.get("birth_date")) for p in b.participants())
    notes = sorted(str(r.fields.get("body")) for r in a.dataset().of("case_note"))
    assert notes == sorted(str(r.fields.get("body")) for r in b.dataset().of("case_note"))
    other = fill_demo(c, participants=8, seed=12, today=TODAY)
    assert _names(c) != _names(a)
    assert other.participants == 8


def test_job_specialist_gets_no_clinical_records_and_therapist_does(
    make_profile_journal: JournalFactory,
) -> None:
    specialist = make_profile_journal("jobbspesialist", "Kari Jobb")
    therapist = make_profile_journal("terapeut", "Tore Terapeut")
    work = fill_demo(specialist, participants=10, seed=5, today=TODAY)
    clinical = fill_demo(therapist, participants=10, seed=5, today=TODAY)

    assert not set(work.counts) & CLINICAL_TYPES
    assert not any(specialist.store.keys.has(s) for s in _clinical_spaces(specialist))
    for kind in ("therapy_session", "cbt_worksheet", "exposure_plan"):
        assert clinical.counts.get(kind, 0) > 0, kind
    assert clinical.signed > 0
    sessions = therapist.dataset().of("therapy_session")
    assert any(s.fields.get("signed") for s in sessions)
    assert any(not s.fields.get("signed") for s in sessions)
    # Every participant in therapy has around nine sessions (5-15, fewer if recent).
    per_participant = Counter(s.parent for s in sessions)
    assert max(per_participant.values()) <= 15
    # Apart from clinical records both profiles hold the same caseload.
    assert {k: v for k, v in clinical.counts.items() if k not in CLINICAL_TYPES} == work.counts
    assert _names(specialist) == _names(therapist)
    # The user is the job specialist of most participants on their own profile.
    mine = specialist.participants(mine_only=True)
    assert len(mine) >= 6
    worksheet = therapist.dataset().of("cbt_worksheet")[0].fields
    for column in ("situation", "thought", "feeling", "bodily_reaction", "behaviour"):
        assert worksheet.get(column), column
    assert worksheet["intensity_after"] < worksheet["intensity"]
    plan = therapist.dataset().of("exposure_plan")[0].fields
    expected = [s["expected_distress"] for s in plan["steps"]]
    assert expected == sorted(expected) and len(expected) >= 5


def _clinical_spaces(journal: Journal) -> list[str]:
    return [f"clinical:{p.id}" for p in journal.participants()]


def test_generated_identifiers_are_valid(make_profile_journal: JournalFactory) -> None:
    journal = make_profile_journal()
    fill_demo(journal, participants=20, seed=7, today=TODAY)
    ds = journal.dataset()
    fnrs = [
        str(p.fields["national_id"]) for p in ds.of("participant") if p.fields.get("national_id")
    ]
    assert fnrs
    for p in ds.of("participant"):
        if p.fields.get("national_id"):
            parsed = parse_identity_number(str(p.fields["national_id"]))
            assert parsed.birth_date.isoformat() == p.fields["birth_date"]
    orgs = [str(e.fields["org_number"]) for e in ds.of("employer")]
    assert len(orgs) == 10 and len(set(orgs)) == 10
    for org in orgs:
        assert check_org_number(org) == org
    # And directly, over many draws (including births after 2000).
    rng = random.Random(1)
    for _ in range(300):
        born = date(1960, 1, 1) + timedelta(days=rng.randint(0, 17000))
        number = synthetic_identity_number(rng, born)
        assert parse_identity_number(number).birth_date == born
        assert check_org_number(synthetic_org_number(rng)) is not None


def test_demo_data_validates_and_is_realistic(make_profile_journal: JournalFactory) -> None:
    journal = make_profile_journal()
    summary = fill_demo(journal, participants=40, seed=7, today=TODAY)
    ds = journal.dataset()
    total = 0
    for record_type, records in ds.by_type.items():
        for rec in records:
            validate(record_type, rec.fields)  # raises on anything invalid
            total += 1
    assert total == summary.records
    assert {k: len(v) for k, v in ds.by_type.items()} == summary.counts
    assert summary.records_per_second > 0

    two_years_ago = (TODAY - timedelta(days=2 * 365)).isoformat()
    assert all(
        two_years_ago <= str(e.fields["entry"]) <= TODAY.isoformat() for e in ds.of("episode")
    )
    referrals = ds.of("referral")
    assert {r.fields["source"] for r in referrals} >= {"gp", "nav", "self"}
    declined = [r for r in referrals if r.fields["decision"] == "declined"]
    assert declined and [r.fields["decline_reason"] for r in declined].count("not_ready") == 1
    exits = [e for e in ds.of("episode") if e.fields.get("exit")]
    into_work = [e for e in exits if e.fields["exit_reason"] in ("ordinary_work", "education")]
    assert exits and len(into_work) / len(exits) >= 0.6
    statuses = Counter(p.fields["status"] for p in ds.of("participant"))
    assert statuses["exited"] and statuses["active"] and statuses["referred"]

    employer_consents = [c for c in ds.of("consent") if c.fields["scope"] == "employer"]
    assert employer_consents and [c for c in employer_consents if c.fields.get("withdrawn")]
    assert {d.fields["level"] for d in ds.of("disclosure_plan")} == {"open", "partial", "none"}

    goals = {g.id: g for g in ds.of("goal")}
    subgoals = [g for g in goals.values() if g.fields.get("parent_goal")]
    assert subgoals and all(g.fields["parent_goal"] in goals for g in subgoals)
    actions = ds.of("action")
    assert all(a.fields["goal"] in goals for a in actions)
    today = TODAY.isoformat()
    assert [a for a in actions if a.fields["status"] == "open" and str(a.fields["due"]) < today]
    assert [a for a in actions if a.fields["status"] == "done"]

    topics = {n.fields.get("topic") for n in ds.of("case_note")}
    assert {"disclosure", "benefits", "nav_contact"} <= topics
    bodies = " ".join(str(n.fields["body"]) for n in ds.of("case_note"))
    assert "å" in bodies and "ø" in bodies and "Nav-veileder" in bodies

    # The four-week rule (first employer contact within 28 days) is met for some, not all.
    entry = {str(e.parent): date.fromisoformat(str(e.fields["entry"])) for e in ds.of("episode")}
    first_contact: dict[str, date] = {}
    for c in ds.of("employer_contact"):
        when = date.fromisoformat(str(c.fields["date"]))
        assert c.parent is not None
        first_contact[c.parent] = min(when, first_contact.get(c.parent, when))
    met = [(first_contact[p] - entry[p]).days <= 28 for p in first_contact]
    assert any(met) and not all(met)
    modes = Counter(c.fields["mode"] for c in ds.of("employer_contact"))
    assert modes.most_common(1)[0][0] == "face_to_face"
    assert ds.of("team_employer_contact") and ds.of("employer_contact_person")
    assert {a.fields["location"] for a in ds.of("activity")} == {"office", "community"}

    jobs = ds.of("job")
    assert jobs and all(j.fields["occupation_code"] for j in jobs)
    assert sum(bool(j.fields["competitive"]) for j in jobs) > len(jobs) / 2
    assert ds.of("follow_along") and ds.of("outcome_6m") and ds.of("meeting")
    kinds = {s.fields["kind"] for s in ds.of("self_assessment")}
    assert kinds == {"start", "end"}
    # Collaboration meetings roughly every three months.
    for pid in entry:
        dates = sorted(
            date.fromisoformat(str(m.fields["date"])) for m in ds.children("meeting", pid)
        )
        gaps = [(b - a).days for a, b in pairwise(dates)]
        assert all(75 <= g <= 105 for g in gaps)
    # Nothing dated after "today".
    for record_type in ("case_note", "employer_contact", "meeting", "follow_along"):
        assert all(str(r.fields["date"]) <= today for r in ds.of(record_type)), record_type


def test_progress_and_cancel_stop_between_participants(
    make_profile_journal: JournalFactory,
) -> None:
    journal = make_profile_journal()
    seen: list[tuple[int, int]] = []
    summary = fill_demo(
        journal,
        participants=10,
        seed=7,
        today=TODAY,
        progress=lambda done, total: seen.append((done, total)),
        cancel=lambda: len(seen) >= 4,  # team set-up + three participants
    )
    assert summary.cancelled and summary.participants == 3
    assert seen == [(1, 11), (2, 11), (3, 11), (4, 11)]
    assert len(journal.participants()) == 3
    assert summary.counts["participant"] == 3
    assert journal.store.count() == summary.records


def test_cancel_before_start_writes_nothing(make_profile_journal: JournalFactory) -> None:
    journal = make_profile_journal()
    summary = fill_demo(journal, participants=5, today=TODAY, cancel=lambda: True)
    assert summary == DemoSummary({}, 0, cancelled=True)
    assert journal.store.count() == 0


@pytest.mark.parametrize("role", ["jobbspesialist", "terapeut"])
def test_fill_bulk_makes_the_requested_volume(
    make_profile_journal: JournalFactory, role: str
) -> None:
    journal = make_profile_journal(role)
    summary = fill_bulk(
        journal, participants=6, notes_per_participant=5, sessions_per_participant=2, batch=4
    )
    assert summary.participants == 6 and not summary.cancelled
    assert summary.counts["case_note"] == 30 and summary.counts["employer"] == 5
    assert summary.counts.get("therapy_session", 0) == (12 if role == "terapeut" else 0)
    assert journal.store.count() == summary.records
    bodies = [len(n.fields["body"]) for n in journal.dataset().of("case_note")]
    assert min(bodies) >= 1000


WORK_TRAINING = re.compile(r"hospit|arbeidstrening|arbeidspraksis|praksisplass|tiltaksplass", re.I)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_demo_tells_a_coherent_story(make_profile_journal: JournalFactory) -> None:
    """Ordinary work only, plans whose actions serve their goals, work histories that fit
    the ages, names without titles, and an agenda with something on it."""
    therapist = make_profile_journal("terapeut", "Tore Terapeut")
    fill_demo(therapist, participants=40, seed=7, today=TODAY)
    ds = therapist.dataset()
    texts = [t for rs in ds.by_type.values() for r in rs for t in _strings(r.fields)]
    assert len(texts) > 1000
    assert [t for t in texts if WORK_TRAINING.search(t)] == []
    assert [t for t in texts if "Prof." in t] == []
    goals = {g.id: g for g in ds.of("goal")}
    actions = ds.of("action")
    assert actions
    for action in actions:
        sub = goals[str(action.fields["goal"])]
        assert sub.fields.get("parent_goal") in goals  # actions hang under sub-goals
        assert action.fields["description"] in GOAL_ACTIONS[str(sub.fields["title"])]
    profiles = {c.parent: c for c in ds.of("career_profile")}
    assert len(profiles) > 20
    for p in ds.of("participant"):
        born = date.fromisoformat(str(p.fields["birth_date"]))
        age = (TODAY - born).days // 365
        assert 19 <= age <= 62
        profile = profiles.get(p.id)
        if profile is None:
            continue
        history = str(profile.fields["work_history"])
        for years, start, end in re.findall(r"(\d+) år som [^(]+\((\d{4})–(\d{4})\)", history):
            assert int(start) >= born.year + 16, (age, history)
            assert int(end) - int(start) == int(years) and int(end) < TODAY.year
        for since in re.findall(r"siden (\d{4})", history):
            assert int(since) >= born.year + 16, (age, history)
        if age < 21:
            assert "bachelor" not in str(profile.fields["education"])
    sessions = ds.of("therapy_session")
    assert any(s.fields.get("next_session") for s in sessions)
    assert {i.kind for i in week_agenda(therapist, mine_only=True).items} >= {"therapy_session"}

    specialist = make_profile_journal("jobbspesialist", "Kari Jobb")
    fill_demo(specialist, participants=40, seed=7, today=TODAY)
    kinds = {i.kind for i in week_agenda(specialist, mine_only=True).items}
    assert kinds >= {"employer_next_step", "follow_along", "meeting"}, kinds


@pytest.mark.parametrize("seed", [1, 7])
def test_the_demos_rapid_job_search_is_a_plausible_figure(
    make_profile_journal: JournalFactory, seed: int
) -> None:
    """Most participants meet an employer face to face within weeks of entry and a few
    recent ones have had no contact yet, so a newcomer sees weeks, not ~220 days."""
    from app.indicators import Period, rapid_job_search

    journal = make_profile_journal()
    fill_demo(journal, participants=40, seed=seed, today=TODAY)
    ds = journal.dataset()
    quarter = Period.quarter(TODAY.year, (TODAY.month - 1) // 3 + 1)
    for period in (quarter, Period.year(TODAY.year)):
        figure = rapid_job_search(ds, period)
        assert figure.value is not None and 10 <= figure.value <= 75, (period, figure.value)
    year = rapid_job_search(ds, Period.year(TODAY.year))
    # A few still untouched (censored), the rest met within weeks.
    assert year.numerator is not None and year.denominator is not None
    assert year.denominator >= 10
    assert 0.75 <= year.numerator / year.denominator < 1
    assert all(p.value is not None and p.value <= 60 for p in year.parts if p.records)


# The longest an item on the demo's agenda may be overdue: a team that keeps up.
OVERDUE_AT_MOST_DAYS = 14


@pytest.mark.parametrize("today", [TODAY, date(2027, 1, 4), date(2026, 7, 1)])
def test_the_demos_agenda_is_a_team_that_keeps_up(
    make_profile_journal: JournalFactory, today: date
) -> None:
    """Made on any day, the demo's agenda shows a handful of items overdue by days (the
    overdue look is there to see), none by weeks or months: follow-along contacts and
    six-month outcomes were recorded on time."""
    journal = make_profile_journal(today=today)
    fill_demo(journal, participants=40, seed=7, today=today)
    agenda = week_agenda(journal)
    overdue = [i for i in agenda.items if i.overdue]
    assert 1 <= len(overdue) <= 8, [(i.kind, i.day) for i in overdue]
    since = today - timedelta(days=OVERDUE_AT_MOST_DAYS)
    late = [(i.kind, i.day, i.checkpoint) for i in overdue if i.day < since]
    assert late == []
    # Nor steps of a plan left open for months, in the caseload's "next step" column.
    ds = journal.dataset()
    settled = (today - timedelta(days=ACTION_LATE_DAYS)).isoformat()
    stale = [a.fields["due"] for a in ds.of("action") if a.fields["status"] == "open"]
    assert [due for due in stale if str(due) < settled] == []
    # Not by leaving them out: the demo still follows people in work and records outcomes.
    assert len(ds.of("follow_along")) > 100 and len(ds.of("outcome_6m")) > 10
