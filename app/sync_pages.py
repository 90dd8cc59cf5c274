"""The replica as a sync round sees it: every page is applied on the journal's executor.

A round runs on the sync engine's thread, but the pages it pulls change the
database, so they queue on the one thread that owns it (app.executor), in order
with the window's writes: an autosave waits behind at most one page in that
queue instead of the GUI thread waiting on the store's lock. The rest of what a
round asks of the store (its outbox, cursors, settings) is passed through.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.executor import Executor
from storage.store import ApplyResult, RecordStore
from sync.changes import Change
from sync.hlc import HybridClock


class PagesOnExecutor:
    """A :class:`sync.client.SyncStore` over a store whose pages run on ``executor``."""

    def __init__(self, store: RecordStore, executor: Executor) -> None:
        self._store = store
        self._executor = executor
        self.device = store.device

    def apply_changes(
        self, changes: Sequence[Change], *, cursor: tuple[str, str] | None = None
    ) -> ApplyResult:
        return self._executor.call(self._store.apply_changes, changes, cursor=cursor)

    @property
    def clock(self) -> HybridClock:
        return self._store.clock

    def outbox(self, limit: int = 500) -> list[Change]:
        return self._store.outbox(limit)

    def mark_pushed(self, change_ids: Sequence[str]) -> None:
        self._store.mark_pushed(change_ids)

    def cursor(self, name: str) -> str | None:
        return self._store.cursor(name)

    def setting(self, key: str) -> str | None:
        return self._store.setting(key)

    def set_setting(self, key: str, value: str) -> None:
        self._store.set_setting(key, value)

    def mark_all_unpushed(self) -> int:
        return self._store.mark_all_unpushed()

    def restamp_future(self, now_ms: int) -> int:
        return self._store.restamp_future(now_ms)
