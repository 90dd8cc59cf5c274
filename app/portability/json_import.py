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
    Problem,
    ValidationError,
    split_kinds,
    validate,
)
from app.journal import Journal
from app.portability.common import (
    FORMAT,
    FORMAT_VERSION,
    ImportProblem,
    ImportRejected,
    ImportReport,
)
from storage.store import RecordStore
from sync.changes import DELETED_FIELD, Change, Kind
from sync.hlc import Hlc

# Stands in for the device that deleted a record which then came back; only
# the marker is re-created, on this replica, never sent anywhere.
_IMPORT_DEVICE: Final = "00000000-0000-0000-0000-000000000000"

_RECORD_KEYS: Final = frozenset(
    {"id", "type", "space", "parent", "deleted", "resurrected", "fields", "losing"}
)


def _rejected(code: str, **values: object) -> ImportRejected:
    return ImportRejected([ImportProblem(code, values=tuple(values.items()))])


def read_export(path: Path) -> dict[str, Any]:
    """Read an export file; an unreadable or malformed file raises ImportRejected."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise _rejected("missing") from None
    except PermissionError:
        raise _rejected("no_permission") from None
    except IsADirectoryError:
        raise _rejected("is_folder") from None
    except OSError:
        raise _rejected("unreadable") from None
    except UnicodeDecodeError:
        raise _rejected("not_utf8") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _rejected("not_json", line=exc.lineno) from None
    if not isinstance(data, dict):
        raise _rejected("not_export")
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
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _rejected("not_export")
    version = data.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise _rejected("version", found=_shown(version), supported=FORMAT_VERSION)
    records = data.get("records")
    if not isinstance(records, list):
        raise _rejected("records_not_list")
    return records


def _shown(value: object) -> str:
    """A value of the file's structure (a type, a key, a version) as a refusal names it."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _plan(journal: Journal, data: object) -> tuple[list[_Planned], dict[str, int]]:
    """Check the whole file; return the records to write and the types skipped."""
    raw_records = _check_header(data)
    problems: list[ImportProblem] = []
    planned: list[_Planned] = []
    skipped: Counter[str] = Counter()
    types_by_id: dict[str, str] = {}
    for n, raw in enumerate(raw_records, start=1):
        if not isinstance(raw, dict):
            problems.append(ImportProblem.of("not_object", record=n))
            continue
        unknown_keys = sorted(set(raw) - _RECORD_KEYS)
        if unknown_keys:
            keys = ", ".join(_shown(k) for k in unknown_keys)
            problems.append(ImportProblem.of("unknown_keys", record=n, keys=keys))
        rid, rtype = raw.get("id"), raw.get("type")
        if not _is_uuid(rid):
            problems.append(ImportProblem.of("bad_id", record=n))
            continue
        assert isinstance(rid, str)
        if not isinstance(rtype, str) or rtype not in ENTITIES:
            problems.append(ImportProblem.of("unknown_type", record=n, id=rid, found=_shown(rtype)))
            continue

        def problem(code: str, **values: object) -> ImportProblem:
            return ImportProblem(code, n, rtype, rid, tuple(values.items()))  # noqa: B023

        if rid in types_by_id:
            problems.append(problem("duplicate_id"))
            continue
        types_by_id[rid] = rtype
        spec = ENTITIES[rtype]
        parent = raw.get("parent")
        if parent is not None and not _is_uuid(parent):
            problems.append(problem("bad_parent"))
        if raw.get("space", spec.space) != spec.space:
            problems.append(problem("wrong_space", space=spec.space))
        flags = {k: raw.get(k, False) for k in ("deleted", "resurrected")}
        for key, value in flags.items():
            if not isinstance(value, bool):
                problems.append(problem("bad_flag", key=key))
        if flags["deleted"] is True and flags["resurrected"] is True:
            problems.append(problem("deleted_and_resurrected"))
        fields = raw.get("fields")
        if not isinstance(fields, dict):
            problems.append(problem("fields_not_object"))
            continue
        try:
            clean = validate(rtype, fields)
        except ValidationError as exc:
            problems.extend(problem("field", field=k, problem=v) for k, v in exc.errors.items())
            continue
        losing: list[tuple[str, Any, str, str]] = []
        raw_losing = raw.get("losing", [])
        if not isinstance(raw_losing, list):
            problems.append(problem("losing_not_list"))
            raw_losing = []
        for lv in raw_losing:
            lv_problem = _check_losing(rtype, lv)
            if lv_problem:
                problems.append(problem(lv_problem[0], **lv_problem[1]))
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


def _check_losing(rtype: str, lv: object) -> tuple[str, dict[str, object]] | None:
    if not isinstance(lv, dict) or set(lv) != {"field", "value", "device", "hlc"}:
        return "losing_shape", {}
    name = lv["field"]
    spec = ENTITIES[rtype]
    if not isinstance(name, str) or name not in spec.by_name or spec.by_name[name].is_text:
        return "losing_not_register", {"field": _shown(name)}
    if not isinstance(lv["device"], str) or not lv["device"]:
        return "losing_device", {}
    try:
        Hlc.decode(lv["hlc"])
    except ValueError:
        return "losing_hlc", {}
    try:
        validate(rtype, {name: lv["value"]}, partial=True)
    except ValidationError as exc:
        return "losing_field", {"field": name, "problem": exc.errors.get(name, Problem("invalid"))}
    return None


def _check_parents(
    journal: Journal, planned: list[_Planned], types_by_id: Mapping[str, str]
) -> list[ImportProblem]:
    problems: list[ImportProblem] = []
    keys = journal.store.keys
    for p in planned:
        spec = ENTITIES[p.type]

        def problem(code: str, **values: object) -> ImportProblem:
            return ImportProblem(code, None, p.type, p.id, tuple(values.items()))  # noqa: B023

        if spec.parent == "participant":
            if p.parent is None:
                problems.append(problem("no_participant"))
            elif p.parent in types_by_id:
                if types_by_id[p.parent] != "participant":
                    problems.append(problem("parent_not_participant"))
            elif not keys.has(work_space(p.parent)):
                problems.append(problem("participant_missing"))
        elif p.type == "participant" and p.parent is not None:
            problems.append(problem("participant_with_parent"))
        elif p.parent is not None and types_by_id.get(p.parent, spec.parent) != spec.parent:
            problems.append(problem("wrong_parent", parent=spec.parent))
        if spec.space == "team" and journal.team_space is None:
            problems.append(problem("no_team_space"))
        if write_problem(role=journal.role, record_type=p.type):  # LEAD_ONLY_TYPES
            problems.append(problem("lead_only"))
    return problems


def _check_existing(journal: Journal, planned: list[_Planned]) -> list[ImportProblem]:
    if not planned:
        return []
    existing = {r.id for r in journal.store.query(include_deleted=True, readable_only=False)}
    clash = [p for p in planned if p.id in existing]
    if not clash:
        return []
    first = clash[0]
    return [
        ImportProblem.of("already_exist", count=len(clash), first_type=first.type, first=first.id)
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
                except ValueError:  # e.g. an id erased (purged) in this profile
                    raise ImportRejected(
                        [ImportProblem.of("erased", type=rec.type, id=rec.id)]
                    ) from None
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
                            [ImportProblem.of("losing_failed", type=rec.type, id=rec.id)]
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
