"""A journal is never lost silently: refused files, damage at run time, verified backups."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from storage.backup import make_backup
from storage.db import connect
from storage.dbfile import problem_of
from storage.errors import (
    BackupUnverified,
    DatabaseDamaged,
    DatabaseUnreadable,
    Locked,
    ProfileError,
)
from storage.profile import Profile
from storage.store import RecordStore
from tests.storage.profiles import PASSPHRASE as PASS


def _fill(profile: Profile, n: int = 300) -> tuple[list[str], Path]:
    """Records enough for many pages, and one verified backup of them."""
    store = profile.unlock(PASS)
    store.create_space("work:p1")
    with store.transaction():
        ids = [
            store.put(record_type="case_note", space="work:p1", values={"title": "t" * 200})
            for _ in range(n)
        ]
    backup = profile.backup(store)
    store.lock()
    _drop_sidecars(profile.db_path)
    return ids, backup


def _drop_sidecars(db: Path) -> None:
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)


def _flip_byte_mid_file(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    path.write_bytes(bytes(data))
    return bytes(data)


def _assert_refused(profile: Profile, backup: Path | None, problem: set[str]) -> DatabaseUnreadable:
    with pytest.raises(DatabaseUnreadable) as err:
        profile.unlock(PASS)
    exc = err.value
    assert exc.problem in problem
    assert str(profile.db_path) in str(exc)
    if backup is not None:
        assert exc.backup == str(backup)
        assert f"restore {backup}" in str(exc) and "feltjournal --profile" in str(exc)
    return exc


# --------------------------------------------------------------- refused at unlock


def test_an_empty_database_is_refused_and_never_becomes_a_new_journal(profile: Profile) -> None:
    _, backup = _fill(profile, 5)
    profile.db_path.write_bytes(b"")
    exc = _assert_refused(profile, backup, {"empty"})
    assert "er tom (0 byte)" in str(exc)
    assert profile.db_path.stat().st_size == 0  # nothing created in it
    assert not Path(str(profile.db_path) + "-wal").exists()


def test_a_missing_database_is_refused_and_not_created(profile: Profile) -> None:
    _, backup = _fill(profile, 5)
    profile.db_path.unlink()
    _assert_refused(profile, backup, {"missing"})
    assert not profile.db_path.exists()


@pytest.mark.parametrize("cut", [100, 4196, 8192, "half"])
def test_a_truncated_database_is_refused_untouched(profile: Profile, cut: int | str) -> None:
    _, backup = _fill(profile)
    data = profile.db_path.read_bytes()
    data = data[: len(data) // 2 if cut == "half" else int(cut)]
    profile.db_path.write_bytes(data)
    _assert_refused(profile, backup, {"truncated", "malformed", "foreign"})
    assert profile.db_path.read_bytes() == data


def test_a_plain_sqlite_file_or_one_under_another_key_is_refused(profile: Profile) -> None:
    _, backup = _fill(profile, 5)
    profile.db_path.unlink()
    plain = sqlite3.connect(profile.db_path)
    plain.execute("CREATE TABLE records (id TEXT)")
    plain.commit()
    plain.close()
    _assert_refused(profile, backup, {"foreign"})
    profile.db_path.unlink()
    connect(profile.db_path, b"k" * 32).close()
    _assert_refused(profile, backup, {"foreign"})


def test_a_database_under_our_key_without_the_journal_is_not_filled(profile: Profile) -> None:
    """An SQLCipher file our key opens but with no journal tables: migrations would
    have made it an empty journal; it is refused instead."""
    store = profile.unlock(PASS)
    key = store.backup_key()
    store.lock()
    profile.db_path.unlink()
    _drop_sidecars(profile.db_path)
    raw = sqlcipher3.connect(str(profile.db_path))
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    raw.execute("CREATE TABLE other (x)")
    raw.commit()
    raw.close()
    before = profile.db_path.read_bytes()
    _assert_refused(profile, None, {"foreign"})
    assert profile.db_path.read_bytes() == before


def test_without_a_backup_the_message_says_so(profile: Profile) -> None:
    profile.db_path.write_bytes(b"")
    _drop_sidecars(profile.db_path)
    exc = _assert_refused(profile, None, {"empty"})
    assert exc.backup is None and "ingen sikkerhetskopi" in str(exc)


# --------------------------------------------------------------- damage at run time


def test_a_damaged_page_stops_every_write_and_lock_still_drops_the_keys(
    profile: Profile,
) -> None:
    ids, backup = _fill(profile)
    _flip_byte_mid_file(profile.db_path)
    store = profile.unlock(PASS)  # page 1 and the schema are intact
    with pytest.raises(DatabaseDamaged) as err:
        store.query()
    exc = err.value
    assert exc.problem == "malformed" and str(profile.db_path) in str(exc)
    assert exc.backup == str(backup) and "har skadde sider" in str(exc)
    assert store.damaged is exc
    wal = Path(str(profile.db_path) + "-wal")
    wal_size = wal.stat().st_size
    for attempt in (
        lambda: store.put(record_type="case_note", space="work:p1", values={"title": "x"}),
        lambda: store.audit("export", ids[0], "after damage"),
        lambda: store.set_setting("x", "y"),
        lambda: store.get(ids[0]),  # a read's audit entry is a write too
    ):
        with pytest.raises(DatabaseDamaged):
            attempt()
    assert wal.stat().st_size == wal_size  # nothing reached the log
    with pytest.raises(DatabaseDamaged):  # nor an automatic backup copied from it
        profile.backup(store)
    assert profile.list_backups() == [backup]
    assert list(profile.backup_dir.glob("*.partial")) == []
    store.lock()  # no audit entry, no exception
    assert store.locked
    with pytest.raises(Locked):
        store.keys  # noqa: B018


def test_check_database_reads_every_page(profile: Profile) -> None:
    _fill(profile)
    store = profile.unlock(PASS)
    store.check_database()  # a sound file passes
    store.lock()
    _flip_byte_mid_file(profile.db_path)
    store = profile.unlock(PASS)
    with pytest.raises(DatabaseDamaged) as err:
        store.check_database()
    assert err.value.problem == "malformed"
    store.lock()


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("SQLITE_CORRUPT", "database disk image is malformed", "malformed"),
        ("SQLITE_CORRUPT_INDEX", "", "malformed"),
        ("SQLITE_NOTADB", "file is not a database", "malformed"),
        ("SQLITE_IOERR_WRITE", "disk I/O error", "io"),
        ("SQLITE_IOERR_FSYNC", "disk I/O error", "io"),
        ("SQLITE_READONLY", "attempt to write a readonly database", "readonly"),
        ("SQLITE_READONLY_DIRECTORY", "", "readonly"),
        ("SQLITE_CANTOPEN", "unable to open database file", "io"),
        ("", "attempt to write a readonly database", "readonly"),
        ("", "disk I/O error", "io"),
        ("SQLITE_FULL", "database or disk is full", "full"),
        ("", "database or disk is full", "full"),
        ("SQLITE_CONSTRAINT_UNIQUE", "UNIQUE constraint failed", None),
        ("SQLITE_BUSY", "database is locked", None),
    ],
)
def test_which_driver_errors_mean_a_damaged_file(name: str, text: str, problem: str | None) -> None:
    exc = sqlite3.OperationalError(text)
    if name:
        exc.sqlite_errorname = name  # type: ignore[attr-defined]
    assert problem_of(exc) == problem


# --------------------------------------------------------------------------- backups


def test_a_backup_from_a_file_with_a_broken_audit_chain_is_not_kept(profile: Profile) -> None:
    _, first = _fill(profile, 5)
    store = profile.unlock(PASS)
    store.conn.execute("UPDATE audit SET detail = 'edited' WHERE seq = 1")
    with pytest.raises(BackupUnverified) as err:
        profile.backup(store)
    assert "tilgangsloggen" in str(err.value)
    assert profile.list_backups() == [first]
    assert list(profile.backup_dir.iterdir()) == [first]  # no partial copy left behind
    store.lock()


def test_a_backup_with_a_record_that_does_not_decrypt_is_not_kept(profile: Profile) -> None:
    ids, first = _fill(profile, 5)
    store = profile.unlock(PASS)
    (blob,) = store.conn.execute("SELECT content FROM records WHERE id = ?", (ids[0],)).fetchone()
    tampered = bytearray(blob)
    tampered[-1] ^= 1
    store.conn.execute("UPDATE records SET content = ? WHERE id = ?", (bytes(tampered), ids[0]))
    with pytest.raises(BackupUnverified) as err:
        profile.backup(store)
    assert "1 poster" in str(err.value)
    assert profile.list_backups() == [first]
    store.lock()


@pytest.mark.parametrize("keep", [0, -1])
def test_keep_below_one_is_refused_and_deletes_nothing(profile: Profile, keep: int) -> None:
    _, first = _fill(profile, 5)
    store = profile.unlock(PASS)
    with pytest.raises(ValueError):
        profile.backup(store, keep=keep)
    assert profile.list_backups() == [first]
    store.lock()


def test_rotation_never_deletes_the_backup_just_made(profile: Profile) -> None:
    """Backups named by a clock that ran ahead sort after the new one: keep=1 used to
    delete the backup just written and keep a stale one."""
    _, first = _fill(profile, 5)
    future = [profile.backup_dir / f"journal-2099010{i}T000000000Z.db" for i in (1, 2)]
    for f in future:
        shutil.copyfile(first, f)
    store = profile.unlock(PASS)
    made = profile.backup(store, keep=1)
    store.lock()
    assert made.exists()
    assert profile.list_backups() == [made]


def test_make_backup_removes_its_copy_when_the_check_fails(profile: Profile) -> None:
    _fill(profile, 5)
    store = profile.unlock(PASS)
    key = store.backup_key()
    before = profile.list_backups()

    def refuse(path: Path) -> None:
        raise BackupUnverified(str(path), "test")

    with pytest.raises(BackupUnverified):
        make_backup(store.conn, profile.backup_dir, key, verify=refuse)
    assert profile.list_backups() == before
    assert sorted(profile.backup_dir.iterdir()) == before
    store.lock()


# --------------------------------------------------------------------------- restore


def test_restore_refuses_a_backup_with_a_flipped_byte(profile: Profile) -> None:
    _, backup = _fill(profile)
    _flip_byte_mid_file(backup)
    before = profile.db_path.read_bytes()
    with pytest.raises(BackupUnverified) as err:
        profile.restore(PASS, backup)
    assert str(backup) in str(err.value) and "databasen er urørt" in str(err.value)
    assert profile.db_path.read_bytes() == before
    assert profile.set_aside_databases() == []


def test_restore_refuses_a_backup_whose_records_do_not_decrypt(profile: Profile) -> None:
    ids, _ = _fill(profile, 5)
    store = profile.unlock(PASS)
    (blob,) = store.conn.execute("SELECT content FROM records WHERE id = ?", (ids[0],)).fetchone()
    tampered = bytearray(blob)
    tampered[-1] ^= 1
    store.conn.execute("UPDATE records SET content = ? WHERE id = ?", (bytes(tampered), ids[0]))
    store.lock()
    _drop_sidecars(profile.db_path)
    # The tampered file as a "backup" (written by hand: make_backup refuses it).
    bad = profile.backup_dir / "journal-20260101T000000000Z.db"
    shutil.copyfile(profile.db_path, bad)
    with pytest.raises(BackupUnverified):
        profile.restore(PASS, bad)


def test_the_database_a_restore_set_aside_can_be_put_back(profile: Profile) -> None:
    ids, backup = _fill(profile, 5)
    store = profile.unlock(PASS)
    later = store.put(record_type="case_note", space="work:p1", values={"title": "senere"})
    store.lock()
    _drop_sidecars(profile.db_path)
    current = profile.db_path.read_bytes()
    aside = profile.restore(PASS, backup)
    store = profile.unlock(PASS)
    assert store.get(later) is None  # the backup is older
    store.lock()
    _drop_sidecars(profile.db_path)
    restored = profile.db_path.read_bytes()
    back, aside_again = profile.undo_restore()
    assert back == aside
    assert profile.db_path.read_bytes() == current
    assert aside_again.read_bytes() == restored  # the restored one is kept in turn
    store = profile.unlock(PASS)
    assert store.get(later) is not None and store.get(ids[0]) is not None
    store.lock()


def test_two_restores_in_a_row_set_both_databases_aside(profile: Profile) -> None:
    _, backup = _fill(profile, 5)
    first = profile.restore(PASS, backup)
    second = profile.restore(PASS, backup)
    assert first != second and first.exists() and second.exists()


def test_undo_without_a_restore_is_a_clear_error(profile: Profile) -> None:
    with pytest.raises(ProfileError, match="No database has been set aside"):
        profile.undo_restore()


# ------------------------------------------------------------------ a store without a profile


def test_a_bare_store_names_the_damage_too(profile: Profile) -> None:
    _fill(profile)
    _flip_byte_mid_file(profile.db_path)
    store = profile.unlock(PASS)
    bare = RecordStore(
        store.conn, keys=store.keys, device=store.device, actor="x", audit_key=b"a" * 32
    )
    with pytest.raises(DatabaseDamaged) as err:
        bare.query()
    assert err.value.problem == "malformed"
    with pytest.raises(DatabaseDamaged):  # the profile's store meets it at its lock entry
        store.lock()
    assert store.locked


def test_a_backup_of_a_damaged_live_file_names_the_live_file(profile: Profile) -> None:
    """The page copy carries a damaged page over as it is: the failure must name the
    journal (and stop writes to it), not only say that the copy failed its check."""
    _, first = _fill(profile)
    _flip_byte_mid_file(profile.db_path)
    store = profile.unlock(PASS)
    with pytest.raises(DatabaseDamaged) as err:
        profile.backup(store)
    assert str(profile.db_path) in str(err.value) and store.damaged is err.value
    assert sorted(profile.backup_dir.iterdir()) == [first]
    store.lock()


def test_a_full_disk_stops_writes_with_one_sentence_and_no_restore_advice(
    profile: Profile,
) -> None:
    ids, _ = _fill(profile, 5)
    store = profile.unlock(PASS)
    # SQLite's own limit: the very SQLITE_FULL a full disk gives, without filling one.
    (pages,) = store.conn.execute("PRAGMA page_count").fetchone()
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DatabaseDamaged) as err:
        store.put(record_type="case_note", space="work:p1", texts={"body": "x" * 200_000})
    exc = err.value
    assert exc.problem == "full" and exc.backup is None
    assert str(exc) == (
        f"Databasefilen {profile.db_path} kan ikke skrives fordi disken er full; den siste "
        "endringen er ikke lagret, og Feltjournal skriver ikke mer til den før du har "
        "frigjort plass og låst opp på nytt."
    )
    with pytest.raises(DatabaseDamaged):
        store.audit("export", ids[0])
    store.lock()
    store = profile.unlock(PASS)  # with space again, the journal opens as it was
    assert store.count(record_type="case_note") == 5
    store.lock()


def test_a_database_deleted_under_the_open_store_is_not_recreated_by_a_backup(
    profile: Profile,
) -> None:
    _, first = _fill(profile, 5)
    store = profile.unlock(PASS)
    profile.db_path.unlink()
    with pytest.raises(DatabaseDamaged) as err:
        profile.backup(store)
    assert err.value.problem == "missing" and err.value.backup == str(first)
    assert not profile.db_path.exists()
    assert profile.list_backups() == [first]
    store.lock()
    assert not profile.db_path.exists()
