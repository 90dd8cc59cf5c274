"""The read model of one record as the operations hand it out: id, type and a copy of its fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Protocol

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


class Editable(Protocol):
    """What an edit form needs of the record it edits: its id and current fields."""

    @property
    def id(self) -> str: ...

    @property
    def fields(self) -> Mapping[str, Any]: ...
