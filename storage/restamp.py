"""Re-stamping and re-sealing this device's changes that no server has accepted yet.

Re-stamping (:meth:`storage.store.RecordStore.restamp_future`): a laptop whose
clock ran ahead stamped its changes ahead; the server refuses them, and since
the HLC never goes back everything written after the clock was put right is
stamped ahead too. Once the wall clock is right again, each such change gets a
fresh stamp, in the order of the old ones; every reference to an old version
is rewritten (:class:`Remap`: register bases, text seen-vectors and set
digests, delete watermarks, causal summaries, kept texts, the text state's
seal, purges) and every envelope bound to an old stamp is sealed again. No
server can have accepted such a change, so nobody has seen it and rewriting it
loses nothing.

Re-sealing (:meth:`Restamper.reseal_outbox`): after a key rotation, a change
not yet pushed that a retired key version sealed is sealed again under the
newest version; its plaintext stays as it is.

Neither runs a transaction or merges records: the store does both around them.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from storage.changelog import BASES_COLUMN, change_row, chunks
from storage.db import CipherConnection
from storage.envelopes import (
    Envelopes,
    change_aad,
    kept_text_aad,
    msgpack_decode,
    msgpack_encode,
    text_state_aad,
)
from storage.errors import IntegrityFailure, KeyUnavailable
from storage.keys import SpaceKeys
from sync import merge
from sync.changes import Change, split_version, version_of
from sync.hlc import Hlc, HybridClock


@dataclass(slots=True)
class Restamp:
    """One local change getting a new stamp (restamp_future)."""

    seq: int
    change: Change
    body: dict[str, Any] | None  # None: its content was purged
    new_hlc: str = ""


class Remap:
    """Old stamps of re-stamped changes to new ones, and references rewritten with them."""

    def __init__(self, device: str, todo: list[Restamp]) -> None:
        self.device = device
        self.hlcs = {r.change.hlc: r.new_hlc for r in todo}
        self.versions = {r.change.version: version_of(r.new_hlc, device) for r in todo}
        self._olds = sorted(self.hlcs)
        self._highest: list[str] = []  # the highest new stamp among the olds up to each
        for old in self._olds:
            new = self.hlcs[old]
            self._highest.append(max(new, self._highest[-1]) if self._highest else new)
        # Text changes re-stamped, per field: (seq, old version, new version).
        self._texts: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
        for r in todo:
            if r.change.kind == "text":
                key = (r.change.record_id, r.change.field)
                old_v = r.change.version
                self._texts.setdefault(key, []).append((r.seq, old_v, self.versions[old_v]))

    def watermark(self, stamp: str) -> str:
        """This device's entry of a seen-vector: it had seen its changes up to ``stamp``."""
        at = bisect.bisect_right(self._olds, stamp)
        if at == 0:
            return stamp
        best = self._highest[at - 1]
        return best if stamp in self.hlcs else max(stamp, best)

    def body(self, seq: int, ch: Change, body: dict[str, Any]) -> dict[str, Any]:
        """A change's payload with its references to re-stamped versions rewritten."""
        out = dict(body)
        bases = out.get("b")
        if isinstance(bases, list):
            out["b"] = sorted(self.versions.get(v, v) if isinstance(v, str) else v for v in bases)
        seen = out.get("s")
        if isinstance(seen, dict) and isinstance(seen.get(self.device), str):
            out["s"] = {**seen, self.device: self.watermark(seen[self.device])}
        summary = out.get("c")
        if isinstance(summary, dict):
            entry = summary.get(self.device)
            if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str):
                losers = sorted(self.hlcs.get(h, h) for h in entry[1] if isinstance(h, str))
                out["c"] = {**summary, self.device: [self.watermark(entry[0]), losers]}
        digest = out.get("h")
        if ch.kind == "text" and isinstance(digest, str):
            # The set of text changes merged into the field when this edit was made:
            # this device's earlier edits of the field among them.
            for at, old_v, new_v in self._texts.get((ch.record_id, ch.field), ()):
                if at < seq:
                    digest = merge.digest_step(merge.digest_step(digest, old_v), new_v)
            out["h"] = digest
        return out


