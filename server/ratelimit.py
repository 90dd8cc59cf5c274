"""Sliding-window rate limits: at most N hits per key in any 60 seconds.

On PostgreSQL the hits are rows in the database (``rate_hits``), so every server
process on it counts against one limit: three processes behind a load balancer
allow what one allows, not three times as much. On SQLite (one server process)
they are kept in memory. A refused attempt is not counted, in either.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Final, Protocol

from sqlalchemy import Engine, func, select, text

from server import db

WINDOW_S: Final = 60.0


class RateLimiter(Protocol):
    """Counts one attempt per call; None when allowed, else the seconds to wait."""

    def hit(self, key: str) -> float | None: ...


class MemoryRateLimiter:
    """At most ``per_minute`` hits per key in any 60-second window; 0 means no limit.

    One process only: the SQLite server's limiter."""

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
            while window and window[0] <= now - WINDOW_S:
                window.popleft()
            if len(window) >= self._limit:
                return max(0.0, window[0] + WINDOW_S - now)
            window.append(now)
            return None

    def _sweep(self, now: float) -> None:
        # Forget idle keys so many one-off addresses cannot grow the table forever.
        for key in [k for k, w in self._hits.items() if not w or w[-1] <= now - WINDOW_S]:
            del self._hits[key]
        self._next_sweep = now + WINDOW_S


class SharedRateLimiter:
    """The same limit kept in PostgreSQL, shared by every server process on the database.

    Per hit, one short transaction: a transaction-level advisory lock on the
    (bucket, key) pair serialises the processes counting that key (other keys and
    the change log's write lock are not touched), then one statement counts the
    hits of the last 60 s (``ix_rate_hits_bucket_key_at``) and, below the limit,
    adds one. Times are the database's clock, so processes on hosts whose clocks
    differ still share one window. Rows older than the window go at most every
    ten seconds per process.
    """

    PRUNE_EVERY_S: Final = 10.0
    # A hit lost in a crash costs nothing: the commit need not wait for the WAL flush.
    _LOCK_AND_NOW: Final = text(
        "SELECT set_config('synchronous_commit', 'off', true), "
        "pg_advisory_xact_lock(hashtextextended(:lock, 0)), "
        "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
    )
    _HIT: Final = text(
        "INSERT INTO rate_hits (bucket, key, at_ms) "
        "SELECT CAST(:bucket AS VARCHAR), CAST(:key AS VARCHAR), CAST(:now AS BIGINT) "
        "WHERE (SELECT count(*) FROM rate_hits WHERE bucket = CAST(:bucket AS VARCHAR) "
        "AND key = CAST(:key AS VARCHAR) AND at_ms > CAST(:since AS BIGINT)) < :limit "
        "RETURNING id"
    )

    def __init__(self, engine: Engine, bucket: str, per_minute: int) -> None:
        self._engine = engine
        self._bucket = bucket
        self._limit = per_minute
        self._lock = threading.Lock()
        self._next_prune = 0.0

    def hit(self, key: str) -> float | None:
        if self._limit <= 0:
            return None
        window_ms = int(WINDOW_S * 1000)
        hits = db.rate_hits
        with self._engine.connect() as conn, conn.begin():
            _, _, now = conn.execute(
                self._LOCK_AND_NOW, {"lock": f"feltjournal-rate:{self._bucket}:{key}"}
            ).one()
            if self._prune_due():
                conn.execute(hits.delete().where(hits.c.at_ms <= now - window_ms))
            counted = conn.execute(
                self._HIT,
                {
                    "bucket": self._bucket,
                    "key": key,
                    "now": now,
                    "since": now - window_ms,
                    "limit": self._limit,
                },
            ).first()
            if counted is not None:
                return None
            oldest = conn.scalar(
                select(func.min(hits.c.at_ms)).where(
                    hits.c.bucket == self._bucket,
                    hits.c.key == key,
                    hits.c.at_ms > now - window_ms,
                )
            )
        return max(0.0, (int(oldest or now) + window_ms - int(now)) / 1000)

    def _prune_due(self) -> bool:
        now = time.monotonic()
        with self._lock:
            if now < self._next_prune:
                return False
            self._next_prune = now + self.PRUNE_EVERY_S
            return True


def rate_limiter(engine: Engine, bucket: str, per_minute: int) -> RateLimiter:
    """The limiter for this database: shared on PostgreSQL, in memory on SQLite."""
    if engine.dialect.name == "postgresql":
        return SharedRateLimiter(engine, bucket, per_minute)
    return MemoryRateLimiter(per_minute)
