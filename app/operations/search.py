"""Full-text search over what this role may read: the caseload's search and ``feltjournal
search`` both show these hits.

Each hit says why it matched: whose record it is, what kind of record, its date,
and a snippet of the matching text with the matched words marked. The index is
contentless (storage/search.py), so the snippet is cut from the record's own
fields, decrypted in memory for this call: it is never written anywhere, and the
caller shows it and lets it go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.schema import entity
from app.journal import Journal
from storage.store import Record

SNIPPET_CHARS = 160  # about two lines of the result list
_WORD = re.compile(r"\w+", re.UNICODE)
# Fields never shown as why a record matched (identity numbers and the like).
_HIDDEN_FIELDS = frozenset({"national_id"})


@dataclass(frozen=True, slots=True)
class Snippet:
    """A piece of the matching text: runs of (text, matched?) in order."""

    runs: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The text with each matched word between ``before`` and ``after``."""
        return "".join(f"{before}{t}{after}" if hit else t for t, hit in self.runs)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A matching record and why it matched (text in memory only)."""

    id: str
    type: str
    parent: str | None
    participant_id: str | None  # whose record it is; None for a team record (an employer)
    name: str  # the participant's name, or the team record's own title
    date: str | None  # ISO: the record's own date, when it has one
    field: str | None  # the field the snippet is from
    snippet: Snippet


def _words(query: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(query)]


def _flatten(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " · ".join(t for v in value if (t := _flatten(v)))
    if isinstance(value, dict):
        return " · ".join(t for v in value.values() if (t := _flatten(v)))
    return ""


def _texts(fields: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (name, text)
        for name, value in fields.items()
        if name not in _HIDDEN_FIELDS and (text := _flatten(value).strip())
    ]


def _matches(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Spans of the tokens of ``text`` that start with one of ``words`` (the index's rule:
    every typed word is a prefix; case folded; æ, ø, å are letters of their own)."""
    return [
        (m.start(), m.end())
        for m in _WORD.finditer(text)
        if any(m.group().casefold().startswith(w) for w in words)
    ]


def snippet_of(fields: Mapping[str, Any], query: str) -> tuple[str | None, Snippet]:
    """The field that best shows why ``fields`` matched ``query`` (most of the typed words,
    then the first), and a snippet of it around the first match, cut at word boundaries."""
    words = _words(query)
    best: tuple[int, str, str, list[tuple[int, int]]] | None = None
    for name, text in _texts(fields):
        spans = _matches(text, words)
        if not spans:
            continue
        found = {w for w in words for s, e in spans if text[s:e].casefold().startswith(w)}
        if best is None or len(found) > best[0]:
            best = (len(found), name, text, spans)
    if best is None:
        return None, Snippet(())
    _, name, text, spans = best
    flat = " ".join(text.split())  # one line: newlines and runs of spaces as one space
    spans = _matches(flat, words)
    first = spans[0][0]
    start = max(0, first - SNIPPET_CHARS // 3)
    if start:
        space = flat.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    end = min(len(flat), start + SNIPPET_CHARS)
    if end < len(flat):
        space = flat.rfind(" ", spans[0][1], end)
        end = space if space > 0 else end
    runs: list[tuple[str, bool]] = [("…", False)] if start else []
    at = start
    for s, e in spans:
        if s < start or e > end:
            continue
        if s > at:
            runs.append((flat[at:s], False))
        runs.append((flat[s:e], True))
        at = e
    if at < end:
        runs.append((flat[at:end], False))
    if end < len(flat):
        runs.append(("…", False))
    return name, Snippet(tuple(runs))


def _date_of(rec: Record) -> str | None:
    spec = entity(rec.type)
    if spec is None:
        return None
    dated = [f.name for f in spec.fields if f.kind == "date"]
    for name in ("date", *dated):
        value = rec.fields.get(name)
        if value:
            return str(value)
    return None


def _title_of(rec: Record) -> str:
    spec = entity(rec.type)
    title = spec.title if spec is not None else None
    return str(rec.fields.get(title or "name") or rec.fields.get("name") or "")


def search(journal: Journal, *, text: str, limit: int = 50) -> list[SearchHit]:
    """Records whose text matches every word typed (prefixes), best first, each with why."""
    records = [r for r in journal.search(text, limit=limit) if r.error is None and not r.deleted]
    names = _participant_names(journal, records)
    hits: list[SearchHit] = []
    for r in records:
        pid = r.id if r.type == "participant" else r.parent if r.parent in names else None
        field, snippet = snippet_of(r.fields, text)
        hits.append(
            SearchHit(
                id=r.id,
                type=r.type,
                parent=r.parent,
                participant_id=pid,
                name=names[pid] if pid is not None else _title_of(r),
                date=_date_of(r),
                field=field,
                snippet=snippet,
            )
        )
    return hits


def _participant_names(journal: Journal, records: Iterable[Record]) -> dict[str, str]:
    """The names of the participants the hits belong to (each read once, not audited:
    the search's caller records what it shows)."""
    out: dict[str, str] = {}
    for r in records:
        if r.type == "participant":
            out[r.id] = str(r.fields.get("name") or "")
    looked_up: set[str] = set(out)
    for r in records:
        if r.parent is not None and r.parent not in looked_up:
            looked_up.add(r.parent)
            parent = journal.reread(r.parent)
            if parent is not None and parent.type == "participant":
                out[r.parent] = str(parent.fields.get("name") or "")
    return out
