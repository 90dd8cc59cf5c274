"""TEST-ONLY keyring backends. Never use these outside the test suite.

Both carry ``feltjournal_test_backend = True``, which is the only reason
``storage.keystore.check_keyring_backend`` accepts them: they keep secrets in
the clear (in memory, or in a JSON file).

- :class:`InMemoryKeyring`: a dict; tests install it with ``keyring.set_keyring``
  (see the ``memory_keyring`` fixture in conftest.py).
- :class:`JsonFileTestKeyring`: for subprocess CLI tests, which set
  ``PYTHON_KEYRING_BACKEND=tests.storage.keyring_backends.JsonFileTestKeyring`` and
  ``FELTJOURNAL_TEST_KEYRING_FILE=<path>`` so several processes share one keyring.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

ENV_VAR = "FELTJOURNAL_TEST_KEYRING_FILE"


class InMemoryKeyring(KeyringBackend):
    """TEST ONLY: keeps passwords in a dict for the life of the instance."""

    priority = 1
    feltjournal_test_backend = True

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.store[(service, username)]
        except KeyError:
            raise PasswordDeleteError("not found") from None


class JsonFileTestKeyring(KeyringBackend):
    """TEST ONLY: keeps passwords in the JSON file named by $FELTJOURNAL_TEST_KEYRING_FILE."""

    feltjournal_test_backend = True

    @properties.classproperty
    def priority(cls) -> float:
        # Without the variable this backend is not viable, so keyring's own
        # detection can never pick it up by accident.
        if not os.environ.get(ENV_VAR):
            raise RuntimeError(f"{ENV_VAR} is not set")
        return 1

    @property
    def path(self) -> Path:
        return Path(os.environ[ENV_VAR])

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            data: dict[str, dict[str, str]] = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        return data

    def _save(self, data: dict[str, dict[str, str]]) -> None:
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True), "utf-8")
        os.replace(tmp, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data.setdefault(service, {})[username] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if username not in data.get(service, {}):
            raise PasswordDeleteError("not found")
        del data[service][username]
        self._save(data)
