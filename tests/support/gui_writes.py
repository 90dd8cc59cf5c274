"""A store write the window makes on the GUI thread fails the test that made it.

The window's writes belong on the journal's executor (app/executor.py, through
ui/tasks.py): a write on the GUI thread waits for the store's lock whenever a sync
page is being applied, and the window freezes meanwhile. :class:`GuiWriteGuard` is
installed with ``RecordStore.guard_writes`` (or ``build_app(write_guard=...)``) and
refuses a write made on the main thread, where Qt's GUI thread runs in these tests,
while a ``ui`` module is on the call stack. The test body itself may still write
(setting up a participant, acting as another machine): only the window may not.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterator

import pytest


class GuiThreadWrite(BaseException):
    """The window wrote to the store on the GUI thread.

    Not an ``Exception``: a view shows an ``Exception`` as one sentence and carries on,
    which would hide this; this one reaches the test (pytest-qt fails a slot that
    raises it), and the guard's fixture fails the test in any case."""


class GuiWriteGuard:
    """Refuses store writes from ui code on the main thread; keeps what it refused."""

    def __init__(self) -> None:
        self.refused: list[str] = []

    def __call__(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        frame = inspect.currentframe()
        while frame is not None:
            module = str(frame.f_globals.get("__name__", ""))
            if module == "ui" or module.startswith("ui."):
                where = f"{module}:{frame.f_lineno} ({frame.f_code.co_name})"
                self.refused.append(where)
                raise GuiThreadWrite(
                    f"a store write on the GUI thread from {where}; "
                    "run it on the journal's executor"
                )
            frame = frame.f_back


@pytest.fixture
def gui_write_guard() -> Iterator[GuiWriteGuard]:
    """A guard for the stores a test's windows write to; the test fails if it refused one."""
    guard = GuiWriteGuard()
    yield guard
    assert not guard.refused, f"store writes on the GUI thread: {guard.refused}"
