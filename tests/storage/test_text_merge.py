"""Text fields across replicas: remote edits applied as deltas, and concurrent rewrites
flagged for review with this device's own text kept (issue #5, scenario 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.crypto import random_key
from storage.errors import IntegrityFailure
from storage.store import FLAG_TEXT_MERGED, RecordStore
from sync.changes import Change
from tests.support.replicas import make_store, sync_all

SPACE = "work:p1"
NOTE = (
    "Kari møtte arbeidsgiveren på kafé i Tromsø. "
    "Hun ønsker deltid på lager, helst nær Ørsta. "
    "Neste samarbeidsmøte: Åse (Nav-veileder) og fastlegen."
)


@pytest.fixture
def keys() -> dict[str, dict[int, bytes]]:
    return {SPACE: {1: random_key()}}


def _stores(tmp_path: Path, keys: dict[str, dict[int, bytes]], names: str) -> list[RecordStore]:
    return [make_store(tmp_path / f"{n}.db", keys=keys, actor=n) for n in names]


def _note(store: RecordStore, text: str = NOTE) -> str:
    return store.put(record_type="case_note", space=SPACE, texts={"body": text})


def _edit(store: RecordStore, rid: str, text: str) -> None:
    store.put(rid, record_type="case_note", space=SPACE, texts={"body": text})


def _body(store: RecordStore, rid: str) -> str:
    rec = store.get(rid, audit=False)
    assert rec is not None
    return str(rec.fields["body"])


def _text_rows(store: RecordStore, rid: str) -> dict[str, tuple[int, bool, int]]:
    """change_id -> (folded, has payload, local) of the record's text changes."""
    return {
        cid: (folded, payload, local)
        for cid, folded, payload, local in store.conn.execute(
            "SELECT change_id, folded, payload IS NOT NULL, local FROM changes"
            " WHERE record_id = ? AND kind = 'text'",
            (rid,),
        )
    }


def _state(store: RecordStore, rid: str) -> bytes:
    row = store.conn.execute(
        "SELECT state FROM texts WHERE record_id = ? AND field = 'body'", (rid,)
    ).fetchone()
    return bytes(row[0])


def _outbox_text(store: RecordStore) -> list[Change]:
    return [c for c in store.outbox() if c.kind == "text"]


# --- remote edits on the same text: a delta, no CRDT document ----------------------------


