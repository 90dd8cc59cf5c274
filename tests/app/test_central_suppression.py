"""Small-cell suppression: primary, complementary, across the team and its job specialists."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.central.snapshot import (
    Pseudonyms,
    Suppressed,
    build_snapshot,
    is_number,
)
from app.central.suppression import CellTable
from app.indicators import Period
from tests.app.datasets import Build

Q3 = Period.quarter(2026, 3)
AS_OF = date(2026, 10, 5)
HIDDEN = Suppressed(5)


def test_primary_cells_under_the_threshold_are_protected_zero_is_not() -> None:
    t = CellTable()
    for name, v in {"a": 0, "b": 1, "c": 4, "d": 5, "e": 12}.items():
        t.add(name, v)
    t.suppress(5)
    assert [n for n in "abcde" if t.protected(n)] == ["b", "c"]


def test_one_suppressed_part_of_a_sum_takes_the_smallest_other_part_with_it() -> None:
    t = CellTable()
    t.add("total", 20)
    for name, v in {"x": 2, "y": 11, "z": 7}.items():
        t.add(name, v)
    t.relate("total", ["x", "y", "z"])
    t.suppress(5)
    # Without z hidden too, x = 20 - 11 - 7.
    assert t.protected("x") and t.protected("z") and not t.protected("y")
    assert not t.protected("total")


def test_secondary_suppression_cascades_through_linked_sums() -> None:
    t = CellTable()
    t.add("team", 14)
    t.add("a", 3)
    t.add("b", 11)
    t.add("b1", 6)
    t.add("b2", 5)
    t.relate("team", ["a", "b"])
    t.relate("b", ["b1", "b2"])
    t.suppress(5)
    # a < 5 → b hidden too; then b's own breakdown has one hidden total → a part goes.
    assert t.protected("a") and t.protected("b") and t.protected("b2")
    for total, parts in t.relations:
        assert sum(t.protected(c) for c in (total, *parts)) != 1


def test_an_unpublished_remainder_that_is_small_counts_as_suppressed() -> None:
    t = CellTable()
    t.add("team", 15)
    t.add("js1", 6)
    t.add("js2", 7)
    t.relate("team", ["js1", "js2"])  # 2 unassigned: derivable, and small
    t.suppress(5)
    assert t.protected("js1")  # the smallest published part goes with the remainder


def _exits(b: Build, reasons: list[str], js: str) -> None:
    for i, reason in enumerate(reasons):
        pid = b.add("participant", name=f"P {js} {i}", programme="IPS", job_specialist=js)
        b.add("episode", pid, entry="2026-01-10", exit="2026-08-01", exit_reason=reason)


def test_into_work_breakdown_never_leaves_one_suppressed_cell_recoverable() -> None:
    b = Build()
    _exits(b, ["ordinary_work"] * 6 + ["dropped_out"] * 6 + ["health"] * 2, "Anne")
    snap = build_snapshot(b.ds, Q3, as_of=AS_OF, threshold=5)
    f = snap.team["into_work"]
    assert f.denominator == 14
    assert f.parts["health"] == HIDDEN
    hidden_parts = [k for k, v in f.parts.items() if isinstance(v, Suppressed)]
    assert len(hidden_parts) >= 2  # health, and one more, so 14 − the rest is no answer
    # The numerator is ordinary_work alone here: it goes with that part, and the value too.
    if f.parts["ordinary_work"] == HIDDEN:
        assert f.numerator == HIDDEN and f.value == HIDDEN


def test_a_small_complement_hides_the_share() -> None:
    b = Build()
    _exits(b, ["ordinary_work"] * 10 + ["dropped_out"] * 2, "Anne")
    f = build_snapshot(b.ds, Q3, as_of=AS_OF).team["into_work"]
    # 10 of 12 would tell that 2 did not go into work.
    assert f.value == HIDDEN and f.numerator == HIDDEN and f.denominator == 12
    assert f.score is None or f.score == HIDDEN


def test_per_specialist_cells_are_protected_against_the_team_total() -> None:
    b = Build()
    _exits(b, ["ordinary_work"] * 3, "Anne")
    _exits(b, ["ordinary_work"] * 8, "Bjørn")
    _exits(b, ["ordinary_work"] * 9, "Cecilie")
    pseudonyms = Pseudonyms(b"k" * 32)
    snap = build_snapshot(b.ds, Q3, as_of=AS_OF, pseudonyms=pseudonyms)
    anne, bjorn, cecilie = (pseudonyms.label(n) for n in ("Anne", "Bjørn", "Cecilie"))
    assert snap.team["into_work"].denominator == 20
    assert snap.scopes[anne]["into_work"].denominator == HIDDEN
    # Bjørn's 8 (the smallest other) is hidden too, or 20 − 9 − 8 = 3 gives Anne's away.
    assert snap.scopes[bjorn]["into_work"].denominator == HIDDEN
    assert snap.scopes[cecilie]["into_work"].denominator == 9
    hidden = [
        s
        for s in (anne, bjorn, cecilie)
        if isinstance(snap.scopes[s]["into_work"].denominator, Suppressed)
    ]
    assert len(hidden) == 2


def test_means_on_few_people_are_suppressed_and_large_ones_kept() -> None:
    b = Build()
    for i in range(7):
        pid = b.add("participant", name=f"P{i}", programme="IPS", job_specialist="Anne")
        b.add("episode", pid, entry="2026-06-01")
        b.add("job", pid, title="Jobb", start=f"2026-07-{10 + i:02d}", hours_per_week=20.0)
    pid = b.add("participant", name="Q", programme="IPS", job_specialist="Bjørn")
    b.add("episode", pid, entry="2026-06-01")
    b.add("job", pid, title="Jobb", start="2026-08-01", hours_per_week=30.0)
    pseudonyms = Pseudonyms(b"k" * 32)
    snap = build_snapshot(b.ds, Q3, as_of=AS_OF, pseudonyms=pseudonyms)
    assert snap.team["hours_per_week"].n == 8 and is_number(snap.team["hours_per_week"].value)
    assert snap.scopes[pseudonyms.label("Bjørn")]["hours_per_week"].value == HIDDEN
    # Anne's mean would give Bjørn's 30 h away from the team's: hidden as the complement.
    assert snap.scopes[pseudonyms.label("Anne")]["hours_per_week"].value == HIDDEN
    assert snap.team["job_starts"].value == 8


EXIT_REASONS_DRAWN = ("ordinary_work", "education", "dropped_out", "moved", "health")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(EXIT_REASONS_DRAWN), min_size=0, max_size=14),
        min_size=1,
        max_size=4,
    )
)
def test_no_published_small_count_and_no_lone_suppressed_cell(exits: list[list[str]]) -> None:
    b = Build()
    names = [f"JS {i}" for i in range(len(exits))]
    for name, reasons in zip(names, exits, strict=True):
        _exits(b, reasons, name)
    snap = build_snapshot(b.ds, Q3, as_of=AS_OF)
    scopes = [s for s in snap.scopes if s != "team"]
    for scope, figures in snap.scopes.items():
        f = figures["into_work"]
        cells = [f.numerator, f.denominator, *f.parts.values()]
        # (a) no count from 1 to 4 is published, nor is the complement d − n.
        assert not any(is_number(c) and 0 < c < 5 for c in cells), (scope, f)
        if is_number(f.numerator) and is_number(f.denominator):
            assert not 0 < f.denominator - f.numerator < 5
            assert is_number(f.value) or f.value is None
        else:
            assert f.value is None or isinstance(f.value, Suppressed)
        # (b) a published total never has exactly one hidden part.
        if is_number(f.denominator) and f.parts:
            hidden = [k for k, v in f.parts.items() if isinstance(v, Suppressed)]
            assert len(hidden) != 1, (scope, f.parts)
    # (c) the team's published counts never leave exactly one job specialist's hidden.
    team = snap.team["into_work"]
    for cell in ("numerator", "denominator"):
        if is_number(getattr(team, cell)) and len(scopes) > 1:
            hidden = [
                s
                for s in scopes
                if isinstance(getattr(snap.scopes[s]["into_work"], cell), Suppressed)
            ]
            assert len(hidden) != 1, (cell, hidden)
