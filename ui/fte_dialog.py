"""A team lead's setting: each job specialist's FTE, which caseload per FTE divides by
(app.operations.team; a name without one counts 1.0)."""

from __future__ import annotations

from concurrent.futures import Future

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import FTE_MAX, FTE_MIN
from app.journal import Journal, Performed
from app.operations.team import FteLine, set_fte
from ui.errors import describe
from ui.tasks import on_landed


class FteDialog(QDialog):
    """One spin box per job specialist of the team; saving writes the changed ones."""

    def __init__(
        self, *, journal: Journal, lines: list[FteLine], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setWindowTitle(self.tr("Job specialists' FTE"))
        intro = QLabel(
            self.tr(
                "Caseload per FTE divides the active participants by these. A job specialist "
                "without a setting counts as full time (1,0). Every laptop of the team gets "
                "the values at its next sync."
            )
        )
        intro.setWordWrap(True)
        self.spins: dict[str, QDoubleSpinBox] = {}
        self._before: dict[str, float] = {}
        form = QFormLayout()
        for line in lines:
            spin = QDoubleSpinBox()
            spin.setDecimals(1)
            spin.setSingleStep(0.1)
            spin.setRange(FTE_MIN, FTE_MAX)
            spin.setValue(line.fte)
            spin.setAccessibleName(self.tr("FTE of %1").replace("%1", line.job_specialist))
            form.addRow(line.job_specialist, spin)
            self.spins[line.job_specialist] = spin
            self._before[line.job_specialist] = line.fte
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def changed(self) -> dict[str, float]:
        return {
            name: round(spin.value(), 1)
            for name, spin in self.spins.items()
            if round(spin.value(), 1) != round(self._before[name], 1)
        }

    def save(self) -> None:
        changed = self.changed()
        if not changed:
            self.accept()
            return
        journal = self.journal

        def write() -> int:
            with journal.store.transaction():
                for name, fte in changed.items():
                    set_fte(journal, job_specialist=name, fte=fte, initiator=self)
            return len(changed)

        on_landed(journal.perform(write), self, self._saved)

    def _saved(self, future: Future[Performed[int]]) -> None:
        try:
            performed = future.result()
        except Exception as exc:
            self.message.setText(describe(exc))
            self.message.show()
            return
        self.journal.announce(performed.events)
        self.accept()
