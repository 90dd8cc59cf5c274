"""The client side of sync: one round pushes the outbox, then pulls pages until none are left.

Qt-free and thread-agnostic: the desktop client runs rounds on a worker, the
command line runs one round in the foreground. Every failure the network or
the server can cause becomes a :class:`SyncError` with a stable ``code`` the
UI can translate; local data is never deleted because of anything the
server says or does not say.

Guarantees of a round (tests/sync/test_client.py):

- push: batches of at most ``MAX_PUSH_CHANGES`` changes and about
  ``MAX_PUSH_BYTES``; a batch is acknowledged by change id, so a retry after
  a lost answer comes back as duplicates and is marked pushed then. A change
  the server rejects stays in the outbox (it is never dropped) and is not
  offered again within the same round;
- pull: each page is applied in the same local transaction as the cursor
  update; ``resync_required`` restarts the pull from 0 within the round (the
  merge is idempotent, nothing local is deleted); a new server instance makes
  every local change pending again and pulls everything;
- backfill: a space granted to this device after its cursor had passed some
  of the space's changes is pulled alone (``GET /v1/changes?space=S``) from 0,
  page by page, each page applied with its own cursor ``backfill:<space>``;
  the space stays in the pending list (setting ``BACKFILL_SETTING``) until a
  page says ``more`` is false, so a lost answer or a crash resumes from the
  last committed page. A full pull from 0 covers every pending space;
- changes the server refused for clock skew do not stop the round: the pull
  still runs, and the round ends with ``SyncError(clock_skew)`` carrying the
  round's result;
- changes stamped while the clock ran ahead go as soon as the clock is right:
  when the server refuses them but its time (``server_time_ms`` of the push
  answer) agrees with the local clock within ``CLOCK_AGREES_MS``, the store
  stamps its never-pushed changes that are that far ahead again
  (``restamp_future``) and the round pushes them at once;
- a server that goes back in its change log (restored from an older backup, or
  not to be trusted) pauses sync: a pull cursor past the log's end (409
  ``server_rolled_back``), a push given a seq at or below the pull cursor, or a
  page below the cursor ends the round with ``SyncError(server_rolled_back)``
  and sets ``ROLLBACK_SETTING``, so later rounds refuse at once (nothing local
  is changed) until :func:`resume_after_rollback` (tests/e2e/test_security_rollback.py).
"""

from __future__ import annotations

import base64
import itertools
import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Final, Protocol, TypeVar
from urllib.parse import quote

import httpx
import msgspec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.changes import Change
from sync.hlc import CLOCK_AGREES_MS, Hlc
from sync.protocol import (
    HEADER_DEVICE,
    HEADER_REQUEST_ID,
    HEADER_SIGNATURE,
    HEADER_TIME,
    MAX_PULL_LIMIT,
    MAX_PUSH_BYTES,
    MAX_PUSH_CHANGES,
    MSGPACK,
    SERVER_ROLLED_BACK,
    DeviceInfo,
    DeviceList,
    EnrolRequest,
    EnrolResponse,
    Error,
    Grant,
    GrantList,
    Health,
    MissingGrantList,
    PullResponse,
    PushRequest,
    PushResponse,
    WireChange,
    cursor_seq,
    new_request_id,
    signing_input,
)

_T = TypeVar("_T")

log = logging.getLogger(__name__)

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
RATE_LIMITED = "rate_limited"
WRONG_SERVER = "wrong_server"
FORBIDDEN = "forbidden"
ROLLED_BACK = SERVER_ROLLED_BACK

#: Server codes passed through unchanged (everything else 4xx becomes REJECTED,
#: with the server's own code kept in ``SyncError.server_code``).
_PASSED_THROUGH: Final = frozenset(
    {
        CLOCK_SKEW,
        REVOKED,
        UNKNOWN_DEVICE,
        PENDING,
        RESYNC,
        RATE_LIMITED,
        WRONG_SERVER,
        FORBIDDEN,
        ROLLED_BACK,
        "invalid_code",
        "code_used",
        "code_expired",
        "device_exists",
        "device_revoked",
        "bad_certificate",
        "role_may_not_hold",
    }
)

