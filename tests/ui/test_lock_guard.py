"""What locks the app by itself: input on any window keeps it open, idling locks it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.lock_guard import IdleWatcher


def _window(qtbot: QtBot) -> QWidget:
    window = QWidget()
    QVBoxLayout(window).addWidget(QLineEdit())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_input_through_a_window_restarts_the_idle_time(qtbot: QtBot) -> None:
    window = _window(qtbot)
    watcher = IdleWatcher(idle_minutes=10, check_every_ms=100_000)
    handle = window.windowHandle()
    assert handle is not None
    watcher.check_suspend()  # the clock check picks up every open window
    for send in (
        lambda: QTest.keyClick(handle, Qt.Key.Key_A),
        lambda: QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=QPoint(5, 5)),
    ):
        watcher._idle.stop()
        send()
        assert watcher._idle.isActive()
    watcher.stop()
    watcher._idle.stop()
    QTest.keyClick(handle, Qt.Key.Key_A)
    assert not watcher._idle.isActive()  # stopped: no longer watching
    watcher.stop()  # twice is harmless


def test_a_window_is_watched_once_it_has_the_focus(qtbot: QtBot) -> None:
    watcher = IdleWatcher(idle_minutes=10, check_every_ms=100_000)
    dialog = QDialog()  # opened after the watcher: only the focus tells it apart
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    handle = dialog.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is handle, timeout=2000)
    watcher._idle.stop()
    QGuiApplication.sendEvent(
        handle, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_B, Qt.KeyboardModifier.NoModifier, "b")
    )
    assert watcher._idle.isActive()
    watcher.stop()


def test_only_window_events_reach_the_watcher(qtbot: QtBot) -> None:
    """No application-wide filter: building a screen sends thousands of events to its
    widgets, and each would call into Python."""
    window = _window(qtbot)
    watcher = IdleWatcher(idle_minutes=10, check_every_ms=100_000)
    watcher.check_suspend()
    seen: list[object] = []
    original = watcher.eventFilter
    watcher.eventFilter = lambda obj, ev: (seen.append(obj), original(obj, ev))[1]  # type: ignore[method-assign]
    layout = window.layout()
    for _ in range(20):
        layout.addWidget(QLineEdit())
    QGuiApplication.processEvents()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)
    assert seen, "the window's own events are seen"
    assert all(isinstance(obj, QWindow) for obj in seen)
    watcher.stop()
