"""Virtual time for the background sync engine: tests jump to the next due round.

:class:`VirtualTime` is a :class:`app.sync_engine.TimeSource`. An engine thread that
waits parks here with the virtual time it waits for; :meth:`VirtualTime.run_until`
moves the clock straight to the earliest such time whenever every engine is parked
(so no round is in flight) and the condition does not hold yet. Rounds themselves
still talk to a real server; only the waiting between them is virtual.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

# A thread's exit is not signalled: a parked check is repeated this often while one ends.
_RECHECK_S = 0.05


class VirtualTime:
    def __init__(self) -> None:
        self._cv = threading.Condition()
        self._now = 0.0
        self._parked: dict[threading.Thread, float] = {}
        self._conds: dict[threading.Thread, threading.Condition] = {}

    def now(self) -> float:
        with self._cv:
            return self._now

    def wait(self, cond: threading.Condition, until: float) -> None:
        me = threading.current_thread()
        with self._cv:
            if until <= self._now:
                return
            self._parked[me] = until
            self._conds[me] = cond
            self._cv.notify_all()
        try:
            # ``advance`` notifies ``cond`` only once it can take it, i.e. once we wait.
            cond.wait()
        finally:
            with self._cv:
                self._parked.pop(me, None)
                self._cv.notify_all()

    def wake(self, cond: threading.Condition) -> None:
        with self._cv:
            for thread, waited_on in self._conds.items():
                if waited_on is cond:
                    self._parked.pop(thread, None)  # no longer parked: it has work
        cond.notify_all()

    def _idle(self) -> bool:
        """No engine is in a round: each live one is parked with a time still ahead."""
        return all(
            not t.is_alive() or (t in self._parked and self._parked[t] > self._now)
            for t in self._conds
        )

    def advance(self, seconds: float) -> None:
        """Move the clock on and wake the engines whose time has come."""
        with self._cv:
            self._now += seconds
            conds = list(self._conds.values())
        for cond in conds:  # never while holding ``_cv``: a waiter takes them the other way
            with cond:
                cond.notify_all()

    def settle(self, timeout: float = 20.0) -> None:
        """Return once every engine is parked again (the rounds now due have run)."""
        self.run_until(lambda: True, timeout=timeout, jump=False)

    def run_until(
        self, condition: Callable[[], bool], timeout: float = 20.0, *, jump: bool = True
    ) -> None:
        """Let the engines run, jumping to the next due round while all are parked, until
        ``condition`` holds with every engine parked (``timeout`` is real seconds)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._cv:
                while not self._idle():
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise AssertionError("the engines did not settle in time")
                    self._cv.wait(timeout=min(left, _RECHECK_S))
                if condition():
                    return
                if not jump:
                    return
                ahead = [u for t, u in self._parked.items() if t.is_alive()]
                step = min(ahead) - self._now if ahead else None
            if time.monotonic() > deadline:
                raise AssertionError("condition not reached in time")
            if step is None:
                with self._cv:
                    self._cv.wait(timeout=deadline - time.monotonic())  # until one parks
            else:
                self.advance(step)
