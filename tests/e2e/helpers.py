"""What several end-to-end tests look at: the server's log of a space, a replica's copy of
it, and a ``feltjournal`` child process killed at a point it announces."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence

from sqlalchemy import select

from server import db
from storage.store import RecordStore
from tests.e2e.conftest import ROOT, TeamWorld


def served_count(world: TeamWorld, space: str | None = None) -> int:
    """Changes the server serves (text edits included), of ``space`` or of the whole log."""
    query = select(db.changes.c.change_id).where(db.changes.c.payload_dropped.is_(False))
    if space is not None:
        query = query.where(db.changes.c.space == space)
    with world.server.engine.connect() as conn:
        return len(conn.scalars(query).all())


def server_ids(world: TeamWorld, space: str) -> set[str]:
    """The changes of ``space`` the server serves, but text edits: a replica merges those
    into its field's text state and keeps no change row (their content is checked by
    :func:`space_state`)."""
    with world.server.engine.connect() as conn:
        return set(
            conn.scalars(
                select(db.changes.c.change_id).where(
                    db.changes.c.space == space,
                    db.changes.c.payload_dropped.is_(False),
                    db.changes.c.kind != "text",
                )
            )
        )


def held_ids(store: RecordStore, space: str) -> set[str]:
    return {c.change_id for c in store.all_changes() if c.space == space}


def space_state(store: RecordStore, space: str) -> dict[str, dict[str, object]]:
    """Every record of ``space`` as this replica reads it: id -> fields."""
    return {r.id: r.fields for r in store.query() if r.space == space}


def kill_at_mark(module: str, args: Sequence[str], env: dict[str, str], mark: str) -> None:
    """Run ``python -m module *args``; SIGKILL it once it prints ``mark`` (it prints that
    inside the transaction it must not finish)."""
    child = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        line = child.stdout.readline()  # blocks until the child is at the mark
        assert line.strip() == mark, line + (child.stderr.read() if child.stderr else "")
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=60) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=60)
        for stream in (child.stdin, child.stdout, child.stderr):
            if stream is not None:
                stream.close()
