"""The employer register: employers, their contact persons and the visit log.

The visit history names a participant only where the journal's disclosure
guard allows it (consent for this employer and an open or partial disclosure
plan); every other contact about a participant shows "(not disclosed)" and
nothing else about them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import ENTITIES, ValidationError
from app.journal import ChangeEvent, Journal
from app.operations.employers import (
    EmployerDetails,
    EmployerLine,
    Visit,
    employer_details,
    employer_register,
)
from app.operations.records import Editable, Item
from ui.errors import describe
from ui.formats import format_date
from ui.labels import choice_label, field_label
from ui.lock_guard import ClipboardGuard
from ui.tasks import TaskHandle, TaskRunner
from ui.visit_form import OrgNumberInput, VisitFormDialog, labelled_errors

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

# Kinds of change that alter what this view shows.
_REGISTER_KINDS = frozenset({"employer", "employer_contact", "team_employer_contact"})
_DETAIL_KINDS = _REGISTER_KINDS | {
    "employer_contact_person",
    "participant",
    "consent",
    "disclosure_plan",
}


def format_org_number(digits: str | None) -> str:
    """974760673 → "974 760 673", the way Brønnøysund writes it."""
    if not digits:
        return ""
    text = str(digits)
    if len(text) == 9 and text.isdigit():
        return f"{text[:3]} {text[3:6]} {text[6:]}"
    return text


# -------------------------------------------------------------- the register


class EmployerTableModel(QAbstractTableModel):
    """Employers as rows: name, organisation number, industry, last contact, contacts."""

    COLUMNS = ("name", "org_number", "industry", "last_contact", "contacts")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[EmployerLine] = []

    def set_rows(self, rows: list[EmployerLine]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Name"),
            self.tr("Org. number"),
            self.tr("Industry"),
            self.tr("Last contact"),
            self.tr("Contacts"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "name":
                return row.name
            if column == "org_number":
                return format_org_number(row.org_number)
            if column == "industry":
                return row.industry
            if column == "last_contact":
                return format_date(row.last_contact) or "–"
            return str(row.contacts)
        if role == SORT_ROLE:
            if column == "last_contact":
                return row.last_contact or ""
            if column == "contacts":
                return row.contacts
            if column == "org_number":
                return row.org_number
            return self.data(index).casefold()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "contacts":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, employer_id: str) -> int:
        for i, row in enumerate(self.rows):
            if row.id == employer_id:
                return i
        return -1


class EmployerFilterProxy(QSortFilterProxyModel):
    """Filters on name, organisation number (with or without spaces) and industry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(SORT_ROLE)

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        assert isinstance(model, EmployerTableModel)
        row = model.rows[source_row]
        haystack = f"{row.name}\n{row.org_number}\n{row.industry}".casefold()
        return self._needle in haystack or self._needle.replace(" ", "") in row.org_number


# ---------------------------------------------------------------- the dialogs


