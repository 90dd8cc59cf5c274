"""Records changed on two machines at once, or deleted elsewhere while edited here: how
they are told apart from the rest, and the quiet bar above one that offers a review."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.operations.records import ShownRecord as Record


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


class FlagBar(QFrame):
    """A quiet line above a record that was changed on two machines or came back."""

    def __init__(self, review: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._review = review
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
            self._review(self._record.id)
