"""Mine deltakere: the caseload with next action, four-week countdown, overdue follow-along."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
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
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.access import JOB_SPECIALIST, THERAPIST, AccessDenied
from app.domain.schema import PARTICIPANT_STATUS, PROGRAMMES, REFERRAL_SOURCES, ValidationError
from app.journal import ChangeEvent, Dataset, Journal, Performed
from app.operations.caseload import caseload
from app.operations.handover import Handover, hand_over
from app.operations.intake import INTAKE_CONSENTS, Intake, IntakeForm, admit, intake_records
from app.operations.search import SearchHit, search
from app.reminders import CASELOAD_TYPES, CaseloadRow, FourWeeks
from app.store_settings import device_enrolled
from ui import plurals
from ui.agenda_panel import AgendaPanel
from ui.errors import describe
from ui.formats import format_date
from ui.handover_dialog import (
    ClinicalSharer,
    HandoverDialog,
    HandoverRequest,
    clinical_share_text,
)
from ui.labels import choice_label
from ui.search_results import SearchResults
from ui.tasks import TaskCancelled, TaskHandle, TaskRunner, on_landed
from ui.widgets.date_field import DateField
from ui.widgets.labels import FormLabel
from ui.widgets.problem_line import ProblemLine

Index = QModelIndex | QPersistentModelIndex


ALERT = QColor("#9b1c1c")
COLUMNS = 9
# The columns of a job specialist's work (four-week rule, follow-along) and of a
# therapist's (next session, sessions held of planned, last CBT worksheet): each
# role sees its own; the rest are hidden.
JOB_SPECIALIST_COLUMNS = (3, 4)
THERAPIST_COLUMNS = (6, 7, 8)

NO_CLOCK = FourWeeks()  # no episode: nothing to count down

# The status filter's choices: (statuses shown, label); the first is the default.
# Paused participants stay in the caseload, shown and filterable, never dropped.
STATUS_FILTERS: tuple[tuple[tuple[str, ...], object], ...] = (
    (("active", "paused"), QT_TRANSLATE_NOOP("CaseloadView", "Active and paused")),
    (("active",), QT_TRANSLATE_NOOP("CaseloadView", "Active")),
    (("paused",), QT_TRANSLATE_NOOP("CaseloadView", "Paused")),
    (("referred",), QT_TRANSLATE_NOOP("CaseloadView", "Referred")),
    (("exited",), QT_TRANSLATE_NOOP("CaseloadView", "Exited")),
    (PARTICIPANT_STATUS, QT_TRANSLATE_NOOP("CaseloadView", "All")),
)


@dataclass(frozen=True, slots=True)
class Row:
    """One caseload line, with its cell texts and sort keys worked out in advance.

    ``texts`` are made on the database thread with the language of the moment
    (``QCoreApplication.translate`` may be called from any thread) and again
    on a language change; ``sort_keys`` hold one key per column, so sorting
    2,000 rows is one Python sort rather than a call into Python per comparison.
    """

    participant_id: str
    name: str
    status: str
    next_action: str
    next_action_due: str | None
    days_left: int | None
    overdue_follow_along: int
    next_meeting: str | None
    meeting_overdue: bool
    four_weeks: FourWeeks = NO_CLOCK
    next_session: str | None = None
    sessions_held: int | None = None  # None: no therapy columns (a role without them)
    sessions_planned: int | None = None
    last_worksheet: str | None = None
    texts: tuple[str, ...] = ()
    sort_keys: tuple[Any, ...] = ()
    alerts: frozenset[int] = frozenset()  # columns shown in red

    def with_texts(self, today_iso: str, plural: plurals.CaseloadModel | None = None) -> Row:
        return self.finished(row_texts(self, plural), today_iso)

    def finished(self, texts: tuple[str, ...], today_iso: str) -> Row:
        """This row with ``texts``, its sort keys and its red columns."""
        return replace(
            self, texts=texts, sort_keys=row_sort_keys(self), alerts=row_alerts(self, today_iso)
        )


def four_week_text(clock: FourWeeks, plural: plurals.CaseloadModel | None = None) -> str:
    """The four-week column: days left or overdue while the clock runs; once stopped,
    met (or not) by a contact or by a job start; "—" with no episode (before entry)."""
    plural = plural or plurals.CaseloadModel()
    if clock.days_left is not None:
        if clock.days_left < 0:
            return plural.days_overdue(-clock.days_left)
        return plural.days_left(clock.days_left)
    if clock.day is None:
        return "—"
    if clock.stopped_by == "job":
        if clock.met:
            return QCoreApplication.translate("CaseloadModel", "Met by job start")
        return plural.job_start_on_day(clock.day)
    if clock.met:
        return QCoreApplication.translate("CaseloadModel", "Met")
    return plural.contact_on_day(clock.day)


def sessions_text(held: int | None, planned: int | None) -> str:
    """ "4 av 10 (6 igjen)": sessions held of the planned ones, and how many are left."""
    if held is None:
        return ""
    if planned is None:
        return QCoreApplication.translate("CaseloadModel", "%1 held").replace("%1", str(held))
    return (
        QCoreApplication.translate("CaseloadModel", "%1 of %2 (%3 left)")
        .replace("%1", str(held))
        .replace("%2", str(planned))
        .replace("%3", str(max(planned - held, 0)))
    )


def row_texts(row: Row, plural: plurals.CaseloadModel | None = None) -> tuple[str, ...]:
    plural = plural or plurals.CaseloadModel()
    due = format_date(row.next_action_due)
    return (
        row.name,
        choice_label(row.status),
        # The date first: a narrow column cuts the end of the text, never the date that
        # makes the entry red (the whole text is in the cell's tooltip).
        f"{due} · {row.next_action}" if due else row.next_action,
        four_week_text(row.four_weeks, plural),
        plural.overdue(row.overdue_follow_along) if row.overdue_follow_along else "",
        format_date(row.next_meeting),
        format_date(row.next_session),
        sessions_text(row.sessions_held, row.sessions_planned),
        format_date(row.last_worksheet),
    )


def _four_week_key(clock: FourWeeks) -> int:
    # Running clocks by days left (most overdue first), then stopped ones, then none.
    if clock.days_left is not None:
        return clock.days_left
    return 10_000 if clock.day is not None else 20_000


def row_sort_keys(row: Row) -> tuple[Any, ...]:
    left = (
        row.sessions_planned - (row.sessions_held or 0)
        if row.sessions_planned is not None
        else 10_000
    )
    return (
        row.name.casefold(),
        row.status,
        row.next_action_due or "9999",
        _four_week_key(row.four_weeks),
        -row.overdue_follow_along,
        row.next_meeting or "9999",
        row.next_session or "9999",
        left,
        row.last_worksheet or "",
    )


def row_alerts(row: Row, today_iso: str) -> frozenset[int]:
    red: set[int] = set()
    if row.next_action_due and row.next_action_due < today_iso:
        red.add(2)
    clock = row.four_weeks
    if (clock.days_left is not None and clock.days_left < 0) or (
        clock.day is not None and not clock.met
    ):
        red.add(3)
    if row.overdue_follow_along:
        red.add(4)
    if row.meeting_overdue:
        red.add(5)
    return frozenset(red)


def build_rows(
    journal: Journal, *, mine_only: bool, statuses: tuple[str, ...] = STATUS_FILTERS[0][0]
) -> list[Row]:
    """Runs on the database thread: decrypts only what the caseload needs, and makes the
    rows display-ready, so the GUI thread only swaps them in."""
    return _rows(journal, caseload(journal, mine_only=mine_only, statuses=statuses))


# A change naming more records than this reads the whole caseload again.
ONE_BY_ONE = 20


def build_rows_for(
    journal: Journal,
    event: ChangeEvent,
    *,
    mine_only: bool,
    statuses: tuple[str, ...] = STATUS_FILTERS[0][0],
) -> tuple[set[str], list[Row]] | None:
    """Runs on the database thread: the rows of just the participants whose records an
    event names (a row may go: no longer active, or deleted). None when a record cannot
    be placed under a participant (then the caseload is read whole)."""
    fresh = {r.id: r for r in event.records}
    participants: set[str] = set()
    try:
        for record_id in event.record_ids:
            rec = fresh.get(record_id) or journal.reread(record_id)
            if rec is None:
                return None  # deleted: its participant is not known any more
            pid = rec.id if rec.type == "participant" else rec.parent
            if pid is None:
                return None
            participants.add(pid)
        records = []
        for pid in sorted(participants):
            participant = journal.reread(pid)
            if participant is None:
                continue  # gone: its row goes
            records.append(participant)
            for kind in sorted(CASELOAD_TYPES - {"participant"}):
                if journal.can_read(kind):  # clinical records: a therapist's only
                    records += journal.records(pid, kind)
    except AccessDenied:
        return None
    ds = Dataset.from_records(records)
    rows = caseload(journal, mine_only=mine_only, dataset=ds, statuses=statuses)
    return participants, _rows(journal, rows)


def _rows(journal: Journal, lines: list[CaseloadRow]) -> list[Row]:
    today_iso = journal.today().isoformat()
    plural = plurals.CaseloadModel()
    out: list[Row] = []
    for r in lines:
        row = Row(
            participant_id=r.participant_id,
            name=r.name,
            status=r.status,
            next_action=r.next_action or "",
            next_action_due=r.next_action_due.isoformat() if r.next_action_due else None,
            days_left=r.days_to_first_contact,
            overdue_follow_along=r.overdue_follow_along,
            next_meeting=r.next_meeting.isoformat() if r.next_meeting else None,
            meeting_overdue=r.meeting_overdue,
            four_weeks=r.four_weeks,
        )
        if r.therapy is not None:
            t = r.therapy
            row = replace(
                row,
                next_session=t.next_session.isoformat() if t.next_session else None,
                sessions_held=t.held,
                sessions_planned=t.planned,
                last_worksheet=t.last_worksheet.isoformat() if t.last_worksheet else None,
            )
        out.append(row.finished(row_texts(row, plural), today_iso))
    return out


class CaseloadModel(QAbstractTableModel):
    """The caseload rows as a table; sorts itself (see ``Row``)."""

    COLUMNS = COLUMNS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._base: list[Row] = []  # by name, as built: sorting starts from here
        self.today_iso = ""
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._red = QBrush(ALERT)

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        plural = plurals.CaseloadModel()
        self._base = [r if r.texts else r.with_texts(self.today_iso, plural) for r in rows]
        self.rows = self._sorted()
        self.endResetModel()

    def replace_rows(self, participant_ids: set[str], rows: list[Row]) -> None:
        """The rows of these participants anew (a participant without a row leaves)."""
        kept = [r for r in self._base if r.participant_id not in participant_ids]
        self.set_rows(sorted(kept + rows, key=lambda r: (r.name.casefold(), r.participant_id)))

    def retranslate(self) -> None:
        """New texts for every row in the language now loaded."""
        plural = plurals.CaseloadModel()
        self._base = [r.with_texts(self.today_iso, plural) for r in self._base]
        by_id = {r.participant_id: r for r in self._base}
        self.rows = [by_id[r.participant_id] for r in self.rows]
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, COLUMNS - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    def _sorted(self) -> list[Row]:
        col = self.sort_column
        if not 0 <= col < COLUMNS:
            return list(self._base)
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        # Stable, from the name order each time, as a sorting proxy would do.
        return sorted(
            self._base,
            key=lambda r: r.sort_keys[col] if r.sort_keys else row_sort_keys(r)[col],
            reverse=descending,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self.rows[i.row()].participant_id for i in old]
        self.rows = self._sorted()
        where = {r.participant_id: n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(
            old, [self.index(where[pid], i.column()) for pid, i in zip(ids, old, strict=True)]
        )
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return COLUMNS

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
            self.tr("Next session"),
            self.tr("Sessions"),
            self.tr("Last CBT worksheet"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every painted cell and role: only look-ups here.
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()].texts[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._red if index.column() in self.rows[index.row()].alerts else None
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()].participant_id
        if role == Qt.ItemDataRole.UserRole + 1:  # sort key
            row = self.rows[index.row()]
            return (row.sort_keys or row_sort_keys(row))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return self.rows[index.row()].name
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            row = self.rows[index.row()]
            if not row.next_action and not row.next_action_due:
                return None
            tip = row.next_action
            if row.next_action_due:
                due = self.tr("Due %1").replace("%1", format_date(row.next_action_due))
                if 2 in row.alerts:
                    due = self.tr("Overdue since %1").replace(
                        "%1", format_date(row.next_action_due)
                    )
                tip = f"{tip}\n{due}" if tip else due
            return tip
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            shown = self.rows[index.row()].texts[3]  # whole, should the cell cut it
            rule = self.tr(
                "Four-week rule: first face-to-face employer contact within 28 days of entry; "
                "a job start stops the clock too"
            )
            starts = self.rows[index.row()].four_weeks.starts
            if starts is not None:
                rule += "\n" + self.tr("Starts %1").replace("%1", format_date(starts))
            return f"{shown}\n{rule}" if shown and shown != "—" else rule
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 7:
            return self.tr("Sessions held of the planned 5–15, and how many are left")
        return None


class CaseloadFilter(QSortFilterProxyModel):
    """Keeps rows whose name contains the filter text, or that matched a note search.

    Sorting is handed to the source model, which sorts on keys made in advance.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._hits: set[str] | None = None

    def set_filter(self, text: str, hits: set[str] | None) -> None:
        self.beginFilterChange()
        self._needle = text.casefold()
        self._hits = hits
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, CaseloadModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        if not isinstance(model, CaseloadModel):
            return True
        row = model.rows[source_row]
        return self._needle in row.name.casefold() or (
            self._hits is not None and row.participant_id in self._hits
        )


