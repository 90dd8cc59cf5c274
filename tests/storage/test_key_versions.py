"""Key versions of a space: new writes use the newest, old records keep theirs, a retired
version seals nothing, and unpushed changes move to the newest version before they leave."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.crypto import Aad, EnvelopeCipher, encode_aad, random_key
from storage.errors import IntegrityFailure, KeyRetired, KeyUnavailable, StorageError
from storage.keys import SpaceKeys
from storage.store import RecordStore
from sync.changes import Change
from tests.support.replicas import make_store

SPACE = "work:p1"


def _opens(change: Change, key: bytes) -> bool:
    """True when ``key`` opens the change's envelope under its own associated data."""
    aad = encode_aad(
        change.space,
        change.record_type,
        change.record_id,
        f"{change.kind}:{change.field}",
        change.hlc,
        change.key_version,
        change.device,
    )
    try:
        EnvelopeCipher(key).open_encoded(change.payload, aad, change.record_id)
    except IntegrityFailure:
        return False
    return True


def test_a_retired_version_opens_old_envelopes_but_seals_nothing() -> None:
    old, new = random_key(), random_key()
    keys = SpaceKeys({SPACE: {1: old}})
    aad1 = Aad(SPACE, "case_note", "r1", "body", "v", 1, "d")
    sealed = keys.sealing_cipher(SPACE, 1).seal(b"gammel", aad1)
    keys.add(SPACE, 2, new)
    assert keys.versions(SPACE) == [1, 2] and keys.current_version(SPACE) == 2
    assert keys.cipher(SPACE, 1).open(sealed, aad1) == b"gammel"  # old records still open
    with pytest.raises(KeyRetired) as retired:
        keys.sealing_cipher(SPACE, 1)
    assert not isinstance(retired.value, KeyUnavailable)
    assert isinstance(retired.value, StorageError)
    assert (retired.value.space, retired.value.key_version, retired.value.current) == (SPACE, 1, 2)
    assert "retired" in str(retired.value) and "gammel" not in str(retired.value)
    aad2 = Aad(SPACE, "case_note", "r2", "body", "v", 2, "d")
    assert (
        keys.cipher(SPACE, 2).open(keys.sealing_cipher(SPACE, 2).seal(b"ny", aad2), aad2) == b"ny"
    )
    with pytest.raises(KeyUnavailable):
        keys.sealing_cipher(SPACE, 3)
    assert keys.versions("work:other") == []


def test_new_writes_use_the_newest_version_and_old_records_keep_theirs(tmp_path: Path) -> None:
    v1 = random_key()
    store = make_store(tmp_path / "a.db", keys={SPACE: {1: v1}})
    before = store.put(record_type="case_note", space=SPACE, texts={"body": "Før tilbakekalling"})
    store.mark_pushed([c.change_id for c in store.outbox()])
    v2 = random_key()
    store.keys.add(SPACE, 2, v2)
    after = store.put(record_type="case_note", space=SPACE, texts={"body": "Etter rotasjon"})
    written = store.outbox()
    assert written and {c.key_version for c in written} == {2}
    assert all(not _opens(c, v1) for c in written)
    old = store.get(before)
    new = store.get(after)
    assert old is not None and old.fields["body"] == "Før tilbakekalling"
    assert new is not None and new.fields["body"] == "Etter rotasjon"


def test_unpushed_changes_are_sealed_again_under_the_newest_version(tmp_path: Path) -> None:
    v1, v2 = random_key(), random_key()
    laptop = make_store(tmp_path / "a.db", keys={SPACE: {1: v1}})
    # Offline, before the new version arrives: written under version 1.
    rid = laptop.put(
        record_type="case_note",
        space=SPACE,
        values={"date": "2026-11-20"},
        texts={"body": "Skrevet på toget"},
    )
    waiting = laptop.outbox()
    assert {c.key_version for c in waiting} == {1}
    assert laptop.reseal_outbox() == 0  # nothing newer held: nothing to do
    laptop.keys.add(SPACE, 2, v2)
    assert laptop.reseal_outbox() == len(waiting)
    resealed = laptop.outbox()
    assert [c.change_id for c in resealed] == [c.change_id for c in waiting]
    assert {c.key_version for c in resealed} == {2}
    assert all(_opens(c, v2) and not _opens(c, v1) for c in resealed)
    assert laptop.reseal_outbox() == 0
    # The local record reads as before, and a colleague holding both versions applies it.
    got = laptop.get(rid)
    assert got is not None and got.fields["body"] == "Skrevet på toget"
    colleague: RecordStore = make_store(tmp_path / "b.db", keys={SPACE: {1: v1, 2: v2}})
    result = colleague.apply_changes(resealed)
    assert result.applied == len(resealed) and not result.quarantined
    seen = colleague.get(rid)
    assert seen is not None and seen.fields == got.fields
    # A replica holding only the old version (a revoked laptop's copy) opens none of it.
    copy_of_revoked = make_store(tmp_path / "c.db", keys={SPACE: {1: v1}})
    assert copy_of_revoked.apply_changes(resealed).pending_key == len(resealed)
    assert copy_of_revoked.get(rid) is None
