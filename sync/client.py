"""The client side of sync: one round pushes the outbox, then pulls pages until none are left.

Qt-free and thread-agnostic: the desktop client runs rounds on a worker, the
command line runs one round in the foreground. Every failure the network or
the server can cause becomes a :class:`SyncError` with a stable ``code`` the
UI can translate; local data is never deleted because of anything the
server says or does not say.
"""

from __future__ import annotations

import base64
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import httpx
import msgspec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.changes import Change
from sync.protocol import (
    HEADER_DEVICE,
    HEADER_SIGNATURE,
    HEADER_TIME,
    MAX_PUSH_BYTES,
    MAX_PUSH_CHANGES,
    MSGPACK,
    EnrolRequest,
    EnrolResponse,
    Error,
    GrantList,
    Health,
    PullResponse,
    PushRequest,
    PushResponse,
    WireChange,
    signing_input,
)

_T = TypeVar("_T")

#: Error codes a caller may see (the UI translates each).
OFFLINE = "offline"
CLOCK_SKEW = "clock_skew"
REVOKED = "revoked"
UNKNOWN_DEVICE = "unknown_device"
PENDING = "pending_approval"
RESYNC = "resync_required"
SERVER = "server_error"
BAD_RESPONSE = "bad_response"
REJECTED = "rejected"


class SyncError(Exception):
    """A sync round failed; ``code`` says why in one stable word."""

    def __init__(self, code: str, message: str, *, status: int | None = None) -> None:
        self.code = code
        self.status = status
        super().__init__(message)


class SyncStore(Protocol):
    """What a sync round needs from the local replica (storage.store.RecordStore)."""

    device: str

    def outbox(self, limit: int = 500) -> list[Change]: ...
    def mark_pushed(self, change_ids: Sequence[str]) -> None: ...
    def apply_changes(
        self, changes: Sequence[Change], *, cursor: tuple[str, str] | None = None
    ) -> Any: ...
    def cursor(self, name: str) -> str | None: ...
    def setting(self, key: str) -> str | None: ...
    def set_setting(self, key: str, value: str) -> None: ...
    def mark_all_unpushed(self) -> int: ...


@dataclass
class RoundResult:
    """What one round did."""

    pushed: int = 0
    pulled: int = 0
    applied: int = 0
    pages: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    far_future: int = 0
    instance_changed: bool = False
    types: set[str] = field(default_factory=set)
    server_time_ms: int | None = None


class Transport:
    """Signed HTTP requests to one server for one device."""

    def __init__(
        self,
        base_url: str,
        *,
        device_id: str | None = None,
        signing_key: bytes | None = None,
        client: httpx.Client | None = None,
        timeout: float = 20.0,
        now_ms: Callable[[], int] = lambda: int(time.time() * 1000),
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.device_id = device_id
        self._key = Ed25519PrivateKey.from_private_bytes(signing_key) if signing_key else None
        # One pooled client: keep-alive makes a no-op round one round trip or two.
        self._client = client or httpx.Client(timeout=timeout)
        self._now_ms = now_ms

    def close(self) -> None:
        self._client.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes = b"",
        content_type: str = "application/json",
        accept: str = "application/json",
        signed: bool = True,
    ) -> httpx.Response:
        headers = {"Content-Type": content_type, "Accept": accept}
        if signed:
            if self._key is None or self.device_id is None:
                raise SyncError(UNKNOWN_DEVICE, "This device is not enrolled with a server.")
            stamp = self._now_ms()
            sig = self._key.sign(signing_input(method, path, stamp, body))
            headers[HEADER_DEVICE] = self.device_id
            headers[HEADER_TIME] = str(stamp)
            headers[HEADER_SIGNATURE] = base64.b64encode(sig).decode()
        try:
            response = self._client.request(
                method, self.base_url + path, content=body, headers=headers
            )
        except httpx.TransportError as exc:
            raise SyncError(
                OFFLINE, f"The server could not be reached ({type(exc).__name__})."
            ) from None
        if response.status_code >= 400:
            raise _error_from(response)
        return response


def _error_from(response: httpx.Response) -> SyncError:
    status = response.status_code
    try:
        err = msgspec.json.decode(response.content, type=Error)
        code, message = err.code, err.message
    except (msgspec.DecodeError, msgspec.ValidationError):
        code, message = "", response.text[:200]
    if status >= 500:
        return SyncError(SERVER, f"The server failed ({status}).", status=status)
    if code in (CLOCK_SKEW, REVOKED, UNKNOWN_DEVICE, PENDING, RESYNC):
        return SyncError(code, message, status=status)
    return SyncError(
        REJECTED, f"The server refused the request ({status}): {message}", status=status
    )


def _decode(response: httpx.Response, kind: type[_T]) -> _T:
    try:
        if response.headers.get("content-type", "").startswith(MSGPACK):
            return msgspec.msgpack.decode(response.content, type=kind)
        return msgspec.json.decode(response.content, type=kind)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise SyncError(
            BAD_RESPONSE, f"The server answered something unreadable ({exc})."
        ) from None


