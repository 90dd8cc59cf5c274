"""Keystores: the OS keyring check, and the explicit file fallback."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.compat import properties

from storage.errors import KeyringUnavailable, ProfileError
from storage.keystore import (
    KEYRING_FIX,
    FileKeyStore,
    KeyringKeyStore,
    KeyStore,
    check_keyring_backend,
)
from tests.storage.keyring_backends import ENV_VAR, InMemoryKeyring, JsonFileTestKeyring

REPO = Path(__file__).resolve().parents[2]


MakeBackend = Callable[[str, str, float | None], KeyringBackend]


@pytest.fixture
def make_backend() -> Iterator[MakeBackend]:
    """Yield a factory of throwaway backend classes, unregistered from keyring afterwards.

    keyring registers every backend subclass globally; without the cleanup a
    test class could be picked by keyring's auto-detection in a later test.
    """
    made: list[type[KeyringBackend]] = []

    def factory(name: str, module: str, priority: float | None) -> KeyringBackend:
        def get_priority(cls: type) -> float:
            if priority is None:
                raise RuntimeError("not available here")
            return priority

        namespace = {
            "__module__": module,
            "priority": properties.classproperty(get_priority),
            "get_password": lambda self, service, username: None,
            "set_password": lambda self, service, username, password: None,
            "delete_password": lambda self, service, username: None,
        }
        cls = type(name, (KeyringBackend,), namespace)
        made.append(cls)
        return instance(cls)

    yield factory
    for cls in made:
        KeyringBackend._classes.discard(cls)


def instance(cls: type[KeyringBackend]) -> KeyringBackend:
    """Construct a backend (keyring's constructors are not annotated)."""
    return cls()


def assert_refused(backend: KeyringBackend) -> None:
    with pytest.raises(KeyringUnavailable) as info:
        check_keyring_backend(backend)
    assert info.value.fix == KEYRING_FIX
    message = str(info.value)
    assert "Secret Service" in message
    assert "--insecure-file-keystore" in message
    assert type(backend).__name__ in info.value.backend


def test_refuses_fail_backend() -> None:
    assert_refused(instance(keyring.backends.fail.Keyring))


def test_refuses_null_backend() -> None:
    assert_refused(instance(keyring.backends.null.Keyring))


def test_refuses_low_priority_backend(make_backend: MakeBackend) -> None:
    assert_refused(make_backend("WeakKeyring", "some.thirdparty", 0.5))


def test_refuses_backend_that_is_not_viable(make_backend: MakeBackend) -> None:
    assert_refused(make_backend("Keyring", "some.secretservice", None))


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("PlaintextKeyring", "keyrings.alt.file"),
        ("EncryptedKeyring", "keyrings.alt.file"),
        ("RegistryKeyring", "keyrings.alt.Windows"),
        ("PlaintextKeyring", "keyring.backends.file"),
    ],
)
def test_refuses_file_backends_even_at_high_priority(
    make_backend: MakeBackend,
    name: str,
    module: str,
) -> None:
    assert_refused(make_backend(name, module, 5))


def test_accepts_a_recommended_backend(make_backend: MakeBackend) -> None:
    backend = make_backend("Keyring", "some.secretservice", 5)
    assert check_keyring_backend(backend) is backend


def test_accepts_the_in_memory_test_backend() -> None:
    backend = InMemoryKeyring()
    assert check_keyring_backend(backend) is backend


def test_refuses_chainer_of_only_refused_backends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        ChainerBackend,
        "backends",
        [instance(keyring.backends.fail.Keyring), instance(keyring.backends.null.Keyring)],
    )
    assert_refused(instance(ChainerBackend))


def test_refuses_empty_chainer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ChainerBackend, "backends", [])
    assert_refused(instance(ChainerBackend))


def test_chainer_resolves_to_its_first_safe_backend(
    monkeypatch: pytest.MonkeyPatch,
    make_backend: MakeBackend,
) -> None:
    plaintext = make_backend("PlaintextKeyring", "keyrings.alt.file", 5)
    memory = InMemoryKeyring()
    monkeypatch.setattr(ChainerBackend, "backends", [plaintext, memory])
    assert check_keyring_backend(instance(ChainerBackend)) is memory


def test_keyring_keystore_refuses_fail_backend() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(instance(keyring.backends.fail.Keyring))
    try:
        with pytest.raises(KeyringUnavailable):
            KeyringKeyStore()
    finally:
        keyring.set_keyring(previous)


def test_keyring_keystore_round_trip(memory_keyring: InMemoryKeyring) -> None:
    store: KeyStore = KeyringKeyStore()
    assert "system keyring" in store.description
    assert store.get("device-key:p1") is None
    secret = os.urandom(32)
    store.set("device-key:p1", secret)
    assert store.get("device-key:p1") == secret
    stored = memory_keyring.store[("feltjournal", "device-key:p1")]
    assert base64.b64decode(stored) == secret
    store.set("device-key:p1", b"\x00" * 32)
    assert store.get("device-key:p1") == b"\x00" * 32
    store.delete("device-key:p1")
    assert store.get("device-key:p1") is None
    store.delete("device-key:p1")  # missing: a no-op


