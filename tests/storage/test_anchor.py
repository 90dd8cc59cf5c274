"""Rollback detection: a database or log that lost saves is refused at unlock (storage.anchor).

The scenario of issue #13 item 6, with real files: 40 separate saves, the
profile copied while the store is still open (so the copy holds the ``-wal`` a
crash leaves behind), then one bit flipped in one log frame, or in the log
header.
"""

from __future__ import annotations

import functools
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.anchor import SaveMark
from storage.checkpoint import WalCheckpointer
from storage.errors import RolledBack
from storage.profile import Profile
from storage.store import RecordStore
from tests.storage.profiles import PASSPHRASE

SAVES = 40
WAL_HEADER = 32
FRAME_HEADER = 24
SLOT = 4096


@pytest.fixture
def quiet_checkpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every commit in the -wal, as after a crash before any checkpoint ran."""
    monkeypatch.setattr(
        "storage.profile.WalCheckpointer", functools.partial(WalCheckpointer, interval=3600)
    )


@pytest.fixture
def open_store(profile: Profile, quiet_checkpoints: None) -> Iterator[RecordStore]:
    store = profile.unlock(PASSPHRASE)
    store.create_space("work:p1")
    for i in range(SAVES):
        store.put(record_type="case_note", space="work:p1", texts={"body": f"notat {i}"})
    try:
        yield store
    finally:
        store.lock()


def crash_copy(profile: Profile, to: Path) -> Profile:
    """The profile folder as a crash would leave it: database, -wal, no -shm."""
    to.mkdir()
    wal = Path(str(profile.db_path) + "-wal")
    assert wal.stat().st_size > WAL_HEADER, "the saves should still be in the log"
    for path in (profile.meta_path, profile.vault_path, profile.anchor_path, profile.db_path, wal):
        shutil.copyfile(path, to / path.name)
    return Profile(to)


def anchored(profile: Profile) -> SaveMark:
    """The newest mark in the anchor's two slots (the HMAC is the store's business)."""
    raw = profile.anchor_path.read_bytes()
    slots = [json.loads(raw[i : i + SLOT]) for i in (0, SLOT)]
    return max((SaveMark.from_json(slot) for slot in slots), key=lambda m: m.saves)


def flip_bit(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def wal_of(profile: Profile) -> Path:
    return Path(str(profile.db_path) + "-wal")


def frames(wal: Path, page_size: int) -> int:
    return (wal.stat().st_size - WAL_HEADER) // (FRAME_HEADER + page_size)


def test_a_clean_crash_copy_is_not_flagged(
    profile: Profile, open_store: RecordStore, tmp_path: Path
) -> None:
    copy = crash_copy(profile, tmp_path / "copy")
    store = copy.unlock(PASSPHRASE)
    try:
        assert store.saves() == SAVES
        assert store.count(record_type="case_note") == SAVES
    finally:
        store.lock()


def test_one_flipped_bit_in_a_wal_frame_is_detected(
    profile: Profile, open_store: RecordStore, tmp_path: Path
) -> None:
    page_size = int(open_store.conn.execute("PRAGMA page_size").fetchone()[0])
    copy = crash_copy(profile, tmp_path / "copy")
    wal = wal_of(copy)
    middle = frames(wal, page_size) // 2
    flip_bit(wal, WAL_HEADER + middle * (FRAME_HEADER + page_size) + FRAME_HEADER + 100)
    with pytest.raises(RolledBack) as caught:
        copy.unlock(PASSPHRASE)
    found = caught.value
    assert found.kind == "behind"
    assert 0 < found.missing < SAVES
    assert found.database_saved is not None and found.anchor_saved is not None
    assert found.database_saved <= found.anchor_saved
    # Refused without writing: the damaged log is kept as found, for a closer look.
    assert list(copy.path.glob("journal.db-wal.at-rollback-*"))


def test_a_flipped_wal_header_is_detected(
    profile: Profile, open_store: RecordStore, tmp_path: Path
) -> None:
    copy = crash_copy(profile, tmp_path / "copy")
    flip_bit(wal_of(copy), 20)  # the header's checksum: SQLite ignores the whole log
    with pytest.raises(RolledBack) as caught:
        copy.unlock(PASSPHRASE)
    assert caught.value.kind == "behind"
    assert caught.value.missing == SAVES
    assert caught.value.database_saved is None


def test_an_older_copy_put_back_is_detected_and_offers_the_newest_backup(
    profile: Profile, quiet_checkpoints: None, tmp_path: Path
) -> None:
    store = profile.unlock(PASSPHRASE)
    store.create_space("work:p1")
    store.put(record_type="case_note", space="work:p1", texts={"body": "før"})
    backup = profile.backup(store)
    store.lock()
    old = tmp_path / "old.db"
    shutil.copyfile(profile.db_path, old)
    store = profile.unlock(PASSPHRASE)
    for i in range(3):
        store.put(record_type="case_note", space="work:p1", texts={"body": f"etter {i}"})
    store.lock()
    shutil.copyfile(old, profile.db_path)
    with pytest.raises(RolledBack) as caught:
        profile.unlock(PASSPHRASE)
    assert caught.value.missing == 3
    assert caught.value.newest_backup == backup


def test_another_history_with_as_many_saves_is_detected(profile: Profile, tmp_path: Path) -> None:
    store = profile.unlock(PASSPHRASE)
    store.create_space("work:p1")
    store.lock()
    shutil.copyfile(profile.db_path, tmp_path / "fork.db")
    store = profile.unlock(PASSPHRASE)
    store.put(record_type="case_note", space="work:p1", texts={"body": "a"})
    store.lock()
    anchor = profile.anchor_path.read_bytes()
    shutil.copyfile(tmp_path / "fork.db", profile.db_path)
    profile.anchor_path.unlink()  # (so that the fork is adopted, as after a restore)
    store = profile.unlock(PASSPHRASE)
    store.put(record_type="case_note", space="work:p1", texts={"body": "b"})
    store.lock()
    profile.anchor_path.write_bytes(anchor)  # the first history's anchor, one save each
    with pytest.raises(RolledBack) as caught:
        profile.unlock(PASSPHRASE)
    assert caught.value.kind == "diverged"


def test_an_edited_anchor_is_not_trusted(profile: Profile) -> None:
    store = profile.unlock(PASSPHRASE)
    store.create_space("work:p1")
    store.put(record_type="case_note", space="work:p1", texts={"body": "a"})
    store.lock()
    raw = profile.anchor_path.read_bytes()
    assert raw.count(b'"saves": 1,') == 2  # both slots, right after the first save
    # Claim nothing was saved, to hide a rollback later.
    profile.anchor_path.write_bytes(raw.replace(b'"saves": 1,', b'"saves": 0,'))
    with pytest.raises(RolledBack) as caught:
        profile.unlock(PASSPHRASE)
    assert caught.value.kind == "damaged"


def test_a_torn_slot_falls_back_to_the_other_one(profile: Profile) -> None:
    store = profile.unlock(PASSPHRASE)
    store.create_space("work:p1")
    for body in ("a", "b"):
        store.put(record_type="case_note", space="work:p1", texts={"body": body})
    store.lock()
    raw = bytearray(profile.anchor_path.read_bytes())
    raw[SLOT : SLOT + 100] = bytes(100)  # save 1's slot, half written by a crash
    profile.anchor_path.write_bytes(bytes(raw))
    profile.unlock(PASSPHRASE).lock()


def test_every_save_moves_the_anchor_and_reads_do_not(profile: Profile) -> None:
    store = profile.unlock(PASSPHRASE)
    try:
        store.create_space("work:p1")
        assert not profile.anchor_path.exists()  # nothing saved yet
        rid = store.put(record_type="case_note", space="work:p1", texts={"body": "a"})
        first = anchored(profile)
        assert first.saves == 1
        store.get(rid)  # audited read: not a save
        with store.transaction():  # one transaction, one save
            store.put(rid, record_type="case_note", space="work:p1", texts={"body": "b"})
            store.put(rid, record_type="case_note", space="work:p1", texts={"body": "c"})
        store.delete(rid)
        mark = anchored(profile)
        assert mark.saves == store.saves() == 3
        assert mark.audit_seq == store.audit_entries()[-1].seq
    finally:
        store.lock()


def test_a_save_undone_by_its_savepoint_is_not_anchored(profile: Profile) -> None:
    store = profile.unlock(PASSPHRASE)
    try:
        store.create_space("work:p1")
        with store.transaction():
            store.put(record_type="case_note", space="work:p1", texts={"body": "beholdt"})
            with pytest.raises(RuntimeError), store.transaction():
                store.put(record_type="case_note", space="work:p1", texts={"body": "angret"})
                raise RuntimeError("the caller gives up on this part")
        assert anchored(profile).audit_seq == store.audit_entries()[-1].seq
    finally:
        store.lock()
    profile.unlock(PASSPHRASE).lock()  # the anchor names an entry the database holds


def test_accepting_a_rollback_is_audited_and_lets_work_go_on(
    profile: Profile, open_store: RecordStore, tmp_path: Path
) -> None:
    copy = crash_copy(profile, tmp_path / "copy")
    flip_bit(wal_of(copy), 20)
    with pytest.raises(RolledBack):
        copy.unlock(PASSPHRASE)
    store = copy.unlock(PASSPHRASE, accept_rollback=True)
    try:
        entry = store.audit_entries()[-2]  # then the unlock itself
        assert (entry.action, entry.detail) == ("rollback_accepted", f"behind: {SAVES} saves")
        store.put(record_type="case_note", space="work:p1", texts={"body": "videre"})
    finally:
        store.lock()
    copy.unlock(PASSPHRASE).lock()  # no longer flagged


def test_accepting_a_partial_loss_anchors_to_what_is_left(
    profile: Profile, open_store: RecordStore, tmp_path: Path
) -> None:
    page_size = int(open_store.conn.execute("PRAGMA page_size").fetchone()[0])
    copy = crash_copy(profile, tmp_path / "copy")
    wal = wal_of(copy)
    flip_bit(wal, WAL_HEADER + frames(wal, page_size) // 2 * (FRAME_HEADER + page_size) + 200)
    with pytest.raises(RolledBack) as caught:
        copy.unlock(PASSPHRASE)
    left = SAVES - caught.value.missing
    assert 0 < left < SAVES
    store = copy.unlock(PASSPHRASE, accept_rollback=True)
    assert store.saves() == left
    store.lock()
    store = copy.unlock(PASSPHRASE)  # not flagged again by the older, higher mark
    try:
        store.put(record_type="case_note", space="work:p1", texts={"body": "videre"})
    finally:
        store.lock()
    assert anchored(copy).saves == left + 1


def test_restore_starts_a_new_anchor(profile: Profile) -> None:
    store = profile.unlock(PASSPHRASE)
    store.create_space("work:p1")
    backup = profile.backup(store)
    store.put(record_type="case_note", space="work:p1", texts={"body": "etter"})
    store.lock()
    profile.restore(PASSPHRASE, backup)
    store = profile.unlock(PASSPHRASE)
    try:
        assert store.saves() == 0
        store.put(record_type="case_note", space="work:p1", texts={"body": "ny"})
    finally:
        store.lock()
    profile.unlock(PASSPHRASE).lock()
