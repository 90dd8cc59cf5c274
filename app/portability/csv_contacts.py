"""The CSV import of employer contacts, for teams moving from a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from app.domain.access import AccessDenied
from app.domain.dates import EARLIEST, LATEST, DateInputError, parse_typed_date
from app.domain.identifiers import InvalidIdentifier, check_org_number
from app.domain.schema import (
    CONTACT_MODES,
    CONTACT_PURPOSES,
    ValidationError,
    validate,
)
from app.journal import Journal

CSV_COLUMNS: Final = (
    "dato",
    "organisasjonsnummer",
    "arbeidsgiver",
    "kontaktform",
    "formål",
    "varighet_min",
    "resultat",
    "neste_steg",
)
_OPTIONAL_COLUMNS: Final = ("jobbspesialist",)
_REQUIRED_COLUMNS: Final = ("dato", "organisasjonsnummer", "kontaktform")
_COLUMN_ALIASES: Final = {
    "formal": "formål",
    "orgnr": "organisasjonsnummer",
    "org.nr": "organisasjonsnummer",
    "org_nr": "organisasjonsnummer",
    "varighet": "varighet_min",
    "minutter": "varighet_min",
    "neste_steg": "neste_steg",
}

_MODES: Final = {
    "oppmøte": "face_to_face",
    "besøk": "face_to_face",
    "oppmøte/besøk": "face_to_face",
    "bedriftsbesøk": "face_to_face",
    "fysisk": "face_to_face",
    "fysisk møte": "face_to_face",
    "møte": "face_to_face",
    "telefon": "phone",
    "tlf": "phone",
    "tlf.": "phone",
    "e-post": "email",
    "epost": "email",
    "e-mail": "email",
    "mail": "email",
    "video": "video",
    "videomøte": "video",
    **{m: m for m in CONTACT_MODES},
}
# The window's words first (Fysisk møte, Deltakerrettet), then older spellings.
_PURPOSES: Final = {
    "jobbutvikling": "job_development",
    "deltakerrettet": "client_specific",
    "deltakerspesifikk": "client_specific",
    "klientspesifikk": "client_specific",
    "kandidatspesifikk": "client_specific",
    "på vegne av deltaker": "client_specific",
    "oppfølging": "follow_along",
    "annet": "other",
    **{p: p for p in CONTACT_PURPOSES},
}
_FIELD_TO_COLUMN: Final = {
    "date": "dato",
    "mode": "kontaktform",
    "purpose": "formål",
    "minutes": "varighet_min",
    "outcome": "resultat",
    "next_step": "neste_steg",
    "job_specialist": "jobbspesialist",
}
# Why a "dato" cell is refused (app.domain.dates reasons), in the sheet's language.
_DATE_PROBLEMS: Final = {
    "format": "er ikke en gyldig dato (bruk dd.mm.åååå eller åååå-mm-dd)",
    "no_such_date": "er en dato som ikke finnes",
    "out_of_range": f"må ligge mellom {EARLIEST.year} og {LATEST.year}",
    "future": "ligger fram i tid",
}


@dataclass(frozen=True, slots=True)
class CsvProblem:
    """One bad cell: the spreadsheet row (header = row 1), the column and what is wrong."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Rad {self.row}, {self.column}: {self.message}"


@dataclass(slots=True)
class CsvReport:
    """The outcome of a CSV import; ``ok`` is False when nothing was imported for a problem."""

    rows: int = 0
    imported: int = 0
    employers_created: int = 0
    duplicates: int = 0
    dry_run: bool = False
    problems: list[CsvProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})

    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


@dataclass(slots=True)
class _CsvRow:
    row: int
    org_number: str
    employer_name: str
    values: dict[str, Any]


def _csv_text(source: str | bytes | Path) -> str:
    if isinstance(source, bytes):
        raw = source
    elif isinstance(source, Path) or _names_a_file(source):
        raw = Path(source).read_bytes()
    else:
        return source.removeprefix("\ufeff")
    return raw.decode("utf-8-sig")


def _names_a_file(text: str) -> bool:
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def _norm_header(name: str) -> str:
    key = name.strip().removeprefix("\ufeff").casefold().replace(" ", "_").replace("-", "_")
    return _COLUMN_ALIASES.get(key, key)


