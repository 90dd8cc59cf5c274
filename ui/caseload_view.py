"""Mine deltakere: the caseload with next action, four-week countdown, overdue follow-along."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import PROGRAMMES
from app.journal import ChangeEvent, Journal
from app.reminders import CASELOAD_TYPES, caseload_rows
from ui.errors import describe
from ui.formats import DATE_DISPLAY_FORMAT, format_date, from_qdate
from ui.labels import choice_label
from ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Row:
    """One caseload line, display-ready apart from translation."""

    participant_id: str
    name: str
    status: str
    next_action: str
    next_action_due: str | None
    days_left: int | None
    overdue_follow_along: int
    next_meeting: str | None
    meeting_overdue: bool


def build_rows(journal: Journal, *, mine_only: bool) -> list[Row]:
    """Runs on the database thread: decrypts only what the caseload needs."""
    ds = journal.dataset(CASELOAD_TYPES)
    who = journal.user_name if mine_only else None
    out: list[Row] = []
    for r in caseload_rows(ds, journal.today(), job_specialist=who):
        out.append(
            Row(
                participant_id=r.participant_id,
                name=r.name,
                status=r.status,
                next_action=r.next_action or "",
                next_action_due=r.next_action_due.isoformat() if r.next_action_due else None,
                days_left=r.days_to_first_contact,
                overdue_follow_along=r.overdue_follow_along,
                next_meeting=r.next_meeting.isoformat() if r.next_meeting else None,
                meeting_overdue=r.meeting_overdue,
            )
        )
    return out


class CaseloadModel(QAbstractTableModel):
    """The caseload rows as a table."""

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.today_iso = ""

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Name"),
            self.tr("Status"),
            self.tr("Next action"),
            self.tr("First employer contact"),
            self.tr("Follow-along"),
            self.tr("Next meeting"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return row.participant_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.UserRole + 1:  # sort key
            return self._sort_key(row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 2 and row.next_action_due and row.next_action_due < self.today_iso:
                return QBrush(QColor("#9b1c1c"))
            if col == 3 and row.days_left is not None and row.days_left < 0:
                return QBrush(QColor("#9b1c1c"))
            if col == 4 and row.overdue_follow_along:
                return QBrush(QColor("#9b1c1c"))
            if col == 5 and row.meeting_overdue:
                return QBrush(QColor("#9b1c1c"))
        if role == Qt.ItemDataRole.ToolTipRole and col == 3:
            return self.tr("Four-week rule: first face-to-face employer contact within 28 days")
        return None

    def _display(self, row: Row, col: int) -> str:
        if col == 0:
            return row.name
        if col == 1:
            return choice_label(row.status)
        if col == 2:
            due = format_date(row.next_action_due)
            return f"{row.next_action} ({due})" if due else row.next_action
        if col == 3:
            if row.days_left is None:
                return self.tr("Done")
            if row.days_left < 0:
                return self.tr("%n day(s) overdue", "", -row.days_left)
            return self.tr("%n day(s) left", "", row.days_left)
        if col == 4:
            return (
                self.tr("%n overdue", "", row.overdue_follow_along)
                if row.overdue_follow_along
                else ""
            )
        return format_date(row.next_meeting)

    @staticmethod
    def _sort_key(row: Row, col: int) -> Any:
        if col == 0:
            return row.name.casefold()
        if col == 1:
            return row.status
        if col == 2:
            return row.next_action_due or "9999"
        if col == 3:
            return 10_000 if row.days_left is None else row.days_left
        if col == 4:
            return -row.overdue_follow_along
        return row.next_meeting or "9999"


class CaseloadFilter(QSortFilterProxyModel):
    """Keeps rows whose name contains the filter text, or that matched a note search."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._hits: set[str] | None = None

    def set_filter(self, text: str, hits: set[str] | None) -> None:
        self.beginFilterChange()
        self._needle = text.casefold()
        self._hits = hits
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, CaseloadModel):
            return True
        row = model.rows[source_row]
        if not self._needle:
            return True
        return self._needle in row.name.casefold() or (
            self._hits is not None and row.participant_id in self._hits
        )


