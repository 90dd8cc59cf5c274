"""``feltjournal sync`` in a child process that stops, uncommitted, in the middle of a pulled page.

Run as ``python -m tests.e2e.pull_child PAGE -- [feltjournal arguments]``, with the
environment of tests.support.cli. It runs the real command line in this
process; the only addition is a pause inside the transaction that applies the
PAGE-th pulled page (counting pages with changes from 1): the page's changes and
its cursor are written but not committed when the child prints ``MID-PAGE`` and
blocks on stdin. The test then kills it with SIGKILL, so the kill lands while a
pull is being applied, at a known page, with no sleep and no race.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from storage.store import RecordStore
from sync.changes import Change

MARK = "MID-PAGE"


def _pause_in_page(stop_at: int) -> None:
    original = RecordStore.apply_changes
    pages = 0

    def apply_changes(
        self: RecordStore, changes: Sequence[Change], *, cursor: tuple[str, str] | None = None
    ) -> Any:
        nonlocal pages
        if not changes:
            return original(self, changes, cursor=cursor)
        pages += 1
        if pages != stop_at:
            return original(self, changes, cursor=cursor)
        with self.transaction():  # the page nests in it: written, not committed
            result = original(self, changes, cursor=cursor)
            print(MARK, flush=True)
            sys.stdin.readline()  # the parent kills us here
            return result

    RecordStore.apply_changes = apply_changes  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    stop_at, sep, cli_args = int(argv[0]), argv[1], argv[2:]
    assert sep == "--" and stop_at >= 1
    _pause_in_page(stop_at)
    from app.cli import main as cli_main

    return cli_main(cli_args)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
