"""The merge rules, as pure functions over plain values (no SQL, no crypto).

A replica's state is a function of the *set* of changes it knows; these rules
decide that state, whatever stores the changes (storage.store calls them):

- register fields: last writer wins by version (``hlc@device``, fixed-width
  HLC, so plain string order); every version is kept, and a version that is
  neither the winner nor an ancestor of it is a *losing value*. Ancestry runs
  through the bases each write names and through its causal summary
  (:data:`Summary`), which lets a replica see that a version is an ancestor of
  a new winner even when the versions in between never reached it (the server
  compacts superseded versions away);
- delete: a register ``_deleted`` carrying the per-device watermark of what the
  deleting device had seen; an edit above that watermark (made concurrently)
  keeps the record alive and flags it as resurrected;
- text fields: the set of text changes merged into a field is named by a digest
  that does not depend on the order of merging (:func:`digest_step`); a remote
  edit whose author had not seen this device's last edit of the field is
  concurrent with it (:func:`concurrent_with`);
- purge: erases the record and every space its sealed body names
  (:func:`sealed_spaces`, :func:`purged_spaces`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sync.changes import split_version, version_of

# A register write's causal summary ("c"): per device, the newest version of the
# field in the write's ancestor closure (the write itself included) and the versions
# of that device below it that are not in the closure (unresolved losing values), as
# {device: (hlc, {hlc, ...})}.
Summary = dict[str, tuple[str, set[str]]]


def parse_summary(raw: Any) -> Summary | None:
    """A causal summary as a payload carries it; None when absent or malformed."""
    if not isinstance(raw, dict):
        return None
    out: Summary = {}
    for device, entry in raw.items():
        if not (
            isinstance(device, str)
            and isinstance(entry, list)
            and len(entry) == 2
            and isinstance(entry[0], str)
            and isinstance(entry[1], list)
        ):
            return None
        out[device] = (entry[0], {h for h in entry[1] if isinstance(h, str)})
    return out


def covers(summary: Summary, version: str) -> bool:
    """Whether ``version`` is in the ancestor closure a summary describes."""
    hlc, device = split_version(version)
    entry = summary.get(device)
    return entry is not None and hlc <= entry[0] and hlc not in entry[1]


def closure(
    start: str, parents: Mapping[str, Sequence[str]], summaries: Mapping[str, Summary]
) -> set[str]:
    """``start`` and its ancestors among the known versions: through the bases each
    write names and through the causal summaries of the versions reached."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        v = stack.pop()
        if v in seen:
            continue
        seen.add(v)
        stack.extend(parents.get(v, ()))
        summary = summaries.get(v)
        if summary is not None:
            stack.extend(x for x in parents if x not in seen and covers(summary, x))
    return seen


def summary_of(
    version: str, parents: Mapping[str, Sequence[str]], summaries: Mapping[str, Summary]
) -> Summary:
    """A version's causal summary: its own, or (a payload written before summaries
    were kept) worked out from the versions known here."""
    own = summaries.get(version)
    if own is not None:
        return own
    ancestors = closure(version, parents, summaries)
    out: Summary = {}
    for v in ancestors:
        hlc, device = split_version(v)
        if device not in out or hlc > out[device][0]:
            out[device] = (hlc, set())
    for v in parents:
        if v not in ancestors:
            hlc, device = split_version(v)
            if device in out and hlc <= out[device][0]:
                out[device][1].add(hlc)
    return out


def write_summary(
    *,
    device: str,
    stamp: str,
    bases: Sequence[str],
    parents: Mapping[str, Sequence[str]],
    summaries: Mapping[str, Summary],
) -> dict[str, list[Any]]:
    """The causal summary of a new write by ``device`` at ``stamp`` over ``bases``,
    in its payload form, given the field's known versions."""
    per = [summary_of(b, parents, summaries) for b in bases]
    merged: Summary = {}
    for summary in per:
        for dev, (top, _losers) in summary.items():
            if dev not in merged or top > merged[dev][0]:
                merged[dev] = (top, set())
    for i, summary in enumerate(per):
        for dev, (_top, losers) in summary.items():
            for hlc in losers:
                v = version_of(hlc, dev)
                if not any(covers(o, v) for j, o in enumerate(per) if j != i):
                    merged[dev][1].add(hlc)
    # The writer's range reaches this write: its own versions in between are
    # not ancestors (they lost and were not settled).
    low, losers = merged.get(device, ("", set()))
    for v in parents:
        hlc, dev = split_version(v)
        if dev == device and low < hlc < stamp:
            losers.add(hlc)
    merged[device] = (stamp, losers)
    return {d: [top, sorted(losers)] for d, (top, losers) in sorted(merged.items())}


