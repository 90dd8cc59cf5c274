"""One sync round and its steps: keys in, ``before_push``, push, pull, backfill, share.

Keys first, so that changes pulled in the same round for a space just granted are
applied at once. A revoked device locks at once and erases its keys
(:meth:`storage.profile.Profile.erase_device_keys`); the encrypted database stays
on disk, unreadable. Every space it held gets a new key version, made and granted
by the devices that still hold it (app.key_rotation), so copies of its keys open
nothing written afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from app.key_rotation import rotate_keys
from app.purge_gate import PurgeGate
from app.store_settings import GRANTED as S_GRANTED
from app.store_settings import RESHARED_FOR as S_RESHARED
from app.sync_pages import PagesOnExecutor
from app.syncing.link import Link
from app.syncing.sharing import Sharing
from app.syncing.status import SyncStatus, readable, stranded_changes
from app.syncing.trust import Trust
from storage.store import ApplyResult
from sync import client as wire
from sync.client import CLOCK_SKEW, RESYNC, REVOKED, RoundResult, SyncClient, SyncError, Transport
from sync.protocol import CENTRAL, TEAM_LEAD, space_kind

log = logging.getLogger("feltjournal.sync")


class Rounds:
    """Runs the sync rounds of one :class:`Link`."""

    def __init__(
        self,
        link: Link,
        trust: Trust,
        sharing: Sharing,
        purge_gate: PurgeGate,
        *,
        now: Callable[[], datetime],
        before_push: Callable[[], None] | None,
    ) -> None:
        self._link = link
        self._trust = trust
        self._sharing = sharing
        self._purge_gate = purge_gate
        self._now = now
        self._before_push = before_push

    def sync_once(self) -> RoundResult:
        """One round: receive granted keys, ``before_push``, push, pull, backfill, share keys.

        Keys first, so that changes pulled in the same round for a space just
        granted are applied at once. Raises SyncError; on ``revoked`` the store
        is locked and the keys are erased before it is raised.
        """
        link = self._link
        store = link.store
        journal = link.journal
        trust, sharing = self._trust, self._sharing
        deferred: SyncError | None = None
        kinds: set[str] = set()
        ids: set[str] = set()  # with ``kinds``: the records pages changed (views reread them)
        try:
            transport = link.signed_transport()
            round_ = trust.round_directory()
            retried = trust.receive_grants(transport, round_)
            if retried is not None:
                kinds |= retried.types
                ids |= retried.records
            if store.role == TEAM_LEAD:
                sharing.note_team_kind(round_.directory(transport))
            sharing.ensure_reports_key()
            rotate_keys(
                store,
                transport,
                directory=lambda: round_.directory(transport),
                team_id=link.team_id,
                may_hold=trust.may_hold_here,
                grant=sharing.grant,
                vouched=trust.vouched,
                granted_before=sharing.granted_before,
            )
            self._run_before_push()
            client = SyncClient(PagesOnExecutor(store, journal.executor), transport)
            try:
                result = client.round()
            except SyncError as exc:
                if exc.code == CLOCK_SKEW and exc.result is not None:
                    # Some changes were refused for their stamps; the rest synced.
                    result, deferred = exc.result, exc
                elif exc.code == RESYNC:
                    result = self._resync(client)
                else:
                    raise
            # Spaces granted since the cursor passed their older changes, on their own.
            client.backfill(result)
            kinds |= set(result.types)
            ids |= result.records
            judged = self._judge_held_purges(transport)
            kinds |= judged.types
            ids |= judged.records
            if result.instance_changed:
                # A new or restored server holds none of the grants this device made.
                store.set_setting(S_GRANTED, "{}")
                store.set_setting(S_RESHARED, "")
            if retried is not None:
                # Changes that waited for a key were applied: count them with the round.
                result.applied += retried.applied
            sharing.share_spaces(transport, round_)
            if store.role != CENTRAL:
                trust.remember_people(round_.directory(transport))
                trust.remember_own_devices(round_.directory(transport))
            if store.role == TEAM_LEAD:
                # It reads its own team's report snapshots, another lead's among them.
                trust.remember_signers(round_.directory(transport))
        except SyncError as exc:
            link.failed(exc)
            if exc.code == REVOKED:
                link.erase_after_revocation()
            else:
                # Pages applied before the failure are in the store: say so, or the
                # window would show them only after some later change.
                if exc.result is not None:
                    kinds |= set(exc.result.types)
                    ids |= exc.result.records
                if kinds:
                    journal.notify_external(kinds, ids)
            raise SyncError(
                exc.code,
                readable(exc),
                status=exc.status,
                server_code=exc.server_code,
                retry_after=exc.retry_after,
                result=exc.result,
            ) from None
        if kinds:
            journal.notify_external(kinds, ids)
        if deferred is not None:
            link.failed(deferred, online=True)
            raise deferred
        link.backoff.success()
        records, participants = self._unreadable()
        link.status = SyncStatus(
            online=True,
            last_success=self._now(),
            pending=store.outbox_size(),
            grant_problems=link.status.grant_problems,
            unreadable_records=records,
            unreadable_participants=participants,
            stranded=stranded_changes(store.outbox_spaces(), link.team_id),
        )
        return result

    def _judge_held_purges(self, transport: Transport) -> ApplyResult:
        """Purges held for want of a directory that vouches for their authors: judged
        again with one fetched now (a device approved a moment ago is in it); what it
        does not vouch for is quarantined. What changed."""
        store = self._link.store
        if not store.held_purges():
            return ApplyResult()
        with self._purge_gate.settled(self._trust.load_directory(transport)):
            retried = store.retry_pending()
        if retried.quarantined:
            log.warning("%d purges refused and quarantined", len(retried.quarantined))
        return retried

    def _unreadable(self) -> tuple[int, int]:
        """Records waiting for a key this device lacks, and their participants."""
        waiting = self._link.store.waiting_for_key()
        participants = {
            space.partition(":")[2]
            for space in waiting
            if space_kind(space) in ("work", "clinical")
        }
        return sum(waiting.values()), len(participants)

    def resume_after_rollback(self) -> bool:
        """Resume sync paused because the server lost changes it had served; False if it
        was not paused. The next round offers the server again everything this device
        wrote, and the grants it made, and pulls its whole log (nothing local is lost)."""
        store = self._link.store
        if not wire.resume_after_rollback(store):
            return False
        store.set_setting(S_GRANTED, "{}")
        return True

    def _run_before_push(self) -> None:
        if self._before_push is None:
            return
        try:
            self._before_push()
        except Exception as exc:
            # A hook's failure must not stop the sync. Its type only: a message
            # could quote participant data.
            log.warning("before_push failed (%s); the round goes on", type(exc).__name__)

    def _resync(self, client: SyncClient) -> RoundResult:
        """The round's own resync gave up: reset the cursor to 0 and pull everything once."""
        store = self._link.store
        instance = store.setting(wire.INSTANCE_SETTING)
        name = f"server:{instance}" if instance else "server"
        store.apply_changes([], cursor=(name, "0"))
        result = RoundResult()
        client.pull(result)
        return result
