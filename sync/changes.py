"""The unit of replication: one field change of one record, with an encrypted payload.

This module is shared by the client and the server (the server imports only
this and the protocol module from the client side). It knows nothing of what
a record means; the payload is an AES-256-GCM envelope the server cannot read.

A purge carries the spaces it erases twice: sealed in its payload (what a
replica applies, with the author device's Ed25519 signature over
:func:`purge_signing_input`) and in the clear in ``purge_spaces`` (what the
server checks before it accepts the purge). A replica applies a purge only when
the two agree; see storage.store and app.purge_gate.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
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
    # A purge's erased spaces in the clear (:func:`join_spaces`); "" for any other change.
    purge_spaces: str = ""

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


def join_spaces(spaces: Iterable[str]) -> str:
    """The clear form of a purge's spaces: sorted, unique, joined by single spaces."""
    return " ".join(sorted(set(spaces)))


def split_spaces(text: str) -> tuple[str, ...]:
    """The spaces of a clear ``purge_spaces`` (no check that it is canonical)."""
    return tuple(text.split(" ")) if text else ()


def canonical_spaces(text: str) -> bool:
    """True when ``text`` is what :func:`join_spaces` makes of its own parts."""
    parts = split_spaces(text)
    return (
        all(parts) and join_spaces(parts) == text and not any(c.isspace() for c in "".join(parts))
    )


def purge_signing_input(ch: Change) -> bytes:
    """What the author device signs for a purge: everything that says what it erases.

    The envelope's associated data already binds the payload to the record, but
    anyone holding the space key can seal a new envelope; only the author holds
    its Ed25519 key, so a peer or the server cannot make a purge in its name.
    """
    fields = [
        "feltjournal-purge-v1",
        ch.change_id,
        ch.device,
        ch.hlc,
        ch.record_id,
        ch.record_type,
        ch.space,
        ch.field,
        str(ch.key_version),
        ch.purge_spaces,
    ]
    # JSON keeps the fields apart whatever characters they hold.
    return json.dumps(fields, ensure_ascii=True, separators=(",", ":")).encode()
