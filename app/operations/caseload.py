"""Participants: the caseload screen's lines and the list ``feltjournal participants`` prints.

The caseload is the active participants with their next action, four-week
countdown, follow-along and meetings (app/reminders.py decides those). The
participant list is every participant the role may see, each with the
caseload's countdown where they are in the caseload.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from app.domain.access import THERAPIST
from app.journal import Dataset, Journal
from app.reminders import ACTIVE_STATUSES, CASELOAD_TYPES, CaseloadRow, FourWeeks, caseload_rows
from app.store_settings import user_names


def mine_field(role: str) -> str:
    """Which participant field makes a participant "mine" for ``role``: the assigned
    therapist for a therapist, the job specialist for everyone else."""
    return "therapist" if role == THERAPIST else "job_specialist"


def caseload(
    journal: Journal,
    *,
    mine_only: bool = False,
    dataset: Dataset | None = None,
    statuses: Collection[str] = ACTIVE_STATUSES,
) -> list[CaseloadRow]:
    """The caseload screen's rows by name; ``mine_only``: this user's for their role
    (:func:`mine_field`), by the profile's name or the server's user name; ``statuses``:
    the participant statuses shown (the screen's status filter).

    ``dataset``: the records of only some participants (a change event's), to rebuild
    just their rows; by default every record the caseload needs is read."""
    ds = journal.dataset(CASELOAD_TYPES) if dataset is None else dataset
    names = user_names(journal.store, journal.user_name) if mine_only else None
    field = mine_field(journal.role)
    return caseload_rows(
        ds,
        journal.today(),
        job_specialist=names if field == "job_specialist" else None,
        therapist=names if field == "therapist" else None,
        statuses=statuses,
        therapy=journal.can_read("therapy_session"),
    )


@dataclass(frozen=True, slots=True)
class ParticipantLine:
    """One participant in the list, whatever their status."""

    id: str
    name: str
    programme: str
    status: str
    job_specialist: str
    in_caseload: bool
    days_to_first_employer_contact: int | None  # None once met or outside the caseload
    four_weeks: FourWeeks | None = None  # the clock; None outside the caseload


def participants(journal: Journal, *, mine_only: bool = False) -> list[ParticipantLine]:
    """Every participant by name; ``mine_only``: those this user is job specialist or
    therapist for."""
    people = journal.participants(mine_only=mine_only)
    rows = {r.participant_id: r for r in caseload(journal)}
    out: list[ParticipantLine] = []
    for p in people:
        row = rows.get(p.id)
        out.append(
            ParticipantLine(
                id=p.id,
                name=str(p.fields.get("name") or ""),
                programme=str(p.fields.get("programme") or ""),
                status=str(p.fields.get("status") or ""),
                job_specialist=str(p.fields.get("job_specialist") or ""),
                in_caseload=row is not None,
                days_to_first_employer_contact=row.days_to_first_contact if row else None,
                four_weeks=row.four_weeks if row else None,
            )
        )
    return out
