"""SECURITY-TESTS.md lines 2, 3, 13, 14 and 16: envelopes that were swapped, moved or
malformed, nonce uniqueness, and the storage settings the encryption relies on."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.crypto import FORMAT_VERSION, NONCE_SIZE, Aad, EnvelopeCipher, random_key
from storage.db import connect
from storage.errors import IntegrityFailure, KeyUnavailable, UnsupportedFormat
from storage.store import RecordStore
from sync.changes import Change
from sync.protocol import MAX_PAYLOAD_BYTES
from tests.support.replicas import make_store

SPACE = "work:p1"
OTHER_SPACE = "work:p2"
SECRET = "Sentinell-notat-Åse-Ødegård"
KEY = bytes(range(32))
AAD = Aad(
    space=SPACE,
    record_type="case_note",
    record_id="rec-1",
    field="body",
    version="0000017f-dev-a",
    key_version=1,
    device="dev-a",
)


def _content(store: RecordStore, rid: str) -> bytes:
    row = store.conn.execute("SELECT content FROM records WHERE id = ?", (rid,)).fetchone()
    return bytes(row[0])


def _set_content(store: RecordStore, rid: str, blob: bytes) -> None:
    store.conn.execute("UPDATE records SET content = ? WHERE id = ?", (blob, rid))


def _with(change: Change, **changed: object) -> Change:
    return Change(**{**{k: getattr(change, k) for k in Change.__slots__}, **changed})


# --- line 1: a flipped byte fails for that record alone, shows nothing of it ------------------


def test_a_flipped_byte_shows_no_partial_plaintext_and_is_audited(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    a = store.put(record_type="case_note", space=SPACE, values={"title": f"{SECRET} A"})
    b = store.put(record_type="case_note", space=SPACE, values={"title": f"{SECRET} B"})
    blob = bytearray(_content(store, a))
    blob[len(blob) // 2] ^= 0x01
    _set_content(store, a, bytes(blob))
    with pytest.raises(IntegrityFailure) as err:
        store.get(a)
    assert a in str(err.value) and SECRET not in str(err.value)
    broken, fine = store.query()
    assert (broken.id, broken.error, broken.fields) == (a, "integrity", {})
    assert (fine.id, fine.fields) == (b, {"title": f"{SECRET} B"})
    assert ("integrity_failure", a) in [(e.action, e.record_id) for e in store.audit_entries()]
    assert store.verify_audit().ok


# --- line 2: A's ciphertext in B's row, both directions ---------------------------------------


def test_swapped_ciphertexts_fail_in_both_directions(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    a = store.put(record_type="case_note", space=SPACE, values={"title": f"{SECRET} A"})
    b = store.put(record_type="case_note", space=SPACE, values={"title": f"{SECRET} B"})
    blob_a, blob_b = _content(store, a), _content(store, b)
    _set_content(store, a, blob_b)
    _set_content(store, b, blob_a)
    for rid in (a, b):
        with pytest.raises(IntegrityFailure) as err:
            store.get(rid)
        assert err.value.record_id == rid and SECRET not in str(err.value)
    assert sorted(f.record_id for f in store.verify()) == sorted([a, b])
    assert [r.error for r in store.query()] == ["integrity", "integrity"]


# --- line 3: an envelope moved to another field, type or space --------------------------------


@pytest.mark.parametrize("where", ["field", "record_type", "space"])
def test_a_change_moved_to_another_field_type_or_space_is_quarantined(
    tmp_path: Path, where: str
) -> None:
    keys = {SPACE: {1: random_key()}}
    keys[OTHER_SPACE] = {1: keys[SPACE][1]}  # even under the same key the move is caught
    author = make_store(tmp_path / "author.db", keys=keys)
    reader = make_store(tmp_path / "reader.db", keys=keys)
    author.put(record_type="case_note", space=SPACE, values={"title": SECRET})
    (change,) = [c for c in author.all_changes() if c.field == "title"]
    target = {"field": "summary", "record_type": "employer", "space": OTHER_SPACE}[where]
    moved = _with(change, change_id="moved", **{where: target})
    result = reader.apply_changes([moved])
    assert result.applied == 0 and result.quarantined == ["moved"]
    assert reader.query() == []


def test_every_aad_part_is_bound_even_with_one_key_for_two_spaces() -> None:
    cipher = EnvelopeCipher(KEY)
    envelope = cipher.seal(SECRET.encode(), AAD)
    for changed in (
        dataclasses.replace(AAD, field="title"),
        dataclasses.replace(AAD, record_type="employer"),
        dataclasses.replace(AAD, space=OTHER_SPACE),
    ):
        with pytest.raises(IntegrityFailure):
            cipher.open(envelope, changed)


# --- line 13: malformed envelopes give a typed error every time -----------------------------


@settings(max_examples=400)
@given(envelope=st.binary(max_size=200))
def test_random_bytes_give_a_typed_error(envelope: bytes) -> None:
    with pytest.raises((IntegrityFailure, UnsupportedFormat)):
        EnvelopeCipher(KEY).open(envelope, AAD)


@given(data=st.data())
def test_any_mangled_real_envelope_gives_a_typed_error(data: st.DataObject) -> None:
    cipher = EnvelopeCipher(KEY)
    envelope = cipher.seal(data.draw(st.binary(max_size=64)), AAD)
    how = data.draw(st.sampled_from(["truncate", "extend", "splice", "version"]))
    if how == "truncate":
        bad = envelope[: data.draw(st.integers(0, len(envelope) - 1))]
    elif how == "extend":
        bad = envelope + data.draw(st.binary(min_size=1, max_size=32))
    elif how == "splice":
        at = data.draw(st.integers(1, len(envelope) - 1))
        bad = envelope[:at] + data.draw(st.binary(min_size=1, max_size=8)) + envelope[at:]
    else:
        version = data.draw(st.integers(0, 255).filter(lambda v: v != FORMAT_VERSION))
        bad = bytes([version]) + envelope[1:]
    with pytest.raises((IntegrityFailure, UnsupportedFormat)):
        cipher.open(bad, AAD)


@pytest.mark.parametrize("nonce_size", [0, 8, 11, 13, 16, 24])
def test_a_wrong_nonce_length_is_an_integrity_failure(nonce_size: int) -> None:
    cipher = EnvelopeCipher(KEY)
    envelope = cipher.seal(SECRET.encode(), AAD)
    body = envelope[1 + NONCE_SIZE :]
    bad = bytes([FORMAT_VERSION]) + os.urandom(nonce_size) + body
    with pytest.raises(IntegrityFailure) as err:
        cipher.open(bad, AAD)
    assert err.value.record_id == AAD.record_id


def test_an_oversized_envelope_is_an_integrity_failure() -> None:
    cipher = EnvelopeCipher(KEY)
    envelope = cipher.seal(b"x", AAD)
    oversized = envelope + os.urandom(MAX_PAYLOAD_BYTES * 4)
    with pytest.raises(IntegrityFailure):
        cipher.open(oversized, AAD)


def test_an_unknown_key_version_is_key_unavailable_and_waits(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.db")
    author = make_store(tmp_path / "b.db", keys={SPACE: {7: random_key()}})
    rid = author.put(record_type="case_note", space=SPACE, values={"title": SECRET})
    result = store.apply_changes(author.all_changes())
    assert result.pending_key == len(author.all_changes()) and result.applied == 0
    assert store.get(rid) is None
    with pytest.raises(KeyUnavailable) as err:
        store.keys.key(SPACE, 7)
    assert err.value.space == SPACE and SECRET not in str(err.value)
    audited = [(e.action, e.record_id) for e in store.audit_entries()]
    assert audited.count(("key_unavailable", f"space:{SPACE}")) == 1


def test_an_envelope_of_an_unknown_version_is_quarantined_and_the_page_still_applies(
    tmp_path: Path,
) -> None:
    keys = {SPACE: {1: KEY}}
    reader = make_store(tmp_path / "reader.db", keys=keys)
    author = make_store(tmp_path / "author.db", keys=keys)
    author.put(record_type="case_note", space=SPACE, values={"title": "første"})
    author.put(record_type="case_note", space=SPACE, values={"title": "andre"})
    good, bad = author.all_changes()
    future = _with(bad, payload=bytes([FORMAT_VERSION + 1]) + bad.payload[1:])
    result = reader.apply_changes([future, good], cursor=("server", "2"))
    assert result.applied == 1 and result.quarantined == [bad.change_id]
    assert [r.fields for r in reader.query()] == [{"title": "første"}]
    assert reader.cursor("server") == "2"  # the page landed: the next pull goes on


@settings(max_examples=60, deadline=None)
@given(payload=st.binary(max_size=300), kind=st.sampled_from(["register", "text", "delete"]))
def test_random_payloads_from_another_device_are_quarantined(payload: bytes, kind: str) -> None:
    keys = {SPACE: {1: KEY}}
    store = make_store(None, keys=keys)
    stranger = make_store(None, keys=keys)
    stranger.put(record_type="case_note", space=SPACE, values={"title": "x"})
    (template,) = [c for c in stranger.all_changes() if c.field == "title"]
    forged = _with(template, kind=kind, payload=payload)
    result = store.apply_changes([forged])
    assert result.applied == 0 and result.quarantined == [template.change_id]
    assert store.query() == []


# --- line 14: nonces -----------------------------------------------------------------------


def test_a_hundred_thousand_encryptions_give_distinct_nonces_and_ciphertexts() -> None:
    cipher = EnvelopeCipher(KEY)
    plaintext = SECRET.encode()
    envelopes = [cipher.seal(plaintext, AAD) for _ in range(100_000)]
    nonces = {e[1 : 1 + NONCE_SIZE] for e in envelopes}
    assert len(nonces) == 100_000
    assert len(set(envelopes)) == 100_000
    assert cipher.open(envelopes[-1], AAD) == plaintext


# --- line 16: storage settings --------------------------------------------------------------


def _pragma(conn: object, name: str) -> object:
    return conn.execute(f"PRAGMA {name}").fetchone()[0]  # type: ignore[attr-defined]


def test_every_connection_keeps_temp_in_memory_deletes_securely_and_is_sqlcipher(
    tmp_path: Path,
) -> None:
    for conn in (
        connect(tmp_path / "x.db", os.urandom(32)),
        make_store(tmp_path / "store.db").conn,
    ):
        assert _pragma(conn, "temp_store") == 2  # MEMORY: no plaintext temp files
        assert _pragma(conn, "secure_delete") == 1  # freed pages are zeroed
        assert str(_pragma(conn, "cipher_version")).split(".")[0] == "4"
        assert _pragma(conn, "cipher_provider") == "openssl"
