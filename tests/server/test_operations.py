"""Readiness, trusted proxies, request ids, metrics and shared rate limits (in-process app).

The same checks against real server processes are in tests/e2e/test_server_operations.py.
"""

from __future__ import annotations

import io
import json
import logging
import re
from dataclasses import replace
from typing import Any

import anyio
import httpx
import msgspec
import pytest
from sqlalchemy import Engine, func, select

from server import db
from server.app import Readiness, create_app
from server.cli import main
from server.logs import JsonFormatter
from server.metrics import Metrics
from server.observe import Observe, TrustedProxies
from server.ratelimit import MemoryRateLimiter, SharedRateLimiter, rate_limiter
from server.settings import ServerSettings, SettingsError
from tests.server.helpers import World, asgi_client, error_code

TOKEN = "metrics-token-for-tests-0123456789"
SECRET = "SENTINEL-Ola-Nordmann-0199"


def _enrol_from(world: World, forwarded_for: str | None = None) -> int:
    """One enrolment attempt with a wrong code from the test client (peer 127.0.0.1)."""
    headers = {"Content-Type": "application/json"}
    if forwarded_for is not None:
        headers["X-Forwarded-For"] = forwarded_for
    body = msgspec.json.encode({"code": "AAAA-BBBB-CCCC-DDDD"})
    return world.client.post("/v1/enrol", content=body, headers=headers).status_code


def test_ready_reads_the_database_and_names_the_instance(world: World, engine: Engine) -> None:
    r = world.client.get("/v1/ready")
    assert r.status_code == 200, r.text
    answer = msgspec.json.decode(r.content, type=Readiness)
    assert answer.status == "ready" and answer.database == engine.dialect.name
    assert answer.instance_id == world.client.get("/v1/health").json()["instance_id"]


def test_forwarded_for_from_an_untrusted_peer_does_not_escape_the_enrolment_limit(
    settings: ServerSettings, world: World
) -> None:
    """By default no proxy is trusted, a local one neither: a caller that names another
    address in X-Forwarded-For for every attempt is still counted as itself."""
    assert ServerSettings().trusted_proxies == ""
    with asgi_client(create_app(replace(settings, enrol_attempts_per_minute=3))) as client:
        caller = World(client, world.admin, world.org_key)
        answers = [_enrol_from(caller, f"203.0.113.{i}") for i in range(1, 6)]
    assert answers == [422, 422, 422, 429, 429]


def test_a_trusted_proxy_s_forwarded_for_is_the_address_the_limit_counts(
    settings: ServerSettings, world: World
) -> None:
    limited = replace(settings, enrol_attempts_per_minute=2, trusted_proxies="127.0.0.0/8")
    with asgi_client(create_app(limited)) as client:
        proxy = World(client, world.admin, world.org_key)
        # Two clients behind the proxy: each has its own two attempts.
        first = [_enrol_from(proxy, "198.51.100.7") for _ in range(3)]
        second = [_enrol_from(proxy, "198.51.100.8") for _ in range(2)]
        # A client's own claim left of the proxy's entry is not believed either.
        spoofed = _enrol_from(proxy, "10.9.9.9, 198.51.100.7")
    assert first == [422, 422, 429] and second == [422, 422] and spoofed == 429


def test_the_proxy_list_is_checked() -> None:
    proxies = TrustedProxies(" 10.0.0.5, 192.168.1.0/24 ,")
    assert proxies.trusts("10.0.0.5") and proxies.trusts("192.168.1.200")
    assert not proxies.trusts("10.0.0.6") and not proxies.trusts("unix-socket")
    assert TrustedProxies("*").trusts("203.0.113.1") and not TrustedProxies("").trusts("::1")
    with pytest.raises(SettingsError, match="TRUSTED_PROXIES: 'localhost'"):
        TrustedProxies("localhost")


