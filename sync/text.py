"""Text fields as a CRDT: two offline edits of the same note both survive.

A TextDoc wraps one pycrdt (Yjs) document holding one Text named "t". Local edits
arrive as whole new strings (what the editor widget holds); edit_to() turns them
into Yjs inserts and deletes with diff-match-patch and returns the update to send.

pycrdt 0.14 counts Text positions in UTF-8 bytes while Python strings and
diff-match-patch count code points, so every position crosses char_to_byte_offset's
arithmetic. Getting that wrong does not fail loudly: an insert at a byte inside a
multi-byte character lands somewhere else, and a delete that runs past the end is
a Rust panic (pyo3's PanicException, which is not an Exception).
"""

from __future__ import annotations

import contextlib
import secrets
from typing import Final

from diff_match_patch import diff_match_patch
from pycrdt import Doc, Text, TransactionEvent, get_update, merge_updates

__all__ = [
    "DIFF_TIMEOUT_S",
    "BadTextUpdate",
    "Delta",
    "TextDoc",
    "apply_delta",
    "byte_to_char_offset",
    "char_to_byte_offset",
]

# A positional edit in code points: n > 0 keeps n characters, n < 0 deletes -n,
# a string is inserted. Unmentioned text at the end is kept.
Delta = list[int | str]

ROOT_NAME: Final = "t"
# diff-match-patch gives up on a minimal diff after this long and returns a valid
# but coarser one; a coarser diff only makes a concurrent merge less tidy.
DIFF_TIMEOUT_S: Final = 0.5
# Yjs client ids must stay within 53 bits (JavaScript's safe integers; yrs refuses
# more), and every loaded TextDoc takes a new one. Two editing sessions that draw the
# same id without having seen each other's edits corrupt the note, so the full range
# is used: the odds for n such sessions are ~n²/2⁵⁴ instead of ~n²/2³³ with Yjs's
# usual 32 bits. The price is ~20% more state on a note edited in 200 sessions.
_CLIENT_ID_BITS: Final = 53
# Several out-of-order updates waiting for the same missing one are merged into a
# single blob once there are this many.
_PENDING_MERGE_AT: Final = 4

_DIFF_EQUAL: Final = 0
_DIFF_DELETE: Final = -1
_DIFF_INSERT: Final = 1


class BadTextUpdate(ValueError):
    """A text update (or stored state) that pycrdt cannot decode or apply."""

    def __init__(self, size: int) -> None:
        self.size = size
        super().__init__(
            f"Text update of {size} bytes could not be applied: it is malformed or corrupt."
        )


def char_to_byte_offset(text: str, index: int) -> int:
    """The UTF-8 byte offset of code-point position `index` (0..len(text)) in `text`."""
    if not 0 <= index <= len(text):
        raise IndexError(f"character index {index} outside 0..{len(text)}")
    return len(text[:index].encode("utf-8"))


def byte_to_char_offset(text: str, byte_index: int) -> int:
    """The code-point position of UTF-8 byte offset `byte_index` in `text`.

    Raises IndexError outside the text and ValueError for an offset that falls
    inside a multi-byte character.
    """
    encoded = text.encode("utf-8")
    if not 0 <= byte_index <= len(encoded):
        raise IndexError(f"byte index {byte_index} outside 0..{len(encoded)}")
    # UTF-8 continuation bytes are 0b10xxxxxx; a character starts on any other byte.
    if byte_index < len(encoded) and encoded[byte_index] & 0xC0 == 0x80:
        raise ValueError(f"byte index {byte_index} is inside a multi-byte character")
    return len(encoded[:byte_index].decode("utf-8"))


def apply_delta(text: str, delta: object) -> str | None:
    """The text after a :data:`Delta`, or None when the delta does not fit the text."""
    if type(delta) is not list:
        return None
    out: list[str] = []
    pos = 0
    size = len(text)
    for op in delta:
        if type(op) is str:
            out.append(op)
        elif type(op) is int and op > 0:
            if pos + op > size:
                return None
            out.append(text[pos : pos + op])
            pos += op
        elif type(op) is int and op < 0:
            if pos - op > size:
                return None
            pos -= op
        else:
            return None
    out.append(text[pos:])
    return "".join(out)


