"""Test devices that sign their requests, and a small world of teams, users and devices."""

from __future__ import annotations

import base64
import itertools
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import anyio.from_thread
import httpx
import msgspec
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from server.admin import Admin, Team
from sync.protocol import (
    HEADER_DEVICE,
    HEADER_REQUEST_ID,
    HEADER_SIGNATURE,
    HEADER_TIME,
    MSGPACK,
    EnrolRequest,
    EnrolResponse,
    Grant,
    GrantList,
    PullResponse,
    PushRequest,
    PushResponse,
    WireChange,
    certificate_input,
    grant_input,
    new_request_id,
    signing_input,
)

_counter = itertools.count(1)


class _PortalTransport(httpx.BaseTransport):
    """A synchronous httpx transport that runs an ASGI app in-process (on a portal's loop)."""

    def __init__(self, app: Any, portal: anyio.from_thread.BlockingPortal) -> None:
        self._asgi = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
        self._portal = portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        copy = httpx.Request(request.method, request.url, headers=request.headers, content=body)

        async def send() -> httpx.Response:
            answer = await self._asgi.handle_async_request(copy)
            content = await answer.aread()
            # A stream, not content: the client reads and closes it, which sets .elapsed.
            return httpx.Response(
                answer.status_code, headers=answer.headers, stream=httpx.ByteStream(content)
            )

        return self._portal.call(send)


@contextmanager
def asgi_client(app: Any, *, asgi: Any = None) -> Iterator[httpx.Client]:
    """An httpx client talking to ``app`` in-process, with its lifespan started and stopped.

    ``asgi`` wraps the app for requests (e.g. a signing proxy); the lifespan is the app's.
    """
    with (
        anyio.from_thread.start_blocking_portal() as portal,
        portal.wrap_async_context_manager(app.router.lifespan_context(app)),
        httpx.Client(
            transport=_PortalTransport(asgi or app, portal), base_url="http://testserver"
        ) as c,
    ):
        yield c


