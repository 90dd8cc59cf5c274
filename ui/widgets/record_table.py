"""Records as rows of a table: columns made from the schema's fields, a quiet warning
icon on flagged ones, the selection kept across reloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.domain.schema import ENTITIES
from app.operations.records import ShownRecord as Record
from ui.labels import field_label
from ui.record_form import format_value
from ui.widgets.flag_bar import flag_text
from ui.widgets.items import ID_ROLE, TYPE_ROLE, RoomyDelegate


def by_date_desc(name: str = "date") -> Callable[[Record], Any]:
    return lambda r: (str(r.fields.get(name) or ""), r.id)


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
