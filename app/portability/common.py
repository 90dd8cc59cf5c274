"""What the JSON export and import share: the format marker and the import's outcome types."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from app.words import mark

FORMAT: Final = "feltjournal-export"
FORMAT_VERSION: Final = 1


# Why a file was not imported, by code: English here (str() of the refusal, logs, tests),
# worded for the user through app.words where it is shown (app/cli/failures.py). The
# values are counts, ids, type, key and field names, never a field's value.
IMPORT_TEXTS: Final[dict[str, str]] = {
    "missing": mark("the file does not exist"),
    "no_permission": mark("the file may not be read (no permission)"),
    "is_folder": mark("it is a folder, not a file"),
    "unreadable": mark("the file could not be read"),
    "not_utf8": mark("the file is not UTF-8 text"),
    "not_json": mark("the file is not valid JSON (line {line})"),
    "not_export": mark("the file is not a Feltjournal export"),
    "version": mark(
        "the file has format version {found}, and this version of Feltjournal reads "
        "version {supported}"
    ),
    "records_not_list": mark("its list of records is not a list"),
    "not_object": mark("is not an object"),
    "unknown_keys": mark("has unknown keys: {keys}"),
    "bad_id": mark("has no UUID as its id"),
    "unknown_type": mark("has an unknown record type: {found}"),
    "duplicate_id": mark("has an id that occurs twice in the file"),
    "bad_parent": mark("has a parent that is not a UUID"),
    "wrong_space": mark("belongs in a {space} space"),
    "bad_flag": mark("has a '{key}' that is neither true nor false"),
    "deleted_and_resurrected": mark("cannot be both deleted and resurrected"),
    "fields_not_object": mark("has 'fields' that are not an object"),
    "field": mark("{field} {problem}"),
    "losing_not_list": mark("has 'losing' values that are not a list"),
    "losing_shape": mark("has a losing value without exactly field, value, device and hlc"),
    "losing_not_register": mark("has a losing value for {field}, which is not a register field"),
    "losing_device": mark("has a losing value without a device id"),
    "losing_hlc": mark("has a losing value without a clock stamp"),
    "losing_field": mark("has a losing value where {field} {problem}"),
    "no_participant": mark("has no participant"),
    "parent_not_participant": mark("has a parent that is not a participant"),
    "participant_missing": mark("has a participant that is neither in the file nor here"),
    "participant_with_parent": mark("is a participant with a parent"),
    "wrong_parent": mark("has a parent that is not a {parent}"),
    "no_team_space": mark("needs a team space, and this profile has none"),
    "lead_only": mark("may be imported only by a team lead"),
    "already_exist": mark(
        "{count} record(s) already exist in this profile (first: {first_type} {first}); "
        "import into a new profile"
    ),
    "erased": mark("was erased in this profile and cannot be imported again"),
    "losing_failed": mark("has losing values that could not be re-created"),
}


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One reason a file was not imported: a code of :data:`IMPORT_TEXTS`, where in the
    file (the record's number from 1, its type and id) and the values its text names."""

    code: str
    record: int | None = None
    type: str | None = None
    id: str | None = None
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(
        cls,
        code: str,
        *,
        record: int | None = None,
        type: str | None = None,
        id: str | None = None,
        **values: object,
    ) -> ImportProblem:
        return cls(code, record, type, id, tuple(values.items()))

    @property
    def params(self) -> dict[str, object]:
        return dict(self.values)

    def english(self) -> str:
        where = ""
        if self.record is not None:
            where = f"record {self.record}"
            named = " ".join(x for x in (self.type, self.id) if x)
            where += f" ({named})" if named else ""
        elif self.id is not None:
            where = f"{self.type} {self.id}"
        text = IMPORT_TEXTS[self.code].format(**{k: str(v) for k, v in self.values})
        return f"{where}: {text}" if where else text


class ImportRejected(ValueError):
    """The file was not imported; ``reasons`` says why, ``problems`` the same in English.

    Messages name record numbers, ids, types and fields, never field values
    (they may be identity numbers or health information).
    """

    def __init__(self, reasons: Iterable[ImportProblem]) -> None:
        self.reasons = list(reasons)
        self.problems = [r.english() for r in self.reasons]
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
