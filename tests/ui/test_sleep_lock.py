"""Locking when the computer goes to sleep, on the operating system's word: logind's
PrepareForSleep on a real (private) D-Bus, and Windows' power broadcast as its filter
reads it. No clock is watched where such a word comes."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from pytestqt.qtbot import QtBot

from app.composition import build_app
from app.settings import Settings
from storage.crypto import KdfParams
from storage.profile import Profile
from tests.storage.keyring_backends import InMemoryKeyring
from tests.ui.conftest import PASSPHRASE
from ui.lock_guard import IdleWatcher
from ui.main_window import MainWindow
from ui.power import (
    LOGIND_INTERFACE,
    LOGIND_PATH,
    LOGIND_SERVICE,
    PBT_APMSUSPEND,
    WM_POWERBROADCAST,
    PowerBroadcastFilter,
    SleepWatcher,
)
from ui.tasks import TaskRunner
from ui.workspace import Workspace

SENTINEL = "SENTINEL-Sovende-Sæbø"


@pytest.fixture
def private_bus(tmp_path: Path) -> Iterator[str]:
    """A dbus-daemon of the test's own (Debian's package dbus), its address."""
    daemon = shutil.which("dbus-daemon")
    assert daemon, "dbus-daemon is missing: apt-get install dbus"
    config = tmp_path / "bus.conf"
    config.write_text(
        "<!DOCTYPE busconfig PUBLIC '-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN'"
        " 'http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd'>\n"
        f"<busconfig><type>session</type><listen>unix:dir={tmp_path}</listen>"
        "<auth>EXTERNAL</auth><policy context='default'><allow send_destination='*'/>"
        "<allow eavesdrop='true'/><allow own='*'/></policy></busconfig>\n"
    )
    process = subprocess.Popen(
        [daemon, f"--config-file={config}", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    assert address.startswith("unix:"), address
    try:
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


class FakeLogind:
    """A second client on the bus that owns logind's name and says the system sleeps."""

    def __init__(self, address: str) -> None:
        self.name = "fake-logind"
        self.bus = QDBusConnection.connectToBus(address, self.name)
        assert self.bus.isConnected()
        assert self.bus.registerService(LOGIND_SERVICE)

    def prepare_for_sleep(self, start: bool) -> None:
        signal = QDBusMessage.createSignal(LOGIND_PATH, LOGIND_INTERFACE, "PrepareForSleep")
        signal.setArguments([start])
        assert self.bus.send(signal)

    def close(self) -> None:
        self.bus.unregisterService(LOGIND_SERVICE)
        QDBusConnection.disconnectFromBus(self.name)


@pytest.fixture
def logind(private_bus: str) -> Iterator[FakeLogind]:
    fake = FakeLogind(private_bus)
    yield fake
    fake.close()


def _unlocked_window(
    qtbot: QtBot, tmp_path: Path, sleep: SleepWatcher
) -> tuple[MainWindow, QSettings]:
    profile = tmp_path / "profile"
    Profile(profile).create(
        user_name="Kari Jobb",
        role="jobbspesialist",
        passphrase=PASSPHRASE,
        kdf=KdfParams.fast_for_tests(),
    )
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        services=build_app(Settings(), profile_dir=profile),
        tasks=TaskRunner(),
        qsettings=qsettings,
        keyring_ok=lambda: True,
        sleep=sleep,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.unlock_view.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock_view.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.workspace, Workspace), timeout=30000)
    return window, qsettings


def test_prepare_for_sleep_from_logind_locks_the_window(
    qtbot: QtBot,
    tmp_path: Path,
    private_bus: str,
    logind: FakeLogind,
    memory_keyring: InMemoryKeyring,
) -> None:
    sleep = SleepWatcher(bus_address=private_bus)
    assert sleep.source == "logind"
    window, _ = _unlocked_window(qtbot, tmp_path, sleep)
    assert not window.idle.clock_fallback  # logind speaks: the clocks are not watched
    journal = window.services.journal
    assert journal is not None
    journal.create_participant({"name": SENTINEL, "programme": "IPS"})

    logind.prepare_for_sleep(False)  # waking up locks nothing
    qtbot.wait(300)
    assert window.workspace is not None

    logind.prepare_for_sleep(True)
    qtbot.waitUntil(lambda: window.workspace is None, timeout=5000)
    assert window.stack.currentWidget() is window.unlock_view
    assert journal.store.locked  # the keys are dropped
    window.close()
    assert sleep.source == ""  # closing stops listening


def test_only_the_owner_of_loginds_name_is_heard(
    qtbot: QtBot, private_bus: str, logind: FakeLogind
) -> None:
    sleep = SleepWatcher(bus_address=private_bus)
    heard: list[bool] = []
    sleep.sleeping.connect(lambda: heard.append(True))
    other = QDBusConnection.connectToBus(private_bus, "not-logind")
    try:
        signal = QDBusMessage.createSignal(LOGIND_PATH, LOGIND_INTERFACE, "PrepareForSleep")
        signal.setArguments([True])
        assert other.send(signal)
        qtbot.wait(300)
        assert heard == []
        logind.prepare_for_sleep(True)
        qtbot.waitUntil(lambda: heard == [True], timeout=5000)
    finally:
        QDBusConnection.disconnectFromBus("not-logind")
        sleep.stop()


def test_without_a_bus_to_listen_to_the_clock_gap_is_the_fallback(
    qtbot: QtBot, tmp_path: Path
) -> None:
    silent = SleepWatcher(bus_address=f"unix:path={tmp_path / 'no-bus-here'}")
    assert silent.source == ""
    watcher = IdleWatcher(idle_minutes=10, check_every_ms=100_000, sleep=silent)
    assert watcher.clock_fallback
    watcher.stop()


def _msg(message: int, w_param: int) -> ctypes.Array[ctypes.c_char]:
    """Windows' MSG as the native event filter receives it (hwnd, message, wParam, lParam)."""

    class Msg(ctypes.Structure):
        _fields_ = (
            ("hwnd", ctypes.c_void_p),
            ("message", ctypes.c_uint),
            ("wParam", ctypes.c_size_t),
            ("lParam", ctypes.c_ssize_t),
            ("time", ctypes.c_uint32),
        )

    raw = ctypes.create_string_buffer(ctypes.sizeof(Msg))
    Msg.from_buffer(raw).message = message
    Msg.from_buffer(raw).wParam = w_param
    return raw


def test_the_power_broadcast_filter_hears_suspend_only(qtbot: QtBot) -> None:
    """The Windows filter, fed MSG structures as Windows lays them out (not run on Windows
    here: CI's desktop workflow only builds and starts the app there)."""
    sleep = SleepWatcher(bus_address="unix:path=/nonexistent")
    heard: list[bool] = []
    sleep.sleeping.connect(lambda: heard.append(True))
    native = PowerBroadcastFilter(sleep)
    kind = QByteArray(b"windows_generic_MSG")
    resume = _msg(WM_POWERBROADCAST, 0x0012)  # PBT_APMRESUMEAUTOMATIC
    paint = _msg(0x000F, PBT_APMSUSPEND)  # WM_PAINT
    suspend = _msg(WM_POWERBROADCAST, PBT_APMSUSPEND)
    for raw in (resume, paint):
        assert native.nativeEventFilter(kind, ctypes.addressof(raw)) == (False, 0)
    assert heard == []
    native.nativeEventFilter(QByteArray(b"xcb_generic_event_t"), ctypes.addressof(suspend))
    assert heard == []
    assert native.nativeEventFilter(kind, ctypes.addressof(suspend)) == (False, 0)
    assert heard == [True]