def test_keyring_keystore_service_name(memory_keyring: InMemoryKeyring) -> None:
    KeyringKeyStore(service="feltjournal-test").set("k", b"v")
    assert ("feltjournal-test", "k") in memory_keyring.store
    assert KeyringKeyStore().get("k") is None


def test_keyring_keystore_ignores_foreign_value(memory_keyring: InMemoryKeyring) -> None:
    memory_keyring.store[("feltjournal", "k")] = "not base64!"
    assert KeyringKeyStore().get("k") is None


def test_keyring_errors_become_keyring_unavailable(
    memory_keyring: InMemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KeyringKeyStore()

    def locked(*args: object) -> None:
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "get_password", locked)
    monkeypatch.setattr(memory_keyring, "set_password", locked)
    with pytest.raises(KeyringUnavailable):
        store.get("k")
    with pytest.raises(KeyringUnavailable):
        store.set("k", b"v")


# --- file fallback --------------------------------------------------------------------


def test_file_keystore_round_trip_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "device-key.json"
    store: KeyStore = FileKeyStore(path)
    assert "file" in store.description
    assert store.get("a") is None
    assert not path.exists()
    secret = os.urandom(32)
    store.set("a", secret)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store.set("b", b"other")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    reopened = FileKeyStore(path)
    assert reopened.get("a") == secret
    assert reopened.get("b") == b"other"
    reopened.delete("a")
    reopened.delete("a")
    assert FileKeyStore(path).get("a") is None
    assert FileKeyStore(path).get("b") == b"other"
    assert secret not in path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["device-key.json"]


def test_file_keystore_replaces_a_too_open_file(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    path.write_text(json.dumps({"format": 1, "secrets": {}}))
    path.chmod(0o644)
    FileKeyStore(path).set("a", b"x")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_file_keystore_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    path.write_text("{not json")
    with pytest.raises(ProfileError):
        FileKeyStore(path).get("a")


# --- the test backends themselves -----------------------------------------------------


def test_json_file_test_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "keyring.json"))
    first = instance(JsonFileTestKeyring)
    first.set_password("svc", "user", "pw")
    assert instance(JsonFileTestKeyring).get_password("svc", "user") == "pw"
    assert check_keyring_backend(first) is first
    instance(JsonFileTestKeyring).delete_password("svc", "user")
    assert first.get_password("svc", "user") is None
    with pytest.raises(keyring.errors.PasswordDeleteError):
        first.delete_password("svc", "user")


def test_json_file_test_keyring_not_viable_without_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert not JsonFileTestKeyring.viable


def test_json_file_test_keyring_in_subprocess(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "tests.storage.keyring_backends.JsonFileTestKeyring"
    env[ENV_VAR] = str(tmp_path / "keyring.json")
    script = (
        "import sys\n"
        "from storage.keystore import KeyringKeyStore\n"
        "s = KeyringKeyStore()\n"
        "if sys.argv[1] == 'set':\n"
        "    s.set('device-key:p', b'k' * 32)\n"
        "else:\n"
        "    print(s.get('device-key:p') == b'k' * 32)\n"
    )
    for step in ("set", "get"):
        result = subprocess.run(
            [sys.executable, "-c", script, step],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    assert result.stdout.strip() == "True"


def test_the_windows_credential_manager_keeps_the_device_key_on_this_computer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from keyring.backends.Windows import WinVaultKeyring

    written: dict[str, tuple[str, object]] = {}

    def set_password(self: KeyringBackend, service: str, username: str, password: str) -> None:
        written[username] = (password, vars(self).get("_persist"))

    def get_password(self: KeyringBackend, service: str, username: str) -> str | None:
        found = written.get(username)
        return found[0] if found else None

    # The Windows backend as keyring finds it on Windows (elsewhere its priority
    # raises, and Credential Manager calls fail), reached through a chainer.
    windows = type(
        "WinVaultKeyring",
        (WinVaultKeyring,),
        {"priority": 5, "set_password": set_password, "get_password": get_password},
    )
    try:
        backend = instance(windows)
        # A device key stored by an older version, with keyring's default persistence.
        written["device-key:old"] = (base64.b64encode(b"o" * 32).decode(), None)
        monkeypatch.setattr(ChainerBackend, "backends", [backend])
        monkeypatch.setattr(keyring, "get_keyring", lambda: instance(ChainerBackend))
        store = KeyringKeyStore()
        store.set("device-key:new", b"n" * 32)
        assert store.get("device-key:old") == b"o" * 32
        # CRED_PERSIST_LOCAL_MACHINE (2), not keyring's default CRED_PERSIST_ENTERPRISE
        # (3), which roams with the user's profile to other PCs; the old item rewritten.
        assert {name: persist for name, (_, persist) in written.items()} == {
            "device-key:old": 2,
            "device-key:new": 2,
        }
    finally:
        KeyringBackend._classes.discard(windows)
