"""Collaboration meetings: the summary's content for one audience (NAV, GP, employer,
family, or the participant's own copy).

A summary is made only where a current consent lets it go to that audience
(the rule in app/operations/consent.py); for an employer only where the
disclosure guard lets that employer know the participant, and it then says
nothing about the participant's other employers. The participant's own copy
needs no consent. What each audience's copy holds is the table in
app/domain/sharing.py: a part it may not hold is left out here, before any
formatting, and a health-related plan step reaches only the GP and the
participant. Clinical records and notes are never read into a summary. The next
meeting is the caseload's (``app.reminders.next_meeting``). Dates stay ISO and
choices stay codes: the screen and the PDF format them in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.domain.sharing import AUDIENCES, ONLY_OWN_EMPLOYER, may_include, parts_for
from app.journal import Dataset, Journal
from app.operations.consent import consent_needed, current_consent
from app.reminders import next_meeting

__all__ = [
    "ACTIVITY_DAYS",
    "AUDIENCES",
    "ConsentMissing",
    "GoalWithActions",
    "JobHeld",
    "MeetingData",
    "OpenAction",
    "RecentContact",
    "may_share",
    "meeting_summary",
]
ACTIVITY_DAYS = 90  # how far back "recent job-search activity" reaches


class ConsentMissing(Exception):
    """No current consent lets the summary go to this audience (or name the participant)."""

    def __init__(self, audience: str, *, employer_id: str | None = None) -> None:
        super().__init__(f"no current consent for {audience}")
        self.audience = audience
        self.employer_id = employer_id


@dataclass(frozen=True, slots=True)
class OpenAction:
    description: str
    owner: str | None  # a choice code
    due: str | None  # ISO date
    overdue: bool
    health_related: bool = False  # itself or its goal


@dataclass(frozen=True, slots=True)
class GoalWithActions:
    title: str
    depth: int  # 0 for a goal, 1 for its sub-goal, …
    actions: tuple[OpenAction, ...] = ()
    health_related: bool = False  # itself or a goal above it


@dataclass(frozen=True, slots=True)
class RecentContact:
    date: str | None  # ISO date
    employer: str  # the employer's name
    mode: str | None  # choice codes
    purpose: str | None


@dataclass(frozen=True, slots=True)
class JobHeld:
    title: str
    employer: str
    start: str | None  # ISO dates
    end: str | None
    hours_per_week: float | None


@dataclass(frozen=True, slots=True)
class MeetingData:
    """What a summary for ``audience`` may hold, unformatted. ``parts``: the parts of
    app/domain/sharing.py it holds; a part not in it is empty here and not shown."""

    name: str
    programme: str | None  # choice codes
    status: str | None
    job_specialist: str
    audience: str
    made_on: date
    goals: tuple[GoalWithActions, ...]
    activity: tuple[RecentContact, ...]
    jobs: tuple[JobHeld, ...]
    last_meeting: str | None  # ISO dates
    next_meeting: str | None  # the caseload's "next meeting"
    next_meeting_overdue: bool
    strategies: tuple[str, ...]  # choice codes
    parts: tuple[str, ...]


def _code(value: Any) -> str | None:
    return None if value is None else str(value)


def may_share(
    journal: Journal,
    *,
    participant_id: str,
    audience: str,
    employer_id: str | None = None,
    data: Dataset | None = None,
) -> bool:
    """True if a current consent lets the participant's summary go to ``audience``.

    An employer needs more: a consent for this employer (or all) and a
    disclosure plan that is not "none"; without ``employer_id`` it is False.
    The participant's own copy needs none; an unknown audience gets nothing.
    """
    if audience not in AUDIENCES:
        return False
    if not consent_needed(audience):
        return True
    ds = data or journal.participant_dataset(participant_id)
    if audience == "employer":
        return employer_id is not None and journal.may_name_to_employer(
            participant_id, employer_id, data=ds
        )
    consent = current_consent(
        ds.children("consent", participant_id), scope=audience, today=journal.today()
    )
    return consent is not None


def meeting_summary(
    journal: Journal,
    *,
    participant_id: str,
    audience: str,
    employer_id: str | None = None,
) -> MeetingData:
    """Gather the summary's content; raises ConsentMissing without a current consent,
    ValueError for an unknown audience and KeyError for an unknown participant."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    ds = journal.participant_dataset(participant_id)
    participant = next((p for p in ds.of("participant") if p.id == participant_id), None)
    if participant is None:
        raise KeyError(participant_id)
    if not may_share(
        journal, participant_id=participant_id, audience=audience, employer_id=employer_id, data=ds
    ):
        raise ConsentMissing(audience, employer_id=employer_id)
    today = journal.today()
    employers = {e.id: str(e.fields.get("name") or "") for e in ds.of("employer")}

    def only_this_employer(eid: Any) -> bool:
        # An employer's copy says nothing about the participant's other employers.
        return audience not in ONLY_OWN_EMPLOYER or eid == employer_id

    def shown(health_related: bool) -> bool:
        return may_include(audience, "health_steps" if health_related else "plan")

    goals = ds.children("goal", participant_id)
    actions = [a for a in ds.children("action", participant_id) if a.fields.get("status") == "open"]
    goal_ids = {g.id for g in goals}
    lines: list[GoalWithActions] = []

    def add_goals(parent: str | None, depth: int, parent_health: bool) -> None:
        level = [
            g
            for g in goals
            if (g.fields.get("parent_goal") if g.fields.get("parent_goal") in goal_ids else None)
            == parent
        ]
        level.sort(key=lambda g: (int(g.fields.get("order") or 0), str(g.fields.get("title"))))
        for g in level:
            health = parent_health or bool(g.fields.get("health_related"))
            own = sorted(
                (a for a in actions if a.fields.get("goal") == g.id),
                key=lambda a: str(a.fields.get("due") or "9999"),
            )
            steps = tuple(
                OpenAction(
                    str(a.fields.get("description") or ""),
                    _code(a.fields.get("owner")),
                    _code(a.fields.get("due")),
                    bool(a.fields.get("due")) and str(a.fields.get("due")) < today.isoformat(),
                    step_health,
                )
                for a in own
                if shown(step_health := health or bool(a.fields.get("health_related")))
            )
            if shown(health):
                lines.append(
                    GoalWithActions(str(g.fields.get("title") or ""), depth, steps, health)
                )
            add_goals(g.id, depth + 1, health)

    add_goals(None, 0, False)
    since = (today - timedelta(days=ACTIVITY_DAYS)).isoformat()
    contacts = sorted(
        (
            c
            for c in ds.children("employer_contact", participant_id)
            if str(c.fields.get("date") or "") >= since
            and only_this_employer(c.fields.get("employer"))
        ),
        key=lambda c: str(c.fields.get("date") or ""),
        reverse=True,
    )
    activity = tuple(
        RecentContact(
            _code(c.fields.get("date")),
            employers.get(str(c.fields.get("employer")), ""),
            _code(c.fields.get("mode")),
            _code(c.fields.get("purpose")),
        )
        for c in contacts
    )
    jobs = tuple(
        JobHeld(
            str(j.fields.get("title") or ""),
            employers.get(str(j.fields.get("employer")), ""),
            _code(j.fields.get("start")),
            _code(j.fields.get("end")),
            float(j.fields["hours_per_week"])
            if j.fields.get("hours_per_week") is not None
            else None,
        )
        for j in sorted(
            ds.children("job", participant_id),
            key=lambda j: str(j.fields.get("start") or ""),
            reverse=True,
        )
        if only_this_employer(j.fields.get("employer"))
    )
    # The last meeting held (a meeting dated after today is the next one, as in the caseload).
    held = sorted(
        str(m.fields.get("date"))
        for m in ds.children("meeting", participant_id)
        if m.fields.get("date") and str(m.fields.get("date")) <= today.isoformat()
    )
    due = next_meeting(ds, participant_id, today)
    plans = ds.children("job_search_plan", participant_id)
    strategies = tuple(str(s) for s in (plans[0].fields.get("strategies") or [] if plans else []))
    parts = parts_for(audience)

    def part(name: str, value: Any, empty: Any) -> Any:
        return value if name in parts else empty

    return MeetingData(
        name=str(participant.fields.get("name") or ""),
        programme=part("programme", _code(participant.fields.get("programme")), None),
        status=part("programme", _code(participant.fields.get("status")), None),
        job_specialist=part(
            "job_specialist", str(participant.fields.get("job_specialist") or ""), ""
        ),
        audience=audience,
        made_on=today,
        goals=tuple(lines),
        activity=part("activity", activity, ()),
        jobs=part("jobs", jobs, ()),
        last_meeting=part("meetings", held[-1] if held else None, None),
        next_meeting=part("meetings", due.due.isoformat() if due else None, None),
        next_meeting_overdue=part("meetings", bool(due and due.overdue), False),
        strategies=part("strategies", strategies, ()),
        parts=parts,
    )
