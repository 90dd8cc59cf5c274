"""The JSON import: the whole file is checked first, then written in one transaction."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from app.domain.access import clinical_space, work_space, write_problem
from app.domain.schema import (
    ENTITIES,
    ValidationError,
    split_kinds,
    validate,
)
from app.journal import Journal
from app.portability.common import FORMAT, FORMAT_VERSION, ImportRejected, ImportReport
from storage.store import RecordStore
from sync.changes import DELETED_FIELD, Change, Kind
from sync.hlc import Hlc

# Stands in for the device that deleted a record which then came back; only
# the marker is re-created, on this replica, never sent anywhere.
_IMPORT_DEVICE: Final = "00000000-0000-0000-0000-000000000000"

_RECORD_KEYS: Final = frozenset(
    {"id", "type", "space", "parent", "deleted", "resurrected", "fields", "losing"}
)


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
        if write_problem(role=journal.role, record_type=p.type):  # LEAD_ONLY_TYPES
            problems.append(f"{where}: only a team lead may import it")
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
