"""A page of a pull holding the store, for tests of a window that must not wait for it."""

from __future__ import annotations

import threading

from app.journal import Journal


class HeldPage:
    """A page of a pull holding the store on the executor, as a sync round's pages do,
    until ``release`` is set."""

    def __init__(self, journal: Journal) -> None:
        self.started, self.release = threading.Event(), threading.Event()

        def page() -> None:
            with journal.store.transaction():
                self.started.set()
                self.release.wait(10)

        self.applying = journal.executor.submit(page)
        assert self.started.wait(10)
