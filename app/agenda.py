"""The agenda of the caseload screen ("I dag" / "Denne uken"), computed from a Dataset.

Pure functions like :mod:`app.reminders`: the caller passes ``today``. An item is
something to do for one participant on a day: a face-to-face employer visit (a
contact dated today or later), an employer contact's next step, a collaboration
meeting, a follow-along contact, the disclosure talk again at day 60, the
benefits talk before a job start, the six-month outcome, the next therapy
session. Items due before today and not
done yet stay on the agenda as overdue, except the two talks, which have a
window (after it they are missed, and only the indicators count them).

The rules are the indicators' (:mod:`app.indicators`): day 60 and the 30-day
window of the disclosure repeat, a benefits case note on or before the job
start, follow-along checkpoints, a meeting about every three months.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from app.indicators import (
    DISCLOSURE_REPEAT_DAY,
    DISCLOSURE_REPEAT_WINDOW,
    Episode,
    Index,
    add_months,
    episodes,
    jobs,
    open_episode,
    parse_date,
)
from app.journal import Dataset
from app.reminders import next_meeting_in, schedules_in
from storage.store import Record

AgendaKind = Literal[
    "employer_visit",
    "employer_next_step",
    "meeting",
    "follow_along",
    "disclosure_talk",
    "benefits_talk",
    "outcome_6m",
    "therapy_session",
]
# The order of kinds on one day.
KINDS: Final[tuple[AgendaKind, ...]] = (
    "therapy_session",
    "meeting",
    "employer_visit",
    "employer_next_step",
    "follow_along",
    "benefits_talk",
    "disclosure_talk",
    "outcome_6m",
)
# A therapist's agenda: the sessions, and the collaboration meetings they take part in.
THERAPIST_KINDS: Final[frozenset[AgendaKind]] = frozenset({"therapy_session", "meeting"})
OUTCOME_MONTHS: Final = 6
# Every record type the agenda reads but case notes (read only for the participants who
# have a talk due; see :func:`notes_needed`).
AGENDA_TYPES: Final = frozenset(
    {
        "participant",
        "episode",
        "employer",
        "employer_contact",
        "meeting",
        "job",
        "follow_along",
        "disclosure_plan",
        "outcome_6m",
        "therapy_session",
    }
)
# Types whose change may change the agenda.
AGENDA_CHANGE_TYPES: Final = AGENDA_TYPES | {"case_note"}


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One thing to do for one participant.

    ``day``: when it is due, or when its window opens; ``until``: the last day of its
    window (the two talks), else None; ``overdue``: ``day`` has passed and it is still
    not done. :attr:`due` is the date to show.
    ``record_type``: the kind of record that settles it (the window opens the tab
    that holds it); ``record_id``: the record it comes from, if any.
    ``detail``: the record's own words (the employer's name, the next step's text),
    ``checkpoint``: a follow-along checkpoint's name (week_1, month_2 …).
    """

    kind: AgendaKind
    participant_id: str
    participant_name: str
    day: date
    overdue: bool
    record_type: str
    record_id: str | None = None
    detail: str = ""
    checkpoint: str | None = None
    until: date | None = None

    @property
    def due(self) -> date:
        """The date that matters: the last day of a window (it is on the agenda from the
        first), else ``day``."""
        return self.until or self.day


@dataclass(frozen=True, slots=True)
class Agenda:
    """Today's items (overdue ones first, then by the date that matters, :attr:`AgendaItem.due`)
    and the rest of this week's (to Sunday); a window open today is among today's."""

    today: date
    week_end: date
    items: tuple[AgendaItem, ...]

    @property
    def today_items(self) -> tuple[AgendaItem, ...]:
        return tuple(i for i in self.items if i.day <= self.today)

    @property
    def week_items(self) -> tuple[AgendaItem, ...]:
        return tuple(i for i in self.items if i.day > self.today)


def week_end(today: date) -> date:
    """The Sunday of ``today``'s week."""
    return today + timedelta(days=6 - today.weekday())


# ------------------------------------------------------------------ talks


