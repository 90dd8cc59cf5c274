"""Moving data in and out: a lossless JSON export/import, and a CSV import of employer contacts.

JSON export (:func:`export_json`, :func:`write_export`)
    Every record this user may read, with its id, type, space kind, parent and
    fields, deleted records flagged, register values that lost a concurrent
    write ("changed on two machines") with the device and clock stamp that
    wrote them, and records brought back by an edit made while they were being
    deleted (``resurrected``). The file is plain, readable JSON: it holds
    personal and, on a therapist's profile, clinical data, is written with
    owner-only permissions and is audited as an ``export``.

    Layout (format version 1)::

        {"format": "feltjournal-export", "format_version": 1,
         "exported_at": "2026-11-23T10:15:00+00:00",
         "exported_by": {"name": ..., "role": ...},
         "records": [{"id": uuid, "type": "case_note", "space": "work",
                      "parent": uuid | null, "deleted": false, "resurrected": false,
                      "fields": {...},
                      "losing": [{"field": ..., "value": ..., "device": ..., "hlc": ...}]}],
         "unreadable": [{"id": uuid, "type": ...}]}

    Records are sorted by id; fields by name. Team records (employers, contact
    persons, job-development contacts, activities) carry ``"space": "team"``
    and land in the importing profile's own team space.

JSON import (:func:`import_json`, :func:`import_json_file`)
    Re-creates records with the same ids. The whole file is checked first
    (structure, format version, record types, every field against the domain
    schema, parents, duplicate ids, ids already in this profile) and a bad file
    raises :class:`ImportRejected` listing every problem, without writing
    anything. The writes then run in one transaction: a failure part-way rolls
    everything back. Record types this role may not hold (clinical records for
    a job specialist) are skipped and counted, never written.

CSV import of employer contacts (:func:`import_employer_contacts_csv`)
    For teams moving from a spreadsheet; see that function for the columns.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

from app.domain.access import AccessDenied, clinical_space, work_space
from app.domain.identifiers import InvalidIdentifier, check_org_number
from app.domain.schema import (
    CONTACT_MODES,
    CONTACT_PURPOSES,
    ENTITIES,
    ValidationError,
    split_kinds,
    validate,
)
from app.journal import Journal
from storage.store import Record, RecordStore
from sync.changes import DELETED_FIELD, Change, Kind
from sync.hlc import Hlc

__all__ = [
    "CSV_COLUMNS",
    "FORMAT",
    "FORMAT_VERSION",
    "CsvProblem",
    "CsvReport",
    "ImportRejected",
    "ImportReport",
    "export_json",
    "import_employer_contacts_csv",
    "import_json",
    "import_json_file",
    "read_export",
    "write_export",
]

FORMAT: Final = "feltjournal-export"
FORMAT_VERSION: Final = 1

# Stands in for the device that deleted a record which then came back; only
# the marker is re-created, on this replica, never sent anywhere.
_IMPORT_DEVICE: Final = "00000000-0000-0000-0000-000000000000"

_RECORD_KEYS: Final = frozenset(
    {"id", "type", "space", "parent", "deleted", "resurrected", "fields", "losing"}
)


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


# ------------------------------------------------------------------ export


def _space_kind(space: str) -> str:
    return space.partition(":")[0]


def _record_entry(store: RecordStore, rec: Record) -> dict[str, Any]:
    losing: list[dict[str, Any]] = []
    if rec.conflicted:
        for lv in store.losing_values(rec.id):
            if lv.field.startswith("_"):
                continue  # internal registers (delete, parent) are not user data
            losing.append(
                {"field": lv.field, "value": lv.value, "device": lv.device, "hlc": lv.hlc}
            )
        losing.sort(key=lambda d: (d["field"], d["hlc"], d["device"]))
    return {
        "id": rec.id,
        "type": rec.type,
        "space": _space_kind(rec.space),
        "parent": rec.parent,
        "deleted": rec.deleted,
        "resurrected": rec.resurrected,
        "fields": dict(sorted(rec.fields.items())),
        "losing": losing,
    }


def export_json(journal: Journal) -> dict[str, Any]:
    """Everything this user may read, as a JSON-ready dict (audited as an export)."""
    store = journal.store
    records: list[dict[str, Any]] = []
    unreadable: list[dict[str, str]] = []
    for rec in store.query(include_deleted=True):
        if not journal.can_read(rec.type):
            continue
        if rec.error is not None:
            unreadable.append({"id": rec.id, "type": rec.type})
            continue
        records.append(_record_entry(store, rec))
    records.sort(key=lambda r: r["id"])
    unreadable.sort(key=lambda r: r["id"])
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "exported_by": {"name": journal.user_name, "role": journal.role},
        "records": records,
        "unreadable": unreadable,
    }
    store.audit("export", None, "json")
    return data


def write_export(journal: Journal, path: Path) -> Path:
    """Export to ``path`` atomically (temp file in the same folder, then rename), mode 0600."""
    data = export_json(journal)
    payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.chmod(tmp, 0o600)
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def read_export(path: Path) -> dict[str, Any]:
    """Read an export file; an unreadable or malformed file raises ImportRejected."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ImportRejected([f"the file could not be read ({exc.strerror})"]) from None
    except UnicodeDecodeError:
        raise ImportRejected(["the file is not UTF-8 text"]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected([f"the file is not valid JSON (line {exc.lineno})"]) from None
    if not isinstance(data, dict):
        raise ImportRejected(["the file is not a Feltjournal export"])
    return data


# ------------------------------------------------------------------ import


@dataclass(slots=True)
class _Planned:
    """One record of the file, checked and cleaned, ready to write."""

    id: str
    type: str
    parent: str | None
    registers: dict[str, Any]
    texts: dict[str, str]
    empty_texts: list[str]
    deleted: bool
    resurrected: bool
    losing: list[tuple[str, Any, str, str]]  # field, value, device, hlc


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _check_header(data: object) -> list[Any]:
    if not isinstance(data, dict):
        raise ImportRejected(["the file is not a Feltjournal export (expected a JSON object)"])
    if data.get("format") != FORMAT:
        raise ImportRejected(["the file is not a Feltjournal export (no 'format' marker)"])
    version = data.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise ImportRejected(
            [f"unsupported format version {version!r}; this version reads {FORMAT_VERSION}"]
        )
    records = data.get("records")
    if not isinstance(records, list):
        raise ImportRejected(["'records' must be a list"])
    return records


def _plan(journal: Journal, data: object) -> tuple[list[_Planned], dict[str, int]]:
    """Check the whole file; return the records to write and the types skipped."""
    raw_records = _check_header(data)
    problems: list[str] = []
    planned: list[_Planned] = []
    skipped: Counter[str] = Counter()
    types_by_id: dict[str, str] = {}
    for n, raw in enumerate(raw_records, start=1):
        where = f"record {n}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: not an object")
            continue
        unknown_keys = sorted(set(raw) - _RECORD_KEYS)
        if unknown_keys:
            problems.append(f"{where}: unknown keys {', '.join(map(str, unknown_keys))}")
        rid, rtype = raw.get("id"), raw.get("type")
        if not _is_uuid(rid):
            problems.append(f"{where}: 'id' must be a UUID")
            continue
        assert isinstance(rid, str)
        where = f"record {n} ({rid})"
        if not isinstance(rtype, str) or rtype not in ENTITIES:
            problems.append(f"{where}: unknown record type {rtype!r}")
            continue
        where = f"record {n} ({rtype} {rid})"
        if rid in types_by_id:
            problems.append(f"{where}: the id occurs twice in the file")
            continue
        types_by_id[rid] = rtype
        spec = ENTITIES[rtype]
        parent = raw.get("parent")
        if parent is not None and not _is_uuid(parent):
            problems.append(f"{where}: 'parent' must be a UUID or null")
        if raw.get("space", spec.space) != spec.space:
            problems.append(f"{where}: a {rtype} record belongs in a {spec.space} space")
        flags = {k: raw.get(k, False) for k in ("deleted", "resurrected")}
        for key, value in flags.items():
            if not isinstance(value, bool):
                problems.append(f"{where}: '{key}' must be true or false")
        if flags["deleted"] is True and flags["resurrected"] is True:
            problems.append(f"{where}: a record cannot be both deleted and resurrected")
        fields = raw.get("fields")
        if not isinstance(fields, dict):
            problems.append(f"{where}: 'fields' must be an object")
            continue
        try:
            clean = validate(rtype, fields)
        except ValidationError as exc:
            problems.extend(f"{where}: {k}: {v}" for k, v in exc.errors.items())
            continue
        losing: list[tuple[str, Any, str, str]] = []
        raw_losing = raw.get("losing", [])
        if not isinstance(raw_losing, list):
            problems.append(f"{where}: 'losing' must be a list")
            raw_losing = []
        for lv in raw_losing:
            lv_problem = _check_losing(rtype, lv)
            if lv_problem:
                problems.append(f"{where}: losing value: {lv_problem}")
            else:
                losing.append((lv["field"], lv["value"], lv["device"], lv["hlc"]))
        if not journal.can_read(rtype):
            skipped[rtype] += 1
            continue
        registers, texts = split_kinds(rtype, clean)
        empty = [k for k, v in texts.items() if v == "" and k in fields]
        planned.append(
            _Planned(
                rid,
                rtype,
                parent if isinstance(parent, str) else None,
                registers,
                {k: v for k, v in texts.items() if v},
                empty,
                flags["deleted"] is True,
                flags["resurrected"] is True,
                losing,
            )
        )
    problems.extend(_check_parents(journal, planned, types_by_id))
    problems.extend(_check_existing(journal, planned))
    if problems:
        raise ImportRejected(problems)
    return planned, dict(sorted(skipped.items()))


