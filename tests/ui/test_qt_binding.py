"""The Qt binding must not leak references to None or True.

PySide6 6.12.0 under CPython 3.11 drops one reference to None on every void
call (setText, setFocus, ...) and one to True on every Signal.emit(). In a long
session the count reaches zero and the interpreter aborts ("none_dealloc"),
taking unsaved typing with it. This fails on any binding with that bug.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 2000


class _Emitter(QObject):
    fired = Signal(bool)


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")
    assert before - sys.getrefcount(None) < CALLS // 10


def test_emit_keeps_true_alive(qtbot: QtBot) -> None:
    emitter = _Emitter()
    seen: list[bool] = []
    emitter.fired.connect(seen.append)
    before = sys.getrefcount(True)
    for _ in range(CALLS):
        emitter.fired.emit(True)
    del seen[:]
    assert before - sys.getrefcount(True) < CALLS // 10
