"""Retention: which participants' records are due for erasure, the job specialist's and
the clinical ones apart, and erasing what is due (``feltjournal retention``).

The job specialist's records (the work space) are kept ``work_days`` after the
participant's last exit (default 730, store setting ``retention.work_days``). Clinical
records follow the health-records rule (pasientjournalloven): kept at least
``clinical_years`` (default 10, ``retention.clinical_years``) after the last exit or the
last clinical entry this laptop can read, whichever is later. A team lead's laptop holds
no clinical key and never receives clinical records, so it cannot know whether there are
any: it counts from the exit and keeps the clinical space until then. Until then an
erasure removes the work records only; the participant record (who the clinical record is
about) and the episodes (which date the rule) stay.

A team lead's erasure of a participant (:func:`erase_participant`, ``feltjournal
erase-participant``) follows the same rule: when the participant may have a clinical
journal (a therapist is named, or this laptop holds clinical records of theirs) whose
retention has not passed, it erases the work records now, closes open episodes on the
day of the erasure (so the retention counts from it) and keeps the participant record,
the episodes and the clinical journal; ``feltjournal retention --erase`` erases the rest
once the clinical limit has passed. Without a clinical journal it erases everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from app import store_settings
from app.domain.access import AccessDenied, may_erase
from app.domain.schema import CLINICAL_TYPES, ValidationError
from app.indicators import add_months, parse_date
from app.journal import Journal

Erasure = Literal["whole", "work"]
# What stays of a participant whose clinical records are kept (see the module).
KEPT_WITH_CLINICAL = ("episode",)


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    work_days: int = store_settings.DEFAULT_WORK_DAYS
    clinical_years: int = store_settings.DEFAULT_CLINICAL_YEARS

    def __post_init__(self) -> None:
        if self.work_days < 0:
            raise ValueError("The retention period cannot be negative.")
        if self.clinical_years < 1:
            raise ValueError("Clinical records are kept at least one year.")


@dataclass(frozen=True, slots=True)
class ParticipantErasure:
    """What a team lead's erasure of one participant did."""

    erased_records: int
    clinical_kept_until: date | None  # None: everything about the participant is gone


@dataclass(frozen=True, slots=True)
class RetentionLine:
    """A participant past the work-record limit, and what may be erased now."""

    participant_id: str
    name: str
    last_exit: date
    clinical_until: date  # the clinical space is kept until this day
    erase: Erasure  # "whole" once clinical_until has passed, else the work records only
    work_records: int  # work records an erasure would remove now


def retention_policy(journal: Journal) -> RetentionPolicy:
    """The policy of this laptop's settings (defaults: 730 days, 10 years)."""
    store = journal.store
    return RetentionPolicy(
        store_settings.retention_work_days(store), store_settings.retention_clinical_years(store)
    )


def save_retention_policy(journal: Journal, *, policy: RetentionPolicy) -> None:
    store_settings.set_retention(
        journal.store, work_days=policy.work_days, clinical_years=policy.clinical_years
    )


def _clinical_until(journal: Journal, participant_id: str, last_exit: date, years: int) -> date:
    latest = last_exit
    for r in journal.records(participant_id):
        if r.type in CLINICAL_TYPES:
            d = parse_date(r.fields.get("date"))
            if d is not None and d > latest:
                latest = d
    return add_months(latest, 12 * years)


def retention_due(journal: Journal, *, policy: RetentionPolicy) -> list[RetentionLine]:
    """Participants whose last exit is older than ``policy.work_days`` and who still have
    something to erase: their work records, or (past the clinical limit) everything."""
    today = journal.today()
    out: list[RetentionLine] = []
    for p in journal.retention_candidates(older_than_days=policy.work_days):
        exits = [
            d
            for e in journal.records(p.id, "episode")
            if (d := parse_date(e.fields.get("exit"))) is not None
        ]
        last_exit = max(exits)
        until = _clinical_until(journal, p.id, last_exit, policy.clinical_years)
        types = journal.record_types(p.id)
        work = sum(
            1 for t in types.values() if t not in CLINICAL_TYPES and t not in KEPT_WITH_CLINICAL
        )
        erase: Erasure = "whole" if until < today else "work"
        if erase == "work" and work == 0:
            continue  # the work records are gone; the clinical ones wait for their day
        out.append(
            RetentionLine(p.id, str(p.fields.get("name") or ""), last_exit, until, erase, work)
        )
    return out


def may_have_clinical(journal: Journal, participant_id: str) -> bool:
    """Whether the participant may have a clinical journal: a therapist is named, or this
    laptop holds clinical records of theirs (a team lead's laptop never receives any)."""
    participant = journal.get(participant_id)
    if str(participant.fields.get("therapist") or "").strip():
        return True
    return any(t in CLINICAL_TYPES for t in journal.record_types(participant_id).values())


def erase_participant(
    journal: Journal,
    *,
    participant_id: str,
    confirm: str,
    policy: RetentionPolicy | None = None,
) -> ParticipantErasure:
    """A team lead erases a participant everywhere: the work records at once; the clinical
    journal, the participant record and the episodes stay until the clinical limit has
    passed, unless there is no clinical journal (see the module). ``confirm`` is the
    participant's name as typed."""
    policy = policy or retention_policy(journal)
    participant = journal.get(participant_id)
    if participant.type != "participant":
        raise KeyError(participant_id)
    if not may_have_clinical(journal, participant_id):
        return ParticipantErasure(journal.erase_participant(participant_id, confirm=confirm), None)
    today = journal.today()
    episodes = journal.records(participant_id, "episode")
    exits = [parse_date(e.fields.get("exit")) or today for e in episodes] or [today]
    until = _clinical_until(journal, participant_id, max(exits), policy.clinical_years)
    if until < today:
        return ParticipantErasure(journal.erase_participant(participant_id, confirm=confirm), None)
    if not may_erase(journal.role):
        raise AccessDenied("Only a team lead may erase a participant.")
    if confirm != participant.fields.get("name"):
        raise ValidationError({"confirm": "type the participant's name to confirm"})
    with journal.store.transaction():
        for e in episodes:
            if not e.fields.get("exit"):
                journal.update(e.id, {"exit": today.isoformat()})
        if participant.fields.get("status") != "exited":
            journal.update(participant_id, {"status": "exited"})
        erased = journal.erase_work_records(participant_id, keep=KEPT_WITH_CLINICAL)
    return ParticipantErasure(erased, until)


def erase_due(journal: Journal, *, policy: RetentionPolicy) -> tuple[RetentionLine, ...]:
    """Erase what :func:`retention_due` lists (team lead only): a whole participant past
    the clinical limit, else the work records only. Returns the lines erased."""
    lines = retention_due(journal, policy=policy)
    for line in lines:
        if line.erase == "whole":
            journal.erase_participant(line.participant_id, confirm=line.name)
        else:
            journal.erase_work_records(line.participant_id, keep=KEPT_WITH_CLINICAL)
    return tuple(lines)