def signing_proxy(app: Any, device: TestDevice) -> Any:
    """An ASGI wrapper that signs every request as ``device``, exactly as the server reads it."""

    async def proxy(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        path = scope["raw_path"].decode("latin-1")
        if scope["query_string"]:
            path += "?" + scope["query_string"].decode("latin-1")
        signed = device.headers(scope["method"], path, body)
        ours = {k.lower().encode() for k in signed}
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in ours]
        headers += [(k.lower().encode(), v.encode()) for k, v in signed.items()]
        replayed = False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if replayed:
                return {"type": "http.disconnect"}
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await app({**scope, "headers": headers}, replay, send)

    return proxy


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def raw(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass
class TestDevice:
    """A laptop as the server sees it: key pairs, and what enrolment told it."""

    __test__ = False  # not a pytest class

    ed: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    x: X25519PrivateKey = field(default_factory=X25519PrivateKey.generate)
    id: str = ""
    user_id: str = ""
    role: str = ""
    team_id: str = ""

    def enrol_request(self, code: str, name: str = "Test laptop") -> EnrolRequest:
        return EnrolRequest(code, name, raw(self.x), raw(self.ed))

    def adopt(self, answer: EnrolResponse) -> None:
        self.id, self.user_id = answer.device_id, answer.user_id
        self.role, self.team_id = answer.role, answer.team_id

    def headers(
        self,
        method: str,
        path: str,
        body: bytes,
        *,
        time_ms: int | None = None,
        request_id: str | None = None,
    ) -> dict[str, str]:
        t = now_ms() if time_ms is None else time_ms
        rid = request_id or new_request_id()
        sig = self.ed.sign(signing_input(method, path, t, body, request_id=rid))
        return {
            HEADER_DEVICE: self.id,
            HEADER_TIME: str(t),
            HEADER_REQUEST_ID: rid,
            HEADER_SIGNATURE: base64.b64encode(sig).decode(),
        }

    def certificate_for(self, other: TestDevice) -> bytes:
        """This (team lead) device's signature vouching for another device."""
        return self.ed.sign(
            certificate_input(
                other.id, other.user_id, other.role, other.team_id, raw(other.x), raw(other.ed)
            )
        )

    def grant(self, space: str, to: TestDevice, *, key_version: int = 1) -> Grant:
        wrapped = os.urandom(60)  # stands in for the X25519-wrapped space key
        sig = self.ed.sign(grant_input(space, key_version, to.id, wrapped))
        return Grant(space, key_version, to.id, self.id, wrapped, sig)

    def change(
        self,
        space: str,
        *,
        record_id: str | None = None,
        field: str = "status",
        kind: str = "register",
        payload: bytes | None = None,
        hlc: str | None = None,
        change_id: str | None = None,
    ) -> WireChange:
        return WireChange(
            change_id=change_id or str(uuid.uuid4()),
            device=self.id,
            hlc=hlc or f"{now_ms():013d}-{next(_counter) % 1_000_000:06d}",
            record_id=record_id or str(uuid.uuid4()),
            record_type="case_note",
            space=space,
            field=field,
            kind=kind,
            key_version=1,
            payload=os.urandom(48) if payload is None else payload,
        )


class World:
    """One server (through an httpx client) and the admin's view of its database."""

    def __init__(self, client: httpx.Client, admin: Admin, org_key: Ed25519PrivateKey) -> None:
        self.client = client
        self.admin = admin
        self.org_key = org_key
        self._team: Team | None = None

    @property
    def team(self) -> Team:
        if self._team is None:
            self._team = self.admin.create_team(f"IPS team {next(_counter)}")
        return self._team

    def code_for(self, role: str, *, team: Team | None = None, hours: float = 72) -> str:
        user = self.admin.add_user(
            team=(team or self.team).id, name=f"{role} {next(_counter)}", role=role
        )
        return self.admin.issue_code(user=user.id, hours=hours).code

    def enrol(self, code: str, device: TestDevice | None = None) -> httpx.Response:
        device = device or TestDevice()
        body = msgspec.json.encode(device.enrol_request(code))
        return self.client.post(
            "/v1/enrol", content=body, headers={"Content-Type": "application/json"}
        )

    def device(self, role: str, *, team: Team | None = None, approve: bool = True) -> TestDevice:
        dev = TestDevice()
        r = self.enrol(self.code_for(role, team=team), dev)
        assert r.status_code == 200, r.text
        dev.adopt(msgspec.json.decode(r.content, type=EnrolResponse))
        if approve:
            self.admin.approve_device(dev.id, self.org_key)
        return dev

    def call(
        self,
        dev: TestDevice,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        content_type: str | None = "application/json",
        accept: str | None = None,
        time_ms: int | None = None,
        signer: TestDevice | None = None,
    ) -> httpx.Response:
        headers = (signer or dev).headers(method, path, body, time_ms=time_ms)
        headers[HEADER_DEVICE] = dev.id
        if body and content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        return self.client.request(method, path, content=body, headers=headers)

    def push(
        self, dev: TestDevice, changes: list[WireChange], *, msgpack: bool = False
    ) -> PushResponse:
        encode: Callable[[object], bytes] = (
            msgspec.msgpack.encode if msgpack else msgspec.json.encode
        )
        r = self.call(
            dev,
            "POST",
            "/v1/changes",
            encode(PushRequest(changes)),
            content_type=MSGPACK if msgpack else "application/json",
            accept=MSGPACK if msgpack else None,
        )
        assert r.status_code == 200, r.text
        if msgpack:
            assert r.headers["content-type"] == MSGPACK
            return msgspec.msgpack.decode(r.content, type=PushResponse)
        return msgspec.json.decode(r.content, type=PushResponse)

    def pull_response(
        self,
        dev: TestDevice,
        after: int = 0,
        limit: int = 1000,
        *,
        msgpack: bool = False,
        space: str | None = None,
    ) -> httpx.Response:
        scope = "" if space is None else f"space={quote(space, safe='')}&"
        return self.call(
            dev,
            "GET",
            f"/v1/changes?{scope}after={after}&limit={limit}",
            accept=MSGPACK if msgpack else None,
        )

    def pull(
        self,
        dev: TestDevice,
        after: int = 0,
        limit: int = 1000,
        *,
        msgpack: bool = False,
        space: str | None = None,
    ) -> PullResponse:
        r = self.pull_response(dev, after, limit, msgpack=msgpack, space=space)
        assert r.status_code == 200, r.text
        if msgpack:
            return msgspec.msgpack.decode(r.content, type=PullResponse)
        return msgspec.json.decode(r.content, type=PullResponse)

    def pull_all(
        self, dev: TestDevice, after: int = 0, limit: int = 1000, *, space: str | None = None
    ) -> tuple[list[WireChange], int]:
        out: list[WireChange] = []
        while True:
            page = self.pull(dev, after, limit, space=space)
            out.extend(page.changes)
            after = page.next_cursor
            if not page.more:
                return out, after

    def grant(self, granter: TestDevice, grants: list[Grant]) -> httpx.Response:
        return self.call(granter, "POST", "/v1/grants", msgspec.json.encode(GrantList(grants)))


def error_code(r: httpx.Response) -> str:
    code: str = r.json()["code"]
    return code