_SENTENCE_END: Final = frozenset(".!?\n")


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``text[pos]`` starts (after the previous end and blanks)."""
    i = pos
    while i > 0 and text[i - 1] not in _SENTENCE_END:
        i -= 1
    while i < pos and text[i] in " \t":
        i += 1
    return i


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding ``text[pos]`` ends (just after its end mark)."""
    i = pos
    while i < len(text) and text[i] not in _SENTENCE_END:
        i += 1
    return min(i + 1, len(text)) if i < len(text) and text[i] != "\n" else i


def _diff(old: str, new: str) -> list[tuple[int, str]]:
    """The edit from ``old`` to ``new`` as diff-match-patch operations, one whole-sentence
    replacement for every sentence the edit touches.

    Two laptops that rewrite the same sentence offline must both keep their wording
    (the merged note then holds both sentences, flagged for review). A minimal
    character diff keeps the letters the two wordings happen to share, and a
    concurrent rewrite deletes exactly those shared letters from the other wording:
    "lager nær Tromsø" and "butikk på Åsgårdstrand" merged into "etnærheller …".
    Replacing the touched sentences whole avoids that; sentences the edit does not
    touch keep their CRDT identity, so edits in different sentences still merge
    side by side. Yjs keeps no deleted text, so the cost is a few items per save.
    """
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT_S
    diffs = dmp.diff_main(old, new)
    dmp.diff_cleanupSemantic(diffs)
    # The edited spans in old-text positions; a span that deletes text (a rewrite)
    # is widened to its whole sentences, a pure insertion stays where it is (two
    # words added to one sentence on two laptops both land in it, side by side).
    raw: list[tuple[int, int]] = []
    pos = 0
    for op, chunk in diffs:
        if op == _DIFF_EQUAL:
            pos += len(chunk)
        elif op == _DIFF_DELETE:
            start, pos = pos, pos + len(chunk)
            raw.append((_sentence_start(old, start), max(_sentence_end(old, pos - 1), pos)))
        else:
            raw.append((pos, pos))
    spans: list[list[int]] = []
    for lo, hi in sorted(raw):
        if spans and lo <= spans[-1][1] and (hi > lo or spans[-1][1] > spans[-1][0]):
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    out: list[tuple[int, str]] = []
    old_pos = 0
    for lo, hi in spans:
        new_lo, new_hi = _new_index(diffs, lo, after=False), _new_index(diffs, hi, after=True)
        if lo > old_pos:
            out.append((_DIFF_EQUAL, old[old_pos:lo]))
        if hi > lo:
            out.append((_DIFF_DELETE, old[lo:hi]))
        if new_hi > new_lo:
            out.append((_DIFF_INSERT, new[new_lo:new_hi]))
        old_pos = hi
    if old_pos < len(old):
        out.append((_DIFF_EQUAL, old[old_pos:]))
    if _applied(old, out) != new:  # never trust the widening blindly
        return [(int(op), str(chunk)) for op, chunk in diffs]
    return out


def _new_index(diffs: list[tuple[int, str]], loc: int, *, after: bool) -> int:
    """The position in the new text of old position ``loc``: before or after what is
    inserted right there."""
    old_pos = new_pos = 0
    for op, chunk in diffs:
        if op == _DIFF_INSERT:
            if old_pos == loc and not after:
                return new_pos
            new_pos += len(chunk)
            continue
        if old_pos + len(chunk) > loc:
            return new_pos + (loc - old_pos if op == _DIFF_EQUAL else 0)
        old_pos += len(chunk)
        if op == _DIFF_EQUAL:
            new_pos += len(chunk)
    return new_pos


def _applied(old: str, diffs: list[tuple[int, str]]) -> str:
    parts: list[str] = []
    pos = 0
    for op, chunk in diffs:
        if op == _DIFF_EQUAL:
            if old[pos : pos + len(chunk)] != chunk:
                return "\x00"  # not a valid diff of old
            parts.append(chunk)
            pos += len(chunk)
        elif op == _DIFF_DELETE:
            if old[pos : pos + len(chunk)] != chunk:
                return "\x00"
            pos += len(chunk)
        else:
            parts.append(chunk)
    return "".join(parts) + ("" if pos == len(old) else "\x00")


