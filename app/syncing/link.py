"""The connection to the enrolled server and the state every sync part shares.

One :class:`Link` per :class:`app.sync_service.SyncService`: the journal and profile,
the settings written at enrolment, the signed transport (one, reused), the status the
window shows with its backoff, and the rule that a ``revoked`` answer to any request
locks this device and erases its keys.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from app.journal import Journal
from app.store_settings import DEVICE_ENROLLED as S_ENROLLED
from app.store_settings import SERVER_URL as S_URL
from app.store_settings import TEAM_ID as S_TEAM
from app.store_settings import TEAM_IS_CENTRAL as S_TEAM_IS_CENTRAL
from app.syncing.status import NOT_ENROLLED, SyncStatus, readable
from storage.errors import Locked
from storage.profile import Profile
from storage.store import RecordStore
from sync.client import (
    BAD_RESPONSE,
    OFFLINE,
    RATE_LIMITED,
    REVOKED,
    SERVER,
    Backoff,
    SyncError,
    Transport,
)

log = logging.getLogger("feltjournal.sync")


class TransportFactory(Protocol):
    """Makes the HTTP transport; tests inject a clock, a failing network, a proxy."""

    def __call__(
        self, base_url: str, *, device_id: str | None = None, signing_key: bytes | None = None
    ) -> Transport: ...


class Link:
    """This laptop's tie to its sync server: settings, transport, status, revocation."""

    def __init__(
        self, journal: Journal, profile: Profile, transport_factory: TransportFactory
    ) -> None:
        self.journal = journal
        self.profile = profile
        #: How the service reaches the server (a test swaps in a lossy network).
        self.transport_factory = transport_factory
        self._transport: Transport | None = None
        self.status = SyncStatus()
        self.backoff = Backoff()

    # ------------------------------------------------------------- state

    @property
    def store(self) -> RecordStore:
        return self.journal.store

    @property
    def enrolled(self) -> bool:
        return self.store.setting(S_ENROLLED) == "1"

    @property
    def server_url(self) -> str | None:
        return self.store.setting(S_URL)

    @property
    def team_id(self) -> str | None:
        return self.store.setting(S_TEAM)

    @property
    def team_is_central(self) -> bool:
        """This laptop's team is the central team (it has central-team members)."""
        return self.store.setting(S_TEAM_IS_CENTRAL) == "1"

    # --------------------------------------------------------- transport

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def signed_transport(self) -> Transport:
        url = self.server_url
        if not self.enrolled or not url:
            raise SyncError(
                NOT_ENROLLED, "This computer is not enrolled with a sync server; enrol it first."
            )
        if self._transport is None or self._transport.base_url != url.rstrip("/"):
            self.close()
            self._transport = self.transport_factory(
                url,
                device_id=self.store.device,
                signing_key=self.store.device_secrets.ed25519_private,
            )
        return self._transport

    # ------------------------------------------------------------ failure

    def failed(self, exc: SyncError, *, online: bool | None = None) -> None:
        retry = exc.retry_after
        if exc.code in (OFFLINE, SERVER, RATE_LIMITED, BAD_RESPONSE):
            retry = max(retry or 0.0, self.backoff.failure())
        pending: int
        try:
            pending = self.store.outbox_size()
        except Locked:  # revoked and erased: nothing is pending any more
            pending = 0
        self.status = SyncStatus(
            online=(exc.code != OFFLINE) if online is None else online,
            last_success=self.status.last_success,
            last_error_code=exc.code,
            last_error_message=readable(exc),
            pending=pending,
            retry_in=retry,
            grant_problems=self.status.grant_problems,
            unreadable_records=self.status.unreadable_records,
            unreadable_participants=self.status.unreadable_participants,
        )

    def erase_after_revocation(self) -> None:
        """Lock (keys leave memory), then delete the keyring item and the vault."""
        self.close()
        try:
            self.store.lock()
        finally:
            self.profile.erase_device_keys()
        log.warning("this device was revoked: its keys were erased")

    @contextmanager
    def revocation_guard(self) -> Iterator[None]:
        """Whatever the request, a ``revoked`` answer locks this device and erases its keys."""
        try:
            yield
        except SyncError as exc:
            if exc.code == REVOKED and not self.store.locked:
                self.failed(exc)
                self.erase_after_revocation()
                raise SyncError(REVOKED, readable(exc), status=exc.status) from None
            raise
