"""The replica's envelopes: what each sealed blob is bound to, and sealing and opening it.

Every blob the store keeps or sends is an AES-256-GCM envelope under its
space's key (storage.crypto), with associated data binding space, type,
record id, a *field label*, a version, the key version and the sealing device,
so a blob moved to another record, field or version fails to open:

- a record's content: label ``"*"``, the record's version;
- a change's payload: label ``"<kind>:<field>"``, the change's HLC and its
  author device (the same envelope travels to the server and other replicas);
- a text field's CRDT state: ``"crdt:<field>"``, the newest text change merged;
- a kept text (text history): ``"kept:<field>"``, ``"<hlc>|<merged version>"``.

A purge is also signed by its author with the device's Ed25519 key over
:func:`sync.changes.purge_signing_input` (sealed in its body as ``"g"``).
Payloads and contents are msgpack inside the envelope; a blob that opens but
does not decode to what it should is an integrity failure like a flipped byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import msgspec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from storage.crypto import Aad, EnvelopeCipher, encode_aad
from storage.errors import IntegrityFailure
from storage.keys import SpaceKeys
from sync.changes import Change, purge_signing_input

CONTENT_FIELD: Final = "*"

msgpack_encode = msgspec.msgpack.Encoder().encode
msgpack_decode = msgspec.msgpack.Decoder().decode


def content_aad(
    space: str, rtype: str, record_id: str, version: str, key_version: int, sealed_by: str
) -> Aad:
    """The associated data of a record's content."""
    return Aad(space, rtype, record_id, CONTENT_FIELD, version, key_version, sealed_by)


def change_aad(ch: Change) -> Aad:
    """The associated data of a change's payload."""
    return Aad(
        ch.space,
        ch.record_type,
        ch.record_id,
        f"{ch.kind}:{ch.field}",
        ch.hlc,
        ch.key_version,
        ch.device,
    )


def text_state_aad(
    space: str,
    rtype: str,
    record_id: str,
    field_name: str,
    seal_version: str,
    key_version: int,
    sealed_by: str,
) -> Aad:
    """The associated data of a text field's CRDT state."""
    return Aad(space, rtype, record_id, f"crdt:{field_name}", seal_version, key_version, sealed_by)


def kept_text_aad(
    space: str,
    rtype: str,
    record_id: str,
    field_name: str,
    hlc: str,
    merged_version: str,
    key_version: int,
    sealed_by: str,
) -> Aad:
    """The associated data of a kept text: this device's edit at ``hlc``, and the
    version of the concurrent edit merged into it."""
    return Aad(
        space,
        rtype,
        record_id,
        f"kept:{field_name}",
        f"{hlc}|{merged_version}",
        key_version,
        sealed_by,
    )


def purge_signature(ch: Change, ed25519_private: bytes | None) -> bytes:
    """The author's signature of a purge (b"" for a replica without device keys:
    tests and tools; other replicas judge such a purge)."""
    if ed25519_private is None:
        return b""
    private = Ed25519PrivateKey.from_private_bytes(ed25519_private)
    return private.sign(purge_signing_input(ch))


class Envelopes:
    """Seals and opens a replica's blobs under its space keys."""

    def __init__(self, keys: Callable[[], SpaceKeys]) -> None:
        # A getter, not the keys: the store's raises Locked once it is locked.
        self._keys = keys

    def cipher(self, space: str, key_version: int) -> EnvelopeCipher:
        return self._keys().cipher(space, key_version)

    def open_content(
        self, record_id: str, rtype: str, space: str, version: str, kv: int, by: str, blob: bytes
    ) -> dict[str, Any]:
        """A record's content ({"f": user fields, "i": internal fields})."""
        aad = encode_aad(space, rtype, record_id, CONTENT_FIELD, version, kv, by)
        plain = self.cipher(space, kv).open_encoded(blob, aad, record_id, CONTENT_FIELD)
        try:
            content = msgpack_decode(plain)
        except msgspec.DecodeError:
            raise IntegrityFailure(record_id) from None
        if not isinstance(content, dict):
            raise IntegrityFailure(record_id)
        return content

    def seal_content(
        self,
        content: dict[str, Any],
        *,
        space: str,
        rtype: str,
        record_id: str,
        version: str,
        kv: int,
        by: str,
    ) -> bytes:
        return self.cipher(space, kv).seal(
            msgpack_encode(content), content_aad(space, rtype, record_id, version, kv, by)
        )

    def open_change(self, ch: Change) -> dict[str, Any]:
        """A change's body; IntegrityFailure when it does not open or decode."""
        label = f"{ch.kind}:{ch.field}"
        aad = encode_aad(
            ch.space, ch.record_type, ch.record_id, label, ch.hlc, ch.key_version, ch.device
        )
        plain = self.cipher(ch.space, ch.key_version).open_encoded(
            ch.payload, aad, ch.record_id, label
        )
        try:
            body = msgpack_decode(plain)
        except msgspec.DecodeError:
            raise IntegrityFailure(ch.record_id, ch.field) from None
        if not isinstance(body, dict):
            raise IntegrityFailure(ch.record_id, ch.field)
        return body

    def open_change_bytes(self, ch: Change) -> bytes:
        """A change's payload opened, not decoded (sealing it again as it is)."""
        return self.cipher(ch.space, ch.key_version).open(ch.payload, change_aad(ch))

    def seal_change(self, ch: Change, body: dict[str, Any]) -> bytes:
        """The payload of ``ch`` (its own payload ignored) holding ``body``."""
        return self.cipher(ch.space, ch.key_version).seal(msgpack_encode(body), change_aad(ch))


__all__ = [
    "CONTENT_FIELD",
    "Envelopes",
    "change_aad",
    "content_aad",
    "kept_text_aad",
    "msgpack_decode",
    "msgpack_encode",
    "purge_signature",
    "text_state_aad",
]
