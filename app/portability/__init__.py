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

from app.portability.common import FORMAT, FORMAT_VERSION, ImportRejected, ImportReport
from app.portability.csv_contacts import (
    CSV_COLUMNS,
    CsvProblem,
    CsvReport,
    import_employer_contacts_csv,
)
from app.portability.json_export import export_bytes, export_json, write_export
from app.portability.json_import import import_json, import_json_file, read_export

__all__ = [
    "CSV_COLUMNS",
    "FORMAT",
    "FORMAT_VERSION",
    "CsvProblem",
    "CsvReport",
    "ImportRejected",
    "ImportReport",
    "export_bytes",
    "export_json",
    "import_employer_contacts_csv",
    "import_json",
    "import_json_file",
    "read_export",
    "write_export",
]
