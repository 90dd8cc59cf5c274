"""SECURITY-TESTS.md line 11: the idle lock, end to end in the real window.

A real profile, the real main window (offscreen), the real clipboard: details copied
with the employer page's own button are gone once the idle time runs out, the store's
connection is closed, its keys are dropped, every data call says "locked", and the
unlock screen shows with nothing of the participant left in the widget tree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QTableWidget
from pytestqt.qtbot import QtBot

from app.composition import build_app
from app.settings import Settings
from storage.crypto import KdfParams
from storage.errors import Locked
from storage.profile import Profile
from tests.storage.keyring_backends import InMemoryKeyring
from tests.support.gui_writes import GuiWriteGuard
from tests.ui.conftest import PASSPHRASE
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

CONTACT = "Sentinell-Hanne-Dåglig"


def _unlocked_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    path = tmp_path / "profile"
    Profile(path).create(
        user_name="Kari Jobb",
        role="jobbspesialist",
        passphrase=PASSPHRASE,
        kdf=KdfParams.fast_for_tests(),
    )
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        services=build_app(Settings(), profile_dir=path, write_guard=GuiWriteGuard()),
        tasks=TaskRunner(),
        qsettings=qsettings,
        keyring_ok=lambda: True,
    )
    qtbot.addWidget(window)
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)
    return window


def _visible_texts(window: MainWindow) -> str:
    parts = [w.text() for w in window.findChildren(QLabel)]
    parts += [w.text() for w in window.findChildren(QLineEdit)]
    for table in window.findChildren(QTableWidget):
        for row in range(table.rowCount()):
            for col in range(table.columnCount()):
                item = table.item(row, col)
                if item is not None:
                    parts.append(item.text())
    return "\n".join(parts)


def test_idle_lock_closes_the_store_drops_keys_clears_our_clipboard_and_shows_the_lock_screen(
    qtbot: QtBot, tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    window = _unlocked_window(qtbot, tmp_path)
    journal = window.services.journal
    workspace = window.workspace
    assert journal is not None and workspace is not None
    store = journal.store
    employer = journal.add("employer", {"name": "Bakeriet Sentinell"})
    journal.add(
        "employer_contact_person",
        {"name": CONTACT, "phone": "+47 912 34 567"},
        parent=employer,
    )
    employers = workspace.employers
    qtbot.waitSignal(employers.register_loaded, timeout=10_000).wait()
    with qtbot.waitSignal(employers.details_loaded, timeout=10_000):
        assert employers.select_employer(employer)
    employers.persons.selectRow(0)
    employers.copy_person_button.click()
    assert CONTACT in QGuiApplication.clipboard().text()
    raw = store.conn.raw
    keys = store.keys
    assert CONTACT in _visible_texts(window)

    with qtbot.waitSignal(window.idle.lock_requested, timeout=5000) as fired:
        window.idle.set_idle_interval_ms(200)
    assert fired.args == ["idle"]
    qtbot.waitUntil(lambda: window.workspace is None, timeout=5000)

    # The lock screen, and nothing of the participant's or contact's data on screen.
    assert window.stack.currentWidget() is window.unlock_view
    assert window.unlock_view.passphrase.text() == ""
    assert CONTACT not in _visible_texts(window)
    # Our clipboard text is gone.
    assert CONTACT not in QGuiApplication.clipboard().text()
    # The connection is closed, not just forgotten.
    with pytest.raises(sqlcipher3.ProgrammingError, match="closed"):
        raw.execute("SELECT 1")
    # Keys and secrets are dropped; every data call says "locked".
    assert store.locked and window.services.journal is None
    with pytest.raises(Locked):
        keys.spaces()
    for call in (
        lambda: store.conn,
        lambda: store.get(employer),
        lambda: store.query(),
        lambda: store.search("Bakeriet"),
        lambda: store.device_secrets,
        lambda: store.keys,
        lambda: journal.get(employer),
        lambda: store.put(record_type="employer", space=journal.team_space, values={"x": 1}),
    ):
        with pytest.raises(Locked):
            call()
    # The lock is audited, and unlocking again brings the data back.
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)
    again = window.services.journal
    assert again is not None
    assert again.get(employer).fields["name"] == "Bakeriet Sentinell"
    assert "lock" in [e.action for e in again.store.audit_entries()]
    window.lock()
