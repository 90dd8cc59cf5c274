"""Reminders for the caseload screen, computed offline from a Dataset and a given day.

Pure functions: the caller passes ``today``; nothing reads the clock. The rules
are the ones the indicators measure (see :mod:`app.indicators`): the SFJ
four-week rule for the first face-to-face employer contact, the follow-along
schedule after a job start, a collaboration meeting about every three months,
and open actions past their due date.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from app.indicators import (
    FOUR_WEEK_DAYS,
    Checkpoint,
    Episode,
    FourWeekHow,
    Index,
    Job,
    follow_along_checkpoints,
    follow_along_contacts,
    follow_along_stop,
    four_week_stop,
    jobs,
    open_episode,
    parse_date,
)
from app.journal import Dataset
from storage.store import Record

MEETING_INTERVAL_DAYS: Final = 91  # no meeting yet: the first is due 91 days after entry
ACTIVE_STATUSES: Final = ("active",)
# Every record type the reminders and caseload rows read: a caller may load only these
# (the clinical ones only where the role may read them: a therapist's columns).
CASELOAD_TYPES: Final = frozenset(
    {
        "participant",
        "episode",
        "employer_contact",
        "action",
        "job",
        "follow_along",
        "meeting",
        "therapy_session",
        "cbt_worksheet",
    }
)


# ------------------------------------------------------------- four weeks


@dataclass(frozen=True, slots=True)
class FourWeeks:
    """The four-week clock of a participant's open episode, as of a day.

    ``days_left`` while it runs (0 on day 28, negative once overdue). Once stopped,
    ``stopped_by`` says how (the first face-to-face employer contact, or a job start)
    and ``day`` on which day after entry. ``starts`` is a planned entry when there is
    no open episode yet. No episode at all: every field None (no clock to show).
    """

    days_left: int | None = None
    stopped_by: FourWeekHow | None = None
    day: int | None = None
    starts: date | None = None

    @property
    def running(self) -> bool:
        return self.days_left is not None

    @property
    def met(self) -> bool:
        """Stopped by day 28."""
        return self.day is not None and self.day <= FOUR_WEEK_DAYS


def four_weeks(ds: Dataset, participant_id: str, today: date) -> FourWeeks:
    """The participant's four-week clock today (see :class:`FourWeeks`)."""
    index = Index(ds)
    return _four_weeks_of(index, participant_id, open_episode(index, participant_id, today), today)


def _four_weeks_of(index: Index, pid: str, ep: Episode | None, today: date) -> FourWeeks:
    if ep is None:
        later = [
            entry
            for r in index.children("episode", pid)
            if (entry := parse_date(r.fields.get("entry"))) is not None and entry > today
        ]
        return FourWeeks(starts=min(later)) if later else FourWeeks()
    stop = four_week_stop(index, ep, today)
    if stop is not None:
        return FourWeeks(stopped_by=stop.how, day=stop.day_number(ep.entry))
    return FourWeeks(days_left=(ep.entry + timedelta(days=FOUR_WEEK_DAYS) - today).days)


def four_week_days_left(ds: Dataset, participant_id: str, today: date) -> int | None:
    """Days left until day 28 after entry for the first face-to-face employer contact
    (or a job start, which stops the clock too).

    0 on day 28 itself, negative once overdue, None once stopped or without an open
    episode.
    """
    return four_weeks(ds, participant_id, today).days_left


# ----------------------------------------------------------- follow-along


@dataclass(frozen=True, slots=True)
class FollowAlongSchedule:
    """One job's follow-along as of ``today``.

    ``overdue``: checkpoints whose window has closed without a contact and with no
    follow-along contact since (a later contact turns an old miss into history;
    the indicators still count it). ``next_due``: the earliest checkpoint still open.
    """

    participant_id: str
    job_id: str
    start: date
    checkpoints: tuple[Checkpoint, ...]
    overdue: tuple[Checkpoint, ...]
    next_due: Checkpoint | None

    @property
    def next_due_date(self) -> date | None:
        return self.next_due.window_end if self.next_due else None

    @property
    def missed(self) -> tuple[Checkpoint, ...]:
        return tuple(c for c in self.checkpoints if c.status == "missed")


def _schedule(index: Index, job: Job, today: date) -> FollowAlongSchedule:
    # As of today: a job end after today has not happened yet.
    if job.end is not None and job.end > today:
        job = Job(job.id, job.participant, job.start, None, job.record)
    contacts = follow_along_contacts(index, job, today)
    stop = follow_along_stop(index, job, today)
    checks = follow_along_checkpoints(job, contacts, today - timedelta(days=1), stop)
    last_contact = contacts[-1][0] if contacts else None
    overdue = tuple(
        c
        for c in checks
        if c.status == "missed" and (last_contact is None or last_contact <= c.window_end)
    )
    pending = [c for c in checks if c.status == "pending"]
    next_due = min(pending, key=lambda c: c.window_end) if pending else None
    return FollowAlongSchedule(job.participant, job.id, job.start, checks, overdue, next_due)


