"""The merge rules on plain values: which version wins, what loses, deletes, purges."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from sync.merge import (
    Summary,
    advance_heads,
    closure,
    concurrent_with,
    covers,
    deleted_state,
    digest_step,
    parse_summary,
    purged_spaces,
    register_outcome,
    sealed_spaces,
    summary_of,
    supersedes,
    text_hash,
    write_summary,
)


def v(hlc: str, device: str) -> str:
    return f"{hlc}@{device}"


A1, A2, A3 = v("0001", "a"), v("0002", "a"), v("0003", "a")
B1, B2 = v("0001", "b"), v("0002", "b")
C1 = v("0004", "c")

# (name, parents: version -> bases, summaries, winner, losers)
REGISTER_CASES: list[
    tuple[str, Mapping[str, Sequence[str]], Mapping[str, Summary], str, list[str]]
] = [
    ("one version", {A1: []}, {}, A1, []),
    ("a chain: the newest wins, nothing lost", {A1: [], A2: [A1], A3: [A2]}, {}, A3, []),
    ("two concurrent firsts: the higher version wins", {A1: [], B1: []}, {}, B1, [A1]),
    (
        "device breaks an HLC tie",
        {v("0005", "a"): [], v("0005", "b"): []},
        {},
        "0005@b",
        ["0005@a"],
    ),
    ("a write over both settles the conflict", {A1: [], B1: [], A2: [A1, B1]}, {}, A2, []),
    ("a concurrent edit after a settled one loses", {A1: [], B1: [A1], A2: [A1]}, {}, A2, [B1]),
    (
        "a summary covers versions compacted away between",
        {A1: [], C1: []},
        {C1: {"a": ("0001", set()), "c": ("0004", set())}},
        C1,
        [],
    ),
    (
        "a summary that lists a version as losing leaves it losing",
        {A1: [], C1: []},
        {C1: {"a": ("0001", {"0001"}), "c": ("0004", set())}},
        C1,
        [A1],
    ),
    (
        "an older winner's losers survive a write over the winner alone",
        {A1: [], B1: [], B2: [B1]},
        {},
        B2,
        [A1],
    ),
]


@pytest.mark.parametrize(
    ("parents", "summaries", "winner", "losers"),
    [case[1:] for case in REGISTER_CASES],
    ids=[case[0] for case in REGISTER_CASES],
)
def test_register_outcome(
    parents: Mapping[str, Sequence[str]],
    summaries: Mapping[str, Summary],
    winner: str,
    losers: list[str],
) -> None:
    assert register_outcome(parents, summaries) == (winner, losers)


@pytest.mark.parametrize(
    ("current", "version", "bases", "expected"),
    [
        (None, A1, [], True),  # the field's first version
        (A1, A2, [A1], True),  # written over the winner
        (A1, A2, [], False),  # newer but concurrent: the history decides
        (A2, A1, [A2], False),  # older than the winner
        (A1, B1, [A1], True),  # same HLC, higher device, over the winner
    ],
)
def test_supersedes(current: str | None, version: str, bases: list[str], expected: bool) -> None:
    assert supersedes(current, version, bases) is expected


@pytest.mark.parametrize(
    ("deleted", "seen", "heads", "expected"),
    [
        (False, {}, {"a": "0005"}, (False, False)),  # not deleted at all
        (True, {"a": "0005"}, {"a": "0005"}, (True, False)),  # the delete saw every edit
        (True, {"a": "0005"}, {"a": "0004", "b": ""}, (True, False)),
        (True, {"a": "0005"}, {"a": "0006"}, (False, True)),  # an edit it had not seen
        (True, {"a": "0005"}, {"b": "0001"}, (False, True)),  # a device it never saw
        (True, {}, {}, (True, False)),  # a record with no edits
    ],
)
def test_deleted_state(
    deleted: bool, seen: dict[str, str], heads: dict[str, str], expected: tuple[bool, bool]
) -> None:
    assert deleted_state(deleted, seen, heads) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ([("a", "0002", "register"), ("a", "0001", "text")], {"a": "0002"}),
        ([("a", "0002", "delete")], {}),  # a delete is not an edit
        ([("a", "0001", "register"), ("b", "0003", "purge")], {"a": "0001", "b": "0003"}),
    ],
)
def test_advance_heads(changes: list[tuple[str, str, str]], expected: dict[str, str]) -> None:
    heads: dict[str, str] = {}
    for device, hlc, kind in changes:
        advance_heads(heads, device, hlc, kind)
    assert heads == expected


def test_the_text_digest_names_a_set_whatever_the_order() -> None:
    forward = digest_step(digest_step(digest_step("", A1), B1), C1)
    backward = digest_step(digest_step(digest_step("", C1), A1), B1)
    assert forward == backward != ""
    assert digest_step(forward, C1) == digest_step(digest_step("", A1), B1)
    assert digest_step(digest_step("", A1), A1) == ""  # adding twice removes


def test_text_hash_tells_texts_apart() -> None:
    assert text_hash("blåbær") == text_hash("blåbær")
    assert text_hash("blåbær") != text_hash("blabær")
    assert len(text_hash("")) == 8


@pytest.mark.parametrize(
    ("body", "mine", "expected"),
    [
        ({"s": {"me": "0003"}}, "0003", False),  # had seen my last edit
        ({"s": {"me": "0002"}}, "0003", True),  # had not
        ({"s": {"other": "0009"}}, "0003", True),  # had seen nothing of mine
        ({}, "0003", True),  # an old payload without a watermark
        ({"s": "garbage"}, "0003", True),
    ],
)
def test_concurrent_with(body: dict[str, Any], mine: str, expected: bool) -> None:
    assert concurrent_with(body, "me", mine) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"v": {"spaces": ["w:2", "c:2", "w:2"]}}, ("c:2", "w:2")),
        ({"v": {}}, ()),
        ({"v": True}, ()),  # a purge of the record alone
        ({}, ()),
        ({"v": {"spaces": "w:2"}}, None),
        ({"v": {"spaces": ["w:2", ""]}}, None),
        ({"v": {"spaces": ["w:2", 3]}}, None),
    ],
)
def test_sealed_spaces(body: dict[str, Any], expected: tuple[str, ...] | None) -> None:
    assert sealed_spaces(body) == expected


def test_purged_spaces_is_the_union_of_the_purges() -> None:
    bodies: list[dict[str, Any]] = [
        {"v": {"spaces": ["w:2"]}},
        {"v": {"spaces": ["c:2", "w:2", 7]}},
        {"v": True},
    ]
    assert purged_spaces(bodies) == ["c:2", "w:2"]
    assert purged_spaces([{"v": True}]) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"a": ["0002", ["0001", 5]]}, {"a": ("0002", {"0001"})}),
        ({}, {}),
        (None, None),
        ({"a": ["0002"]}, None),
        ({"a": [2, []]}, None),
        ({"a": ["0002", "0001"]}, None),
    ],
)
def test_parse_summary(raw: Any, expected: Summary | None) -> None:
    assert parse_summary(raw) == expected


def test_covers_and_closure() -> None:
    summary: Summary = {"a": ("0003", {"0002"})}
    assert covers(summary, A1) and covers(summary, A3)
    assert not covers(summary, A2)  # listed as losing
    assert not covers(summary, B1)  # no entry for b
    parents = {A1: [], A2: [], A3: [], B1: [A1]}
    assert closure(B1, parents, {}) == {B1, A1}
    assert closure(B1, parents, {B1: summary}) == {B1, A1, A3}


def test_summary_of_a_version_without_one_is_worked_out() -> None:
    parents = {A2: [], B1: [A2]}
    assert summary_of(B1, parents, {}) == {"a": ("0002", set()), "b": ("0001", set())}
    own: Summary = {"b": ("0001", set())}
    assert summary_of(B1, parents, {B1: own}) is own
    # A1 is below a's newest ancestor and not among the ancestors: a loser.
    parents = {A1: [], A2: [], B1: [A2], A3: [A1]}
    assert summary_of(B1, parents, {}) == {"a": ("0002", {"0001"}), "b": ("0001", set())}


@pytest.mark.parametrize(
    ("bases", "parents", "expected"),
    [
        ([], {}, {"me": ["0009", []]}),
        ([A1], {A1: []}, {"a": ["0001", []], "me": ["0009", []]}),
        # my own earlier version that lost (not in the bases) stays a loser
        (
            [A1],
            {A1: [], v("0005", "me"): []},
            {"a": ["0001", []], "me": ["0009", ["0005"]]},
        ),
        # a loser of one base that the other base covers is settled
        (
            [A2, B1],
            {A1: [], A2: [], B1: [A1]},
            {"a": ["0002", []], "b": ["0001", []], "me": ["0009", []]},
        ),
    ],
)
def test_write_summary(
    bases: list[str], parents: dict[str, list[str]], expected: dict[str, list[Any]]
) -> None:
    assert (
        write_summary(device="me", stamp="0009", bases=bases, parents=parents, summaries={})
        == expected
    )
