"""The lossless JSON export (see :mod:`app.portability` for the layout)."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.journal import Journal
from app.portability.common import FORMAT, FORMAT_VERSION
from storage.owner_only import restrict_to_owner
from storage.store import Record, RecordStore


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
            restrict_to_owner(tmp)
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
