"""The employer register: employers, their contact persons and the visit log.

The visit history names a participant only where the journal's disclosure
guard allows it (consent for this employer and an open or partial disclosure
plan); every other contact about a participant shows "(not disclosed)" and
nothing else about them.

This module keeps the view: loading in the background, selection and the
actions. The register's table model is in employers_register.py, the chosen
employer's panel in employers_details.py, the add/edit dialog in
employers_dialogs.py.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.journal import ChangeEvent, Journal, Performed
from app.operations.employers import (
    EmployerDetails,
    EmployerLine,
    employer_details,
    employer_register,
)
from app.operations.records import Item, delete_record
from ui.employers_details import EmployerDetailsPanel
from ui.employers_dialogs import TeamRecordDialog
from ui.employers_register import ID_ROLE, EmployerFilterProxy, EmployerTableModel
from ui.errors import describe
from ui.lock_guard import ClipboardGuard
from ui.tasks import TaskHandle, TaskRunner, on_landed
from ui.visit_form import VisitFormDialog

# Kinds of change that alter what this view shows.
_REGISTER_KINDS = frozenset({"employer", "employer_contact", "team_employer_contact"})
_DETAIL_KINDS = _REGISTER_KINDS | {
    "employer_contact_person",
    "participant",
    "consent",
    "disclosure_plan",
}


# ---------------------------------------------------------------- the dialogs


# ------------------------------------------------------------------ the view


class EmployersView(QWidget):
    """The employer register with contact persons and the visit history of the selected one.

    Signals:
        register_loaded(): the register table was filled (after a background load).
        details_loaded(str): contact persons and visits of this employer are shown.
        visit_logged(str): the quick form saved a visit (record id).
    """

    register_loaded = Signal()
    details_loaded = Signal(str)
    visit_logged = Signal(str)

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
        self.dialog: QDialog | None = None
        self._closed = False
        self._handles: set[TaskHandle] = set()
        self._register_generation = 0
        self._details_generation = 0
        self._details: EmployerDetails | None = None
        self._selected_id: str | None = None
        self._pending_select: str | None = None

        # Left: the register.
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.model = EmployerTableModel(self)
        self.proxy = EmployerFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.state = QLabel()
        self.state.setObjectName("quietState")
        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.visit_button = QPushButton()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(16, 16, 16, 8)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.state)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.visit_button)
        left_layout.addLayout(buttons)

        # Below: the selected employer. Its widgets are the view's too, for the actions.
        self.details_panel = right = EmployerDetailsPanel()
        self.empty_hint = right.empty_hint
        self.employer_name = right.employer_name
        self.employer_facts = right.employer_facts
        self.visits = right.visits
        self.persons = right.persons
        self.visits_state = right.visits_state
        self.persons_state = right.persons_state
        self.add_person_button = right.add_person_button
        self.edit_person_button = right.edit_person_button
        self.remove_person_button = right.remove_person_button
        self.copy_person_button = right.copy_person_button
        self.tabs = right.tabs
        self.details_stack = right.details_stack

        # Register above, the chosen employer below: both get the full width,
        # which the visit write-ups need at 1366 pixels.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self._split_once = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

        # Shortcuts act while this view is shown (hidden stack pages ignore them).
        self.visit_shortcut = QShortcut(QKeySequence("Ctrl+Shift+V"), self)
        self.visit_shortcut.activated.connect(self.open_visit_form)
        self.new_shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        self.new_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_shortcut.activated.connect(self.open_new_employer)
        self.filter_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.filter_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.filter_shortcut.activated.connect(self.filter.setFocus)
        self.copy_shortcut = QShortcut(QKeySequence.StandardKey.Copy, self.persons)
        self.copy_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_shortcut.activated.connect(self.copy_person)

        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self._focus_table)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda _i: self.open_edit_employer())
        self.new_button.clicked.connect(self.open_new_employer)
        self.edit_button.clicked.connect(self.open_edit_employer)
        self.visit_button.clicked.connect(self.open_visit_form)
        self.add_person_button.clicked.connect(self.open_new_person)
        self.edit_person_button.clicked.connect(self.open_edit_person)
        self.persons.activated.connect(lambda _i: self.open_edit_person())
        self.remove_person_button.clicked.connect(self.remove_person)
        self.copy_person_button.clicked.connect(self.copy_person)
        self.persons.itemSelectionChanged.connect(self._update_buttons)

        # Bursts of changes (a sync page, an import) refresh once.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self.refresh)
        self._details_timer = QTimer(self)
        self._details_timer.setSingleShot(True)
        self._details_timer.setInterval(50)
        self._details_timer.timeout.connect(self._reload_details)

        self.setTabOrder(self.filter, self.table)
        self.retranslate_ui()
        self._update_buttons()
        self.refresh()

    # ---------------------------------------------------------------- texts

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Employers"))
        self.filter.setPlaceholderText(
            self.tr("Filter by name, organisation number or industry (Ctrl+F)")
        )
        self.filter.setAccessibleName(self.tr("Filter employers"))
        self.table.setAccessibleName(self.tr("Employer register"))
        self.new_button.setText(self.tr("&New employer…"))
        self.new_button.setAccessibleName(self.tr("New employer"))
        self.new_button.setToolTip(self.tr("Add an employer to the register (Ctrl+N)"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.edit_button.setAccessibleName(self.tr("Edit employer"))
        self.visit_button.setText(self.tr("Log a &visit…"))
        self.visit_button.setAccessibleName(self.tr("Log a visit"))
        self.visit_button.setToolTip(self.tr("Log an employer visit (Ctrl+Shift+V)"))
        self.state.setAccessibleName(self.tr("Register status"))
        self.details_panel.retranslate_ui()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self._show_register_state()
        if self._details is not None:
            self._show_details(self._details)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ------------------------------------------------------------- loading

    def _run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        def settle(handle: TaskHandle) -> None:
            self._handles.discard(handle)

        handle: TaskHandle

        def done(result: Any) -> None:
            settle(handle)
            if not self._closed:
                on_done(result)

        def failed(exc: BaseException) -> None:
            settle(handle)
            if not self._closed:
                on_error(exc)

        handle = self.tasks.run(
            lambda _progress, _cancelled: fn(),
            on_done=done,
            on_error=failed,
            on_cancel=lambda: settle(handle),
        )
        self._handles.add(handle)

    def refresh(self) -> None:
        """Reload the register (and the selected employer) in the background."""
        if self._closed:
            return
        self._register_generation += 1
        generation = self._register_generation
        if not self.model.rows:
            self.state.setText(self.tr("Loading employers…"))
        journal = self.journal

        def done(rows: list[EmployerLine]) -> None:
            if generation == self._register_generation:
                self._fill_register(rows)

        self._run(lambda: employer_register(journal), done, self._register_failed)

    def _register_failed(self, exc: BaseException) -> None:
        self.state.setText(describe(exc))

    def _fill_register(self, rows: list[EmployerLine]) -> None:
        previous = self._selected_id
        keep = self._pending_select or previous
        self._pending_select = None
        self.model.set_rows(rows)
        self._show_register_state()
        if keep is not None:
            self.select_employer(keep)  # a new choice loads its own details
        if self._selected_id is not None and self.model.row_of(self._selected_id) < 0:
            self._selected_id = None
            self._details = None
            self.details_panel.show_nothing()
        elif self._selected_id is not None and self._selected_id == previous:
            # Same employer: its header, visits and persons may have changed.
            row = self.selected_row()
            if row is not None:
                self._show_header(row)
            self._load_details(self._selected_id)
        self._update_buttons()
        self.register_loaded.emit()

    def _show_register_state(self) -> None:
        total = len(self.model.rows)
        shown = self.proxy.rowCount()
        if total == 0:
            text = self.tr("No employers yet. Add one with New employer.")
        elif shown == total:
            text = self.tr("%n employer(s)", "", total)
        else:
            text = self.tr("%1 of %n employer(s)", "", total).replace("%1", str(shown))
        self.state.setText(text)

    def _load_details(self, employer_id: str) -> None:
        self._details_generation += 1
        generation = self._details_generation
        self.visits_state.setText(self.tr("Loading visits…"))
        journal = self.journal

        def done(details: EmployerDetails) -> None:
            if generation == self._details_generation and details.employer_id == (
                self._selected_id
            ):
                self._show_details(details)
                self.details_loaded.emit(details.employer_id)

        def failed(exc: BaseException) -> None:
            if generation == self._details_generation:
                self.visits_state.setText(describe(exc))

        self._run(lambda: employer_details(journal, employer_id=employer_id), done, failed)

    # ------------------------------------------------------------- showing

    def selected_row(self) -> EmployerLine | None:
        if self._selected_id is None:
            return None
        i = self.model.row_of(self._selected_id)
        return self.model.rows[i] if i >= 0 else None

    def select_employer(self, employer_id: str) -> bool:
        """Select an employer in the register (clearing the filter if it hides it)."""
        source_row = self.model.row_of(employer_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        employer_id = current.data(ID_ROLE) if current.isValid() else None
        if employer_id == self._selected_id:
            return
        self._selected_id = employer_id
        self._details = None
        if employer_id is None:
            self.details_panel.show_nothing()
        else:
            row = self.selected_row()
            if row is not None:
                self._show_header(row)
            self.details_panel.show_loading()
            self._load_details(employer_id)
        self._update_buttons()

    def _show_header(self, row: EmployerLine) -> None:
        self.details_panel.show_header(row)

    def _show_details(self, details: EmployerDetails) -> None:
        self._details = details
        row = self.selected_row()
        if row is not None:
            self._show_header(row)
        self.details_panel.show_details(details)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_employer = self._selected_id is not None
        has_person = has_employer and bool(self.persons.selectedItems())
        self.edit_button.setEnabled(has_employer)
        self.add_person_button.setEnabled(has_employer)
        self.edit_person_button.setEnabled(has_person)
        self.remove_person_button.setEnabled(has_person)
        self.copy_person_button.setEnabled(has_person)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_needle(text)
        self._show_register_state()

    def _focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split_once and self.splitter.height() > 0:
            # The register gets two thirds at first (at 768 pixels ten rows, not
            # five above an empty details pane); the user may drag the handle.
            self._split_once = True
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([total * 2 // 3, total - total * 2 // 3])

    # ------------------------------------------------------------- actions

    def _open(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self._forget_dialog(dialog))
        dialog.open()
        return dialog

    def _forget_dialog(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def open_new_employer(self) -> TeamRecordDialog:
        dialog = TeamRecordDialog(journal=self.journal, record_type="employer", parent=self)
        dialog.record_saved.connect(self._employer_saved)
        self._open(dialog)
        return dialog

    def open_edit_employer(self) -> TeamRecordDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        dialog = TeamRecordDialog(
            journal=self.journal, record_type="employer", record=row, parent=self
        )
        dialog.record_saved.connect(self._employer_saved)
        self._open(dialog)
        return dialog

    def _employer_saved(self, employer_id: str) -> None:
        self._pending_select = employer_id
        self._refresh_timer.start()

    def open_visit_form(self) -> VisitFormDialog:
        dialog = VisitFormDialog(journal=self.journal, employer_id=self._selected_id, parent=self)
        dialog.visit_saved.connect(lambda rid: self._visit_saved(dialog, rid))
        self._open(dialog)
        return dialog

    def _visit_saved(self, dialog: VisitFormDialog, record_id: str) -> None:
        if dialog.new_employer_id is not None:
            self._pending_select = dialog.new_employer_id
        self._refresh_timer.start()
        self.visit_logged.emit(record_id)

    def selected_person(self) -> Item | None:
        if self._details is None:
            return None
        rows = {i.row() for i in self.persons.selectedIndexes()}
        if not rows:
            return None
        item = self.persons.item(min(rows), 0)
        pid = item.data(ID_ROLE) if item else None
        return next((p for p in self._details.persons if p.id == pid), None)

    def open_new_person(self) -> TeamRecordDialog | None:
        if self._selected_id is None:
            return None
        dialog = TeamRecordDialog(
            journal=self.journal,
            record_type="employer_contact_person",
            parent_id=self._selected_id,
            parent=self,
        )
        dialog.record_saved.connect(lambda _rid: self._details_timer.start())
        self._open(dialog)
        return dialog

    def open_edit_person(self) -> TeamRecordDialog | None:
        person = self.selected_person()
        if person is None:
            return None
        dialog = TeamRecordDialog(
            journal=self.journal,
            record_type="employer_contact_person",
            record=person,
            parent=self,
        )
        dialog.record_saved.connect(lambda _rid: self._details_timer.start())
        self._open(dialog)
        return dialog

    def remove_person(self, *, confirm: bool = True) -> bool:
        """Queue the selected contact person's removal (on the journal's executor); the
        list refreshes once it landed. False when nothing was queued."""
        person = self.selected_person()
        if person is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Remove contact person"),
                self.tr("Remove %1 from this employer's contact persons?").replace(
                    "%1", str(person.fields.get("name") or "")
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        journal, person_id = self.journal, person.id
        try:
            future = journal.perform(
                lambda: delete_record(journal, record_id=person_id, initiator=self)
            )
        except Exception as exc:  # the journal is locked
            self.persons_state.setText(describe(exc))
            return False

        def landed(done: Future[Performed[None]]) -> None:
            try:
                performed = done.result()
            except Exception as exc:  # describe() tells known failures from bugs
                self.persons_state.setText(describe(exc))
                return
            journal.announce(performed.events)
            self._details_timer.start()

        on_landed(future, self, landed)
        return True

    def copy_person(self) -> bool:
        person = self.selected_person()
        if person is None:
            return False
        parts = [
            str(person.fields.get(k)) for k in ("name", "phone", "email") if person.fields.get(k)
        ]
        self.clipboard.copy(", ".join(parts))
        self.persons_state.setText(self.tr("Copied."))
        return True

    def _reload_details(self) -> None:
        if self._selected_id is not None:
            self._load_details(self._selected_id)

    # ------------------------------------------------------- the workspace

    def on_change(self, event: ChangeEvent) -> None:
        """Refresh when employers, contacts or disclosure changed."""
        if self._closed:
            return
        if event.kinds & _REGISTER_KINDS:
            self._refresh_timer.start()
        elif event.kinds & _DETAIL_KINDS and self._selected_id is not None:
            self._details_timer.start()

    def shutdown(self) -> None:
        """Drop pending work and dialogs before the journal locks."""
        self._closed = True
        self._refresh_timer.stop()
        self._details_timer.stop()
        for handle in list(self._handles):
            handle.cancel()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        self.model.set_rows([])
        self.visits.setRowCount(0)
        self.persons.setRowCount(0)
        self._details = None


__all__ = ["EmployersView"]
