"""Envelopes on their own: what each blob is bound to, and a moved blob failing to open."""

from __future__ import annotations

import dataclasses

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from storage.crypto import random_key
from storage.envelopes import (
    Envelopes,
    change_aad,
    kept_text_aad,
    msgpack_encode,
    purge_signature,
    text_state_aad,
)
from storage.errors import IntegrityFailure, KeyUnavailable
from storage.keys import SpaceKeys
from sync.changes import Change, purge_signing_input

SPACE = "w:p1"


@pytest.fixture
def env() -> Envelopes:
    keys = SpaceKeys({SPACE: {1: random_key()}, "w:p2": {1: random_key()}})
    return Envelopes(lambda: keys)


def change(**over: object) -> Change:
    base = Change("c1", "dev-a", "0001", "r1", "case_note", SPACE, "status", "register", 1, b"")
    return dataclasses.replace(base, **over)  # type: ignore[arg-type]


def test_a_change_opens_as_sealed(env: Envelopes) -> None:
    ch = change()
    sealed = dataclasses.replace(ch, payload=env.seal_change(ch, {"v": "aktiv", "b": []}))
    assert env.open_change(sealed) == {"v": "aktiv", "b": []}
    assert env.open_change_bytes(sealed) == msgpack_encode({"v": "aktiv", "b": []})


@pytest.mark.parametrize(
    "moved",
    [
        {"record_id": "r2"},
        {"field": "title"},
        {"kind": "delete"},
        {"hlc": "0002"},
        {"device": "dev-b"},
        {"record_type": "participant"},
    ],
)
def test_a_change_payload_moved_elsewhere_fails(env: Envelopes, moved: dict[str, str]) -> None:
    ch = change()
    payload = env.seal_change(ch, {"v": "aktiv"})
    with pytest.raises(IntegrityFailure):
        env.open_change(dataclasses.replace(ch, payload=payload, **moved))  # type: ignore[arg-type]


def test_a_payload_of_another_space_fails_or_has_no_key(env: Envelopes) -> None:
    ch = change()
    payload = env.seal_change(ch, {"v": "aktiv"})
    with pytest.raises(IntegrityFailure):
        env.open_change(dataclasses.replace(ch, payload=payload, space="w:p2"))
    with pytest.raises(KeyUnavailable):
        env.open_change(dataclasses.replace(ch, payload=payload, space="c:p9"))


def test_a_body_that_is_not_a_map_is_an_integrity_failure(env: Envelopes) -> None:
    ch = change()
    raw = env.cipher(SPACE, 1).seal(msgpack_encode(["not", "a", "map"]), change_aad(ch))
    with pytest.raises(IntegrityFailure):
        env.open_change(dataclasses.replace(ch, payload=raw))


def test_content_is_bound_to_its_record_and_version(env: Envelopes) -> None:
    blob = env.seal_content(
        {"f": {"tittel": "blåbær"}, "i": {}},
        space=SPACE,
        rtype="case_note",
        record_id="r1",
        version="0001@dev-a",
        kv=1,
        by="dev-a",
    )
    opened = env.open_content("r1", "case_note", SPACE, "0001@dev-a", 1, "dev-a", blob)
    assert opened == {"f": {"tittel": "blåbær"}, "i": {}}
    with pytest.raises(IntegrityFailure):
        env.open_content("r2", "case_note", SPACE, "0001@dev-a", 1, "dev-a", blob)
    with pytest.raises(IntegrityFailure):
        env.open_content("r1", "case_note", SPACE, "0002@dev-a", 1, "dev-a", blob)


def test_text_state_and_kept_text_labels_differ() -> None:
    state = text_state_aad(SPACE, "case_note", "r1", "body", "0001@a", 1, "a")
    kept = kept_text_aad(SPACE, "case_note", "r1", "body", "0001", "0002@b", 1, "a")
    assert state.field == "crdt:body" and state.version == "0001@a"
    assert kept.field == "kept:body" and kept.version == "0001|0002@b"


def test_a_purge_signature_covers_the_purge() -> None:
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    ch = change(kind="purge", field="_purge", purge_spaces="w:p1")
    signature = purge_signature(ch, raw)
    private.public_key().verify(signature, purge_signing_input(ch))
    with pytest.raises(InvalidSignature):
        other = dataclasses.replace(ch, purge_spaces="w:p1 c:p1")
        private.public_key().verify(signature, purge_signing_input(other))
    assert purge_signature(ch, None) == b""
