"""Sync in the window: the status bar indicator and the bridge from the sync thread.

The background engine (:mod:`app.sync_engine`) runs on its own thread. Two
things cross from it to the GUI thread, both through queued signals:

- change events of the journal (pages applied by a round): :class:`GuiDispatcher`
  is set as ``Journal.dispatch``, so listeners (the workspace, this window)
  always run on the GUI thread;
- the engine's status and a revocation.

:class:`SyncIndicator` is the status bar button: what the state is in one
short line (online or offline, last sync, pending changes, a readable
Norwegian problem such as a wrong clock), the details in its tooltip, and a
click syncs at once. Records that stay unreadable for want of a key are
counted in the line and explained in the tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QToolButton, QWidget

if TYPE_CHECKING:
    from app.sync_service import SyncStatus

# The failure codes of sync.client and app.sync_service, spelled out here so that the
# window does not import the network stack (httpx) on its way to the caseload; a test
# checks that they equal the originals.
OFFLINE: Final = "offline"
CLOCK_SKEW: Final = "clock_skew"
REVOKED: Final = "revoked"
UNKNOWN_DEVICE: Final = "unknown_device"
PENDING: Final = "pending_approval"
SERVER: Final = "server_error"
BAD_RESPONSE: Final = "bad_response"
RATE_LIMITED: Final = "rate_limited"
WRONG_SERVER: Final = "wrong_server"
ROLLED_BACK: Final = "server_rolled_back"
NOT_ENROLLED: Final = "not_enrolled"
ALREADY_ENROLLED: Final = "already_enrolled"
WRONG_ROLE: Final = "wrong_role"
BAD_CODE: Final = "bad_code"


class GuiDispatcher(QObject):
    """Runs callables on the GUI thread: at once from it, queued from any other."""

    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._deliver.connect(self._run)

    def post(self, fn: Callable[[], None]) -> None:
        if QThread.currentThread() is self.thread():
            fn()
        else:
            self._deliver.emit(fn)

    @staticmethod
    def _run(fn: object) -> None:
        if callable(fn):
            fn()


class NetworkWatch(QObject):
    """The operating system's word on the network: ``back_online`` when it returns.

    Uses QNetworkInformation's default backend where the platform has one
    (NetworkManager, Windows, macOS); without one, the engine's backoff alone
    finds the network again."""

    back_online = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._online: bool | None = None
        self.available = False
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if QNetworkInformation.loadDefaultBackend():
                info = QNetworkInformation.instance()
                if info is not None:
                    self.available = True
                    self._online = self._is_online(info.reachability())
                    info.reachabilityChanged.connect(self.reachability_changed)
        except (ImportError, RuntimeError):
            self.available = False

    @staticmethod
    def _is_online(reachability: object) -> bool:
        from PySide6.QtNetwork import QNetworkInformation

        r = QNetworkInformation.Reachability
        return reachability in (r.Online, r.Site)

    def reachability_changed(self, reachability: object) -> None:
        online = self._is_online(reachability)
        if online and self._online is not True:
            self.back_online.emit()
        self._online = online


class EngineBridge(QObject):
    """The engine's callbacks as signals (emitted on the sync thread, received on the GUI's)."""

    status_changed = Signal(object)
    revoked = Signal()

    def on_status(self, status: SyncStatus) -> None:
        self.status_changed.emit(status)

    def on_revoked(self) -> None:
        self.revoked.emit()


class SyncTexts(QObject):
    """The translated sync messages (one lupdate context)."""

    def problem(self, code: str | None) -> str:
        """A short Norwegian explanation for a failure code; never server text."""
        if code == OFFLINE:
            return self.tr(
                "No connection to the server. Your changes are kept on this computer and sync "
                "when the connection is back."
            )
        if code == CLOCK_SKEW:
            return self.tr(
                "The computer's clock is wrong, so the server refused some changes. Set the date "
                "and time (automatic time is best); they sync after that."
            )
        if code == PENDING:
            return self.tr("This computer is waiting for the team lead's approval.")
        if code == REVOKED:
            return self.tr(
                "This computer has been revoked by the team lead. Its keys have been erased and "
                "the journal can no longer be opened here; the data is kept on the server."
            )
        if code == UNKNOWN_DEVICE:
            return self.tr(
                "The server does not know this computer (was the server replaced?). Ask the "
                "central team for a new enrolment code."
            )
        if code == RATE_LIMITED:
            return self.tr("The server is busy; sync is tried again shortly.")
        if code == BAD_RESPONSE:
            return self.tr("The server answered something unreadable; nothing was lost.")
        if code == ROLLED_BACK:
            return self.tr(
                "Sync is paused: the server no longer has changes it sent to this computer "
                "before. Nothing here was changed or deleted. Ask the central team, then "
                "resume with feltjournal sync --resume."
            )
        if code == WRONG_SERVER:
            return self.tr(
                "This is not your organisation's server (its key does not match the code). "
                "Nothing was stored; check the address."
            )
        if code == BAD_CODE:
            return self.tr(
                "The enrolment code is not complete: it ends in a dot and 16 characters, as the "
                "central team gave it."
            )
        if code in ("invalid_code", "code_used", "code_expired"):
            return self.tr(
                "The enrolment code is wrong, used or expired. Ask the central team for a new one."
            )
        if code == WRONG_ROLE:
            return self.tr("The enrolment code is for another role than this profile's.")
        if code == ALREADY_ENROLLED:
            return self.tr("This computer is already connected to a server.")
        if code == NOT_ENROLLED:
            return self.tr("This computer is not connected to a server.")
        if code == SERVER:
            return self.tr("The server failed; your changes are kept. Sync is tried again later.")
        return self.tr("Sync failed; your changes are kept on this computer.")

    def pending(self, n: int) -> str:
        return self.tr("%n change(s) not yet synced", "", n)

    def kept(self, n: int) -> str:
        return self.tr("%n change(s) kept on this computer", "", n)

    def retry(self, seconds: int) -> str:
        return self.tr("next try in %n s", "", seconds)

    def unreadable_short(self, records: int) -> str:
        return self.tr("%n record(s) cannot be read", "", records)

    def unreadable(self, records: int, participants: int) -> str:
        """What is unreadable for want of a key, and what to do about it."""
        parts = [
            self.tr(
                "%n record(s) cannot be read on this computer: it lacks their key.", "", records
            )
        ]
        if participants:
            parts.append(self.tr("This concerns %n participant(s).", "", participants))
        parts.append(
            self.tr("Ask a colleague who has access, or the team lead, to sync; then sync again.")
        )
        return " ".join(parts)

    def stranded_short(self, n: int) -> str:
        return self.tr("%n change(s) the server will not take", "", n)

    def stranded(self, n: int) -> str:
        """Changes written for another team (a replaced server's), and what to do with them."""
        return self.tr(
            "%n change(s) were written for another team than this server's (before this "
            "computer was enrolled, or with a server it used before); the server will not take "
            "them, but they are kept here: bring them into this team with the button beside "
            "(or “feltjournal sync --adopt-stranded”).",
            "",
            n,
        )

    def not_connected(self) -> str:
        return self.tr("Not connected to a server")

    def local_only(self) -> str:
        return self.tr(
            "Everything you write is kept, encrypted, on this computer only. To sync with "
            "your team, connect it to the server: Feltjournal → Connect to server…"
        )

    def nothing_to_sync(self) -> str:
        return self.tr(
            "Nothing syncs: this computer is not connected to a server "
            "(Feltjournal → Connect to server…)."
        )

    def not_running(self) -> str:
        return self.tr("Sync is not running on this computer; lock and unlock to start it.")

    def syncing(self) -> str:
        return self.tr("Syncing…")

    def synced_at(self, when: str) -> str:
        return self.tr("Synced %1").replace("%1", when)

    def never(self) -> str:
        return self.tr("Not synced yet")

    def offline(self) -> str:
        return self.tr("Offline")

    def problem_short(self) -> str:
        return self.tr("Sync problem")

    def clock_short(self) -> str:
        return self.tr("The computer's clock is wrong")

    def pending_short(self) -> str:
        return self.tr("Waiting for the team lead's approval")

    def tooltip_last(self, when: str) -> str:
        return self.tr("Last sync: %1").replace("%1", when)

    def click_hint(self) -> str:
        return self.tr("Click to sync now.")

    def accessible(self) -> str:
        return self.tr("Sync status")


def format_time(when: datetime | None, now: datetime) -> str:
    """hh:mm today, dd.mm.yyyy hh:mm otherwise (local time)."""
    if when is None:
        return ""
    local, today = when.astimezone(), now.astimezone()
    if local.date() == today.date():
        return local.strftime("%H:%M")
    return local.strftime("%d.%m.%Y %H:%M")


class SyncIndicator(QToolButton):
    """The status bar's sync state; clicking it asks for a round now."""

    sync_requested = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.setAutoRaise(True)
        self._now = now
        self._texts = SyncTexts(self)
        self.enrolled = False
        self.syncing = False
        self.status: SyncStatus | None = None  # no round yet
        self.pending = 0
        self.clicked.connect(self._clicked)
        self.refresh()

    def _clicked(self) -> None:
        self.sync_requested.emit()  # not enrolled: the window says why nothing syncs

    def show_state(
        self,
        *,
        enrolled: bool,
        status: SyncStatus | None = None,
        pending: int | None = None,
        syncing: bool | None = None,
    ) -> None:
        self.enrolled = enrolled
        if status is not None:
            self.status = status
            self.pending = status.pending
        if pending is not None:
            self.pending = pending
        if syncing is not None:
            self.syncing = syncing
        self.refresh()

    def clear(self) -> None:
        self.enrolled, self.syncing, self.status, self.pending = False, False, None, 0
        self.setText("")
        self.setToolTip("")

    def refresh(self) -> None:
        t, s = self._texts, self.status
        self.setAccessibleName(t.accessible())
        last_success = s.last_success if s is not None else None
        error = s.last_error_code if s is not None else None
        retry_in = s.retry_in if s is not None else None
        when = format_time(last_success, self._now())
        if not self.enrolled:
            # No count here: on a laptop that syncs with no server every change is
            # "kept on this computer", and thousands of them only alarm.
            self.setText(t.not_connected())
            self.setToolTip(t.local_only())
            self.setProperty("state", "none")
        else:
            failing = error is not None
            if self.syncing:
                head = t.syncing()
            elif error == OFFLINE:
                head = t.offline()
            elif error == CLOCK_SKEW:
                head = t.clock_short()
            elif error == PENDING:
                head = t.pending_short()
            elif failing:
                head = t.problem_short()
            elif last_success is not None:
                head = t.synced_at(when)
            else:
                head = t.never()
            parts = [head]
            if self.pending:
                parts.append(t.kept(self.pending) if failing else t.pending(self.pending))
            if failing and retry_in is not None and not self.syncing:
                parts.append(t.retry(max(1, round(retry_in))))
            unreadable = s.unreadable_records if s is not None else 0
            if unreadable:
                parts.append(t.unreadable_short(unreadable))
            stranded = s.stranded if s is not None else 0
            if stranded:
                parts.append(t.stranded_short(stranded))
            self.setText(" · ".join(parts))
            tips = []
            if failing:
                tips.append(t.problem(error))
            if unreadable and s is not None:
                tips.append(t.unreadable(unreadable, s.unreadable_participants))
            if stranded:
                tips.append(t.stranded(stranded))
            if last_success is not None:
                tips.append(t.tooltip_last(when))
            tips.append(t.click_hint())
            self.setToolTip("\n".join(tips))
            self.setProperty(
                "state",
                "problem"
                if (failing and error != OFFLINE) or unreadable or stranded
                else ("offline" if failing else "online"),
            )
        self.style().unpolish(self)
        self.style().polish(self)


__all__ = [
    "EngineBridge",
    "GuiDispatcher",
    "NetworkWatch",
    "SyncIndicator",
    "SyncTexts",
    "format_time",
]
