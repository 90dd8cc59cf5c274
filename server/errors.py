"""Known failures: each becomes a 4xx answer with a stable code and a readable message."""

from __future__ import annotations


class ApiError(Exception):
    """A refusal the client can act on; the app answers it as protocol.Error JSON."""

    def __init__(
        self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def bad_request(message: str, code: str = "bad_request") -> ApiError:
    return ApiError(400, code, message)


def invalid(message: str) -> ApiError:
    return ApiError(422, "invalid_request", message)


def forbidden(message: str, code: str = "forbidden") -> ApiError:
    return ApiError(403, code, message)


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)


def too_large(message: str, code: str = "too_large") -> ApiError:
    return ApiError(413, code, message)


class AdminError(Exception):
    """A failed admin action; the CLI prints the message as one line and exits 1."""
