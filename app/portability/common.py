"""What the JSON export and import share: the format marker and the import's outcome types."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

FORMAT: Final = "feltjournal-export"
FORMAT_VERSION: Final = 1


class ImportRejected(ValueError):
    """The file was not imported; ``problems`` says why, one line per problem.

    Messages name record numbers, ids, types and fields, never field values
    (they may be identity numbers or health information).
    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        shown = "; ".join(self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"The import file was not imported: {shown}{more}")


@dataclass(slots=True)
class ImportReport:
    """What an import wrote."""

    created: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # types this role may not hold
    deleted: int = 0
    losing_values: int = 0
    resurrected: int = 0

    @property
    def total(self) -> int:
        return sum(self.created.values())
