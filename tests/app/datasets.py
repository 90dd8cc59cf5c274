"""Hand-built datasets for indicator and reminder tests: Records made directly."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.journal import Dataset
from storage.store import Record

TEAM_TYPES = frozenset({"employer", "team_employer_contact", "activity"})


def d(text: str) -> date:
    return date.fromisoformat(text)


class Build:
    """Adds records one by one; ``ds`` gives the Dataset. Ids are given or numbered."""

    def __init__(self) -> None:
        self.records: list[Record] = []
        self._n = 0

    def add(
        self, record_type: str, parent: str | None = None, *, id: str | None = None, **fields: Any
    ) -> str:
        if id is None:
            self._n += 1
            id = f"{record_type}-{self._n}"
        space = "team:t" if record_type in TEAM_TYPES or parent is None else f"work:{parent}"
        clean = {k: v for k, v in fields.items() if v is not None}
        self.records.append(Record(id, record_type, space, parent, clean))
        return id

    @property
    def ds(self) -> Dataset:
        return Dataset.from_records(self.records)

    # Shorthands -------------------------------------------------------------

    def participant(
        self,
        pid: str,
        *,
        js: str | None = "Kari",
        status: str = "active",
        name: str | None = None,
        entry: str | None = None,
        exit: str | None = None,
        exit_reason: str | None = None,
    ) -> str:
        """A participant, and an episode when ``entry`` is given."""
        self.add(
            "participant",
            None,
            id=pid,
            name=name or f"Navn {pid}",
            programme="IPS",
            status=status,
            job_specialist=js,
        )
        if entry is not None:
            self.episode(pid, entry, exit, exit_reason)
        return pid

    def episode(
        self,
        pid: str,
        entry: str,
        exit: str | None = None,
        exit_reason: str | None = None,
        *,
        id: str | None = None,
    ) -> str:
        return self.add("episode", pid, id=id, entry=entry, exit=exit, exit_reason=exit_reason)

    def contact(
        self,
        pid: str,
        day: str,
        *,
        id: str | None = None,
        mode: str = "face_to_face",
        purpose: str = "client_specific",
        employer: str = "emp",
        **fields: Any,
    ) -> str:
        return self.add(
            "employer_contact",
            pid,
            id=id,
            employer=employer,
            date=day,
            mode=mode,
            purpose=purpose,
            **fields,
        )

    def team_contact(
        self,
        day: str,
        *,
        js: str | None,
        id: str | None = None,
        mode: str = "face_to_face",
        purpose: str = "job_development",
        employer: str = "emp",
    ) -> str:
        return self.add(
            "team_employer_contact",
            employer,
            id=id,
            date=day,
            mode=mode,
            purpose=purpose,
            job_specialist=js,
        )

    def job(
        self,
        pid: str,
        start: str,
        end: str | None = None,
        *,
        id: str | None = None,
        competitive: bool | None = True,
        **fields: Any,
    ) -> str:
        return self.add(
            "job",
            pid,
            id=id,
            title="Jobb",
            start=start,
            end=end,
            competitive=competitive,
            **fields,
        )

    def follow(
        self,
        pid: str,
        job: str | None,
        day: str,
        *,
        id: str | None = None,
        mode: str | None = "face_to_face",
    ) -> str:
        return self.add("follow_along", pid, id=id, job=job, date=day, mode=mode)

    def note(self, pid: str, day: str, topic: str, *, id: str | None = None) -> str:
        return self.add("case_note", pid, id=id, date=day, topic=topic)

    def meeting(
        self, pid: str, day: str, next_date: str | None = None, *, id: str | None = None
    ) -> str:
        return self.add("meeting", pid, id=id, date=day, next_date=next_date)

    def activity(
        self, day: str, minutes: int, location: str, *, js: str = "Kari", id: str | None = None
    ) -> str:
        return self.add(
            "activity", None, id=id, date=day, minutes=minutes, location=location, job_specialist=js
        )

    def action(
        self,
        pid: str,
        description: str,
        due: str | None,
        status: str = "open",
        *,
        id: str | None = None,
    ) -> str:
        return self.add(
            "action", pid, id=id, goal="g", description=description, due=due, status=status
        )
