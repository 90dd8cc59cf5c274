"""Reminders against hand-built datasets; expected dates worked out in comments."""

from __future__ import annotations

import pytest

from app import reminders as rem
from app.journal import Dataset
from tests.app.datasets import Build, d

# ------------------------------------------------------------- four weeks


@pytest.mark.parametrize(
    ("today", "left"),
    [
        ("2026-08-01", 28),  # entry day
        ("2026-08-28", 1),
        ("2026-08-29", 0),  # day 28: the last day
        ("2026-08-30", -1),  # overdue
        ("2026-09-15", -17),
    ],
)
def test_four_week_countdown(today: str, left: int) -> None:
    b = Build()
    b.participant("p", entry="2026-08-01")
    b.contact("p", "2026-08-05", mode="phone")  # not face to face
    b.contact("p", "2026-08-10", competitive_job=False)  # not about a competitive job
    assert rem.four_week_days_left(b.ds, "p", d(today)) == left


def test_four_week_countdown_stops_once_met() -> None:
    b = Build()
    b.participant("p", entry="2026-08-01")
    b.contact("p", "2026-08-10")
    assert rem.four_week_days_left(b.ds, "p", d("2026-08-09")) == 20  # not yet happened
    assert rem.four_week_days_left(b.ds, "p", d("2026-08-10")) is None
    assert rem.four_week_days_left(b.ds, "p", d("2026-12-01")) is None


def test_four_week_countdown_needs_an_open_episode() -> None:
    b = Build()
    b.participant("none")
    b.participant("gone", entry="2026-08-01", exit="2026-08-15")
    b.participant("new", entry="2026-09-01")
    ds = b.ds
    assert rem.four_week_days_left(ds, "none", d("2026-08-20")) is None
    assert rem.four_week_days_left(ds, "gone", d("2026-08-20")) is None
    assert rem.four_week_days_left(ds, "new", d("2026-08-20")) is None


def test_four_week_countdown_uses_the_current_episode() -> None:
    # A contact in an earlier episode does not meet the rule for a new one.
    b = Build()
    b.participant("p")
    b.episode("p", "2025-01-01", "2025-06-30")
    b.contact("p", "2025-01-10")
    b.episode("p", "2026-08-01")
    assert rem.four_week_days_left(b.ds, "p", d("2026-08-11")) == 18


def test_four_week_clock_stops_at_a_job_start() -> None:
    # Entry 1 Aug, no employer contact, a job through her own network from 20 Aug (day
    # 19): on 7 Oct the clock shows "met by job start", not 39 days overdue.
    b = Build()
    b.participant("p", entry="2026-08-01")
    b.job("p", "2026-08-20")
    assert rem.four_week_days_left(b.ds, "p", d("2026-08-19")) == 10  # not started yet
    clock = rem.four_weeks(b.ds, "p", d("2026-10-07"))
    assert clock.days_left is None and not clock.running
    assert (clock.stopped_by, clock.day, clock.met) == ("job", 19, True)
    # A job from day 40 stops an overdue clock, but the rule was missed.
    b = Build()
    b.participant("p", entry="2026-08-01")
    b.job("p", "2026-09-10")
    clock = rem.four_weeks(b.ds, "p", d("2026-10-07"))
    assert (clock.stopped_by, clock.day, clock.met) == ("job", 40, False)


def test_four_week_clock_before_entry_and_without_an_episode() -> None:
    b = Build()
    b.participant("none")
    b.participant("new", entry="2026-09-01")
    b.contact("new", "2026-08-25")  # before entry: does not count
    ds = b.ds
    assert rem.four_weeks(ds, "none", d("2026-08-20")) == rem.FourWeeks()
    assert rem.four_weeks(ds, "new", d("2026-08-20")) == rem.FourWeeks(starts=d("2026-09-01"))
    assert rem.four_weeks(ds, "new", d("2026-09-01")).days_left == 28
    met = rem.four_weeks(ds, "none", d("2026-08-20"))
    assert not met.met and met.day is None


# ----------------------------------------------------------- follow-along

# Start Monday 6 Jul 2026: before 29 Jun–5 Jul, after 6–9 Jul, week 1 6–12 Jul,
# week 2 13–19 Jul, week 3 20–26 Jul, week 4 27 Jul–2 Aug, month 2 6 Aug–5 Sep.


