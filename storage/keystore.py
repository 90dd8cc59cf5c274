"""Where the device key lives: the OS keyring, or an explicit file fallback.

The device key is one half of what unlocks the vault (DESIGN §4): a copied disk
without the keyring item opens nothing. :class:`KeyringKeyStore` is the normal
choice and refuses to run on a keyring backend that would store secrets in the
clear or not at all. :class:`FileKeyStore` is the documented opt-in fallback for
machines without a Secret Service; it is only used when the user asks for it
(``--insecure-file-keystore``), never chosen automatically.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
from pathlib import Path
from typing import Final, Protocol

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend

from storage.errors import KeyringUnavailable, ProfileError

__all__ = [
    "KEYRING_FIX",
    "FileKeyStore",
    "KeyStore",
    "KeyringKeyStore",
    "atomic_write_private",
    "check_keyring_backend",
]

KEYRING_FIX: Final = (
    "Install and unlock a Secret Service keyring (GNOME Keyring or KWallet), or start "
    "Feltjournal with --insecure-file-keystore to keep the device key in a file in the "
    "profile (protected only by your passphrase)."
)
_LOCKED_FIX: Final = "Unlock the system keyring and try again."

_REFUSED_BACKENDS: Final = frozenset(
    {
        "keyring.backends.fail.Keyring",
        "keyring.backends.null.Keyring",
    }
)


class KeyStore(Protocol):
    """Stores small named secrets (the device key) outside the profile's encrypted files."""

    description: str

    def get(self, name: str) -> bytes | None: ...

    def set(self, name: str, secret: bytes) -> None: ...

    def delete(self, name: str) -> None: ...


