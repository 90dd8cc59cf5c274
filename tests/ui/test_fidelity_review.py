"""The team lead's fidelity review and into-work setting, typed into the window (#15)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.indicators import RATED_ITEMS, Period
from app.journal import Journal
from app.operations.team_settings import fidelity_reviews, team_settings
from tests.storage.keyring_backends import InMemoryKeyring
from tests.ui.conftest import make_journal
from tests.ui.test_reports_view import built, tree_rows
from ui.fidelity_dialog import FidelityReviewDialog
from ui.reports_view import ReportsView
from ui.tasks import TaskRunner

Q3 = Period.quarter(2026, 3)


@pytest.fixture
def lead_journal(tmp_path: Path, memory_keyring: InMemoryKeyring) -> Iterator[Journal]:
    j = make_journal(tmp_path, "teamleder", "Tove Leder")
    yield j
    if not j.store.locked:
        j.store.lock()


@pytest.fixture
def view(qtbot: QtBot, lead_journal: Journal) -> Iterator[ReportsView]:
    tasks = TaskRunner()
    v = ReportsView(journal=lead_journal, tasks=tasks)
    qtbot.addWidget(v)
    yield v
    v.shutdown()
    tasks.wait_idle()


def _exits(j: Journal) -> None:
    # Into work: Ada (ordinary work) of Ada, Eli (health) → 50 %; Dina moved: left out.
    for name, reason in (("Ada", "ordinary_work"), ("Dina", "moved"), ("Eli", "health")):
        pid = j.create_participant({"name": name, "programme": "SFJ"})
        j.add(
            "episode",
            {"entry": "2026-01-05", "exit": "2026-08-01", "exit_reason": reason},
            participant_id=pid,
        )


def _dialog(qtbot: QtBot, view: ReportsView) -> FidelityReviewDialog:
    view.show()
    qtbot.waitExposed(view)
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    [dialog] = [d for d in view.findChildren(FidelityReviewDialog) if d.isVisible()]
    qtbot.waitExposed(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.waitUntil(save.isEnabled, timeout=20_000)
    return dialog


def test_a_team_lead_rates_items_and_leaves_out_an_exit_reason(
    qtbot: QtBot, lead_journal: Journal, view: ReportsView
) -> None:
    _exits(lead_journal)
    built(qtbot, view, Q3)
    assert not view.review_button.isHidden()
    assert tree_rows(view)["into_work"][1] == "50 %"
    assert "rated by the team lead: 0" in view.summary.text()

    dialog = _dialog(qtbot, view)
    assert "No review saved" in dialog.history.text()
    # The same words the command line's nav-exclusions prints (app/domain/exit_reasons.py).
    assert [c.text() for c in dialog.excluded.values()] == [
        "Supported work",
        "Sheltered work",
        "Dropped out",
        "Health",
        "Other",
    ]
    box = dialog.scores["supervisor_role"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # Not rated → 1
    qtbot.keyClick(box, Qt.Key.Key_Down)  # → 2
    qtbot.keyClick(box, Qt.Key.Key_Down)  # → 3
    qtbot.keyClick(box, Qt.Key.Key_Down)  # → 4
    dialog.excluded["health"].setFocus()
    qtbot.keyClick(dialog.excluded["health"], Qt.Key.Key_Space)
    with qtbot.waitSignal(view.report_built, timeout=20_000):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )
    assert not dialog.isVisible()
    [review] = fidelity_reviews(lead_journal, period=Q3)
    assert dict(review.scores) == {"supervisor_role": 4} and review.revision == 1
    assert team_settings(lead_journal).nav_excluded_exit_reasons == ("health",)
    # The report rebuilt: Eli is left out now (1 of 1), and the rating counts.
    assert tree_rows(view)["into_work"][1] == "100 %"
    assert "rated by the team lead: 1" in view.summary.text()
    assert view.report is not None and view.report.total.rated == ("supervisor_role",)

    # Opened again it shows what was saved, and the version history.
    dialog = _dialog(qtbot, view)
    assert dialog.scores["supervisor_role"].currentText() == "4"
    assert dialog.excluded["health"].isChecked()
    assert "Version 1" in dialog.history.text() and "Tove Leder" in dialog.history.text()
    dialog.reject()


def test_a_job_specialist_has_no_review_button(qtbot: QtBot, specialist_journal: Journal) -> None:
    tasks = TaskRunner()
    v = ReportsView(journal=specialist_journal, tasks=tasks)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    assert v.review_button.isHidden()
    assert len(RATED_ITEMS) == 13
    v.shutdown()
    tasks.wait_idle()
    QApplication.processEvents()
