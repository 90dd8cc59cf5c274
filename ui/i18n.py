"""Loads the UI language: our .qm files and Qt's own, switched at run time."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator


def translations_dir() -> Path:
    return Path(str(resources.files("resources") / "translations"))


class Translator:
    """Installs the translators for one language; ``apply`` switches languages."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._ours = QTranslator(app)
        self._qt = QTranslator(app)
        self.language = ""

    def apply(self, language: str) -> bool:
        """Switch to ``language`` ("nb" or "en"); True when our catalogue loaded."""
        for t in (self._ours, self._qt):
            self._app.removeTranslator(t)
        self.language = language
        QLocale.setDefault(
            QLocale(
                QLocale.Language.NorwegianBokmal if language == "nb" else QLocale.Language.English,
                QLocale.Country.Norway,
            )
        )
        loaded = self._ours.load(f"feltjournal_{language}", str(translations_dir()))
        if loaded:
            self._app.installTranslator(self._ours)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if self._qt.load(f"qtbase_{language}", qt_dir):
            self._app.installTranslator(self._qt)
        return loaded
