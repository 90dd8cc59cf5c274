"""The HTTP API: ``create_app(settings)`` builds it; nothing is built at import time.

Routes are thin: they read and check the request (size, format, signature)
and call the services in server.directory and server.changelog, which run in
the thread pool (SQLAlchemy Core is synchronous). Request and response bodies
are the msgspec structs of sync.protocol; the OpenAPI document is generated
from them as well.

Authentication (protocol.py): the device signs ``signing_input(method,
path_and_query, time, body, request_id=...)`` where ``path_and_query`` is the
request path as sent on the wire (percent-encoded) plus ``?`` and the raw query
string when there is one. Each request id is served once per device: the ids
are kept in the database (``request_ids``) until the request's time leaves the
signature window, so a replay is refused (409 ``replayed_request``) by every
server process on that database.

Every refusal is an ``Error`` with a stable code; the OpenAPI document lists,
per route and status, exactly the codes that route can give (``ERROR_CODES``).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Final

import anyio
import anyio.to_thread
import msgspec
from fastapi import FastAPI, Query
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response

from server import db, keys, migrations
from server.changelog import ChangeLog
from server.directory import DeviceRow, Directory
from server.errors import ApiError, too_large
from server.logs import current_request
from server.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from server.metrics import Metrics
from server.observe import Observe, TrustedProxies
from server.ratelimit import RateLimiter, rate_limiter
from server.rotation import Rotations
from server.settings import ServerSettings
from server.wire import MAX_INT64, clean_str, decode, encode, read_body, wants_msgpack
from sync.protocol import (
    HEADER_DEVICE,
    HEADER_REQUEST_ID,
    HEADER_SIGNATURE,
    HEADER_TIME,
    MAX_PULL_LIMIT,
    MAX_PUSH_BYTES,
    MAX_PUSH_CHANGES,
    MAX_REQUEST_SKEW_MS,
    MSGPACK,
    PROTOCOL_VERSION,
    REQUEST_ID_PATTERN,
    AuditEvent,
    AuditPush,
    DeviceInfo,
    DeviceList,
    EnrolRequest,
    EnrolResponse,
    Error,
    Grant,
    GrantList,
    Health,
    MissingGrant,
    MissingGrantList,
    PullResponse,
    PushRequest,
    PushResponse,
    Rotation,
    RotationClaim,
    RotationList,
    TeamInfo,
    TeamList,
    signing_input,
)

log = logging.getLogger("feltjournal.server")

ENROL_BODY_LIMIT: Final = 16 * 1024


class AuditAck(msgspec.Struct, frozen=True):
    """Answer to an audit push: lines stored now, and lines the server already had."""

    stored: int
    duplicates: int


class Readiness(msgspec.Struct, frozen=True):
    """Answer to a readiness probe: the database answered, as the one this process opened."""

    status: str
    instance_id: str
    database: str  # "postgresql" or "sqlite"


@dataclass(frozen=True, slots=True)
class Services:
    """What the routes use; built in the lifespan, kept on ``app.state.services``."""

    settings: ServerSettings
    directory: Directory
    changelog: ChangeLog
    rotations: Rotations
    instance_id: str
    now_ms: Callable[[], int]
    enrol_limiter: RateLimiter
    device_limiter: RateLimiter
    request_ids: db.RequestIds
    readiness: db.Readiness
    metrics: Metrics
    engine: Engine


def create_app(settings: ServerSettings, *, clock: Callable[[], int] | None = None) -> FastAPI:
    """The Feltjournal server as an ASGI app; the database opens when it starts."""
    now_ms = clock or db.now_ms
    metrics = Metrics()
    proxies = TrustedProxies(settings.trusted_proxies)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        org_public_key = keys.load_public_key(settings.org_public_key_path)
        engine = db.open_engine(settings.effective_database_url, pool_size=settings.db_pool_size)
        try:
            await run_in_threadpool(migrations.migrate, engine)
            instance_id = await run_in_threadpool(_instance_id, engine)
            statistics = db.PlannerStatistics(engine)
            app.state.services = Services(
                settings=settings,
                directory=Directory(
                    engine, org_public_key=org_public_key, now_ms=now_ms, statistics=statistics
                ),
                changelog=ChangeLog(engine, now_ms=now_ms, statistics=statistics),
                rotations=Rotations(engine, now_ms=now_ms),
                instance_id=instance_id,
                now_ms=now_ms,
                enrol_limiter=rate_limiter(engine, "enrol", settings.enrol_attempts_per_minute),
                device_limiter=rate_limiter(engine, "device", settings.device_requests_per_minute),
                request_ids=db.RequestIds(engine),
                readiness=db.Readiness(engine, instance_id=instance_id),
                metrics=metrics,
                engine=engine,
            )
            log.info("Feltjournal server %s ready", instance_id)
            yield
        finally:
            engine.dispose()

    app = _FeltjournalAPI(
        title="Feltjournal sync server",
        version=f"{PROTOCOL_VERSION}",
        description=__doc__,
        lifespan=lifespan,
    )
    _install_error_handlers(app)
    _add_routes(app)
    app.add_middleware(Observe, proxies=proxies, metrics=metrics)
    return app


def _instance_id(engine: Any) -> str:
    with db.read_tx(engine) as conn:
        return db.get_meta(conn, "instance_id")


def services(request: Request) -> Services:
    svc: Services = request.app.state.services
    return svc


# --- OpenAPI from the protocol structs ----------------------------------------------------

_SCHEMA_TYPES: Final = (
    Error,
    Health,
    Readiness,
    EnrolRequest,
    EnrolResponse,
    PushRequest,
    PushResponse,
    PullResponse,
    GrantList,
    MissingGrantList,
    DeviceInfo,
    DeviceList,
    TeamList,
    AuditPush,
    AuditAck,
    Rotation,
    RotationList,
    RotationClaim,
)
_SECURITY: Final[list[dict[str, list[str]]]] = [
    {"device": [], "time": [], "request_id": [], "signature": []}
]


class _FeltjournalAPI(FastAPI):
    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema:
            return self.openapi_schema
        schema = get_openapi(
            title=self.title,
            version=self.version,
            description=self.description,
            routes=self.routes,
        )
        _, components = msgspec.json.schema_components(
            _SCHEMA_TYPES, ref_template="#/components/schemas/{name}"
        )
        parts = schema.setdefault("components", {})
        parts.setdefault("schemas", {}).update(components)
        parts["securitySchemes"] = {
            "device": {"type": "apiKey", "in": "header", "name": HEADER_DEVICE},
            "time": {"type": "apiKey", "in": "header", "name": HEADER_TIME},
            "request_id": {"type": "apiKey", "in": "header", "name": HEADER_REQUEST_ID},
            "signature": {"type": "apiKey", "in": "header", "name": HEADER_SIGNATURE},
        }
        self.openapi_schema = schema
        return schema


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _body(name: str, *, msgpack: bool = False) -> dict[str, Any]:
    content: dict[str, Any] = {"application/json": {"schema": _ref(name)}}
    if msgpack:
        content[MSGPACK] = {"schema": _ref(name)}
    return {"requestBody": {"required": True, "content": content}}


#: Every error code the server answers with, and what it means (the OpenAPI document
#: lists under each route and status exactly the codes that route can give).
ERROR_CODES: Final[dict[str, str]] = {
    "bad_request": "a value the database refused, or a malformed header or id",
    "malformed_body": "the body is not valid JSON (or MessagePack)",
    "invalid_request": "a parameter or body field has the wrong type, size or value",
    "unsupported_media_type": "the body's Content-Type is not one this route reads",
    "unauthenticated": "the signature headers are missing or malformed",
    "bad_signature": "the signature does not verify",
    "unknown_device": "the server does not know this device: enrol again",
    "revoked": "the device was revoked: lock and erase its keys",
    "clock_skew": "the request's time is more than 5 minutes from the server's",
    "pending_approval": "the device waits for a team lead's approval",
    "replayed_request": "this device already sent a request with this request id",
    "body_too_large": "the body is larger than the route accepts",
    "rate_limited": "too many requests: wait Retry-After seconds",
    "unavailable": "the server's database is unavailable: try later",
    "conflict": "a concurrent change conflicted: try again",
    "not_found": "no such device in this team (or no such endpoint)",
    "forbidden": "this device's role may not do this",
    "wrong_server": "the enrolment code was issued by another organisation's server",
    "invalid_code": "the enrolment code is not valid",
    "code_used": "the enrolment code was used already",
    "code_expired": "the enrolment code has expired",
    "device_exists": "a device with this id is enrolled already",
    "too_many_changes": "more changes than a push may hold",
    "resync_required": "the cursor is too old: pull (or backfill) again from 0",
    "not_member": "the device is not a member of the space",
    "role_may_not_hold": "the device's role may not hold the space",
    "too_many_grants": "more grants than one request may hold",
    "bad_grant": "a grant's from_device is not the sending device",
    "device_revoked": "the target device is revoked",
    "device_pending": "the target device is not approved yet",
    "bad_certificate": "the certificate is missing or does not verify",
    "last_lead_device": "the team's last approved team lead device cannot be revoked",
    "too_many_events": "more audit events than one request may hold",
    "bad_audit_hash": "an audit event's hash or prev_hash is not a SHA-256 hex digest",
    "audit_gap": "the audit events' seq numbers leave a gap",
    "audit_broken_chain": "an audit event's prev_hash is not the hash of the line before",
    "audit_conflict": "an audit event's seq was sent before with another hash",
    "granter_not_holder": "a clinical space may be granted only by a therapist that holds it",
    "rotation_claimed": "another device made this key version: drop yours and wait for its "
    "grant (or: only its maker or a device it was granted to may grant it)",
    "rotation_unclaimed": "no device has made this key version yet",
    "rotation_not_due": "no such new key version is due",
    "server_rolled_back": "the change log went back below this device's cursor (a server "
    "restored from an older backup): the laptop keeps its newer versions and pauses",
}

ErrorMap = dict[int, tuple[str, ...]]

#: What every signed route can refuse before (and around) its own work.
_SIGNED: Final[ErrorMap] = {
    400: ("bad_request",),
    401: ("unauthenticated", "bad_signature", "unknown_device", "revoked", "clock_skew"),
    403: ("pending_approval",),
    409: ("replayed_request",),
    413: ("body_too_large",),
    422: ("invalid_request",),
    429: ("rate_limited",),
    503: ("unavailable",),
}
#: What a route that decodes a JSON body can refuse, and one that writes.
_BODY: Final[ErrorMap] = {
    400: ("malformed_body",),
    415: ("unsupported_media_type",),
    422: ("invalid_request",),
}
_WRITES: Final[ErrorMap] = {409: ("conflict",)}


def _responses(
    ok: str, *errors: ErrorMap, msgpack: bool = False
) -> dict[int | str, dict[str, Any]]:
    content: dict[str, Any] = {"application/json": {"schema": _ref(ok)}}
    if msgpack:
        content[MSGPACK] = {"schema": _ref(ok)}
    out: dict[int | str, dict[str, Any]] = {200: {"description": ok, "content": content}}
    merged: dict[int, set[str]] = {}
    for error_map in errors:
        for status, given in error_map.items():
            merged.setdefault(status, set()).update(given)
    for status in sorted(merged):
        codes = sorted(merged[status])
        out[status] = {
            "description": "Error. " + "; ".join(f"`{c}`: {ERROR_CODES[c]}" for c in codes),
            "content": {
                "application/json": {
                    "schema": {
                        "allOf": [
                            _ref("Error"),
                            {"type": "object", "properties": {"code": {"enum": codes}}},
                        ]
                    }
                }
            },
        }
        if status == 429:
            out[status]["headers"] = {
                "Retry-After": {
                    "description": "Seconds to wait before trying again",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[0-9]+$"},
                }
            }
    return out


def _add_routes(app: FastAPI) -> None:
    signed = {"security": _SECURITY}
    app.add_api_route(
        "/v1/health", health, methods=["GET"], responses=_responses("Health"), tags=["meta"]
    )
    app.add_api_route(
        "/v1/ready",
        ready,
        methods=["GET"],
        responses=_responses("Readiness", {503: ("unavailable",)}),
        tags=["meta"],
    )
    # Not part of the API (no schema): Prometheus text, for the bearer of the metrics token.
    app.add_api_route("/metrics", metrics_text, methods=["GET"], include_in_schema=False)
    app.add_api_route(
        "/v1/enrol",
        enrol,
        methods=["POST"],
        responses=_responses(
            "EnrolResponse",
            _BODY,
            _WRITES,
            {
                400: ("bad_request", "wrong_server"),
                403: ("invalid_code", "code_used", "code_expired"),
                409: ("device_exists",),
                413: ("body_too_large",),
                429: ("rate_limited",),
                503: ("unavailable",),
            },
        ),
        openapi_extra=_body("EnrolRequest"),
        tags=["devices"],
    )
    app.add_api_route(
        "/v1/changes",
        push_changes,
        methods=["POST"],
        responses=_responses(
            "PushResponse", _SIGNED, _BODY, _WRITES, {413: ("too_many_changes",)}, msgpack=True
        ),
        openapi_extra={**_body("PushRequest", msgpack=True), **signed},
        tags=["changes"],
    )
    app.add_api_route(
        "/v1/changes",
        pull_changes,
        methods=["GET"],
        responses=_responses(
            "PullResponse",
            _SIGNED,
            {
                403: ("not_member", "role_may_not_hold"),
                409: ("resync_required", "server_rolled_back"),
            },
            msgpack=True,
        ),
        openapi_extra=signed,
        tags=["changes"],
    )
    app.add_api_route(
        "/v1/grants",
        post_grants,
        methods=["POST"],
        responses=_responses(
            "GrantList",
            _SIGNED,
            _BODY,
            _WRITES,
            {
                400: ("bad_signature",),
                403: ("forbidden", "role_may_not_hold", "bad_grant", "granter_not_holder"),
                404: ("not_found",),
                409: ("device_revoked", "device_pending", "rotation_claimed", "rotation_unclaimed"),
                413: ("too_many_grants",),
            },
        ),
        openapi_extra={**_body("GrantList"), **signed},
        tags=["devices"],
    )
    app.add_api_route(
        "/v1/grants",
        get_grants,
        methods=["GET"],
        responses=_responses("GrantList", _SIGNED),
        openapi_extra=signed,
        tags=["devices"],
    )
    app.add_api_route(
        "/v1/grants/missing",
        get_missing_grants,
        methods=["GET"],
        responses=_responses("MissingGrantList", _SIGNED),
        openapi_extra=signed,
        tags=["devices"],
    )
    app.add_api_route(
        "/v1/devices",
        list_devices,
        methods=["GET"],
        responses=_responses("DeviceList", _SIGNED),
        openapi_extra=signed,
        tags=["devices"],
    )
    app.add_api_route(
        "/v1/teams",
        list_teams,
        methods=["GET"],
        responses=_responses("TeamList", _SIGNED, {403: ("forbidden",)}),
        openapi_extra=signed,
        tags=["devices"],
    )
    app.add_api_route(
        "/v1/devices/{device_id}/approve",
        approve_device,
        methods=["POST"],
        responses=_responses(
            "DeviceInfo",
            _SIGNED,
            _WRITES,
            {
                400: ("bad_certificate",),
                403: ("forbidden",),
                404: ("not_found",),
                409: ("device_revoked",),
            },
        ),
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "The device certificate: the approving team lead device's "
                "Ed25519 signature over certificate_input(...) of this device.",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            },
            **signed,
        },
        tags=["devices"],
    )
    app.add_api_route(
        "/v1/devices/{device_id}/revoke",
        revoke_device,
        methods=["POST"],
        responses=_responses(
            "DeviceInfo",
            _SIGNED,
            _WRITES,
            {403: ("forbidden",), 404: ("not_found",), 409: ("last_lead_device",)},
        ),
        openapi_extra=signed,
        tags=["devices"],
    )
    app.add_api_route(
        "/v1/rotations",
        list_rotations,
        methods=["GET"],
        responses=_responses("RotationList", _SIGNED),
        openapi_extra=signed,
        tags=["devices"],
    )
    app.add_api_route(
        "/v1/rotations/claim",
        claim_rotation,
        methods=["POST"],
        responses=_responses(
            "Rotation",
            _SIGNED,
            _BODY,
            _WRITES,
            {
                403: ("not_member",),
                404: ("rotation_not_due",),
                409: ("rotation_claimed",),
            },
        ),
        openapi_extra={**_body("RotationClaim"), **signed},
        tags=["devices"],
    )
    app.add_api_route(
        "/v1/audit",
        post_audit,
        methods=["POST"],
        responses=_responses(
            "AuditAck",
            _SIGNED,
            _BODY,
            _WRITES,
            {
                400: ("bad_audit_hash", "audit_gap", "audit_broken_chain"),
                409: ("audit_conflict",),
                413: ("too_many_events",),
            },
        ),
        openapi_extra={**_body("AuditPush"), **signed},
        tags=["audit"],
    )
    app.add_api_route(
        "/v1/audit",
        get_audit,
        methods=["GET"],
        responses=_responses("AuditPush", _SIGNED, {403: ("forbidden",)}),
        openapi_extra=signed,
        tags=["audit"],
    )


# --- authentication -----------------------------------------------------------------------


async def authenticate(request: Request, *, body_limit: int) -> tuple[DeviceRow, bytes]:
    """The signing device and the request body; refuses anything else with 401/403/413/429."""
    svc = services(request)
    device_id = request.headers.get(HEADER_DEVICE)
    stamp = request.headers.get(HEADER_TIME)
    request_id = request.headers.get(HEADER_REQUEST_ID)
    signature_b64 = request.headers.get(HEADER_SIGNATURE)
    if not device_id or not stamp or not request_id or not signature_b64:
        raise ApiError(
            401,
            "unauthenticated",
            f"This request must be signed: send {HEADER_DEVICE}, {HEADER_TIME}, "
            f"{HEADER_REQUEST_ID} and {HEADER_SIGNATURE}.",
        )
    if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 15):
        raise ApiError(
            401, "unauthenticated", f"{HEADER_TIME} must be the Unix time in milliseconds."
        )
    if not REQUEST_ID_PATTERN.fullmatch(request_id):
        raise ApiError(
            401,
            "unauthenticated",
            f"{HEADER_REQUEST_ID} must be 16 to 64 letters, digits, '-' or '_'.",
        )
    try:
        signature = base64.b64decode(signature_b64, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(401, "bad_signature", f"{HEADER_SIGNATURE} is not base64.") from None
    device = await run_in_threadpool(svc.directory.device, device_id)
    if device is None:
        raise ApiError(
            401, "unknown_device", "This server does not know this device; enrol it again."
        )
    body = await read_body(request, min(body_limit, svc.settings.max_body_bytes))
    time_ms = int(stamp)
    message = signing_input(
        request.method, _path_and_query(request), time_ms, body, request_id=request_id
    )
    if not keys.verify(device.ed25519_public, signature, message):
        raise ApiError(401, "bad_signature", "The request signature does not verify.")
    if device.status == "revoked":
        raise ApiError(
            401,
            "revoked",
            "This device has been revoked by the team lead; it must lock and erase its keys.",
        )
    now = svc.now_ms()
    if abs(now - time_ms) > MAX_REQUEST_SKEW_MS:
        raise ApiError(
            401,
            "clock_skew",
            f"The laptop's clock is {abs(now - time_ms) // 1000} s away from the server's "
            f"(server time {now} ms); set the clock and try again.",
        )
    if device.status != "approved":
        raise ApiError(
            403,
            "pending_approval",
            "This device is waiting for a team lead's approval; try again later.",
        )
    wait = await run_in_threadpool(svc.device_limiter.hit, device.id)
    if wait is not None:
        svc.metrics.refused("device")
        raise _rate_limited(wait, "Too many requests from this device")
    # Last, so that only a request about to be served writes a row. Kept past the
    # window's far edge (by a minute, for clocks of several server processes).
    fresh = await run_in_threadpool(
        lambda: svc.request_ids.claim(
            device.id, request_id, expires_ms=time_ms + MAX_REQUEST_SKEW_MS + 60_000, now=now
        )
    )
    if not fresh:
        raise ApiError(
            409,
            "replayed_request",
            f"This device already sent a request with this {HEADER_REQUEST_ID}; a signed "
            "request is served once. Sign every request, retries too, with a new id.",
        )
    info = current_request()
    if info is not None:
        info.device = device.id
    return device, body


def _path_and_query(request: Request) -> str:
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if isinstance(raw, bytes) and raw else request.url.path
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path


def _rate_limited(wait: float, what: str) -> ApiError:
    seconds = max(1, int(wait + 0.999))
    return ApiError(
        429,
        "rate_limited",
        f"{what}; try again in {seconds} s.",
        headers={"Retry-After": str(seconds)},
    )


# --- routes -------------------------------------------------------------------------------


async def health(request: Request) -> Response:
    """Liveness (the process answers; the database is not asked), the database's instance
    id (changes when the server is replaced) and time."""
    svc = services(request)
    return encode(Health("ok", svc.instance_id, svc.now_ms()))


async def ready(request: Request) -> Response:
    """Readiness: 200 when the database answers, within seconds, as the one this process
    opened; 503 ``unavailable`` when it is gone, refuses, hangs or was replaced (a load
    balancer then sends this process nothing until it answers 200 again)."""
    svc = services(request)
    problem = "the database did not answer in time"
    with anyio.move_on_after(db.READY_TIMEOUT_S + 1):
        # A probe stuck in a dead connection is left behind, never waited for.
        problem = await anyio.to_thread.run_sync(svc.readiness.check, abandon_on_cancel=True) or ""
    if problem:
        log.warning("not ready: %s", problem)
        return _error(503, "unavailable", f"Not ready: {problem}.")
    return encode(Readiness("ready", svc.instance_id, svc.engine.dialect.name))


async def metrics_text(request: Request) -> Response:
    """The process's metrics (server.metrics); 404 unless a metrics token is configured,
    401 without ``Authorization: Bearer <token>``."""
    svc = services(request)
    token = svc.settings.metrics_token
    if not token:
        return _error(404, "not_found", f"No such endpoint: GET {request.url.path}")
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return _error(
            401,
            "unauthenticated",
            "Send Authorization: Bearer <the server's metrics token>.",
            {"WWW-Authenticate": "Bearer"},
        )
    devices = await run_in_threadpool(db.device_counts, svc.engine)
    return Response(svc.metrics.exposition(devices), media_type=METRICS_CONTENT_TYPE)


async def enrol(request: Request) -> Response:
    """Register a new device with a one-time code; it starts pending until a team lead approves."""
    svc = services(request)
    address = request.client.host if request.client else "unknown"
    wait = await run_in_threadpool(svc.enrol_limiter.hit, address[:200])
    if wait is not None:
        svc.metrics.refused("enrol")
        raise _rate_limited(wait, "Too many enrolment attempts from this address")
    body = await read_body(request, ENROL_BODY_LIMIT)
    req = decode(request, body, EnrolRequest)
    answer: EnrolResponse = await run_in_threadpool(
        lambda: svc.directory.enrol(req, instance_id=svc.instance_id)
    )
    return encode(answer)


async def push_changes(request: Request) -> Response:
    """Store a batch of changes; each is accepted, a duplicate (a retry), or rejected.

    A rejected change carries a code (see ``Rejected``): ``bad_change``,
    ``clock_skew``, ``too_large``, ``not_member``, ``retired_key`` (sealed under a
    key version that a rotation after a revocation has replaced: seal it again under
    the new version once granted), ``not_team_lead`` (a record type only a team lead
    writes, such as the team's settings, from another role's device) or
    ``purge_not_allowed`` (a purge that removes more
    than its author may: only a team lead erases a participant, naming only that
    participant's work and clinical spaces).
    """
    svc = services(request)
    device, body = await authenticate(request, body_limit=MAX_PUSH_BYTES)
    batch = decode(request, body, PushRequest, allow_msgpack=True)
    if len(batch.changes) > MAX_PUSH_CHANGES:
        raise too_large(
            f"A push may hold at most {MAX_PUSH_CHANGES} changes; this one has "
            f"{len(batch.changes)}.",
            code="too_many_changes",
        )
    result: PushResponse = await run_in_threadpool(svc.changelog.push, device, batch.changes)
    counts = {
        "accepted": len(result.accepted),
        "duplicate": len(result.duplicates),
        "rejected": len(result.rejected),
    }
    for outcome, n in counts.items():
        svc.metrics.changes("pushed", outcome, n)
    _count(counts)
    return encode(result, msgpack=wants_msgpack(request))


async def pull_changes(
    request: Request,
    after: int = Query(
        0, ge=0, le=MAX_INT64, description="The cursor: next_cursor of the last page"
    ),
    limit: int = Query(1000, ge=1, le=MAX_PULL_LIMIT),
    space: str | None = Query(
        None,
        max_length=300,
        description="Backfill: only this space's changes (the device must be a member); "
        "its cursors are its own",
    ),
) -> Response:
    """The next changes after the cursor in the spaces this device is a member of,
    or with ``space`` in that one space (a backfill after a grant). 409
    ``resync_required``: pull again from 0; 409 ``server_rolled_back``: the cursor is
    past the end of this server's log (restored from an older backup)."""
    svc = services(request)
    device, _ = await authenticate(request, body_limit=0)
    page: PullResponse
    if space is None:
        page = await run_in_threadpool(
            lambda: svc.changelog.pull(
                device, after=after, limit=limit, instance_id=svc.instance_id
            )
        )
    else:
        clean_str(space, "space", max_chars=300)
        wanted = space
        page = await run_in_threadpool(
            lambda: svc.changelog.pull_space(
                device, wanted, after=after, limit=limit, instance_id=svc.instance_id
            )
        )
    svc.metrics.changes("pulled", "served", len(page.changes))
    _count({"served": len(page.changes)})
    return encode(page, msgpack=wants_msgpack(request))


def _count(counts: dict[str, int]) -> None:
    """Numbers of changes for this request's access line (never their ids)."""
    info = current_request()
    if info is not None:
        info.counts.update(counts)


async def post_grants(request: Request) -> Response:
    """Store space keys wrapped to devices (all or none). 403 ``granter_not_holder``: a
    clinical space granted by a device that is not a member of it whose role may hold it
    (a team lead never is); 403 ``role_may_not_hold``: a recipient whose role may not hold
    the space; 409 ``device_pending`` / ``device_revoked``: the recipient is not approved."""
    svc = services(request)
    device, body = await authenticate(request, body_limit=MAX_PUSH_BYTES)
    req = decode(request, body, GrantList)
    stored: list[Grant] = await run_in_threadpool(svc.directory.store_grants, device, req.grants)
    return encode(GrantList(stored))


async def get_grants(request: Request) -> Response:
    """The grants addressed to the calling device."""
    svc = services(request)
    device, _ = await authenticate(request, body_limit=0)
    found: list[Grant] = await run_in_threadpool(svc.directory.grants_for, device)
    return encode(GrantList(found))


async def get_missing_grants(request: Request) -> Response:
    """Key versions of spaces the calling device holds that a device should hold and no
    trusted (unrevoked) device has granted it: the caller may grant them again."""
    svc = services(request)
    device, _ = await authenticate(request, body_limit=0)
    found: list[MissingGrant] = await run_in_threadpool(svc.directory.missing_grants, device)
    return encode(MissingGrantList(found))


async def list_devices(request: Request) -> Response:
    """The device directory: public keys, user, role, team and certificate of the devices
    this device may know (its team's; for a team lead also pending ones and central-team
    devices; for a central-team device the team leads)."""
    svc = services(request)
    device, _ = await authenticate(request, body_limit=0)
    rows: list[DeviceRow] = await run_in_threadpool(svc.directory.directory, device)
    return encode(DeviceList([r.info() for r in rows]))


async def list_teams(request: Request) -> Response:
    """The teams a central-team device reports on (central-team devices only)."""
    svc = services(request)
    device, _ = await authenticate(request, body_limit=0)
    found: list[TeamInfo] = await run_in_threadpool(svc.directory.teams_for_central, device)
    return encode(TeamList(found))


async def approve_device(request: Request, device_id: str) -> Response:
    """A team lead approves a device; the body is its certificate (raw signature bytes)."""
    svc = services(request)
    device, body = await authenticate(request, body_limit=4096)
    target_id = clean_str(device_id, "device id", max_chars=64)
    row: DeviceRow = await run_in_threadpool(svc.directory.approve, device, target_id, body)
    return encode(row.info())


async def revoke_device(request: Request, device_id: str) -> Response:
    """A team lead revokes a device; on its next request it is told to erase its keys."""
    svc = services(request)
    device, _ = await authenticate(request, body_limit=0)
    target_id = clean_str(device_id, "device id", max_chars=64)
    row: DeviceRow = await run_in_threadpool(svc.directory.revoke, device, target_id)
    return encode(row.info())


async def list_rotations(request: Request) -> Response:
    """Key rotations due after a revocation in the spaces this device holds: unclaimed
    ones to make, and claimed ones with the member devices still waiting for a grant."""
    svc = services(request)
    device, _ = await authenticate(request, body_limit=0)
    found: list[Rotation] = await run_in_threadpool(svc.rotations.open_for, device)
    return encode(RotationList(found))


async def claim_rotation(request: Request) -> Response:
    """Become the one device that makes a space's new key version; the first claim wins.

    Codes: 409 ``rotation_claimed`` (another device made it: drop yours and wait for
    its grant), 404 ``rotation_not_due``, 403 ``not_member`` (this device does not
    hold the space). Grants of a rotated version are refused while it is unclaimed
    (409 ``rotation_unclaimed``) and from devices that neither made nor received it
    (409 ``rotation_claimed``); a pushed change sealed under an older version than a
    claimed one is rejected with ``retired_key``."""
    svc = services(request)
    device, body = await authenticate(request, body_limit=4096)
    req = decode(request, body, RotationClaim)
    made: Rotation = await run_in_threadpool(
        svc.rotations.claim, device, req.space, req.key_version
    )
    return encode(made)


async def post_audit(request: Request) -> Response:
    """Store the device's audit lines (ids only, never content)."""
    svc = services(request)
    device, body = await authenticate(request, body_limit=MAX_PUSH_BYTES)
    req = decode(request, body, AuditPush)
    stored, dups = await run_in_threadpool(svc.directory.store_audit, device, req.events)
    return encode(AuditAck(stored, dups))


async def get_audit(
    request: Request,
    limit: int = Query(100, ge=1, le=5000),
    record_id: str | None = Query(None, max_length=300),
) -> Response:
    """The team's audit trail, newest first (team leads only)."""
    svc = services(request)
    device, _ = await authenticate(request, body_limit=0)
    if record_id is not None:
        clean_str(record_id, "record_id")
    events: list[AuditEvent] = await run_in_threadpool(
        lambda: svc.directory.audit_trail(device, limit=limit, record_id=record_id)
    )
    return encode(AuditPush(events))


# --- every failure is an Error document ---------------------------------------------------


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(
        msgspec.json.encode(Error(code, message)),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def _install_error_handlers(app: FastAPI) -> None:
    async def on_api_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error(exc.status, exc.code, exc.message, exc.headers)

    async def on_validation(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _error(422, "invalid_request", _validation_message(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            message = f"No such endpoint: {request.method} {request.url.path}"
            return _error(404, "not_found", message)
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}."
            return _error(405, "method_not_allowed", message, dict(exc.headers or {}))
        return _error(exc.status_code, "http_error", str(exc.detail), dict(exc.headers or {}))

    async def on_integrity(_request: Request, exc: Exception) -> Response:
        log.info("integrity conflict: %s", type(exc).__name__)
        return _error(
            409, "conflict", "The request conflicted with a concurrent change; try it again."
        )

    async def on_data(_request: Request, exc: Exception) -> Response:
        log.info("database refused a value: %s", type(exc).__name__)
        return _error(400, "bad_request", "A value in the request is out of range or invalid.")

    async def on_unavailable(_request: Request, exc: Exception) -> Response:
        log.error("database unavailable: %s", type(exc).__name__)
        return _error(503, "unavailable", "The server's database is unavailable; try later.")

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(sa_exc.IntegrityError, on_integrity)
    app.add_exception_handler(sa_exc.DataError, on_data)
    app.add_exception_handler(sa_exc.OperationalError, on_unavailable)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "Invalid request: " + "; ".join(parts) if parts else "Invalid request."
