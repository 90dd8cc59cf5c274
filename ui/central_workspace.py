"""The workspace of a central-team profile: the teams' reported figures and nothing else.

A central-team laptop holds report keys only (no participant, team or clinical
key), so there is no caseload, employer register or participant to show; the
window puts this in place of :class:`ui.workspace.Workspace`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenuBar, QVBoxLayout, QWidget

from app.journal import Journal
from ui.central_view import CentralView
from ui.tasks import TaskRunner


class CentralWorkspace(QWidget):
    """Hosts the central view with the interface the main window expects of a workspace."""

    def __init__(
        self, *, journal: Journal, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.central = CentralView(journal=journal, tasks=tasks)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.central)
        self._unsubscribe: Callable[[], None] | None = journal.subscribe(self.central.on_change)
        self.setFocusProxy(self.central)

    def add_menu_actions(self, menu: QMenuBar) -> None:
        """Nothing beyond the window's own menu."""

    def ready_to_close(self) -> bool:
        return True  # nothing is edited here

    def shutdown(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.central.shutdown()


__all__ = ["CentralWorkspace"]
