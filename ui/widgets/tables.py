"""Whether a table's columns must all show in its width, as the screen audit checks."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView

# A Qt property: set on a table whose columns may lie behind a sideways scroll bar.
_SCROLLS_SIDEWAYS = "scrollsSideways"


def let_scroll_sideways(table: QAbstractItemView) -> None:
    """Let ``table``'s columns need more width than it has (the audit passes it over)."""
    table.setProperty(_SCROLLS_SIDEWAYS, True)


def scrolls_sideways(table: QAbstractItemView) -> bool:
    """True when ``table`` was let scroll sideways."""
    return bool(table.property(_SCROLLS_SIDEWAYS))
