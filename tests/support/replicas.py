"""In-process replicas over real SQLCipher databases, sharing space keys like granted devices."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import sqlite_utils

from storage.audit import audit_key
from storage.crypto import random_key
from storage.db import connect
from storage.ids import new_id
from storage.keys import SpaceKeys
from storage.schema import migrations
from storage.store import RecordStore
from sync.hlc import HybridClock


def make_store(
    path: Path | None,
    *,
    keys: dict[str, dict[int, bytes]] | None = None,
    device: str | None = None,
    actor: str = "tester",
    clock: HybridClock | None = None,
) -> RecordStore:
    """A migrated store over a real encrypted file (``path=None``: in memory).

    Without ``keys`` the store holds a key for one space, ``work:p1``.
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
    )


def sync_all(*stores: RecordStore) -> None:
    """Deliver every change each store holds to every other store."""
    everything = [ch for s in stores for ch in s.all_changes()]
    for s in stores:
        s.apply_changes(everything)
