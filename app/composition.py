"""The composition root: builds every service from settings; nothing is built at import time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from app.journal import Journal
from app.settings import Settings
from storage.profile import Profile


@dataclass
class AppServices:
    """The services of one running client, before and after unlock."""

    settings: Settings
    profile: Profile
    journal: Journal | None = None
    notices: list[str] = field(default_factory=list)

    def unlock(self, passphrase: str) -> Journal:
        """Open the profile (slow: Argon2id + database); call it off the GUI thread."""
        store = self.profile.unlock(passphrase)
        self.journal = Journal(store)
        return self.journal

    def backup_if_due(self) -> bool:
        """The daily backup, run after unlock as its own background task (it copies the
        whole database, so it must not hold up unlocking). True when one was written."""
        journal = self.journal
        if journal is None or not self.settings.backup_daily:
            return False
        try:
            made = self.profile.backup_if_due(
                journal.store, every=timedelta(days=1), keep=self.settings.backup_keep
            )
        except OSError:
            self.notices.append("backup_failed")
            return False
        return made is not None

    def lock(self) -> None:
        if self.journal is not None:
            self.journal.store.lock()
            self.journal = None

    def create_profile(
        self, *, user_name: str, role: str, passphrase: str, file_keystore: bool = False
    ) -> None:
        self.profile.create(
            user_name=user_name, role=role, passphrase=passphrase, file_keystore=file_keystore
        )


def build_app(settings: Settings, *, profile_dir: Path) -> AppServices:
    return AppServices(settings=settings.validated(), profile=Profile(profile_dir))
