"""Full-text search inside the encrypted file (FTS5, contentless), kept current on every write.

One index row per readable record, rowid = ``records.rid``; the body is the
record's string values. The index never leaves the SQLCipher file: no separate
index file, no temp file (temp_store is MEMORY).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)


def body_of(values: Iterable[object]) -> str:
    """The text indexed for a record: its string values, lists flattened."""
    out: list[str] = []
    stack = list(values)
    while stack:
        v = stack.pop(0)
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, list | tuple):
            stack[0:0] = list(v)
        elif isinstance(v, dict):
            stack[0:0] = list(v.values())
    return "\n".join(out)


def match_expression(query: str) -> str | None:
    """A safe FTS5 expression from what a user typed: every word must match, as a prefix.

    User text never reaches FTS5 syntax: each word is quoted, so operators and
    quotes typed by the user are just characters.
    """
    words = _WORD.findall(query)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def index_record(conn: Any, rid: int, body: str | None, *, replace: bool = True) -> None:
    """Replace the index row for one record (``body=None`` removes it).

    ``replace=False`` when the record has no index row yet: a contentless-delete
    DELETE is not free even for a row that is not there.
    """
    if replace:
        conn.execute("DELETE FROM search WHERE rowid = ?", (rid,))
    if body:
        conn.execute("INSERT INTO search (rowid, body) VALUES (?, ?)", (rid, body))


def delete_rows(conn: Any, rids: Sequence[int]) -> None:
    """Remove the index rows of several records (each must have one)."""
    if rids:
        conn.executemany("DELETE FROM search WHERE rowid = ?", [(rid,) for rid in rids])


def insert_rows(conn: Any, rows: Sequence[tuple[int, str]]) -> None:
    """Add index rows for records that have none (ascending rowids keep FTS5 in memory)."""
    if rows:
        conn.executemany("INSERT INTO search (rowid, body) VALUES (?, ?)", rows)


def search_rids(conn: Any, query: str, limit: int) -> list[int]:
    expr = match_expression(query)
    if expr is None:
        return []
    rows = conn.execute(
        "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?", (expr, limit)
    ).fetchall()
    return [int(r[0]) for r in rows]
