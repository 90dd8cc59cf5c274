"""The window over a refused or damaged database: one sentence in a dialog, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.composition import build_app
from app.settings import Settings
from storage.crypto import KdfParams
from storage.profile import Profile
from tests.storage.keyring_backends import InMemoryKeyring
from tests.support.gui_writes import GuiWriteGuard
from tests.ui.conftest import PASSPHRASE
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.workspace import Workspace


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _profile_with_notes(tmp_path: Path, *, backup: bool) -> Profile:
    profile = Profile(tmp_path / "profile")
    profile.create(
        user_name="Kari Jobb",
        role="jobbspesialist",
        passphrase=PASSPHRASE,
        kdf=KdfParams.fast_for_tests(),
    )
    store = profile.unlock(PASSPHRASE)
    store.create_space("work:p1")
    with store.transaction():
        for _ in range(300):
            store.put(record_type="case_note", space="work:p1", values={"title": "t" * 200})
    if backup:
        profile.backup(store)
    store.lock()
    for side in ("-wal", "-shm"):
        Path(str(profile.db_path) + side).unlink(missing_ok=True)
    return profile


def _window(qtbot: QtBot, profile: Profile, qsettings: QSettings) -> MainWindow:
    window = MainWindow(
        services=build_app(Settings(), profile_dir=profile.path, write_guard=GuiWriteGuard()),
        tasks=TaskRunner(),
        qsettings=qsettings,
        keyring_ok=lambda: True,
    )
    qtbot.addWidget(window)
    return window


def _dialog(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(
        lambda: window.damage_dialog is not None and window.damage_dialog.isVisible(),
        timeout=30000,
    )
    assert window.damage_dialog is not None
    return window.damage_dialog


def test_an_empty_database_shows_one_sentence_and_offers_the_backup(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    profile = _profile_with_notes(tmp_path, backup=True)
    (backup,) = profile.list_backups()
    profile.db_path.write_bytes(b"")
    window = _window(qtbot, profile, qsettings)
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    dialog = _dialog(qtbot, window)
    sentence = (
        f"The database file {profile.db_path} is empty (0 bytes), so Feltjournal writes "
        f"nothing more to it; restore the newest verified backup, {backup}."
    )
    assert dialog.text() == sentence
    assert window.unlock_view.message.text() == sentence
    assert window.workspace is None and profile.db_path.stat().st_size == 0
    (restore,) = [b for b in dialog.buttons() if b.text() == "Restore this backup"]
    restore.click()
    qtbot.waitUntil(lambda: isinstance(window.workspace, Workspace), timeout=30000)
    assert window.services.journal is not None
    assert window.services.journal.store.count(record_type="case_note") == 300
    assert len(profile.set_aside_databases()) == 1  # the empty file is kept aside
    window.lock()


def test_damage_met_while_open_is_a_dialog_and_no_backup_is_copied_from_it(
    qtbot: QtBot, tmp_path: Path, qsettings: QSettings, memory_keyring: InMemoryKeyring
) -> None:
    profile = _profile_with_notes(tmp_path, backup=False)
    data = bytearray(profile.db_path.read_bytes())
    data[len(data) // 2] ^= 0x40
    profile.db_path.write_bytes(bytes(data))
    window = _window(qtbot, profile, qsettings)
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    # The unlock succeeds (page 1 is sound); the daily backup reads every page.
    dialog = _dialog(qtbot, window)
    assert dialog.text() == (
        f"The database file {profile.db_path} has damaged pages, so Feltjournal writes "
        "nothing more to it; there is no backup to restore."
    )
    assert [b.text() for b in dialog.buttons()] == ["Close"]
    window.tasks.wait_idle()
    assert profile.list_backups() == []
    assert window.services.journal is not None
    assert window.services.journal.store.damaged is not None
    window.lock()  # drops the keys without writing
    assert window.services.journal is None