def follow(*days: str, start: str = "2026-07-06", end: str | None = None) -> Dataset:
    b = Build()
    b.participant("p", entry="2026-01-01")
    b.job("p", start, end, id="J")
    for day in days:
        b.follow("p", "J", day)
    return b.ds


def test_follow_along_next_due() -> None:
    # 14 Jul: before, after and week 1 met; week 2 open until 19 Jul.
    [s] = rem.follow_along_schedules(follow("2026-07-01", "2026-07-07"), "p", d("2026-07-14"))
    assert s.job_id == "J" and s.overdue == ()
    assert s.next_due is not None and s.next_due.name == "week_2"
    assert s.next_due_date == d("2026-07-19")


def test_follow_along_last_day_of_a_window_is_not_overdue() -> None:
    [s] = rem.follow_along_schedules(follow("2026-07-01", "2026-07-07"), "p", d("2026-07-19"))
    assert s.overdue == () and s.next_due_date == d("2026-07-19")


def test_follow_along_overdue() -> None:
    # 21 Jul: week 2 closed on 19 Jul without a contact, none since → overdue; next week 3.
    [s] = rem.follow_along_schedules(follow("2026-07-01", "2026-07-07"), "p", d("2026-07-21"))
    assert [c.name for c in s.overdue] == ["week_2"]
    assert s.next_due_date == d("2026-07-26")


def test_follow_along_a_later_contact_clears_the_reminder_but_not_the_miss() -> None:
    ds = follow("2026-07-01", "2026-07-07", "2026-07-22")
    [s] = rem.follow_along_schedules(ds, "p", d("2026-07-23"))
    assert s.overdue == ()
    assert [c.name for c in s.missed] == ["week_2"]
    assert s.next_due is not None and s.next_due.name == "week_4"


def test_follow_along_missing_before_start_contact() -> None:
    # 7 Jul with only a start-day contact: the before-start window (closed 5 Jul) was
    # missed, but a contact since makes it history rather than a reminder.
    [s] = rem.follow_along_schedules(follow("2026-07-06"), "p", d("2026-07-07"))
    assert s.overdue == ()
    assert [c.name for c in s.missed] == ["before_start"]
    [s] = rem.follow_along_schedules(follow(), "p", d("2026-07-07"))
    assert [c.name for c in s.overdue] == ["before_start"]


def test_follow_along_for_a_job_not_started_yet() -> None:
    # Start 20 Jul; on 15 Jul the before-start contact is due by 19 Jul.
    [s] = rem.follow_along_schedules(follow(start="2026-07-20"), "p", d("2026-07-15"))
    assert s.next_due is not None and s.next_due.name == "before_start"
    assert s.next_due_date == d("2026-07-19")


def test_follow_along_after_a_job_ends() -> None:
    # Ended 20 Jul; on 22 Jul the after-end contact (20–23 Jul) is the one due.
    ds = follow("2026-07-01", "2026-07-07", "2026-07-15", end="2026-07-20")
    [s] = rem.follow_along_schedules(ds, "p", d("2026-07-22"))
    assert s.overdue == ()
    assert s.next_due is not None and s.next_due.name == "after_end"
    assert s.next_due_date == d("2026-07-23")
    # Once met nothing is left to remind about.
    ds = follow("2026-07-01", "2026-07-07", "2026-07-15", "2026-07-21", end="2026-07-20")
    assert rem.follow_along_schedules(ds, "p", d("2026-07-22")) == []


def test_follow_along_reminders_count_face_to_face_contacts_only() -> None:
    # A phone call in week 2 does not meet it: on 21 Jul week 2 is overdue.
    b = Build()
    b.participant("p", entry="2026-01-01")
    b.job("p", "2026-07-06", id="J")
    for day in ("2026-07-01", "2026-07-07"):
        b.follow("p", "J", day)
    b.follow("p", "J", "2026-07-15", mode="phone")
    [s] = rem.follow_along_schedules(b.ds, "p", d("2026-07-21"))
    assert [c.name for c in s.overdue] == ["week_2"]


