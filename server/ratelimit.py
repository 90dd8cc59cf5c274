"""A small in-process sliding-window rate limiter (one server process; see the README)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    """At most ``per_minute`` hits per key in any 60-second window; 0 means no limit."""

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = per_minute
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._next_sweep = 0.0

    def hit(self, key: str) -> float | None:
        """Count one attempt; None if allowed, else the seconds to wait."""
        if self._limit <= 0:
            return None
        now = self._clock()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            window = self._hits.setdefault(key, deque())
            while window and window[0] <= now - 60.0:
                window.popleft()
            if len(window) >= self._limit:
                return max(0.0, window[0] + 60.0 - now)
            window.append(now)
            return None

    def _sweep(self, now: float) -> None:
        # Forget idle keys so many one-off addresses cannot grow the table forever.
        for key in [k for k, w in self._hits.items() if not w or w[-1] <= now - 60.0]:
            del self._hits[key]
        self._next_sweep = now + 60.0
