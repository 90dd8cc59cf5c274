"""The local vault: device key + passphrase, throttling, re-wrapping."""

from __future__ import annotations

import base64
import json
import stat
import unicodedata
from pathlib import Path

import keyring
import pytest

from storage.crypto import KdfParams
from storage.errors import (
    DeviceKeyMissing,
    Locked,
    ProfileError,
    UnlockThrottled,
    UnsupportedFormat,
    WrongPassphrase,
)
from storage.keystore import FileKeyStore, KeyringKeyStore, KeyStore
from storage.vault import Vault, VaultContents
from tests.storage.keyring_backends import InMemoryKeyring

KEY_NAME = "device-key:profile-1"
PASSPHRASE = "blåbær og brunost"


class Clock:
    """A settable clock for the throttling tests."""

    def __init__(self, t: float = 1_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def keystore(memory_keyring: InMemoryKeyring) -> KeyStore:
    return KeyringKeyStore()


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault.json"


def new_contents(user_name: str = "Kari Nordmann") -> VaultContents:
    return VaultContents.new(device_id="dev-1", user_name=user_name, role="job_specialist")


def create(path: Path, keystore: KeyStore, contents: VaultContents | None = None) -> Vault:
    return Vault.create(
        path,
        keystore=keystore,
        key_name=KEY_NAME,
        passphrase=PASSPHRASE,
        contents=contents or new_contents(),
        kdf=KdfParams.fast_for_tests(),
    )


def unlock(path: Path, keystore: KeyStore, passphrase: str = PASSPHRASE, **kw: Clock) -> Vault:
    return Vault.unlock(path, keystore=keystore, key_name=KEY_NAME, passphrase=passphrase, **kw)


def flip_ciphertext_byte(path: Path, index: int = 0) -> None:
    data = json.loads(path.read_text())
    ciphertext = bytearray(base64.b64decode(data["ciphertext"]))
    ciphertext[index] ^= 0x01
    data["ciphertext"] = base64.b64encode(bytes(ciphertext)).decode()
    path.write_text(json.dumps(data))


def test_contents_new() -> None:
    a, b = new_contents(), new_contents()
    for key in (a.db_key, a.x25519_private, a.ed25519_private):
        assert len(key) == 32
    assert a.db_key != b.db_key
    assert a.x25519_private != b.x25519_private
    assert len(a.x25519_public()) == 32
    assert len(a.ed25519_public()) == 32
    assert a.x25519_public() != a.x25519_private
    assert a.space_keys == {}
    assert a.extra == {}


def test_create_unlock_round_trip(vault_path: Path, keystore: KeyStore) -> None:
    contents = new_contents()
    contents.space_keys["work:p1"] = {1: b"k" * 32, 2: b"l" * 32}
    contents.extra["server"] = "https://sync.example"
    vault = create(vault_path, keystore, contents)
    assert vault.contents is contents
    assert keystore.get(KEY_NAME) is not None
    assert stat.S_IMODE(vault_path.stat().st_mode) == 0o600

    reopened = unlock(vault_path, keystore)
    assert reopened.contents == contents
    assert reopened.contents.x25519_public() == contents.x25519_public()


def test_passphrase_is_nfc_normalised(vault_path: Path, keystore: KeyStore) -> None:
    create(vault_path, keystore)
    decomposed = unicodedata.normalize("NFD", PASSPHRASE)
    assert decomposed != PASSPHRASE
    unlock(vault_path, keystore, decomposed)


def test_file_holds_nothing_readable(vault_path: Path, keystore: KeyStore) -> None:
    sentinel = "SENTINEL-Ærlig-Åse-4711"
    contents = new_contents(user_name=sentinel)
    contents.space_keys["clinical:p9"] = {1: b"\xaa" * 32}
    create(vault_path, keystore, contents)
    raw = vault_path.read_bytes()
    for secret in (
        sentinel.encode(),
        sentinel.encode("utf-16-le"),
        base64.b64encode(sentinel.encode()),
        b"clinical:p9",
        b"job_specialist",
        b"dev-1",
        contents.db_key,
        base64.b64encode(contents.db_key),
        base64.b64encode(contents.x25519_private),
        PASSPHRASE.encode(),
    ):
        assert secret not in raw
    data = json.loads(raw)
    assert set(data) == {"format", "kdf", "hkdf_salt", "nonce", "ciphertext"}
    assert data["format"] == 1
    assert data["kdf"]["name"] == "argon2id"


def test_create_refuses_existing_file(vault_path: Path, keystore: KeyStore) -> None:
    create(vault_path, keystore)
    before = vault_path.read_bytes()
    device_key = keystore.get(KEY_NAME)
    with pytest.raises(ProfileError):
        create(vault_path, keystore)
    assert vault_path.read_bytes() == before
    assert keystore.get(KEY_NAME) == device_key


def test_create_needs_profile_folder(tmp_path: Path, keystore: KeyStore) -> None:
    with pytest.raises(ProfileError):
        create(tmp_path / "missing" / "vault.json", keystore)


def test_create_refuses_empty_passphrase(vault_path: Path, keystore: KeyStore) -> None:
    with pytest.raises(ValueError):
        Vault.create(
            vault_path,
            keystore=keystore,
            key_name=KEY_NAME,
            passphrase="",
            contents=new_contents(),
            kdf=KdfParams.fast_for_tests(),
        )
    assert not vault_path.exists()


def test_unlock_missing_file(vault_path: Path, keystore: KeyStore) -> None:
    with pytest.raises(ProfileError):
        unlock(vault_path, keystore)


def test_wrong_passphrase(vault_path: Path, keystore: KeyStore) -> None:
    create(vault_path, keystore)
    with pytest.raises(WrongPassphrase) as info:
        unlock(vault_path, keystore, "blåbær og brunost!")
    assert info.value.failures == 1
    assert PASSPHRASE not in str(info.value)


def test_device_key_missing_on_another_machine(vault_path: Path, keystore: KeyStore) -> None:
    create(vault_path, keystore)
    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    try:
        other_machine = KeyringKeyStore()
        with pytest.raises(DeviceKeyMissing):
            unlock(vault_path, other_machine)
    finally:
        keyring.set_keyring(previous)
    # Not a passphrase failure: nothing was counted.
    unlock(vault_path, keystore)


def test_different_device_key_is_wrong_passphrase(vault_path: Path, keystore: KeyStore) -> None:
    create(vault_path, keystore)
    keystore.set(KEY_NAME, b"\x00" * 32)
    with pytest.raises(WrongPassphrase):
        unlock(vault_path, keystore)


def test_throttling_sequence(vault_path: Path, keystore: KeyStore) -> None:
    create(vault_path, keystore)
    clock = Clock()
    for expected in (1, 2, 3):
        with pytest.raises(WrongPassphrase) as wrong:
            unlock(vault_path, keystore, "nope", now=clock)
        assert wrong.value.failures == expected

    # 3 failures: the 4th attempt must wait 2**0 = 1 s after the last failure.
    clock.t += 0.25
    with pytest.raises(UnlockThrottled) as throttled:
        unlock(vault_path, keystore, PASSPHRASE, now=clock)
    assert throttled.value.retry_after == pytest.approx(0.75)

    attempts = json.loads((vault_path.parent / "vault.json.attempts").read_text())
    assert attempts == {"failures": 3, "last_failure": 1_000_000.0}

    clock.t += 0.75
    with pytest.raises(WrongPassphrase) as wrong:
        unlock(vault_path, keystore, "nope", now=clock)
    assert wrong.value.failures == 4

    # 4 failures: wait 2 s.
    with pytest.raises(UnlockThrottled) as throttled:
        unlock(vault_path, keystore, PASSPHRASE, now=clock)
    assert throttled.value.retry_after == pytest.approx(2.0)
    clock.t += 2.0
    vault = unlock(vault_path, keystore, PASSPHRASE, now=clock)
    assert vault.contents.user_name == "Kari Nordmann"

    # Success reset the counter: three more free failures.
    assert not (vault_path.parent / "vault.json.attempts").exists()
    for expected in (1, 2, 3):
        with pytest.raises(WrongPassphrase) as wrong:
            unlock(vault_path, keystore, "nope", now=clock)
        assert wrong.value.failures == expected


def test_throttle_delay_is_capped(vault_path: Path, keystore: KeyStore) -> None:
    create(vault_path, keystore)
    clock = Clock()
    (vault_path.parent / "vault.json.attempts").write_text(
        json.dumps({"failures": 40, "last_failure": clock.t})
    )
    with pytest.raises(UnlockThrottled) as throttled:
        unlock(vault_path, keystore, now=clock)
    assert throttled.value.retry_after == pytest.approx(300.0)
    # A clock set far backwards never means waiting longer than the cap.
    clock.t -= 10_000
    with pytest.raises(UnlockThrottled) as throttled:
        unlock(vault_path, keystore, now=clock)
    assert throttled.value.retry_after == pytest.approx(300.0)
    clock.t += 10_000 + 300
    unlock(vault_path, keystore, now=clock)


def test_change_passphrase(vault_path: Path, keystore: KeyStore) -> None:
    contents = new_contents()
    contents.space_keys["work:p1"] = {1: b"k" * 32}
    vault = create(vault_path, keystore, contents)
    snapshot = VaultContents(**vars(contents))
    kdf_before = json.loads(vault_path.read_text())["kdf"]
    device_key = keystore.get(KEY_NAME)

    vault.change_passphrase(PASSPHRASE, "ny passfrase æøå")

    with pytest.raises(WrongPassphrase):
        unlock(vault_path, keystore, PASSPHRASE)
    reopened = unlock(vault_path, keystore, "ny passfrase æøå")
    assert reopened.contents == snapshot
    assert keystore.get(KEY_NAME) == device_key
    kdf_after = json.loads(vault_path.read_text())["kdf"]
    assert kdf_after["salt"] != kdf_before["salt"]
    assert {k: v for k, v in kdf_after.items() if k != "salt"} == {
        k: v for k, v in kdf_before.items() if k != "salt"
    }
    # The same object keeps working under the new wrap key.
    vault.save()
    unlock(vault_path, keystore, "ny passfrase æøå")


def test_change_passphrase_checks_old(vault_path: Path, keystore: KeyStore) -> None:
    vault = create(vault_path, keystore)
    before = vault_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("not it", "new one")
    assert vault_path.read_bytes() == before
    unlock(vault_path, keystore)


def test_save_persists_added_space_key(vault_path: Path, keystore: KeyStore) -> None:
    vault = create(vault_path, keystore)
    nonce_before = json.loads(vault_path.read_text())["nonce"]
    vault.contents.space_keys.setdefault("clinical:p2", {})[3] = b"c" * 32
    vault.save()
    assert json.loads(vault_path.read_text())["nonce"] != nonce_before
    reopened = unlock(vault_path, keystore)
    assert reopened.contents.space_keys == {"clinical:p2": {3: b"c" * 32}}


def test_save_rejects_bad_key_size(vault_path: Path, keystore: KeyStore) -> None:
    vault = create(vault_path, keystore)
    vault.contents.space_keys["work:p1"] = {1: b"short"}
    with pytest.raises(ValueError):
        vault.save()


def test_tampered_vault_is_wrong_passphrase(vault_path: Path, keystore: KeyStore) -> None:
    """AES-GCM cannot tell tampering from a wrong key: both are WrongPassphrase."""
    create(vault_path, keystore)
    flip_ciphertext_byte(vault_path, index=5)
    with pytest.raises(WrongPassphrase):
        unlock(vault_path, keystore)


@pytest.mark.parametrize("field", ["hkdf_salt", "nonce"])
def test_tampered_header_is_wrong_passphrase(
    vault_path: Path, keystore: KeyStore, field: str
) -> None:
    create(vault_path, keystore)
    data = json.loads(vault_path.read_text())
    raw = bytearray(base64.b64decode(data[field]))
    raw[0] ^= 0x01
    data[field] = base64.b64encode(bytes(raw)).decode()
    vault_path.write_text(json.dumps(data))
    with pytest.raises(WrongPassphrase):
        unlock(vault_path, keystore)


def test_unknown_vault_format(vault_path: Path, keystore: KeyStore) -> None:
    create(vault_path, keystore)
    data = json.loads(vault_path.read_text())
    data["format"] = 99
    vault_path.write_text(json.dumps(data))
    with pytest.raises(UnsupportedFormat) as info:
        unlock(vault_path, keystore)
    assert info.value.version == 99


def test_unknown_kdf(vault_path: Path, keystore: KeyStore) -> None:
    create(vault_path, keystore)
    data = json.loads(vault_path.read_text())
    data["kdf"]["name"] = "pbkdf2"
    vault_path.write_text(json.dumps(data))
    with pytest.raises(UnsupportedFormat):
        unlock(vault_path, keystore)


@pytest.mark.parametrize(
    "text",
    ["", "[]", "{not json", '{"format": 1}', '{"format": 1, "kdf": {"name": "argon2id"}}'],
)
def test_damaged_vault_file(vault_path: Path, keystore: KeyStore, text: str) -> None:
    vault_path.write_text(text)
    with pytest.raises(ProfileError):
        unlock(vault_path, keystore)


def test_close_locks(vault_path: Path, keystore: KeyStore) -> None:
    contents = new_contents()
    contents.space_keys["work:p1"] = {1: b"k" * 32}
    vault = create(vault_path, keystore, contents)
    assert vault.is_open
    vault.close()
    assert not vault.is_open
    with pytest.raises(Locked):
        _ = vault.contents
    with pytest.raises(Locked):
        vault.save()
    with pytest.raises(Locked):
        vault.change_passphrase(PASSPHRASE, "x")
    assert contents.space_keys == {}
    vault.close()  # idempotent
    assert unlock(vault_path, keystore).contents.space_keys == {"work:p1": {1: b"k" * 32}}


def test_vault_with_file_keystore(tmp_path: Path) -> None:
    store = FileKeyStore(tmp_path / "device-key.json")
    create(tmp_path / "vault.json", store)
    assert unlock(tmp_path / "vault.json", store).contents.role == "job_specialist"
    assert stat.S_IMODE((tmp_path / "device-key.json").stat().st_mode) == 0o600
