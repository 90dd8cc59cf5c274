"""A team as a laptop knows it after a sync (its device directory's people), and a
face-to-face employer visit as the visit form saves it."""

from __future__ import annotations

from app.domain.people import TeamPerson, encode_people
from app.journal import Journal
from app.store_settings import SettingsStore, set_team_people


def remember_team(store: SettingsStore, people: dict[str, str]) -> None:
    """Keep ``people`` (name → role, one certified computer each) as the last sync would."""
    set_team_people(
        store, encode_people(TeamPerson(name, role, 1) for name, role in sorted(people.items()))
    )


def log_visit(journal: Journal, *, employer: str, day: str, by: str) -> str:
    """A face-to-face job-development visit to ``employer`` with ``by`` as job specialist
    (the visit form fills in its user)."""
    return journal.add(
        "team_employer_contact",
        {"date": day, "mode": "face_to_face", "purpose": "job_development", "job_specialist": by},
        parent=employer,
    )
