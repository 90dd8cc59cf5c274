"""Merge properties over three in-process replicas and random schedules.

Random register edits, text edits (æ, ø, å, emoji), deletes and purges, with
partial, reordered and duplicated delivery in between and full delivery at the
end. Checked against a model that tracks, independently of the store, which
changes each replica had seen when it wrote:

- every replica ends with the same canonical state (byte for byte);
- no inserted text is lost (insert-only schedules keep every marker);
- every register value that lost a write made without seeing it is listed as
  a losing value;
- a record is deleted exactly when the winning delete had seen every edit.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.crypto import random_key
from storage.store import RecordStore
from sync.changes import DELETED_FIELD, Change
from tests.support.replicas import make_store

SPACE = "work:p1"
FIELDS = ("status", "next_meeting")
ALPHABET = "aeæøåÆØÅ 🎉\n"

op_strategy = st.one_of(
    st.tuples(
        st.just("set"),
        st.integers(0, 2),
        st.integers(0, 2),
        st.sampled_from(FIELDS),
        st.text(ALPHABET, max_size=4),
    ),
    st.tuples(
        st.just("text"),
        st.integers(0, 2),
        st.integers(0, 2),
        st.floats(0, 1),
        st.integers(0, 4),
        st.text(ALPHABET, max_size=5),
    ),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("purge"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(
        st.just("deliver"),
        st.integers(0, 2),
        st.integers(0, 2),
        st.randoms(use_true_random=False),
    ),
)


@dataclass
class Model:
    """What each replica had seen: change ids, per replica, at each of its writes."""

    stores: list[RecordStore]
    record_ids: list[str]
    # change_id -> set of change ids the author knew when writing it
    knew: dict[str, set[str]] = field(default_factory=dict)

    def known(self, i: int) -> set[str]:
        return {cid for (cid,) in self.stores[i].conn.execute("SELECT change_id FROM changes")}

    def write(self, i: int, action: object) -> None:
        before = self.known(i)
        try:
            action()  # type: ignore[operator]
        except (ValueError, KeyError):
            return  # not possible on this replica (record unknown or erased)
        for cid in self.known(i) - before:
            self.knew[cid] = before


def _deliver(src: RecordStore, dst: RecordStore, rnd: random.Random) -> None:
    changes = src.all_changes()
    picked = [c for c in changes if rnd.random() < 0.7]
    picked += rnd.sample(picked, k=min(len(picked), 2))  # duplicates
    rnd.shuffle(picked)
    dst.apply_changes(picked)


def _run(ops: list[tuple[object, ...]], seed: int, insert_only: bool = False) -> Model:
    keys = {SPACE: {1: random_key()}}
    stores = [make_store(None, keys=keys, actor=n) for n in "abc"]
    base = [
        stores[0].put(
            record_type="visit",
            space=SPACE,
            values={"status": "ny"},
            texts={"body": "Første møte på kafé i Tromsø."},
        )
        for _ in range(3)
    ]
    for s in stores[1:]:
        s.apply_changes(stores[0].all_changes())
    model = Model(stores, base)
    for cid in {c.change_id for c in stores[0].all_changes()}:
        model.knew[cid] = set()
    marker = 0
    for op in ops:
        kind, i, r = op[0], int(op[1]), int(op[2])  # type: ignore[call-overload]
        s, rid = stores[i], base[r]
        if kind == "set":
            model.write(
                i,
                lambda s=s, rid=rid, op=op: s.put(
                    rid, record_type="visit", space=SPACE, values={str(op[3]): op[4]}
                ),
            )
        elif kind == "text":
            rec = s.get(rid, audit=False)
            if rec is None:
                continue
            text = str(rec.fields.get("body", ""))
            pos = int(float(op[3]) * len(text))  # type: ignore[arg-type]
            if insert_only:
                # Insert only after a space, so no marker is split by a later one.
                spots = [0] + [k for k in range(1, len(text) + 1) if text[k - 1] == " "]
                pos = spots[int(float(op[3]) * (len(spots) - 1))]  # type: ignore[arg-type]
                marker += 1
                new = text[:pos] + f"⟨{marker}ø⟩ " + text[pos:]
            else:
                cut = int(op[4])  # type: ignore[call-overload]
                new = text[:pos] + str(op[5]) + text[pos + cut :]
            model.write(
                i,
                lambda s=s, rid=rid, new=new: s.put(
                    rid, record_type="visit", space=SPACE, texts={"body": new}
                ),
            )
        elif kind == "delete" and not insert_only:
            model.write(i, lambda s=s, rid=rid: s.delete(rid))
        elif kind == "purge" and not insert_only and r == 2:
            model.write(i, lambda s=s, rid=rid: s.purge(rid))
        elif kind == "deliver" and i != r:
            _deliver(stores[i], stores[r], op[3])  # type: ignore[arg-type]
    # Full delivery, in a different random order for each replica, twice over.
    everything = [c for s in stores for c in s.all_changes()]
    rnd = random.Random(seed)
    for s in stores:
        batch = everything + rnd.sample(everything, k=min(5, len(everything)))
        rnd.shuffle(batch)
        s.apply_changes(batch)
    return model


def _register_versions(model: Model, rid: str, name: str) -> list[Change]:
    return [c for c in model.stores[0].all_changes() if c.record_id == rid and c.field == name]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op_strategy, max_size=25), seed=st.integers(0, 2**16))
def test_replicas_converge_and_lose_nothing(ops: list[tuple[object, ...]], seed: int) -> None:
    model = _run(ops, seed)
    a, b, c = model.stores
    # Every change, from its author (a replica drops the payload of a remote text
    # change once merged into the field's CRDT state).
    known = {ch.change_id: ch for s in model.stores for ch in s.all_changes()}
    everything = list(known.values())
    state = a.canonical_state()
    assert b.canonical_state() == state
    assert c.canonical_state() == state

    for rid in model.record_ids:
        rec = a.get(rid, audit=False)
        if rec is None:  # purged: gone everywhere
            assert b.get(rid, audit=False) is None and c.get(rid, audit=False) is None
            continue
        losing = {lv.version for lv in a.losing_values(rid)}
        for name in FIELDS:
            versions = _register_versions(model, rid, name)
            if not versions:
                continue
            winner = max(versions, key=lambda ch: ch.version)
            for ch in versions:
                if ch is winner:
                    continue
                superseded = any(
                    ch.change_id in model.knew.get(other.change_id, set())
                    for other in versions
                    if other is not ch
                )
                assert superseded or ch.version in losing, (
                    f"value {ch.version} of {name} was overwritten without being seen "
                    "and is not listed as a losing value"
                )

        deletes = [ch for ch in everything if ch.record_id == rid and ch.field == DELETED_FIELD]
        if deletes:
            last = max(deletes, key=lambda ch: ch.version)
            seen = model.knew.get(last.change_id, set())
            edits = [
                ch
                for ch in everything
                if ch.record_id == rid and ch.kind not in ("delete", "purge")
            ]
            # An edit counts as seen when the deleter had seen it or a later
            # change from the same device (its edits are ordered).
            seen_max: dict[str, str] = {}
            for ch in everything:
                if ch.change_id in seen and ch.kind != "delete" and ch.record_id == rid:
                    seen_max[ch.device] = max(seen_max.get(ch.device, ""), ch.hlc)
            all_seen = all(ch.hlc <= seen_max.get(ch.device, "") for ch in edits)
            assert rec.deleted == all_seen
            assert rec.resurrected == (not all_seen)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(
        st.one_of(
            st.tuples(
                st.just("text"),
                st.integers(0, 2),
                st.integers(0, 2),
                st.floats(0, 1),
                st.just(0),
                st.just(""),
            ),
            st.tuples(
                st.just("deliver"),
                st.integers(0, 2),
                st.integers(0, 2),
                st.randoms(use_true_random=False),
            ),
        ),
        max_size=20,
    ),
    seed=st.integers(0, 2**16),
)
def test_no_inserted_text_is_lost(ops: list[tuple[object, ...]], seed: int) -> None:
    model = _run(ops, seed, insert_only=True)
    texts = [
        {rid: s.get(rid, audit=False).fields["body"] for rid in model.record_ids}  # type: ignore[union-attr]
        for s in model.stores
    ]
    assert texts[0] == texts[1] == texts[2]
    inserted = sum(1 for op in ops if op[0] == "text")
    found = sorted(m for t in texts[0].values() for m in re.findall(r"⟨(\d+)ø⟩", t))
    assert sorted(found) == sorted(str(n) for n in range(1, inserted + 1))
