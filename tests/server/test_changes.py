"""Pushing and pulling changes: round trips, retries, clock skew, limits and bad input."""

from __future__ import annotations

import base64

import msgspec
import pytest
from sqlalchemy import Engine, func, select

from server import db
from sync.protocol import (
    MAX_FUTURE_MS,
    MAX_PAYLOAD_BYTES,
    MAX_PULL_LIMIT,
    MAX_PUSH_BYTES,
    MAX_PUSH_CHANGES,
    MSGPACK,
    PullResponse,
    PushRequest,
)
from tests.server.helpers import World, error_code, now_ms


def _count(engine: Engine) -> int:
    with db.read_tx(engine) as conn:
        return int(conn.scalar(select(func.count()).select_from(db.changes)) or 0)


@pytest.mark.parametrize("msgpack", [False, True], ids=["json", "msgpack"])
def test_push_and_pull_round_trip(world: World, msgpack: bool) -> None:
    writer = world.device("jobbspesialist")
    space = "work:participant-1"
    sent = [writer.change(space, payload=bytes([i]) * (i + 1)) for i in range(5)]
    result = world.push(writer, sent, msgpack=msgpack)
    assert result.accepted == [c.change_id for c in sent]
    assert result.duplicates == [] and result.rejected == []
    assert abs(result.server_time_ms - now_ms()) < 60_000

    page = world.pull(writer, 0, msgpack=msgpack)
    assert [(c.change_id, c.payload, c.hlc, c.record_id, c.field) for c in page.changes] == [
        (c.change_id, c.payload, c.hlc, c.record_id, c.field) for c in sent
    ]
    seqs = [c.seq for c in page.changes]
    assert seqs == sorted(seqs) and len(set(seqs)) == 5 and seqs[0] > 0
    assert page.next_cursor == seqs[-1] and page.more is False and page.horizon == 0
    assert page.instance_id == world.client.get("/v1/health").json()["instance_id"]
    assert world.pull(writer, page.next_cursor).changes == []


def test_pull_pages_by_cursor(world: World) -> None:
    dev = world.device("terapeut")
    sent = [dev.change("clinical:p1") for _ in range(7)]
    world.push(dev, sent)
    first = world.pull(dev, 0, limit=3)
    assert len(first.changes) == 3 and first.more
    got, cursor = world.pull_all(dev, 0, limit=3)
    assert [c.change_id for c in got] == [c.change_id for c in sent]
    assert cursor == got[-1].seq


def test_msgpack_pull_is_msgpack_and_json_is_json(world: World) -> None:
    dev = world.device("terapeut")
    world.push(dev, [dev.change("clinical:p1")])
    as_msgpack = world.pull_response(dev, 0, msgpack=True)
    assert as_msgpack.headers["content-type"] == MSGPACK
    assert msgspec.msgpack.decode(as_msgpack.content, type=PullResponse).changes
    as_json = world.pull_response(dev, 0)
    assert as_json.headers["content-type"] == "application/json"
    payload = as_json.json()["changes"][0]["payload"]
    assert base64.b64decode(payload)  # bytes travel as base64 in JSON


def test_a_retried_batch_is_stored_once(world: World, engine: Engine) -> None:
    dev = world.device("jobbspesialist")
    batch = [dev.change("work:p1") for _ in range(4)]
    first = world.push(dev, batch)
    assert len(first.accepted) == 4
    again = world.push(dev, batch)
    assert again.accepted == [] and again.duplicates == [c.change_id for c in batch]
    assert _count(engine) == 4
    mixed = world.push(dev, [batch[0], dev.change("work:p1"), batch[0]])
    assert len(mixed.accepted) == 1 and mixed.duplicates == [batch[0].change_id] * 2
    assert _count(engine) == 5
    assert len(world.pull(dev).changes) == 5


def test_a_change_id_taken_by_another_device_is_rejected(world: World) -> None:
    a = world.device("jobbspesialist")
    b = world.device("jobbspesialist")
    ch = a.change("work:p1")
    world.push(a, [ch])
    stolen = b.change("work:p2", change_id=ch.change_id)
    result = world.push(b, [stolen])
    assert [r.code for r in result.rejected] == ["bad_change"]


def test_changes_stamped_far_in_the_future_are_rejected(world: World) -> None:
    dev = world.device("jobbspesialist")
    ahead = dev.change("work:p1", hlc=f"{now_ms() + MAX_FUTURE_MS + 60_000:013d}-000000")
    near = dev.change("work:p1", hlc=f"{now_ms() + MAX_FUTURE_MS - 60_000:013d}-000003")
    old = dev.change("work:p1", hlc=f"{now_ms() - 86_400_000 * 30:013d}-000000")
    result = world.push(dev, [ahead, near, old])
    assert [(r.change_id, r.code) for r in result.rejected] == [(ahead.change_id, "clock_skew")]
    assert "clock" in result.rejected[0].message
    assert result.accepted == [near.change_id, old.change_id]


