"""The composition root: builds every service from settings; nothing is built at import time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.journal import Journal
from app.settings import Settings
from storage.errors import BackupUnverified
from storage.profile import Profile

if TYPE_CHECKING:  # imported when first used: the network stack is not on the start path
    from app.sync_engine import EngineTiming, SyncEngine, TimeSource
    from app.sync_service import SyncService, SyncStatus


def make_sync_service(journal: Journal, profile: Profile) -> SyncService:
    """The sync service of an unlocked journal, the same for the window and the command line.

    On a team lead's laptop each round first writes the report snapshots of every
    month and quarter closed since the last one (``app.central.publish_due``, a
    no-op elsewhere), so the central team gets them with that round's push."""
    from app.central import publish_due
    from app.sync_service import SyncService

    def publish_closed_periods() -> None:
        publish_due(journal)

    return SyncService(journal, profile, before_push=publish_closed_periods)


@dataclass
class AppServices:
    """The services of one running client, before and after unlock."""

    settings: Settings
    profile: Profile
    journal: Journal | None = None
    notices: list[str] = field(default_factory=list)
    sync: SyncService | None = None
    engine: SyncEngine | None = None
    engine_timing: EngineTiming | None = None  # None: the engine's defaults
    #: The engine's clock and way of waiting (tests drive a virtual one); None: real time.
    engine_time_source: TimeSource | None = None
    #: The journal's "today" (reminders, default dates, report periods).
    today: Callable[[], date] = date.today
    #: Called before every store write; raises to refuse one (tests refuse the window's
    #: writes on the GUI thread: RecordStore.guard_writes).
    write_guard: Callable[[], None] | None = None

    def unlock(self, passphrase: str) -> Journal:
        """Open the profile (slow: Argon2id + database); call it off the GUI thread."""
        store = self.profile.unlock(passphrase)
        store.guard_writes(self.write_guard)
        self.journal = Journal(store, today=self.today)
        return self.journal

    def restore_and_unlock(self, passphrase: str, backup: Path) -> Journal:
        """Put ``backup`` in place of a refused database (verified first; the refused
        file is set aside, never deleted), then open it. Slow: off the GUI thread."""
        self.profile.restore(passphrase, backup)
        return self.unlock(passphrase)

    def sync_service(self) -> SyncService:
        """The unlocked journal's sync service (enrolment, rounds, devices)."""
        if self.journal is None:
            raise RuntimeError("unlock first")
        if self.sync is None or self.sync.journal is not self.journal:
            self.sync = make_sync_service(self.journal, self.profile)
        return self.sync

    def start_sync(
        self,
        *,
        on_status: Callable[[SyncStatus], None],
        on_revoked: Callable[[], None],
    ) -> SyncEngine | None:
        """Start background sync when this laptop is enrolled; None when it is not."""
        from app.sync_engine import SyncEngine

        if self.journal is None:
            return None
        service = self.sync_service()
        if not service.enrolled:
            return None
        if self.engine is None:
            self.engine = SyncEngine(
                service,
                timing=self.engine_timing,
                on_status=on_status,
                on_revoked=on_revoked,
                time_source=self.engine_time_source,
            )
        self.engine.start()
        return self.engine

    def stop_sync(self, *, wait: bool = True) -> None:
        """Stop the engine and close the connection.

        ``wait=False`` (locking) returns at once: a round in flight finds the store
        locked at its next step and ends; nothing waits on the network."""
        if self.engine is not None:
            self.engine.stop(timeout=30.0 if wait else 0.0)
            self.engine = None
        if self.sync is not None and wait:
            self.sync.close()

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
        except (OSError, BackupUnverified):
            # A damaged journal (DatabaseUnreadable) is not caught: the window says so.
            self.notices.append("backup_failed")
            return False
        return made is not None

    def lock(self) -> None:
        self.stop_sync(wait=False)
        self.sync = None
        if self.journal is not None:
            # Writes already queued (an autosave) land before the lock; nothing new is
            # taken. At most one sync page is ahead of them.
            self.journal.executor.close(wait=True)
            if not self.journal.store.locked:
                self.journal.store.lock()
            self.journal = None

    def create_profile(
        self, *, user_name: str, role: str, passphrase: str, file_keystore: bool = False
    ) -> None:
        self.profile.create(
            user_name=user_name, role=role, passphrase=passphrase, file_keystore=file_keystore
        )


def build_app(
    settings: Settings,
    *,
    profile_dir: Path,
    today: Callable[[], date] = date.today,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    write_guard: Callable[[], None] | None = None,
) -> AppServices:
    """Every service of one client; ``today`` and ``now`` are the clocks tests set,
    ``write_guard`` the check tests run before every store write."""
    return AppServices(
        settings=settings.validated(),
        profile=Profile(profile_dir, now=now),
        today=today,
        write_guard=write_guard,
    )
