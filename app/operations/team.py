"""The team's people and settings: who may be a participant's job specialist or
therapist, and each job specialist's FTE (a team lead's setting).

People come from the device directory as this laptop last synced it (the users of
the team's approved, certified devices with their roles, kept in the store), and
this user; a profile never enrolled knows only its own user. The FTE of a job
specialist is a ``job_specialist_fte`` record in the team space: only a team lead
writes one (the server refuses anyone else's, and every laptop refuses one received
from anyone but a certified lead), and a name without one counts 1.0 in caseload
per FTE (app.indicators).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

from app import store_settings
from app.domain.access import JOB_SPECIALIST
from app.domain.people import PERSON_ROLES, TeamPerson, decode_people
from app.domain.schema import Problem, ValidationError
from app.indicators import DEFAULT_FTE, fte_by_job_specialist
from app.journal import Journal
from app.operations.records import Item, item_of

_FTE_NAMESPACE: Final = uuid.UUID("6f1b0d7e-2f4c-4b8e-9a51-3c1f5e7d2a90")


def team_people(journal: Journal, *, field: str | None = None) -> list[TeamPerson]:
    """The team's people by name (this user too); ``field``: only those whose role may
    be a participant's ``job_specialist`` or ``therapist``."""
    people = decode_people(store_settings.team_people(journal.store))
    mine = store_settings.user_names(journal.store, journal.user_name)
    if not any(p.name in mine for p in people):
        people.append(TeamPerson(journal.user_name, journal.role, 0))
    if field is not None:
        roles = PERSON_ROLES.get(field, frozenset())
        people = [p for p in people if p.role in roles]
    return sorted(people, key=lambda p: (p.name.casefold(), p.role))


def people_names(journal: Journal, *, field: str) -> list[str]:
    """The names the window offers for a participant's ``field``, each once, by name."""
    seen: dict[str, None] = {}
    for p in team_people(journal, field=field):
        seen.setdefault(p.name, None)
    return list(seen)


# ------------------------------------------------------------------- FTE


@dataclass(frozen=True, slots=True)
class FteLine:
    """A job specialist and the FTE caseload per FTE counts them with."""

    job_specialist: str
    fte: float
    set_by_lead: bool  # False: the default (1.0)


def job_specialists_by_role(journal: Journal) -> frozenset[str] | None:
    """The team's job specialists by role (the device directory as last synced, this
    user too), or None on a laptop that never synced one: the indicators then count
    everyone named as job specialist (app.indicators ``Roster``)."""
    if store_settings.team_people(journal.store) is None:
        return None
    return frozenset(p.name for p in team_people(journal) if p.role == JOB_SPECIALIST)


def fte_lines(journal: Journal) -> list[FteLine]:
    """The people caseload per FTE divides by, by name: the team's job specialists (the
    device directory's role), every name with an FTE set, and anyone else who is a
    participant's job specialist (a lead who carries a caseload); not a team lead or
    therapist who carries none."""
    ds = journal.dataset({"job_specialist_fte", "participant"})
    configured = fte_by_job_specialist(ds)
    specialists = {p.name for p in team_people(journal) if p.role == JOB_SPECIALIST}
    carrying = {
        name.strip()
        for p in ds.of("participant")
        if isinstance(name := p.fields.get("job_specialist"), str) and name.strip()
    }
    names = specialists | set(configured) | carrying
    return [
        FteLine(n, configured.get(n, DEFAULT_FTE), n in configured)
        for n in sorted(names, key=str.casefold)
    ]


def fte_record_id(team_space: str, job_specialist: str) -> str:
    """One record per name and team: two leads setting it meet in the same record."""
    return str(uuid.uuid5(_FTE_NAMESPACE, f"{team_space}\n{job_specialist.strip().casefold()}"))


def set_fte(journal: Journal, *, job_specialist: str, fte: float, initiator: object = None) -> Item:
    """Set a job specialist's FTE (team lead only; 0.1–1.0)."""
    name = job_specialist.strip()
    if not name:
        raise ValidationError({"job_specialist": Problem("required")})
    if journal.team_space is None:
        raise ValidationError({"team": Problem("no_team")})
    rid = fte_record_id(journal.team_space, name)
    values = {"job_specialist": name, "fte": fte}
    if journal.reread(rid) is None:
        journal.add("job_specialist_fte", values, record_id=rid, initiator=initiator)
    else:
        journal.update(rid, values, initiator=initiator)
    record = journal.reread(rid)
    if record is None:
        raise KeyError(rid)
    return item_of(record)