def health(transport: Transport) -> Health:
    return _decode(transport.request("GET", "/v1/health", signed=False), Health)


def enrol(transport: Transport, request: EnrolRequest) -> EnrolResponse:
    body = msgspec.json.encode(request)
    response = transport.request("POST", "/v1/enrol", body=body, signed=False)
    return _decode(response, EnrolResponse)


def fetch_grants(transport: Transport) -> GrantList:
    return _decode(transport.request("GET", "/v1/grants"), GrantList)


def _batches(changes: list[Change]) -> list[list[Change]]:
    """Split the outbox into batches of at most 500 changes and about 1 MB."""
    out: list[list[Change]] = []
    current: list[Change] = []
    size = 0
    for ch in changes:
        cost = len(ch.payload) * 4 // 3 + 400  # base64 and the JSON around it
        if current and (len(current) >= MAX_PUSH_CHANGES or size + cost > MAX_PUSH_BYTES * 0.9):
            out.append(current)
            current, size = [], 0
        current.append(ch)
        size += cost
    if current:
        out.append(current)
    return out


class SyncClient:
    """Runs sync rounds for one replica against one server."""

    def __init__(
        self, store: SyncStore, transport: Transport, *, page_size: int = 1000, msgpack: bool = True
    ) -> None:
        self.store = store
        self.transport = transport
        self.page_size = page_size
        self.msgpack = msgpack

    def push(self, result: RoundResult) -> None:
        while True:
            outbox = self.store.outbox(limit=MAX_PUSH_CHANGES * 4)
            if not outbox:
                return
            progressed = False
            for batch in _batches(outbox):
                req = PushRequest([WireChange.from_change(c) for c in batch])
                body = msgspec.msgpack.encode(req) if self.msgpack else msgspec.json.encode(req)
                response = self.transport.request(
                    "POST",
                    "/v1/changes",
                    body=body,
                    content_type=MSGPACK if self.msgpack else "application/json",
                    accept=MSGPACK if self.msgpack else "application/json",
                )
                answer = _decode(response, PushResponse)
                result.server_time_ms = answer.server_time_ms
                done = [*answer.accepted, *answer.duplicates]
                if done:
                    # Acknowledged by change id: a retry after a lost answer
                    # comes back as duplicates and is marked pushed then.
                    self.store.mark_pushed(done)
                    progressed = True
                result.pushed += len(answer.accepted)
                result.rejected += [(r.change_id, r.code) for r in answer.rejected]
            skew = [c for c, code in result.rejected if code == CLOCK_SKEW]
            if skew:
                raise SyncError(
                    CLOCK_SKEW,
                    f"The server refused {len(skew)} change(s) stamped too far in the future: "
                    "this computer's clock is probably wrong.",
                )
            if not progressed:
                return  # everything left was rejected; it stays in the outbox

    def pull(self, result: RoundResult) -> None:
        instance = self.store.setting("sync.instance_id")
        cursor_name = f"server:{instance}" if instance else "server"
        after = int(self.store.cursor(cursor_name) or 0)
        accept = MSGPACK if self.msgpack else "application/json"
        while True:
            response = self.transport.request(
                "GET", f"/v1/changes?after={after}&limit={self.page_size}", accept=accept
            )
            page = _decode(response, PullResponse)
            if instance is None or page.instance_id != instance:
                # A new or replaced server: start from its beginning and offer it
                # everything this device wrote. Nothing local is deleted.
                if instance is not None:
                    result.instance_changed = True
                    self.store.mark_all_unpushed()
                self.store.set_setting("sync.instance_id", page.instance_id)
                instance = page.instance_id
                cursor_name = f"server:{instance}"
                if after != 0:
                    after = 0
                    continue
            if page.next_cursor < after:
                raise SyncError(BAD_RESPONSE, "The server's cursor went backwards.")
            changes = [wc.to_change() for wc in page.changes]
            applied = self.store.apply_changes(changes, cursor=(cursor_name, str(page.next_cursor)))
            result.pulled += len(changes)
            result.applied += int(getattr(applied, "applied", 0))
            result.far_future += len(getattr(applied, "far_future", ()))
            result.types |= set(getattr(applied, "types", set()))
            result.pages += 1
            after = page.next_cursor
            if not page.more:
                return

    def round(self) -> RoundResult:
        """Push everything, then pull until nothing is left."""
        result = RoundResult()
        self.push(result)
        self.pull(result)
        if result.instance_changed:
            self.push(result)
        return result


@dataclass
class Backoff:
    """Exponential backoff with full jitter, reset by a success."""

    base: float = 2.0
    cap: float = 300.0
    attempt: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def failure(self) -> float:
        self.attempt += 1
        return self.rng.uniform(0, min(self.cap, self.base * 2 ** (self.attempt - 1)))

    def success(self) -> None:
        self.attempt = 0
