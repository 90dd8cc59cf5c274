"""Quiet texts, section titles and the scroll area a tall panel sits in."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

QUIET_TEXT = "color: palette(placeholder-text);"
BADGE_STYLE = (
    "QPushButton#flagBadge, QLabel#flagBadge { background: #fbf3e4; color: #7a4b00;"
    " border: 1px solid #ecd9b5; border-radius: 10px; padding: 2px 10px; }"
)


def scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def quiet_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(QUIET_TEXT)
    label.setWordWrap(True)
    return label


def section_title(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    label.setStyleSheet("font-size: 12pt; font-weight: 600;")
    return label


def drawn_text_width(label: QLabel) -> int:
    """How wide a label draws its plain text. The underlined mnemonic letter ("&T") is
    laid out apart from its neighbours, without the kerning between them, so the text
    draws wider than its size hint counts ("&Telefon": 52 px for a hint of 50)."""
    text, metrics = label.text(), label.fontMetrics()
    at = text.find("&")
    if at < 0 or text.startswith("&&", at):
        return metrics.horizontalAdvance(text.replace("&&", "&"))
    parts = (text[:at], text[at + 1 : at + 2], text[at + 2 :])
    return sum(metrics.horizontalAdvance(part) for part in parts if part)


class FormLabel(QLabel):
    """A form's label that asks for the width its text really draws (never cut)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        width = drawn_text_width(self) + margins.left() + margins.right() + 2 * self.margin()
        return QSize(max(hint.width(), width), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self.sizeHint().width()), hint.height())
