"""What every participant tab shares: the data snapshot, the write context, tables and panels."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, wait
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import ENTITIES, validate
from app.journal import Journal, Performed
from app.operations.records import ShownRecord as Record
from app.operations.records import delete_record, restore_record, save_record
from ui.labels import field_label, type_label
from ui.lock_guard import ClipboardGuard
from ui.note_editor import RecordAutosaver, SaveStateLabel, flush_on_focus_out
from ui.record_form import RecordDialog, RecordForm, format_value
from ui.tasks import TaskRunner, on_landed
from ui.widgets.items import ID_ROLE, TYPE_ROLE, RoomyDelegate
from ui.widgets.labels import BADGE_STYLE, quiet_label, scrolling, section_title

T = TypeVar("T")


# The title of the form for a new record, one whole phrase per type: languages differ in
# gender and case ("Ny henvisning", "Nytt samtykke"), so "New %1" cannot be translated.
NEW_RECORD_TITLES: dict[str, object] = {
    "participant": QT_TRANSLATE_NOOP("ParticipantTab", "New participant"),
    "referral": QT_TRANSLATE_NOOP("ParticipantTab", "New referral"),
    "episode": QT_TRANSLATE_NOOP("ParticipantTab", "New episode"),
    "consent": QT_TRANSLATE_NOOP("ParticipantTab", "New consent"),
    "disclosure_plan": QT_TRANSLATE_NOOP("ParticipantTab", "New disclosure plan"),
    "career_profile": QT_TRANSLATE_NOOP("ParticipantTab", "New career profile"),
    "job_search_plan": QT_TRANSLATE_NOOP("ParticipantTab", "New job-search plan"),
    "goal": QT_TRANSLATE_NOOP("ParticipantTab", "New goal"),
    "action": QT_TRANSLATE_NOOP("ParticipantTab", "New action"),
    "case_note": QT_TRANSLATE_NOOP("ParticipantTab", "New case note"),
    "therapy_session": QT_TRANSLATE_NOOP("ParticipantTab", "New therapy session"),
    "therapy_addendum": QT_TRANSLATE_NOOP("ParticipantTab", "New addendum"),
    "cbt_worksheet": QT_TRANSLATE_NOOP("ParticipantTab", "New CBT worksheet"),
    "exposure_plan": QT_TRANSLATE_NOOP("ParticipantTab", "New exposure plan"),
    "employer": QT_TRANSLATE_NOOP("ParticipantTab", "New employer"),
    "employer_contact_person": QT_TRANSLATE_NOOP("ParticipantTab", "New contact person"),
    "employer_contact": QT_TRANSLATE_NOOP("ParticipantTab", "New employer contact"),
    "team_employer_contact": QT_TRANSLATE_NOOP(
        "ParticipantTab", "New employer contact (job development)"
    ),
    "activity": QT_TRANSLATE_NOOP("ParticipantTab", "New activity"),
    "job_specialist_fte": QT_TRANSLATE_NOOP("ParticipantTab", "New FTE setting"),
    "meeting": QT_TRANSLATE_NOOP("ParticipantTab", "New collaboration meeting"),
    "job": QT_TRANSLATE_NOOP("ParticipantTab", "New job"),
    "follow_along": QT_TRANSLATE_NOOP("ParticipantTab", "New follow-along contact"),
    "self_assessment": QT_TRANSLATE_NOOP("ParticipantTab", "New self assessment"),
    "outcome_6m": QT_TRANSLATE_NOOP("ParticipantTab", "New six-month outcome"),
}


def new_record_title(record_type: str) -> str:
    source = NEW_RECORD_TITLES.get(record_type)
    if source is None:
        return type_label(record_type)
    return QCoreApplication.translate("ParticipantTab", str(source))


def is_flagged(record: Record) -> bool:
    """Something for the user to look at: a field or a text changed on two machines at
    once, or a delete elsewhere that met an edit here."""
    return record.conflicted or record.resurrected or record.text_merged


def flag_text(record: Record) -> str:
    if record.resurrected:
        return QCoreApplication.translate(
            "ParticipantTab", "Deleted on another machine while edited here"
        )
    if record.conflicted or record.text_merged:
        return QCoreApplication.translate("ParticipantTab", "Changed on two machines")
    return ""


def by_date_desc(name: str = "date") -> Callable[[Record], Any]:
    return lambda r: (str(r.fields.get(name) or ""), r.id)


# --------------------------------------------------------------------- data


@dataclass(slots=True)
class ParticipantData:
    """One participant and the records of theirs this role may read, as last loaded."""

    participant: Record
    records: list[Record]
    employers: list[Record] = field(default_factory=list)
    unreadable: int = 0

    def of(self, record_type: str) -> list[Record]:
        return [r for r in self.records if r.type == record_type]

    def by_id(self, record_id: str) -> Record | None:
        if record_id == self.participant.id:
            return self.participant
        for r in self.records:
            if r.id == record_id:
                return r
        return None

    def employer_name(self, employer_id: str | None) -> str:
        for e in self.employers:
            if e.id == employer_id:
                return str(e.fields.get("name") or "")
        return (
            QCoreApplication.translate("ParticipantTab", "Unknown employer") if employer_id else ""
        )

    def employer_options(self) -> list[tuple[str, str]]:
        rows = sorted(self.employers, key=lambda e: str(e.fields.get("name", "")).casefold())
        return [(e.id, str(e.fields.get("name") or "")) for e in rows]

    def flagged(self) -> list[Record]:
        return [r for r in [self.participant, *self.records] if is_flagged(r)]

    def with_record(self, record: Record) -> ParticipantData:
        """A copy with ``record`` in place of its earlier version (or added)."""
        if record.id == self.participant.id:
            return ParticipantData(record, self.records, self.employers, self.unreadable)
        records = [record if r.id == record.id else r for r in self.records]
        if not any(r.id == record.id for r in self.records):
            records.append(record)
        return ParticipantData(self.participant, records, self.employers, self.unreadable)


class TabContext:
    """What a tab needs to read and write, and how it reports back to the view."""

    def __init__(
        self,
        *,
        journal: Journal,
        tasks: TaskRunner,
        clipboard: ClipboardGuard,
        participant_id: str,
        initiator: object,
        error: Callable[[BaseException], None],
        notice: Callable[..., None],
        review: Callable[[str], QDialog | None],
    ) -> None:
        self.journal = journal
        self.tasks = tasks
        self.clipboard = clipboard
        self.participant_id = participant_id
        self.initiator = initiator
        self.report = error
        self.notice = notice
        self.review = review
        self.closed = False  # set when the view shuts down: no more writes from its tabs
        # Writes on their way through the executor, each with the future its caller
        # watches (settled on this thread once the write's events were announced).
        self._writes: dict[Future[Performed[Any]], Future[Any]] = {}
        self._anchor = QObject()  # lands the writes on the GUI thread

    def today(self) -> date:
        return self.journal.today()

    # The view hears of every write from the journal's change event (the writes pass
    # it as initiator), so these only run the write and show why one failed.

    def attempt(self, fn: Callable[[], object]) -> bool:
        """Run one journal write that returns nothing; False (and the reason shown) on failure."""
        if self.closed:
            return False
        try:
            fn()
        except Exception as exc:
            self.report(exc)
            return False
        return True

    def call(self, fn: Callable[[], T]) -> T | None:
        """Run one journal write; on failure show why and return None."""
        if self.closed:
            return None
        try:
            return fn()
        except Exception as exc:
            self.report(exc)
            return None

    def add(self, record_type: str, values: Mapping[str, Any]) -> str:
        """Create a record of this participant; raises (for dialogs that show errors)."""
        return self.journal.add(
            record_type, values, participant_id=self.participant_id, initiator=self.initiator
        )

    def update(self, record_id: str, record_type: str, values: Mapping[str, Any]) -> None:
        """Change a record; raises (for dialogs that show errors)."""
        self.journal.update(record_id, values, initiator=self.initiator)

    # A form's Save does not wait for the executor (a sync page may hold the store):
    # the form is checked here at once, so a bad one is marked without a round trip,
    # and the write lands later (RecordDialog waits for the future).

    def add_soon(self, record_type: str, values: Mapping[str, Any]) -> Future[str]:
        """Queue a new record of this participant; the future brings its id."""
        validate(record_type, values)
        participant_id, initiator = self.participant_id, self.initiator
        return self.perform(
            lambda: (
                save_record(
                    self.journal,
                    record_type=record_type,
                    values=values,
                    participant_id=participant_id,
                    initiator=initiator,
                ).id
            )
        )

    def update_soon(
        self, record_id: str, record_type: str, values: Mapping[str, Any]
    ) -> Future[str]:
        """Queue a change of a record; the future brings its id."""
        validate(record_type, values, partial=True)
        initiator = self.initiator
        return self.perform(
            lambda: (
                save_record(
                    self.journal, record_id=record_id, values=values, initiator=initiator
                ).id
            )
        )

    def perform(self, operation: Callable[[], T]) -> Future[T]:
        """Run ``operation`` on the journal's executor without waiting for it. The future
        is settled on this thread once the write landed and its change events were
        announced here (so the view shows the record as the future says it is saved)."""
        written = self.journal.perform(operation)
        watched: Future[T] = Future()
        self._writes[written] = watched
        on_landed(written, self._anchor, self._land)
        return watched

    def _land(self, written: Future[Performed[Any]]) -> None:
        watched = self._writes.pop(written, None)
        if watched is None:
            return  # already settled by settle()
        try:
            performed = written.result()
        except Exception as exc:
            watched.set_exception(exc)
            return
        self.journal.announce(performed.events)
        watched.set_result(performed.value)

    def writing(self) -> bool:
        """A queued write has not landed yet."""
        return bool(self._writes)

    def settle(self) -> None:
        """Wait for the queued writes and land them now (closing the view: a save that
        is still queued is written, and the views hear of it, before the store locks)."""
        for written in list(self._writes):
            wait([written])
            self._land(written)

    def delete(self, record: Record, *, then: Callable[[], object] | None = None) -> bool:
        """Queue a delete; once it landed, an Undo in the message bar (deletes are
        tombstones, so undo is exact), then ``then``. False when nothing was queued."""
        journal, initiator = self.journal, self.initiator

        def deleted(_: object) -> None:
            self.notice(
                QCoreApplication.translate("ParticipantTab", "%1 deleted.").replace(
                    "%1", type_label(record.type)
                ),
                action_text=QCoreApplication.translate("ParticipantTab", "Undo"),
                action=lambda: self.write(
                    lambda: restore_record(journal, record_id=record.id, initiator=initiator)
                ),
            )
            if then is not None:
                then()

        return self.write(
            lambda: delete_record(journal, record_id=record.id, initiator=initiator), deleted
        )

    def write(self, operation: Callable[[], T], then: Callable[[T], object] | None = None) -> bool:
        """Queue one write without waiting; once it landed, ``then(result)``, or the
        reason it failed is shown. False when nothing was queued (the view is closing,
        the journal locked)."""
        if self.closed:
            return False
        try:
            future = self.perform(operation)
        except Exception as exc:
            self.report(exc)
            return False

        def landed(done: Future[T]) -> None:
            if self.closed:
                return  # landed by the closing view's settle(): nobody left to tell
            try:
                result = done.result()
            except Exception as exc:
                self.report(exc)
                return
            if then is not None:
                then(result)

        on_landed(future, self._anchor, landed)
        return True


# --------------------------------------------------------------------- tabs


class ParticipantTab(QWidget):
    """A page of the participant view that shows some kinds of records.

    Its widgets are made the first time the page is shown (or handed out by
    ``ParticipantView.tab``), so opening a participant builds only the page on
    top. Until then ``reload`` only keeps the data, and the page has nothing
    pending. Subclasses make their widgets in ``build`` and fill them in
    ``show_data``; ``_has_pending``, ``_flush`` and ``_shutdown`` are asked only
    once built.
    """

    kinds: ClassVar[frozenset[str]] = frozenset()
    object_name: ClassVar[str] = "participantTab"

    def __init__(self, ctx: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.journal = ctx.journal
        self.data: ParticipantData | None = None
        self.built = False
        self.setObjectName(self.object_name)
        self.setAccessibleName(self.accessible_title())

    def title(self) -> str:
        raise NotImplementedError

    def accessible_title(self) -> str:
        """The page's name for screen readers (the tab text without its "&&")."""
        return self.title().replace("&&", "&")

    def build(self) -> None:
        """Make the page's widgets (once, before it is first shown)."""

    def ensure_built(self) -> None:
        if self.built:
            return
        self.built = True
        self.build()
        self.retranslate_ui()
        if self.data is not None:
            self.show_data(self.data)

    def setVisible(self, visible: bool) -> None:
        # QStackedWidget shows a page through here: build it while it is still hidden,
        # so its widgets appear with it (no second layout pass, no queued shows).
        if visible and not self.built:
            self.ensure_built()
        super().setVisible(visible)

    def reload(self, data: ParticipantData) -> None:
        self.data = data
        if self.built:
            self.show_data(data)

    def show_data(self, data: ParticipantData) -> None:
        """Fill the built page from ``data``."""

    def record_saved(self, data: ParticipantData, record: Record) -> None:
        """``record`` was saved from this view; by default the page shows ``data`` anew."""
        self.reload(data)

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.accessible_title())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            if self.built:
                self.retranslate_ui()
            else:
                self.setAccessibleName(self.accessible_title())
        super().changeEvent(event)

    def has_pending(self) -> bool:
        return self.built and self._has_pending()

    def flush(self) -> bool:
        return not self.built or self._flush()

    def shutdown(self) -> None:
        if self.built:
            self._shutdown()

    def _has_pending(self) -> bool:
        return False

    def _flush(self) -> bool:
        return True

    def _shutdown(self) -> None:
        self._flush()

    def ref_label(self, record_id: str) -> str:
        """A referenced record as a name (employers, jobs, goals, sessions)."""
        if self.data is None:
            return ""
        found = self.data.by_id(record_id)
        if found is not None:
            from ui.participant_tabs.review import record_title

            return record_title(found)
        name = self.data.employer_name(record_id)
        return name or QCoreApplication.translate("ParticipantTab", "(not available here)")


