"""The server's settings: one typed object, read from FELTJOURNAL_SERVER_* variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from sync.protocol import MAX_PUSH_BYTES

PREFIX = "FELTJOURNAL_SERVER_"
ORG_PUBLIC_KEY_FILE = "org_ed25519.pub"
ORG_PRIVATE_KEY_FILE = "org_ed25519.key"
SQLITE_FILE = "server.db"  # in the data folder, unless a database URL is given


class SettingsError(ValueError):
    """A setting has a value the server cannot use; the message names it."""


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """Everything the server reads from its environment.

    Each field ``name`` comes from ``FELTJOURNAL_SERVER_<NAME>``; ``from_env``
    documents the defaults.
    """

    data_dir: Path = Path("server-data")
    # sqlite:///<data_dir>/server.db when empty; postgresql+psycopg://... in production.
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8765
    tls_cert: Path | None = None
    tls_key: Path | None = None
    # Largest request body on any route; a push is also capped by MAX_PUSH_BYTES.
    max_body_bytes: int = MAX_PUSH_BYTES
    enrol_attempts_per_minute: int = 10  # per client address
    device_requests_per_minute: int = 3000  # per device; 0 turns the limit off
    compaction_days: int = 90
    # Defaults to <data_dir>/org_ed25519.pub (written by `admin init`).
    org_public_key: Path | None = None
    # Reverse proxies in front (addresses or networks, comma-separated; "*" any): only
    # their X-Forwarded-For, X-Forwarded-Proto and X-Request-ID are believed. None by
    # default, so no caller, local ones included, picks the address it is limited by.
    trusted_proxies: str = ""
    db_pool_size: int = 10
    # Bearer token that may read /metrics; empty: /metrics is off (404).
    metrics_token: str = ""

    def __post_init__(self) -> None:
        for name in ("port", "max_body_bytes", "db_pool_size"):
            if getattr(self, name) < 1:
                raise SettingsError(f"{PREFIX}{name.upper()} must be at least 1")
        for name in ("enrol_attempts_per_minute", "device_requests_per_minute", "compaction_days"):
            if getattr(self, name) < 0:
                raise SettingsError(f"{PREFIX}{name.upper()} must not be negative")
        if (self.tls_cert is None) != (self.tls_key is None):
            raise SettingsError("TLS needs both a certificate and a key file (or neither)")

    @property
    def effective_database_url(self) -> str:
        """The database URL, with the SQLite default filled in."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / SQLITE_FILE).resolve()}"

    @property
    def org_public_key_path(self) -> Path:
        return self.org_public_key or self.data_dir / ORG_PUBLIC_KEY_FILE

    @property
    def org_private_key_path(self) -> Path:
        """Where `admin init` writes the private key (move it to the admin's own machine)."""
        return self.data_dir / ORG_PRIVATE_KEY_FILE

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> ServerSettings:
        """Read FELTJOURNAL_SERVER_* variables; keyword overrides (e.g. CLI flags) win."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(PREFIX + f.name.upper())
            if raw is None or raw == "":
                continue
            values[f.name] = _parse(f.name, raw, type(getattr(cls(), f.name)))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_overrides(self, **overrides: Any) -> ServerSettings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _parse(name: str, raw: str, default_type: type) -> Any:
    if name in ("data_dir", "tls_cert", "tls_key", "org_public_key"):
        return Path(raw).expanduser()
    if default_type is int:
        try:
            return int(raw)
        except ValueError:
            raise SettingsError(
                f"{PREFIX}{name.upper()} must be a whole number, not {raw!r}"
            ) from None
    return raw
