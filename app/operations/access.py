"""A participant's access log: who read or changed their records, and when (ids only).

The window and the command line say each entry as a sentence (who did what to what
kind of record); :func:`event_kind` is what was done, the action refined by its detail
(a read in a search, the export of this very log), and :data:`EVENT_KINDS` every kind
they word."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from app.journal import Journal


@dataclass(frozen=True, slots=True)
class AccessEntry:
    """One audit line about the participant; never holds record content."""

    seq: int
    at: str
    device: str
    actor: str
    action: str
    record_id: str | None
    detail: str


@dataclass(frozen=True, slots=True)
class AccessLog:
    """The entries, oldest first, and the type of every record they name."""

    participant_id: str
    entries: tuple[AccessEntry, ...]
    types: Mapping[str, str]


def access_log(journal: Journal, *, participant_id: str) -> AccessLog:
    """The participant's audit entries, oldest first, with the record types they name."""
    entries = tuple(
        AccessEntry(e.seq, e.at, e.device, e.actor, e.action, e.record_id, e.detail)
        for e in journal.access_log(participant_id)
    )
    # The type of deleted and unreadable records too: ids and types only, no content.
    types = journal.record_types(participant_id)
    types[participant_id] = "participant"
    return AccessLog(participant_id, entries, MappingProxyType(types))


#: What can be said about an entry (each has a sentence in the window and the CLI).
EVENT_KINDS: Final = (
    "create",
    "read",
    "read_search",
    "change",
    "delete",
    "restore",
    "purge",
    "export",
    "export_access_log",
    "share_key",
    "print",
    "print_meeting_summary",
    "import",
    "integrity_failure",
    "key_unavailable",
)


def event_kind(entry: AccessEntry) -> str:
    """What was done, for the sentence that says it; "" for an action no sentence covers."""
    detail = entry.detail or ""
    if entry.action == "read" and detail == "search":
        return "read_search"
    if entry.action == "export" and detail.startswith("access log"):
        return "export_access_log"
    if entry.action == "export" and "key granted" in detail:
        return "share_key"
    if entry.action == "print" and detail.startswith("meeting summary"):
        return "print_meeting_summary"
    return entry.action if entry.action in EVENT_KINDS else ""


def note_access_log_export(journal: Journal, *, participant_id: str, detail: str) -> None:
    """Record in the audit log that the participant's access log left the journal."""
    journal.store.audit("export", participant_id, detail)