def follow_along_schedules(
    ds: Dataset, participant_id: str, today: date
) -> list[FollowAlongSchedule]:
    """Each of the participant's jobs that still has a contact due or overdue."""
    return schedules_in(Index(ds), participant_id, today)


def schedules_in(index: Index, participant_id: str, today: date) -> list[FollowAlongSchedule]:
    """:func:`follow_along_schedules` over an index the caller built once for everyone."""
    out = []
    for job in jobs(index, participant_id):  # future starts too: the before-start contact
        s = _schedule(index, job, today)
        if s.overdue or s.next_due is not None:
            out.append(s)
    return out


# ---------------------------------------------------------------- meetings


@dataclass(frozen=True, slots=True)
class MeetingDue:
    participant_id: str
    due: date
    overdue: bool
    after_meeting: str | None  # the meeting it follows, None when counted from entry


def next_meeting(ds: Dataset, participant_id: str, today: date) -> MeetingDue | None:
    """The next collaboration meeting.

    A meeting dated after today is the next one. Otherwise the latest meeting's
    ``next_date`` (its date + 91 days when unset); with no meeting, the open
    episode's entry + 91 days. Overdue when that day is before today.
    """
    index = Index(ds)
    return next_meeting_in(index, participant_id, today, open_episode(index, participant_id, today))


def next_meeting_in(
    index: Index, participant_id: str, today: date, ep: Episode | None
) -> MeetingDue | None:
    """:func:`next_meeting` over an index the caller built once; ``ep``: the participant's
    open episode today (the caller has it already)."""
    dated = sorted(
        (d, m.id, m)
        for m in index.children("meeting", participant_id)
        if (d := parse_date(m.fields.get("date"))) is not None
    )
    planned = [(d, mid) for d, mid, _ in dated if d > today]
    if planned:
        return MeetingDue(participant_id, planned[0][0], False, None)
    if dated:
        d, mid, m = dated[-1]
        due = parse_date(m.fields.get("next_date")) or d + timedelta(days=MEETING_INTERVAL_DAYS)
        return MeetingDue(participant_id, due, due < today, mid)
    if ep is None:
        return None
    due = ep.entry + timedelta(days=MEETING_INTERVAL_DAYS)
    return MeetingDue(participant_id, due, due < today, None)


# ----------------------------------------------------------------- actions


def _open_actions(index: Index, participant_id: str) -> list[Record]:
    """Open actions, earliest due first; those without a due date last."""
    acts = [a for a in index.children("action", participant_id) if a.fields.get("status") == "open"]
    return sorted(
        acts,
        key=lambda a: (parse_date(a.fields.get("due")) or date.max, a.id),
    )


def next_action(ds: Dataset, participant_id: str) -> Record | None:
    """The participant's open action with the earliest due date (undated ones last)."""
    acts = _open_actions(Index(ds), participant_id)
    return acts[0] if acts else None


def overdue_actions(
    ds: Dataset,
    today: date,
    *,
    participant_id: str | None = None,
    job_specialist: str | None = None,
) -> list[Record]:
    """Open actions due before today, earliest first; optionally for one participant
    or for the participants of one job specialist."""
    index = Index(ds)
    if participant_id is not None:
        pids = [participant_id]
    else:
        pids = [
            p.id
            for p in ds.of("participant")
            if job_specialist is None or p.fields.get("job_specialist") == job_specialist
        ]
    out = []
    for pid in pids:
        for a in _open_actions(index, pid):
            due = parse_date(a.fields.get("due"))
            if due is not None and due < today:
                out.append((due, a.id, a))
    return [a for _, _, a in sorted(out, key=lambda t: (t[0], t[1]))]


# ----------------------------------------------------------------- therapy


@dataclass(frozen=True, slots=True)
class TherapyCourse:
    """A participant's therapy as of a day: sessions held of the planned number, the
    phase and the next session; the last CBT worksheet."""

    held: int  # sessions dated on or before the day
    planned: int | None  # the newest session's planned count (5–15), if set
    phase: str | None  # "weekly" or "monthly", from the newest session that says
    next_session: date | None  # the earliest session planned from the day on
    last_worksheet: date | None

    @property
    def left(self) -> int | None:
        """Sessions left of the planned ones (never below 0); None without a plan."""
        return None if self.planned is None else max(self.planned - self.held, 0)


