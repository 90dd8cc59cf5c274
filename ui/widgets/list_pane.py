"""The left side of a record tab: a count, a "new" button, the list and an empty-state text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from ui.widgets.labels import quiet_label, section_title


class ListPane(QWidget):
    """The left side of a record tab: a count, a "new" button, the list and an empty-state text."""

    def __init__(
        self,
        *,
        on_new: Callable[[], object],
        on_chosen: Callable[..., None],
        extra: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.count_label = section_title()
        self.new_button = QPushButton()
        self.new_button.clicked.connect(on_new)
        self.list = QListWidget()
        self.list.setSpacing(2)
        self.list.currentItemChanged.connect(on_chosen)
        self.empty = quiet_label()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        if extra is not None:
            layout.addWidget(extra)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
