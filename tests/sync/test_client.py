"""SyncClient against the real server app (in-process, SQLite in tmp_path).

Only the malformed-answer test uses a mock transport; everything else goes
through server.app.create_app over HTTP semantics (httpx, signed requests).
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import anyio.from_thread
import httpx
import msgspec
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine, func, select

from server import db, keys
from server.admin import Admin
from server.app import create_app
from server.changelog import ChangeLog
from server.settings import ServerSettings
from storage.crypto import random_key
from storage.store import RecordStore
from sync.changes import Change
from sync.client import (
    BAD_RESPONSE,
    CLOCK_SKEW,
    OFFLINE,
    SyncClient,
    SyncError,
    Transport,
    _batches,
    enrol,
    post_grants,
)
from sync.grants import make_grant
from sync.hlc import HybridClock
from sync.protocol import MAX_PUSH_BYTES, MAX_PUSH_CHANGES, EnrolRequest, PushRequest, WireChange
from tests.server.helpers import _PortalTransport
from tests.support.replicas import make_store

SPACE = "work:p1"
DAY_MS = 86_400_000


@dataclass
class Device:
    """A replica enrolled (and approved) on a server."""

    store: RecordStore
    ed25519: bytes
    x25519: bytes

    @property
    def id(self) -> str:
        return self.store.device


class Server:
    """One in-process server: its HTTP transport, its database and its admin."""

    def __init__(
        self,
        transport: httpx.BaseTransport,
        engine: Engine,
        admin: Admin,
        org_key: Ed25519PrivateKey,
    ) -> None:
        self.transport = transport
        self.engine = engine
        self.admin = admin
        self.org_key = org_key
        self.team = admin.create_team("IPS Testby")

    def http(
        self,
        device: Device,
        *,
        wrap: Callable[[httpx.BaseTransport], httpx.BaseTransport] | None = None,
    ) -> Transport:
        inner = self.transport if wrap is None else wrap(self.transport)
        return Transport(
            "http://testserver",
            device_id=device.id,
            signing_key=device.ed25519,
            client=httpx.Client(transport=inner),
        )

    def enrol(self, store: RecordStore, role: str = "jobbspesialist") -> Device:
        user = self.admin.add_user(team=self.team.id, name=f"u-{store.device[-6:]}", role=role)
        code = self.admin.issue_code(user=user.id).code
        ed = Ed25519PrivateKey.generate()
        x = X25519PrivateKey.generate()
        x_pub = x.public_key().public_bytes_raw()
        request = EnrolRequest(
            code, "laptop", x_pub, ed.public_key().public_bytes_raw(), device_id=store.device
        )
        with Transport("http://testserver", client=httpx.Client(transport=self.transport)) as t:
            answer = enrol(t, request)
        assert answer.device_id == store.device
        self.admin.approve_device(store.device, self.org_key)
        return Device(store, ed.private_bytes_raw(), x.private_bytes_raw())

    def grant(self, granter: Device, target: Device, space: str) -> None:
        """The granter wraps the space key it holds to the target (membership on the server)."""
        x_pub = X25519PrivateKey.from_private_bytes(target.x25519).public_key().public_bytes_raw()
        grant = make_grant(
            granter.store.keys.key(space, 1),
            space=space,
            key_version=1,
            to_device=target.id,
            recipient_x25519=x_pub,
            from_device=granter.id,
            signer_ed25519_private=granter.ed25519,
        )
        with self.http(granter) as transport:
            post_grants(transport, [grant])

    def stored_changes(self, device: Device | None = None) -> int:
        query = select(func.count()).select_from(db.changes)
        if device is not None:
            query = query.where(db.changes.c.device_id == device.id)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())


@contextmanager
def running_server(folder: Path, *, clock: Callable[[], int] | None = None) -> Iterator[Server]:
    settings = ServerSettings(
        data_dir=folder,
        database_url=f"sqlite:///{folder / 'server.db'}",
        device_requests_per_minute=0,
    )
    keys.write_key_pair(settings.org_private_key_path, settings.org_public_key_path)
    app = create_app(settings, clock=clock)
    engine = db.open_engine(settings.effective_database_url, pool_size=1)
    try:
        with (
            anyio.from_thread.start_blocking_portal() as portal,
            portal.wrap_async_context_manager(app.router.lifespan_context(app)),
        ):
            admin = Admin(
                engine,
                org_public_key=keys.load_public_key(settings.org_public_key_path),
                now_ms=db.now_ms,
            )
            yield Server(
                _PortalTransport(app, portal),
                engine,
                admin,
                keys.load_private_key(settings.org_private_key_path),
            )
    finally:
        engine.dispose()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_server(tmp_path / "server") as srv:
        yield srv


@pytest.fixture
def space_keys() -> dict[str, dict[int, bytes]]:
    return {SPACE: {1: random_key()}}


@pytest.fixture
def pair(
    server: Server, tmp_path: Path, space_keys: dict[str, dict[int, bytes]]
) -> tuple[Device, Device]:
    a = server.enrol(make_store(tmp_path / "a.db", keys=space_keys, actor="a"), "teamleder")
    b = server.enrol(make_store(tmp_path / "b.db", keys=space_keys, actor="b"))
    server.grant(a, b, SPACE)  # both are members of the space now
    return a, b


def _write(store: RecordStore, records: int, fields: int = 1, size: int = 10) -> None:
    with store.transaction():
        for n in range(records):
            store.put(
                record_type="case_note",
                space=SPACE,
                values={f"f{i}": f"{n}-{i}-" + "x" * size for i in range(fields)},
            )


class _Spy(httpx.BaseTransport):
    """Counts requests and can fail one of them: before sending, or after the server answered."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []
        self.fail: Callable[[httpx.Request, int], str | None] = lambda _r, _n: None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        how = self.fail(request, len(self.requests))
        if how == "refuse":
            raise httpx.ConnectError("refused", request=request)
        response = self.inner.handle_request(request)
        if how == "send_twice":  # as a middlebox resending a request it already sent
            response.read()
            response = self.inner.handle_request(request)
        if how == "drop_answer":
            response.read()
            raise httpx.ReadError("connection dropped before the answer", request=request)
        return response