def therapy_course(ds: Dataset, participant_id: str, today: date) -> TherapyCourse:
    """The therapy of one participant as of ``today`` (see :class:`TherapyCourse`)."""
    return _therapy(Index(ds), participant_id, today)


def _therapy(index: Index, participant_id: str, today: date) -> TherapyCourse:
    dated = sorted(
        (d, s.id, s)
        for s in index.children("therapy_session", participant_id)
        if (d := parse_date(s.fields.get("date"))) is not None
    )
    held = [s for d, _, s in dated if d <= today]
    planned: int | None = None
    phase: str | None = None
    for _, _, s in reversed(dated):
        value = s.fields.get("planned_sessions")
        if planned is None and isinstance(value, int) and not isinstance(value, bool):
            planned = value
        if phase is None and isinstance(s.fields.get("phase"), str):
            phase = str(s.fields["phase"])
    upcoming = [d for d, _, _ in dated if d > today]
    upcoming += [
        n
        for _, _, s in dated
        if (n := parse_date(s.fields.get("next_session"))) is not None and n >= today
    ]
    sheets = [
        d
        for w in index.children("cbt_worksheet", participant_id)
        if (d := parse_date(w.fields.get("date"))) is not None
    ]
    return TherapyCourse(
        held=len(held),
        planned=planned,
        phase=phase,
        next_session=min(upcoming) if upcoming else None,
        last_worksheet=max(sheets) if sheets else None,
    )


# ---------------------------------------------------------------- caseload


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    """One line of "Mine deltakere"."""

    participant_id: str
    name: str
    status: str
    job_specialist: str | None
    next_action: str | None  # the earliest open action's description
    next_action_due: date | None
    days_to_first_contact: int | None  # four-week countdown; None once stopped
    overdue_follow_along: int
    next_follow_along: date | None
    next_meeting: date | None
    meeting_overdue: bool
    overdue_actions: int
    four_weeks: FourWeeks = FourWeeks()
    therapist: str | None = None
    therapy: TherapyCourse | None = None  # where the role reads clinical records

    @property
    def next_action_overdue(self) -> bool:
        # Actions are ordered by due date, so any overdue one is the next one.
        return self.overdue_actions > 0


def _names(who: str | Collection[str] | None) -> Collection[str] | None:
    return (who,) if isinstance(who, str) else who


def caseload_rows(
    ds: Dataset,
    today: date,
    job_specialist: str | Collection[str] | None = None,
    *,
    therapist: str | Collection[str] | None = None,
    statuses: Collection[str] = ACTIVE_STATUSES,
    therapy: bool = False,
) -> list[CaseloadRow]:
    """One row per participant with a status in ``statuses`` (active), by name;
    ``job_specialist`` / ``therapist``: only theirs (a name, or the names one user
    goes by). ``therapy``: fill the therapy columns (a role that reads clinical records)."""
    index = Index(ds)
    js_names, therapist_names = _names(job_specialist), _names(therapist)
    rows: list[CaseloadRow] = []
    for p in ds.of("participant"):
        if p.fields.get("status") not in statuses:
            continue
        js = p.fields.get("job_specialist")
        if js_names is not None and js not in js_names:
            continue
        th = p.fields.get("therapist")
        if therapist_names is not None and th not in therapist_names:
            continue
        acts = _open_actions(index, p.id)
        first = acts[0] if acts else None
        due = parse_date(first.fields.get("due")) if first else None
        n_overdue_actions = sum(
            1 for a in acts if (d := parse_date(a.fields.get("due"))) is not None and d < today
        )
        schedules = schedules_in(index, p.id, today)
        upcoming = [s.next_due_date for s in schedules if s.next_due_date is not None]
        # The open episode once, for the countdown and the meeting due from entry.
        ep = open_episode(index, p.id, today)
        clock = _four_weeks_of(index, p.id, ep, today)
        meeting = next_meeting_in(index, p.id, today, ep)
        rows.append(
            CaseloadRow(
                participant_id=p.id,
                name=str(p.fields.get("name") or ""),
                status=str(p.fields.get("status") or ""),
                job_specialist=js if isinstance(js, str) and js else None,
                next_action=str(first.fields.get("description") or "") if first else None,
                next_action_due=due,
                days_to_first_contact=clock.days_left,
                overdue_follow_along=sum(len(s.overdue) for s in schedules),
                next_follow_along=min(upcoming) if upcoming else None,
                next_meeting=meeting.due if meeting else None,
                meeting_overdue=meeting.overdue if meeting else False,
                overdue_actions=n_overdue_actions,
                four_weeks=clock,
                therapist=th if isinstance(th, str) and th else None,
                therapy=_therapy(index, p.id, today) if therapy else None,
            )
        )
    rows.sort(key=lambda r: (r.name.casefold(), r.participant_id))
    return rows
