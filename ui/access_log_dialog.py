"""Who read, changed, printed or exported a participant's records, and when.

Norwegian health law gives the participant the right to see this. The list
holds ids and actions only, never content, and so does the CSV export.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.journal import Journal
from app.operations.access import (
    AccessEntry,
    AccessLog,
    access_log,
    note_access_log_export,
)
from app.owner_files import write_text_owner_only
from ui.errors import describe
from ui.formats import format_datetime
from ui.labels import type_label
from ui.tasks import TaskRunner
from ui.widgets.items import RoomyDelegate

CSV_COLUMNS = ("seq", "time_utc", "device", "actor", "action", "record_id", "record_type")


def action_label(action: str) -> str:
    labels = {
        "create": QCoreApplication.translate("AccessLog", "Created"),
        "read": QCoreApplication.translate("AccessLog", "Read"),
        "change": QCoreApplication.translate("AccessLog", "Changed"),
        "delete": QCoreApplication.translate("AccessLog", "Deleted"),
        "restore": QCoreApplication.translate("AccessLog", "Restored"),
        "purge": QCoreApplication.translate("AccessLog", "Erased"),
        "export": QCoreApplication.translate("AccessLog", "Exported"),
        "print": QCoreApplication.translate("AccessLog", "Printed"),
        "import": QCoreApplication.translate("AccessLog", "Imported"),
        "integrity_failure": QCoreApplication.translate("AccessLog", "Failed integrity check"),
    }
    return labels.get(action, action)


def entry_time(entry: AccessEntry) -> str:
    try:
        return format_datetime(datetime.fromisoformat(entry.at))
    except ValueError:
        return entry.at


def load_access_log(journal: Journal, participant_id: str) -> AccessLog:
    """The participant's access log with its entries newest first, as the dialog lists them."""
    log = access_log(journal, participant_id=participant_id)
    return replace(log, entries=tuple(reversed(log.entries)))


def write_access_log_csv(
    path: str | Path, entries: list[AccessEntry], types: Mapping[str, str]
) -> Path:
    """Ids, actions and times only; no record content."""

    def fill(f: TextIO) -> None:
        out = csv.writer(f)
        out.writerow(CSV_COLUMNS)
        for e in entries:
            out.writerow(
                [
                    e.seq,
                    e.at,
                    e.device,
                    e.actor,
                    e.action,
                    e.record_id or "",
                    types.get(e.record_id or "", ""),
                ]
            )

    return write_text_owner_only(path, fill)


class AccessLogDialog(QDialog):
    """The access log of one participant, newest first, with a CSV export.

    Signals:
        loaded(int): the list is filled; how many entries.
        exported(str): the CSV was written to this path.
    """

    loaded = Signal(int)
    exported = Signal(str)

    def __init__(
        self,
        *,
        journal: Journal,
        tasks: TaskRunner,
        participant_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.tasks = tasks
        self.participant_id = participant_id
        self.entries: list[AccessEntry] = []
        self.types: Mapping[str, str] = {}
        self._closed = False
        self._ready = False
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.count = QLabel()
        self.count.setStyleSheet("color: palette(placeholder-text);")
        self.table = QTreeWidget()
        self.table.setColumnCount(4)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setItemDelegate(RoomyDelegate(self.table))
        header = self.table.header()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.export_button = QPushButton()
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._choose_and_export)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(760, 520)
        self.retranslate_ui()
        self.finished.connect(lambda _r: setattr(self, "_closed", True))
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Access log"))
        self.setAccessibleName(self.tr("Access log"))
        self.intro.setText(
            self.tr(
                "Everyone who has read, changed, printed or exported this participant's "
                "records on this computer, newest first. The participant has the right to see it."
            )
        )
        self.table.setHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Record")]
        )
        self.table.setAccessibleName(self.tr("Access log entries"))
        self.export_button.setText(self.tr("&Export CSV…"))
        self.export_button.setAccessibleName(self.tr("Export the access log as CSV"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def reload(self) -> None:
        self.count.setText(self.tr("Loading…"))
        self.tasks.run(
            lambda _p, _c: load_access_log(self.journal, self.participant_id),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, result: AccessLog) -> None:
        if self._closed:
            return
        self.entries, self.types = list(result.entries), result.types
        self._ready = True
        self._fill()
        self.export_button.setEnabled(bool(self.entries))
        self.loaded.emit(len(self.entries))

    def _failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self._show_message(describe(exc), error=True)

    def _record_text(self, entry: AccessEntry) -> str:
        if not entry.record_id:
            return ""
        rtype = self.types.get(entry.record_id)
        return type_label(rtype) if rtype else self.tr("Record no longer here")

    def _fill(self) -> None:
        self.table.clear()
        for e in self.entries:
            item = QTreeWidgetItem(
                [entry_time(e), e.actor, action_label(e.action), self._record_text(e)]
            )
            item.setToolTip(3, e.record_id or "")
            item.setData(0, Qt.ItemDataRole.UserRole, e.seq)
            self.table.addTopLevelItem(item)
        if self._ready:
            self.count.setText(self.tr("%n entry(ies)", "", len(self.entries)))

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #9b2c2c;" if error else "")
        self.message.setText(text)
        self.message.show()

    def _choose_and_export(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self,
            self.tr("Export access log"),
            "access-log.csv",
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.export_csv(path)

    def export_csv(self, path: str | Path) -> bool:
        """Write the CSV (ids, no content) and record the export in the audit log."""
        try:
            target = write_access_log_csv(path, self.entries, self.types)
            note_access_log_export(
                self.journal, participant_id=self.participant_id, detail="access log csv"
            )
        except Exception as exc:
            text = (
                self.tr("The file could not be written.")
                if isinstance(exc, OSError)
                else describe(exc)
            )
            self._show_message(text, error=True)
            return False
        self._show_message(self.tr("Saved to %1.").replace("%1", str(target)))
        self.exported.emit(str(target))
        return True
