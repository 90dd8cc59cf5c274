"""Why each person matched a search: one line per matching record under the caseload.

Each hit shows whose record it is, what kind, its date and a snippet of the
matching text with the typed words marked; opening a hit (click, or Enter)
opens that record in the participant's view (a note in the notes tab). The
hits come from ``app.operations.search.search``, the same operation
``feltjournal search`` prints. Snippets live only in this list's items: in
memory, gone when the search changes or the journal locks.
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.operations.search import SearchHit
from ui.formats import format_date
from ui.labels import type_label
from ui.widgets.items import draw_item_without_text

HTML_ROLE = Qt.ItemDataRole.UserRole + 10
PARTICIPANT_ROLE = Qt.ItemDataRole.UserRole + 11
RECORD_ROLE = Qt.ItemDataRole.UserRole + 12
MARK_STYLE = "background-color: #fde68a; color: #1f1f1f; font-weight: 600;"


def hit_html(hit: SearchHit) -> str:
    """Two lines: who · what · when, then the snippet with the matched words marked."""
    e = html.escape
    head = " · ".join(
        x for x in (f"<b>{e(hit.name)}</b>", e(type_label(hit.type)), e(format_date(hit.date))) if x
    )
    snippet = "".join(
        f"<span style='{MARK_STYLE}'>{e(text)}</span>" if matched else e(text)
        for text, matched in hit.snippet.runs
    )
    return f"{head}<br>{snippet}"


def hit_text(hit: SearchHit) -> str:
    """The same, as plain text (for screen readers and tests)."""
    head = " · ".join(x for x in (hit.name, type_label(hit.type), format_date(hit.date)) if x)
    return f"{head}\n{hit.snippet.text}"


class HitDelegate(QStyledItemDelegate):
    """Paints an item's HTML, wrapped to the list's width."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(6)
        doc.setHtml(str(index.data(HTML_ROLE) or ""))
        doc.setTextWidth(max(option.rect.width(), 200))
        return doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt, colour = draw_item_without_text(self, painter, option, index)
        doc = self._document(opt, index)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, colour)
        painter.save()
        rect = opt.rect
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


class SearchResults(QWidget):
    """A heading and the list of hits.

    Signals:
        open_requested(str, str): a participant id and the id of the record to show.
    """

    open_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.list = QListWidget()
        self.list.setItemDelegate(HitDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.clicked.connect(self._open)
        self.list.activated.connect(self._open)
        self.heading.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self._opening = False
        self._count = 0
        self._problem = ""
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self._problem:
            self.heading.setText(self._problem)
        else:
            self.heading.setText(self.tr("Found in the journal: %n record(s)", "", self._count))
        self.list.setAccessibleName(self.tr("Search hits: why each person matched"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_hits(self, hits: list[SearchHit]) -> None:
        """Show these hits (those about a participant), best first."""
        self.list.clear()
        shown = [h for h in hits if h.participant_id is not None]
        for hit in shown:
            item = QListWidgetItem()
            item.setData(HTML_ROLE, hit_html(hit))
            item.setData(Qt.ItemDataRole.DisplayRole, hit_text(hit))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, hit_text(hit).replace("\n", ": "))
            item.setData(PARTICIPANT_ROLE, hit.participant_id)
            item.setData(RECORD_ROLE, hit.id)
            self.list.addItem(item)
        self._count = len(shown)
        self._problem = ""
        self.retranslate_ui()

    def show_problem(self, text: str) -> None:
        """No hits, and ``text`` (why the search failed) in the heading's place."""
        self.set_hits([])
        self._problem = text
        self.retranslate_ui()

    def clear(self) -> None:
        self.set_hits([])

    def count(self) -> int:
        return self._count

    def focus_first(self) -> bool:
        if not self._count:
            return False
        self.list.setCurrentRow(0)
        self.list.setFocus()
        return True

    def _open(self, index: QModelIndex) -> None:
        # A click may also count as an activation: open once.
        if self._opening or not index.isValid():
            return
        pid, rid = index.data(PARTICIPANT_ROLE), index.data(RECORD_ROLE)
        if not pid or not rid:
            return
        self._opening = True
        QTimer.singleShot(0, self, lambda: self._emit(str(pid), str(rid)))

    def _emit(self, pid: str, rid: str) -> None:
        self._opening = False
        self.open_requested.emit(pid, rid)
