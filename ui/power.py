"""The operating system's word that the computer is about to sleep.

- Linux: logind's ``PrepareForSleep(true)`` signal on the system D-Bus (QtDBus).
- Windows: ``WM_POWERBROADCAST`` with ``PBT_APMSUSPEND``, seen by a native event filter
  (Qt's top-level windows receive the broadcast).
- macOS: ``NSWorkspaceWillSleepNotification`` is out of reach without pyobjc, so there is
  no notification; the idle watcher falls back to the gap between the wall clock and the
  monotonic clock (which stops while a Mac sleeps). So it does on Linux without logind.

A gap between the clocks is no sign on Windows, where the monotonic clock counts sleep.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Final

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QObject,
    Signal,
    Slot,
)

LOGIND_SERVICE: Final = "org.freedesktop.login1"
LOGIND_PATH: Final = "/org/freedesktop/login1"
LOGIND_INTERFACE: Final = "org.freedesktop.login1.Manager"
#: logind's PrepareForSleep, heard from the owner of logind's name only.
_PREPARE_FOR_SLEEP: Final = (LOGIND_SERVICE, LOGIND_PATH, LOGIND_INTERFACE, "PrepareForSleep")
# SLOT() gives a str, which the binding takes; its stubs say bytes, which it refuses.
_SLOT: Final = SLOT("_prepare_for_sleep(bool)")

WM_POWERBROADCAST: Final = 0x0218
PBT_APMSUSPEND: Final = 0x0004


class _Msg(ctypes.Structure):
    """The head of Windows' MSG: hwnd, message, wParam, lParam."""

    _fields_ = (
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
    )


class PowerBroadcastFilter(QAbstractNativeEventFilter):
    """Windows: tells ``watcher`` when the system broadcasts that it suspends."""

    def __init__(self, watcher: SleepWatcher) -> None:
        super().__init__()
        self._watcher = watcher

    def nativeEventFilter(
        self, eventType: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> object:
        kind = eventType.data() if isinstance(eventType, QByteArray) else bytes(eventType)
        if kind == b"windows_generic_MSG" and message:
            msg = _Msg.from_address(int(message))
            if msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND:
                self._watcher.sleeping.emit()
        return False, 0


class SleepWatcher(QObject):
    """Emits ``sleeping`` when the operating system says the computer is going to sleep.

    ``source`` says what it listens to: "logind", "windows", or "" when the platform
    offers nothing here (then the caller keeps its own fallback). ``bus_address`` is a
    D-Bus address to listen on instead of the system bus (a test's private bus).
    """

    sleeping = Signal()

    def __init__(self, *, bus_address: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = ""
        self._filter: PowerBroadcastFilter | None = None
        self._bus_name = ""
        if sys.platform == "win32" and bus_address is None:
            self._listen_to_windows()
        elif sys.platform.startswith("linux") or bus_address is not None:
            self._listen_to_logind(bus_address)

    def _listen_to_logind(self, bus_address: str | None) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a Qt built without D-Bus
            return
        if bus_address is None:
            bus = QDBusConnection.systemBus()
        else:
            self._bus_name = f"feltjournal-sleep-{id(self)}"
            bus = QDBusConnection.connectToBus(bus_address, self._bus_name)
        if bus.isConnected() and bus.connect(*_PREPARE_FOR_SLEEP, self, _SLOT):  # type: ignore[call-overload]
            self.source = "logind"

    @Slot(bool)
    def _prepare_for_sleep(self, start: bool) -> None:
        if start:  # false is the wake-up
            self.sleeping.emit()

    def _listen_to_windows(self) -> None:
        app = QCoreApplication.instance()
        if app is None:
            return
        self._filter = PowerBroadcastFilter(self)
        app.installNativeEventFilter(self._filter)
        self.source = "windows"

    def stop(self) -> None:
        """Listen no more (twice is harmless)."""
        app = QCoreApplication.instance()
        if self._filter is not None and app is not None:
            app.removeNativeEventFilter(self._filter)
        self._filter = None
        if self.source == "logind" or self._bus_name:
            from PySide6.QtDBus import QDBusConnection

            bus = QDBusConnection(self._bus_name) if self._bus_name else QDBusConnection.systemBus()
            if self.source == "logind":
                bus.disconnect(*_PREPARE_FOR_SLEEP, self, _SLOT)  # type: ignore[call-overload]
            if self._bus_name:
                QDBusConnection.disconnectFromBus(self._bus_name)
                self._bus_name = ""
        self.source = ""
