"""Full-text search over what this role may read, for the caseload filter and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from app.journal import Journal


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A matching record: ids and type only, never its text."""

    id: str
    type: str
    parent: str | None

    @property
    def participant_id(self) -> str:
        """The participant a hit belongs to (a hit on a note shows its participant)."""
        return self.parent or self.id


def search(journal: Journal, *, text: str, limit: int = 50) -> list[SearchHit]:
    """Records whose text matches every word typed (prefixes), best first."""
    return [SearchHit(r.id, r.type, r.parent) for r in journal.search(text, limit=limit)]