def test_malformed_changes_are_rejected_one_by_one(world: World) -> None:
    dev = world.device("jobbspesialist")
    other = world.device("jobbspesialist")
    bad = [
        dev.change("work:p1", hlc="yesterday"),
        dev.change("work:p1", kind="shout"),
        other.change("work:p1"),  # pushed by someone else
        dev.change("work:p1", field="a\x00b"),
        dev.change("nospace"),
    ]
    good = dev.change("work:p1")
    result = world.push(dev, [*bad, good])
    assert result.accepted == [good.change_id]
    assert [r.code for r in result.rejected] == ["bad_change"] * 4 + ["not_member"]


def test_a_payload_over_the_limit_is_rejected(world: World) -> None:
    dev = world.device("jobbspesialist")
    big = dev.change("work:p1", payload=b"x" * (MAX_PAYLOAD_BYTES + 1))
    fits = dev.change("work:p1", payload=b"x" * MAX_PAYLOAD_BYTES)
    result = world.push(dev, [big, fits], msgpack=True)
    assert [(r.change_id, r.code) for r in result.rejected] == [(big.change_id, "too_large")]
    assert result.accepted == [fits.change_id]


def test_too_many_changes_or_bytes_are_413(world: World, engine: Engine) -> None:
    dev = world.device("jobbspesialist")
    many = [dev.change("work:p1", payload=b"") for _ in range(MAX_PUSH_CHANGES + 1)]
    r = world.call(dev, "POST", "/v1/changes", msgspec.json.encode(PushRequest(many)))
    assert r.status_code == 413 and error_code(r) == "too_many_changes"
    heavy = [dev.change("work:p1", payload=b"x" * 200_000) for _ in range(6)]
    body = msgspec.msgpack.encode(PushRequest(heavy))
    assert len(body) > MAX_PUSH_BYTES
    r = world.call(dev, "POST", "/v1/changes", body, content_type=MSGPACK)
    assert r.status_code == 413 and error_code(r) == "body_too_large"
    assert str(MAX_PUSH_BYTES) in r.json()["message"]
    assert _count(engine) == 0


def test_the_body_limit_holds_without_a_content_length(world: World) -> None:
    dev = world.device("jobbspesialist")
    body = b"[" + b" " * (MAX_PUSH_BYTES + 10) + b"]"
    headers = dev.headers("POST", "/v1/changes", body)
    r = world.client.post(
        "/v1/changes", content=iter([body[:500_000], body[500_000:]]), headers=headers
    )
    assert r.status_code == 413 and error_code(r) == "body_too_large"


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"{not json", "application/json", 400, "malformed_body"),
        (b"\xc1\xc1", MSGPACK, 400, "malformed_body"),
        (b'{"changes": 5}', "application/json", 422, "invalid_request"),
        (b'{"changes": [{"change_id": "x"}]}', "application/json", 422, "invalid_request"),
        (b"<changes/>", "application/xml", 415, "unsupported_media_type"),
        (b"", "application/json", 400, "malformed_body"),
    ],
)
def test_bad_bodies_are_4xx_with_a_message(
    world: World, body: bytes, content_type: str, status: int, code: str
) -> None:
    dev = world.device("jobbspesialist")
    headers = dev.headers("POST", "/v1/changes", body)
    headers["Content-Type"] = content_type
    r = world.client.post("/v1/changes", content=body, headers=headers)
    assert r.status_code == status, r.text
    assert r.json()["code"] == code and r.json()["message"]


def test_bad_base64_is_422(world: World) -> None:
    dev = world.device("jobbspesialist")
    good = msgspec.json.decode(msgspec.json.encode(PushRequest([dev.change("work:p1")])))
    good["changes"][0]["payload"] = "***not base64***"
    body = msgspec.json.encode(good)
    r = world.call(dev, "POST", "/v1/changes", body)
    assert r.status_code == 422 and "base64" in r.json()["message"]


@pytest.mark.parametrize(
    "query",
    ["after=-1", f"limit={MAX_PULL_LIMIT + 1}", "limit=0", "after=x", f"after={2**64}"],
)
def test_bad_cursors_and_limits_are_422(world: World, query: str) -> None:
    dev = world.device("jobbspesialist")
    r = world.call(dev, "GET", f"/v1/changes?{query}")
    assert r.status_code == 422 and error_code(r) == "invalid_request"


def test_unknown_routes_and_methods_answer_with_error_json(world: World) -> None:
    r = world.client.get("/v1/nothing-here")
    assert r.status_code == 404 and error_code(r) == "not_found"
    r = world.client.delete("/v1/changes")
    assert r.status_code == 405 and error_code(r) == "method_not_allowed"
    r = world.client.get("/openapi.json")
    assert r.status_code == 200 and "/v1/changes" in r.json()["paths"]
    assert world.client.get("/docs").status_code == 200