def test_follow_along_reminders_stop_at_exit_or_when_declined() -> None:
    def ds(**kw: str) -> Dataset:
        b = Build()
        b.participant("p", entry="2026-01-01", exit=kw.get("exit"))
        b.job("p", "2026-07-06", id="J", follow_along_declined=kw.get("declined"))
        for day in ("2026-07-01", "2026-07-07"):
            b.follow("p", "J", day)
        return b.ds

    # Declined on 10 Jul: week 2 (13–19 Jul) is not owed; nothing to remind about.
    assert rem.follow_along_schedules(ds(declined="2026-07-10"), "p", d("2026-07-21")) == []
    # Exit on 10 Jul: the same.
    assert rem.follow_along_schedules(ds(exit="2026-07-10"), "p", d("2026-07-21")) == []
    # Declined from 1 Sep, not yet on 21 Jul: week 2 is overdue as before.
    [s] = rem.follow_along_schedules(ds(declined="2026-09-01"), "p", d("2026-07-21"))
    assert [c.name for c in s.overdue] == ["week_2"]


# ---------------------------------------------------------------- meetings


@pytest.mark.parametrize(("today", "overdue"), [("2026-04-02", False), ("2026-04-03", True)])
def test_first_meeting_due_91_days_after_entry(today: str, overdue: bool) -> None:
    # 1 Jan + 91 days = 2 Apr
    b = Build()
    b.participant("p", entry="2026-01-01")
    m = rem.next_meeting(b.ds, "p", d(today))
    assert m is not None
    assert (m.due, m.overdue, m.after_meeting) == (d("2026-04-02"), overdue, None)


def test_next_meeting_from_the_latest_meeting() -> None:
    b = Build()
    b.participant("p", entry="2026-01-01")
    b.meeting("p", "2026-03-01", "2026-06-01", id="m1")
    b.meeting("p", "2026-05-01", "2026-08-01", id="m2")
    m = rem.next_meeting(b.ds, "p", d("2026-07-01"))
    assert m is not None and (m.due, m.overdue, m.after_meeting) == (d("2026-08-01"), False, "m2")
    m = rem.next_meeting(b.ds, "p", d("2026-08-01"))
    assert m is not None and not m.overdue  # due today
    m = rem.next_meeting(b.ds, "p", d("2026-08-02"))
    assert m is not None and m.overdue


def test_next_meeting_without_next_date() -> None:
    # 1 May + 91 days = 31 Jul
    b = Build()
    b.participant("p", entry="2026-01-01")
    b.meeting("p", "2026-05-01")
    m = rem.next_meeting(b.ds, "p", d("2026-07-01"))
    assert m is not None and m.due == d("2026-07-31")


def test_next_meeting_already_planned() -> None:
    b = Build()
    b.participant("p", entry="2026-01-01")
    b.meeting("p", "2026-03-01", "2026-06-01")
    b.meeting("p", "2026-09-01")
    m = rem.next_meeting(b.ds, "p", d("2026-08-15"))
    assert m is not None and (m.due, m.overdue) == (d("2026-09-01"), False)


def test_next_meeting_without_episode_or_meeting() -> None:
    b = Build()
    b.participant("p")
    assert rem.next_meeting(b.ds, "p", d("2026-08-15")) is None


# ----------------------------------------------------------------- actions


def actions_data() -> Dataset:
    b = Build()
    b.participant("p1", entry="2026-01-01")
    b.participant("p2", js="Ola", entry="2026-01-01")
    b.action("p1", "Ring arbeidsgiver", "2026-08-01", id="a1")
    b.action("p1", "Oppdater CV", "2026-08-10", id="a2")  # due today: not overdue
    b.action("p1", "Søk jobb", "2026-07-01", "done", id="a3")
    b.action("p1", "Uten frist", None, id="a4")
    b.action("p1", "Avlyst", "2026-07-15", "cancelled", id="a5")
    b.action("p2", "Møte NAV", "2026-07-20", id="a6")
    return b.ds


def test_overdue_actions() -> None:
    ds = actions_data()
    today = d("2026-08-10")
    assert [a.id for a in rem.overdue_actions(ds, today)] == ["a6", "a1"]
    assert [a.id for a in rem.overdue_actions(ds, today, job_specialist="Kari")] == ["a1"]
    assert [a.id for a in rem.overdue_actions(ds, today, participant_id="p2")] == ["a6"]
    assert rem.overdue_actions(ds, d("2026-07-20")) == []


def test_next_action_is_the_earliest_open_one() -> None:
    ds = actions_data()
    nxt = rem.next_action(ds, "p1")
    assert nxt is not None and nxt.id == "a1"
    b = Build()
    b.participant("p")
    b.action("p", "Uten frist", None, id="x")
    b.action("p", "Ferdig", "2026-01-01", "done")
    nxt = rem.next_action(b.ds, "p")
    assert nxt is not None and nxt.id == "x"
    assert rem.next_action(Build().ds, "p") is None


