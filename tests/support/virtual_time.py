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
# With a GUI to keep alive (``pump``), the waits are shorter.
_PUMP_S = 0.005


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

    def idle(self) -> bool:
        with self._cv:
            return self._idle()

    def settle(self, timeout: float = 20.0) -> None:
        """Return once every engine is parked again (the rounds now due have run)."""
        self.run_until(lambda: True, timeout=timeout, jump=False)

    def run_until(
        self,
        condition: Callable[[], bool],
        timeout: float = 20.0,
        *,
        jump: bool = True,
        pump: Callable[[], None] | None = None,
    ) -> None:
        """Let the engines run, jumping to the next due round while all are parked, until
        ``condition`` holds with every engine parked (``timeout`` is real seconds).

        ``pump`` is for a window's tests: it delivers the events the engines and the
        database thread posted to the GUI thread (a local edit nudges the engine from
        there). It runs while the engines work, and once more after they have all parked,
        before ``condition`` is read and before the clock jumps."""
        deadline = time.monotonic() + timeout
        recheck = _RECHECK_S if pump is None else _PUMP_S
        while True:
            if pump is not None:
                pump()
            with self._cv:
                if not self._idle():
                    if time.monotonic() > deadline:
                        raise AssertionError("the engines did not settle in time")
                    self._cv.wait(timeout=recheck)
                    continue
            if pump is not None:
                pump()  # what the engines posted before they parked
                if not self.idle():
                    continue  # the GUI woke an engine
            if condition():
                return
            if not jump:
                return
            with self._cv:
                ahead = [u for t, u in self._parked.items() if t.is_alive()]
                step = min(ahead) - self._now if ahead else None
            if time.monotonic() > deadline:
                raise AssertionError("condition not reached in time")
            if step is None:
                with self._cv:
                    self._cv.wait(timeout=recheck)  # until one parks
            else:
                self.advance(step)