def register_outcome(
    parents: Mapping[str, Sequence[str]], summaries: Mapping[str, Summary]
) -> tuple[str, list[str]]:
    """(winner, losing versions, sorted) of a register field's known versions."""
    winner = max(parents)
    ancestors = closure(winner, parents, summaries)
    return winner, sorted(v for v in parents if v not in ancestors)


def supersedes(current: str | None, version: str, bases: Iterable[str]) -> bool:
    """Whether ``version`` simply replaces the field's winner ``current`` (or is the
    field's first version): written over it and newer. Given no losing values,
    the field then has none either, and the history need not be consulted."""
    return current is None or (version > current and current in bases)


def deleted_state(
    deleted: bool, seen: Mapping[str, str], heads: Mapping[str, str]
) -> tuple[bool, bool]:
    """(deleted, resurrected) of a record from its winning ``_deleted`` value, the
    watermark that delete carried (``seen``) and the record's heads (the highest
    HLC per device among its non-delete changes)."""
    if not deleted:
        return False, False
    for device, hlc in heads.items():
        if hlc > seen.get(device, ""):
            return False, True
    return True, False


def advance_heads(heads: dict[str, str], device: str, hlc: str, kind: str) -> None:
    """Take a change into a record's heads (deletes do not count: see deleted_state)."""
    if kind != "delete" and hlc > heads.get(device, ""):
        heads[device] = hlc


def digest_step(digest: str, version: str) -> str:
    """Add (or remove) one text change to a set digest: XOR of 128-bit hashes of the
    versions, so the digest names the set whatever the order of merging."""
    h = int.from_bytes(hashlib.blake2b(version.encode(), digest_size=16).digest(), "big")
    value = (int(digest, 16) if digest else 0) ^ h
    return f"{value:032x}" if value else ""


def text_hash(text: str) -> bytes:
    """The short hash a text edit carries of the text it was made on."""
    return hashlib.blake2b(text.encode(), digest_size=8).digest()


def seen_of(body: Mapping[str, Any]) -> dict[str, str]:
    """The per-device watermark (``"s"``) a payload carries; empty when it has none."""
    seen = body.get("s")
    return seen if isinstance(seen, dict) else {}


def concurrent_with(body: Mapping[str, Any], device: str, mine: str) -> bool:
    """Whether an edit made elsewhere had not seen ``device``'s edit at ``mine``."""
    return seen_of(body).get(device, "") < mine


def sealed_spaces(body: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The spaces a purge's body names, sorted; None when they are malformed."""
    value = body.get("v")
    if not isinstance(value, dict):
        return ()
    spaces = value.get("spaces", [])
    if not isinstance(spaces, list) or not all(isinstance(sp, str) and sp for sp in spaces):
        return None
    return tuple(sorted(set(spaces)))


def purged_spaces(bodies: Iterable[Mapping[str, Any]]) -> list[str]:
    """The spaces a set of applied purges of one record erase, sorted (names that
    are not strings are ignored: the purge was already judged on its sealed form)."""
    return sorted(
        {
            sp
            for body in bodies
            if isinstance(body.get("v"), dict)
            for sp in body["v"].get("spaces", [])
            if isinstance(sp, str)
        }
    )


__all__ = [
    "Summary",
    "advance_heads",
    "closure",
    "concurrent_with",
    "covers",
    "deleted_state",
    "digest_step",
    "parse_summary",
    "purged_spaces",
    "register_outcome",
    "sealed_spaces",
    "seen_of",
    "summary_of",
    "supersedes",
    "text_hash",
    "write_summary",
]