def _read_var_uint(buf: bytes, pos: int) -> tuple[int, int]:
    """One lib0 variable-length unsigned int (7 bits a byte, low bits first) at pos."""
    value = 0
    shift = 0
    while True:
        if pos >= len(buf) or shift > 63:
            raise ValueError("truncated or oversized varuint")
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _var_uints(buf: bytes) -> list[int]:
    """Every lib0 varuint in buf; buf must hold nothing else."""
    # One flat loop: state vectors and delete sets of much-edited notes hold
    # hundreds of numbers, and a call per number was the bulk of apply()'s cost.
    values: list[int] = []
    value = 0
    shift = 0
    for byte in buf:
        if byte < 0x80:
            values.append(value | byte << shift)
            value = 0
            shift = 0
        else:
            value |= (byte & 0x7F) << shift
            shift += 7
    if shift:
        raise ValueError("truncated varuint")
    return values


def _missing_deletes(rest: bytes) -> dict[int, int] | None:
    """From `rest` (an update already diffed against the doc's state vector): None if
    it still holds structs the doc lacks, else for each client the end clock its
    delete set needs.

    get_update(update, state_vector) drops the structs a doc already holds but always
    keeps the whole delete set, and yrs holds back a deletion of an item it does not
    have yet; so the delete set has to be compared with the state vector by hand.
    """
    struct_clients, pos = _read_var_uint(rest, 0)
    for _ in range(struct_clients):
        structs, pos = _read_var_uint(rest, pos)
        if structs:
            return None
        _client, pos = _read_var_uint(rest, pos)
        _clock, pos = _read_var_uint(rest, pos)
    # Without structs the rest is the delete set: varuints only.
    numbers = _var_uints(rest[pos:])
    needed: dict[int, int] = {}
    i = 1
    for _ in range(numbers[0]):
        client, ranges = numbers[i], numbers[i + 1]
        i += 2
        for _ in range(ranges):
            end = numbers[i] + numbers[i + 1]
            i += 2
            if end > needed.get(client, 0):
                needed[client] = end
    if i != len(numbers):
        raise ValueError("trailing bytes after the delete set")
    return needed


def _covers(state_vector: bytes, needed: dict[int, int]) -> bool:
    numbers = _var_uints(state_vector)
    clocks = dict(zip(numbers[1::2], numbers[2::2], strict=True))
    return all(clocks.get(client, 0) >= end for client, end in needed.items())