#: How often one round restarts its pull from 0 before giving up.
MAX_RESYNCS: Final = 3

#: Store setting: the server instance whose cursors this replica holds.
INSTANCE_SETTING: Final = "sync.instance_id"
#: Store setting: the spaces still to backfill, a sorted JSON list.
BACKFILL_SETTING: Final = "sync.backfill_pending"
#: Cursor name prefix of a space's backfill.
BACKFILL_CURSOR: Final = "backfill:"
#: Store setting: why sync is paused after the server was seen going back in its log
#: (see :func:`resume_after_rollback`); empty or absent while sync runs.
ROLLBACK_SETTING: Final = "sync.rolled_back"
ROLLBACK_MESSAGE: Final = (
    "Sync is paused: the server no longer has changes it sent to this computer before "
    "(was it restored from an older backup?). Nothing on this computer was changed or "
    "deleted. Ask the central team what happened, then resume sync "
    "(feltjournal sync --resume)."
)
#: Server codes (403) for a space this device may not read: its backfill ends.
_NOT_READABLE: Final = frozenset({"not_member", "role_may_not_hold"})


class SyncError(Exception):
    """A sync round failed; ``code`` says why in one stable word.

    ``result`` is what the round did before it failed, when it got that far
    (e.g. changes refused for clock skew after everything else was synced).
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int | None = None,
        server_code: str | None = None,
        retry_after: float | None = None,
        result: RoundResult | None = None,
    ) -> None:
        self.code = code
        self.status = status
        self.server_code = server_code
        self.retry_after = retry_after
        self.result = result
        super().__init__(message)


class AppliedPage(Protocol):
    """What applying one page did (storage.store.ApplyResult has these and more)."""

    @property
    def applied(self) -> int: ...
    @property
    def far_future(self) -> Sequence[str]: ...
    @property
    def types(self) -> set[str]: ...
    @property
    def records(self) -> set[str]: ...


class SyncStore(Protocol):
    """What a sync round needs from the local replica (storage.store.RecordStore)."""

    device: str

    def outbox(self, limit: int = 500) -> list[Change]: ...
    def mark_pushed(self, change_ids: Sequence[str]) -> None: ...
    def apply_changes(
        self, changes: Sequence[Change], *, cursor: tuple[str, str] | None = None
    ) -> AppliedPage: ...
    def cursor(self, name: str) -> str | None: ...
    def setting(self, key: str) -> str | None: ...
    def set_setting(self, key: str, value: str) -> None: ...
    def mark_all_unpushed(self) -> int: ...
    def restamp_future(self, now_ms: int) -> int: ...


@dataclass
class RoundResult:
    """What one round did."""

    pushed: int = 0
    duplicates: int = 0
    pulled: int = 0
    own_returned: int = 0  # of ``pulled``: this device's own changes coming back (never new)
    applied: int = 0
    pages: int = 0
    batches: int = 0
    resyncs: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    skewed: list[str] = field(default_factory=list)  # HLC stamps refused as too far ahead
    far_future: int = 0
    instance_changed: bool = False
    types: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)  # ids of the records pages changed
    server_time_ms: int | None = None
    restamped: int = 0  # changes stamped again once the clock was right (then pushed)
    full_pull: bool = False  # the pull went from 0 to the end: nothing is left to backfill
    backfilled: int = 0  # changes received by backfills (not counted in ``pulled``)
    backfill_pages: int = 0
    backfill_restarts: int = 0
    backfills_done: list[str] = field(default_factory=list)

    def note(self, applied: AppliedPage) -> None:
        """Count one applied page in the round."""
        self.applied += applied.applied
        self.far_future += len(applied.far_future)
        self.types |= applied.types
        self.records |= applied.records


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

    def now_ms(self) -> int:
        """The local time requests are signed with."""
        return self._now_ms()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

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
            # A fresh id each call: a retry after a lost answer is a new request,
            # never a replay the server would refuse.
            stamp, request_id = self._now_ms(), new_request_id()
            sig = self._key.sign(signing_input(method, path, stamp, body, request_id=request_id))
            headers[HEADER_DEVICE] = self.device_id
            headers[HEADER_TIME] = str(stamp)
            headers[HEADER_REQUEST_ID] = request_id
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
        return SyncError(SERVER, f"The server failed ({status}).", status=status, server_code=code)
    retry_after: float | None = None
    if status == 429:
        try:
            retry_after = float(response.headers.get("Retry-After", ""))
        except ValueError:
            retry_after = None
    if code in _PASSED_THROUGH:
        return SyncError(code, message, status=status, server_code=code, retry_after=retry_after)
    return SyncError(
        REJECTED,
        f"The server refused the request ({status}): {message}",
        status=status,
        server_code=code or None,
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


def fetch_missing_grants(transport: Transport) -> MissingGrantList:
    """Key versions this device holds that a device lacks a trusted grant of."""
    return _decode(transport.request("GET", "/v1/grants/missing"), MissingGrantList)


def post_grants(transport: Transport, grants: Sequence[Grant]) -> GrantList:
    """Store key grants on the server (all or none)."""
    body = msgspec.json.encode(GrantList(list(grants)))
    return _decode(transport.request("POST", "/v1/grants", body=body), GrantList)


def list_devices(transport: Transport) -> DeviceList:
    """The team's devices (team lead devices only)."""
    return _decode(transport.request("GET", "/v1/devices"), DeviceList)


