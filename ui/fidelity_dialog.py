"""The team lead's fidelity review of one period, and the exits left out of into work.

The IPS-25 items nothing recorded can compute (leadership, supervision, …) are
rated 1–5 here; "Not rated" leaves one out of the total. Each save is a new
version of the period's review (earlier versions stay, listed below the form).
The exit reasons NAV leaves out besides a move away are a team setting. Both
are team records every laptop of the team syncs; reading and saving run on the
journal's executor (app.operations.team_settings).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import NAV_EXCLUDABLE_REASONS
from app.indicators import RATED_ITEMS, Period
from app.journal import Journal
from app.operations.team_settings import (
    FidelityReview,
    TeamSettings,
    fidelity_reviews,
    save_fidelity_review,
    set_nav_excluded_reasons,
    team_settings,
)
from ui.errors import describe
from ui.formats import format_date
from ui.labels import choice_label
from ui.reports_format import item_label, period_text
from ui.tasks import TaskRunner

Loaded = tuple[list[FidelityReview], TeamSettings]


class FidelityReviewDialog(QDialog):
    """Rate the items the records cannot show, for ``period``; set the into-work exclusions.

    Signals:
        saved(): the review or the setting was saved (the report should rebuild).
    """

    saved = Signal()

    def __init__(
        self,
        *,
        journal: Journal,
        tasks: TaskRunner,
        period: Period,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.tasks = tasks
        self.period = period
        self._loaded: Loaded | None = None
        self.setModal(True)
        self.setMinimumWidth(560)
        self.setWindowTitle(
            self.tr("Fidelity review, %1").replace("%1", period_text(period, with_year=True))
        )

        intro = QLabel(
            self.tr(
                "Rate the items the records cannot show, 1 (not implemented) to 5 (fully "
                "implemented), for this period. An item left at “Not rated” stays out of the "
                "total. Each save keeps the earlier versions."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.scores: dict[str, QComboBox] = {}
        form = QFormLayout()
        for key in RATED_ITEMS:
            box = QComboBox()
            box.addItem(self.tr("Not rated"), 0)
            for n in range(1, 6):
                box.addItem(str(n), n)
            box.setAccessibleName(item_label(key))
            self.scores[key] = box
            form.addRow(item_label(key), box)
        items = QWidget()
        items.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(items)
        scroll.setMinimumHeight(240)

        self.history = QLabel()
        self.history.setObjectName("hint")
        self.history.setWordWrap(True)

        group = QGroupBox(self.tr("Into work: exits also left out (moving away always is)"))
        gl = QGridLayout(group)
        self.excluded: dict[str, QCheckBox] = {}
        for i, reason in enumerate(NAV_EXCLUDABLE_REASONS):
            check = QCheckBox(choice_label(reason))
            self.excluded[reason] = check
            gl.addWidget(check, i // 3, i % 3)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._save_enabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.history)
        layout.addWidget(group)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._load()

    def _save_enabled(self, on: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(on)

    # ------------------------------------------------------------- loading

    def _load(self) -> None:
        journal, period = self.journal, self.period

        def task(_p: Callable[[int, int], None], _c: Callable[[], bool]) -> Loaded:
            return fidelity_reviews(journal, period=period), team_settings(journal)

        self.tasks.run(task, on_done=self._show, on_error=self._failed)

    def _show(self, loaded: object) -> None:
        assert isinstance(loaded, tuple)
        reviews, settings = loaded
        self._loaded = (reviews, settings)
        current = reviews[0] if reviews else None
        for key, box in self.scores.items():
            score = current.scores.get(key, 0) if current else 0
            box.setCurrentIndex(max(0, box.findData(score)))
        for reason, check in self.excluded.items():
            check.setChecked(reason in settings.nav_excluded_exit_reasons)
        if reviews:
            lines = [
                self.tr("Version %1, %2, %3: %n item(s) rated", "", len(v.scores))
                .replace("%1", str(v.revision))
                .replace("%2", format_date(v.reviewed))
                .replace("%3", v.reviewer)
                for v in reviews
            ]
            self.history.setText(self.tr("Saved versions:") + "\n" + "\n".join(lines))
        else:
            self.history.setText(self.tr("No review saved for this period yet."))
        # The history's lines came after the dialog was laid out: make room for them.
        self.adjustSize()
        self._save_enabled(True)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(describe(exc))
        self.error.show()
        self._save_enabled(self._loaded is not None)

    # -------------------------------------------------------------- saving

    def chosen_scores(self) -> dict[str, int]:
        return {k: int(box.currentData()) for k, box in self.scores.items() if box.currentData()}

    def chosen_exclusions(self) -> list[str]:
        return [r for r, check in self.excluded.items() if check.isChecked()]

    def save(self) -> None:
        """Save a new version when the ratings changed, and the setting when it changed."""
        if self._loaded is None:
            return
        reviews, settings = self._loaded
        scores, reasons = self.chosen_scores(), self.chosen_exclusions()
        before = dict(reviews[0].scores) if reviews else {}
        new_review = scores != before
        new_setting = tuple(reasons) != settings.nav_excluded_exit_reasons
        if not new_review and not new_setting:
            self.accept()
            return
        journal, period = self.journal, self.period
        self._save_enabled(False)

        def task(_p: Callable[[int, int], None], _c: Callable[[], bool]) -> None:
            if new_review:
                save_fidelity_review(journal, period=period, scores=scores, initiator=self)
            if new_setting:
                set_nav_excluded_reasons(journal, reasons=reasons, initiator=self)

        def done(_result: object) -> None:
            self.saved.emit()
            self.accept()

        self.tasks.run(task, on_done=done, on_error=self._failed, receiver=self)
