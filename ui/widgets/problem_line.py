"""The line under a form that says what keeps it from being saved.

It names each field with its label and what is wrong ("Name is required"), and
says only what is left as the user changes those fields: the last one fixed takes
the line away, so no stale "Please check" stays up over a form that is right.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QLabel

from ui.labels import problems_text


class ProblemLine:
    """Drives ``label``: ``show_problems`` for a form's fields, ``show_text`` for any
    other failure, ``field_changed`` from the fields' change signals."""

    def __init__(self, label: QLabel) -> None:
        self.label = label
        self.problems: dict[str, str] = {}

    def show_problems(self, errors: Mapping[str, str]) -> None:
        self.show_text(problems_text(errors), fields=errors)

    def show_text(self, text: str, *, fields: Mapping[str, str] | None = None) -> None:
        """``text``; it goes once every field in ``fields`` has changed (never without)."""
        self.problems = dict(fields or {})
        self.label.setText(text)
        self.label.show()

    def field_changed(self, name: str) -> None:
        if self.problems.pop(name, None) is None:
            return
        if self.problems:
            self.label.setText(problems_text(self.problems))
        else:
            self.label.hide()

    def hide(self) -> None:
        self.problems = {}
        self.label.hide()