class TeamRecordDialog(QDialog):
    """Adds or edits an employer or a contact person; fields come from the schema.

    The organisation number is checked as you type and an invalid one cannot
    be saved. Errors from the journal show inline; the dialog stays open.

    Signals:
        record_saved(str): the record's id after a successful save.
    """

    record_saved = Signal(str)

    FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "employer": ("name", "org_number", "industry", "address", "phone", "notes"),
        "employer_contact_person": ("name", "role", "phone", "email"),
    }

    def __init__(
        self,
        *,
        journal: Journal,
        record_type: str,
        record: Editable | None = None,
        parent_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.record_type = record_type
        self.record = record
        self.parent_id = parent_id
        self.saved_id: str | None = None
        self.setModal(True)
        self.setMinimumWidth(460)
        spec = ENTITIES[record_type]
        self.editors: dict[str, QLineEdit | QPlainTextEdit | OrgNumberInput] = {}
        self.org: OrgNumberInput | None = None
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        current = record.fields if record else {}
        for name in self.FIELDS[record_type]:
            fs = spec.by_name[name]
            editor: QLineEdit | QPlainTextEdit | OrgNumberInput
            if fs.check == "orgnr":
                editor = self.org = OrgNumberInput()
                editor.set_text(str(current.get(name) or ""))
                editor.validity_changed.connect(self._update_save)
            elif fs.is_text:
                editor = QPlainTextEdit(str(current.get(name) or ""))
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
            else:
                editor = QLineEdit(str(current.get(name) or ""))
                editor.setMaxLength(fs.max_length)
            label = QLabel()
            label.setBuddy(editor.edit if isinstance(editor, OrgNumberInput) else editor)
            self.labels[name] = label
            self.editors[name] = editor
            form.addRow(label, editor)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._update_save()

    def retranslate_ui(self) -> None:
        adding = self.record is None
        titles = {
            ("employer", True): self.tr("New employer"),
            ("employer", False): self.tr("Edit employer"),
            ("employer_contact_person", True): self.tr("New contact person"),
            ("employer_contact_person", False): self.tr("Edit contact person"),
        }
        self.setWindowTitle(titles[(self.record_type, adding)])
        required = ENTITIES[self.record_type].by_name
        for name, label in self.labels.items():
            text = field_label(name)
            label.setText(self.tr("%1 *").replace("%1", text) if required[name].required else text)
            editor = self.editors[name]
            target = editor.edit if isinstance(editor, OrgNumberInput) else editor
            target.setAccessibleName(text)
        if self.org is not None:
            self.org.retranslate_ui()
        self.save_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.message.setAccessibleName(self.tr("Message"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_save(self, _ok: bool = True) -> None:
        self.save_button.setEnabled(self.org is None or self.org.is_acceptable())

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QPlainTextEdit):
                out[name] = editor.toPlainText()
            else:
                out[name] = editor.text().strip()
        return out

    def accept(self) -> None:
        if self.save():
            super().accept()

    def save(self) -> bool:
        """Validate and write; False (with an inline message) when refused."""
        if self.org is not None and not self.org.is_acceptable():
            self.message.setText(self.tr("Please correct the organisation number."))
            self.message.show()
            self.org.setFocus()
            return False
        values = self.values()
        try:
            if self.record is None:
                clean = {k: v for k, v in values.items() if v not in ("", None)}
                self.saved_id = self.journal.add(
                    self.record_type, clean, parent=self.parent_id, initiator=self
                )
            else:
                old = self.record.fields
                changed = {
                    k: (v if v != "" else None)
                    for k, v in values.items()
                    if (v or None) != (old.get(k) or None)
                }
                if changed:
                    self.journal.update(self.record.id, changed, initiator=self)
                self.saved_id = self.record.id
        except ValidationError as exc:
            self._show_error(describe(labelled_errors(exc)), next(iter(exc.errors), None))
            return False
        except Exception as exc:  # describe() tells known failures from bugs
            self._show_error(describe(exc), None)
            return False
        self.record_saved.emit(self.saved_id)
        return True

    def _show_error(self, text: str, field_name: str | None) -> None:
        self.message.setText(text)
        self.message.show()
        if field_name in self.editors:
            self.editors[field_name].setFocus()


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

        # Right: the selected employer.
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("quietState")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.employer_name = QLabel()
        self.employer_name.setObjectName("sectionTitle")
        self.employer_name.setWordWrap(True)
        self.employer_facts = QLabel()
        self.employer_facts.setObjectName("hint")
        self.employer_facts.setWordWrap(True)
        self.employer_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.visits = QTableWidget(0, 6)
        self.persons = QTableWidget(0, 4)
        for table in (self.visits, self.persons):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setAlternatingRowColors(True)
            table.verticalHeader().hide()
            table.setWordWrap(False)
        vh = self.visits.horizontalHeader()
        for col in (0, 1, 2, 3):
            vh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        vh.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        vh.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        self.visits.setColumnWidth(5, 240)
        ph = self.persons.horizontalHeader()
        ph.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            ph.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.visits_state = QLabel()
        self.visits_state.setObjectName("quietState")
        self.persons_state = QLabel()
        self.persons_state.setObjectName("quietState")
        self.add_person_button = QPushButton()
        self.edit_person_button = QPushButton()
        self.remove_person_button = QPushButton()
        self.copy_person_button = QPushButton()

        visits_page = QWidget()
        vl = QVBoxLayout(visits_page)
        vl.addWidget(self.visits, 1)
        vl.addWidget(self.visits_state)
        persons_page = QWidget()
        pl = QVBoxLayout(persons_page)
        pl.addWidget(self.persons, 1)
        pl.addWidget(self.persons_state)
        pb = QHBoxLayout()
        for button in (self.add_person_button, self.edit_person_button, self.remove_person_button):
            pb.addWidget(button)
        pb.addStretch(1)
        pb.addWidget(self.copy_person_button)
        pl.addLayout(pb)
        self.tabs = QTabWidget()
        self.tabs.addTab(visits_page, "")
        self.tabs.addTab(persons_page, "")

        details = QWidget()
        dl = QVBoxLayout(details)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.employer_name)
        dl.addWidget(self.employer_facts)
        dl.addWidget(self.tabs, 1)
        self.details_stack = QStackedWidget()
        self.details_stack.addWidget(self.empty_hint)
        self.details_stack.addWidget(details)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(16, 8, 16, 16)
        right_layout.addWidget(self.details_stack)

        # Register above, the chosen employer below: both get the full width,
        # which the visit write-ups need at 1366 pixels.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
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
        self.empty_hint.setText(
            self.tr("Choose an employer to see its visits and contact persons.")
        )
        self.empty_hint.setAccessibleName(self.tr("No employer chosen"))
        self.employer_name.setAccessibleName(self.tr("Employer"))
        self.employer_facts.setAccessibleName(self.tr("Employer details"))
        self.visits.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Mode"),
                self.tr("Purpose"),
                self.tr("Participant"),
                self.tr("Outcome"),
                self.tr("Next step"),
            ]
        )
        self.visits.setAccessibleName(self.tr("Visit history"))
        self.persons.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Phone"), self.tr("Email")]
        )
        self.persons.setAccessibleName(self.tr("Contact persons"))
        self.tabs.setTabText(0, self.tr("Visits"))
        self.tabs.setTabText(1, self.tr("Contact persons"))
        self.tabs.setAccessibleName(self.tr("Employer details"))
        self.add_person_button.setText(self.tr("&Add person…"))
        self.add_person_button.setAccessibleName(self.tr("Add contact person"))
        self.edit_person_button.setText(self.tr("Ed&it person…"))
        self.edit_person_button.setAccessibleName(self.tr("Edit contact person"))
        self.remove_person_button.setText(self.tr("&Remove"))
        self.remove_person_button.setAccessibleName(self.tr("Remove contact person"))
        self.copy_person_button.setText(self.tr("&Copy details"))
        self.copy_person_button.setAccessibleName(self.tr("Copy contact details"))
        self.copy_person_button.setToolTip(
            self.tr("Copy name, phone and email (cleared from the clipboard when the app locks)")
        )
        self.state.setAccessibleName(self.tr("Register status"))
        self.visits_state.setAccessibleName(self.tr("Visit history status"))
        self.persons_state.setAccessibleName(self.tr("Contact persons status"))
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
            self.details_stack.setCurrentIndex(0)
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
            self.details_stack.setCurrentIndex(0)
        else:
            row = self.selected_row()
            if row is not None:
                self._show_header(row)
            self.visits.setRowCount(0)
            self.persons.setRowCount(0)
            self.details_stack.setCurrentIndex(1)
            self._load_details(employer_id)
        self._update_buttons()

    def _show_header(self, row: EmployerLine) -> None:
        self.employer_name.setText(row.name)
        fields = row.fields
        facts = []
        if row.org_number:
            facts.append(self.tr("Org. no. %1").replace("%1", format_org_number(row.org_number)))
        for key in ("industry", "address", "phone"):
            if fields.get(key):
                facts.append(str(fields[key]))
        self.employer_facts.setText("  ·  ".join(facts) or self.tr("No details recorded."))

    def _show_details(self, details: EmployerDetails) -> None:
        self._details = details
        row = self.selected_row()
        if row is not None:
            self._show_header(row)
        self.visits.setRowCount(len(details.visits))
        for i, view in enumerate(details.visits):
            hidden = view.item.type == "employer_contact" and view.participant_label is None
            for col, text in enumerate(self.visit_cells(view)):
                item = QTableWidgetItem(text)
                if col in (4, 5):
                    item.setToolTip(text)
                if hidden and col == 3:
                    item.setForeground(self.palette().placeholderText())
                    item.setToolTip(
                        self.tr(
                            "The participant has not agreed to be named to this employer. "
                            "The visit is in their own record."
                        )
                    )
                self.visits.setItem(i, col, item)
            self.visits.item(i, 0).setData(ID_ROLE, view.item.id)
        self.visits_state.setText(
            self.tr("No visits logged yet.")
            if not details.visits
            else self.tr("%n visit(s)", "", len(details.visits))
        )
        self.persons.setRowCount(len(details.persons))
        for i, person in enumerate(details.persons):
            for col, key in enumerate(("name", "role", "phone", "email")):
                self.persons.setItem(i, col, QTableWidgetItem(str(person.fields.get(key) or "")))
            self.persons.item(i, 0).setData(ID_ROLE, person.id)
        self.persons_state.setText(
            self.tr("No contact persons yet.")
            if not details.persons
            else self.tr("%n contact person(s)", "", len(details.persons))
        )
        self.tabs.setTabText(0, self.tr("Visits (%1)").replace("%1", str(len(details.visits))))
        self.tabs.setTabText(
            1, self.tr("Contact persons (%1)").replace("%1", str(len(details.persons)))
        )
        self._update_buttons()

    def visit_cells(self, view: Visit) -> list[str]:
        """The visit history row: a participant is named only where disclosure allows."""
        f = view.item.fields
        date_text = format_date(f.get("date"))
        mode = choice_label(f.get("mode"))
        purpose = choice_label(f.get("purpose"))
        if view.item.type == "team_employer_contact":
            return [
                date_text,
                mode,
                purpose,
                self.tr("–"),
                str(f.get("outcome") or ""),
                str(f.get("next_step") or ""),
            ]
        if view.participant_label is None:
            # Not one word more about the participant: the write-up and the
            # next step are theirs and stay in their own record.
            return [date_text, mode, purpose, self.tr("(not disclosed)"), "", ""]
        return [
            date_text,
            mode,
            purpose,
            view.participant_label,
            str(f.get("outcome") or ""),
            str(f.get("next_step") or ""),
        ]

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
        try:
            self.journal.delete(person.id, initiator=self)
        except Exception as exc:  # describe() tells known failures from bugs
            self.persons_state.setText(describe(exc))
            return False
        self._details_timer.start()
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


__all__ = [
    "EmployerDetails",
    "EmployersView",
    "TeamRecordDialog",
    "format_org_number",
]