class NewParticipantDialog(QDialog):
    """Name, programme, birth date, phone: enough to start; the rest on the overview tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New participant"))
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.programme = QComboBox()
        for p in PROGRAMMES:
            self.programme.addItem(choice_label(p), p)
        self.programme.setAccessibleName(self.tr("Programme"))
        self.birth = QDateEdit()
        self.birth.setDisplayFormat(DATE_DISPLAY_FORMAT)
        self.birth.setCalendarPopup(True)
        self.birth.setSpecialValueText(" ")
        self.birth.setDate(self.birth.minimumDate())
        self.birth.setAccessibleName(self.tr("Birth date"))
        self.phone = QLineEdit()
        self.phone.setAccessibleName(self.tr("Phone"))
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Programme"), self.programme)
        form.addRow(self.tr("&Birth date"), self.birth)
        form.addRow(self.tr("P&hone"), self.phone)
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "name": self.name.text().strip(),
            "programme": self.programme.currentData(),
        }
        if self.birth.date() != self.birth.minimumDate():
            values["birth_date"] = from_qdate(self.birth.date())
        if self.phone.text().strip():
            values["phone"] = self.phone.text().strip()
        return values

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class CaseloadView(QWidget):
    """The user's participants; Enter opens one.

    Signals:
        open_requested(str): a participant id to open.
        loaded(): the rows were (re)built.
    """

    open_requested = Signal(str)
    loaded = Signal()

    def __init__(
        self, *, journal: Journal, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.tasks = tasks
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.mine_only = QCheckBox()
        self.mine_only.setChecked(journal.role in ("jobbspesialist", "terapeut"))
        self.new_button = QPushButton()
        self.model = CaseloadModel(self)
        self.model.today_iso = journal.today().isoformat()
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole + 1)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._activate)
        self.table.doubleClicked.connect(self._activate)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.new_button)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.mine_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(lambda _t: self._search_timer.start())
        self.filter.returnPressed.connect(self._focus_first)
        self.mine_only.toggled.connect(lambda _c: self.reload())
        self.new_button.clicked.connect(self.new_participant)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_participant)
        QShortcut(QKeySequence("Ctrl+F"), self, self.filter.setFocus)
        self._pending = False
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("My participants"))
        self.filter.setPlaceholderText(self.tr("Filter by name, or search in notes…"))
        self.filter.setAccessibleName(self.tr("Filter and search"))
        self.mine_only.setText(self.tr("Only mine"))
        self.new_button.setText(self.tr("&New participant"))
        self.table.setAccessibleName(self.tr("Participants"))
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_count(self) -> None:
        self.count.setText(self.tr("%n participant(s)", "", self.proxy.rowCount()))

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        if self._pending:
            return
        self._pending = True
        mine = self.mine_only.isChecked()
        self.tasks.run(
            lambda _p, _c: build_rows(self.journal, mine_only=mine),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, rows: list[Row]) -> None:
        self._pending = False
        self.model.set_rows(rows)
        # Measure a sample of rows, not all 2,000 (Qt calls data() per cell).
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), 200))
        self.table.setColumnWidth(2, min(max(self.table.columnWidth(2), 220), 360))
        self._update_count()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._pending = False
        self.count.setText(describe(exc))

    def on_change(self, event: ChangeEvent) -> None:
        if event.kinds & CASELOAD_TYPES:
            self.reload()

    def shutdown(self) -> None:
        self._search_timer.stop()

    # ------------------------------------------------------------ filter

    def _apply_filter(self) -> None:
        text = self.filter.text().strip()
        hits: set[str] | None = None
        if len(text) >= 3:
            # Full-text search in notes and fields; a hit on a note shows its participant.
            hits = {h.parent or h.id for h in self.journal.search(text, limit=500)}
        self.proxy.set_filter(text, hits)
        self._update_count()

    def _focus_first(self) -> None:
        if self.proxy.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()

    def focus_list(self) -> None:
        self.table.setFocus()

    def visible_ids(self) -> list[str]:
        return [
            str(self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole))
            for r in range(self.proxy.rowCount())
        ]

    # ------------------------------------------------------------ actions

    def _activate(self, index: QModelIndex) -> None:
        pid = index.data(Qt.ItemDataRole.UserRole)
        if pid:
            self.open_requested.emit(str(pid))

    def new_participant(self) -> None:
        dialog = NewParticipantDialog(self)
        while dialog.exec():
            try:
                pid = self.journal.create_participant(dialog.values(), initiator=self)
            except ValueError as exc:
                dialog.show_error(describe(exc))
                continue
            self.open_requested.emit(pid)
            return
