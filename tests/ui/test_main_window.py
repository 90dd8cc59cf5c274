"""The window's life: first run, unlock, wrong passphrase, locking by idle, Ctrl+L and suspend."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.composition import build_app
from app.settings import Settings
from storage.crypto import KdfParams
from storage.profile import Profile
from tests.storage.keyring_backends import InMemoryKeyring
from tests.support.gui_writes import GuiWriteGuard
from tests.ui.conftest import PASSPHRASE
from ui.lock_guard import IdleWatcher
from ui.main_window import MainWindow
from ui.setup_view import SetupView, strength
from ui.tasks import TaskRunner
from ui.workspace import Workspace

SENTINEL = "SENTINEL-Gunnhild-Røed"


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _window(qtbot: QtBot, profile_dir: Path, qsettings: QSettings) -> MainWindow:
    # A write the window makes on the GUI thread fails the test (run it on the executor).
    services = build_app(Settings(), profile_dir=profile_dir, write_guard=GuiWriteGuard())
    window = MainWindow(
        services=services, tasks=TaskRunner(), qsettings=qsettings, keyring_ok=lambda: True
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    return window


def _existing_profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile"
    Profile(path).create(
        user_name="Kari Jobb",
        role="jobbspesialist",
        passphrase=PASSPHRASE,
        kdf=KdfParams.fast_for_tests(),
    )
    return path


def test_first_run_creates_profile_and_opens_workspace(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    window = _window(qtbot, tmp_path / "new", qsettings)
    setup = window.setup_view
    assert isinstance(setup, SetupView)
    setup.name.setText("Kari Jobb")
    setup.passphrase.setText("kort")
    setup.repeat.setText("kort")
    setup.button.click()
    assert setup.message.isVisibleTo(setup) and "10" in setup.message.text()
    setup.passphrase.setText(PASSPHRASE)
    setup.repeat.setText(PASSPHRASE + "x")
    setup.button.click()
    assert "not the same" in setup.message.text()
    setup.repeat.setText(PASSPHRASE)
    setup.language.setCurrentIndex(1)  # English
    setup.button.click()
    qtbot.waitUntil(lambda: isinstance(window.workspace, Workspace), timeout=30000)
    assert Profile(tmp_path / "new").exists()
    assert window.services.settings.language == "en"
    assert qsettings.value("language") == "en"


def test_wrong_passphrase_then_unlock(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    window = _window(qtbot, _existing_profile(tmp_path), qsettings)
    view = window.unlock_view
    assert window.stack.currentWidget() is view
    view.passphrase.setText("helt feil")
    view.button.click()
    qtbot.waitUntil(lambda: view.message.isVisibleTo(view), timeout=30000)
    assert view.message.text() == "Wrong passphrase."
    assert view.passphrase.text() == ""
    view.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(view.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)
    assert window.services.journal is not None
    assert "Kari Jobb" in window.user_label.text()


def _unlocked(qtbot: QtBot, tmp_path: Path, qsettings: QSettings) -> MainWindow:
    window = _window(qtbot, _existing_profile(tmp_path), qsettings)
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)
    return window


def test_ctrl_l_locks_and_drops_keys_and_clipboard(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    window = _unlocked(qtbot, tmp_path, qsettings)
    journal = window.services.journal
    assert journal is not None
    pid = journal.create_participant({"name": SENTINEL, "programme": "IPS"})
    window.clipboard.copy(SENTINEL)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace is None
    assert window.stack.currentWidget() is window.unlock_view
    assert journal.store.locked
    assert QGuiApplication.clipboard().text() != SENTINEL
    # Nothing of the participant is left in the widget tree.
    texts = " ".join(
        w.text() for w in window.findChildren(type(window.user_label)) if hasattr(w, "text")
    )
    assert SENTINEL not in texts
    assert pid  # the record exists on disk, encrypted


def test_clipboard_not_ours_is_left_alone(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    window = _unlocked(qtbot, tmp_path, qsettings)
    window.clipboard.copy("vårt")
    QGuiApplication.clipboard().setText("noe brukeren kopierte selv")
    window.lock()
    assert QGuiApplication.clipboard().text() == "noe brukeren kopierte selv"


def test_idle_locks(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    window = _unlocked(qtbot, tmp_path, qsettings)
    window.idle.set_idle_interval_ms(200)
    qtbot.waitUntil(lambda: window.workspace is None, timeout=5000)
    assert window.stack.currentWidget() is window.unlock_view


def test_suspend_is_detected_by_clock_gap(qtbot: QtBot) -> None:
    wall = [1000.0]
    mono = [50.0]
    watcher = IdleWatcher(
        idle_minutes=10, wall=lambda: wall[0], monotonic=lambda: mono[0], check_every_ms=100_000
    )
    reasons: list[str] = []
    watcher.lock_requested.connect(reasons.append)
    wall[0] += 5
    mono[0] += 5
    watcher.check_suspend()
    assert reasons == []
    wall[0] += 3600  # an hour passed on the wall clock, none on the monotonic one
    mono[0] += 1
    watcher.check_suspend()
    assert reasons == ["suspend"]
    watcher.stop()


def test_no_secret_in_qsettings(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    window = _unlocked(qtbot, tmp_path, qsettings)
    journal = window.services.journal
    assert journal is not None
    journal.create_participant({"name": SENTINEL, "programme": "IPS"})
    window.lock()
    qsettings.sync()
    text = (
        (tmp_path / "settings.ini").read_text("utf-8")
        if (tmp_path / "settings.ini").exists()
        else ""
    )
    assert SENTINEL not in text and PASSPHRASE not in text


def test_strength_hint() -> None:
    assert strength("abc") == 0
    assert strength("korrekt hest batteri stift") == 2


def test_status_bar_says_not_connected_without_alarming_counts(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    """Not enrolled, thousands of changes "kept on this computer" mean nothing: the
    status says the one thing that does; F5 and a click on it say why nothing syncs."""
    window = _unlocked(qtbot, tmp_path, qsettings)
    journal = window.services.journal
    assert journal is not None
    journal.create_participant({"name": "Per", "programme": "IPS"})
    assert journal.store.outbox_size() > 0
    qtbot.waitUntil(lambda: window.sync_indicator.pending > 0, timeout=10000)
    assert window.sync_indicator.text() == "Not connected to a server"
    assert "on this computer only" in window.sync_indicator.toolTip()
    assert window.services.engine is None  # not enrolled: no background sync
    assert window.enrol_action.isEnabled() and window.sync_now_action.isEnabled()

    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F5)
    why = window.statusBar().currentMessage()
    assert why == (
        "Nothing syncs: this computer is not connected to a server "
        "(Feltjournal → Connect to server…)."
    )
    window.statusBar().clearMessage()
    qtbot.mouseClick(window.sync_indicator, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == why
    window.lock()
    assert window.sync_indicator.text() == ""
    assert not window.enrol_action.isEnabled()


def test_daily_backup_runs_after_unlock_in_the_background(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    window = _unlocked(qtbot, tmp_path, qsettings)
    profile = window.services.profile
    qtbot.waitUntil(lambda: len(profile.list_backups()) == 1, timeout=10000)
    window.lock()
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)
    window.tasks.wait_idle()
    assert len(profile.list_backups()) == 1  # at most one a day


def test_leaving_a_participant_never_shows_the_reports_page(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    window = _unlocked(qtbot, tmp_path, qsettings)
    ws = window.workspace
    assert ws is not None and window.services.journal is not None
    pid = window.services.journal.create_participant({"name": "Per", "programme": "IPS"})
    shown: list[object] = []
    ws.stack.currentChanged.connect(lambda i: shown.append(ws.stack.widget(i)))
    ws.open_participant(pid)
    assert ws.participant is not None
    ws.participant.closed.emit()
    assert ws.stack.currentWidget() is ws.caseload
    assert ws.reports not in shown and ws.employers not in shown


def test_a_central_team_profile_opens_the_central_view_only(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    from ui.central_workspace import CentralWorkspace

    path = tmp_path / "central"
    Profile(path).create(
        user_name="Siri Sentral",
        role="sentralt_team",
        passphrase=PASSPHRASE,
        kdf=KdfParams.fast_for_tests(),
    )
    window = _window(qtbot, path, qsettings)
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)
    assert isinstance(window.workspace, CentralWorkspace)
    journal = window.services.journal
    assert journal is not None and journal.team_space is None  # no team key at all
    assert journal.store.keys.spaces() == []
    qtbot.waitUntil(lambda: "Reading" not in window.workspace.central.state.text(), timeout=10000)
    window.lock()
    assert window.workspace is None and journal.store.locked


def test_the_status_bar_speaks_the_sync_codes_without_importing_the_network_stack() -> None:
    """ui.sync_status spells the codes out (httpx stays off the start path): they must
    equal those the sync client and service raise."""
    import app.sync_service as service
    import sync.client as client
    import ui.sync_status as status

    for name in (
        "OFFLINE",
        "CLOCK_SKEW",
        "REVOKED",
        "UNKNOWN_DEVICE",
        "PENDING",
        "SERVER",
        "BAD_RESPONSE",
        "RATE_LIMITED",
        "WRONG_SERVER",
    ):
        assert getattr(status, name) == getattr(client, name), name
    for name in ("NOT_ENROLLED", "ALREADY_ENROLLED", "WRONG_ROLE", "BAD_CODE"):
        assert getattr(status, name) == getattr(service, name), name


def test_the_window_module_does_not_import_httpx() -> None:
    import subprocess
    import sys

    code = "import sys, ui.main_window; print('httpx' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "False"


def test_database_tasks_run_on_the_journals_executor_until_the_lock_closes_it(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    window = _unlocked(qtbot, tmp_path, qsettings)
    journal = window.services.journal
    assert journal is not None
    names: list[str] = []
    window.tasks.run(lambda _p, _c: threading.current_thread().name, on_done=names.append)
    qtbot.waitUntil(lambda: bool(names), timeout=5000)
    assert names == ["feltjournal-db"]
    window.lock()
    assert journal.executor.closed and journal.store.locked
    window.tasks.run(lambda _p, _c: threading.current_thread().name, on_done=names.append)
    qtbot.waitUntil(lambda: len(names) == 2, timeout=5000)
    assert names[1] != "feltjournal-db"
