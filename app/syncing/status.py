"""What the user is told about sync: the codes this side raises, readable sentences, and
the status bar's :class:`SyncStatus`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from app.syncing.adopt import stranded_spaces
from sync import client as wire
from sync.client import (
    BAD_RESPONSE,
    CLOCK_SKEW,
    OFFLINE,
    PENDING,
    RATE_LIMITED,
    REVOKED,
    SERVER,
    UNKNOWN_DEVICE,
    SyncError,
)

#: Codes only the sync service raises (the client's are in sync.client).
NOT_ENROLLED: Final = "not_enrolled"
ALREADY_ENROLLED: Final = "already_enrolled"
WRONG_ROLE: Final = "wrong_role"
BAD_CODE: Final = "bad_code"
NOT_TEAM_LEAD: Final = "not_team_lead"
NO_SUCH_DEVICE: Final = "no_such_device"
NO_KEY: Final = "no_key"
KEY_MISMATCH: Final = "key_mismatch"


#: What the user reads for each failure (the server's detail follows where useful).
_MESSAGES: Final[dict[str, str]] = {
    OFFLINE: "No connection to the sync server. Your changes are kept on this computer and "
    "sync when the connection is back.",
    CLOCK_SKEW: "The computer's clock is wrong, so the server refused to sync. Set the date and "
    "time (automatic time is best) and sync again.",
    REVOKED: "This computer has been revoked by the team lead. Its keys have been erased and "
    "the journal on it can no longer be opened; the data is kept on the server.",
    PENDING: "This computer is waiting for a team lead's approval; sync again after that.",
    UNKNOWN_DEVICE: "The server does not know this computer (was the server replaced?). "
    "Ask for a new enrolment code.",
    SERVER: "The sync server failed; your changes are kept. Try again later.",
    BAD_RESPONSE: "The sync server answered something unreadable; nothing was lost.",
    RATE_LIMITED: "The sync server is busy; it will be tried again shortly.",
    wire.ROLLED_BACK: wire.ROLLBACK_MESSAGE,
}


def readable(exc: SyncError) -> str:
    """One line for the user: the fixed text for the code, then the server's detail."""
    base = _MESSAGES.get(exc.code)
    detail = str(exc)
    if base is None or (exc.code == CLOCK_SKEW and exc.result is not None):
        # Per-change clock refusals explain themselves (the clock may be right now).
        return detail
    if exc.code in (REVOKED, PENDING, RATE_LIMITED, wire.ROLLED_BACK) or not detail:
        return base
    return f"{base} ({detail})"


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows: online or not, last success, pending changes, last error."""

    online: bool | None = None
    last_success: datetime | None = None
    last_error_code: str | None = None
    last_error_message: str | None = None
    pending: int = 0
    retry_in: float | None = None
    grant_problems: tuple[str, ...] = ()
    # Records received that stay unreadable here for want of a space key, and how many
    # participants they belong to (after the last successful round).
    unreadable_records: int = 0
    unreadable_participants: int = 0
    # Changes written for the team of a server this laptop used before (a replaced
    # server): this server will never take them (:func:`stranded_changes`).
    stranded: int = 0


def stranded_changes(outbox_spaces: dict[str, int], team_id: str | None) -> int:
    """Unsent changes in another team's ``team:`` or ``reports:`` space: written for the
    team of the server this laptop was enrolled with before, which the server it syncs
    with now refuses (``not_member``) however often they are offered (until they are
    brought into this team, app.syncing.adopt)."""
    return sum(outbox_spaces[space] for space in stranded_spaces(outbox_spaces, team_id))