# -------------------------------------------------------------------- table


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: a translated header and the text for one record."""

    header: Callable[[], str]
    text: Callable[[Record], str]
    stretch: bool = False


def field_column(
    record_type: str,
    name: str,
    *,
    ref_label: Callable[[str], str] | None = None,
    stretch: bool = False,
) -> Column:
    spec = ENTITIES[record_type].by_name[name]
    return Column(
        lambda: field_label(name),
        lambda r: format_value(spec, r.fields.get(name), ref_label=ref_label),
        stretch,
    )


class RecordTable(QTreeWidget):
    """Records as rows, a quiet warning icon on flagged ones; keeps the selection on reload.

    Signals:
        current_record_changed(object): the selected record id, or None.
        record_activated(str): Enter or double-click on a row.
    """

    current_record_changed = Signal(object)
    record_activated = Signal(str)

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[Record] = []
        self.setColumnCount(len(self.columns))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAllColumnsShowFocus(True)
        self.setItemDelegate(RoomyDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        for i, col in enumerate(self.columns):
            header.setSectionResizeMode(
                i,
                QHeaderView.ResizeMode.Stretch
                if col.stretch
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.currentItemChanged.connect(
            lambda cur, _prev: self.current_record_changed.emit(
                cur.data(0, ID_ROLE) if cur is not None else None
            )
        )
        self.itemActivated.connect(
            lambda item, _c: self.record_activated.emit(item.data(0, ID_ROLE))
        )
        self._warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setHeaderLabels([c.header() for c in self.columns])
        self._fill_texts()

    def _fill_item(self, item: QTreeWidgetItem, rec: Record) -> None:
        item.setData(0, ID_ROLE, rec.id)
        item.setData(0, TYPE_ROLE, rec.type)
        for i, col in enumerate(self.columns):
            item.setText(i, col.text(rec))
        flag = flag_text(rec)
        item.setIcon(0, self._warn if flag else QIcon())
        item.setToolTip(0, flag)
        item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, flag)

    def _fill_texts(self) -> None:
        for i, rec in enumerate(self.records):
            item = self.topLevelItem(i)
            if item is not None:
                self._fill_item(item, rec)

    def set_records(self, records: Sequence[Record]) -> None:
        """Show ``records`` in this order, keeping the selected record selected."""
        current = self.current_id()
        same_rows = [r.id for r in records] == [r.id for r in self.records]
        self.records = list(records)
        self.blockSignals(True)
        try:
            if same_rows:
                self._fill_texts()
            else:
                self.clear()
                for rec in self.records:
                    item = QTreeWidgetItem()
                    self._fill_item(item, rec)
                    self.addTopLevelItem(item)
                if current is not None:
                    self._select(current)
        finally:
            self.blockSignals(False)
        if self.current_id() != current:
            self.current_record_changed.emit(self.current_id())

    def _select(self, record_id: str) -> bool:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is not None and item.data(0, ID_ROLE) == record_id:
                self.setCurrentItem(item)
                return True
        return False

    def select(self, record_id: str | None, *, quiet: bool = False) -> bool:
        if quiet:
            self.blockSignals(True)
        try:
            if record_id is None:
                self.setCurrentIndex(QModelIndex())
                self.clearSelection()
                return True
            return self._select(record_id)
        finally:
            if quiet:
                self.blockSignals(False)

    def current_id(self) -> str | None:
        item = self.currentItem()
        return item.data(0, ID_ROLE) if item is not None and item.isSelected() else None

    def current_record(self) -> Record | None:
        rid = self.current_id()
        return next((r for r in self.records if r.id == rid), None)


# ---------------------------------------------------------------- flag bar


class FlagBar(QFrame):
    """A quiet line above a record that was changed on two machines or came back."""

    def __init__(self, ctx: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._record: Record | None = None
        self.setObjectName("flagBar")
        self.setStyleSheet(
            "QFrame#flagBar { background: #fbf3e4; border: 1px solid #ecd9b5;"
            " border-radius: 6px; } QLabel { color: #7a4b00; }"
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(self.review)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.button.setText(QCoreApplication.translate("ParticipantTab", "Review…"))
        self.button.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "Review changes")
        )
        if self._record is not None:
            self.text.setText(flag_text(self._record))

    def set_record(self, record: Record | None) -> None:
        self._record = record
        if record is not None and is_flagged(record):
            self.text.setText(flag_text(record))
            self.show()
        else:
            self.hide()

    def review(self) -> None:
        if self._record is not None:
            self._ctx.review(self._record.id)


# ------------------------------------------------------------ table section


class RecordSection(QGroupBox):
    """A compact table of one record type with Add / Edit / Delete through small dialogs."""

    def __init__(
        self,
        ctx: TabContext,
        record_type: str,
        *,
        title: Callable[[], str],
        columns: Sequence[Column],
        sort_key: Callable[[Record], Any] | None = None,
        newest_first: bool = True,
        defaults: Callable[[], Mapping[str, Any]] = dict,
        ref_options: Callable[[], Mapping[str, Iterable[tuple[str, str]]]] = dict,
        fields: Sequence[str] | None = None,
        filter_fn: Callable[[Record], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_type = record_type
        self._title = title
        self._sort_key = sort_key
        self._newest_first = newest_first
        self._defaults = defaults
        self._ref_options = ref_options
        self._fields = fields
        self.filter_fn = filter_fn
        self.dialog: RecordDialog | None = None
        self.table = RecordTable(columns)
        self.table.record_activated.connect(lambda _rid: self.edit())
        self.table.current_record_changed.connect(lambda _rid: self._update_buttons())
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        self.review_button = QPushButton()
        self.review_button.setObjectName("flagBadge")
        self.review_button.setStyleSheet(BADGE_STYLE)
        self.review_button.clicked.connect(self._review)
        self.empty = quiet_label()
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.edit_button)
        self.buttons.addWidget(self.delete_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(self.buttons)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        title = self._title()
        self.setTitle(title)
        self.table.setAccessibleName(title)
        self.table.retranslate_ui()
        self.add_button.setText(QCoreApplication.translate("ParticipantTab", "Add…"))
        self.add_button.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "Add %1").replace(
                "%1", type_label(self.record_type)
            )
        )
        self.edit_button.setText(QCoreApplication.translate("ParticipantTab", "Edit…"))
        self.edit_button.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "Edit %1").replace(
                "%1", type_label(self.record_type)
            )
        )
        self.delete_button.setText(QCoreApplication.translate("ParticipantTab", "Delete"))
        self.delete_button.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "Delete %1").replace(
                "%1", type_label(self.record_type)
            )
        )
        self.review_button.setText(QCoreApplication.translate("ParticipantTab", "Review changes…"))
        self.empty.setText(QCoreApplication.translate("ParticipantTab", "None recorded yet."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_records(self, records: Iterable[Record]) -> None:
        rows = [r for r in records if r.type == self.record_type]
        if self.filter_fn is not None:
            rows = [r for r in rows if self.filter_fn(r)]
        if self._sort_key is not None:
            rows.sort(key=self._sort_key, reverse=self._newest_first)
        self.table.set_records(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        # Tall enough for the rows there are (up to five), not a fixed block of white.
        row = self.table.sizeHintForRow(0) if rows else 24
        shown = min(max(len(rows), 2), 5)
        self.table.setFixedHeight(self.table.header().sizeHint().height() + row * shown + 6)
        self._update_buttons()

    def _update_buttons(self) -> None:
        rec = self.table.current_record()
        self.edit_button.setEnabled(rec is not None)
        self.delete_button.setEnabled(rec is not None)
        self.review_button.setVisible(rec is not None and is_flagged(rec))

    def _review(self) -> None:
        rec = self.table.current_record()
        if rec is not None:
            self.ctx.review(rec.id)

    def add(self) -> RecordDialog:
        """Open the form for a new record; it is stored when the user presses Save."""
        self.dialog = RecordDialog(
            self.record_type,
            submit=lambda values: self.ctx.add_soon(self.record_type, values),
            title=new_record_title(self.record_type),
            values=self._defaults(),
            fields=self._fields,
            ref_options=self._ref_options(),
            clipboard=self.ctx.clipboard,
            today=self.ctx.today,
            parent=self,
        )
        self.dialog.saved.connect(lambda rid: self.table.select(str(rid)))
        self.dialog.open()
        return self.dialog

    def edit(self) -> RecordDialog | None:
        rec = self.table.current_record()
        if rec is None:
            return None
        self.dialog = RecordDialog(
            self.record_type,
            submit=lambda values: self.ctx.update_soon(rec.id, rec.type, values),
            title=type_label(self.record_type),
            values=rec.fields,
            fields=self._fields,
            ref_options=self._ref_options(),
            changed_only=True,
            clipboard=self.ctx.clipboard,
            today=self.ctx.today,
            parent=self,
        )
        self.dialog.open()
        return self.dialog

    def delete_selected(self) -> None:
        rec = self.table.current_record()
        if rec is not None:
            self.ctx.delete(rec)


# ------------------------------------------------------------ master/detail


class RecordListPanel(QWidget):
    """A list of one record type beside an autosaving form for the selected one.

    New records are made through a small dialog (their required fields come
    first); after that, edits save themselves.
    """

    def __init__(
        self,
        ctx: TabContext,
        record_type: str,
        *,
        columns: Sequence[Column],
        sort_key: Callable[[Record], Any] | None = None,
        newest_first: bool = True,
        defaults: Callable[[], Mapping[str, Any]] = dict,
        ref_options: Callable[[], Mapping[str, Iterable[tuple[str, str]]]] = dict,
        fields: Sequence[str] | None = None,
        new_fields: Sequence[str] | None = None,
        filter_fn: Callable[[Record], bool] | None = None,
        orientation: Qt.Orientation = Qt.Orientation.Horizontal,
        add_text: Callable[[], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_type = record_type
        self._sort_key = sort_key
        self._newest_first = newest_first
        self._defaults = defaults
        self._ref_options = ref_options
        self._new_fields = new_fields
        self._add_text = add_text
        self.filter_fn = filter_fn
        self.dialog: RecordDialog | None = None
        self.table = RecordTable(columns)
        self.table.current_record_changed.connect(self._show_current)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        self.empty = quiet_label()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(8)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        left_layout.addLayout(row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty, 1)

        self.form = RecordForm(
            record_type, fields=fields, clipboard=ctx.clipboard, text_rows=4, today=ctx.today
        )
        self.saver = RecordAutosaver(
            journal=ctx.journal,
            form=self.form,
            participant_id=ctx.participant_id,
            initiator=ctx.initiator,
            parent=self,
        )
        flush_on_focus_out(self.saver, self.form.editors())
        self.flag_bar = FlagBar(ctx)
        self.state_label = SaveStateLabel(self.saver)
        self.detail_title = section_title()
        self.placeholder = quiet_label()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(4, 0, 4, 0)
        detail_layout.setSpacing(10)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.flag_bar)
        detail_layout.addWidget(self.form)
        detail_layout.addWidget(self.placeholder, 1)
        detail_layout.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.state_label, 1)
        detail_layout.addLayout(bottom)
        self.detail_scroll = scrolling(self.detail)

        self.splitter = QSplitter(orientation)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail_scroll)
        if orientation == Qt.Orientation.Horizontal:
            self.splitter.setStretchFactor(0, 2)
            self.splitter.setStretchFactor(1, 3)
            self.splitter.setSizes([480, 720])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.retranslate_ui()
        self._show_current(None)

    def retranslate_ui(self) -> None:
        label = type_label(self.record_type)
        self.table.retranslate_ui()
        self.table.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "%1 list").replace("%1", label)
        )
        self.add_button.setText(
            self._add_text()
            if self._add_text
            else QCoreApplication.translate("ParticipantTab", "Add…")
        )
        self.add_button.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "Add %1").replace("%1", label)
        )
        self.delete_button.setText(QCoreApplication.translate("ParticipantTab", "Delete"))
        self.delete_button.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "Delete %1").replace("%1", label)
        )
        self.empty.setText(QCoreApplication.translate("ParticipantTab", "None recorded yet."))
        self.placeholder.setText(
            QCoreApplication.translate(
                "ParticipantTab", "Choose one in the list, or add a new one."
            )
            if self.table.records
            else QCoreApplication.translate(
                "ParticipantTab", "Nothing here yet. Use the button above the list to add one."
            )
        )
        self.detail_title.setText(label)
        self.form.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_records(self, records: Iterable[Record]) -> None:
        for name, options in self._ref_options().items():
            if name in self.form.field_names:
                self.form.set_ref_options(name, options)
        rows = [r for r in records if r.type == self.record_type]
        if self.filter_fn is not None:
            rows = [r for r in rows if self.filter_fn(r)]
        if self._sort_key is not None:
            rows.sort(key=self._sort_key, reverse=self._newest_first)
        had = self.table.current_id()
        self.table.set_records(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if self.table.current_id() is None and rows:
            self.table.select(rows[0].id)
        current = self.table.current_record()
        if current is not None and current.id == had:
            self.saver.external_update(current)
            self.flag_bar.set_record(current)

    def _show_current(self, _rid: object) -> None:
        rec = self.table.current_record()
        if rec is not None and rec.id == self.saver.record_id:
            self.flag_bar.set_record(rec)
            return
        if not self.saver.flush():
            # Stay on the record whose edit could not be saved; the state line says why.
            if self.saver.record_id is not None:
                QTimer.singleShot(
                    0, self, lambda: self.table.select(self.saver.record_id, quiet=True)
                )
            return
        self.saver.load(rec)
        self.flag_bar.set_record(rec)
        for w in (self.form, self.delete_button, self.detail_title, self.state_label):
            w.setVisible(rec is not None)
        self.placeholder.setVisible(rec is None)
        self.retranslate_ui()

    def add(self) -> RecordDialog:
        self.saver.flush()
        self.dialog = RecordDialog(
            self.record_type,
            submit=lambda values: self.ctx.add_soon(self.record_type, values),
            title=new_record_title(self.record_type),
            values=self._defaults(),
            fields=self._new_fields,
            ref_options=self._ref_options(),
            clipboard=self.ctx.clipboard,
            today=self.ctx.today,
            parent=self,
        )
        self.dialog.saved.connect(lambda rid: self.table.select(str(rid)))
        self.dialog.open()
        return self.dialog

    def delete_selected(self) -> None:
        rec = self.table.current_record()
        if rec is not None and self.saver.flush():
            self.ctx.delete(rec)

    def has_pending(self) -> bool:
        return self.saver.has_pending()

    def flush(self) -> bool:
        return self.saver.flush()

    def shutdown(self) -> None:
        self.saver.flush()
        self.saver.stop()


__all__ = [
    "Column",
    "FlagBar",
    "ParticipantData",
    "ParticipantTab",
    "RecordListPanel",
    "RecordSection",
    "RecordTable",
    "TabContext",
    "field_column",
    "new_record_title",
]
