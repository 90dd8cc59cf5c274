"""Who read, changed, printed or exported a participant's records, and when.

Norwegian health law gives the participant the right to see this. Each entry reads
as a sentence (when; who did what to what kind of record), never content, and so
does the CSV export the participant is given.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
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
    event_kind,
    note_access_log_export,
)
from app.owner_files import write_text_owner_only
from ui.errors import describe
from ui.formats import format_datetime
from ui.tasks import TaskRunner
from ui.widgets.items import RoomyDelegate

# What kind of record, as a sentence names it (with its article in bokmål: "et notat").
RECORD_PHRASES: dict[str, object] = {
    "participant": QT_TRANSLATE_NOOP("AccessLog", "the participant's details"),
    "referral": QT_TRANSLATE_NOOP("AccessLog", "a referral"),
    "episode": QT_TRANSLATE_NOOP("AccessLog", "an episode"),
    "consent": QT_TRANSLATE_NOOP("AccessLog", "a consent"),
    "disclosure_plan": QT_TRANSLATE_NOOP("AccessLog", "a disclosure plan"),
    "career_profile": QT_TRANSLATE_NOOP("AccessLog", "the career profile"),
    "job_search_plan": QT_TRANSLATE_NOOP("AccessLog", "the job-search plan"),
    "goal": QT_TRANSLATE_NOOP("AccessLog", "a goal"),
    "action": QT_TRANSLATE_NOOP("AccessLog", "an action"),
    "case_note": QT_TRANSLATE_NOOP("AccessLog", "a case note"),
    "therapy_session": QT_TRANSLATE_NOOP("AccessLog", "a therapy session"),
    "therapy_addendum": QT_TRANSLATE_NOOP("AccessLog", "an addendum"),
    "cbt_worksheet": QT_TRANSLATE_NOOP("AccessLog", "a CBT worksheet"),
    "exposure_plan": QT_TRANSLATE_NOOP("AccessLog", "an exposure plan"),
    "employer": QT_TRANSLATE_NOOP("AccessLog", "an employer"),
    "employer_contact_person": QT_TRANSLATE_NOOP("AccessLog", "a contact person"),
    "employer_contact": QT_TRANSLATE_NOOP("AccessLog", "an employer contact"),
    "team_employer_contact": QT_TRANSLATE_NOOP(
        "AccessLog", "an employer contact (job development)"
    ),
    "activity": QT_TRANSLATE_NOOP("AccessLog", "an activity"),
    "meeting": QT_TRANSLATE_NOOP("AccessLog", "a collaboration meeting"),
    "job": QT_TRANSLATE_NOOP("AccessLog", "a job"),
    "follow_along": QT_TRANSLATE_NOOP("AccessLog", "a follow-along contact"),
    "self_assessment": QT_TRANSLATE_NOOP("AccessLog", "a self assessment"),
    "outcome_6m": QT_TRANSLATE_NOOP("AccessLog", "the six-month outcome"),
    "job_specialist_fte": QT_TRANSLATE_NOOP("AccessLog", "a job specialist's FTE"),
    "team_settings": QT_TRANSLATE_NOOP("AccessLog", "the team's settings"),
    "fidelity_review": QT_TRANSLATE_NOOP("AccessLog", "a fidelity review"),
}
GONE = QT_TRANSLATE_NOOP("AccessLog", "a record that is no longer here")

# What was done (app.operations.access.event_kind): %1 is who, %2 the record.
EVENT_SENTENCES: dict[str, object] = {
    "create": QT_TRANSLATE_NOOP("AccessLog", "%1 created %2."),
    "read": QT_TRANSLATE_NOOP("AccessLog", "%1 read %2."),
    "read_search": QT_TRANSLATE_NOOP("AccessLog", "%1 saw %2 in a search."),
    "change": QT_TRANSLATE_NOOP("AccessLog", "%1 changed %2."),
    "delete": QT_TRANSLATE_NOOP("AccessLog", "%1 deleted %2."),
    "restore": QT_TRANSLATE_NOOP("AccessLog", "%1 restored %2."),
    "purge": QT_TRANSLATE_NOOP("AccessLog", "%1 erased %2 for good."),
    "export": QT_TRANSLATE_NOOP("AccessLog", "%1 exported %2."),
    "export_access_log": QT_TRANSLATE_NOOP("AccessLog", "%1 exported this access log."),
    "share_key": QT_TRANSLATE_NOOP(
        "AccessLog", "%1 shared the key to the clinical records with another computer."
    ),
    "print": QT_TRANSLATE_NOOP("AccessLog", "%1 printed %2."),
    "print_meeting_summary": QT_TRANSLATE_NOOP("AccessLog", "%1 printed a meeting summary."),
    "import": QT_TRANSLATE_NOOP("AccessLog", "%1 imported %2."),
    "integrity_failure": QT_TRANSLATE_NOOP(
        "AccessLog", "%1 found %2 damaged: it failed its integrity check."
    ),
    "key_unavailable": QT_TRANSLATE_NOOP(
        "AccessLog", "%1 could not open %2: the computer lacks its key."
    ),
    "": QT_TRANSLATE_NOOP("AccessLog", "%1 handled %2."),
}


def entry_sentence(entry: AccessEntry, types: Mapping[str, str]) -> str:
    """Who did what to what kind of record, in the user's language ("Kari Jobb leste et
    notat."); no id and no content."""
    rtype = types.get(entry.record_id or "")
    phrase = RECORD_PHRASES.get(rtype or "", GONE)
    template = QCoreApplication.translate("AccessLog", str(EVENT_SENTENCES[event_kind(entry)]))
    who = entry.actor or QCoreApplication.translate("AccessLog", "Someone")
    return template.replace("%2", QCoreApplication.translate("AccessLog", str(phrase))).replace(
        "%1", who
    )


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
    """The log as the participant reads it: when, and a sentence saying who did what to
    what kind of record; no ids, no record content. Semicolons, as a Norwegian
    spreadsheet opens them; owner-only, as every export."""

    def fill(f: TextIO) -> None:
        out = csv.writer(f, delimiter=";")
        out.writerow(
            [
                QCoreApplication.translate("AccessLog", "When"),
                QCoreApplication.translate("AccessLog", "What happened"),
            ]
        )
        for e in entries:
            out.writerow([entry_time(e), entry_sentence(e, types)])

    return write_text_owner_only(path, fill, encoding="utf-8-sig")


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
        self.table.setColumnCount(2)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setItemDelegate(RoomyDelegate(self.table))
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
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
            [
                QCoreApplication.translate("AccessLog", "When"),
                QCoreApplication.translate("AccessLog", "What happened"),
            ]
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

    def _fill(self) -> None:
        self.table.clear()
        for e in self.entries:
            item = QTreeWidgetItem([entry_time(e), entry_sentence(e, self.types)])
            item.setToolTip(1, e.record_id or "")
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
