"""The layout fixes of issue #16, each through the real widgets.

The offscreen screen of the test process is 800×600: smaller than the 1366×768 laptop,
so a window that fits here fits there too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from app.composition import build_app
from app.settings import Settings
from tests.storage.keyring_backends import InMemoryKeyring
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def _window(qtbot: QtBot, tmp_path: Path, *, keyring_ok: bool = True) -> MainWindow:
    qs = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        services=build_app(Settings(), profile_dir=tmp_path / "profile"),
        tasks=TaskRunner(),
        qsettings=qs,
        keyring_ok=lambda: keyring_ok,
    )
    qtbot.addWidget(window)
    return window


def test_first_run_without_a_keyring_shows_full_height_fields(
    qtbot: QtBot, tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    window = _window(qtbot, tmp_path, keyring_ok=False)
    window.show_on_screen()
    qtbot.waitExposed(window)
    setup = window.setup_view
    assert setup is not None and setup.keyring_note.isVisible()
    for field in (setup.name, setup.passphrase, setup.repeat):
        assert isinstance(field, QLineEdit)
        assert field.height() >= field.minimumSizeHint().height(), field.accessibleName()
    for combo in (setup.role, setup.language):
        assert isinstance(combo, QComboBox)
        assert combo.height() >= combo.minimumSizeHint().height()
    assert window.screen().availableGeometry().contains(window.frameGeometry())
    # And the user can fill it in: the field takes typing.
    qtbot.keyClicks(setup.name, "Kari Nordmann")
    assert setup.name.text() == "Kari Nordmann"


def test_the_window_fits_the_screen_and_remembers_its_place(
    qtbot: QtBot, tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    window = _window(qtbot, tmp_path)
    window.show_on_screen()
    qtbot.waitExposed(window)
    free = window.screen().availableGeometry()
    # 1280×800 does not fit this screen: the window opens maximised, inside it.
    assert window.isMaximized()
    assert free.contains(window.frameGeometry())
    assert window.minimumWidth() <= free.width() and window.minimumHeight() <= free.height()

    # The user makes it smaller; the next start opens it at that size, not maximised.
    window.showNormal()
    size = (window.minimumWidth(), window.minimumHeight() + 50)
    window.setGeometry(free.x() + 4, free.y() + 30, *size)
    qtbot.waitUntil(lambda: not window.isMaximized())
    window.close()
    again = _window(qtbot, tmp_path)
    again.show_on_screen()
    qtbot.waitExposed(again)
    assert not again.isMaximized()
    assert (again.width(), again.height()) == size
    assert free.contains(again.frameGeometry())
    again.close()

    # Maximised when closed: maximised again.
    third = _window(qtbot, tmp_path)
    third.show_on_screen()
    third.showMaximized()
    qtbot.waitUntil(third.isMaximized)
    third.close()
    fourth = _window(qtbot, tmp_path)
    fourth.show_on_screen()
    assert fourth.isMaximized()
    # Nothing but place and size is kept there.
    qs = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert {k for k in qs.allKeys() if k.startswith("window/")} == {
        "window/geometry",
        "window/maximised",
    }
