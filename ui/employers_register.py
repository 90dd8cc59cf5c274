"""The employer register's table: one row per employer, sortable and filtered as you type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QWidget

from app.operations.employers import EmployerLine
from ui.formats import format_date

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


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