class TextDoc:
    """One text field's CRDT document: local edits out as updates, remote updates in."""

    __slots__ = ("_doc", "_pending", "_text")

    def __init__(self) -> None:
        # Every live document gets its own random client id, never a stored or
        # shared one: Yjs identifies each character by (client id, clock), so two
        # live docs with the same id that both edit mint different characters
        # under the same ids and replicas silently diverge or drop text on merge.
        self._doc: Doc[Text] = Doc(client_id=1 + secrets.randbelow(2**_CLIENT_ID_BITS - 1))
        self._text = Text()
        self._doc[ROOT_NAME] = self._text
        # Parts of applied updates that yrs holds back until an earlier update
        # arrives (see _settle); yrs leaves them out of get_update().
        self._pending: list[bytes] = []

    @classmethod
    def load(cls, state: bytes | None = None) -> TextDoc:
        """A document from a full state (from state()), or an empty one for None."""
        doc = cls()
        if state is not None:
            doc._apply(state, loaded=True)
        return doc

    @property
    def text(self) -> str:
        """The current text."""
        return str(self._text)

    @property
    def has_pending_updates(self) -> bool:
        """True while some applied update waits for an earlier one that has not arrived."""
        return bool(self._pending)

    def edit_to(self, new_text: str) -> bytes | None:
        """Turn the text into `new_text`; return the Yjs update for that edit, or None."""
        made = self.edit(new_text)
        return None if made is None else made[0]

    def edit(self, new_text: str) -> tuple[bytes, Delta] | None:
        """:meth:`edit_to`, also returning the edit as a positional :data:`Delta`.

        A replica whose text is exactly this document's text before the edit
        gets the text after it with apply_delta(), without loading a document.
        """
        old_text = self.text
        if new_text == old_text:
            return None
        # Fails on lone surrogates before anything is written: pycrdt would commit
        # the edits made so far even if a later one raised.
        new_text.encode("utf-8")
        updates: list[bytes] = []

        def capture(event: TransactionEvent) -> None:
            updates.append(event.update)

        # The transaction's own update carries its inserts and only its deletions;
        # get_update(state_vector_before) would repeat the whole delete set of the
        # note's history every time (≈6× larger on a much-edited note).
        # Subscribed per edit, not for the doc's lifetime: a callback kept by the
        # Rust side and pointing back at self is a cycle Python's GC cannot see.
        subscription = self._doc.observe(capture)
        delta: Delta = []
        try:
            with self._doc.transaction():
                pos = 0
                for op, chunk in _diff(old_text, new_text):
                    size = len(chunk.encode("utf-8"))
                    if op == _DIFF_DELETE:
                        del self._text[pos : pos + size]
                        delta.append(-len(chunk))
                    elif op == _DIFF_INSERT:
                        self._text.insert(pos, chunk)
                        pos += size
                        delta.append(chunk)
                    else:
                        pos += size
                        delta.append(len(chunk))
        finally:
            self._doc.unobserve(subscription)
        if self.text != new_text or len(updates) != 1:
            raise RuntimeError("internal error: the text edit did not produce the requested text")
        while delta and isinstance(delta[-1], int) and delta[-1] > 0:
            delta.pop()  # the unchanged end is implied
        if apply_delta(old_text, delta) != new_text:
            raise RuntimeError("internal error: the text delta does not reproduce the edit")
        return updates[0], delta

    def apply(self, update: bytes) -> None:
        """Merge a remote update; duplicates and any delivery order give the same text."""
        self._apply(update, loaded=False)

    def _apply(self, update: bytes, *, loaded: bool) -> None:
        try:
            self._doc.apply_update(update)
        except (ValueError, RuntimeError):
            # from None keeps pycrdt's own message out of tracebacks and logs: ours
            # says all the caller can act on. yrs decodes the whole update before
            # integrating any of it, so a refused update leaves the doc unchanged.
            raise BadTextUpdate(len(update)) from None
        self._settle(update, loaded=loaded)

    def state(self) -> bytes:
        """The full encoded state to persist (compacted; see below)."""
        # Compaction: pycrdt garbage-collects by default (skip_gc is off), so a
        # committed delete replaces the removed characters by a small GC range;
        # get_update() is already compact and reloading it and re-encoding does
        # not shrink it further. What stays is one struct per surviving run of
        # characters plus the ids of the deleted ranges, so the size follows the
        # edit history, not only the text length.
        full = self._doc.get_update()
        if not self._pending:
            return full
        # yrs, unlike Yjs, omits updates still waiting for a missing predecessor
        # from get_update(); keep them, or a reload would lose them for good.
        return merge_updates(full, *self._pending)

    def state_vector(self) -> bytes:
        """The encoded state vector: which updates this document already holds."""
        return self._doc.get_state()

    def _settle(self, update: bytes, *, loaded: bool) -> None:
        """Recompute which parts of the applied updates yrs still holds back."""
        if loaded and not self._pending and self._doc.get_update() == update:
            # A stored state re-encodes to the same bytes unless yrs held part of it
            # back; on a much-edited note this is several times cheaper than the
            # general check below, and loading is the hot path.
            return
        sv = self._doc.get_state()
        still: list[bytes] = []
        for candidate in (*self._pending, update):
            try:
                rest = get_update(candidate, sv)
                needed = _missing_deletes(rest)
                absorbed = needed is not None and _covers(sv, needed)
            except (ValueError, RuntimeError, IndexError):
                # Not a v1 update this code can read: keep it rather than lose data.
                rest, absorbed = candidate, False
            if not absorbed:
                still.append(rest)
        if len(still) >= _PENDING_MERGE_AT:
            with contextlib.suppress(ValueError, RuntimeError):
                still = [merge_updates(*still)]
        self._pending = still