def _parse_row(
    journal: Journal, number: int, cells: Mapping[str, str], problems: list[CsvProblem]
) -> _CsvRow | None:
    bad = len(problems)

    def problem(column: str, message: str) -> None:
        problems.append(CsvProblem(number, column, message))

    values: dict[str, Any] = {}
    try:
        # The same reading of a date as every date field in the window.
        when = parse_typed_date(cells.get("dato", ""), today=journal.today(), past_only=True)
    except DateInputError as exc:
        problem("dato", _DATE_PROBLEMS[exc.reason])
    else:
        if when is None:
            problem("dato", "mangler")
        else:
            values["date"] = when.isoformat()

    org = cells.get("organisasjonsnummer", "").replace(" ", "")
    if not org:
        problem("organisasjonsnummer", "mangler")
    else:
        try:
            org = check_org_number(org)
        except InvalidIdentifier:
            if len(org) != 9 or not org.isascii() or not org.isdigit():
                problem("organisasjonsnummer", "må ha nøyaktig 9 sifre")
            else:
                problem("organisasjonsnummer", "kontrollsifferet stemmer ikke")

    mode_text = cells.get("kontaktform", "").strip()
    mode = _MODES.get(mode_text.casefold())
    if not mode_text:
        problem("kontaktform", "mangler")
    elif mode is None:
        problem("kontaktform", "ukjent kontaktform (fysisk møte, telefon, e-post eller video)")
    else:
        values["mode"] = mode

    purpose_text = cells.get("formål", "").strip() or "jobbutvikling"
    purpose = _PURPOSES.get(purpose_text.casefold())
    if purpose is None:
        problem("formål", "ukjent formål (jobbutvikling, deltakerrettet, oppfølging eller annet)")
    else:
        values["purpose"] = purpose

    minutes_text = cells.get("varighet_min", "").strip()
    if minutes_text:
        if minutes_text.isascii() and minutes_text.isdigit():
            values["minutes"] = int(minutes_text)
        else:
            problem("varighet_min", "må være et helt antall minutter")

    values["outcome"] = cells.get("resultat", "").strip()
    values["next_step"] = cells.get("neste_steg", "").strip()
    values["job_specialist"] = cells.get("jobbspesialist", "").strip() or journal.user_name
    if len(problems) == bad:
        try:
            values = validate("team_employer_contact", values)
        except ValidationError as exc:
            for name, message in exc.errors.items():
                problem(_FIELD_TO_COLUMN.get(name, name), _norwegian(message))
    if len(problems) != bad:
        return None
    return _CsvRow(number, org, cells.get("arbeidsgiver", "").strip(), values)


def _norwegian(message: str) -> str:
    """The schema's English field messages, in Norwegian for the CSV report."""
    m = re.match(r"is longer than (\d+) characters", message)
    if m:
        return f"er lengre enn {m[1]} tegn"
    m = re.match(r"must be at (least|most) (\S+)", message)
    if m:
        return f"må være {'minst' if m[1] == 'least' else 'høyst'} {m[2]}"
    return {
        "is required": "mangler",
        "is not a date": "er ikke en gyldig dato",
        "must be a number": "må være et tall",
        "must be a whole number": "må være et helt tall",
    }.get(message, message)


