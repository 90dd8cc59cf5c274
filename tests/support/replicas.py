"""In-process replicas over real SQLCipher databases, sharing space keys like granted devices."""

from __future__ import annotations

import copy
import os
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from storage.audit import audit_key
from storage.checkpoint import WalCheckpointer
from storage.crypto import random_key
from storage.db import connect
from storage.ids import new_id
from storage.keys import SpaceKeys
from storage.schema import migrations
from storage.store import DeviceSecrets, RecordStore
from sync.changes import Change
from sync.hlc import HybridClock


def make_store(
    path: Path | None,
    *,
    keys: dict[str, dict[int, bytes]] | None = None,
    device: str | None = None,
    actor: str = "tester",
    clock: HybridClock | None = None,
    checkpoint: bool = False,
    device_secrets: DeviceSecrets | None = None,
) -> RecordStore:
    """A migrated store over a real encrypted file (``path=None``: in memory).

    Without ``keys`` the store holds a key for one space, ``work:p1``.
    ``checkpoint``: copy the WAL back on a background thread, as an unlocked
    profile does (for benchmarks that should see what a laptop sees).
    """
    if keys is None:
        keys = {"work:p1": {1: random_key()}}
    db_key = os.urandom(32)
    conn = connect(path if path is not None else Path(":memory:"), db_key)
    migrations.apply(sqlite_utils.Database(conn, execute_plugins=False))  # type: ignore[arg-type]
    return RecordStore(
        conn,
        keys=SpaceKeys(copy.deepcopy(keys)),
        device=device or new_id(),
        actor=actor,
        audit_key=audit_key(db_key),
        db_key=db_key,
        clock=clock,
        checkpointer=WalCheckpointer(path, db_key) if checkpoint and path is not None else None,
        device_secrets=device_secrets,
    )


@dataclass
class _Log:
    """A shared change log, as the server keeps one: appended by pushes, read by cursor."""

    changes: list[Change] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def push(self, changes: list[Change]) -> None:
        for ch in changes:
            if ch.change_id not in self.ids:
                self.ids.add(ch.change_id)
                self.changes.append(ch)


# store -> (the log it syncs through, how far it has read it)
_member: weakref.WeakKeyDictionary[RecordStore, tuple[_Log, int]] = weakref.WeakKeyDictionary()


def sync_all(*stores: RecordStore) -> None:
    """Relay as the server does: every store pushes what it holds that the shared log
    lacks, then pulls what it has not read yet.

    Stores synced together share one log from then on, so a change reaches a
    replica through the log even after the replica that relayed it dropped its
    payload (a merged remote text change is kept only by its author).
    """
    logs = {id(m[0]): m[0] for s in stores if (m := _member.get(s)) is not None}
    if len(logs) == 1:
        log = next(iter(logs.values()))
    else:  # new stores, or stores from separate groups: one log for all of them
        log = _Log()
        for old in logs.values():
            log.push(old.changes)
        for s, (old, _read) in list(_member.items()):
            if id(old) in logs:
                _member[s] = (log, 0)
    for s in stores:
        log.push(s.all_changes())
    for s in stores:
        _old, read = _member.get(s, (log, 0))
        s.apply_changes(log.changes[read:])
        _member[s] = (log, len(log.changes))
