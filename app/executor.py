"""The thread that owns the database: every write and every applied sync page runs there.

One :class:`Executor` per unlocked journal. ``submit(fn)`` returns a
:class:`concurrent.futures.Future`; work runs one item at a time, in the order it
was submitted, on one worker thread. The GUI thread therefore never waits for
the store's lock while a sync page is being applied: its write is queued behind
the page and its result comes back later (ui.tasks adapts the future to a Qt
signal). Qt-free, so the command line and tests use it the same way.

Work submitted from the worker thread itself runs at once (:meth:`call`), so an
operation may call another without deadlocking on its own queue.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")


class ExecutorClosed(RuntimeError):
    """Work was submitted after the executor closed (the journal was locked)."""


_Item = tuple[Future[Any], Callable[[], Any]]


class Executor:
    """One worker thread that runs database work in submission order."""

    def __init__(self, name: str = "feltjournal-db") -> None:
        self._name = name
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    def on_worker(self) -> bool:
        """True on the executor's own thread."""
        return self._thread is not None and threading.current_thread() is self._thread

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Queue ``fn(*args, **kwargs)``; its result or exception arrives in the future."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise ExecutorClosed("the journal is locked")
            if self._thread is None:
                # Started on first use: most journals in tests never need one.
                self._thread = threading.Thread(target=self._work, name=self._name, daemon=True)
                self._thread.start()
            self._queue.put((future, lambda: fn(*args, **kwargs)))
        return future

    def call(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run ``fn`` on the worker and wait for it (at once when already there)."""
        if self.on_worker():
            return fn(*args, **kwargs)
        return self.submit(fn, *args, **kwargs).result()

    def close(self, *, wait: bool = True) -> None:
        """Refuse new work; what is queued still runs (it meets a locked store and fails
        in its own future). ``wait``: until the worker has finished it."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            thread = self._thread
            if thread is not None:
                self._queue.put(None)
        if wait and thread is not None and thread is not threading.current_thread():
            thread.join()

    @property
    def closed(self) -> bool:
        return self._closed

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            future, fn = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn()
            except BaseException as exc:
                future.set_exception(exc)
            else:
                future.set_result(result)