def test_every_answer_carries_a_request_id_a_trusted_proxy_may_choose(
    settings: ServerSettings, world: World
) -> None:
    ids = {world.client.get("/v1/health").headers["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3 and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    # From an untrusted peer the given id is replaced (it would be a log-forging handle).
    r = world.client.get("/v1/health", headers={"X-Request-ID": "chosen-by-caller"})
    assert r.headers["X-Request-ID"] != "chosen-by-caller"
    # Refusals carry one too.
    assert world.client.get("/v1/nowhere").headers["X-Request-ID"]
    with asgi_client(create_app(replace(settings, trusted_proxies="127.0.0.1"))) as client:
        r = client.get("/v1/health", headers={"X-Request-ID": "lb-7f3a-0001"})
        assert r.headers["X-Request-ID"] == "lb-7f3a-0001"
        bad = client.get("/v1/health", headers={"X-Request-ID": "no spaces\tor tabs"})
        assert bad.headers["X-Request-ID"] != "no spaces\tor tabs"


def _metric(text: str, name: str) -> float:
    match = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    assert match, f"{name} not in\n{text}"
    return float(match.group(1))


def test_metrics_are_off_without_a_token_and_need_it(settings: ServerSettings) -> None:
    with asgi_client(create_app(settings)) as client:
        r = client.get("/metrics")
        assert r.status_code == 404 and error_code(r) == "not_found"
    with asgi_client(create_app(replace(settings, metrics_token=TOKEN))) as client:
        assert client.get("/metrics").status_code == 401
        wrong = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}x"})
        assert wrong.status_code == 401 and error_code(wrong) == "unauthenticated"
        ok = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200 and ok.headers["content-type"].startswith("text/plain")
    assert "/metrics" not in create_app(settings).openapi()["paths"]


def test_metrics_count_requests_changes_devices_and_refusals(
    settings: ServerSettings, world: World
) -> None:
    observed = replace(
        settings,
        metrics_token=TOKEN,
        enrol_attempts_per_minute=1,
        device_requests_per_minute=4,
        trusted_proxies="127.0.0.1",  # enrolments from an address of their own
    )
    dev = world.device("jobbspesialist")
    world.device("terapeut", approve=False)
    with asgi_client(create_app(observed)) as client:
        w = World(client, world.admin, world.org_key)
        result = w.push(dev, [dev.change("work:m1") for _ in range(3)])
        w.push(dev, [dev.change("work:m1", change_id=result.accepted[0])])  # a retry
        assert len(w.pull(dev).changes) == 3
        assert w.call(dev, "GET", "/v1/grants").status_code == 200
        assert w.call(dev, "GET", "/v1/grants").status_code == 429  # the fifth request
        assert [_enrol_from(w, "198.51.100.9") for _ in range(2)] == [422, 429]
        text = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
    requests = 'feltjournal_http_requests_total{route="/v1/changes",method="POST",status="200"}'
    assert _metric(text, requests) == 2
    assert _metric(text, 'feltjournal_changes_pushed_total{result="accepted"}') == 3
    assert _metric(text, 'feltjournal_changes_pushed_total{result="duplicate"}') == 1
    assert _metric(text, "feltjournal_changes_pulled_total") == 3
    assert _metric(text, 'feltjournal_devices{status="approved"}') == 1
    assert _metric(text, 'feltjournal_devices{status="pending"}') == 1
    assert _metric(text, 'feltjournal_rate_limit_refusals_total{limit="device"}') == 1
    assert _metric(text, 'feltjournal_rate_limit_refusals_total{limit="enrol"}') == 1
    grants_429 = 'feltjournal_http_requests_total{route="/v1/grants",method="GET",status="429"}'
    assert _metric(text, grants_429) == 1
    # A latency histogram per route template (never the path as sent).
    histogram = "feltjournal_http_request_duration_seconds"
    assert _metric(text, f'{histogram}_count{{route="/v1/changes"}}') == 3
    assert _metric(text, f'{histogram}_bucket{{route="/v1/changes",le="+Inf"}}') == 3
    assert "?after" not in text and "work:m1" not in text


def test_the_rate_limit_is_kept_where_every_process_counts(engine: Engine) -> None:
    """PostgreSQL: two limiters (two processes) on one database share the limit. SQLite
    keeps the single process's limit in memory."""
    first = rate_limiter(engine, "enrol", 3)
    second = rate_limiter(engine, "enrol", 3)
    if engine.dialect.name == "sqlite":
        assert isinstance(first, MemoryRateLimiter)
        return
    assert isinstance(first, SharedRateLimiter)
    assert [first.hit("192.0.2.1"), second.hit("192.0.2.1"), first.hit("192.0.2.1")] == [None] * 3
    wait = second.hit("192.0.2.1")
    assert wait is not None and 55 <= wait <= 60
    assert first.hit("192.0.2.2") is None  # another address has its own count
    assert rate_limiter(engine, "device", 3).hit("192.0.2.1") is None  # another limit too
    with db.read_tx(engine) as conn:
        rows = conn.scalar(select(func.count()).select_from(db.rate_hits))
    assert rows == 5  # refused attempts are not counted


def test_serve_stops_with_one_line_on_a_malformed_proxy_list(
    settings: ServerSettings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FELTJOURNAL_SERVER_TRUSTED_PROXIES", "10.0.0.5, proxy.example.no")
    args = ["serve", "--data", str(settings.data_dir), "--database", settings.database_url]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TRUSTED_PROXIES: 'proxy.example.no'" in err


def test_an_unexpected_failure_is_a_500_with_its_id_logged_without_its_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Whatever raises inside the app: the caller gets an Error document with the request
    id, and the log line has the exception's type and frames, never its text."""

    async def failing(scope: dict[str, Any], receive: Any, send: Any) -> None:
        raise RuntimeError(f"row value {SECRET}")

    app = Observe(failing, proxies=TrustedProxies(""), metrics=Metrics())

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return await client.get("/v1/anything?participant=" + SECRET)

    # The handler `serve` configures (server.logs.log_config), on the server's loggers.
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("feltjournal")
    logger.addHandler(handler)
    try:
        with caplog.at_level(logging.INFO, logger="feltjournal"):
            r = anyio.run(call)
    finally:
        logger.removeHandler(handler)
    assert r.status_code == 500 and r.json()["code"] == "internal_error"
    request_id = r.headers["X-Request-ID"]
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    failure = next(e for e in lines if e["msg"] == "unexpected server error")
    assert failure["exc_type"] == "RuntimeError" and "Traceback" in failure["traceback"]
    access = next(e for e in lines if e["logger"] == "feltjournal.access")
    assert access["status"] == 500 and access["route"] == "unmatched"
    assert failure["request_id"] == access["request_id"] == request_id
    assert SECRET not in json.dumps(lines)
