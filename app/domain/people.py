"""The team's people as the device directory names them: who may be a participant's
job specialist or therapist. Pure: the sync round writes what it saw
(app.syncing.trust), the operations read it (app.operations.team)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from app.domain.access import JOB_SPECIALIST, TEAM_LEAD, THERAPIST

#: Which roles may fill which participant field.
PERSON_ROLES: Final[dict[str, frozenset[str]]] = {
    "job_specialist": frozenset({JOB_SPECIALIST, TEAM_LEAD}),
    "therapist": frozenset({THERAPIST}),
}


@dataclass(frozen=True, slots=True)
class TeamPerson:
    """A user of the team: name, role, and how many certified computers they use."""

    name: str
    role: str
    devices: int


def people_from_directory(entries: Iterable[tuple[str, str, bool]]) -> list[TeamPerson]:
    """The people of (user name, role, certified) per approved device of the team: one
    per (name, role), counting the certified devices, by name."""
    counts: dict[tuple[str, str], int] = {}
    for name, role, certified in entries:
        if name:
            counts[(name, role)] = counts.get((name, role), 0) + (1 if certified else 0)
    return [TeamPerson(n, r, c) for (n, r), c in sorted(counts.items())]


def encode_people(people: Iterable[TeamPerson]) -> str:
    return json.dumps(
        [{"name": p.name, "role": p.role, "devices": p.devices} for p in people],
        ensure_ascii=False,
        sort_keys=True,
    )


def decode_people(raw: str | None) -> list[TeamPerson]:
    """What :func:`encode_people` wrote; [] for nothing or anything malformed."""
    try:
        data = json.loads(raw) if raw else []
    except ValueError:
        return []
    out: list[TeamPerson] = []
    for d in data if isinstance(data, list) else []:
        if isinstance(d, dict) and isinstance(d.get("name"), str):
            devices = d.get("devices")
            out.append(
                TeamPerson(
                    d["name"],
                    str(d.get("role", "")),
                    devices if isinstance(devices, int) else 0,
                )
            )
    return out
