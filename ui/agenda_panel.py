"""The agenda beside the caseload: "I dag" and "Denne uken" (app/operations/agenda.py).

Activating an item (click, Enter) asks to open its participant at the tab that
holds the record settling it: the contact for an employer's next step, the
meetings, jobs and follow-along, notes for the two talks, sessions.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.agenda import AGENDA_CHANGE_TYPES, Agenda, AgendaItem
from app.journal import ChangeEvent, Journal
from app.operations.agenda import week_agenda
from ui.errors import describe
from ui.formats import format_date
from ui.tasks import TaskRunner
from ui.widgets.items import draw_item_without_text

ALERT = QColor("#9b1c1c")
PARTICIPANT_ROLE = Qt.ItemDataRole.UserRole
RECORD_TYPE_ROLE = Qt.ItemDataRole.UserRole + 1
# An item's (when, who, what), which the delegate lays out in the width it has.
PARTS_ROLE = Qt.ItemDataRole.UserRole + 2
# Beside its date, a name keeps at least this many letters, or takes a line of its own.
NAME_LETTERS = 8
# Changes come in bursts (a sync page, typing): one reload after they settle.
RELOAD_DELAY_MS = 300


def kind_text(item: AgendaItem) -> str:
    """What to do, in the language loaded."""
    texts = {
        "employer_visit": QCoreApplication.translate("AgendaPanel", "Employer visit"),
        "employer_next_step": QCoreApplication.translate("AgendaPanel", "Next step with employer"),
        "meeting": QCoreApplication.translate("AgendaPanel", "Collaboration meeting"),
        "follow_along": QCoreApplication.translate("AgendaPanel", "Follow-along contact"),
        "disclosure_talk": QCoreApplication.translate(
            "AgendaPanel", "Talk about disclosure again (day 60)"
        ),
        "benefits_talk": QCoreApplication.translate(
            "AgendaPanel", "Benefits counselling before the job start"
        ),
        "outcome_6m": QCoreApplication.translate("AgendaPanel", "Record the six-month outcome"),
        "therapy_session": QCoreApplication.translate("AgendaPanel", "Therapy session"),
    }
    return texts[item.kind]


def checkpoint_text(name: str) -> str:
    """A follow-along checkpoint: before_start, week_2, month_3 …"""
    kind, _, number = name.partition("_")
    if name == "before_start":
        return QCoreApplication.translate("AgendaPanel", "before the start")
    if name == "after_start":
        return QCoreApplication.translate("AgendaPanel", "after the start")
    if name == "after_end":
        return QCoreApplication.translate("AgendaPanel", "after the job ended")
    if kind == "week":
        return QCoreApplication.translate("AgendaPanel", "week %1").replace("%1", number)
    if kind == "month":
        return QCoreApplication.translate("AgendaPanel", "month %1").replace("%1", number)
    return name


def item_text(item: AgendaItem, today_section: bool) -> str:
    """What to do, with the record's own words (a window that opens later this week
    says from when)."""
    what = kind_text(item)
    if item.checkpoint:
        what += f" ({checkpoint_text(item.checkpoint)})"
    if item.until is not None and not today_section:
        opens = QCoreApplication.translate("AgendaPanel", "from %1")
        what += ", " + opens.replace("%1", format_date(item.day))
    if item.detail:
        what += f": {item.detail}"
    return what


def item_when(item: AgendaItem, today_section: bool) -> str:
    """The date shown before an item: the day an overdue one was due, a window's last
    day; none for today's others."""
    if item.overdue:
        since = QCoreApplication.translate("AgendaPanel", "overdue since %1")
        return since.replace("%1", format_date(item.day))
    if item.until is not None:
        by = QCoreApplication.translate("AgendaPanel", "by %1")
        return by.replace("%1", format_date(item.until))
    if today_section:
        return ""
    return format_date(item.day)


def item_lines(when: str, who: str, what: str, metrics: QFontMetrics, width: int) -> list[str]:
    """The lines an item shows in ``width`` pixels: "when · who" (the date whole, the name
    cut at the end), then what to do (cut at the end). Where the date leaves the name too
    little room, the name takes a line of its own."""

    def cut(text: str, room: int) -> str:
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 0))

    what_line = cut(what, width)
    if not when:
        return [cut(who, width), what_line]
    head = f"{when} · "
    room = width - metrics.horizontalAdvance(head)
    if metrics.horizontalAdvance(who) <= room or room >= metrics.horizontalAdvance(
        who[:NAME_LETTERS] + "…"
    ):
        return [head + cut(who, room), what_line]
    # Too narrow for "overdue since" too: cut at the start, the date kept.
    when_line = metrics.elidedText(when, Qt.TextElideMode.ElideLeft, width)
    return [when_line, cut(who, width), what_line]