def _check_losing(rtype: str, lv: object) -> str | None:
    if not isinstance(lv, dict) or set(lv) != {"field", "value", "device", "hlc"}:
        return "needs exactly field, value, device and hlc"
    name = lv["field"]
    spec = ENTITIES[rtype]
    if not isinstance(name, str) or name not in spec.by_name or spec.by_name[name].is_text:
        return f"{name!r} is not a register field of {rtype}"
    if not isinstance(lv["device"], str) or not lv["device"]:
        return "'device' must be a device id"
    try:
        Hlc.decode(lv["hlc"])
    except ValueError:
        return "'hlc' is not a clock stamp"
    try:
        validate(rtype, {name: lv["value"]}, partial=True)
    except ValidationError as exc:
        return f"{name}: {exc.errors.get(name, 'is invalid')}"
    return None


def _check_parents(
    journal: Journal, planned: list[_Planned], types_by_id: Mapping[str, str]
) -> list[str]:
    problems: list[str] = []
    keys = journal.store.keys
    for p in planned:
        spec = ENTITIES[p.type]
        where = f"{p.type} {p.id}"
        if spec.parent == "participant":
            if p.parent is None:
                problems.append(f"{where}: has no participant")
            elif p.parent in types_by_id:
                if types_by_id[p.parent] != "participant":
                    problems.append(f"{where}: its parent is not a participant")
            elif not keys.has(work_space(p.parent)):
                problems.append(f"{where}: its participant is neither in the file nor here")
        elif p.type == "participant" and p.parent is not None:
            problems.append(f"{where}: a participant has no parent")
        elif p.parent is not None and types_by_id.get(p.parent, spec.parent) != spec.parent:
            problems.append(f"{where}: its parent is not a {spec.parent}")
        if spec.space == "team" and journal.team_space is None:
            problems.append(f"{where}: this profile has no team space")
    return problems


