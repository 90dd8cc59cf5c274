"""The agenda beside the caseload: its items, a click opens the right tab, and a next step
given a date in the contact form appears on it. Today is Monday 23.11.2026."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot

from app.journal import Journal
from tests.ui.conftest import TODAY
from tests.ui.test_date_entry import type_date
from ui.agenda_panel import AgendaPanel
from ui.app import load_stylesheet
from ui.lock_guard import ClipboardGuard
from ui.participant_tabs import ContactsTab, OverviewTab, SessionsTab
from ui.tasks import TaskRunner
from ui.visit_form import VisitFormDialog
from ui.widgets.date_field import DateField
from ui.workspace import Workspace


def _workspace(qtbot: QtBot, journal: Journal, tasks: TaskRunner) -> Workspace:
    ws = Workspace(journal=journal, tasks=tasks, clipboard=ClipboardGuard())
    qtbot.addWidget(ws)
    ws.resize(1366, 768)
    ws.show()
    qtbot.waitUntil(lambda: ws.caseload.agenda.agenda is not None, timeout=10000)
    return ws


def _click(qtbot: QtBot, panel: AgendaPanel, text: str) -> None:
    """Click the item whose line holds ``text``."""
    [item] = [
        header.child(n)
        for header in (panel.today_item, panel.week_item)
        for n in range(header.childCount())
        if text in header.child(n).text(0)
    ]
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_job_specialist_agenda_opens_the_tab_and_follows_the_contact_form(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    employer = j.add("employer", {"name": "Bakeriet AS"})
    pid = j.create_participant({"name": "Per Hansen", "programme": "IPS"})
    j.add("episode", {"entry": "2026-09-20"}, participant_id=pid)  # day 60: 19.11
    j.add("meeting", {"date": "2026-10-01", "next_date": "2026-11-20"}, participant_id=pid)
    j.add(
        "employer_contact",
        {
            "employer": employer,
            "date": "2026-11-02",
            "mode": "face_to_face",
            "purpose": "client_specific",
            "next_step": "Ringe leder",
            "next_step_date": "2026-11-27",
        },
        participant_id=pid,
    )
    ex = j.create_participant({"name": "Eva Lund", "programme": "IPS", "status": "exited"})
    j.add(
        "episode", {"entry": "2025-12-01", "exit": "2026-05-26"}, participant_id=ex
    )  # six-month outcome due 26.11
    tasks = TaskRunner()
    ws = _workspace(qtbot, j, tasks)
    panel = ws.caseload.agenda
    assert panel.today_item.text(0) == "Today (2)"
    assert panel.week_item.text(0) == "This week (2)"
    assert [line for _, line in panel.rows()] == [
        "overdue since 20.11.2026 · Per Hansen\nCollaboration meeting",
        "by 19.12.2026 · Per Hansen\nTalk about disclosure again (day 60)",
        "26.11.2026 · Eva Lund\nRecord the six-month outcome",
        "27.11.2026 · Per Hansen\nNext step with employer: Bakeriet AS: Ringe leder",
    ]
    assert panel.today_item.child(0).foreground(0).color().name() == "#9b1c1c"

    # A click on the next step opens Per at his employer contacts.
    _click(qtbot, panel, "Ringe leder")
    view = ws.participant
    assert view is not None and view.participant_id == pid
    assert isinstance(view.tabs.currentWidget(), ContactsTab)
    # A new contact whose next step gets a date in the form: today, then two days on.
    contacts = view.tabs.currentWidget()
    assert isinstance(contacts, ContactsTab)
    dialog = contacts.panel.add()
    assert isinstance(dialog, VisitFormDialog)
    step_day = dialog.next_step_date
    assert isinstance(step_day, DateField) and step_day.value() is None
    qtbot.keyClicks(dialog.next_step, "Sende CV")
    type_date(qtbot, step_day, "25.11.26")
    assert step_day.value() == "2026-11-25"
    dialog.employer.setCurrentIndex(dialog.employer.findText("Bakeriet AS"))
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.save_button.click()
    saved = [
        c for c in j.records(pid, "employer_contact") if c.fields.get("next_step") == "Sende CV"
    ]
    assert [c.fields["next_step_date"] for c in saved] == ["2026-11-25"]
    # The contact logged today with Bakeriet follows up the old next step; the new one is on.
    qtbot.waitUntil(
        lambda: (
            [line for section, line in panel.rows() if section.startswith("This week")]
            == [
                "25.11.2026 · Per Hansen\nNext step with employer: Bakeriet AS: Sende CV",
                "26.11.2026 · Eva Lund\nRecord the six-month outcome",
            ]
        ),
        timeout=5000,
    )
    assert ("Today (3)", "Per Hansen\nEmployer visit: Bakeriet AS") in panel.rows()
    view.go_back()
    # The six-month outcome opens the overview, where it is recorded.
    _click(qtbot, panel, "six-month")
    assert ws.participant is not None and ws.participant.participant_id == ex
    assert isinstance(ws.participant.tabs.currentWidget(), OverviewTab)
    tasks.wait_idle()
    ws.shutdown()


def test_a_window_item_shows_its_last_day_and_comes_after_the_days_before_it(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    """The disclosure talk is due by day 90: that date is shown beside it and orders it,
    whether the window opened already (today's) or opens later this week (from when)."""
    j = specialist_journal
    employer = j.add("employer", {"name": "Bakeriet AS"})
    per = j.create_participant({"name": "Per Hansen", "programme": "IPS"})
    j.add("episode", {"entry": "2026-09-20"}, participant_id=per)  # days 60-90: 19.11-19.12
    j.add(
        "employer_contact",
        {
            "employer": employer,
            "date": "2026-11-23",
            "mode": "face_to_face",
            "purpose": "client_specific",
            "next_step": "Ringe leder",
            "next_step_date": "2026-11-25",
        },
        participant_id=per,
    )
    lise = j.create_participant({"name": "Lise Berg", "programme": "IPS"})
    j.add("episode", {"entry": "2026-09-27"}, participant_id=lise)  # 26.11-26.12
    tasks = TaskRunner()
    ws = _workspace(qtbot, j, tasks)
    assert ws.caseload.agenda.rows() == [
        ("Today (2)", "Per Hansen\nEmployer visit: Bakeriet AS"),
        ("Today (2)", "by 19.12.2026 · Per Hansen\nTalk about disclosure again (day 60)"),
        (
            "This week (2)",
            "25.11.2026 · Per Hansen\nNext step with employer: Bakeriet AS: Ringe leder",
        ),
        (
            "This week (2)",
            "by 26.12.2026 · Lise Berg\nTalk about disclosure again (day 60), from 26.11.2026",
        ),
    ]
    tasks.wait_idle()
    ws.shutdown()


def test_therapist_agenda_shows_sessions_and_opens_the_sessions_tab(
    qtbot: QtBot, therapist_journal: Journal
) -> None:
    j = therapist_journal
    pid = j.create_participant(
        {
            "name": "Gro Dahl",
            "programme": "SFJ",
            "therapist": "Tore Terapeut",
            "job_specialist": "Kari",
        }
    )
    j.add("episode", {"entry": "2026-11-01"}, participant_id=pid)
    j.add(
        "therapy_session",
        {"date": "2026-11-16", "number": 1, "next_session": TODAY.isoformat()},
        participant_id=pid,
    )
    tasks = TaskRunner()
    ws = _workspace(qtbot, j, tasks)
    panel = ws.caseload.agenda
    assert ws.caseload.mine_only.isChecked()
    assert panel.rows() == [("Today (1)", "Gro Dahl\nTherapy session")]
    _click(qtbot, panel, "Gro Dahl")
    assert ws.participant is not None
    assert isinstance(ws.participant.tabs.currentWidget(), SessionsTab)
    tasks.wait_idle()
    ws.shutdown()


LONG_NAME = "Anne-Margrethe Kristoffersen-Haugland"


@pytest.mark.parametrize("role", ["job_specialist", "therapist"])
def test_every_agenda_item_shows_its_date_and_what_to_do_at_1366x768(
    qtbot: QtBot, specialist_journal: Journal, therapist_journal: Journal, role: str
) -> None:
    # The therapist's agenda is 220 px wide, the job specialist's 340 px: an overdue
    # item's date and a long name once wrapped and pushed what to do out of the row.
    j = therapist_journal if role == "therapist" else specialist_journal
    pid = j.create_participant(
        {"name": LONG_NAME, "programme": "SFJ", "therapist": "Tore Terapeut",
         "job_specialist": "Kari"}
    )  # fmt: skip
    j.add("episode", {"entry": "2026-11-01"}, participant_id=pid)
    j.add("meeting", {"date": "2026-10-01", "next_date": "2026-11-20"}, participant_id=pid)
    tasks = TaskRunner()
    ws = _workspace(qtbot, j, tasks)
    ws.setStyleSheet(load_stylesheet())  # the window's fonts
    panel = ws.caseload.agenda
    ws.caseload.mine_only.setChecked(False)
    qtbot.waitUntil(lambda: bool(panel.rows()), timeout=10000)
    assert panel.width() <= (220 if role == "therapist" else 340)
    [item] = [
        panel.today_item.child(n)
        for n in range(panel.today_item.childCount())
        if LONG_NAME in panel.today_item.child(n).text(0)
    ]
    index = panel.tree.indexFromItem(item)
    lines = panel.delegate.lines(index)
    metrics = panel.tree.fontMetrics()
    rect = panel.tree.visualItemRect(item)
    # Every line in the row's width and height: nothing wraps, nothing is cut off below.
    assert rect.height() >= len(lines) * metrics.lineSpacing()
    assert all(metrics.horizontalAdvance(line) < rect.width() for line in lines), lines
    assert lines[0].startswith("overdue since 20.11.2026")  # the date whole …
    assert lines[-1] == "Collaboration meeting"  # … what to do whole …
    assert LONG_NAME not in "\n".join(lines)  # … the name cut at the end …
    assert any(line.endswith("…") and "Anne-Marg" in line for line in lines), lines
    # … and whole in the tooltip.
    tip = item.toolTip(0)
    assert f"overdue since 20.11.2026 · {LONG_NAME}" in tip and "Collaboration meeting" in tip
    # Dragged narrower, the name takes a line of its own and the row grows to hold it.
    splitter = panel.parentWidget()
    assert isinstance(splitter, QSplitter)
    splitter.setSizes([splitter.width() - 210, 210])
    qtbot.waitUntil(lambda: len(panel.delegate.lines(index)) == 3)
    qtbot.waitUntil(lambda: panel.tree.visualItemRect(item).height() >= 3 * metrics.lineSpacing())
    when, name, what = panel.delegate.lines(index)
    assert when.endswith("20.11.2026") and name.startswith("Anne-")
    assert what == "Collaboration meeting"
    tasks.wait_idle()
    ws.shutdown()
