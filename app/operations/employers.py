"""The employer register: employers with their last contact, and one employer's details.

The screen and ``feltjournal employers`` both read the register here, with
the same filters: unreadable records are left out, and contacts in
participants' records count only for a role that may read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.journal import Journal
from app.operations.records import Item, item_of


@dataclass(frozen=True, slots=True)
class EmployerLine:
    """One line of the register."""

    id: str
    fields: Mapping[str, Any]
    last_contact: str | None  # ISO date
    contacts: int

    @property
    def name(self) -> str:
        return str(self.fields.get("name") or "")

    @property
    def org_number(self) -> str:
        return str(self.fields.get("org_number") or "")

    @property
    def industry(self) -> str:
        return str(self.fields.get("industry") or "")


@dataclass(frozen=True, slots=True)
class Visit:
    """A contact with the employer; ``participant_label`` is None unless disclosure allows."""

    item: Item
    participant_label: str | None


@dataclass(frozen=True, slots=True)
class EmployerDetails:
    """What the register shows for one employer: contact persons and visits, newest first."""

    employer_id: str
    persons: tuple[Item, ...]
    visits: tuple[Visit, ...]


def employer_register(journal: Journal) -> list[EmployerLine]:
    """Employers with their last contact and number of contacts, by name."""
    employers = [r for r in journal.team_records("employer") if r.error is None]
    last: dict[str, str] = {}
    count: dict[str, int] = {}

    def note(employer_id: Any, day: Any) -> None:
        if not employer_id:
            return
        key = str(employer_id)
        count[key] = count.get(key, 0) + 1
        if day and str(day) > last.get(key, ""):
            last[key] = str(day)

    if journal.can_read("employer_contact"):
        for c in journal.team_records("employer_contact"):
            if c.error is None:
                note(c.fields.get("employer"), c.fields.get("date"))
    for c in journal.team_records("team_employer_contact"):
        if c.error is None:
            note(c.parent, c.fields.get("date"))
    rows = [
        EmployerLine(e.id, item_of(e).fields, last.get(e.id), count.get(e.id, 0)) for e in employers
    ]
    rows.sort(key=lambda r: r.name.casefold())
    return rows


def employer_details(journal: Journal, *, employer_id: str) -> EmployerDetails:
    """The employer's contact persons (by name) and visits, naming participants only where
    disclosure allows."""
    persons = [
        r
        for r in journal.team_records("employer_contact_person", parent=employer_id)
        if r.error is None
    ]
    persons.sort(key=lambda r: str(r.fields.get("name", "")).casefold())
    visits = tuple(
        Visit(item_of(v.record), v.participant_label)
        for v in journal.employer_contacts(employer_id)
    )
    return EmployerDetails(employer_id, tuple(item_of(p) for p in persons), visits)
