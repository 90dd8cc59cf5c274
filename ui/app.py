"""Starting the desktop client: QApplication, settings, language, style, main window."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.composition import build_app
from ui.i18n import Translator
from ui.main_window import MainWindow
from ui.settings_dialog import load_settings
from ui.tasks import TaskRunner


def load_stylesheet() -> str:
    return (resources.files("resources") / "style.qss").read_text("utf-8")


def run_gui(*, profile_dir: Path) -> int:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    app.setOrganizationName("Feltjournal")
    app.setApplicationName("Feltjournal")
    qsettings = QSettings()
    settings = load_settings(qsettings)
    translator = Translator(app)
    translator.apply(settings.language)
    app.setStyleSheet(load_stylesheet())
    services = build_app(settings, profile_dir=profile_dir)
    tasks = TaskRunner()
    window = MainWindow(
        services=services, tasks=tasks, qsettings=qsettings, apply_language=translator.apply
    )
    window.show_on_screen()
    code = app.exec()
    tasks.wait_idle()
    return int(code)
