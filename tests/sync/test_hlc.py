"""Tests for the hybrid logical clock."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.hlc import DEFAULT_MAX_FUTURE_MS, MAX_COUNTER, MAX_WALL_MS, Hlc, HybridClock

DAY_MS = 24 * 60 * 60 * 1000
T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z

walls = st.integers(min_value=0, max_value=MAX_WALL_MS)
counters = st.integers(min_value=0, max_value=MAX_COUNTER)
stamps = st.builds(Hlc, walls, counters)


class FakeTime:
    """A settable wall clock in milliseconds."""

    def __init__(self, now: int = T0) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def scripted(times: list[int]) -> Iterator[int]:
    yield from times


# --- Hlc ---------------------------------------------------------------------


def test_zero_is_smallest_and_encodes_fixed_width() -> None:
    assert Hlc.zero() == Hlc(0, 0)
    assert Hlc.zero().encode() == "0000000000000-000000"
    assert Hlc.zero() < Hlc(0, 1) < Hlc(1, 0)


@pytest.mark.parametrize(
    ("stamp", "text"),
    [
        (Hlc(T0, 0), "1767225600000-000000"),
        (Hlc(T0, 42), "1767225600000-000042"),
        (Hlc(5, 7), "0000000000005-000007"),
        (Hlc(MAX_WALL_MS, MAX_COUNTER), "9999999999999-999999"),
    ],
)
def test_encode_and_decode_table(stamp: Hlc, text: str) -> None:
    assert stamp.encode() == text
    assert Hlc.decode(text) == stamp


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "1767225600000",
        "1767225600000-00000",  # counter too short
        "176722560000-000000",  # wall too short
        "17672256000000-000000",  # wall too long
        "1767225600000-0000000",
        "1767225600000_000000",
        "1767225600000-00000a",
        " 1767225600000-000000",
        "1767225600000-000000\n",
        "-767225600000-000000",
        "１７６７２２５６００００００-000000",  # fullwidth digits: \d would accept them
        "١٧٦٧٢٢٥٦٠٠٠٠٠-000000",  # Arabic-Indic digits
        "x" * 10_000,
    ],
)
def test_decode_rejects_malformed(bad: str) -> None:
    with pytest.raises(ValueError, match="Malformed HLC stamp"):
        Hlc.decode(bad)


def test_decode_error_message_is_bounded() -> None:
    with pytest.raises(ValueError) as info:
        Hlc.decode("9" * 10_000)
    assert len(str(info.value)) < 200


def test_decode_rejects_non_str() -> None:
    with pytest.raises(ValueError, match="must be a str"):
        Hlc.decode(b"1767225600000-000000")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("wall", "counter"), [(-1, 0), (0, -1), (MAX_WALL_MS + 1, 0), (0, MAX_COUNTER + 1)]
)
def test_out_of_range_fields_are_refused(wall: int, counter: int) -> None:
    with pytest.raises(ValueError):
        Hlc(wall, counter)


def test_non_int_fields_are_refused() -> None:
    with pytest.raises(TypeError):
        Hlc(1.5, 0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Hlc(True, 0)


def test_to_datetime_is_utc_and_exact_to_the_millisecond() -> None:
    assert Hlc(T0 + 123, 9).to_datetime() == datetime(2026, 1, 1, 0, 0, 0, 123_000, tzinfo=UTC)
    assert Hlc.zero().to_datetime() == datetime(1970, 1, 1, tzinfo=UTC)
    assert Hlc(T0, 0).to_datetime().tzinfo is UTC


def test_successor_rolls_the_counter_over_into_the_wall() -> None:
    assert Hlc(5, 1).successor() == Hlc(5, 2)
    assert Hlc(5, MAX_COUNTER).successor() == Hlc(6, 0)


@given(stamps, stamps)
def test_encoded_order_equals_tuple_order(a: Hlc, b: Hlc) -> None:
    assert (a.encode() < b.encode()) == (a < b) == ((a.wall_ms, a.counter) < (b.wall_ms, b.counter))
    assert (a.encode() == b.encode()) == (a == b)


@given(stamps)
def test_decode_round_trip(stamp: Hlc) -> None:
    assert Hlc.decode(stamp.encode()) == stamp


@given(st.text(max_size=30))
def test_decode_of_random_text_round_trips_or_raises_value_error(text: str) -> None:
    try:
        stamp = Hlc.decode(text)
    except ValueError:
        return
    assert stamp.encode() == text


@given(stamps)
def test_successor_is_the_next_stamp(stamp: Hlc) -> None:
    if stamp == Hlc(MAX_WALL_MS, MAX_COUNTER):
        with pytest.raises(ValueError):
            stamp.successor()
        return
    nxt = stamp.successor()
    assert nxt > stamp
    assert nxt.encode() > stamp.encode()


# --- HybridClock: tick -------------------------------------------------------


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        # wall advances: counter resets to 0
        ([T0, T0 + 1, T0 + 5], [Hlc(T0, 0), Hlc(T0 + 1, 0), Hlc(T0 + 5, 0)]),
        # same millisecond: counter counts
        ([T0, T0, T0, T0 + 1], [Hlc(T0, 0), Hlc(T0, 1), Hlc(T0, 2), Hlc(T0 + 1, 0)]),
        # clock jumps back an hour, then catches up
        (
            [T0, T0 - 3_600_000, T0 - 3_599_000, T0, T0 + 1],
            [Hlc(T0, 0), Hlc(T0, 1), Hlc(T0, 2), Hlc(T0, 3), Hlc(T0 + 1, 0)],
        ),
    ],
)
def test_tick_table(times: list[int], expected: list[Hlc]) -> None:
    source = scripted(times)
    clock = HybridClock(now_ms=lambda: next(source))
    assert [clock.tick() for _ in times] == expected
    assert clock.last == expected[-1]


@given(st.lists(st.integers(min_value=T0 - 10 * DAY_MS, max_value=T0 + 10 * DAY_MS), max_size=60))
def test_tick_is_strictly_monotonic_whatever_the_system_clock_does(times: list[int]) -> None:
    source = scripted(times)
    clock = HybridClock(now_ms=lambda: next(source))
    issued = [clock.tick() for _ in times]
    assert all(a < b for a, b in pairwise(issued))
    for now, stamp in zip(times, issued, strict=True):
        assert stamp.wall_ms >= now


def test_restart_continues_after_persisted_last() -> None:
    time = FakeTime()
    first = HybridClock(now_ms=time)
    for _ in range(3):
        first.tick()
    saved = first.last.encode()
    time.now -= 60_000  # the machine rebooted with its clock behind
    second = HybridClock(now_ms=time, last=Hlc.decode(saved))
    assert second.last == first.last
    assert second.tick() > first.last


def test_default_clock_uses_system_time() -> None:
    stamp = HybridClock().tick()
    now = datetime.now(UTC)
    assert abs((now - stamp.to_datetime()).total_seconds()) < 60
    assert HybridClock().max_future_ms == DEFAULT_MAX_FUTURE_MS


def test_negative_max_future_is_refused() -> None:
    with pytest.raises(ValueError):
        HybridClock(max_future_ms=-1)


def test_concurrent_ticks_never_repeat() -> None:
    clock = HybridClock(now_ms=FakeTime())
    results: list[list[Hlc]] = [[] for _ in range(4)]

    def worker(out: list[Hlc]) -> None:
        for _ in range(2_000):
            out.append(clock.tick())

    threads = [threading.Thread(target=worker, args=(out,)) for out in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [stamp for out in results for stamp in out]
    assert len(set(everything)) == len(everything) == 8_000


# --- HybridClock: observe ----------------------------------------------------


@pytest.mark.parametrize(
    ("last", "now", "remote", "expected"),
    [
        # remote ahead within the window: adopt its wall, count on from its counter
        (Hlc(T0, 3), T0, Hlc(T0 + 1_000, 7), Hlc(T0 + 1_000, 8)),
        # local time ahead of both: local wall, counter 0
        (Hlc(T0, 3), T0 + 5_000, Hlc(T0 + 1_000, 7), Hlc(T0 + 5_000, 0)),
        # remote behind: last advances by one
        (Hlc(T0, 3), T0, Hlc(T0 - 1_000, 99), Hlc(T0, 4)),
        # same wall: max of the counters, plus one
        (Hlc(T0, 3), T0, Hlc(T0, 9), Hlc(T0, 10)),
        (Hlc(T0, 12), T0, Hlc(T0, 9), Hlc(T0, 13)),
        # exactly at the window's edge is still accepted
        (Hlc(T0, 0), T0, Hlc(T0 + DEFAULT_MAX_FUTURE_MS, 0), Hlc(T0 + DEFAULT_MAX_FUTURE_MS, 1)),
    ],
)
def test_observe_table(last: Hlc, now: int, remote: Hlc, expected: Hlc) -> None:
    clock = HybridClock(now_ms=FakeTime(now), last=last)
    assert clock.observe(remote) is True
    assert clock.last == expected
    assert clock.tick() > remote


def test_observe_refuses_a_stamp_three_days_ahead() -> None:
    time = FakeTime()
    clock = HybridClock(now_ms=time)
    before = clock.tick()
    rogue = Hlc(T0 + 3 * DAY_MS, 0)
    assert clock.is_far_future(rogue)
    assert clock.observe(rogue) is False
    assert clock.last == before
    time.now += 10
    after = clock.tick()
    assert after == Hlc(T0 + 10, 0)  # still local time, not three days ahead
    assert after < rogue


def test_observe_refuses_just_past_the_window() -> None:
    clock = HybridClock(now_ms=FakeTime(), max_future_ms=1_000, last=Hlc(T0, 0))
    assert not clock.is_far_future(Hlc(T0 + 1_000, 0))
    assert clock.is_far_future(Hlc(T0 + 1_001, 0))
    assert clock.observe(Hlc(T0 + 1_001, 0)) is False
    assert clock.last == Hlc(T0, 0)


def test_far_future_window_moves_with_local_time() -> None:
    time = FakeTime()
    clock = HybridClock(now_ms=time)
    stamp = Hlc(T0 + DAY_MS, 0)
    assert clock.is_far_future(stamp)
    time.now += DAY_MS
    assert not clock.is_far_future(stamp)
    assert clock.observe(stamp) is True


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["tick", "observe"]),
            st.integers(min_value=-DAY_MS, max_value=DAY_MS),  # local time drift
            st.integers(min_value=-DAY_MS, max_value=4 * DAY_MS),  # remote offset
            counters,
        ),
        max_size=50,
    )
)
def test_clock_never_goes_back_and_follows_accepted_stamps(
    steps: list[tuple[str, int, int, int]],
) -> None:
    time = FakeTime()
    clock = HybridClock(now_ms=time)
    previous = clock.last
    for action, drift, offset, counter in steps:
        time.now = T0 + drift
        if action == "tick":
            stamp = clock.tick()
            assert stamp > previous
        else:
            remote = Hlc(time.now + offset, counter)
            accepted = clock.observe(remote)
            assert accepted == (offset <= DEFAULT_MAX_FUTURE_MS)
            if accepted:
                assert clock.last > remote
                assert clock.last > previous
            else:
                assert clock.last == previous
        # the clock is never further ahead than the window allows
        assert clock.last.wall_ms <= T0 + DAY_MS + DEFAULT_MAX_FUTURE_MS
        previous = clock.last


# --- HybridClock: tick_after -------------------------------------------------


def test_tick_after_an_older_floor_is_a_plain_tick() -> None:
    clock = HybridClock(now_ms=FakeTime())
    assert clock.tick_after(Hlc(T0 - 5_000, 3)) == Hlc(T0, 0)
    assert clock.last == Hlc(T0, 0)


def test_tick_after_a_near_future_floor_sorts_after_it_and_moves_the_clock() -> None:
    clock = HybridClock(now_ms=FakeTime())
    floor = Hlc(T0 + 2_000, 5)  # written by a replica whose clock is 2 s ahead
    stamp = clock.tick_after(floor)
    assert stamp == Hlc(T0 + 2_000, 6)
    assert clock.last == stamp
    assert clock.tick() > stamp


def test_tick_after_a_far_future_floor_does_not_drag_the_clock() -> None:
    time = FakeTime()
    clock = HybridClock(now_ms=time)
    floor = Hlc(T0 + 3 * DAY_MS, 0)
    stamp = clock.tick_after(floor)
    assert stamp == Hlc(T0 + 3 * DAY_MS, 1)
    assert clock.last == Hlc(T0, 0)  # the plain tick, at local time
    time.now += 1
    assert clock.tick() == Hlc(T0 + 1, 0)
    # editing the same field again still wins over the last version
    assert clock.tick_after(stamp) > stamp


def test_tick_after_equal_floor() -> None:
    clock = HybridClock(now_ms=FakeTime(), last=Hlc(T0, 4))
    assert clock.tick_after(Hlc(T0, 5)) == Hlc(T0, 6)


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=-DAY_MS, max_value=DAY_MS),
            st.one_of(st.none(), st.integers(min_value=-DAY_MS, max_value=5 * DAY_MS)),
            counters,
        ),
        max_size=50,
    )
)
def test_tick_after_is_above_its_floor_and_every_earlier_stamp(
    steps: list[tuple[int, int | None, int]],
) -> None:
    time = FakeTime()
    clock = HybridClock(now_ms=time)
    adopted: list[Hlc] = []
    for drift, floor_offset, counter in steps:
        time.now = T0 + drift
        before = clock.last
        if floor_offset is None:
            stamp = clock.tick()
        else:
            floor = Hlc(T0 + floor_offset, counter)
            stamp = clock.tick_after(floor)
            assert stamp > floor
            # the clock never moves past the stamp it handed out
            assert clock.last <= max(before, stamp)
            if clock.is_far_future(floor):
                # Not dragged along: the clock moved only as a plain tick moves it (a
                # counter at its maximum rolls over into the next millisecond).
                assert clock.last.wall_ms <= max(before.wall_ms, time.now) + 1
        # above every earlier tick, and every earlier stamp the clock kept as its own;
        # only a bump past a far-future floor is left out of the clock's order
        assert all(stamp > earlier for earlier in adopted)
        assert clock.last > before
        if clock.last == stamp:
            adopted.append(stamp)


def test_a_far_future_floor_after_a_full_counter_moves_the_clock_one_tick_only() -> None:
    time = FakeTime()
    time.now = T0
    clock = HybridClock(now_ms=time)
    assert clock.tick_after(Hlc(T0, MAX_COUNTER - 1)) == Hlc(T0, MAX_COUNTER)
    far = Hlc(T0 + 10 * 86_400_000, 0)
    assert clock.tick_after(far) == far.successor()
    # The plain tick rolled the full counter into the next millisecond; no further.
    assert clock.last == Hlc(T0 + 1, 0)


def test_rewind_sets_the_clock_back_for_re_stamping() -> None:
    now = [1_000_000]
    clock = HybridClock(now_ms=lambda: now[0])
    ahead = Hlc(now[0] + 3 * 86_400_000, 5)
    clock.observe(Hlc(now[0], 0))
    clock.tick_after(ahead.successor())  # far ahead: not adopted
    assert clock.observe(Hlc(now[0] + 1000, 0))
    before = clock.last
    assert clock.rewind(Hlc(now[0] + 10, 0)) == before
    assert clock.last == Hlc(now[0] + 10, 0)
    assert clock.tick() == Hlc(now[0] + 10, 1)  # counts up from there, never back
    assert clock.now_ms() == now[0]