def import_employer_contacts_csv(
    journal: Journal, path_or_text: str | bytes | Path, *, dry_run: bool = False
) -> CsvReport:
    """Import a spreadsheet of employer contacts as team (job-development) contacts.

    The file: UTF-8 with or without BOM, a header row, semicolon- or
    comma-separated (taken from the header row). Columns, in any order::

        dato                 required; dd.mm.åååå or åååå-mm-dd, not in the future
        organisasjonsnummer  required; 9 digits, mod-11 checked (spaces allowed)
        arbeidsgiver         the employer's name; required when the organisation
                             number is not yet in the employer register
        kontaktform          required; fysisk møte (also oppmøte, besøk), telefon, e-post or video
        formål               jobbutvikling (default when empty), deltakerrettet,
                             oppfølging or annet
        varighet_min         minutes, a whole number (optional)
        resultat             what came of it (free text, optional)
        neste_steg           the next step (optional)
        jobbspesialist       optional; defaults to the user

    Employers are matched by organisation number and created when missing
    (with ``arbeidsgiver`` as name); each row becomes a ``team_employer_contact``
    under its employer. A row identical to a contact already registered (or to
    an earlier row) is skipped and counted as a duplicate, so importing the same
    sheet twice adds nothing. If ANY row is invalid nothing is imported and the
    report lists every problem (row numbers as in the spreadsheet: the header
    is row 1); messages are in Norwegian. ``path_or_text``: a Path, bytes, a
    string with the CSV text, or a string naming an existing file.
    ``dry_run`` checks everything and writes nothing.
    """
    if not journal.can_read("team_employer_contact") or journal.team_space is None:
        raise AccessDenied("Your role may not register employer contacts.")
    report = CsvReport(dry_run=dry_run)
    try:
        text = _csv_text(path_or_text)
    except UnicodeDecodeError:
        report.problems.append(
            CsvProblem(0, "fil", "fila er ikke UTF-8 (lagre som «CSV UTF-8» i regnearket)")
        )
        return report
    except OSError:
        report.problems.append(CsvProblem(0, "fil", "fila kunne ikke leses"))
        return report
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in header_line else ("\t" if "\t" in header_line else ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        report.problems.append(CsvProblem(1, "overskrift", "fila er tom"))
        return report
    columns = [_norm_header(h) for h in header]
    known = set(CSV_COLUMNS) | set(_OPTIONAL_COLUMNS)
    for name, original in zip(columns, header, strict=True):
        if name not in known:
            report.problems.append(CsvProblem(1, original.strip(), "ukjent kolonne"))
    for name in _REQUIRED_COLUMNS:
        if name not in columns:
            report.problems.append(CsvProblem(1, name, "kolonnen mangler"))
    if len(set(columns)) != len(columns):
        report.problems.append(CsvProblem(1, "overskrift", "en kolonne står to ganger"))
    if report.problems:
        return report

    employers: dict[str, str] = {}
    for emp in journal.team_records("employer"):
        org = emp.fields.get("org_number")
        if isinstance(org, str) and org not in employers:
            employers[org] = emp.id
    new_names: dict[str, str] = {}
    rows: list[_CsvRow] = []
    for number, cells_list in enumerate(reader, start=2):
        if not any(c.strip() for c in cells_list):
            continue
        report.rows += 1
        if len(cells_list) > len(columns):
            report.problems.append(
                CsvProblem(
                    number, "rad", f"har {len(cells_list)} celler, overskriften har {len(columns)}"
                )
            )
            continue
        cells = {
            c: (cells_list[i].strip() if i < len(cells_list) else "") for i, c in enumerate(columns)
        }
        row = _parse_row(journal, number, cells, report.problems)
        if row is None:
            continue
        if row.org_number not in employers and row.org_number not in new_names:
            if not row.employer_name:
                report.problems.append(
                    CsvProblem(
                        number,
                        "arbeidsgiver",
                        "mangler (organisasjonsnummeret finnes ikke i arbeidsgiverregisteret)",
                    )
                )
                continue
            try:
                validate("employer", {"name": row.employer_name, "org_number": row.org_number})
            except ValidationError as exc:
                report.problems.extend(
                    CsvProblem(number, "arbeidsgiver", _norwegian(m)) for m in exc.errors.values()
                )
                continue
            new_names[row.org_number] = row.employer_name
        rows.append(row)
    if report.problems or dry_run:
        report.employers_created = 0 if report.problems else len(new_names)
        report.imported = 0 if report.problems else len(rows)
        if dry_run and not report.problems:
            report.duplicates = _count_duplicates(journal, rows, employers)
            report.imported -= report.duplicates
        return report

    with journal.store.transaction():
        for org, name in new_names.items():
            employers[org] = journal.add("employer", {"name": name, "org_number": org})
            report.employers_created += 1
        seen = _existing_contacts(journal)
        for row in rows:
            eid = employers[row.org_number]
            key = _contact_key(eid, row.values)
            if key in seen:
                report.duplicates += 1
                continue
            seen.add(key)
            journal.add("team_employer_contact", row.values, parent=eid)
            report.imported += 1
        journal.store.audit("import", None, f"csv {report.imported} rows")
    return report


def _contact_key(employer_id: str | None, values: Mapping[str, Any]) -> tuple[Any, ...]:
    return (
        employer_id,
        values.get("date"),
        values.get("mode"),
        values.get("purpose"),
        values.get("minutes"),
        values.get("outcome") or "",
        values.get("next_step") or "",
    )


def _existing_contacts(journal: Journal) -> set[tuple[Any, ...]]:
    return {_contact_key(r.parent, r.fields) for r in journal.team_records("team_employer_contact")}


def _count_duplicates(journal: Journal, rows: list[_CsvRow], employers: Mapping[str, str]) -> int:
    seen = _existing_contacts(journal)
    duplicates = 0
    for row in rows:
        key = _contact_key(employers.get(row.org_number, f"new:{row.org_number}"), row.values)
        if key in seen:
            duplicates += 1
        seen.add(key)
    return duplicates