def approve_device(transport: Transport, device_id: str, certificate: bytes) -> DeviceInfo:
    """Approve a pending device with this team lead device's certificate signature."""
    response = transport.request(
        "POST",
        f"/v1/devices/{device_id}/approve",
        body=certificate,
        content_type="application/octet-stream",
    )
    return _decode(response, DeviceInfo)


def revoke_device(transport: Transport, device_id: str) -> DeviceInfo:
    return _decode(transport.request("POST", f"/v1/devices/{device_id}/revoke"), DeviceInfo)


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


def _skew_message(stamps: Sequence[str]) -> str:
    latest = max(stamps, default="")
    try:
        until = Hlc.decode(latest).to_datetime().strftime("%d.%m.%Y %H:%M UTC")
    except ValueError:
        until = "later"
    return (
        f"The server refused {len(stamps)} change(s) stamped in the future: they were made "
        "while this computer's clock was wrong. They are kept on this computer; once its "
        "clock agrees with the server's they are stamped again and sent (or accepted from "
        f"about {until})."
    )


class SyncClient:
    """Runs sync rounds for one replica against one server."""

    def __init__(
        self, store: SyncStore, transport: Transport, *, page_size: int = 1000, msgpack: bool = True
    ) -> None:
        self.store = store
        self.transport = transport
        self.page_size = page_size
        self.msgpack = msgpack

    def push(self, result: RoundResult, *, skip: set[str] | None = None) -> None:
        """Push the outbox in batches; rejected changes stay in the outbox.

        Every change sent is either acknowledged (accepted or duplicate: marked
        pushed) or refused; neither is offered again within this call, so the
        loop ends even when the server refuses everything. ``skip``: change ids
        refused earlier in the round, not offered again.
        """
        handled: set[str] = set(skip or ())
        refused = len(handled)  # still in the outbox (at most): fetch past them
        while True:
            outbox = [
                c
                for c in self.store.outbox(limit=MAX_PUSH_CHANGES * 4 + refused)
                if c.change_id not in handled
            ]
            if not outbox:
                return
            for batch in _batches(outbox):
                req = PushRequest([WireChange.from_change(c) for c in batch])
                batch_ids = {c.change_id for c in batch}
                body = msgspec.msgpack.encode(req) if self.msgpack else msgspec.json.encode(req)
                response = self.transport.request(
                    "POST",
                    "/v1/changes",
                    body=body,
                    content_type=MSGPACK if self.msgpack else "application/json",
                    accept=MSGPACK if self.msgpack else "application/json",
                )
                answer = _decode(response, PushResponse)
                if (
                    answer.first_seq
                    and answer.first_seq <= self._pulled_seq()
                    and not self._other_instance(self.store.setting(INSTANCE_SETTING))
                ):
                    # Seqs are never reused: this one was served before, so this server has
                    # gone back in its log (another one starts its own; the pull sees that).
                    # The batch is stored there and safe to mark.
                    self.store.mark_pushed(
                        [c for c in (*answer.accepted, *answer.duplicates) if c in batch_ids]
                    )
                    raise SyncError(ROLLED_BACK, "The server gave out a seq again.")
                result.batches += 1
                result.server_time_ms = answer.server_time_ms
                sent = {c.change_id: c for c in batch}
                handled.update(sent)
                done = [c for c in (*answer.accepted, *answer.duplicates) if c in sent]
                if done:
                    # Acknowledged by change id: a retry after a lost answer
                    # comes back as duplicates and is marked pushed then.
                    self.store.mark_pushed(done)
                refused += len(sent) - len(set(done))
                result.pushed += len(answer.accepted)
                result.duplicates += len(answer.duplicates)
                for r in answer.rejected:
                    result.rejected.append((r.change_id, r.code))
                    if r.code == CLOCK_SKEW and r.change_id in sent:
                        result.skewed.append(sent[r.change_id].hlc)

    def _restamp(self, result: RoundResult) -> bool:
        """Changes were refused as stamped too far ahead: if the server's time says the
        local clock is right now, stamp them again (they were never stored anywhere).
        True when some were."""
        if not result.skewed or result.server_time_ms is None:
            return False
        restamp = getattr(self.store, "restamp_future", None)
        if restamp is None:
            return False
        clock = getattr(self.store, "clock", None)
        local = clock.now_ms() if clock is not None else self.transport.now_ms()
        if abs(result.server_time_ms - local) > CLOCK_AGREES_MS:
            return False  # the clock is still wrong: they wait
        try:
            count = int(restamp(local))
        except Exception as exc:
            # Never stops the round: the refused changes simply wait. The type only,
            # a message could name a record.
            log.warning("re-stamping failed (%s); the changes wait", type(exc).__name__)
            return False
        result.restamped += count
        return count > 0

    def pull(self, result: RoundResult) -> None:
        """Pull pages until none are left; each page lands with its cursor atomically.

        While a page is being applied, the next one is already being fetched
        (one request in flight, on a helper thread): the server's work and the
        network overlap the local decrypt and merge. Pages are still applied one
        after the other, in order, each with its own cursor.
        """
        instance = self.store.setting(INSTANCE_SETTING)
        cursor_name = f"server:{instance}" if instance else "server"
        after = int(self.store.cursor(cursor_name) or 0)
        from_zero = after == 0
        prefetch: ThreadPoolExecutor | None = None
        ahead: tuple[int, Future[PullResponse]] | None = None
        try:
            while True:
                try:
                    if ahead is not None and ahead[0] == after:
                        page = ahead[1].result()
                    else:
                        page = self._fetch_page(after)
                except SyncError as exc:
                    if exc.code == ROLLED_BACK and after != 0 and self._other_instance(instance):
                        # Not this server's cursor at all: a new or replaced server, whose
                        # first page (below) is handled as one.
                        after, from_zero = 0, True
                        continue
                    if exc.code != RESYNC or after == 0 or result.resyncs >= MAX_RESYNCS:
                        raise
                    # Compacted past our cursor, or granted a space with older
                    # changes: pull everything again. The merge is idempotent and
                    # nothing local is deleted; the cursor moves with the pages
                    # (the server tells the cursors of this pass from the stale one).
                    result.resyncs += 1
                    after, from_zero = 0, True
                    continue
                finally:
                    ahead = None
                if instance is None or page.instance_id != instance:
                    # A new or replaced server: start from its beginning and offer it
                    # everything this device wrote. Nothing local is deleted.
                    if instance is not None:
                        result.instance_changed = True
                        self.store.mark_all_unpushed()
                    self.store.set_setting(INSTANCE_SETTING, page.instance_id)
                    instance = page.instance_id
                    cursor_name = f"server:{instance}"
                    if after != 0:
                        after = 0
                        from_zero = True
                        continue
                self._check_forward(page, after)
                if page.more and page.next_cursor == after:
                    raise SyncError(BAD_RESPONSE, "The server's cursor did not advance.")
                if page.more:
                    prefetch = prefetch or ThreadPoolExecutor(1, "sync-prefetch")
                    ahead = (page.next_cursor, prefetch.submit(self._fetch_page, page.next_cursor))
                changes = [wc.to_change() for wc in page.changes]
                applied = self.store.apply_changes(
                    changes, cursor=(cursor_name, str(page.next_cursor))
                )
                result.pulled += len(changes)
                result.own_returned += sum(c.device == self.store.device for c in changes)
                result.note(applied)
                result.pages += 1
                after = page.next_cursor
                if not page.more:
                    result.full_pull = from_zero
                    return
        finally:
            if prefetch is not None:
                # A page fetched ahead of a failure is dropped unapplied.
                prefetch.shutdown(wait=True, cancel_futures=True)

    def _pulled_seq(self) -> int:
        """The seq this device's main pull has passed on the current server."""
        instance = self.store.setting(INSTANCE_SETTING)
        return cursor_seq(
            int(self.store.cursor(f"server:{instance}" if instance else "server") or 0)
        )

    def _other_instance(self, instance: str | None) -> bool:
        return health(self.transport).instance_id != instance

    def _check_forward(self, page: PullResponse, after: int) -> None:
        """Refuse a page that goes back in the server's log: a cursor below ``after``,
        or changes at or below the seq it passed. Either means the server lost or is
        replaying what it served before (an old backup, or a server not to be trusted);
        applying on would skip, unseen, what it stores at those seqs from now on."""
        floor = cursor_seq(after)
        seqs = [wc.seq for wc in page.changes]
        backwards = page.next_cursor < after or any(s <= floor for s in seqs)
        if backwards or any(b <= a for a, b in itertools.pairwise(seqs)):
            raise SyncError(ROLLED_BACK, "The server's change log went backwards.")

    def _fetch_page(self, after: int, *, space: str | None = None) -> PullResponse:
        limit = min(self.page_size, MAX_PULL_LIMIT)
        scope = "" if space is None else f"space={quote(space, safe='')}&"
        response = self.transport.request(
            "GET",
            f"/v1/changes?{scope}after={after}&limit={limit}",
            accept=MSGPACK if self.msgpack else "application/json",
        )
        return _decode(response, PullResponse)

    def backfill(self, result: RoundResult) -> None:
        """Backfill every pending space (see the module docstring); after :meth:`pull`.

        A pull that went from 0 to the end this round has served every space this
        device is a member of, so the pending list is simply emptied. A space the
        server says this device may not read (403) leaves the list: neither pull
        can serve it. Other failures end the round with the pages applied so far
        kept; the space resumes from its cursor next round.
        """
        pending = pending_backfills(self.store)
        if not pending:
            return
        if result.full_pull:
            self.store.set_setting(BACKFILL_SETTING, "[]")
            return
        for space in pending:
            try:
                done = self._backfill_space(space, result)
            except SyncError as exc:
                if exc.server_code not in _NOT_READABLE:
                    if exc.result is None:
                        exc.result = result
                    raise
                done = True
            if done:
                result.backfills_done.append(space)
                left = [s for s in pending_backfills(self.store) if s != space]
                self.store.set_setting(BACKFILL_SETTING, json.dumps(left))

    def _backfill_space(self, space: str, result: RoundResult) -> bool:
        """Page through ``space`` from its backfill cursor; True once ``more`` is false."""
        name = BACKFILL_CURSOR + space
        after = int(self.store.cursor(name) or 0)
        instance = self.store.setting(INSTANCE_SETTING)
        restarts = 0
        while True:
            try:
                page = self._fetch_page(after, space=space)
            except SyncError as exc:
                if exc.code != RESYNC or after == 0 or restarts >= MAX_RESYNCS:
                    raise
                # Compacted past this backfill's cursor: the space again from 0.
                restarts += 1
                result.backfill_restarts += 1
                after = 0
                continue
            if page.instance_id != instance:
                # Another server than the main pull's: the next round's pull sees it
                # too, starts from 0 and so covers this space.
                return False
            if page.next_cursor < after:
                raise SyncError(BAD_RESPONSE, "The server's cursor went backwards.")
            if page.more and page.next_cursor == after:
                raise SyncError(BAD_RESPONSE, "The server's cursor did not advance.")
            strays = [wc for wc in page.changes if wc.space != space]
            if strays:
                raise SyncError(BAD_RESPONSE, "The server sent changes of another space.")
            changes = [wc.to_change() for wc in page.changes]
            applied = self.store.apply_changes(changes, cursor=(name, str(page.next_cursor)))
            result.backfilled += len(changes)
            result.note(applied)
            result.backfill_pages += 1
            after = page.next_cursor
            if not page.more:
                return True

    def round(self) -> RoundResult:
        """Push everything, then pull until nothing is left.

        Changes refused for clock skew do not stop the pull; the round then
        ends with ``SyncError(clock_skew)`` whose ``result`` says what it did.
        """
        paused = self.store.setting(ROLLBACK_SETTING)
        if paused:
            raise SyncError(ROLLED_BACK, ROLLBACK_MESSAGE)
        result = RoundResult()
        try:
            self.push(result)
            if self._restamp(result):
                # Offer the re-stamped changes now; what was refused for other reasons
                # is not sent twice in one round.
                skip = {cid for cid, code in result.rejected if code != CLOCK_SKEW}
                result.rejected = [
                    (cid, code) for cid, code in result.rejected if code != CLOCK_SKEW
                ]
                result.skewed = []
                self.push(result, skip=skip)
            self.pull(result)
        except SyncError as exc:
            if exc.code != ROLLED_BACK:
                raise
            # Kept until the user resumes: the next rounds must not carry on from a
            # log that may grow back past this cursor and hide what it lost.
            self.store.set_setting(ROLLBACK_SETTING, str(exc) or ROLLED_BACK)
            raise SyncError(ROLLED_BACK, ROLLBACK_MESSAGE, result=result) from None
        if result.instance_changed:
            self.push(result)
        if result.skewed:
            raise SyncError(CLOCK_SKEW, _skew_message(result.skewed), result=result)
        return result


