"""The unlocked work area: the caseload at once, the other sections when first shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.journal import Journal
from ui.caseload_view import CaseloadView
from ui.employers_view import EmployersView
from ui.lock_guard import ClipboardGuard
from ui.participant_view import ParticipantView
from ui.reports_view import ReportsView
from ui.tasks import TaskRunner
from ui.workspace import Workspace


def _workspace(qtbot: QtBot, journal: Journal, tasks: TaskRunner) -> Workspace:
    ws = Workspace(journal=journal, tasks=tasks, clipboard=ClipboardGuard())
    qtbot.addWidget(ws)
    ws.resize(1280, 800)
    ws.show()
    qtbot.waitUntil(lambda: ws.caseload.model.rowCount() == 1, timeout=10000)
    return ws


def test_sections_are_built_when_first_shown(qtbot: QtBot, specialist_journal: Journal) -> None:
    specialist_journal.create_participant({"name": "Per Hansen", "programme": "IPS"})
    tasks = TaskRunner()
    ws = _workspace(qtbot, specialist_journal, tasks)
    assert isinstance(ws.stack.currentWidget(), CaseloadView)
    assert not ws.findChildren(EmployersView) and not ws.findChildren(ReportsView)
    # Changes reach only what exists; nothing is built for them.
    specialist_journal.add("employer", {"name": "Bakeriet", "org_number": "974760673"})
    assert not ws.findChildren(EmployersView)

    ws.nav.setCurrentRow(1)
    employers = ws.stack.currentWidget()
    assert isinstance(employers, EmployersView) and employers.isVisible()
    assert ws.employers is employers and ws.stack.count() == 3
    ws.nav.setCurrentRow(2)
    assert isinstance(ws.stack.currentWidget(), ReportsView)
    assert ws.reports is ws.stack.currentWidget()
    ws.nav.setCurrentRow(0)
    assert ws.stack.currentWidget() is ws.caseload
    assert [type(ws.stack.widget(i)) for i in range(ws.stack.count())] == [
        CaseloadView,
        EmployersView,
        ReportsView,
    ]
    tasks.wait_idle()
    ws.shutdown()


def test_a_participant_opens_inside_the_stack_and_leaves_no_section_built(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    pid = specialist_journal.create_participant({"name": "Per Hansen", "programme": "IPS"})
    tasks = TaskRunner()
    ws = _workspace(qtbot, specialist_journal, tasks)
    ws.caseload.open_requested.emit(pid)
    view = ws.participant
    assert isinstance(view, ParticipantView) and ws.stack.currentWidget() is view
    assert view.name_label.text() == "Per Hansen" and view.isVisible()
    view.go_back()
    assert ws.participant is None and ws.stack.currentWidget() is ws.caseload
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not ws.findChildren(ParticipantView)
    assert not ws.findChildren(EmployersView) and not ws.findChildren(ReportsView)
    tasks.wait_idle()
    ws.shutdown()