class NewParticipantDialog(QDialog):
    """Intake in one step: the person, where the referral came from and when, the entry
    date and the consents given. Together they start the four-week clock, the caseload
    size and the indicators; the rest is filled in on the overview tab."""

    def __init__(
        self, *, today: Callable[[], date] = date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle(self.tr("New participant"))
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.programme = QComboBox()
        for p in PROGRAMMES:
            self.programme.addItem(choice_label(p), p)
        self.programme.setAccessibleName(self.tr("Programme"))
        self.birth = DateField(optional=True, past_only=True, today=today)
        self.birth.setAccessibleName(self.tr("Birth date"))
        self.phone = QLineEdit()
        self.phone.setAccessibleName(self.tr("Phone"))
        self.source = QComboBox()
        for value in REFERRAL_SOURCES:
            self.source.addItem(choice_label(value), value)
        self.source.setCurrentIndex(REFERRAL_SOURCES.index("nav"))
        self.source.setAccessibleName(self.tr("Referred by"))
        self.received = DateField(optional=False, today=today)
        self.received.setAccessibleName(self.tr("Referral received"))
        self.entry = DateField(optional=False, today=today)
        self.entry.setAccessibleName(self.tr("Entry date"))
        self.consents: dict[str, QCheckBox] = {}
        consent_box = QVBoxLayout()
        consent_box.setSpacing(2)
        for scope in INTAKE_CONSENTS:
            box = QCheckBox(choice_label(scope))  # never ticked in advance: never assumed
            box.setAccessibleName(self.tr("Consent: %1").replace("%1", choice_label(scope)))
            self.consents[scope] = box
            consent_box.addWidget(box)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        # The line names what keeps the intake back, and goes as those fields change.
        self.problems = ProblemLine(self.message)
        changed = self.problems.field_changed
        self.name.textChanged.connect(lambda _t: changed("name"))
        self.phone.textChanged.connect(lambda _t: changed("phone"))
        self.birth.committed.connect(lambda: changed("birth_date"))
        for field, name in ((self.received, "referral_date"), (self.entry, "referral_date")):
            field.committed.connect(lambda n=name: changed(n))
        form = QFormLayout(self)
        for text, widget in (
            (self.tr("&Name"), self.name),
            (self.tr("&Programme"), self.programme),
            (self.tr("&Birth date"), self.birth),
            (self.tr("P&hone"), self.phone),
            (self.tr("&Referred by"), self.source),
            (self.tr("Referral &received"), self.received),
            (self.tr("&Entry date"), self.entry),
        ):
            label = FormLabel(text)  # its whole text, also with the mnemonic underlined
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(FormLabel(self.tr("Consents given")), consent_box)
        hint = QLabel(
            self.tr(
                "The entry date starts the four-week clock for the first employer contact. "
                "A consent to talk to an employer is given later, for each employer."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        # Room for every label and a whole phone number or name beside it.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        # Tab goes down the form as it is shown; the date fields' calendar buttons and
        # the hint are left out.
        order: list[QWidget] = [
            self.name,
            self.programme,
            self.birth,
            self.phone,
            self.source,
            self.received,
            self.entry,
            *self.consents.values(),
            *buttons.buttons(),
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def accept(self) -> None:
        # A birth date typed that is not a date keeps the dialog open, saying why
        # under the field; nothing is created with another date.
        for field in (self.birth, self.received, self.entry):
            if not field.check():
                field.setFocus()
                return
        super().accept()

    def values(self) -> dict[str, Any]:
        """The participant's own fields."""
        values: dict[str, Any] = {
            "name": self.name.text().strip(),
            "programme": self.programme.currentData(),
        }
        if (birth := self.birth.value()) is not None:
            values["birth_date"] = birth
        if self.phone.text().strip():
            values["phone"] = self.phone.text().strip()
        return values

    def intake(self) -> IntakeForm:
        """Everything the dialog asks, as the intake operation takes it."""
        return IntakeForm(
            participant=self.values(),
            referral_source=str(self.source.currentData()),
            referral_received=date.fromisoformat(self.received.value() or ""),
            entry=date.fromisoformat(self.entry.value() or ""),
            consents=tuple(s for s, box in self.consents.items() if box.isChecked()),
        )

    def check(self) -> IntakeForm | None:
        """The intake when it can be saved; otherwise None, with one sentence shown."""
        form = self.intake()
        try:
            intake_records(form, today=self._today())
        except ValidationError as exc:
            if set(exc.errors) == {"referral_date"}:
                self.problems.show_text(
                    self.tr("The referral cannot be received after the entry date."),
                    fields=exc.errors,
                )
            else:
                self.problems.show_problems(exc.errors)
            return None
        return form

    def show_error(self, text: str) -> None:
        self.problems.show_text(text)


class CaseloadView(QWidget):
    """The user's participants; Enter opens one.

    Signals:
        open_requested(str): a participant id to open.
        open_at_requested(str, str): a participant id, and the record type whose tab to show
            (from the agenda).
        open_record_requested(str, str): a participant id, and the record of theirs to show
            (a search hit).
        loaded(): the rows were (re)built.
        searched(): the filter and the search's hits for the text typed are shown.
    """

    open_requested = Signal(str)
    open_at_requested = Signal(str, str)
    open_record_requested = Signal(str, str)
    loaded = Signal()
    searched = Signal()

    def __init__(
        self,
        *,
        journal: Journal,
        tasks: TaskRunner,
        share_clinical: ClinicalSharer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``share_clinical``: how a therapist's handover shares the clinical journals
        with the receiving therapist's computers (None: this laptop is not enrolled)."""
        super().__init__(parent)
        self.journal = journal
        self.tasks = tasks
        self.share_clinical = share_clinical
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.mine_only = QCheckBox()
        self.mine_only.setChecked(journal.role in (JOB_SPECIALIST, THERAPIST))
        self.status_filter = QComboBox()
        for statuses, _label in STATUS_FILTERS:
            self.status_filter.addItem("", statuses)
        # Why the list is empty, when it is: the filter, "only mine", or no one yet.
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("hint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.handover_button = QPushButton()
        self.handover_button.clicked.connect(lambda: self.open_handover())
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The next action takes the width the other columns leave (its text is cut at
        # the end, the date first, and whole in the tooltip), so every column shows
        # without scrolling sideways on a laptop beside the agenda.
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.activated.connect(self._activate)
        self.table.doubleClicked.connect(self._activate)
        therapist = journal.role == THERAPIST
        for col in THERAPIST_COLUMNS if not therapist else JOB_SPECIALIST_COLUMNS:
            self.table.setColumnHidden(col, True)
        if therapist:
            self.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.handover_button)
        top.addWidget(self.new_button)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.mine_only)
        self.agenda = AgendaPanel(
            journal=journal, tasks=tasks, mine_only=self.mine_only.isChecked()
        )
        self.agenda.open_requested.connect(self.open_at_requested)
        # Under the list, while searching: why each person matched.
        self.results = SearchResults()
        self.results.hide()
        self.results.open_requested.connect(self.open_record_requested)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.results)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        # Beside the list: the agenda.
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.splitter)
        splitter.addWidget(self.agenda)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        # A therapist's agenda holds sessions and meetings only, and their table three
        # columns more: the table gets the room at 1366x768.
        splitter.setSizes([900, 220] if therapist else [780, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.empty_hint)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._search)
        # Each search has a number: an answer to any but the latest is dropped, so a
        # slow older search never overwrites what the newer text found.
        self._search_seq = 0
        self._search_task: TaskHandle | None = None
        self._focus_on_answer = False  # Enter was pressed: focus once the hits are in
        self.filter.textChanged.connect(self._text_changed)
        self.filter.returnPressed.connect(self._focus_first)
        self.mine_only.toggled.connect(lambda _c: self.reload())
        self.mine_only.toggled.connect(self.agenda.set_mine_only)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button.clicked.connect(self.new_participant)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_participant)
        QShortcut(QKeySequence("Ctrl+F"), self, self.filter.setFocus)
        self._pending = False
        self._reload_again = False
        self._loaded_once = False  # until then a change reads the whole caseload
        self._stale_texts = False
        self._sized = False
        self._fitted: dict[int, int] = {}  # the columns' widths as fitted, without an arrow
        self._arrow = (-1, -1)  # the sorted column, and the width given it for its arrow
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._room_for_arrow)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("My participants"))
        self.filter.setPlaceholderText(self.tr("Filter by name, or search in notes…"))
        self.filter.setAccessibleName(self.tr("Filter and search"))
        self.mine_only.setText(self.tr("Only mine"))
        for i, (_statuses, label) in enumerate(STATUS_FILTERS):
            self.status_filter.setItemText(
                i, QCoreApplication.translate("CaseloadView", str(label))
            )
        self.status_filter.setAccessibleName(self.tr("Show participants by status"))
        self.mine_only.setToolTip(
            self.tr("Only the participants you are the therapist of")
            if self.journal.role == THERAPIST
            else self.tr("Only the participants you are the job specialist of")
        )
        self.handover_button.setText(self.tr("&Hand over…"))
        self.handover_button.setToolTip(
            self.tr(
                "Give a participant, or a whole caseload, to another job specialist or therapist"
            )
        )
        self.new_button.setText(self.tr("&New participant"))
        self.table.setAccessibleName(self.tr("Participants"))
        self.model.retranslate()
        # Rows being built now carry the texts of the language before.
        self._stale_texts = self._pending
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_count(self) -> None:
        self.count.setText(self.tr("%n participant(s)", "", self.proxy.rowCount()))
        hint = self.empty_reason() if self._loaded_once else ""
        self.empty_hint.setText(hint)
        self.empty_hint.setVisible(bool(hint))

    def empty_reason(self) -> str:
        """Why the list shows nobody ("" when it shows someone)."""
        if self.proxy.rowCount():
            return ""
        text = self.filter.text().strip()
        if text and self.model.rows:
            return self.tr(
                "No participant matches “%1”. Clear the filter to see them all."
            ).replace("%1", text)
        if self.status_filter.currentIndex() != 0:
            return self.tr(
                "No participant has the status chosen. Choose “Active and paused” to see the "
                "caseload."
            )
        if self.mine_only.isChecked():
            if self.journal.role == THERAPIST:
                return self.tr(
                    "No active participant has you as their therapist. Untick “Only mine” to "
                    "see the whole team's, or set the therapist on a participant's overview."
                )
            return self.tr(
                "No active participant has you as their job specialist. Untick “Only mine” to "
                "see the whole team's."
            )
        return self.tr("No active participants yet. Add one with “New participant”.")

    # ------------------------------------------------------------ loading

    def statuses(self) -> tuple[str, ...]:
        """The participant statuses the status filter shows."""
        return tuple(self.status_filter.currentData() or STATUS_FILTERS[0][0])

    def reload(self) -> None:
        if self._pending:
            self._reload_again = True  # a filter changed while reading: read once more
            return
        self._pending = True
        self._reload_again = False
        mine = self.mine_only.isChecked()
        statuses = self.statuses()
        self.tasks.run(
            lambda _p, _c: build_rows(self.journal, mine_only=mine, statuses=statuses),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, rows: list[Row]) -> None:
        self._pending = False
        if self._reload_again:
            self.reload()
            return
        self._loaded_once = True
        self.model.set_rows(rows)
        if self._stale_texts:
            self._stale_texts = False
            self.model.retranslate()
        if rows and not self._sized:
            # Once, with the first rows: later reloads keep the widths (the user's too).
            self._sized = True
            self._fit_columns()
        if len(self.filter.text().strip()) >= 3:
            self._search_timer.start()  # hits are shown for the people listed now
        self._update_count()
        self.loaded.emit()

    def _fit_columns(self) -> None:
        """Each column as wide as its texts and its heading, so that all of them show
        beside the agenda on a laptop's screen (1366x768); the next action takes the
        rest. Only the sorted column's heading has room for its arrow (it moves with
        the sorting), and a long name is cut (whole in its tooltip)."""
        header = self.table.horizontalHeader()
        # A sample of rows, not all 2,000 (Qt calls data() per cell and role).
        header.setResizeContentsPrecision(50)
        header.setSortIndicatorShown(False)
        headings = [header.sectionSizeHint(c) for c in range(COLUMNS)]
        header.setSortIndicatorShown(True)
        self._fitted = {
            c: max(self.table.sizeHintForColumn(c), headings[c])
            for c in range(COLUMNS)
            if c != 2 and not header.isSectionHidden(c)
        }
        self._fitted[0] = min(max(self._fitted[0], 120), 180)
        for column, width in self._fitted.items():
            self.table.setColumnWidth(column, width)
        self._room_for_arrow(header.sortIndicatorSection())

    def _room_for_arrow(self, column: int, _order: object = None) -> None:
        # The column the arrow left goes back to its fitted width, unless the user
        # has set one of their own since.
        arrowed, given = self._arrow
        if arrowed != column and self.table.columnWidth(arrowed) == given:
            self.table.setColumnWidth(arrowed, self._fitted[arrowed])
        if column in self._fitted:
            width = max(self.table.columnWidth(column), self._fitted[column])
            width = max(width, self.table.horizontalHeader().sectionSizeHint(column))
            self.table.setColumnWidth(column, width)
            self._arrow = (column, width)

    def _failed(self, exc: BaseException) -> None:
        self._pending = False
        self.count.setText(describe(exc))

    def on_change(self, event: ChangeEvent) -> None:
        """Rebuild the rows of the participants the change names, or all rows."""
        self.agenda.on_change(event)
        if len(self.filter.text().strip()) >= 3:
            self._search_timer.start()  # the hits may have changed too
        if not event.kinds & CASELOAD_TYPES:
            return
        ids = event.record_ids
        if self._pending or not self._loaded_once or not ids or len(ids) > ONE_BY_ONE:
            self.reload()
            return
        mine = self.mine_only.isChecked()
        statuses = self.statuses()
        self.tasks.run(
            lambda _p, _c: build_rows_for(self.journal, event, mine_only=mine, statuses=statuses),
            on_done=self._patched,
            on_error=lambda exc: self.count.setText(describe(exc)),
            receiver=self,
        )

    def _patched(self, result: tuple[set[str], list[Row]] | None) -> None:
        if result is None or self._pending:
            self.reload()
            return
        participants, rows = result
        self.model.replace_rows(participants, rows)
        self._update_count()
        self.loaded.emit()

    def shutdown(self) -> None:
        self._search_timer.stop()
        self._drop_search()  # an answer still on its way is not shown
        self.agenda.shutdown()
        self.results.clear()  # the snippets go with the view

    # ------------------------------------------------------------ filter

    def _text_changed(self, _text: str) -> None:
        self._drop_search()  # the words typed before are not wanted any more
        self._focus_on_answer = False
        self._search_timer.start()

    def _drop_search(self) -> None:
        self._search_seq += 1
        if self._search_task is not None:
            self._search_task.cancel()
            self._search_task = None

    def searching(self) -> bool:
        """True while a search runs or waits for the store."""
        return self._search_task is not None

    def _search(self) -> None:
        """Search the notes for the text typed, on the database thread; the name filter
        and the hits are shown together once the answer is in."""
        self._drop_search()
        text = self.filter.text().strip()
        if len(text) < 3:
            self._show_hits(text, None, [])
            return
        seq = self._search_seq
        journal = self.journal

        def find(_progress: object, cancelled: Callable[[], bool]) -> list[SearchHit]:
            if cancelled():  # newer text was typed while this one waited for the store
                raise TaskCancelled
            return search(journal, text=text, limit=500)

        self._search_task = self.tasks.run(
            find,
            on_done=lambda found: self._searched(seq, text, found),
            on_error=lambda exc: self._search_failed(seq, exc),
            receiver=self,
        )

    def _searched(self, seq: int, text: str, found: list[SearchHit]) -> None:
        if seq != self._search_seq:
            return  # an older search's answer: newer text was typed since
        self._search_task = None
        # A hit on a note shows its participant, and the list under it shows why.
        hits = {h.participant_id for h in found if h.participant_id is not None}
        # The hits of the people the list can show now (its status and "only mine"
        # filters); a participant's own name shows in the table already.
        listed = {row.participant_id for row in self.model.rows}
        shown = [
            h
            for h in found
            if h.participant_id in listed and not (h.type == "participant" and h.field == "name")
        ]
        self._show_hits(text, hits, shown)

    def _search_failed(self, seq: int, exc: BaseException) -> None:
        if seq != self._search_seq:
            return
        self._search_task = None
        self._focus_on_answer = False
        self.results.show_problem(self.tr("The search failed: %1").replace("%1", describe(exc)))
        self.results.setVisible(True)

    def _show_hits(self, text: str, hits: set[str] | None, found: list[SearchHit]) -> None:
        self.proxy.set_filter(text, hits)
        self.results.set_hits(found)
        self.results.setVisible(bool(self.results.count()))
        self._update_count()
        self.searched.emit()
        if self._focus_on_answer:
            self._focus_on_answer = False
            self._focus_found()

    def _focus_first(self) -> None:
        # Enter before the pause: search now, and go to what it finds once it is in.
        self._search_timer.stop()
        self._focus_on_answer = True
        self._search()

    def _focus_found(self) -> None:
        # A name typed goes to the list of people; words found only in records, to the hits.
        if not self._name_matches() and self.results.focus_first():
            return
        if self.proxy.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()

    def _name_matches(self) -> bool:
        needle = self.filter.text().strip().casefold()
        return bool(needle) and any(
            needle in str(self.proxy.index(r, 0).data()).casefold()
            for r in range(self.proxy.rowCount())
        )

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

    # ----------------------------------------------------------- handover

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        pid = index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        return str(pid) if pid else None

    def open_handover(self) -> HandoverDialog:
        """The handover dialog, for the selected participant or a whole caseload."""
        pid = self.selected_id()
        row = next((r for r in self.model.rows if r.participant_id == pid), None)
        dialog = HandoverDialog(
            journal=self.journal,
            participant=(row.participant_id, row.name) if row else None,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._hand_over(dialog.request()))
        dialog.open()
        return dialog

    def _hand_over(self, request: HandoverRequest) -> None:
        journal = self.journal
        future = journal.perform(
            lambda: hand_over(
                journal,
                field=request.field,
                to=request.to,
                participant_ids=request.participant_ids,
                from_person=request.from_person,
                initiator=self,
            )
        )
        on_landed(future, self, self._handed_over)

    def _handed_over(self, future: Future[Performed[Handover]]) -> None:
        try:
            performed = future.result()
        except Exception as exc:
            self.show_notice(describe(exc))
            return
        self.journal.announce(performed.events)
        done = performed.value
        text = self.tr("%n participant(s) handed over to %1.", "", len(done.moved)).replace(
            "%1", done.to
        )
        ids = [*done.moved, *done.already]
        if done.field != "therapist":
            self.show_notice(text)
            return
        sharer = self.share_clinical
        if self.journal.role == THERAPIST and not device_enrolled(self.journal.store):
            self.show_notice(
                text
                + " "
                + self.tr(
                    "The clinical journals stay on this computer until it is connected to a "
                    "server (then: Feltjournal → Share clinical journals…)."
                )
            )
            return
        if sharer is None or self.journal.role != THERAPIST:
            self.show_notice(
                text
                + " "
                + self.tr(
                    "The clinical journals are shared from the therapist's own computer "
                    "(Feltjournal → Share clinical journals…)."
                )
            )
            return
        self.show_notice(text + " " + self.tr("Sharing the clinical journals…"))
        self.tasks.run(
            lambda _p, _c: sharer(done.to, ids),
            network=True,
            receiver=self,
            on_done=lambda shared: self.show_notice(
                text + " " + clinical_share_text(shared, done.to)
            ),
            on_error=lambda exc: self.show_notice(
                text
                + " "
                + self.tr("The clinical journals were not shared: %1").replace("%1", describe(exc))
            ),
        )

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def new_participant(self) -> None:
        dialog = NewParticipantDialog(today=self.journal.today, parent=self)
        while dialog.exec():
            # Checked here, at once, so the dialog stays open on a bad form; the write
            # itself (every record of the intake, in one transaction) waits on the executor.
            form = dialog.check()
            if form is None:
                continue
            self._create(form)
            return

    def _create(self, form: IntakeForm) -> None:
        journal = self.journal
        future = journal.perform(lambda: admit(journal, form=form, initiator=self))
        on_landed(future, self, self._participant_created)

    def _participant_created(self, future: Future[Performed[Intake]]) -> None:
        try:
            performed = future.result()
        except Exception as exc:
            self.count.setText(describe(exc))
            return
        self.journal.announce(performed.events)
        self.open_requested.emit(performed.value.participant.id)