class Restamper:
    """Re-stamps and re-seals this device's unpushed changes in one replica's database."""

    def __init__(
        self,
        *,
        conn: Callable[[], CipherConnection],
        keys: Callable[[], SpaceKeys],
        envelopes: Envelopes,
        clock: HybridClock,
        device: str,
        sign: Callable[[Change], bytes],
    ) -> None:
        # Getters for the connection and keys: the store's raise Locked once it is locked.
        self._conn = conn
        self._keys = keys
        self._env = envelopes
        self._clock = clock
        self._device = device
        self._sign = sign  # a purge's signature (it covers the stamp and key version)

    def reseal_outbox(self) -> int:
        """Seal again under its space's newest key version every local change not yet
        pushed that a retired version sealed; returns how many.

        After a key rotation (a device that held the space was revoked) nothing
        that leaves this device may be sealed with a version the revoked device
        held: edits made offline before the new version arrived get it here,
        before they are pushed. The plaintext bytes stay as they are; only the key
        version (part of the associated data) and the envelope change. A change
        that does not open is left exactly as it is.
        """
        conn = self._conn()
        rows = conn.execute(
            "SELECT seq, change_id, device, hlc, record_id, type, space, field, kind,"
            " key_version, payload, purge_spaces FROM changes WHERE local = 1"
            " AND pushed = 0 AND payload IS NOT NULL ORDER BY seq"
        ).fetchall()
        current: dict[str, int | None] = {}
        updates: list[tuple[int, bytes, int]] = []
        for row in rows:
            ch = Change(*row[1:])
            if ch.space not in current:
                try:
                    current[ch.space] = self._keys().current_version(ch.space)
                except KeyUnavailable:
                    current[ch.space] = None
            newest = current[ch.space]
            if newest is None or ch.key_version >= newest:
                continue
            try:
                plain = self._env.open_change_bytes(ch)
            except (IntegrityFailure, KeyUnavailable):
                continue
            moved = replace(ch, key_version=newest)
            if ch.kind == "purge":  # its signature covers the key version
                body = msgpack_decode(plain)
                body["g"] = self._sign(moved)
                plain = msgpack_encode(body)
            payload = self._keys().sealing_cipher(ch.space, newest).seal(plain, change_aad(moved))
            updates.append((newest, payload, row[0]))
        if updates:
            conn.executemany(
                "UPDATE changes SET key_version = ?, payload = ? WHERE seq = ?", updates
            )
        return len(updates)

    def restamp(self, todo: list[Restamp], threshold: str) -> Remap:
        """Give each change of ``todo`` (in the order of its old stamp) a new stamp, seal
        it again with its references rewritten, and seal again the later local changes
        that name one; returns the remap for the records' own rewrite (:meth:`reseal_texts`)."""
        conn = self._conn()
        moving = {r.change.change_id for r in todo}
        done: dict[tuple[str, str], str] = {}  # (record, field) -> newest version given
        for r in todo:  # in the order of the old stamps
            ch = r.change
            stamp: Hlc | None = None
            if ch.kind != "text":
                # Above every version of the field it sorted above and that keeps its
                # stamp, whoever wrote it: a version it overwrote stays below it.
                old = ch.version
                below = [
                    v
                    for cid, h, d in conn.execute(
                        "SELECT change_id, hlc, device FROM changes WHERE record_id = ?"
                        " AND field = ? AND kind IN ('register', 'delete', 'purge')",
                        (ch.record_id, ch.field),
                    )
                    if cid not in moving and (v := version_of(h, d)) < old
                ]
                if (ch.record_id, ch.field) in done:
                    below.append(done[(ch.record_id, ch.field)])
                if below:
                    stamp = self._clock.tick_after(Hlc.decode(split_version(max(below))[0]))
            r.new_hlc = (stamp or self._clock.tick()).encode()
            if ch.kind != "text":
                done[(ch.record_id, ch.field)] = version_of(r.new_hlc, self._device)
        remap = Remap(self._device, todo)

        rows: list[tuple[Any, ...]] = []
        for r in todo:
            ch = replace(r.change, hlc=r.new_hlc, payload=b"")
            if r.body is None:  # content purged: only the stamp moves
                rows.append((r.new_hlc, None, "", r.seq))
                continue
            body = remap.body(r.seq, ch, r.body)
            if ch.kind == "purge":
                body["g"] = self._sign(ch)  # it signed the old stamp
            payload = self._env.seal_change(ch, body)
            rows.append((r.new_hlc, payload, change_row(ch, body, local=True)[BASES_COLUMN], r.seq))
        conn.executemany(
            "UPDATE changes SET hlc = ?, payload = coalesce(?, payload), bases = ? WHERE seq = ?",
            rows,
        )
        # Later local changes that keep their stamps but name a re-stamped one (a delete's
        # watermark, say): never pushed either, so sealed again as they are now.
        records = sorted({r.change.record_id for r in todo})
        restamped = {r.seq for r in todo}
        for chunk in chunks(records, 500):
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                "SELECT seq, change_id, device, hlc, record_id, type, space, field, kind,"
                " key_version, payload FROM changes WHERE local = 1 AND pushed = 0"
                f" AND device = ? AND hlc <= ? AND payload IS NOT NULL AND record_id IN ({marks})",
                (self._device, threshold, *chunk),
            ).fetchall():
                if row[0] in restamped:
                    continue
                ch = Change(*row[1:])
                try:
                    body = self._env.open_change(ch)
                except (IntegrityFailure, KeyUnavailable):
                    continue
                new = remap.body(row[0], ch, body)
                if new != body:
                    payload = self._env.seal_change(ch, new)
                    conn.execute(
                        "UPDATE changes SET payload = ?, bases = ? WHERE seq = ?",
                        (payload, change_row(ch, new, local=True)[BASES_COLUMN], row[0]),
                    )
        for r in todo:
            if r.change.kind == "purge":
                conn.execute(
                    "UPDATE purged SET version = ? WHERE version = ?",
                    (remap.versions[r.change.version], r.change.version),
                )
        return remap

    def reseal_texts(self, record_id: str, space: str, rtype: str, remap: Remap) -> None:
        """Seal again a record's text states and kept texts bound to re-stamped versions."""
        versions = remap.versions
        conn = self._conn()
        for name, kv, by, seal_version, state in conn.execute(
            "SELECT field, key_version, sealed_by, seal_version, state FROM texts"
            " WHERE record_id = ?",
            (record_id,),
        ).fetchall():
            if seal_version not in versions:
                continue
            cipher = self._env.cipher(space, kv)
            plain = cipher.open(
                state, text_state_aad(space, rtype, record_id, name, seal_version, kv, by)
            )
            new = versions[seal_version]
            conn.execute(
                "UPDATE texts SET seal_version = ?, state = ? WHERE record_id = ? AND field = ?",
                (
                    new,
                    cipher.seal(plain, text_state_aad(space, rtype, record_id, name, new, kv, by)),
                    record_id,
                    name,
                ),
            )
        for vid, name, hlc, m_device, m_hlc, kv, by, blob in conn.execute(
            "SELECT id, field, hlc, merged_device, merged_hlc, key_version, sealed_by, content"
            " FROM text_versions WHERE record_id = ? AND device = ?",
            (record_id, self._device),
        ).fetchall():
            if hlc not in remap.hlcs:
                continue
            new_hlc = remap.hlcs[hlc]
            merged = version_of(m_hlc, m_device)
            cipher = self._env.cipher(space, kv)
            plain = cipher.open(
                blob, kept_text_aad(space, rtype, record_id, name, hlc, merged, kv, by)
            )
            sealed = cipher.seal(
                plain, kept_text_aad(space, rtype, record_id, name, new_hlc, merged, kv, by)
            )
            conn.execute(
                "UPDATE text_versions SET hlc = ?, content = ? WHERE id = ?", (new_hlc, sealed, vid)
            )


__all__ = ["Remap", "Restamp", "Restamper"]
