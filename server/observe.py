"""Around every HTTP request: the client's address, the request id, the access line, metrics.

Trusted proxies: ``FELTJOURNAL_SERVER_TRUSTED_PROXIES`` lists the addresses or
networks (``10.0.0.5,192.168.1.0/24``; ``*`` for any) of reverse proxies in front
of the server; by default none. Only for a request whose TCP peer is one of them
are ``X-Forwarded-For`` (its right-most address that is not itself a trusted
proxy becomes the client, which the enrolment limit counts), ``X-Forwarded-Proto``
and ``X-Request-ID`` believed. From anyone else they are ignored: a caller cannot
choose the address it is limited by, nor the id its request is logged under.

Every answer carries ``X-Request-ID``: the trusted proxy's, or a new random one.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Final

import msgspec

from server.logs import ACCESS_LOGGER, CURRENT_REQUEST, RequestInfo
from server.metrics import Metrics
from server.settings import PREFIX, SettingsError
from sync.protocol import Error

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HEADER_REQUEST_ID: Final = "X-Request-ID"
_REQUEST_ID: Final = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_access = logging.getLogger(ACCESS_LOGGER)
log = logging.getLogger("feltjournal.server")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class TrustedProxies:
    """The peers whose forwarding headers are believed."""

    def __init__(self, spec: str) -> None:
        self.any = False
        self.networks: list[Network] = []
        for part in (p.strip() for p in spec.split(",")):
            if not part:
                continue
            if part == "*":
                self.any = True
                continue
            try:
                self.networks.append(ipaddress.ip_network(part, strict=False))
            except ValueError:
                raise SettingsError(
                    f"{PREFIX}TRUSTED_PROXIES: {part!r} is not an IP address or network "
                    "(e.g. 10.0.0.5 or 10.0.0.0/24, comma-separated; * for any)"
                ) from None

    def trusts(self, host: str) -> bool:
        if self.any:
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False  # a Unix socket or a name: not an address we were told to trust
        return any(address in net for net in self.networks)

    def client(self, forwarded_for: str, peer: str) -> str:
        """The client from a trusted peer's ``X-Forwarded-For``: its right-most entry
        that is not a trusted proxy (entries left of it are the client's own claims)."""
        hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
        for hop in reversed(hops):
            if not self.trusts(hop):
                return hop
        return hops[0] if hops else peer


def _header(scope: Scope, name: bytes) -> str | None:
    found: list[str] = [
        v.decode("latin-1") for k, v in scope.get("headers", ()) if k.lower() == name
    ]
    return ",".join(found) if found else None


class Observe:
    """ASGI middleware: trusted-proxy headers, request id, access line and metrics."""

    def __init__(self, app: ASGIApp, *, proxies: TrustedProxies, metrics: Metrics) -> None:
        self.app = app
        self.proxies = proxies
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        peer = scope.get("client")
        request_id = ""
        if peer is not None and self.proxies.trusts(str(peer[0])):
            forwarded = _header(scope, b"x-forwarded-for")
            if forwarded:
                scope["client"] = (self.proxies.client(forwarded, str(peer[0])), 0)
            proto = _header(scope, b"x-forwarded-proto")
            if proto in ("http", "https"):
                scope["scheme"] = proto
            given = _header(scope, b"x-request-id")
            if given and _REQUEST_ID.fullmatch(given):
                request_id = given
        info = RequestInfo(request_id or uuid.uuid4().hex)
        # Each request runs in its own task (uvicorn; the test transport too), whose
        # context ends with it: nothing to reset.
        CURRENT_REQUEST.set(info)
        status = 500
        started = time.perf_counter()
        answered = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, answered
            if message["type"] == "http.response.start":
                status = int(message["status"])
                answered = True
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", info.request_id.encode("ascii")))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # Nothing of the request or the exception's text: its type and frames.
            log.exception("unexpected server error")
            if answered:
                raise
            await _internal_error(send_with_id)
        except BaseException:
            if not answered:
                status = 499  # the client went away first (nginx's code for it)
            raise
        finally:
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.request(
                route=route, method=str(scope["method"]), status=status, seconds=seconds
            )
            client = scope.get("client")
            fields: dict[str, Any] = {
                "method": scope["method"],
                "route": route,
                "status": status,
                "ms": round(seconds * 1000, 1),
                "client": str(client[0]) if client else "",
            }
            if info.device:
                fields["device"] = info.device
            fields.update(info.counts)
            _access.info("request", extra={"fields": fields})


async def _internal_error(send: Send) -> None:
    body = msgspec.json.encode(Error("internal_error", "The server failed; the error was logged."))
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