def _disclosure_window(index: Index, ep: Episode) -> tuple[date, date] | None:
    """Days 60–90 of an episode with no job started by day 60, else None."""
    day60 = ep.entry + timedelta(days=DISCLOSURE_REPEAT_DAY)
    if any(ep.entry <= j.start <= day60 for j in jobs(index, ep.participant)):
        return None
    return day60, day60 + timedelta(days=DISCLOSURE_REPEAT_WINDOW)


def _talk_candidates(
    index: Index, pid: str, today: date, end: date, ep: Episode | None
) -> tuple[tuple[date, date] | None, list[Record]]:
    """The open disclosure window on the agenda, and the jobs starting this week."""
    window = _disclosure_window(index, ep) if ep is not None else None
    if window is not None and not (window[0] <= end and today <= window[1]):
        window = None
    starting = [
        j.record
        for j in jobs(index, pid)
        if today <= j.start <= end and (ep is None or ep.entry <= j.start)
    ]
    return window, starting


def notes_needed(
    ds: Dataset, *, today: date, participant_ids: Collection[str] | None = None
) -> set[str]:
    """The participants whose case notes the agenda must read (a talk may be due)."""
    index = Index(ds)
    end = week_end(today)
    out: set[str] = set()
    for p in _people(ds, participant_ids):
        ep = open_episode(index, p.id, today)
        if ep is None:
            continue
        window, starting = _talk_candidates(index, p.id, today, end, ep)
        if window is not None or starting:
            out.add(p.id)
    return out


def _disclosure_talks(index: Index, pid: str) -> list[date]:
    talks = [
        d
        for n in index.children("case_note", pid)
        if n.fields.get("topic") == "disclosure" and (d := parse_date(n.fields.get("date")))
    ]
    talks += [
        d
        for p in index.children("disclosure_plan", pid)
        if (d := parse_date(p.fields.get("discussed"))) is not None
    ]
    return talks


def _benefits_talks(index: Index, pid: str) -> list[date]:
    return [
        d
        for n in index.children("case_note", pid)
        if n.fields.get("topic") == "benefits" and (d := parse_date(n.fields.get("date")))
    ]


# ------------------------------------------------------------------ items


def _people(ds: Dataset, participant_ids: Collection[str] | None) -> list[Record]:
    return [p for p in ds.of("participant") if participant_ids is None or p.id in participant_ids]


def _employer_items(
    index: Index, p: Record, name: str, today: date, end: date, employers: dict[str, str]
) -> list[AgendaItem]:
    out: list[AgendaItem] = []
    contacts = [
        (d, c)
        for c in index.children("employer_contact", p.id)
        if (d := parse_date(c.fields.get("date")))
    ]
    for d, c in contacts:
        employer = str(c.fields.get("employer") or "")
        label = employers.get(employer, "")
        if today <= d <= end and c.fields.get("mode") == "face_to_face":
            out.append(
                AgendaItem("employer_visit", p.id, name, d, False, "employer_contact", c.id, label)
            )
        step_day = parse_date(c.fields.get("next_step_date"))
        if step_day is None or step_day > end:
            continue
        # Done once a later contact with the same employer is logged (up to today).
        if any(
            d < later <= today and other.fields.get("employer") == employer
            for later, other in contacts
        ):
            continue
        step = str(c.fields.get("next_step") or "")
        detail = f"{label}: {step}" if label and step else label or step
        out.append(
            AgendaItem(
                "employer_next_step",
                p.id,
                name,
                step_day,
                step_day < today,
                "employer_contact",
                c.id,
                detail,
            )
        )
    return out


def _follow_along_items(
    index: Index, p: Record, name: str, today: date, end: date
) -> list[AgendaItem]:
    out: list[AgendaItem] = []
    for s in schedules_in(index, p.id, today):
        if s.overdue:
            last = max(s.overdue, key=lambda c: c.window_end)
            out.append(
                AgendaItem(
                    "follow_along",
                    p.id,
                    name,
                    last.window_end,
                    True,
                    "follow_along",
                    s.job_id,
                    checkpoint=last.name,
                )
            )
        nxt = s.next_due
        if nxt is not None and nxt.window_end <= end:
            out.append(
                AgendaItem(
                    "follow_along",
                    p.id,
                    name,
                    nxt.window_end,
                    False,
                    "follow_along",
                    s.job_id,
                    checkpoint=nxt.name,
                )
            )
    return out