def _check_existing(journal: Journal, planned: list[_Planned]) -> list[str]:
    if not planned:
        return []
    existing = {r.id for r in journal.store.query(include_deleted=True, readable_only=False)}
    clash = [p for p in planned if p.id in existing]
    if not clash:
        return []
    return [
        f"{len(clash)} record(s) already exist in this profile (first: {clash[0].type} "
        f"{clash[0].id}); import into a new profile"
    ]


def _seal_foreign_register(
    store: RecordStore,
    rec: _Planned,
    space: str,
    name: str,
    value: Any,
    *,
    device: str,
    hlc: str,
    kind: Kind = "register",
    watermark: dict[str, str] | None = None,
) -> Change:
    """Re-create a losing value or resurrection marker as the other device wrote it."""
    return store.foreign_register_change(
        record_id=rec.id,
        record_type=rec.type,
        space=space,
        field_name=name,
        value=value,
        device=device,
        hlc=hlc,
        kind=kind,
        watermark=watermark,
    )


def _space_for(journal: Journal, rec: _Planned, made: list[str]) -> str:
    store = journal.store
    kind = ENTITIES[rec.type].space
    if kind == "team":
        assert journal.team_space is not None  # checked in _check_parents
        return journal.team_space
    pid = rec.id if rec.type == "participant" else rec.parent
    assert pid is not None
    space = work_space(pid) if kind == "work" else clinical_space(pid)
    if not store.keys.has(space):
        store.create_space(space)
        made.append(space)
    return space


