"""Profiles end to end: create, unlock, lock, copied disk, bad files, backups, leaks."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.crypto import KdfParams
from storage.errors import (
    BackupUnverified,
    DatabaseUnreadable,
    DeviceKeyMissing,
    Locked,
    ProfileError,
    UnlockThrottled,
    WrongPassphrase,
)
from storage.profile import Profile
from tests.storage.keyring_backends import InMemoryKeyring
from tests.storage.profiles import PASSPHRASE

PASS = PASSPHRASE
SENTINEL = "SENTINEL-Ingrid-Bjørnstad-77"


def _write_sentinel(profile: Profile) -> str:
    store = profile.unlock(PASS)
    store.create_space("work:p1")
    rid = store.put(
        record_type="case_note",
        space="work:p1",
        values={"title": SENTINEL},
        texts={"body": f"Samtale med {SENTINEL} om jobb på lager i Ålesund."},
    )
    profile.backup(store)
    store.lock()
    return rid


def _grep(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_create_unlock_write_lock_unlock(profile: Profile) -> None:
    rid = _write_sentinel(profile)
    store = profile.unlock(PASS)
    rec = store.get(rid)
    assert rec is not None and rec.fields["title"] == SENTINEL
    assert [r.id for r in store.search("ålesund")] == [rid]
    actions = [e.action for e in store.audit_entries()]
    assert actions[:2] == ["unlock", "create"] and "lock" in actions
    assert store.verify_audit().ok
    store.lock()
    with pytest.raises(Locked):
        store.get(rid)


def test_create_refuses_existing_profile(profile: Profile) -> None:
    with pytest.raises(ProfileError):
        profile.create(
            user_name="x", role="terapeut", passphrase="p", kdf=KdfParams.fast_for_tests()
        )


def test_missing_profile_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="feltjournal init"):
        Profile(tmp_path / "nowhere").unlock(PASS)


def test_no_plaintext_anywhere_on_disk(profile: Profile) -> None:
    before_tmp = set(Path(tempfile.gettempdir()).iterdir())
    _write_sentinel(profile)
    assert _grep(profile.path, SENTINEL.encode()) == []
    assert _grep(profile.path, "Ålesund".encode()) == []
    assert _grep(profile.path, b"case_note") == []  # not even table contents or types
    assert _grep(profile.path, b"CREATE TABLE") == []  # nor the schema
    new_tmp = set(Path(tempfile.gettempdir()).iterdir()) - before_tmp
    for path in new_tmp:
        if path.is_file():
            assert SENTINEL.encode() not in path.read_bytes()


def test_copied_profile_without_keyring_item_reads_nothing(
    profile: Profile, tmp_path: Path
) -> None:
    _write_sentinel(profile)
    stolen = tmp_path / "stolen"
    shutil.copytree(profile.path, stolen)
    other_machine = Profile(stolen, keystore=_fresh_keystore())
    with pytest.raises(DeviceKeyMissing):
        other_machine.unlock(PASS)
    assert _grep(stolen, SENTINEL.encode()) == []


def _fresh_keystore() -> object:
    import keyring

    from storage.keystore import KeyringKeyStore

    keyring.set_keyring(InMemoryKeyring())  # a machine whose keyring never saw this profile
    return KeyringKeyStore()


def test_wrong_passphrase_then_throttle_then_success(profile: Profile) -> None:
    clock = [1000.0]
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            profile.unlock("feil", now=lambda: clock[0])
    clock[0] += 1.5  # the first delay (1 s) has passed
    with pytest.raises(WrongPassphrase):
        profile.unlock("feil", now=lambda: clock[0])
    with pytest.raises(UnlockThrottled) as err:
        profile.unlock(PASS, now=lambda: clock[0])
    assert err.value.retry_after > 0
    assert profile.info().failed_unlocks == 4
    clock[0] += 60
    store = profile.unlock(PASS, now=lambda: clock[0])
    unlock = [e for e in store.audit_entries() if e.action == "unlock"][-1]
    assert "4 failed" in unlock.detail
    store.lock()
    assert profile.info().failed_unlocks == 0


def test_change_passphrase_keeps_data(profile: Profile) -> None:
    rid = _write_sentinel(profile)
    profile.change_passphrase(PASS, "nytt passord med æøå")
    with pytest.raises(WrongPassphrase):
        profile.unlock(PASS)
    store = profile.unlock("nytt passord med æøå")
    assert store.get(rid) is not None


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_damaged_database_is_reported_untouched_and_restorable(
    profile: Profile, damage: str
) -> None:
    rid = _write_sentinel(profile)
    db = profile.db_path
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    data = db.read_bytes()[:4196] if damage == "truncate" else os.urandom(db.stat().st_size)
    db.write_bytes(data)
    with pytest.raises(DatabaseUnreadable) as err:
        profile.unlock(PASS)
    assert "feltjournal --profile" in str(err.value) and "restore" in str(err.value)
    assert db.read_bytes() == data  # not overwritten
    (backup,) = profile.list_backups()
    aside = profile.restore(PASS, backup)
    assert aside.read_bytes() == data  # the damaged file is kept, not deleted
    store = profile.unlock(PASS)
    assert store.get(rid).fields["title"] == SENTINEL  # type: ignore[union-attr]


def test_restore_refuses_a_bad_backup(profile: Profile, tmp_path: Path) -> None:
    _write_sentinel(profile)
    bad = profile.backup_dir / "journal-20260101T000000000Z.db"
    bad.write_bytes(b"not a database at all" * 100)
    before = profile.db_path.read_bytes()
    with pytest.raises(BackupUnverified):
        profile.restore(PASS, bad)
    assert profile.db_path.read_bytes() == before


def test_backups_keep_last_n_and_run_at_most_daily(profile: Profile) -> None:
    store = profile.unlock(PASS)
    made = [profile.backup(store, keep=3) for _ in range(5)]
    assert profile.list_backups() == made[-3:]
    assert profile.backup_if_due(store) is None  # one was made moments ago
    for p in profile.list_backups():
        p.unlink()
    assert profile.backup_if_due(store, every=timedelta(days=1)) is not None
    assert profile.info().last_backup is not None
    assert datetime.now(UTC) - profile.info().last_backup < timedelta(minutes=1)  # type: ignore[operator]


def test_a_backup_copies_through_its_own_connection_while_the_journal_keeps_writing(
    profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy of a large profile takes many seconds: it must not hold the journal's
    connection, which the window and sync use meanwhile; it holds what was committed."""
    import threading

    import storage.backup as backups

    store = profile.unlock(PASS)
    store.create_space("work:p1")
    before = store.put(record_type="case_note", space="work:p1", values={"title": "før"})
    copying = threading.Event()
    release = threading.Event()
    seen: list[object] = []
    original = backups.make_backup

    def slow(conn: object, *args: object, **kwargs: object) -> Path:
        seen.append(conn)
        copying.set()
        assert release.wait(10)
        return original(conn, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "make_backup", slow)
    made: list[Path] = []
    worker = threading.Thread(target=lambda: made.append(profile.backup(store)))
    worker.start()
    assert copying.wait(10)
    during = store.put(record_type="case_note", space="work:p1", values={"title": "under"})
    release.set()
    worker.join(30)
    assert seen and seen[0] is not store.conn
    assert store.get(during) is not None and made
    store.lock()
    profile.restore(PASS, made[0])
    again = profile.unlock(PASS)
    try:
        assert again.get(before) is not None
    finally:
        again.lock()
