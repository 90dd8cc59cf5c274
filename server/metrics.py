"""Prometheus metrics of one server process, in the text exposition format (version 0.0.4).

Counters and the latency histogram count this process's requests (Prometheus
scrapes each process and sums them); the device gauge is read from the database
at each scrape, so every process reports the same figure.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping
from typing import Final

CONTENT_TYPE: Final = "text/plain; version=0.0.4; charset=utf-8"
#: Upper bounds (seconds) of the latency histogram's buckets.
BUCKETS: Final = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _labels(**labels: str) -> str:
    return "{" + ",".join(f'{k}="{_label(v)}"' for k, v in labels.items()) + "}"


def _number(value: float) -> str:
    return repr(float(value)) if isinstance(value, float) else str(value)


class Metrics:
    """The process's counters; thread-safe (routes count from worker threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: Counter[tuple[str, str, str]] = Counter()
        self._buckets: dict[str, list[int]] = {}
        self._sums: dict[str, float] = {}
        self._changes: Counter[tuple[str, str]] = Counter()
        self._refusals: Counter[str] = Counter()

    def request(self, *, route: str, method: str, status: int, seconds: float) -> None:
        with self._lock:
            self._requests[(route, method, str(status))] += 1
            counts = self._buckets.setdefault(route, [0] * (len(BUCKETS) + 1))
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    counts[i] += 1
            counts[-1] += 1  # +Inf: every observation
            self._sums[route] = self._sums.get(route, 0.0) + seconds

    def changes(self, direction: str, result: str, count: int) -> None:
        """``count`` changes pushed (result accepted/duplicate/rejected) or pulled (served)."""
        if count > 0:
            with self._lock:
                self._changes[(direction, result)] += count

    def refused(self, limit: str) -> None:
        with self._lock:
            self._refusals[limit] += 1

    def exposition(self, devices: Mapping[str, int]) -> str:
        """Every metric as Prometheus text; ``devices``: device count by status."""
        with self._lock:
            requests = sorted(self._requests.items())
            buckets = {route: list(c) for route, c in sorted(self._buckets.items())}
            sums = dict(self._sums)
            changes = dict(self._changes)
            refusals = dict(self._refusals)
        out: list[str] = []

        def family(name: str, kind: str, help_: str) -> None:
            out.append(f"# HELP {name} {help_}")
            out.append(f"# TYPE {name} {kind}")

        family("feltjournal_http_requests_total", "counter", "HTTP requests by route and status.")
        for (route, method, status), n in requests:
            labels = _labels(route=route, method=method, status=status)
            out.append(f"feltjournal_http_requests_total{labels} {n}")
        name = "feltjournal_http_request_duration_seconds"
        family(name, "histogram", "Time from a request's start to its answer's end.")
        for route, counts in buckets.items():
            for bound, n in zip((*BUCKETS, "+Inf"), counts, strict=True):
                le = bound if isinstance(bound, str) else repr(bound)
                out.append(f"{name}_bucket{_labels(route=route, le=le)} {n}")
            out.append(f"{name}_sum{_labels(route=route)} {_number(sums[route])}")
            out.append(f"{name}_count{_labels(route=route)} {counts[-1]}")
        family("feltjournal_changes_pushed_total", "counter", "Pushed changes by result.")
        for result in ("accepted", "duplicate", "rejected"):
            n = changes.get(("pushed", result), 0)
            out.append(f"feltjournal_changes_pushed_total{_labels(result=result)} {n}")
        family("feltjournal_changes_pulled_total", "counter", "Changes served by pulls.")
        out.append(f"feltjournal_changes_pulled_total {changes.get(('pulled', 'served'), 0)}")
        family("feltjournal_devices", "gauge", "Enrolled devices by status (the database's).")
        for status in sorted({"pending", "approved", "revoked", *devices}):
            out.append(f"feltjournal_devices{_labels(status=status)} {devices.get(status, 0)}")
        family(
            "feltjournal_rate_limit_refusals_total", "counter", "Requests refused by a rate limit."
        )
        for limit in sorted({"enrol", "device", *refusals}):
            n = refusals.get(limit, 0)
            out.append(f"feltjournal_rate_limit_refusals_total{_labels(limit=limit)} {n}")
        return "\n".join(out) + "\n"