# ---------------------------------------------------------------- caseload


def caseload_data() -> Dataset:
    b = Build()
    # Berit: entered 1 Aug, no contact yet; one overdue and one later action; no meeting.
    b.participant("p1", name="Berit", entry="2026-08-01")
    b.action("p1", "Ring arbeidsgiver", "2026-08-05", id="a1")
    b.action("p1", "Oppdater CV", "2026-08-30", id="a2")
    # Anders: in work since 6 Jul with week 2 missed; meeting planned for 1 Oct.
    b.participant("p2", name="Anders", entry="2026-01-01")
    b.contact("p2", "2026-01-20")
    b.job("p2", "2026-07-06", id="J")
    for day in ("2026-07-01", "2026-07-07"):
        b.follow("p2", "J", day)
    b.meeting("p2", "2026-07-01", "2026-10-01")
    # Not on the caseload: paused, another job specialist's, and one with no status match.
    b.participant("p3", name="Cecilie", status="paused", entry="2026-01-01")
    b.participant("p4", name="Dag", js="Ola", entry="2026-01-01")
    b.participant("p5", name="Eva", status="exited", entry="2026-01-01", exit="2026-06-01")
    return b.ds


def test_caseload_rows() -> None:
    rows = rem.caseload_rows(caseload_data(), d("2026-08-10"), "Kari")
    assert [r.participant_id for r in rows] == ["p2", "p1"]  # by name: Anders, Berit
    anders, berit = rows
    # Berit: 1 Aug + 28 = 29 Aug → 19 days left on 10 Aug; first meeting 1 Aug + 91 = 31 Oct.
    assert berit.name == "Berit" and berit.status == "active"
    assert (berit.next_action, berit.next_action_due) == ("Ring arbeidsgiver", d("2026-08-05"))
    assert berit.overdue_actions == 1 and berit.next_action_overdue
    assert berit.days_to_first_contact == 19
    assert (berit.overdue_follow_along, berit.next_follow_along) == (0, None)
    assert (berit.next_meeting, berit.meeting_overdue) == (d("2026-10-31"), False)
    # Anders: four-week rule met long ago; weeks 2, 3 and 4 closed with no contact since
    # 7 Jul → 3 overdue; month 2 (6 Aug–5 Sep) is next; no actions.
    assert anders.days_to_first_contact is None
    # Met on 20 Jan, day 19 after entry, by a face-to-face employer contact.
    assert anders.four_weeks == rem.FourWeeks(stopped_by="contact", day=19)
    assert berit.four_weeks == rem.FourWeeks(days_left=19)
    assert anders.overdue_follow_along == 3
    assert anders.next_follow_along == d("2026-09-05")
    assert (anders.next_action, anders.next_action_due, anders.overdue_actions) == (None, None, 0)
    assert (anders.next_meeting, anders.meeting_overdue) == (d("2026-10-01"), False)


def test_caseload_rows_for_the_team_and_other_statuses() -> None:
    ds = caseload_data()
    today = d("2026-08-10")
    assert [r.name for r in rem.caseload_rows(ds, today)] == ["Anders", "Berit", "Dag"]
    rows = rem.caseload_rows(ds, today, statuses=("active", "paused"))
    assert [r.name for r in rows] == ["Anders", "Berit", "Cecilie", "Dag"]
    assert rem.caseload_rows(ds, today, "Nobody") == []
    assert rem.caseload_rows(Dataset(), today) == []


def test_caseload_needs_only_the_caseload_types() -> None:
    b = Build()
    b.participant("p1", name="Berit", entry="2026-08-01")
    b.action("p1", "Ring", "2026-08-05")
    b.participant("p2", name="Anders", entry="2026-01-01")
    b.contact("p2", "2026-01-20")
    b.job("p2", "2026-07-06", id="J")
    b.follow("p2", "J", "2026-07-07")
    b.meeting("p2", "2026-07-01")
    b.note("p2", "2026-07-01", "general")
    b.add("therapy_session", "p2", date="2026-07-02")
    only = Dataset.from_records(r for r in b.records if r.type in rem.CASELOAD_TYPES)
    today = d("2026-08-10")
    assert rem.caseload_rows(only, today) == rem.caseload_rows(b.ds, today)
