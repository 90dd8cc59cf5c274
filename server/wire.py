"""Reading and writing protocol messages: size limits, JSON or MessagePack, clean strings."""

from __future__ import annotations

from typing import Any, Final, TypeVar

import msgspec
from starlette.requests import Request
from starlette.responses import Response

from server.errors import ApiError, invalid, too_large
from sync.protocol import MSGPACK

T = TypeVar("T")
JSON: Final = "application/json"
_MSGPACK_TYPES: Final = frozenset({MSGPACK, "application/x-msgpack", "application/vnd.msgpack"})
MAX_ID_CHARS: Final = 300
MAX_INT64: Final = 2**63 - 1
MAX_INT32: Final = 2**31 - 1


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed ``limit``."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise ApiError(400, "bad_request", "Content-Length is not a number.") from None
        if size > limit:
            raise _body_too_large(limit)
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise _body_too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _body_too_large(limit: int) -> ApiError:
    return too_large(
        f"The request body is larger than {limit} bytes; send fewer changes per request.",
        code="body_too_large",
    )


def media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def wants_msgpack(request: Request) -> bool:
    """Answer in MessagePack when Accept asks for it, or mirrors a MessagePack body."""
    accept = request.headers.get("accept", "")
    if any(media_type(part) in _MSGPACK_TYPES for part in accept.split(",")):
        return True
    if accept and "*/*" not in accept and JSON in accept:
        return False
    return media_type(request.headers.get("content-type")) in _MSGPACK_TYPES


def decode(request: Request, body: bytes, type_: type[T], *, allow_msgpack: bool = False) -> T:
    """Decode a JSON (or, where allowed, MessagePack) body into a protocol struct."""
    ctype = media_type(request.headers.get("content-type"))
    try:
        if allow_msgpack and ctype in _MSGPACK_TYPES:
            return msgspec.msgpack.decode(body, type=type_)
        if ctype in ("", JSON) or ctype.endswith("+json"):
            return msgspec.json.decode(body, type=type_)
    except msgspec.ValidationError as exc:
        raise invalid(f"The request body does not match {type_.__name__}: {exc}") from None
    except msgspec.DecodeError as exc:
        fmt = "MessagePack" if ctype in _MSGPACK_TYPES else "JSON"
        raise ApiError(
            400, "malformed_body", f"The request body is not valid {fmt}: {exc}"
        ) from None
    accepted = "application/json or application/msgpack" if allow_msgpack else JSON
    raise ApiError(415, "unsupported_media_type", f"Send the body as {accepted}, not {ctype!r}.")


def encode(obj: Any, *, msgpack: bool = False, status: int = 200) -> Response:
    if msgpack:
        return Response(msgspec.msgpack.encode(obj), status_code=status, media_type=MSGPACK)
    return Response(msgspec.json.encode(obj), status_code=status, media_type=JSON)


def clean_str(value: str, what: str, *, max_chars: int = MAX_ID_CHARS, empty: bool = False) -> str:
    """Refuse text that a database cannot store verbatim (NUL, lone surrogates) or is too long."""
    problem = string_problem(value, max_chars=max_chars, empty=empty)
    if problem:
        raise invalid(f"{what} {problem}.")
    return value


def string_problem(value: str, *, max_chars: int = MAX_ID_CHARS, empty: bool = False) -> str:
    """Why ``value`` cannot be stored as given, or "" when it can."""
    if not value and not empty:
        return "must not be empty"
    if len(value) > max_chars:
        return f"is longer than {max_chars} characters"
    if "\x00" in value:
        return "contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode text"
    return ""
