"""The unlocked work area: navigation on the left, one view at a time on the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenuBar,
    QStackedWidget,
    QWidget,
)

from app.journal import ChangeEvent, Journal
from ui.caseload_view import CaseloadView
from ui.employers_view import EmployersView
from ui.lock_guard import ClipboardGuard
from ui.participant_view import ParticipantView
from ui.reports_view import ReportsView
from ui.tasks import TaskRunner


class Workspace(QWidget):
    """Caseload, employers and reports; participants open as pages of their own."""

    def __init__(
        self,
        *,
        journal: Journal,
        tasks: TaskRunner,
        clipboard: ClipboardGuard,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.tasks = tasks
        self.clipboard = clipboard
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(200)
        self.stack = QStackedWidget()
        self.caseload = CaseloadView(journal=journal, tasks=tasks)
        self.employers = EmployersView(journal=journal, tasks=tasks, clipboard=clipboard)
        self.reports = ReportsView(journal=journal, tasks=tasks)
        for view in (self.caseload, self.employers, self.reports):
            self.stack.addWidget(view)
            self.nav.addItem(QListWidgetItem())
        self.participant: ParticipantView | None = None
        self.caseload.open_requested.connect(self.open_participant)
        self.nav.currentRowChanged.connect(self._show_section)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncStatus")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self._unsubscribe = journal.subscribe(self._on_change)
        self.nav.setCurrentRow(0)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for i, text in enumerate(
            (self.tr("My participants"), self.tr("Employers"), self.tr("Reports"))
        ):
            self.nav.item(i).setText(text)
        self.nav.setAccessibleName(self.tr("Sections"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def add_menu_actions(self, menu: QMenuBar) -> None:
        """Hook for views that add menus (export, access log)."""

    def _show_section(self, row: int) -> None:
        if row < 0:
            return
        # Switch first: removing the page on show would make Qt show another
        # section for a moment (and the reports page would start a build).
        self.stack.setCurrentIndex(row)
        self._close_participant()

    def open_participant(self, participant_id: str) -> None:
        self.stack.setCurrentWidget(self.caseload)
        self._close_participant()
        self.participant = ParticipantView(
            journal=self.journal,
            tasks=self.tasks,
            clipboard=self.clipboard,
            participant_id=participant_id,
        )
        self.participant.closed.connect(self._back_to_caseload)
        self.stack.addWidget(self.participant)
        self.stack.setCurrentWidget(self.participant)

    def _back_to_caseload(self) -> None:
        self.stack.setCurrentWidget(self.caseload)
        self._close_participant()
        QTimer.singleShot(0, self.caseload.focus_list)

    def _close_participant(self) -> None:
        if self.participant is not None:
            self.participant.shutdown()
            self.stack.removeWidget(self.participant)
            self.participant.deleteLater()
            self.participant = None

    def _on_change(self, event: ChangeEvent) -> None:
        self.caseload.on_change(event)
        self.employers.on_change(event)
        self.reports.on_change(event)
        if self.participant is not None and event.initiator is not self.participant:
            self.participant.on_change(event)

    def ready_to_close(self) -> bool:
        return self.participant is None or self.participant.ready_to_close()

    def shutdown(self) -> None:
        """Flush pending edits and drop every view (before the store locks)."""
        self._close_participant()
        self._unsubscribe()
        for view in (self.caseload, self.employers, self.reports):
            view.shutdown()