def resume_after_rollback(store: SyncStore) -> bool:
    """Resume sync paused by :data:`ROLLED_BACK`; False if it was not paused.

    The server lost changes: the next round offers it again every change this
    device wrote and pulls its whole log from 0. The merge keeps the newer version
    of each field, so what the server lost comes back from the devices that hold it
    and nothing local is overwritten by the older copies."""
    if not store.setting(ROLLBACK_SETTING):
        return False
    instance = store.setting(INSTANCE_SETTING)
    store.mark_all_unpushed()
    store.apply_changes([], cursor=(f"server:{instance}" if instance else "server", "0"))
    store.set_setting(ROLLBACK_SETTING, "")
    return True


def pending_backfills(store: SyncStore) -> list[str]:
    """The spaces still to backfill (``BACKFILL_SETTING``)."""
    raw = store.setting(BACKFILL_SETTING)
    try:
        found = json.loads(raw) if raw else []
    except ValueError:
        found = []
    return sorted({s for s in found if isinstance(s, str)}) if isinstance(found, list) else []


def request_backfill(store: SyncStore, spaces: Sequence[str]) -> None:
    """Add ``spaces`` to the pending backfills, each from 0 (its cursor is reset)."""
    if not spaces:
        return
    for space in spaces:
        store.apply_changes([], cursor=(BACKFILL_CURSOR + space, "0"))
    wanted = sorted(set(pending_backfills(store)) | set(spaces))
    store.set_setting(BACKFILL_SETTING, json.dumps(wanted))


def needs_backfill(store: SyncStore) -> bool:
    """Whether a space granted now must be backfilled: not when nothing was pulled yet
    (the first pull goes from 0 and serves every space this device is a member of)."""
    instance = store.setting(INSTANCE_SETTING)
    name = f"server:{instance}" if instance else "server"
    return int(store.cursor(name) or 0) != 0


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
