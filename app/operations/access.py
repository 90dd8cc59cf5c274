"""A participant's access log: who read or changed their records, and when (ids only)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

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


def note_access_log_export(journal: Journal, *, participant_id: str, detail: str) -> None:
    """Record in the audit log that the participant's access log left the journal."""
    journal.store.audit("export", participant_id, detail)
