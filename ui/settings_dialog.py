"""Settings: language, idle lock, server address, backups. Stored in QSettings (nothing secret)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.settings import Settings


def load_settings(qs: QSettings) -> Settings:
    return Settings.from_mapping({k: qs.value(k) for k in qs.allKeys()})


def save_settings(qs: QSettings, settings: Settings) -> None:
    for key, value in settings.to_mapping().items():
        qs.setValue(key, value)
    qs.sync()


WINDOW_GEOMETRY = "window/geometry"
WINDOW_MAXIMISED = "window/maximised"


@dataclass(frozen=True)
class WindowState:
    """Where the main window was when it closed (no participant data: size and place)."""

    geometry: QByteArray | None
    maximised: bool


def load_window_state(qs: QSettings) -> WindowState:
    geometry = qs.value(WINDOW_GEOMETRY)
    maximised = qs.value(WINDOW_MAXIMISED, False)
    return WindowState(
        geometry=geometry if isinstance(geometry, QByteArray) and not geometry.isEmpty() else None,
        maximised=maximised is True or str(maximised).lower() == "true",
    )


def save_window_state(qs: QSettings, state: WindowState) -> None:
    if state.geometry is not None:
        qs.setValue(WINDOW_GEOMETRY, state.geometry)
    qs.setValue(WINDOW_MAXIMISED, state.maximised)
    qs.sync()


class SettingsDialog(QDialog):
    """Edits a Settings value; ``result_settings()`` after exec()."""

    def __init__(self, *, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.addItem("Norsk bokmål", "nb")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.idle = QSpinBox()
        self.idle.setRange(1, 240)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setValue(settings.idle_lock_minutes)
        self.server = QLineEdit(settings.server_url)
        self.server.setPlaceholderText("https://feltjournal.example.no")
        self.backup_daily = QCheckBox(self.tr("Back up once a day"))
        self.backup_daily.setChecked(settings.backup_daily)
        self.backup_keep = QSpinBox()
        self.backup_keep.setRange(1, 100)
        self.backup_keep.setValue(settings.backup_keep)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Lock after idle"), self.idle)
        form.addRow(self.tr("Server address"), self.server)
        form.addRow("", self.backup_daily)
        form.addRow(self.tr("Backups to keep"), self.backup_keep)
        for label, widget in (
            (self.tr("Language"), self.language),
            (self.tr("Lock after idle"), self.idle),
            (self.tr("Server address"), self.server),
            (self.tr("Backups to keep"), self.backup_keep),
        ):
            widget.setAccessibleName(label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def result_settings(self) -> Settings:
        return Settings(
            language=str(self.language.currentData()),
            idle_lock_minutes=self.idle.value(),
            server_url=self.server.text().strip(),
            backup_keep=self.backup_keep.value(),
            backup_daily=self.backup_daily.isChecked(),
        ).validated()
