"""Records: the read model the operations hand out (id, type and a copy of its fields),
and the writes the window makes to a participant's records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Protocol

from app.journal import Journal
from storage.store import Record


@dataclass(frozen=True, slots=True)
class Item:
    """A record's id, type, parent and fields, read-only; never a storage row."""

    id: str
    type: str
    parent: str | None
    fields: Mapping[str, Any]


def item_of(record: Record) -> Item:
    # A copy, so a caller holding the read model cannot change what a later
    # operation sees, and the storage row does not leak out of app/.
    return Item(record.id, record.type, record.parent, MappingProxyType(dict(record.fields)))


class ShownRecord(Protocol):
    """What a participant's pages read of a record: a storage row handed up by the
    journal is one, and so is a read model; the pages never need to know which."""

    @property
    def id(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def parent(self) -> str | None: ...

    @property
    def fields(self) -> Mapping[str, Any]: ...

    @property
    def deleted(self) -> bool: ...

    @property
    def error(self) -> str | None: ...

    @property
    def conflicted(self) -> bool: ...

    @property
    def resurrected(self) -> bool: ...

    @property
    def text_merged(self) -> bool: ...


class Editable(Protocol):
    """What an edit form needs of the record it edits: its id and current fields."""

    @property
    def id(self) -> str: ...

    @property
    def fields(self) -> Mapping[str, Any]: ...


# ------------------------------------------------------------------ writes
#
# The window runs these on the journal's executor (Journal.perform), so the GUI
# thread never waits for the store while a sync page is being applied; each
# returns the read model of what it wrote, read once where the database lives.


def _item(journal: Journal, record_id: str) -> Item:
    record = journal.reread(record_id)
    if record is None:  # a delete from elsewhere landed in between: say so, not None
        raise KeyError(record_id)
    return item_of(record)


def save_record(
    journal: Journal,
    *,
    values: Mapping[str, Any],
    record_id: str | None = None,
    record_type: str | None = None,
    participant_id: str | None = None,
    parent: str | None = None,
    initiator: object = None,
) -> Item:
    """Change the record ``record_id``, or, without one, add a ``record_type`` record
    (of ``participant_id``, or under ``parent``)."""
    if record_id is None:
        if record_type is None:
            raise ValueError("a new record needs its type")
        record_id = journal.add(
            record_type,
            values,
            participant_id=participant_id,
            parent=parent,
            initiator=initiator,
        )
    else:
        journal.update(record_id, values, initiator=initiator)
    return _item(journal, record_id)


def create_participant(
    journal: Journal, *, values: Mapping[str, Any], initiator: object = None
) -> Item:
    return _item(journal, journal.create_participant(values, initiator=initiator))


def log_visit(
    journal: Journal,
    *,
    record_type: str,
    values: Mapping[str, Any],
    employer_id: str | None = None,
    new_employer: Mapping[str, Any] | None = None,
    participant_id: str | None = None,
    initiator: object = None,
) -> Item:
    """Log a contact with an employer (``employer_contact`` of ``participant_id``, or a
    ``team_employer_contact``), first adding ``new_employer`` when it is a new one."""
    if new_employer is not None:
        employer_id = journal.add("employer", new_employer, initiator=initiator)
    if employer_id is None:
        raise ValueError("a visit needs its employer")
    if participant_id:
        record_id = journal.add(
            record_type,
            {**values, "employer": employer_id},
            participant_id=participant_id,
            initiator=initiator,
        )
    else:
        record_id = journal.add(record_type, values, parent=employer_id, initiator=initiator)
    return _item(journal, record_id)


def delete_record(journal: Journal, *, record_id: str, initiator: object = None) -> None:
    journal.delete(record_id, initiator=initiator)


def restore_record(journal: Journal, *, record_id: str, initiator: object = None) -> Item:
    journal.restore(record_id, initiator=initiator)
    return _item(journal, record_id)


def keep_value(
    journal: Journal,
    *,
    record_id: str,
    field_name: str,
    version: str | None,
    initiator: object = None,
) -> None:
    """Settle a field changed on two machines: keep the value written as ``version``
    (None: the current one)."""
    journal.resolve_conflict(record_id, field_name, version, initiator=initiator)


def restore_text(
    journal: Journal, *, record_id: str, version_id: int, initiator: object = None
) -> None:
    """Make a text kept from before a merge the field's text again."""
    journal.restore_text_version(record_id, version_id, initiator=initiator)


def keep_merged_text(
    journal: Journal, *, record_id: str, field_name: str, initiator: object = None
) -> None:
    """Keep a merged text as it is; the texts kept from before the merge go."""
    journal.dismiss_text_conflict(record_id, field_name, initiator=initiator)


def sign_session(journal: Journal, *, record_id: str, initiator: object = None) -> Item:
    """Sign a clinical note; from then on it is immutable."""
    journal.sign(record_id, initiator=initiator)
    return _item(journal, record_id)


@dataclass(frozen=True, slots=True)
class OpenParticipant:
    """What a participant view shows: the participant and the records of theirs this
    role may read (opening is audited, one line each)."""

    participant: Item
    records: tuple[Item, ...]


def open_participant(journal: Journal, *, participant_id: str) -> OpenParticipant:
    participant, records = journal.open_participant(participant_id)
    return OpenParticipant(item_of(participant), tuple(item_of(r) for r in records))
