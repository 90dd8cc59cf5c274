"""Background work: one thread for the database, a pool for the network.

A task is a callable ``fn(progress, cancelled) -> result`` that never touches
widgets. ``progress(done, total)`` reports; ``cancelled()`` is polled. Results
and errors come back on the GUI thread through signals. A progress dialog
appears only when the work takes longer than half a second.

While a journal is unlocked its executor (app.executor) is the database
thread (:meth:`TaskRunner.attach`): database tasks queue there with the
journal's writes and the pages of a sync round, in one order; before unlock
(opening the profile) a thread of the runner's own stands in. :func:`on_landed`
brings any future of the executor back to the GUI thread as a queued signal.
"""

from __future__ import annotations

import contextlib
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from app.executor import Executor, ExecutorClosed

T = TypeVar("T")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
TaskFn = Callable[[Progress, Cancelled], Any]


class TaskHandle(QObject):
    """One submitted task.

    Signals:
        progressed(int, int): done and total units.
        finished(object): the result, on the GUI thread.
        failed(object): the exception, on the GUI thread.
        cancelled(): the task stopped because cancel() was called.
    """

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()


class TaskCancelled(Exception):
    """Raised inside a task to stop early; the handle emits ``cancelled``."""


class _Runnable(QRunnable):
    def __init__(self, fn: TaskFn, handle: TaskHandle) -> None:
        super().__init__()
        self._fn = fn
        self._handle = handle

    def run(self) -> None:
        h = self._handle
        try:
            result = self._fn(h.progressed.emit, h.is_cancelled)
        except TaskCancelled:
            h.done = True
            h.cancelled.emit()
            return
        except BaseException as exc:
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            h.done = True
            h.failed.emit(exc)
            return
        h.done = True
        if h.is_cancelled():
            h.cancelled.emit()
        else:
            h.finished.emit(result)


def _receiver_alive(callback: Callable[..., object], receiver: QObject | None) -> bool:
    """False when the Qt object an answer goes to (``receiver``, or the one ``callback``
    is a method of) was deleted meanwhile (a view closed, or the window locked, while
    its task ran): the answer has nowhere to go."""
    owner = receiver if receiver is not None else getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or isValid(owner)


class TaskRunner(QObject):
    """Runs database tasks one at a time on one thread, network tasks on a small pool.

    Signals:
        task_failed(object): any task's exception, after its own ``on_error`` (the
            window watches it for a damaged database, whichever view met it).
    """

    task_failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = QThreadPool(self)
        self._db.setMaxThreadCount(1)  # one thread at a time owns the database
        self._db.setExpiryTimeout(-1)
        self._net = QThreadPool(self)
        self._net.setMaxThreadCount(2)
        self._handles: set[TaskHandle] = set()
        self._executor: Executor | None = None

    def attach(self, executor: Executor | None) -> None:
        """Run database tasks on ``executor`` (an unlocked journal's), or on the runner's
        own thread again (None)."""
        self._executor = executor

    def run(
        self,
        fn: TaskFn,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        progress_parent: QWidget | None = None,
        label: str = "",
        network: bool = False,
        receiver: QObject | None = None,
    ) -> TaskHandle:
        """Run ``fn``; its answer goes to ``on_done``/``on_error``/``on_cancel`` on the GUI
        thread, unless ``receiver`` (by default the Qt object a callback is a method of)
        was deleted meanwhile."""
        handle = TaskHandle()
        self._handles.add(handle)
        dialog: QProgressDialog | None = None
        if progress_parent is not None:
            dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, progress_parent)
            dialog.setMinimumDuration(500)
            dialog.setAutoClose(True)
            dialog.setAutoReset(False)
            dialog.canceled.connect(handle.cancel)

            def show_progress(done: int, total: int) -> None:
                dialog.setMaximum(max(total, 0))
                dialog.setValue(done)

            handle.progressed.connect(show_progress)

        def settle() -> None:
            self._handles.discard(handle)
            if dialog is not None:
                dialog.canceled.disconnect(handle.cancel)
                dialog.close()
                dialog.deleteLater()

        def finished(result: object) -> None:
            settle()
            if on_done is not None and _receiver_alive(on_done, receiver):
                on_done(result)

        def failed(exc: BaseException) -> None:
            settle()
            if on_error is not None and _receiver_alive(on_error, receiver):
                on_error(exc)
            self.task_failed.emit(exc)

        def cancelled() -> None:
            settle()
            if on_cancel is not None and _receiver_alive(on_cancel, receiver):
                on_cancel()

        handle.finished.connect(finished)
        handle.failed.connect(failed)
        handle.cancelled.connect(cancelled)
        runnable = _Runnable(fn, handle)
        if network:
            self._net.start(runnable)
        elif not self._on_executor(runnable):
            self._db.start(runnable)
        return handle

    def _on_executor(self, runnable: _Runnable) -> bool:
        executor = self._executor
        if executor is None:
            return False
        try:
            executor.submit(runnable.run)
        except ExecutorClosed:  # locked meanwhile: the task meets the locked store there
            return False
        return True

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until queued work is done (shutdown and tests)."""
        done = bool(self._db.waitForDone(msecs)) and bool(self._net.waitForDone(msecs))
        executor = self._executor
        if executor is not None and not executor.on_worker():
            # The executor runs in order: once a no-op ran, what was queued before it did.
            try:
                executor.submit(lambda: None).result(timeout=msecs / 1000)
            except ExecutorClosed:
                pass  # nothing more is taken, and closing waited for the rest
            except TimeoutError:
                done = False
        return done


class _Landing(QObject):
    """Carries one future from the thread that finished it to its receiver's thread."""

    landed = Signal(object)

    def __init__(self, fn: Callable[[Future[Any]], None], parent: QObject) -> None:
        super().__init__(parent)
        self._fn = fn
        self.landed.connect(self._deliver)  # queued: this object lives on the GUI thread

    @Slot(object)
    def _deliver(self, future: Future[Any]) -> None:
        self.deleteLater()
        self._fn(future)


def on_landed(future: Future[T], receiver: QObject, fn: Callable[[Future[T]], None]) -> None:
    """Call ``fn(future)`` on ``receiver``'s thread once ``future`` is done; never if
    ``receiver`` is gone by then."""
    landing = _Landing(fn, receiver)

    def done(f: Future[T]) -> None:
        # RuntimeError: the receiver (and its landing) was deleted meanwhile.
        with contextlib.suppress(RuntimeError):
            landing.landed.emit(f)

    future.add_done_callback(done)
