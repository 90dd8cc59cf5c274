"""The unit of replication: one field change of one record, with an encrypted payload.

This module is shared by the client and the server (the server imports only
this and the protocol module from the client side). It knows nothing of what
a record means; the payload is an AES-256-GCM envelope the server cannot read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["register", "text", "delete", "purge"]
KINDS: Final[frozenset[str]] = frozenset({"register", "text", "delete", "purge"})

# Internal field names. User fields never start with an underscore.
PARENT_FIELD: Final = "_parent"
DELETED_FIELD: Final = "_deleted"
PURGE_FIELD: Final = "_purge"


@dataclass(frozen=True, slots=True)
class Change:
    """One field change as it travels between replicas."""

    change_id: str
    device: str
    hlc: str
    record_id: str
    record_type: str
    space: str
    field: str
    kind: Kind
    key_version: int
    payload: bytes

    @property
    def version(self) -> str:
        """Total order of versions: HLC first, device id breaks ties."""
        return version_of(self.hlc, self.device)


def version_of(hlc: str, device: str) -> str:
    # HLC strings are fixed width, so plain string comparison orders versions.
    return f"{hlc}@{device}"


def split_version(version: str) -> tuple[str, str]:
    hlc, _, device = version.partition("@")
    return hlc, device