class AgendaItemDelegate(QStyledItemDelegate):
    """Draws an agenda item's lines, each on its own and cut at the end to the width
    (a wrapped first line pushed "what" out of its row)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def _margin(self) -> int:
        style = self.tree.style()
        return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.tree) + 1

    def lines(
        self, index: QModelIndex | QPersistentModelIndex, width: int | None = None
    ) -> list[str]:
        """The lines ``index`` shows (for the delegate and tests); [] for a heading."""
        parts = index.data(PARTS_ROLE)
        if not parts:
            return []
        if width is None:  # the row's width in the tree, less its indentation
            depth = 1 if index.parent().isValid() else 0
            width = self.tree.viewport().width() - depth * self.tree.indentation()
        when, who, what = parts
        return item_lines(when, who, what, self.tree.fontMetrics(), width - 2 * self._margin())

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)  # the item's own text: two lines
        lines = self.lines(index)
        if len(lines) > 2:
            size.setHeight(size.height() + (len(lines) - 2) * self.tree.fontMetrics().lineSpacing())
        return size

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        lines = self.lines(index, option.rect.width())
        if not lines:
            super().paint(painter, option, index)
            return
        opt, colour = draw_item_without_text(self, painter, option, index)
        rect = opt.rect.adjusted(self._margin(), 0, -self._margin(), 0)
        step = opt.fontMetrics.lineSpacing()
        top = rect.top() + (rect.height() - step * len(lines)) // 2
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(colour)
        for n, line in enumerate(lines):
            box = QRect(rect.left(), top + n * step, rect.width(), step)
            painter.drawText(
                box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line
            )
        painter.restore()


class AgendaPanel(QWidget):
    """Today's items (overdue first) and the rest of the week's.

    Signals:
        open_requested(str, str): participant id and the record type to show.
        loaded(): the agenda was (re)built.
    """

    open_requested = Signal(str, str)
    loaded = Signal()

    def __init__(
        self,
        *,
        journal: Journal,
        tasks: TaskRunner,
        mine_only: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agendaPanel")
        self.journal = journal
        self.tasks = tasks
        self.mine_only = mine_only
        self.agenda: Agenda | None = None
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setStyleSheet("font-weight: 600;")
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        self.message.hide()
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        # Each line cut at the end to the width, the date and what to do kept whole.
        self.delegate = AgendaItemDelegate(self.tree)
        self.tree.setItemDelegate(self.delegate)
        self.tree.viewport().installEventFilter(self)
        self._laid_out_width = -1
        # A click opens; so does Enter. Where a click also "activates" (a platform's
        # single-click setting), the second signal of the same click is ignored.
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self._opening = False
        self.today_item = QTreeWidgetItem(self.tree)
        self.week_item = QTreeWidgetItem(self.tree)
        for header in (self.today_item, self.week_item):
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = header.font(0)
            font.setBold(True)
            header.setFont(0, font)
            header.setExpanded(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.tree, 1)
        self._red = QBrush(ALERT)
        self._pending = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELOAD_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.retranslate_ui()
        self.reload()

    # ------------------------------------------------------------ texts

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Agenda"))
        self.tree.setAccessibleName(self.tr("Agenda"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        # A name may take a line of its own in a narrower agenda: the rows' heights
        # are measured again when the width changes.
        if event.type() == QEvent.Type.Resize and watched is self.tree.viewport():
            width = self.tree.viewport().width()
            if width != self._laid_out_width:
                self._laid_out_width = width
                self.tree.doItemsLayout()
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ loading

    def set_mine_only(self, mine_only: bool) -> None:
        self.mine_only = mine_only
        self.reload()

    def reload(self) -> None:
        if self._pending:
            self._again = True
            return
        self._pending = True
        mine = self.mine_only
        journal = self.journal
        self.tasks.run(
            lambda _p, _c: week_agenda(journal, mine_only=mine),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, agenda: Agenda) -> None:
        self._pending = False
        if self._again:
            self._again = False
            self.reload()
            return
        self.agenda = agenda
        self.message.hide()
        self._fill()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._pending = False
        self.message.setText(describe(exc))
        self.message.show()

    def on_change(self, event: ChangeEvent) -> None:
        if event.kinds & AGENDA_CHANGE_TYPES:
            self._timer.start()

    def shutdown(self) -> None:
        self._timer.stop()

    # ------------------------------------------------------------ showing

    def _fill(self) -> None:
        agenda = self.agenda
        today = agenda.today_items if agenda else ()
        week = agenda.week_items if agenda else ()
        self.today_item.setText(0, self.tr("Today (%n)", "", len(today)))
        self.week_item.setText(0, self.tr("This week (%n)", "", len(week)))
        for header, items, empty, is_today in (
            (self.today_item, today, self.tr("Nothing today."), True),
            (self.week_item, week, self.tr("Nothing more this week."), False),
        ):
            header.takeChildren()
            if not items:
                blank = QTreeWidgetItem(header, [empty])
                blank.setFlags(Qt.ItemFlag.ItemIsEnabled)
                blank.setForeground(0, self.palette().placeholderText())
            for item in items:
                # Two lines: when and who, then what (in full in the tooltip).
                when = item_when(item, is_today)
                who = f"{when} · {item.participant_name}" if when else item.participant_name
                what = item_text(item, is_today)
                row = QTreeWidgetItem(header, [f"{who}\n{what}"])
                row.setData(0, PARTICIPANT_ROLE, item.participant_id)
                row.setData(0, RECORD_TYPE_ROLE, item.record_type)
                row.setData(0, PARTS_ROLE, (when, item.participant_name, what))
                opening = self.tr("Open %1").replace("%1", item.participant_name)
                row.setToolTip(0, f"{who}\n{what}\n{opening}")  # whole, should a line be cut
                if item.overdue:
                    row.setForeground(0, self._red)
            header.setExpanded(True)

    def rows(self) -> list[tuple[str, str]]:
        """(section, line) of every item shown, in order (for tests and screen readers)."""
        out: list[tuple[str, str]] = []
        for header in (self.today_item, self.week_item):
            for n in range(header.childCount()):
                child = header.child(n)
                if child.data(0, PARTICIPANT_ROLE):
                    out.append((header.text(0), child.text(0)))
        return out

    def _activate(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        pid = row.data(0, PARTICIPANT_ROLE)
        if not pid or self._opening:
            return
        self._opening = True
        QTimer.singleShot(0, self._opened)
        self.open_requested.emit(str(pid), str(row.data(0, RECORD_TYPE_ROLE) or ""))

    def _opened(self) -> None:
        self._opening = False