def test_remote_edit_on_the_same_text_is_applied_without_touching_the_crdt_state(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    a, b = _stores(tmp_path, keys, "ab")
    rid = _note(a)
    sync_all(a, b)
    state_before = _state(b, rid)
    edited = NOTE.replace("kafé i Tromsø", "kontoret på Ålgård") + " Øystein følger opp."
    _edit(a, rid, edited)
    (change,) = _outbox_text(a)[-1:]
    sync_all(a, b)

    assert _body(b, rid) == edited
    # Applied as a positional delta: the CRDT state is as it was, the update waits.
    assert _state(b, rid) == state_before
    assert _text_rows(b, rid)[change.change_id] == (0, 1, 0)
    assert b.search("Ålgård") and b.search("Øystein")
    assert b.verify() == []  # the waiting update is checked too

    # A local edit on b loads the document with the waiting update folded in.
    again = edited.replace("deltid", "heltid")
    _edit(b, rid, again)
    folded, has_payload, _local = _text_rows(b, rid)[change.change_id]
    assert folded == 1 and not has_payload  # the merged CRDT state holds it now
    assert _state(b, rid) != state_before
    sync_all(a, b)
    assert _body(a, rid) == _body(b, rid) == again
    assert a.canonical_state() == b.canonical_state()
    assert not a.get(rid, audit=False).text_merged  # type: ignore[union-attr]


def test_a_chain_of_edits_arriving_backwards_gives_the_same_text(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    a, b = _stores(tmp_path, keys, "ab")
    rid = _note(a)
    b.apply_changes(a.all_changes())
    texts = [NOTE + " Første tillegg: æ.", NOTE + " Første tillegg: æø.", "Å starte på nytt."]
    for text in texts:
        _edit(a, rid, text)
    edits = _outbox_text(a)[-3:]
    for ch in reversed(edits):  # one batch each, newest first
        b.apply_changes([ch])
    assert _body(b, rid) == texts[-1]
    assert b.canonical_state() == a.canonical_state()


def test_fields_merged_before_digests_were_kept_still_take_the_fast_path(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    a, b = _stores(tmp_path, keys, "ab")
    rid = _note(a)
    _edit(a, rid, NOTE + " Tillegg fra i går.")
    sync_all(a, b)
    with b.transaction():  # as after migrating a replica that merged these before
        b.conn.execute("UPDATE record_meta SET texts = ''")
    _edit(a, rid, NOTE + " Tillegg fra i dag, på kafé.")
    (change,) = _outbox_text(a)[-1:]
    sync_all(a, b)
    assert _body(b, rid) == NOTE + " Tillegg fra i dag, på kafé."
    assert _text_rows(b, rid)[change.change_id][0] == 0


def test_a_text_change_without_a_delta_still_merges_through_the_crdt(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    a, b = _stores(tmp_path, keys, "ab")
    rid = _note(a)  # a first edit carries no delta (it would repeat the update's text)
    (first,) = _outbox_text(a)
    b.apply_changes([first])
    assert _body(b, rid) == NOTE
    assert _text_rows(b, rid)[first.change_id] == (1, 0, 0)  # folded; payload dropped


# --- concurrent rewrites: flagged, own text kept, restorable ------------------------------

A_WORDING = NOTE.replace("møtte arbeidsgiveren på kafé i Tromsø", "snakket med sjefen på lageret")
B_WORDING = NOTE.replace("møtte arbeidsgiveren på kafé i Tromsø", "ringte butikken i Ørsta i går")


def _rewrite_offline(
    tmp_path: Path, keys: dict[str, dict[int, bytes]], names: str = "ab"
) -> tuple[list[RecordStore], str]:
    stores = _stores(tmp_path, keys, names)
    rid = _note(stores[0])
    sync_all(*stores)
    wordings = [A_WORDING, B_WORDING, NOTE.replace("Tromsø", "Bodø og Ålesund")]
    for store, text in zip(stores, wordings, strict=False):
        _edit(store, rid, text)
    sync_all(*stores)
    return stores, rid


def test_both_rewrites_survive_the_note_is_flagged_and_each_keeps_its_own_text(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    (a, b), rid = _rewrite_offline(tmp_path, keys)
    merged = _body(a, rid)
    assert _body(b, rid) == merged
    for word in ("sjefen", "lageret", "ringte", "butikken"):
        assert word in merged  # both wordings survive
    for store, own, other in ((a, A_WORDING, b), (b, B_WORDING, a)):
        rec = store.get(rid, audit=False)
        assert rec is not None and rec.text_merged and not rec.conflicted
        (kept,) = store.text_versions(rid)
        assert kept.field == "body" and kept.text == own
        assert kept.device == store.device and kept.merged_device == other.device
        assert kept.written_at.year >= 2025 and kept.merged_at.year >= 2025
        assert store.text_versions(rid, "other") == []
    # The flag and the kept texts are this replica's review aids, not shared state.
    assert a.canonical_state() == b.canonical_state()
    assert a.state_hash() == b.state_hash()


def test_restoring_the_earlier_local_version_is_an_ordinary_edit_that_clears_the_flag(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    (a, b), rid = _rewrite_offline(tmp_path, keys)
    (kept,) = a.text_versions(rid)
    before = a.outbox_size()
    a.restore_text_version(rid, kept.id)
    rec = a.get(rid, audit=False)
    assert rec is not None and not rec.text_merged and rec.fields["body"] == A_WORDING
    assert a.text_versions(rid) == []
    assert a.outbox_size() == before + 1  # syncs like any edit
    assert [e.detail for e in a.audit_entries(rid)][-1] == "kept text restored"

    sync_all(a, b)
    assert _body(b, rid) == A_WORDING
    # b saw a's restore as a plain edit made after its own: no new kept text there,
    # and b still has its own review to do.
    assert len(b.text_versions(rid)) == 1 and b.get(rid, audit=False).text_merged  # type: ignore[union-attr]
    b.dismiss_text_conflict(rid, "body")
    assert b.text_versions(rid) == [] and not b.get(rid, audit=False).text_merged  # type: ignore[union-attr]
    assert _body(b, rid) == A_WORDING
    assert a.canonical_state() == b.canonical_state()
    with pytest.raises(ValueError):
        a.restore_text_version(rid, kept.id)  # already restored


def test_three_replicas_rewriting_at_once_converge_and_each_keeps_its_own_version(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    stores, rid = _rewrite_offline(tmp_path, keys, "abc")
    texts = {_body(s, rid) for s in stores}
    assert len(texts) == 1
    merged = texts.pop()
    for word in ("sjefen", "ringte", "Ålesund"):
        assert word in merged
    own = [A_WORDING, B_WORDING, NOTE.replace("Tromsø", "Bodø og Ålesund")]
    for store, text in zip(stores, own, strict=True):
        versions = store.text_versions(rid)
        assert versions and versions[-1].text == text  # the oldest kept: its own wording
        assert all(v.device == store.device for v in versions)
        assert {v.merged_device for v in versions} <= {s.device for s in stores} - {store.device}
    assert len({s.canonical_state() for s in stores}) == 1
    c = stores[2]
    c.dismiss_text_conflict(rid, "body")
    assert not c.get(rid, audit=False).text_merged  # type: ignore[union-attr]
    assert stores[0].get(rid, audit=False).text_merged  # type: ignore[union-attr]


def test_edits_made_one_after_another_are_never_flagged(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    a, b, c = _stores(tmp_path, keys, "abc")
    rid = _note(a)
    sync_all(a, b, c)
    for i, store in enumerate((b, c, a, b)):
        _edit(store, rid, _body(store, rid) + f" Tillegg {i}: på kafé i Tromsø.")
        sync_all(a, b, c)
    for store in (a, b, c):
        assert not store.get(rid, audit=False).text_merged  # type: ignore[union-attr]
        assert store.text_versions(rid) == []


def test_the_kept_text_is_sealed_and_goes_with_a_purge(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    a, b = _stores(tmp_path, keys, "ab")
    rid = _note(a, "SENTINEL-Kari hos fastlegen.")
    sync_all(a, b)
    _edit(a, rid, "SENTINEL-Kari hos fastlegen i Ørsta.")
    _edit(b, rid, "SENTINEL-Kari hos NAV i Tromsø.")
    sync_all(a, b)
    (blob,) = a.conn.execute("SELECT content FROM text_versions").fetchone()
    assert b"SENTINEL" not in bytes(blob)
    assert a.verify() == []
    a.conn.execute("UPDATE text_versions SET content = ?", (bytes(blob)[:-1] + b"\x00",))
    with pytest.raises(IntegrityFailure) as failure:
        a.text_versions(rid)
    assert failure.value.record_id == rid and failure.value.field == "body"
    assert [(f.record_id, f.field) for f in a.verify()] == [(rid, "body")]
    a.purge(rid)
    assert a.conn.execute("SELECT count(*) FROM text_versions").fetchone()[0] == 0
    sync_all(a, b)
    assert b.conn.execute("SELECT count(*) FROM text_versions").fetchone()[0] == 0


def test_the_flag_is_stored_on_the_record_row_and_dismissing_needs_a_record(
    tmp_path: Path, keys: dict[str, dict[int, bytes]]
) -> None:
    (a, _b), rid = _rewrite_offline(tmp_path, keys)
    (flags,) = a.conn.execute("SELECT flags FROM records WHERE id = ?", (rid,)).fetchone()
    assert flags & FLAG_TEXT_MERGED
    a.dismiss_text_conflict(rid, "other-field")  # nothing kept there: the flag stays
    assert a.get(rid, audit=False).text_merged  # type: ignore[union-attr]
    with pytest.raises(KeyError):
        a.dismiss_text_conflict("no-such-record", "body")
