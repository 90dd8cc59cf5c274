"""User settings: small, typed, never secret (they are stored in plain QSettings)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Final

LANGUAGES: Final = ("nb", "en")


@dataclass(frozen=True, slots=True)
class Settings:
    """What the user can set. Nothing here may ever be a key, passphrase or participant data."""

    language: str = "nb"
    idle_lock_minutes: int = 10
    server_url: str = ""
    backup_keep: int = 7
    backup_daily: bool = True

    def validated(self) -> Settings:
        return replace(
            self,
            language=self.language if self.language in LANGUAGES else "nb",
            idle_lock_minutes=min(max(int(self.idle_lock_minutes), 1), 240),
            backup_keep=min(max(int(self.backup_keep), 1), 100),
        )

    def to_mapping(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Settings:
        known = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {}
        defaults = cls()
        for name in known:
            if name not in data:
                continue
            default = getattr(defaults, name)
            raw = data[name]
            try:
                if isinstance(default, bool):
                    values[name] = raw if isinstance(raw, bool) else str(raw).lower() == "true"
                elif isinstance(default, int):
                    values[name] = int(raw)
                else:
                    values[name] = str(raw)
            except (TypeError, ValueError):
                continue  # a damaged setting falls back to its default
        return cls(**values).validated()
