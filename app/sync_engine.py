"""The background sync engine: rounds off the GUI thread, whenever a connection is there.

One :class:`SyncEngine` per unlocked, enrolled journal. It owns one worker
thread that runs :meth:`app.sync_service.SyncService.sync_once`:

- at once when started (the laptop was just unlocked);
- shortly after a local edit (:meth:`SyncEngine.nudge`, debounced so that a
  burst of autosaves makes one round, but never postponed past ``max_delay``);
- every ``interval`` seconds while online;
- while offline or when the server is busy, after the service's exponential
  backoff with full jitter (or the server's ``Retry-After``), so a room full of
  laptops coming back online does not arrive all at once;
- at once when the network is reported back (:meth:`SyncEngine.network_up`)
  or the user asks (:meth:`SyncEngine.sync_now`).

It never raises into its caller: every outcome is a :class:`SyncStatus`
handed to ``on_status`` (on the worker thread; a GUI passes it on to its own
thread). A revoked device has locked and erased its keys inside the round;
the engine then stops and calls ``on_revoked``. A locked store stops it too.

No participant data passes through here: the status holds counts, times and
the service's fixed, readable messages.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Protocol

from app.sync_service import SyncService, SyncStatus
from storage.errors import Locked
from sync.client import PENDING, RATE_LIMITED, REVOKED, SyncError

log = logging.getLogger("feltjournal.sync")

#: While waiting for approval there is no point in asking often.
PENDING_RETRY_S: Final = 60.0


class TimeSource(Protocol):
    """The engine's clock and its way of waiting; tests drive a virtual one."""

    def now(self) -> float: ...

    def wait(self, cond: threading.Condition, until: float) -> None:
        """Wait on ``cond`` (held) until ``now() >= until`` or :meth:`wake`; may wake early."""

    def wake(self, cond: threading.Condition) -> None:
        """Wake the threads waiting on ``cond`` (held): something they wait for changed."""


class RealTime:
    """Monotonic seconds; waiting is the condition's own timed wait."""

    def now(self) -> float:
        return time.monotonic()

    def wait(self, cond: threading.Condition, until: float) -> None:
        cond.wait(timeout=until - time.monotonic())

    def wake(self, cond: threading.Condition) -> None:
        cond.notify_all()


@dataclass(frozen=True)
class EngineTiming:
    """How often the engine syncs; tests shorten these."""

    interval: float = 15.0  # seconds between rounds while online
    debounce: float = 2.0  # quiet time after a local edit before its round
    max_delay: float = 10.0  # a stream of edits still syncs at least this often


class SyncEngine:
    """Runs sync rounds on one worker thread; every method may be called from any thread."""

    def __init__(
        self,
        service: SyncService,
        *,
        timing: EngineTiming | None = None,
        on_status: Callable[[SyncStatus], None] = lambda _s: None,
        on_revoked: Callable[[], None] = lambda: None,
        time_source: TimeSource | None = None,
    ) -> None:
        self.service = service
        self.timing = timing or EngineTiming()
        self._on_status = on_status
        self._on_revoked = on_revoked
        self._time = time_source or RealTime()
        self._clock = self._time.now
        self._cond = threading.Condition()
        self._due: float = 0.0  # clock time of the next round
        self._first_nudge: float | None = None  # first local edit not yet synced
        self._nudge_due: float | None = None
        self._hold = False  # the server asked us to wait (busy, approval pending): edits wait too
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._syncing = False
        self.rounds = 0  # finished rounds, successful or not (for tests and the status bar)

    # ----------------------------------------------------------- control

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def syncing(self) -> bool:
        return self._syncing

    def start(self) -> None:
        """Start the worker; the first round runs at once."""
        with self._cond:
            if self.running:
                return
            self._stopping = False
            self._due = self._clock()
            self._thread = threading.Thread(target=self._run, name="feltjournal-sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float | None = 30.0) -> None:
        """Stop after the round in progress (if any); returns when the worker has ended."""
        with self._cond:
            self._stopping = True
            self._time.wake(self._cond)
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    def nudge(self) -> None:
        """A local edit: sync after ``debounce`` seconds of quiet, within ``max_delay``."""
        with self._cond:
            now = self._clock()
            if self._first_nudge is None:
                self._first_nudge = now
            self._nudge_due = min(
                now + self.timing.debounce, self._first_nudge + self.timing.max_delay
            )
            self._time.wake(self._cond)

    def sync_now(self) -> None:
        """Run a round as soon as the worker is free (the user asked, or the network is back)."""
        with self._cond:
            self._due = self._clock()
            self._hold = False
            self.service.backoff.success()  # a fresh start: no leftover backoff
            self._time.wake(self._cond)

    def network_up(self) -> None:
        """The operating system reports a network again: try at once."""
        self.sync_now()

    # ------------------------------------------------------------ worker

    def _next_due(self) -> float:
        if self._nudge_due is None or self._hold:
            return self._due
        return min(self._due, self._nudge_due)

    def _wait_until_due(self) -> bool:
        """Sleep until the next round is due; False when stopping."""
        with self._cond:
            while not self._stopping:
                due = self._next_due()
                if due - self._clock() <= 0:
                    # This round carries every edit made so far.
                    self._first_nudge = self._nudge_due = None
                    return True
                self._time.wait(self._cond, due)
            return False

    def _run(self) -> None:
        try:
            self._loop()
        finally:
            self.service.close()  # the connection belongs to this thread's rounds

    def _loop(self) -> None:
        while self._wait_until_due():
            self._syncing = True
            try:
                outcome = self._round()
            finally:
                self._syncing = False
                self.rounds += 1
            if outcome == "stop":
                return
            self._report_status()

    def _round(self) -> str:
        """One round; sets the next due time. Returns "ok", "failed" or "stop"."""
        service = self.service
        try:
            service.sync_once()
        except SyncError as exc:
            if exc.code == REVOKED:
                self._report_status()
                self._on_revoked()
                return "stop"
            self._schedule(self._retry_delay(exc), hold=exc.code in (PENDING, RATE_LIMITED))
            return "failed"
        except Locked:
            return "stop"  # the user locked the laptop mid-round; the window stops us too
        except Exception as exc:  # never let the worker die silently; no data in the log
            log.error("sync round failed unexpectedly: %s", type(exc).__name__)
            self._schedule(service.backoff.failure(), hold=False)
            return "failed"
        self._schedule(self.timing.interval, hold=False)
        return "ok"

    def _retry_delay(self, exc: SyncError) -> float:
        if exc.code == PENDING:
            return PENDING_RETRY_S
        retry = self.service.status.retry_in
        if retry is None:
            retry = max(exc.retry_after or 0.0, self.service.backoff.failure())
        return max(retry, 0.5)

    def _schedule(self, delay: float, *, hold: bool) -> None:
        """The next regular round; edits made during this round still count (``_nudge_due``)."""
        with self._cond:
            self._due = self._clock() + delay
            self._hold = hold

    def _report_status(self) -> None:
        try:
            self._on_status(self.service.status)
        except Exception:  # a broken listener must not end syncing
            log.exception("sync status listener failed")


__all__ = ["EngineTiming", "RealTime", "SyncEngine", "TimeSource"]
