"""Quiet texts, section titles and the scroll area a tall panel sits in."""

from __future__ import annotations

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