def _outcome_items(index: Index, p: Record, name: str, today: date, end: date) -> list[AgendaItem]:
    """Six months after the first job start or the exit of an episode, whichever came first,
    the six-month outcome is due, until one is recorded dated on or after that day."""
    recorded = [
        d for o in index.children("outcome_6m", p.id) if (d := parse_date(o.fields.get("date")))
    ]
    out: list[AgendaItem] = []
    for ep in episodes(index, p.id, end):
        starts = [
            j.start
            for j in jobs(index, p.id)
            if ep.entry <= j.start and (ep.exit is None or j.start <= ep.exit)
        ]
        anchors = [*starts, *([ep.exit] if ep.exit else [])]
        if not anchors:
            continue
        due = add_months(min(anchors), OUTCOME_MONTHS)
        if due > end or any(d >= due for d in recorded):
            continue
        out.append(AgendaItem("outcome_6m", p.id, name, due, due < today, "outcome_6m", ep.id))
    return out


def _session_item(index: Index, p: Record, name: str, today: date, end: date) -> AgendaItem | None:
    dated = sorted(
        (d, s.id, s)
        for s in index.children("therapy_session", p.id)
        if (d := parse_date(s.fields.get("date"))) is not None
    )
    if not dated:
        return None
    last_day, _, last = dated[-1]
    nxt = parse_date(last.fields.get("next_session"))
    if nxt is None or nxt > end or last_day >= nxt:
        return None
    return AgendaItem("therapy_session", p.id, name, nxt, nxt < today, "therapy_session", last.id)


def agenda(
    ds: Dataset,
    *,
    today: date,
    participant_ids: Collection[str] | None = None,
    kinds: Collection[AgendaKind] | None = None,
) -> Agenda:
    """Everything due for these participants (all in ``ds`` by default) up to Sunday;
    ``kinds``: only items of these kinds (a therapist's: :data:`THERAPIST_KINDS`).

    Items of participants with an episode open today, but the six-month outcome, which
    is due after an exit too. Case notes are read for the two talks: ``ds`` must hold
    those of :func:`notes_needed`'s participants."""
    index = Index(ds)
    end = week_end(today)
    employers = {e.id: str(e.fields.get("name") or "") for e in ds.of("employer")}
    items: list[AgendaItem] = []
    for p in _people(ds, participant_ids):
        name = str(p.fields.get("name") or "")
        items += _outcome_items(index, p, name, today, end)
        ep = open_episode(index, p.id, today)
        if ep is None:
            continue
        items += _employer_items(index, p, name, today, end, employers)
        meeting = next_meeting_in(index, p.id, today, ep)
        if meeting is not None and meeting.due <= end:
            items.append(
                AgendaItem(
                    "meeting",
                    p.id,
                    name,
                    meeting.due,
                    meeting.overdue,
                    "meeting",
                    meeting.after_meeting,
                )
            )
        items += _follow_along_items(index, p, name, today, end)
        window, starting = _talk_candidates(index, p.id, today, end, ep)
        if window is not None:
            day60, close = window
            if not any(day60 <= t <= min(today, close) for t in _disclosure_talks(index, p.id)):
                items.append(
                    AgendaItem(
                        "disclosure_talk", p.id, name, day60, False, "case_note", until=close
                    )
                )
        talks = _benefits_talks(index, p.id)
        for job in starting:
            start = parse_date(job.fields.get("start"))
            if start is not None and not any(t <= start for t in talks):
                items.append(
                    AgendaItem(
                        "benefits_talk",
                        p.id,
                        name,
                        start,
                        False,
                        "case_note",
                        job.id,
                        str(job.fields.get("title") or ""),
                    )
                )
        session = _session_item(index, p, name, today, end)
        if session is not None:
            items.append(session)
    if kinds is not None:
        items = [i for i in items if i.kind in kinds]
    order = {k: n for n, k in enumerate(KINDS)}
    items.sort(
        key=lambda i: (
            not i.overdue,
            i.day > today,  # today's (windows open today among them), then the week's
            i.due,
            order[i.kind],
            i.participant_name.casefold(),
            i.participant_id,
            i.record_id or "",
        )
    )
    return Agenda(today, end, tuple(items))
