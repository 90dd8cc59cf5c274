"""The unlocked work area: navigation on the left, one view at a time on the right.

Only the caseload is built at unlock; the employers and reports pages are made
the first time they are shown (or asked for), and their modules are imported
then, so that starting up loads and builds only what the first screen shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenuBar,
    QStackedWidget,
    QWidget,
)

from app.journal import ChangeEvent, Journal
from ui.caseload_view import CaseloadView
from ui.handover_dialog import ClinicalSharer
from ui.lock_guard import ClipboardGuard
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.employers_view import EmployersView
    from ui.participant_view import ParticipantView
    from ui.reports_view import ReportsView
    from ui.visit_form import VisitFormDialog

# Modules imported once the caseload is on screen, so that the first participant opens
# quickly and the first note saves without a pause: pycrdt (through anyio) imports asyncio
# when the first text is edited, 50-100 ms in the middle of the first autosave otherwise.
WARM_UP_MODULES = ("ui.participant_view", "ui.employers_view", "ui.reports_view", "asyncio")
WARM_UP_DELAY_MS = 400


class Workspace(QWidget):
    """Caseload, employers and reports; participants open as pages of their own."""

    def __init__(
        self,
        *,
        journal: Journal,
        tasks: TaskRunner,
        clipboard: ClipboardGuard,
        share_clinical: ClinicalSharer | None = None,
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
        self.caseload = CaseloadView(journal=journal, tasks=tasks, share_clinical=share_clinical)
        self._employers: EmployersView | None = None
        self._reports: ReportsView | None = None
        # Empty pages hold the places of the sections not built yet.
        self._placeholders = [QWidget(), QWidget()]
        for view in (self.caseload, *self._placeholders):
            self.stack.addWidget(view)
            self.nav.addItem(QListWidgetItem())
        self.participant: ParticipantView | None = None
        self.caseload.open_requested.connect(self.open_participant)
        self.caseload.open_at_requested.connect(self.open_participant)
        self.caseload.open_record_requested.connect(
            lambda pid, rid: self.open_participant(pid, record_id=rid)
        )
        self.caseload.loaded.connect(self._schedule_warm_up)
        self.nav.currentRowChanged.connect(self._show_section)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self._unsubscribe = journal.subscribe(self._on_change)
        self._warm_up_timer: QTimer | None = None
        # Log a visit from every screen (the employers page has its own, with the
        # selected employer filled in; this one steps aside there).
        self.visit_dialog: VisitFormDialog | None = None
        self.visit_shortcut = QShortcut(QKeySequence("Ctrl+Shift+V"), self)
        self.visit_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.visit_shortcut.activated.connect(self.open_visit_form)
        self.stack.currentChanged.connect(self._section_changed)
        self.nav.setCurrentRow(0)
        self.retranslate_ui()

    # ----------------------------------------------------------- sections

    @property
    def employers(self) -> EmployersView:
        """The employers page (built on first use)."""
        if self._employers is None:
            from ui.employers_view import EmployersView

            view = EmployersView(
                journal=self.journal, tasks=self.tasks, clipboard=self.clipboard, parent=self.stack
            )
            self._employers = view
            self._install(1, view)
        return self._employers

    @property
    def reports(self) -> ReportsView:
        """The reports page (built on first use)."""
        if self._reports is None:
            from ui.reports_view import ReportsView

            view = ReportsView(journal=self.journal, tasks=self.tasks, parent=self.stack)
            self._install(2, view)
            self._reports = view
        return self._reports

    def _install(self, row: int, view: QWidget) -> None:
        placeholder = self._placeholders[row - 1]
        current = self.stack.currentWidget() is placeholder
        self.stack.insertWidget(self.stack.indexOf(placeholder), view)
        if current:
            self.stack.setCurrentWidget(view)
        self.stack.removeWidget(placeholder)

    def _section(self, row: int) -> QWidget:
        if row == 1:
            return self.employers
        if row == 2:
            return self.reports
        return self.caseload

    def _schedule_warm_up(self) -> None:
        if self._warm_up_timer is not None:
            return
        # Later, not at once: the first paint of the caseload comes first.
        self._warm_up_timer = QTimer(self)
        self._warm_up_timer.setSingleShot(True)
        self._warm_up_timer.timeout.connect(self._warm_up)
        self._warm_up_timer.start(WARM_UP_DELAY_MS)

    def _warm_up(self) -> None:
        import importlib

        for name in WARM_UP_MODULES:
            importlib.import_module(name)

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
        self.stack.setCurrentWidget(self._section(row))
        self._close_participant()

    def _section_changed(self, _index: int) -> None:
        employers = self._employers
        self.visit_shortcut.setEnabled(
            employers is None or self.stack.currentWidget() is not employers
        )

    def open_visit_form(self) -> VisitFormDialog:
        """The quick visit form; with the open participant filled in."""
        if self._employers is not None and self.stack.currentWidget() is self._employers:
            return self._employers.open_visit_form()
        from ui.visit_form import VisitFormDialog

        if self.visit_dialog is not None:
            self.visit_dialog.close()
        participant = self.participant.participant_id if self.participant is not None else None
        dialog = VisitFormDialog(journal=self.journal, participant_id=participant, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self._forget_visit_dialog(dialog))
        self.visit_dialog = dialog
        dialog.open()
        return dialog

    def _forget_visit_dialog(self, dialog: VisitFormDialog) -> None:
        if self.visit_dialog is dialog:
            self.visit_dialog = None

    def open_participant(
        self, participant_id: str, record_type: str = "", *, record_id: str | None = None
    ) -> None:
        """Open a participant's page; with ``record_type``, at the tab holding that kind;
        ``record_id``: one of their records to show at once (a search hit: a note opens in
        the notes tab)."""
        from ui.participant_view import ParticipantView

        self.stack.setCurrentWidget(self.caseload)
        self._close_participant()
        # Made inside the stack: widgets built under their final parent cost a
        # fraction of moving a finished page in (the style sheet is applied once).
        self.participant = ParticipantView(
            journal=self.journal,
            tasks=self.tasks,
            clipboard=self.clipboard,
            participant_id=participant_id,
            parent=self.stack,
        )
        self.participant.closed.connect(self._back_to_caseload)
        self.stack.addWidget(self.participant)
        self.stack.setCurrentWidget(self.participant)
        if record_type:
            self.participant.show_tab_of(record_type)
        if record_id is not None and record_id != participant_id:
            self.participant.show_record(record_id)

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
        # Sections not built yet read everything when they are.
        self.caseload.on_change(event)
        if self._employers is not None:
            self._employers.on_change(event)
        if self._reports is not None:
            self._reports.on_change(event)
        if self.participant is not None and event.initiator is not self.participant:
            self.participant.on_change(event)

    def ready_to_close(self) -> bool:
        return self.participant is None or self.participant.ready_to_close()

    def shutdown(self) -> None:
        """Flush pending edits and drop every view (before the store locks)."""
        if self._warm_up_timer is not None:
            self._warm_up_timer.stop()
        self._close_participant()
        self._unsubscribe()
        self.caseload.shutdown()
        if self._employers is not None:
            self._employers.shutdown()
        if self._reports is not None:
            self._reports.shutdown()