# --- batching -----------------------------------------------------------------------------


def test_batches_hold_at_most_500_changes_and_about_1_mb() -> None:
    def change(size: int) -> Change:
        return Change(
            "c", "d", "0000000000001-000000", "r", "t", SPACE, "f", "register", 1, b"p" * size
        )

    counts = [len(b) for b in _batches([change(10) for _ in range(1201)])]
    assert counts == [500, 500, 201]
    big = _batches([change(200_000) for _ in range(12)])
    for batch in big:
        body = msgspec.json.encode(PushRequest([WireChange.from_change(c) for c in batch]))
        assert len(body) <= MAX_PUSH_BYTES
    assert sum(map(len, big)) == 12 and len(big) >= 3


def test_a_round_pushes_in_batches_and_pulls_in_pages(
    server: Server, pair: tuple[Device, Device]
) -> None:
    a, b = pair
    _write(a.store, 1100)
    _write(a.store, 12, size=150_000)  # ~2 MB more: the byte limit splits these too
    total = a.store.outbox_size()
    spy = _Spy(server.transport)
    result = SyncClient(a.store, server.http(a, wrap=lambda _t: spy)).round()
    pushes = [r for r in spy.requests if r.method == "POST"]
    assert result.pushed == total and a.store.outbox_size() == 0
    assert len(pushes) == result.batches >= 5
    for r in pushes:
        assert len(r.content) <= MAX_PUSH_BYTES
        decoded = msgspec.msgpack.decode(r.content, type=PushRequest)
        assert len(decoded.changes) <= MAX_PUSH_CHANGES
    assert server.stored_changes(a) == total

    pulled = SyncClient(b.store, server.http(b), page_size=300).round()
    assert pulled.pulled == total and pulled.pages == -(-total // 300)
    assert b.store.state_hash() == a.store.state_hash()


# --- retries and lost answers -------------------------------------------------------------


def test_a_lost_answer_is_retried_and_stored_exactly_once(
    server: Server, pair: tuple[Device, Device]
) -> None:
    a, _ = pair
    _write(a.store, 30, fields=3)
    total = a.store.outbox_size()
    spy = _Spy(server.transport)
    spy.fail = lambda r, _n: "drop_answer" if r.method == "POST" else None
    with pytest.raises(SyncError) as caught:
        SyncClient(a.store, server.http(a, wrap=lambda _t: spy)).round()
    assert caught.value.code == OFFLINE
    assert server.stored_changes(a) == total  # the server committed the batch
    assert a.store.outbox_size() == total  # ... but the laptop never heard so

    again = SyncClient(a.store, server.http(a)).round()
    assert again.pushed == 0 and again.duplicates == total
    assert a.store.outbox_size() == 0
    assert server.stored_changes(a) == total  # exactly once


def test_a_request_sent_twice_is_served_once_and_the_next_round_loses_nothing(
    server: Server, pair: tuple[Device, Device]
) -> None:
    a, _ = pair
    _write(a.store, 12)
    total = a.store.outbox_size()
    spy = _Spy(server.transport)
    spy.fail = lambda r, _n: "send_twice" if r.method == "POST" else None
    with pytest.raises(SyncError) as caught:
        SyncClient(a.store, server.http(a, wrap=lambda _t: spy)).round()
    assert caught.value.server_code == "replayed_request" and caught.value.status == 409
    assert server.stored_changes(a) == total  # the first copy was served...
    assert a.store.outbox_size() == total  # ... the laptop heard only of the second

    again = SyncClient(a.store, server.http(a)).round()  # new request, new id
    assert again.pushed == 0 and again.duplicates == total
    assert a.store.outbox_size() == 0 and server.stored_changes(a) == total


def test_the_cursor_advances_with_each_applied_page(
    server: Server, pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    _write(a.store, 250)
    SyncClient(a.store, server.http(a)).round()

    spy = _Spy(server.transport)
    spy.fail = lambda r, n: "refuse" if r.method == "GET" and n == 3 else None
    with pytest.raises(SyncError) as caught:
        SyncClient(b.store, server.http(b, wrap=lambda _t: spy), page_size=100).round()
    assert caught.value.code == OFFLINE
    instance = b.store.setting("sync.instance_id")
    cursor = b.store.cursor(f"server:{instance}")
    assert cursor is not None and int(cursor) > 0
    assert len(b.store.query()) == 200  # two pages applied, each with its cursor

    # A page that fails while being applied leaves neither its changes nor its cursor.
    def boom(*_args: object) -> None:
        raise RuntimeError("power cut mid-page")

    monkeypatch.setattr(b.store.merger, "before_write", boom)
    with pytest.raises(RuntimeError):
        SyncClient(b.store, server.http(b), page_size=100).round()
    monkeypatch.undo()
    assert b.store.cursor(f"server:{instance}") == cursor
    assert len(b.store.query()) == 200

    rest = SyncClient(b.store, server.http(b), page_size=100).round()
    assert rest.pulled == 50 and rest.applied == 50
    assert b.store.state_hash() == a.store.state_hash()


def _compacted(server: Server, a: Device, b: Device, *, records: int) -> int:
    """A's edits synced to B, then superseded on A and the server's log compacted."""
    _write(a.store, records)
    SyncClient(a.store, server.http(a)).round()
    SyncClient(b.store, server.http(b)).round()
    rid = a.store.query()[0].id
    for n in range(3):  # superseded register versions, compactable
        a.store.put(rid, record_type="case_note", space=SPACE, values={"f0": f"v{n}"})
        SyncClient(a.store, server.http(a)).round()
    b.store.apply_changes([], cursor=(f"server:{b.store.setting('sync.instance_id')}", "5"))
    log = ChangeLog(server.engine, now_ms=db.now_ms)
    horizon = log.compact(days=1, now_ms=db.now_ms() + 2 * DAY_MS).horizon  # two days later
    assert horizon > 5
    return horizon


def test_resync_required_pulls_everything_again_in_the_same_round(
    server: Server, pair: tuple[Device, Device]
) -> None:
    a, b = pair
    _compacted(server, a, b, records=30)
    result = SyncClient(b.store, server.http(b), page_size=10).round()
    assert result.resyncs == 1
    assert _fields(b.store) == _fields(a.store)


def _fields(store: RecordStore) -> dict[str, dict[str, object]]:
    return {r.id: r.fields for r in store.query()}


def test_compaction_makes_no_false_conflicts(server: Server, pair: tuple[Device, Device]) -> None:
    a, b = pair
    _compacted(server, a, b, records=3)
    SyncClient(b.store, server.http(b)).round()
    assert b.store.state_hash() == a.store.state_hash()


def test_a_full_resync_pages_through_a_compacted_log(
    server: Server, pair: tuple[Device, Device]
) -> None:
    a, b = pair
    horizon = _compacted(server, a, b, records=2100)
    assert horizon > 2000
    result = SyncClient(b.store, server.http(b), page_size=500).round()
    # The whole compacted log, page by page below the horizon: every kept change once.
    assert result.resyncs == 1
    assert result.pulled == server.stored_changes() and result.pages == -(-result.pulled // 500)
    assert _fields(b.store) == _fields(a.store)
    assert b.store.state_hash() == a.store.state_hash()  # and no false losing values


# --- a replaced server ----------------------------------------------------------------------


def test_a_new_server_instance_gets_everything_again_and_nothing_local_is_deleted(
    tmp_path: Path, space_keys: dict[str, dict[int, bytes]]
) -> None:
    store = make_store(tmp_path / "a.db", keys=space_keys, actor="a")
    _write(store, 20, fields=2)
    with running_server(tmp_path / "one") as first:
        dev = first.enrol(store)
        SyncClient(store, first.http(dev)).round()
        assert store.outbox_size() == 0
    before = store.state_hash()
    count = len(store.all_changes())
    with running_server(tmp_path / "two") as second:  # empty: a restored or replaced server
        dev = second.enrol(store)
        result = SyncClient(store, second.http(dev)).round()
        assert result.instance_changed
        assert result.pushed == count  # every local change offered again
        assert second.stored_changes(dev) == count
    assert store.state_hash() == before and len(store.query()) == 20


# --- failures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [b"<html>Gateway says hello</html>", b'{"accepted": 3}', b"\x93\x01\x02"],
    ids=["html", "wrong-shape", "msgpack-junk"],
)
def test_a_garbage_answer_is_bad_response_and_nothing_is_lost(
    tmp_path: Path, space_keys: dict[str, dict[int, bytes]], body: bytes
) -> None:
    store = make_store(tmp_path / "a.db", keys=space_keys)
    _write(store, 5)
    before, pending = store.state_hash(), store.outbox_size()
    content_type = "application/msgpack" if body.startswith(b"\x93") else "application/json"
    mock = httpx.MockTransport(
        lambda _r: httpx.Response(200, content=body, headers={"content-type": content_type})
    )
    transport = Transport(
        "http://testserver",
        device_id=store.device,
        signing_key=Ed25519PrivateKey.generate().private_bytes_raw(),
        client=httpx.Client(transport=mock),
    )
    with pytest.raises(SyncError) as caught:
        SyncClient(store, transport).round()
    assert caught.value.code == BAD_RESPONSE
    assert store.outbox_size() == pending and store.state_hash() == before
    assert store.cursor("server") is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_connection_refused_is_offline(
    tmp_path: Path, space_keys: dict[str, dict[int, bytes]]
) -> None:
    store = make_store(tmp_path / "a.db", keys=space_keys)
    _write(store, 3)
    pending = store.outbox_size()
    with (
        Transport(
            f"http://127.0.0.1:{_free_port()}",
            device_id=store.device,
            signing_key=Ed25519PrivateKey.generate().private_bytes_raw(),
            timeout=5,
        ) as transport,
        pytest.raises(SyncError) as caught,
    ):
        SyncClient(store, transport).round()
    assert caught.value.code == OFFLINE
    assert store.outbox_size() == pending


def test_refused_changes_stay_in_the_outbox_and_the_round_still_pulls(
    server: Server,
    pair: tuple[Device, Device],
    tmp_path: Path,
    space_keys: dict[str, dict[int, bytes]],
) -> None:
    a, b = pair
    _write(b.store, 3)
    SyncClient(b.store, server.http(b)).round()
    now = db.now_ms()
    fast = server.enrol(
        make_store(
            tmp_path / "fast.db",
            keys=space_keys,
            clock=HybridClock(now_ms=lambda: now + 3 * DAY_MS),
        )
    )
    server.grant(a, fast, SPACE)
    _write(fast.store, 4)  # stamped three days ahead
    _write(a.store, 2)
    a.store.put(record_type="case_note", space=SPACE, values={"big": "x" * 300_000})
    result = SyncClient(a.store, server.http(a)).round()
    assert [code for _, code in result.rejected] == ["too_large"]
    assert a.store.outbox_size() == 1  # kept, offered again next round
    assert result.applied == 3  # B's changes (its own come back as duplicates)

    with pytest.raises(SyncError) as caught:
        SyncClient(fast.store, server.http(fast)).round()
    assert caught.value.code == CLOCK_SKEW and "clock" in str(caught.value)
    assert caught.value.result is not None and caught.value.result.applied >= 5
    assert fast.store.outbox_size() == 4 and server.stored_changes(fast) == 0


class _Offset:
    """A laptop's wall clock: real time plus an offset the test sets."""

    def __init__(self) -> None:
        self.offset_ms = 0

    def __call__(self) -> int:
        return db.now_ms() + self.offset_ms


def test_changes_written_ahead_are_re_stamped_and_pushed_once_the_clock_is_right(
    server: Server,
    pair: tuple[Device, Device],
    tmp_path: Path,
    space_keys: dict[str, dict[int, bytes]],
) -> None:
    a, b = pair
    clock = _Offset()
    fast = server.enrol(
        make_store(tmp_path / "fast.db", keys=space_keys, clock=HybridClock(now_ms=clock))
    )
    server.grant(a, fast, SPACE)
    rid = fast.store.put(record_type="case_note", space=SPACE, values={"n": 0})
    SyncClient(fast.store, server.http(fast)).round()
    clock.offset_ms = 3 * DAY_MS
    fast.store.put(rid, record_type="case_note", space=SPACE, values={"n": 1})
    _write(fast.store, 3)
    # Requests are signed with the right time (the transport's clock); the store's is
    # three days fast: refused, nothing re-stamped.
    with pytest.raises(SyncError) as caught:
        SyncClient(fast.store, server.http(fast)).round()
    assert caught.value.code == CLOCK_SKEW
    assert caught.value.result is not None and caught.value.result.restamped == 0
    assert fast.store.outbox_size() == 4 and server.stored_changes(fast) == 1

    clock.offset_ms = 2 * 60_000  # set, but still two minutes off the server's time
    with pytest.raises(SyncError) as still:
        SyncClient(fast.store, server.http(fast)).round()
    assert still.value.result is not None and still.value.result.restamped == 0
    assert fast.store.outbox_size() == 4

    clock.offset_ms = 0  # right
    result = SyncClient(fast.store, server.http(fast)).round()
    assert result.restamped == 4 and result.pushed == 4
    assert result.skewed == [] and result.rejected == []
    assert fast.store.outbox_size() == 0 and server.stored_changes(fast) == 5
    SyncClient(b.store, server.http(b)).round()
    SyncClient(fast.store, server.http(fast)).round()
    assert b.store.get(rid).fields == {"n": 1}  # type: ignore[union-attr]
    assert b.store.state_hash() == fast.store.state_hash()
    assert len(b.store.query()) == 4