def _write(journal: Journal, planned: list[_Planned], report: ImportReport) -> None:
    store = journal.store
    made_spaces: list[str] = []
    # Participants first: their work spaces must exist before their records.
    order = [p for p in planned if p.type == "participant"] + [
        p for p in planned if p.type != "participant"
    ]
    created: Counter[str] = Counter()
    try:
        with store.transaction():
            spaces: dict[str, str] = {}
            for rec in order:
                space = _space_for(journal, rec, made_spaces)
                spaces[rec.id] = space
                texts = dict(rec.texts)
                if rec.empty_texts:
                    # A text field that exists but is empty: a text CRDT only
                    # records edits, so write something and take it back.
                    store.put(
                        rec.id,
                        record_type=rec.type,
                        space=space,
                        parent=rec.parent,
                        values=rec.registers,
                        texts={**texts, **dict.fromkeys(rec.empty_texts, " ")},
                    )
                    texts.update(dict.fromkeys(rec.empty_texts, ""))
                try:
                    store.put(
                        rec.id,
                        record_type=rec.type,
                        space=space,
                        parent=rec.parent,
                        values=rec.registers,
                        texts=texts,
                    )
                except ValueError as exc:  # e.g. an id erased (purged) in this profile
                    raise ImportRejected([f"{rec.type} {rec.id}: {exc}"]) from None
                created[rec.type] += 1
            for rec in order:
                space = spaces[rec.id]
                foreign = [
                    _seal_foreign_register(store, rec, space, name, value, device=device, hlc=hlc)
                    for name, value, device, hlc in rec.losing
                ]
                if rec.resurrected:
                    foreign.append(
                        _seal_foreign_register(
                            store,
                            rec,
                            space,
                            DELETED_FIELD,
                            True,
                            device=_IMPORT_DEVICE,
                            hlc=Hlc.zero().encode(),
                            kind="delete",
                            watermark={},
                        )
                    )
                if foreign:
                    result = store.apply_changes(foreign)
                    after = store.get(rec.id, audit=False)
                    if (
                        result.quarantined
                        or after is None
                        or any(after.fields.get(k) != v for k, v in rec.registers.items())
                    ):
                        raise ImportRejected(
                            [f"{rec.type} {rec.id}: its losing values could not be re-created"]
                        )
                    report.losing_values += len(rec.losing)
                    report.resurrected += int(rec.resurrected)
                if rec.deleted:
                    store.delete(rec.id)
                    report.deleted += 1
            store.audit("import", None, f"json {len(order)} records")
    except BaseException:
        # The transaction is rolled back; keys made for it would only be clutter.
        for space in made_spaces:
            store.keys.forget(space)
        raise
    report.created = dict(sorted(created.items()))


def import_json(journal: Journal, data: Mapping[str, Any]) -> ImportReport:
    """Import an export (see the module docstring); all or nothing.

    Raises :class:`ImportRejected` for a bad file (nothing is written).
    """
    planned, skipped = _plan(journal, data)
    report = ImportReport(skipped=skipped)
    _write(journal, planned, report)
    journal.notify_external({p.type for p in planned}, {p.id for p in planned})
    return report


def import_json_file(journal: Journal, path: Path) -> ImportReport:
    return import_json(journal, read_export(path))


# -------------------------------------------------------------- CSV import

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
_PURPOSES: Final = {
    "jobbutvikling": "job_development",
    "deltakerspesifikk": "client_specific",
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
_NO_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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


def _parse_date(text: str) -> date | None:
    m = _NO_DATE.match(text)
    try:
        if m:
            return date(int(m[3]), int(m[2]), int(m[1]))
        if _ISO_DATE.match(text):
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


def _parse_row(
    journal: Journal, number: int, cells: Mapping[str, str], problems: list[CsvProblem]
) -> _CsvRow | None:
    bad = len(problems)

    def problem(column: str, message: str) -> None:
        problems.append(CsvProblem(number, column, message))

    values: dict[str, Any] = {}
    when_text = cells.get("dato", "")
    when = _parse_date(when_text)
    if not when_text:
        problem("dato", "mangler")
    elif when is None:
        problem("dato", "er ikke en gyldig dato (bruk dd.mm.åååå eller åååå-mm-dd)")
    elif when > journal.today():
        problem("dato", "ligger fram i tid")
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
        problem("kontaktform", "ukjent kontaktform (oppmøte/besøk, telefon, e-post eller video)")
    else:
        values["mode"] = mode

    purpose_text = cells.get("formål", "").strip() or "jobbutvikling"
    purpose = _PURPOSES.get(purpose_text.casefold())
    if purpose is None:
        problem(
            "formål", "ukjent formål (jobbutvikling, deltakerspesifikk, oppfølging eller annet)"
        )
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
        kontaktform          required; oppmøte/besøk, telefon, e-post or video
        formål               jobbutvikling (default when empty), deltakerspesifikk,
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
