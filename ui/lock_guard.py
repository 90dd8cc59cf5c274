"""What locks the app by itself: idle time, a system suspend, and what locking must clear."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

from ui.power import SleepWatcher

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Emits ``lock_requested`` after idle time, or when the system goes to sleep.

    Sleep is what the operating system says (``sleep``, a :class:`SleepWatcher`: logind
    on Linux, the power broadcast on Windows). Where it says nothing (macOS, a Linux
    without logind, or no ``sleep`` given), a suspend is seen afterwards as a gap between
    the wall clock and the monotonic clock (which stops while the computer sleeps there),
    checked every few seconds. Qt's ApplicationSuspended state covers the platforms that
    report it.

    Activity is watched on the top-level windows (user input reaches a widget
    through its window), not on the whole application: an application-wide
    filter would run Python for every event Qt sends, thousands while a screen
    is built. A window is watched from when it gets the focus, and every
    window at each clock check.

    Signals:
        lock_requested(str): reason, "idle" or "suspend".
    """

    lock_requested = Signal(str)

    def __init__(
        self,
        *,
        idle_minutes: int,
        parent: QObject | None = None,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        check_every_ms: int = 5000,
        sleep: SleepWatcher | None = None,
    ) -> None:
        super().__init__(parent)
        self._wall = wall
        self._mono = monotonic
        self._sleep = sleep
        #: The clocks are watched only where the system sends no word before sleeping.
        self.clock_fallback = sleep is None or not sleep.source
        if sleep is not None:
            sleep.sleeping.connect(lambda: self.lock_requested.emit("suspend"))
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(lambda: self.lock_requested.emit("idle"))
        self.set_idle_minutes(idle_minutes)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.check_suspend)
        self._tick.start(check_every_ms)
        self._last = (wall(), monotonic())
        self._stopped = False
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._watch)
            app.applicationStateChanged.connect(self._on_state)
            self._watch_all()

    def set_idle_minutes(self, minutes: int) -> None:
        self._idle.setInterval(max(1, minutes) * 60_000)
        self._idle.start()

    def set_idle_interval_ms(self, ms: int) -> None:
        """For tests: a short idle time."""
        self._idle.setInterval(ms)
        self._idle.start()

    def _watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # Qt keeps one entry per filter

    def _watch_all(self) -> None:
        for window in QGuiApplication.topLevelWindows():
            self._watch(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._idle.start()
        return False

    def check_suspend(self) -> None:
        self._watch_all()
        if not self.clock_fallback:
            return
        wall, mono = self._wall(), self._mono()
        gap = (wall - self._last[0]) - (mono - self._last[1])
        self._last = (wall, mono)
        if gap > 30:
            self.lock_requested.emit("suspend")

    def _on_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock_requested.emit("suspend")

    def stop(self) -> None:
        self._idle.stop()
        self._tick.stop()
        if self._sleep is not None:
            self._sleep.stop()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and not self._stopped:
            self._stopped = True
            app.focusWindowChanged.disconnect(self._watch)
            for window in QGuiApplication.topLevelWindows():
                window.removeEventFilter(self)


class ClipboardGuard:
    """Copies text for the app and clears it again on lock, if it is still ours."""

    def __init__(self) -> None:
        self._ours: str | None = None

    def copy(self, text: str) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(text)
        self._ours = hashlib.sha256(text.encode()).hexdigest()

    def clear_if_ours(self) -> bool:
        clipboard = QGuiApplication.clipboard()
        current = clipboard.text()
        if self._ours and hashlib.sha256(current.encode()).hexdigest() == self._ours:
            clipboard.clear()
            self._ours = None
            return True
        self._ours = None
        return False