def _qualname(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _refusal(backend: KeyringBackend) -> str | None:
    """Why ``backend`` may not hold the device key, or None if it may."""
    cls = type(backend)
    if getattr(cls, "feltjournal_test_backend", False):
        return None
    qualname = _qualname(backend)
    if qualname in _REFUSED_BACKENDS:
        return "stores nothing"
    module = cls.__module__
    # keyrings.alt is never imported (it is not a dependency); its backends are
    # recognised by name. All of them keep secrets in files or weaker stores.
    if (
        module == "keyrings.alt"
        or module.startswith("keyrings.alt.")
        or module.endswith(".file")
        or "plaintext" in cls.__name__.lower()
    ):
        return "stores secrets in a file"
    try:
        priority = float(cls.priority)
    except Exception:
        # keyring signals "not usable here" by raising from priority.
        return "not usable on this system"
    if priority < 1:
        return "not recommended by keyring"
    return None


def check_keyring_backend(backend: KeyringBackend) -> KeyringBackend:
    """Return the backend to keep the device key in; raise KeyringUnavailable if none is safe.

    For a chainer the answer is the highest-priority acceptable backend it chains, so a
    write can never fall through to a weaker backend further down the chain.
    """
    if isinstance(backend, ChainerBackend) and not getattr(
        type(backend), "feltjournal_test_backend", False
    ):
        chained: list[KeyringBackend] = list(backend.backends)
        for candidate in chained:
            if isinstance(candidate, ChainerBackend):
                continue
            if _refusal(candidate) is None:
                return candidate
        names = ", ".join(_qualname(c) for c in chained) or "no backends"
        raise KeyringUnavailable(f"{_qualname(backend)} ({names})", KEYRING_FIX)
    if _refusal(backend) is not None:
        raise KeyringUnavailable(_qualname(backend), KEYRING_FIX)
    return backend


# win32cred.CRED_PERSIST_LOCAL_MACHINE. keyring's default, CRED_PERSIST_ENTERPRISE,
# copies the credential to every PC the user logs on to (roaming profiles): the
# device key must stay on the device it belongs to.
CRED_PERSIST_LOCAL_MACHINE: Final = 2


_WINDOWS_BACKEND: Final = "keyring.backends.Windows.WinVaultKeyring"


def keep_on_this_computer(backend: KeyringBackend) -> bool:
    """Make a Windows Credential Manager backend store items for this PC only.

    True when ``backend`` is that one (its older items may still roam: see
    :meth:`KeyringKeyStore.get`)."""
    # Recognised by name: importing keyring.backends.Windows off Windows keeps a
    # trapped ImportError whose traceback holds the caller's frames (and keys) alive.
    if any(f"{c.__module__}.{c.__qualname__}" == _WINDOWS_BACKEND for c in type(backend).__mro__):
        # An int, not the name: the setter resolves names through win32cred.
        backend.persist = CRED_PERSIST_LOCAL_MACHINE  # type: ignore[attr-defined]
        return True
    return False


class KeyringKeyStore:
    """Keeps secrets in the OS keyring, refusing backends that are not a real secure store."""

    def __init__(self, service: str = "feltjournal") -> None:
        self._service = service
        self._backend = check_keyring_backend(keyring.get_keyring())
        # Items written before the device key was kept local (keyring's roaming
        # default), rewritten with this PC's persistence the first time they are read.
        self._to_settle: set[str] | None = set() if keep_on_this_computer(self._backend) else None
        self.description = f"system keyring ({type(self._backend).name})"

    def _unavailable(self) -> KeyringUnavailable:
        return KeyringUnavailable(_qualname(self._backend), _LOCKED_FIX)

    def get(self, name: str) -> bytes | None:
        """Return the secret stored under ``name``, or None if there is none."""
        try:
            text = self._backend.get_password(self._service, name)
        except keyring.errors.KeyringError:
            raise self._unavailable() from None
        if text is None:
            return None
        try:
            secret = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            # Something we did not write sits under our name; it is not our key.
            return None
        if self._to_settle is not None and name not in self._to_settle:
            self._to_settle.add(name)
            self.set(name, secret)
        return secret

    def set(self, name: str, secret: bytes) -> None:
        """Store ``secret`` under ``name``, replacing any previous value."""
        try:
            self._backend.set_password(
                self._service, name, base64.b64encode(secret).decode("ascii")
            )
        except keyring.errors.KeyringError:
            raise self._unavailable() from None

    def delete(self, name: str) -> None:
        """Remove the secret under ``name``; a missing item is not an error."""
        try:
            self._backend.delete_password(self._service, name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError:
            raise self._unavailable() from None


class FileKeyStore:
    """Explicit opt-in fallback: secrets in a 0600 JSON file, protected only by the passphrase."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = (
            f"file fallback ({path}): the device key is kept in a file in the profile, "
            "protected only by your passphrase"
        )

    def _load(self) -> dict[str, str]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            raise ProfileError(
                f"The key file {self.path} is damaged.", kind="damaged", path=self.path
            ) from None
        secrets = data.get("secrets") if isinstance(data, dict) else None
        if not isinstance(secrets, dict) or not all(isinstance(v, str) for v in secrets.values()):
            raise ProfileError(
                f"The key file {self.path} is damaged.", kind="damaged", path=self.path
            )
        return {str(k): v for k, v in secrets.items()}

    def _store(self, secrets: dict[str, str]) -> None:
        body = json.dumps({"format": 1, "secrets": secrets}, indent=2, sort_keys=True)
        atomic_write_private(self.path, body.encode("utf-8") + b"\n")

    def get(self, name: str) -> bytes | None:
        """Return the secret stored under ``name``, or None if there is none."""
        text = self._load().get(name)
        if text is None:
            return None
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return None

    def set(self, name: str, secret: bytes) -> None:
        """Store ``secret`` under ``name``, replacing any previous value."""
        secrets = self._load()
        secrets[name] = base64.b64encode(secret).decode("ascii")
        self._store(secrets)

    def delete(self, name: str) -> None:
        """Remove the secret under ``name``; a missing item is not an error."""
        secrets = self._load()
        if secrets.pop(name, None) is not None:
            self._store(secrets)


def atomic_write_private(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically; the new file is created with mode 0600.

    The bytes go to a temporary file in the same folder (so os.replace is atomic),
    which is fsynced before it replaces the target when ``durable`` is true.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable and os.name == "posix":
        # The rename itself must reach the disk, or a crash could bring back the old file.
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
