"""Text history: this device's own text of a field, kept when a concurrent edit was merged.

Two offline edits of the same note both survive in the merged text (a Yjs
document per field, sync.text), but the merged wording may read oddly; so when
a remote edit made *without seeing* this device's last edit of a field is
merged in (sync.merge.concurrent_with), the text from just before the merge is
kept, sealed (``"kept:<field>"``, storage.envelopes), and the record flagged
:data:`FLAG_TEXT_MERGED` until the user restores a kept text or accepts the
merge. The flag and kept texts are local to this replica: they never sync and
are left out of the canonical state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

import msgspec

from storage.db import CipherConnection
from storage.envelopes import Envelopes, kept_text_aad, msgpack_decode, msgpack_encode
from storage.errors import IntegrityFailure
from sync.changes import Change, version_of
from sync.hlc import Hlc

# A text field merged a remote edit made concurrently with this device's own
# edits; the text from before the merge is kept (text_versions). Local to this
# replica, so left out of canonical_state.
FLAG_TEXT_MERGED: Final = 4


@dataclass(frozen=True, slots=True)
class TextVersion:
    """This device's text of a field, kept when a concurrent edit was merged into it."""

    id: int
    record_id: str
    field: str
    text: str
    device: str  # who wrote this text (this device)
    hlc: str  # when: this device's last edit of the field before the merge
    merged_device: str  # whose concurrent edit was merged in
    merged_hlc: str

    @property
    def written_at(self) -> datetime:
        return Hlc.decode(self.hlc).to_datetime()

    @property
    def merged_at(self) -> datetime:
        return Hlc.decode(self.merged_hlc).to_datetime()


class TextHistory:
    """The kept texts of one replica's database."""

    def __init__(
        self, *, conn: Callable[[], CipherConnection], envelopes: Envelopes, device: str
    ) -> None:
        # A getter: the store's raises Locked once it is locked.
        self._conn = conn
        self._env = envelopes
        self._device = device

    def versions(self, record_id: str, field_name: str | None = None) -> list[TextVersion]:
        """This device's own texts kept when a concurrent edit was merged in, newest first.

        A record with any has ``Record.text_merged`` set. Each is the field's text
        on this device just before a merge of an edit made elsewhere without
        seeing this device's edits (both edits survive in the merged text).
        """
        sql = (
            "SELECT v.id, v.field, v.device, v.hlc, v.merged_device, v.merged_hlc,"
            " v.key_version, v.sealed_by, v.content, r.type, r.space"
            " FROM text_versions v JOIN records r ON r.id = v.record_id WHERE v.record_id = ?"
        )
        params: list[object] = [record_id]
        if field_name is not None:
            sql += " AND v.field = ?"
            params.append(field_name)
        out: list[TextVersion] = []
        for (
            vid,
            name,
            device,
            hlc,
            m_device,
            m_hlc,
            kv,
            by,
            blob,
            rtype,
            space,
        ) in self._conn().execute(sql + " ORDER BY v.id DESC", params).fetchall():
            merged = version_of(m_hlc, m_device)
            aad = kept_text_aad(space, rtype, record_id, name, hlc, merged, kv, by)
            try:
                text = msgpack_decode(self._env.cipher(space, kv).open(blob, aad))
            except (IntegrityFailure, msgspec.DecodeError):
                raise IntegrityFailure(record_id, name) from None
            if not isinstance(text, str):
                raise IntegrityFailure(record_id, name)
            out.append(TextVersion(vid, record_id, name, text, device, hlc, m_device, m_hlc))
        return out

    def drop(self, record_id: str, field_name: str) -> None:
        """Forget a field's kept texts; the record's flag stays while another field has some."""
        conn = self._conn()
        conn.execute(
            "DELETE FROM text_versions WHERE record_id = ? AND field = ?", (record_id, field_name)
        )
        left = conn.execute(
            "SELECT 1 FROM text_versions WHERE record_id = ? LIMIT 1", (record_id,)
        ).fetchone()
        # The flag lives outside the sealed content (it is not part of the AAD).
        conn.execute(
            "UPDATE records SET flags = (flags & ?) | ? WHERE id = ?",
            (~FLAG_TEXT_MERGED, FLAG_TEXT_MERGED if left else 0, record_id),
        )

    def last_own_edit(self, record_id: str, field_name: str) -> str | None:
        """The stamp of this device's newest edit of a text field (None: it made none)."""
        row = (
            self._conn()
            .execute(
                "SELECT max(hlc) FROM changes WHERE record_id = ? AND field = ?"
                " AND kind = 'text' AND device = ?",
                (record_id, field_name, self._device),
            )
            .fetchone()
        )
        return row[0] if row and row[0] else None

    def keep(
        self,
        *,
        record_id: str,
        rtype: str,
        space: str,
        field_name: str,
        text: str,
        mine: str,
        merged: Change,
        key_version: int,
    ) -> None:
        """Keep ``text``, this device's text of the field as of its edit at ``mine``,
        before ``merged`` (the newest concurrent edit) was merged into it."""
        aad = kept_text_aad(
            space, rtype, record_id, field_name, mine, merged.version, key_version, self._device
        )
        blob = self._env.cipher(space, key_version).seal(msgpack_encode(text), aad)
        self._conn().execute(
            "INSERT INTO text_versions (record_id, field, device, hlc, merged_device,"
            " merged_hlc, key_version, sealed_by, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record_id,
                field_name,
                self._device,
                mine,
                merged.device,
                merged.hlc,
                key_version,
                self._device,
                blob,
            ),
        )

    def merged_fields(self, record_id: str) -> set[str]:
        """The fields of a record with kept texts."""
        return {
            f
            for (f,) in self._conn().execute(
                "SELECT DISTINCT field FROM text_versions WHERE record_id = ?", (record_id,)
            )
        }

    def records_in(self, spaces_json: str) -> list[str]:
        """Records with kept texts among the spaces given (a JSON array)."""
        return [
            r
            for (r,) in self._conn()
            .execute(
                "SELECT DISTINCT v.record_id FROM text_versions v JOIN records r"
                " ON r.id = v.record_id WHERE r.space IN (SELECT value FROM json_each(?))",
                (spaces_json,),
            )
            .fetchall()
        ]


__all__ = ["FLAG_TEXT_MERGED", "TextHistory", "TextVersion"]
