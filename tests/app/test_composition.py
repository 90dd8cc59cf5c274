"""The clocks a client runs on are set where it is built: build_app and Profile."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app.composition import build_app
from app.settings import Settings
from storage.crypto import KdfParams
from tests.app.conftest import PROFILE_PASSPHRASE
from tests.storage.keyring_backends import InMemoryKeyring

DAY = date(2031, 2, 3)


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.time = start

    def __call__(self) -> datetime:
        return self.time


def test_build_app_sets_the_journal_s_today_and_the_profile_s_clock(
    tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    clock = Clock(datetime(2031, 2, 3, 8, 30, tzinfo=UTC))
    services = build_app(Settings(), profile_dir=tmp_path / "p", today=lambda: DAY, now=clock)
    services.profile.create(
        user_name="Kari Jobb",
        role="jobbspesialist",
        passphrase=PROFILE_PASSPHRASE,
        kdf=KdfParams.fast_for_tests(),
    )
    meta = json.loads(services.profile.meta_path.read_text("utf-8"))
    assert meta["created"] == "2031-02-03T08:30:00+00:00"
    journal = services.unlock(PROFILE_PASSPHRASE)
    try:
        assert journal.today() == DAY
        # The daily backup follows the injected clock, not the machine's.
        first = services.profile.backup_if_due(journal.store)
        assert first is not None and "20310203T083000" in first.name
        clock.time += timedelta(hours=23)
        assert services.profile.backup_if_due(journal.store) is None
        clock.time += timedelta(hours=1)
        second = services.profile.backup_if_due(journal.store)
        assert second is not None and "20310204T083000" in second.name
    finally:
        journal.store.lock()
