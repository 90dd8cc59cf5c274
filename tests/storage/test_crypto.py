"""Record envelopes and key derivation."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.crypto import (
    FORMAT_VERSION,
    KEY_SIZE,
    Aad,
    EnvelopeCipher,
    KdfParams,
    combine_keys,
    derive_passphrase_key,
    random_key,
)
from storage.errors import IntegrityFailure, UnsupportedFormat

KEY = bytes(range(32))
AAD = Aad(
    space="space-work-1",
    record_type="note",
    record_id="rec-0001",
    field="body",
    version="0000017f-dev-a",
    key_version=1,
    device="dev-a",
)

texts = st.text(max_size=40)
aads = st.builds(
    Aad,
    space=texts,
    record_type=texts,
    record_id=texts,
    field=texts,
    version=texts,
    key_version=st.integers(min_value=0, max_value=2**63 - 1),
    device=texts,
)


def test_random_key_is_fresh_32_bytes() -> None:
    a, b = random_key(), random_key()
    assert len(a) == len(b) == KEY_SIZE == 32
    assert a != b


@given(plaintext=st.binary(max_size=2048), aad=aads)
def test_seal_open_round_trip(plaintext: bytes, aad: Aad) -> None:
    cipher = EnvelopeCipher(KEY)
    envelope = cipher.seal(plaintext, aad)
    assert envelope[0] == FORMAT_VERSION
    assert len(envelope) == 1 + 12 + len(plaintext) + 16
    assert cipher.open(envelope, aad) == plaintext


def test_norwegian_text_round_trip() -> None:
    cipher = EnvelopeCipher(KEY)
    text = "Møte med arbeidsgiver på Økern – blåbærsyltetøy".encode()
    assert cipher.open(cipher.seal(text, AAD), AAD) == text


def test_nonces_differ() -> None:
    cipher = EnvelopeCipher(KEY)
    assert cipher.seal(b"same", AAD) != cipher.seal(b"same", AAD)


@pytest.mark.parametrize("bad", [b"", b"x" * 16, b"x" * 31, b"x" * 33])
def test_key_size_is_checked(bad: bytes) -> None:
    with pytest.raises(ValueError):
        EnvelopeCipher(bad)


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Aad)])
def test_every_aad_field_is_bound(name: str) -> None:
    cipher = EnvelopeCipher(KEY)
    envelope = cipher.seal(b"secret note", AAD)
    current: object = getattr(AAD, name)
    changed: object = current + 1 if isinstance(current, int) else f"{current}x"
    moved = dataclasses.replace(AAD, **{name: changed})  # type: ignore[arg-type]
    with pytest.raises(IntegrityFailure) as info:
        cipher.open(envelope, moved)
    assert info.value.record_id == moved.record_id
    assert info.value.field == moved.field
    assert moved.record_id in str(info.value)
    assert b"secret note".decode() not in str(info.value)


def test_wrong_key_fails() -> None:
    envelope = EnvelopeCipher(KEY).seal(b"x", AAD)
    with pytest.raises(IntegrityFailure):
        EnvelopeCipher(random_key()).open(envelope, AAD)


@given(data=st.data())
def test_any_flipped_byte_fails(data: st.DataObject) -> None:
    cipher = EnvelopeCipher(KEY)
    plaintext = data.draw(st.binary(min_size=0, max_size=64))
    envelope = bytearray(cipher.seal(plaintext, AAD))
    index = data.draw(st.integers(min_value=1, max_value=len(envelope) - 1))
    bit = data.draw(st.integers(min_value=0, max_value=7))
    envelope[index] ^= 1 << bit
    with pytest.raises(IntegrityFailure) as info:
        cipher.open(bytes(envelope), AAD)
    assert info.value.record_id == AAD.record_id


@pytest.mark.parametrize("version", [0, 2, 99, 255])
def test_unknown_version_byte(version: int) -> None:
    cipher = EnvelopeCipher(KEY)
    envelope = bytes([version]) + cipher.seal(b"x", AAD)[1:]
    with pytest.raises(UnsupportedFormat) as info:
        cipher.open(envelope, AAD)
    assert info.value.what == "envelope"
    assert info.value.version == version


def test_flipped_version_byte_is_unsupported_not_silent() -> None:
    cipher = EnvelopeCipher(KEY)
    envelope = bytearray(cipher.seal(b"x", AAD))
    envelope[0] ^= 0x80
    with pytest.raises(UnsupportedFormat):
        cipher.open(bytes(envelope), AAD)


@pytest.mark.parametrize("length", [0, 1, 5, 13, 28])
def test_truncated_envelope(length: int) -> None:
    cipher = EnvelopeCipher(KEY)
    envelope = cipher.seal(b"", AAD)
    assert len(envelope) == 29
    with pytest.raises(IntegrityFailure) as info:
        cipher.open(envelope[:length], AAD)
    assert info.value.record_id == AAD.record_id


def test_truncated_tail_of_longer_envelope() -> None:
    cipher = EnvelopeCipher(KEY)
    envelope = cipher.seal(b"a longer note body", AAD)
    with pytest.raises(IntegrityFailure):
        cipher.open(envelope[:-1], AAD)


def test_aad_encoding_is_canonical_and_prefixed() -> None:
    encoded = AAD.encode()
    assert encoded.startswith(b"feltjournal" + bytes([FORMAT_VERSION]))
    assert encoded == dataclasses.replace(AAD).encode()


@given(a=aads, b=aads)
def test_aad_encoding_is_injective(a: Aad, b: Aad) -> None:
    assert (a.encode() == b.encode()) == (a == b)


def test_aad_encoding_does_not_confuse_field_boundaries() -> None:
    a = dataclasses.replace(AAD, space="ab", record_type="c")
    b = dataclasses.replace(AAD, space="a", record_type="bc")
    assert a.encode() != b.encode()


# --- passphrase KDF -------------------------------------------------------------------


def test_kdf_is_deterministic_and_salted() -> None:
    params = KdfParams.fast_for_tests()
    key = derive_passphrase_key("correct horse", params)
    assert len(key) == KEY_SIZE
    assert derive_passphrase_key("correct horse", params) == key
    assert derive_passphrase_key("correct horsf", params) != key
    other_salt = dataclasses.replace(params, salt=b"\x01" * 16)
    assert derive_passphrase_key("correct horse", other_salt) != key


def test_kdf_normalises_to_nfc() -> None:
    composed = "blåbær på Økern"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    params = KdfParams.fast_for_tests()
    assert derive_passphrase_key(composed, params) == derive_passphrase_key(decomposed, params)


def test_default_params_are_owasp_level_and_work() -> None:
    params = KdfParams.default()
    assert params.name == "argon2id"
    assert params.memory_kib == 64 * 1024
    assert params.iterations == 3
    assert params.lanes == 4
    assert len(params.salt) == 16
    assert KdfParams.default().salt != params.salt
    assert len(derive_passphrase_key("pw", params)) == KEY_SIZE


def test_scrypt_derivation() -> None:
    params = KdfParams(name="scrypt", salt=b"s" * 16, n=2**10, r=8, p=1)
    key = derive_passphrase_key("å", params)
    assert len(key) == KEY_SIZE
    assert key == derive_passphrase_key(unicodedata.normalize("NFD", "å"), params)
    argon = KdfParams(name="argon2id", salt=b"s" * 16, memory_kib=8192, iterations=1, lanes=1)
    assert key != derive_passphrase_key("å", argon)
    assert KdfParams.scrypt_default().n == 2**17


@pytest.mark.parametrize(
    "params",
    [
        KdfParams.fast_for_tests(),
        KdfParams.default(),
        KdfParams(name="scrypt", salt=b"s" * 16, n=2**10, r=8, p=1),
    ],
)
def test_kdf_params_json_round_trip(params: KdfParams) -> None:
    assert KdfParams.from_json(params.to_json()) == params


def test_kdf_params_unknown_name() -> None:
    data = KdfParams.fast_for_tests().to_json()
    data["name"] = "pbkdf2"
    with pytest.raises(UnsupportedFormat) as info:
        KdfParams.from_json(data)
    assert info.value.what == "kdf"
    with pytest.raises(UnsupportedFormat):
        KdfParams(name="bcrypt", salt=b"s" * 16)


@pytest.mark.parametrize(
    "change",
    [
        {"salt": "not base64!"},
        {"salt": None},
        {"memory_kib": "64"},
        {"iterations": True},
        {"lanes": 0},
        {"memory_kib": 2**40},
        {"iterations": 10**6},
    ],
)
def test_kdf_params_malformed(change: dict[str, object]) -> None:
    data = KdfParams.fast_for_tests().to_json()
    data.update(change)
    with pytest.raises(ValueError):
        KdfParams.from_json(data)


def test_combine_keys() -> None:
    device, passphrase = random_key(), random_key()
    key = combine_keys(device, passphrase, salt=b"salt", info=b"info")
    assert len(key) == KEY_SIZE
    assert combine_keys(device, passphrase, salt=b"salt", info=b"info") == key
    assert combine_keys(device, passphrase, salt=b"salT", info=b"info") != key
    assert combine_keys(device, passphrase, salt=b"salt", info=b"infO") != key
    assert combine_keys(random_key(), passphrase, salt=b"salt", info=b"info") != key
    assert combine_keys(device, random_key(), salt=b"salt", info=b"info") != key
    with pytest.raises(ValueError):
        combine_keys(device[:16], passphrase, salt=b"", info=b"")
