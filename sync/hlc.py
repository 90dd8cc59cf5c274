"""Hybrid logical clock (HLC): the order of register writes across replicas.

A stamp is wall-clock milliseconds plus a counter. It follows physical time when
clocks are sane, never goes backwards on one device, and after a device has seen a
remote stamp its next stamps sort after it, so an edit made after reading a value
always wins over that value.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

__all__ = [
    "CLOCK_AGREES_MS",
    "DEFAULT_MAX_FUTURE_MS",
    "MAX_COUNTER",
    "MAX_WALL_MS",
    "RESTAMP_MARGIN_MS",
    "Hlc",
    "HybridClock",
]

_WALL_DIGITS = 13
_COUNTER_DIGITS = 6
MAX_WALL_MS = 10**_WALL_DIGITS - 1  # year 2286: the encoding stays fixed-width until then
MAX_COUNTER = 10**_COUNTER_DIGITS - 1
DEFAULT_MAX_FUTURE_MS = 5 * 60 * 1000
# A local clock within this of the server's time is taken to be right again.
CLOCK_AGREES_MS = 60 * 1000
# Only stamps more than this ahead of a right local clock are re-stamped: a server
# accepts stamps at most DEFAULT_MAX_FUTURE_MS ahead of its own time, and a right
# clock is within CLOCK_AGREES_MS of it, so no server can ever have accepted (and
# passed on) a change stamped further ahead than this.
RESTAMP_MARGIN_MS = DEFAULT_MAX_FUTURE_MS + CLOCK_AGREES_MS

# [0-9], not \d: \d also matches other scripts' digits, which int() would accept.
_ENCODED = re.compile(rf"([0-9]{{{_WALL_DIGITS}}})-([0-9]{{{_COUNTER_DIGITS}}})")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _system_now_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True, order=True, slots=True)
class Hlc:
    """One hybrid-logical-clock stamp; compares as the tuple (wall_ms, counter)."""

    wall_ms: int
    counter: int

    def __post_init__(self) -> None:
        for name, value, top in (
            ("wall_ms", self.wall_ms, MAX_WALL_MS),
            ("counter", self.counter, MAX_COUNTER),
        ):
            if type(value) is not int:
                raise TypeError(f"Hlc.{name} must be an int, not {type(value).__name__}")
            if not 0 <= value <= top:
                raise ValueError(f"Hlc.{name} must be between 0 and {top}, not {value}")

    @classmethod
    def zero(cls) -> Hlc:
        """The smallest stamp: sorts before every real one."""
        return cls(0, 0)

    def encode(self) -> str:
        """Fixed-width text whose string order equals the stamp order."""
        return f"{self.wall_ms:0{_WALL_DIGITS}d}-{self.counter:0{_COUNTER_DIGITS}d}"

    @classmethod
    def decode(cls, s: str) -> Hlc:
        """Parse the output of encode(); anything else raises ValueError."""
        if not isinstance(s, str):
            raise ValueError(f"HLC stamp must be a str, not {type(s).__name__}")
        match = _ENCODED.fullmatch(s)
        if match is None:
            shown = s if len(s) <= 40 else s[:40] + "…"
            raise ValueError(
                f"Malformed HLC stamp {shown!r}: expected "
                f"{_WALL_DIGITS} digits, '-', {_COUNTER_DIGITS} digits"
            )
        return cls(int(match[1]), int(match[2]))

    def to_datetime(self) -> datetime:
        """The wall-clock part as an aware UTC datetime."""
        # timedelta keeps whole milliseconds exact; fromtimestamp() goes through a float.
        return _EPOCH + timedelta(milliseconds=self.wall_ms)

    def successor(self) -> Hlc:
        """The smallest stamp that sorts after this one."""
        if self.counter < MAX_COUNTER:
            return Hlc(self.wall_ms, self.counter + 1)
        return Hlc(self.wall_ms + 1, 0)


class HybridClock:
    """A device's HLC: issues strictly increasing stamps and absorbs remote ones."""

    def __init__(
        self,
        *,
        now_ms: Callable[[], int] = _system_now_ms,
        max_future_ms: int = DEFAULT_MAX_FUTURE_MS,
        last: Hlc | None = None,
    ) -> None:
        if max_future_ms < 0:
            raise ValueError("max_future_ms must not be negative")
        self._now_ms = now_ms
        self._max_future_ms = max_future_ms
        self._last = last if last is not None else Hlc.zero()
        # The GUI thread stamps local edits while the sync worker observes pulled
        # changes; without the lock both could issue the same stamp.
        self._lock = threading.Lock()

    @property
    def last(self) -> Hlc:
        """The latest stamp issued or adopted; persist it and pass it back as last=."""
        return self._last

    @property
    def max_future_ms(self) -> int:
        """How far ahead of local time a remote stamp may be and still be adopted."""
        return self._max_future_ms

    def now_ms(self) -> int:
        """The local wall clock this HLC follows, in Unix milliseconds."""
        return self._now_ms()

    def rewind(self, to: Hlc) -> Hlc:
        """Set the clock back (or forward) to ``to``; returns the stamp it had before.

        Only for re-stamping (RecordStore.restamp_future): stamps issued while the
        wall clock ran ahead, and never seen by another replica, are issued again
        from a clock set back to the newest stamp anyone else may have seen.
        """
        with self._lock:
            before, self._last = self._last, to
            return before

    def is_far_future(self, stamp: Hlc) -> bool:
        """True when the stamp is more than max_future_ms ahead of local time."""
        return stamp.wall_ms > self._now_ms() + self._max_future_ms

    def tick(self) -> Hlc:
        """Stamp a local event: later than every stamp issued or adopted so far."""
        with self._lock:
            return self._tick_locked()

    def tick_after(self, floor: Hlc) -> Hlc:
        """Stamp a local edit that must sort after `floor` (the version being overwritten).

        The result is greater than `floor` and than every earlier stamp. When `floor`
        is within max_future_ms of local time the clock adopts the result, so later
        stamps stay causally after it. When `floor` is far in the future (a replica
        with a wrong clock wrote it) the result is floor's successor but the clock keeps
        its own time: that one field moves ahead, the clock is not dragged along.
        Either way `last` ends at most at max(previous last, result).
        """
        with self._lock:
            stamp = self._tick_locked()
            if stamp > floor:
                return stamp
            result = floor.successor()
            if not self.is_far_future(floor):
                self._last = result
            return result

    def observe(self, remote: Hlc) -> bool:
        """Merge a remote stamp (HLC receive); False, and no change, if it is far ahead.

        The caller flags a refused stamp: its change is still stored and merged by
        its stamp, only this clock does not jump days ahead because of it.
        """
        with self._lock:
            now = self._now_ms()
            if remote.wall_ms > now + self._max_future_ms:
                return False
            last = self._last
            wall = max(last.wall_ms, remote.wall_ms, now)
            if wall == last.wall_ms and wall == remote.wall_ms:
                merged = Hlc(wall, max(last.counter, remote.counter)).successor()
            elif wall == last.wall_ms:
                merged = last.successor()
            elif wall == remote.wall_ms:
                merged = remote.successor()
            else:
                merged = Hlc(wall, 0)
            self._last = merged
            return True

    def _tick_locked(self) -> Hlc:
        now = self._now_ms()
        last = self._last
        # A clock that went backwards (NTP step, manual change) keeps the old wall
        # time and counts up instead, so stamps never repeat or decrease.
        stamp = Hlc(now, 0) if now > last.wall_ms else last.successor()
        self._last = stamp
        return stamp
