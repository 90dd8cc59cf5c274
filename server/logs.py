"""The server's log: one JSON object a line on stderr, each tagged with its request's id.

What a line may hold (tests/e2e/test_server_operations.py checks it): its time,
level, logger and message; the request id; for the one access line per request
(logger ``feltjournal.access``) the method, the route *template* (never the path
or query as sent), the status, the duration, the client address, the
authenticated device's id and the counts of changes it pushed or was served. Never
a request's body, query string or headers beyond the request id, so never a
record id, space, change id or envelope; an exception is logged by its type and
stack frames, without its message (which may quote a value), and the database
engines hide statement parameters (server.db).
"""

from __future__ import annotations

import json
import logging
import traceback
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

ACCESS_LOGGER: Final = "feltjournal.access"


@dataclass(slots=True)
class RequestInfo:
    """What the access line says about one request; the routes fill in device and counts."""

    request_id: str
    device: str = ""
    counts: dict[str, int] = field(default_factory=dict)


#: The request being served (set by server.observe for each HTTP request; each
#: request runs in its own task, and worker threads get a copy of the context).
CURRENT_REQUEST: ContextVar[RequestInfo | None] = ContextVar("feltjournal_request", default=None)


def current_request() -> RequestInfo | None:
    return CURRENT_REQUEST.get()


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON (see the module docstring for what it holds)."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        info = CURRENT_REQUEST.get()
        if info is not None:
            out["request_id"] = info.request_id
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            out.update(fields)
        if record.exc_info and record.exc_info[0] is not None:
            kind, _value, tb = record.exc_info
            out["exc_type"] = kind.__name__
            # The frames, not the message: an exception's text may quote a value.
            frames = "".join(traceback.format_tb(tb))
            out["traceback"] = "Traceback (most recent call last):\n" + frames
        return json.dumps(out, ensure_ascii=False, default=str)


def log_config(level: str = "INFO") -> dict[str, Any]:
    """A logging.config.dictConfig for ``serve``: everything (uvicorn too) as JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": True},
        },
    }
