"""Starting the desktop client: QApplication, settings, language, style, main window."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from app.composition import build_app
from ui.i18n import Translator
from ui.main_window import MainWindow
from ui.settings_dialog import load_settings
from ui.tasks import TaskRunner

#: A smoke start: open the window, check both languages and the stylesheet, close after
#: this many seconds (for a newly built or installed app; exit 1 if anything is missing).
SMOKE_ENV = "FELTJOURNAL_SMOKE_SECONDS"


def load_stylesheet() -> str:
    return (resources.files("resources") / "style.qss").read_text("utf-8")


def _smoke_check(translator: Translator, stylesheet: str) -> str | None:
    """What a smoke start found missing, in one sentence; None when all is there."""
    missing = [lang for lang in ("en", "nb") if not translator.apply(lang)]
    if missing:
        return f"the translations {', '.join(missing)} did not load"
    if "QWidget" not in stylesheet:
        return "the stylesheet is empty"
    return None


def run_gui(*, profile_dir: Path) -> int:
    smoke = os.environ.get(SMOKE_ENV)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    app.setOrganizationName("Feltjournal")
    app.setApplicationName("Feltjournal")
    qsettings = QSettings()
    settings = load_settings(qsettings)
    translator = Translator(app)
    stylesheet = load_stylesheet()
    problem = _smoke_check(translator, stylesheet) if smoke else None
    translator.apply(settings.language)
    app.setStyleSheet(stylesheet)
    services = build_app(settings, profile_dir=profile_dir)
    tasks = TaskRunner()
    window = MainWindow(
        services=services, tasks=tasks, qsettings=qsettings, apply_language=translator.apply
    )
    window.show_on_screen()
    if smoke:
        QTimer.singleShot(int(float(smoke) * 1000), window.close)
    code = app.exec()
    tasks.wait_idle()
    if smoke and sys.stdout is not None:
        if problem:
            print(f"feltjournal: smoke start failed: {problem}", file=sys.stdout)
            return 1
        title = window.windowTitle()
        print(f"feltjournal: smoke start ok: window «{title}», nb and en, stylesheet")
    return int(code)
