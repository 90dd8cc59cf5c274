"""Exit reasons in words: one list for the window and the command line.

The window translates them with Qt's catalogue (context "Labels", ui/labels.py merges
them into its choice labels); the command line with app.words. Both translation tools
read the literals here (tools/translations.py), so neither copies the list.
"""

from __future__ import annotations

from typing import Final


def QT_TRANSLATE_NOOP(context: str, text: str, /) -> str:
    """Marks ``text`` for Qt's catalogue (pyside6-lupdate finds the name) without Qt."""
    del context
    return text


EXIT_REASON_LABELS: Final[dict[str, str]] = {
    "ordinary_work": QT_TRANSLATE_NOOP("Labels", "Ordinary paid work"),
    "education": QT_TRANSLATE_NOOP("Labels", "Education"),
    "supported_work": QT_TRANSLATE_NOOP("Labels", "Supported work"),
    "sheltered_work": QT_TRANSLATE_NOOP("Labels", "Sheltered work"),
    "dropped_out": QT_TRANSLATE_NOOP("Labels", "Dropped out"),
    "moved": QT_TRANSLATE_NOOP("Labels", "Moved"),
    "health": QT_TRANSLATE_NOOP("Labels", "Health"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}
