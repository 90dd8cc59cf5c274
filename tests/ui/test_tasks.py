"""The task runner adapts the journal's executor to signals on the GUI thread."""

from __future__ import annotations

import threading
from concurrent.futures import Future

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.executor import Executor
from ui.tasks import TaskRunner, on_landed


def test_attached_database_tasks_run_on_the_executor_in_order_with_its_other_work(
    qtbot: QtBot,
) -> None:
    executor = Executor()
    runner = TaskRunner()
    runner.attach(executor)
    order: list[str] = []
    gate = threading.Event()
    executor.submit(gate.wait, 10)  # a sync page being applied
    executor.submit(order.append, "page done")
    results: list[tuple[str, str]] = []
    runner.run(
        lambda _p, _c: (order.append("task"), threading.current_thread().name)[1],
        on_done=lambda name: results.append((name, threading.current_thread().name)),
    )
    assert order == []  # queued behind the page, not run beside it
    gate.set()
    qtbot.waitUntil(lambda: bool(results), timeout=3000)
    assert order == ["page done", "task"]
    assert results == [("feltjournal-db", threading.main_thread().name)]
    assert runner.wait_idle()
    executor.close()
    # Locked: the runner's own thread stands in again.
    runner.attach(None)
    names: list[str] = []
    runner.run(lambda _p, _c: threading.current_thread().name, on_done=names.append)
    qtbot.waitUntil(lambda: bool(names), timeout=3000)
    assert names != ["feltjournal-db"]


def test_a_closed_executor_hands_tasks_to_the_runners_own_thread(qtbot: QtBot) -> None:
    executor = Executor()
    executor.close()
    runner = TaskRunner()
    runner.attach(executor)
    done: list[int] = []
    runner.run(lambda _p, _c: 7, on_done=done.append)
    qtbot.waitUntil(lambda: done == [7], timeout=3000)
    assert runner.wait_idle()


def test_on_landed_delivers_on_the_gui_thread_and_never_to_a_deleted_receiver(
    qtbot: QtBot,
) -> None:
    executor = Executor()
    receiver = QObject()
    seen: list[tuple[int, str]] = []
    on_landed(
        executor.submit(lambda: 5),
        receiver,
        lambda f: seen.append((f.result(), threading.current_thread().name)),
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == [(5, threading.main_thread().name)]

    gone = QObject()
    gate = threading.Event()
    late: Future[None] = executor.submit(gate.wait, 10)
    calls: list[object] = []
    on_landed(late, gone, calls.append)
    gone.deleteLater()
    qtbot.waitUntil(lambda: not _alive(gone), timeout=3000)
    after: list[int] = []
    on_landed(executor.submit(lambda: 1), receiver, lambda _f: after.append(1))
    gate.set()
    # Deliveries are queued in order: once the later one arrived, the earlier would have.
    qtbot.waitUntil(lambda: after == [1], timeout=3000)
    assert late.done() and calls == []
    executor.close()


class _View(QLabel):
    """A view that shows its task's answer, as the agenda panel does."""

    def shown(self, result: object) -> None:
        self.setText(str(result))

    def failed(self, exc: BaseException) -> None:
        self.setText(str(exc))


def test_a_view_closed_while_its_task_runs_gets_no_answer_and_the_window_still_hears_of_a_failure(
    qtbot: QtBot,
) -> None:
    runner = TaskRunner()
    heard: list[BaseException] = []
    runner.task_failed.connect(heard.append)
    gate = threading.Event()

    def fails(_p: object, _c: object) -> None:
        gate.wait(10)
        raise OSError("journal locked")

    def answers(_p: object, _c: object) -> int:
        gate.wait(10)
        return 3

    closing = _View()
    runner.run(fails, on_error=closing.failed)
    runner.run(answers, on_done=closing.shown)
    closing.deleteLater()
    qtbot.waitUntil(lambda: not _alive(closing), timeout=3000)
    gate.set()
    # Before: "Internal C++ object (QLabel) already deleted" raised in the event loop.
    qtbot.waitUntil(lambda: bool(heard), timeout=3000)
    assert runner.wait_idle()
    qtbot.wait(50)
    assert [str(e) for e in heard] == ["journal locked"]
    # A plain function (no Qt owner) is still called.
    plain: list[int] = []
    runner.run(lambda _p, _c: 4, on_done=plain.append)
    qtbot.waitUntil(lambda: plain == [4], timeout=3000)


def _alive(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return False
    return True
