"""The participant view over real encrypted profiles: tabs by role, editing, conflicts, audit."""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSlider,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.access import work_space
from app.journal import ChangeEvent, ImmutableRecord, Journal
from storage.store import Record
from tests.support.held_page import HeldPage
from tests.support.replicas import make_store, sync_all
from tests.ui.conftest import TODAY
from ui.access_log_dialog import AccessLogDialog
from ui.errors import describe
from ui.lock_guard import ClipboardGuard
from ui.meeting_pdf import build_meeting_html, collect_meeting_summary
from ui.participant_tabs import (
    CareerTab,
    CbtTab,
    ContactsTab,
    ExposureTab,
    JobsTab,
    MeetingsTab,
    NotesTab,
    OverviewTab,
    ParticipantTab,
    PlanTab,
    SessionsTab,
)
from ui.participant_tabs.plan import HEALTH_COLUMN, OVERDUE_BACKGROUND
from ui.participant_view import ParticipantView
from ui.tasks import TaskRunner
from ui.visit_form import VisitFormDialog
from ui.widgets.date_field import DateField

SHOTS = Path("/tmp/feltjournal-shots")
WORK_TITLES = [
    "Overview",
    "Career profile",
    "Job-search plan",
    "Notes",
    "Employer contacts",
    "Meetings",
    "Jobs && follow-along",
]
CLINICAL_TITLES = ["Sessions", "CBT", "Exposure"]


# ------------------------------------------------------------------ helpers


def populate(j: Journal, *, clinical: bool = False) -> str:
    """A participant a few months into IPS, with something on every tab."""
    rema = j.add("employer", {"name": "Rema 1000 Majorstuen", "org_number": "974760673"})
    kiwi = j.add("employer", {"name": "Kiwi Bislett", "org_number": "889640782"})
    pid = j.create_participant(
        {
            "name": "Per Hansen",
            "programme": "IPS",
            "job_specialist": "Kari Jobb",
            "birth_date": "1994-03-12",
            "phone": "+47 912 34 567",
            "nav_office": "NAV Frogner",
            "nav_counsellor": "Eva Nilsen",
            "gp": "Dr. Berg",
            "therapist": "Tore Terapeut",
        }
    )

    def add(rtype: str, values: dict[str, object]) -> str:
        return j.add(rtype, values, participant_id=pid)

    add("referral", {"source": "nav", "received": "2026-08-28", "decision": "accepted"})
    add("episode", {"entry": "2026-09-02"})
    add("consent", {"scope": "nav", "given": "2026-09-02"})
    add("consent", {"scope": "gp", "given": "2026-09-02", "withdrawn": "2026-10-15"})
    add(
        "disclosure_plan",
        {
            "level": "partial",
            "discussed": "2026-09-20",
            "wording": "Har hatt en tung periode og trenger litt tilrettelegging i starten.",
            "follow_up_outside_workplace": True,
        },
    )
    add(
        "career_profile",
        {
            "version": 1,
            "updated": "2026-10-01",
            "interests": "Lager og logistikk. Trening, fotball på lørdager.",
            "strengths": "Punktlig og nøyaktig. Liker faste rutiner.",
            "education": "Videregående, transport og logistikk (ikke fullført).",
            "work_history": "Butikkmedarbeider Coop 2016–2019. Sommerjobb på lager.",
            "preferences": "Dagtid, 60 % til å begynne med, gangavstand fra Majorstuen.",
            "supports": "Mor, fastlege, NAV-veileder.",
        },
    )
    add(
        "job_search_plan",
        {
            "strategies": ["own_search", "specialist_contacts"],
            "target_employers": ["Rema 1000", "Posten"],
            "summary": "Lager eller butikk i Oslo vest. Starter med 60 %.",
        },
    )
    goal = add("goal", {"title": "Jobb på lager innen mars", "order": 0})
    cv = add("goal", {"title": "Oppdatert CV", "order": 0, "parent_goal": goal})
    add(
        "action",
        {
            "goal": cv,
            "description": "Skrive CV sammen med jobbspesialist",
            "owner": "participant",
            "due": "2026-11-10",
            "status": "open",
        },
    )
    add(
        "action",
        {
            "goal": goal,
            "description": "Ringe butikksjef på Rema 1000",
            "owner": "job_specialist",
            "due": "2026-12-01",
            "status": "open",
        },
    )
    add(
        "action",
        {"goal": goal, "description": "Søke truckførerkurs", "owner": "nav", "status": "done"},
    )
    add(
        "case_note",
        {
            "date": "2026-11-20",
            "topic": "job_search",
            "title": "Besøk hos Rema 1000",
            "body": "Vi besøkte butikken sammen. Per snakket selv med butikksjefen.",
        },
    )
    add(
        "case_note",
        {
            "date": "2026-11-06",
            "topic": "benefits",
            "title": "Arbeidsavklaringspenger",
            "body": "Gikk gjennom hva en deltidsjobb betyr for AAP.",
        },
    )
    add(
        "employer_contact",
        {
            "employer": rema,
            "date": "2026-11-20",
            "mode": "face_to_face",
            "purpose": "client_specific",
            "participant_present": True,
            "outcome": "Butikksjefen vil gjerne møte Per igjen.",
        },
    )
    add(
        "employer_contact",
        {"employer": kiwi, "date": "2026-11-12", "mode": "phone", "purpose": "job_development"},
    )
    add(
        "meeting",
        {
            "date": "2026-09-15",
            "attendees": ["participant", "nav", "job_specialist"],
            "goals": "Jobb på lager.",
        },
    )
    job = add(
        "job",
        {
            "employer": rema,
            "title": "Lagermedarbeider",
            "start": "2026-12-01",
            "hours_per_week": 22.5,
            "competitive": True,
        },
    )
    add(
        "follow_along",
        {"job": job, "date": "2026-12-03", "mode": "phone", "outside_workplace": True},
    )
    if clinical:
        first = add(
            "therapy_session",
            {"date": "2026-10-01", "number": 1, "body": "Kartlegging. Mål: tåle usikkerhet."},
        )
        j.sign(first)
        add(
            "therapy_session",
            {"date": "2026-10-15", "number": 2, "body": "Katastrofetanker før intervju."},
        )
        add(
            "cbt_worksheet",
            {
                "date": "2026-10-15",
                "situation": "Skal ringe butikksjefen",
                "thought": "Hun kommer til å høre at jeg er nervøs",
                "feeling": "Angst",
                "intensity": 80,
                "bodily_reaction": "Hjertebank, svette",
                "behaviour": "Utsetter samtalen",
                "alternative_thought": "Mange er nervøse i telefonen; det sier ingenting om meg.",
                "intensity_after": 40,
            },
        )
        add(
            "exposure_plan",
            {
                "title": "Telefonsamtaler",
                "steps": [
                    {"step": "Ringe en venn", "expected_distress": 20},
                    {"step": "Ringe kundeservice", "expected_distress": 45},
                    {"step": "Ringe en arbeidsgiver", "expected_distress": 80},
                ],
                "attempts": [
                    {"step": 0, "date": "2026-10-20", "before": 30, "peak": 40, "after": 10},
                    {"step": 1, "date": "2026-10-27", "before": 50, "peak": 60, "after": 25},
                ],
            },
        )
    return pid


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_idle()


ViewFactory = Callable[..., ParticipantView]


@pytest.fixture
def make_view(qtbot: QtBot, tasks: TaskRunner) -> Iterator[ViewFactory]:
    views: list[ParticipantView] = []

    def make(journal: Journal, pid: str) -> ParticipantView:
        view = ParticipantView(
            journal=journal, tasks=tasks, clipboard=ClipboardGuard(), participant_id=pid
        )
        qtbot.addWidget(view)
        view.resize(1366, 768)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    tasks.wait_idle()
    for v in views:
        v.shutdown()


def settle() -> None:
    """Let pending layout requests run once, so a screenshot shows the final layout."""
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def tab_of(view: ParticipantView, cls: type[ParticipantTab]) -> ParticipantTab:
    tab = view.show_tab(cls)
    assert tab is not None, cls
    return tab


def second_replica(journal: Journal, pid: str, name: str = "Kari Jobb") -> Journal:
    """Another device of a job specialist, holding the participant's work space key."""
    key = journal.store.keys.key(work_space(pid), 1)
    store = make_store(None, keys={work_space(pid): {1: key}}, actor=name)
    store.role = "jobbspesialist"
    other = Journal(store, today=lambda: TODAY)
    other.store.apply_changes(journal.store.all_changes())
    return other


def current(journal: Journal, rid: str) -> Record:
    rec = journal.store.get(rid, audit=False)
    assert rec is not None
    return rec


def find_item(tab: PlanTab, text: str) -> QTreeWidgetItem:
    stack = [tab.tree.topLevelItem(i) for i in range(tab.tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        if item.text(0) == text:
            return item
        stack.extend(item.child(i) for i in range(item.childCount()))
    raise AssertionError(f"no item {text!r}")


def open_editor(qtbot: QtBot, tab: PlanTab, item: QTreeWidgetItem, column: int) -> QWidget:
    tab.tree.setCurrentItem(item)
    tab.tree.editItem(item, column)
    found: list[QWidget] = []

    def editor_open() -> bool:
        w = QApplication.focusWidget()
        if w is not None and tab.tree.viewport().isAncestorOf(w):
            found.append(w)
            return True
        return False

    qtbot.waitUntil(editor_open, timeout=2000)
    return found[-1]


# -------------------------------------------------------------------- tabs


def test_specialist_sees_work_tabs_and_no_clinical_tab(
    make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    assert view.tab_titles() == WORK_TITLES
    for cls in (SessionsTab, CbtTab, ExposureTab):
        assert view.tab(cls) is None
    for i in range(view.tabs.count()):
        assert view.tabs.widget(i).accessibleName()
    assert view.tabs.accessibleName() == "Participant sections"


def test_therapist_sees_the_clinical_tabs(
    make_view: ViewFactory, therapist_journal: Journal
) -> None:
    pid = populate(therapist_journal, clinical=True)
    view = make_view(therapist_journal, pid)
    assert view.tab_titles() == WORK_TITLES + CLINICAL_TITLES
    sessions = tab_of(view, SessionsTab)
    assert isinstance(sessions, SessionsTab)
    assert [s.fields["number"] for s in sessions.sessions] == [2, 1]


def test_header_names_the_participant_and_opening_is_audited(
    make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    before = [e for e in specialist_journal.access_log(pid) if e.action == "read"]
    view = make_view(specialist_journal, pid)
    assert view.name_label.text() == "Per Hansen"
    assert view.details_label.text() == "IPS  ·  Active  ·  Job specialist: Kari Jobb"
    assert not view.flag_badge.isVisible()
    reads = [e for e in specialist_journal.access_log(pid) if e.action == "read"]
    assert len(reads) == len(before) + 1 and reads[-1].record_id == pid


def test_escape_saves_and_goes_back(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    notes = tab_of(view, NotesTab)
    assert isinstance(notes, NotesTab)
    notes.new_note()
    body = notes.editor.body
    assert isinstance(body, QPlainTextEdit)
    qtbot.keyClicks(body, "Skrevet på toget")
    with qtbot.waitSignal(view.closed, timeout=1000):
        qtbot.keyClick(body, Qt.Key.Key_Escape)
    bodies = [r.fields.get("body") for r in specialist_journal.records(pid, "case_note")]
    assert "Skrevet på toget" in bodies


# ------------------------------------------------------------------ refresh


def test_changes_from_elsewhere_reload_only_the_tabs_that_show_them(
    make_view: ViewFactory, specialist_journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    reloaded: list[str] = []
    for tab in view.tabs_by_kind:
        original = tab.reload
        monkeypatch.setattr(
            tab,
            "reload",
            lambda data, t=tab, o=original: (reloaded.append(type(t).__name__), o(data)),
        )
    nid = specialist_journal.add(
        "case_note",
        {"date": "2026-11-22", "title": "Fra den andre maskinen", "body": "Synket inn."},
        participant_id=pid,
    )
    view.on_change(ChangeEvent(frozenset({"case_note"}), frozenset({nid})))
    assert reloaded == ["NotesTab"]
    notes = view.tab(NotesTab)
    assert isinstance(notes, NotesTab)
    assert notes.timeline.item(0).text().endswith("Fra den andre maskinen")
    assert notes.count_label.text() == "3 note(s)"
    reloaded.clear()
    view.on_change(ChangeEvent(frozenset({"employer"})))
    assert sorted(reloaded) == ["ContactsTab", "JobsTab", "OverviewTab"]
    reloaded.clear()
    view.on_change(ChangeEvent(frozenset({"activity"})))
    assert reloaded == []


def test_own_writes_refresh_and_emit_changed(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    overview = tab_of(view, OverviewTab)
    assert isinstance(overview, OverviewTab)
    status = overview.form.editor("status")
    with qtbot.waitSignal(view.changed, timeout=3000):
        status.setCurrentIndex(status.findData("paused"))  # type: ignore[attr-defined]
    assert current(specialist_journal, pid).fields["status"] == "paused"
    assert "Paused" in view.details_label.text()


def test_invalid_input_is_explained_and_the_view_keeps_working(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    overview = tab_of(view, OverviewTab)
    assert isinstance(overview, OverviewTab)
    phone = overview.form.editor("phone")
    assert isinstance(phone, QLineEdit)
    phone.clear()
    qtbot.keyClicks(phone, "ring meg")
    assert not overview.flush()
    assert overview.state_label.text() == "Not saved: Please check: Phone is not a phone number"
    assert current(specialist_journal, pid).fields["phone"] == "+47 912 34 567"
    assert not view.ready_to_close()
    phone.clear()
    qtbot.keyClicks(phone, "+47 400 00 000")
    assert overview.flush()
    assert current(specialist_journal, pid).fields["phone"] == "+47 400 00 000"
    assert view.ready_to_close()


# --------------------------------------------------------------------- plan


def test_plan_is_edited_in_place(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = specialist_journal.create_participant({"name": "Siri Dahl", "programme": "SFJ"})
    view = make_view(specialist_journal, pid)
    plan = tab_of(view, PlanTab)
    assert isinstance(plan, PlanTab)

    # Add goal: the new goal opens for typing its title.
    plan.add_goal_button.click()
    qtbot.waitUntil(
        lambda: (
            isinstance(QApplication.focusWidget(), QLineEdit)
            and plan.tree.viewport().isAncestorOf(QApplication.focusWidget())
        ),
        timeout=2000,
    )
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "New goal"
    editor.setText("Få jobb i barnehage")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    goals = lambda: [r for r in specialist_journal.records(pid, "goal")]  # noqa: E731
    qtbot.waitUntil(lambda: goals()[0].fields["title"] == "Få jobb i barnehage", timeout=2000)
    goal_id = goals()[0].id

    # Sub-goal under the selected goal, then an action under the sub-goal.
    plan.select(goal_id)
    assert plan.add_sub_goal("Politiattest og CV")
    qtbot.waitUntil(lambda: len(goals()) == 2, timeout=2000)
    [sub] = [g for g in goals() if g.fields["title"] == "Politiattest og CV"]
    sub_id = sub.id
    assert sub.fields["parent_goal"] == goal_id
    qtbot.waitUntil(lambda: plan.current_id() == sub_id, timeout=2000)  # the new one selected
    plan.add_action_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=2000)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("Søke politiattest")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    actions = lambda: specialist_journal.records(pid, "action")  # noqa: E731
    qtbot.waitUntil(
        lambda: [a.fields["description"] for a in actions()] == ["Søke politiattest"],
        timeout=2000,
    )
    action = actions()[0]
    assert action.fields["goal"] == sub_id and action.fields["status"] == "open"
    # The store has it first; the tree once the write has landed on this thread.
    qtbot.waitUntil(lambda: find_item(plan, "Søke politiattest") is not None, timeout=2000)
    item = find_item(plan, "Søke politiattest")
    assert item.parent() is find_item(plan, "Politiattest og CV")
    assert item.parent().parent() is find_item(plan, "Få jobb i barnehage")

    # Change the due date in place: a past date marks the action overdue.
    date_edit = open_editor(qtbot, plan, find_item(plan, "Søke politiattest"), 2)
    assert isinstance(date_edit.parent(), DateField)  # the field's line edit has the focus
    qtbot.keyClick(date_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(date_edit, "1.11.26")
    qtbot.keyClick(date_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions()[0].fields.get("due") == "2026-11-01", timeout=2000)
    qtbot.waitUntil(lambda: find_item(plan, "Søke politiattest").text(2) == "01.11.2026")
    item = find_item(plan, "Søke politiattest")
    assert item.text(3) == "Open · overdue"
    assert item.background(0).color() == QColor(OVERDUE_BACKGROUND)

    # Mark done with the button.
    plan.tree.setCurrentItem(item)
    assert plan.done_button.isEnabled() and plan.done_button.text() == "Mark &done"
    plan.done_button.click()
    qtbot.waitUntil(lambda: actions()[0].fields["status"] == "done", timeout=2000)
    qtbot.waitUntil(lambda: find_item(plan, "Søke politiattest").text(3) == "Done", timeout=2000)
    assert plan.current_id() == action.id
    assert plan.done_button.text() == "Mark &open"

    # A goal with children is not deleted out from under them.
    plan.select(goal_id)
    plan.delete_button.click()
    assert view.message_bar.text.text() == "Remove its sub-goals and actions first."
    assert len(goals()) == 2


def test_a_plan_step_is_marked_health_related_and_leaves_navs_summary(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    j = specialist_journal
    pid = populate(j)
    view = make_view(j, pid)
    plan = tab_of(view, PlanTab)
    assert isinstance(plan, PlanTab)
    step = "Ringe butikksjef på Rema 1000"

    def saved(description: str) -> bool:
        return bool(
            next(
                a for a in j.records(pid, "action") if a.fields["description"] == description
            ).fields.get("health_related")
        )

    def in_navs_copy(text: str) -> bool:
        return text in build_meeting_html(collect_meeting_summary(j, pid, for_audience="nav"))

    assert in_navs_copy(step)
    # The button, for the keyboard.
    plan.tree.setCurrentItem(find_item(plan, step))
    assert plan.health_button.text() == "&Health-related"
    plan.health_button.click()
    qtbot.waitUntil(lambda: saved(step), timeout=3000)
    # The write lands on the executor; the tree shows it when the change event arrives.
    qtbot.waitUntil(
        lambda: find_item(plan, step).checkState(HEALTH_COLUMN) == Qt.CheckState.Checked,
        timeout=3000,
    )
    assert plan.health_button.text() == "Not &health-related"
    assert not in_navs_copy(step)
    assert step in build_meeting_html(collect_meeting_summary(j, pid, for_audience="participant"))
    # The column's check box, clicked: a whole goal, and what is under it counts with it.
    goal = find_item(plan, "Oppdatert CV")
    rect = plan.tree.visualItemRect(goal)
    column = plan.tree.header().sectionViewportPosition(HEALTH_COLUMN)
    box = QPoint(column + 12, rect.center().y())
    QTest.mouseClick(plan.tree.viewport(), Qt.MouseButton.LeftButton, pos=box)
    goal_saved = lambda: bool(  # noqa: E731
        next(g for g in j.records(pid, "goal") if g.fields["title"] == "Oppdatert CV").fields.get(
            "health_related"
        )
    )
    qtbot.waitUntil(goal_saved, timeout=3000)
    # Saved on the executor; the tree redraws when the change event reaches it.
    qtbot.waitUntil(
        lambda: (
            find_item(plan, "Skrive CV sammen med jobbspesialist").text(HEALTH_COLUMN)
            == "(the goal is)"
        ),
        timeout=3000,
    )
    assert not in_navs_copy("Oppdatert CV") and not in_navs_copy("Skrive CV sammen")
    assert in_navs_copy("Jobb på lager innen mars")


def test_strategies_are_check_boxes_saved_by_themselves(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    plan = tab_of(view, PlanTab)
    assert isinstance(plan, PlanTab)
    boxes = plan.plan_form.editor("strategies").boxes  # type: ignore[attr-defined]
    assert boxes["own_search"].isChecked() and not boxes["own_network"].isChecked()
    boxes["joint_visits"].click()
    qtbot.waitUntil(
        lambda: (
            specialist_journal.records(pid, "job_search_plan")[0].fields["strategies"]
            == ["own_search", "specialist_contacts", "joint_visits"]
        ),
        timeout=3000,
    )


# ------------------------------------------------------------------- notes


def test_notes_timeline_newest_first_and_switching_saves(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    notes = tab_of(view, NotesTab)
    assert isinstance(notes, NotesTab)
    texts = [notes.timeline.item(i).text() for i in range(notes.timeline.count())]
    assert texts == [
        "20.11.2026 · Job search\nBesøk hos Rema 1000",
        "06.11.2026 · Benefits\nArbeidsavklaringspenger",
    ]
    assert notes.editor.form.values()["title"] == "Besøk hos Rema 1000"
    body = notes.editor.body
    assert isinstance(body, QPlainTextEdit)
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, " Neste møte fredag.")
    notes.timeline.setCurrentRow(1)
    assert notes.editor.form.values()["title"] == "Arbeidsavklaringspenger"
    first = next(
        r
        for r in specialist_journal.records(pid, "case_note")
        if r.fields["title"].startswith("Bes")
    )
    assert first.fields["body"].endswith("Neste møte fredag.")
    notes.filter.setText("aap")
    assert notes.timeline.count() == 1


def test_a_note_written_in_the_view_saves_when_typing_pauses(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    notes = tab_of(view, NotesTab)
    assert isinstance(notes, NotesTab)
    notes.new_button.click()
    assert notes.editor_title.text() == "New note"
    qtbot.keyClicks(notes.editor.body, "Per fikk napp hos Kiwi. Ringer mandag.")

    def stored() -> list[str]:
        return [
            str(r.fields.get("body"))
            for r in specialist_journal.records(pid, "case_note")
            if r.fields.get("body", "").startswith("Per fikk")
        ]

    assert stored() == []  # not per keystroke
    # The save runs on the executor; the view shows it once it has landed here.
    with qtbot.waitSignal(notes.editor.note_saved, timeout=3000):
        pass
    assert stored() == ["Per fikk napp hos Kiwi. Ringer mandag."]
    assert notes.count_label.text() == "3 note(s)"
    assert notes.timeline.currentItem().text().endswith("Per fikk napp hos Kiwi. Ringer mandag.")
    assert notes.editor_title.text() == "Note"


def test_deleting_a_note_can_be_undone(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    notes = tab_of(view, NotesTab)
    assert isinstance(notes, NotesTab)
    shown = notes.editor.record_id
    notes.delete_button.click()  # queued on the executor: landed once the editor is cleared
    qtbot.waitUntil(lambda: notes.editor.record_id is None, timeout=3000)
    assert len(specialist_journal.records(pid, "case_note")) == 1
    assert notes.editor.record_id is None
    assert view.message_bar.action_button.text() == "Undo"
    view.message_bar.action_button.click()
    qtbot.waitUntil(lambda: notes.timeline.count() == 2, timeout=3000)
    assert shown in [r.id for r in specialist_journal.records(pid, "case_note")]
    assert notes.timeline.count() == 2


# --------------------------------------------------------- structured tabs


def test_meeting_added_through_the_form_gets_next_date_three_months_on(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    meetings = tab_of(view, MeetingsTab)
    assert isinstance(meetings, MeetingsTab)
    dialog = meetings.panel.add()
    assert dialog.form.values()["date"] == TODAY.isoformat()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    newest = max(specialist_journal.records(pid, "meeting"), key=lambda m: m.fields["date"])
    assert newest.fields["next_date"] == "2027-02-22"
    assert meetings.panel.table.current_id() == newest.id
    assert meetings.panel.table.currentItem().text(2) == "22.02.2027"


def test_saving_a_form_does_not_wait_for_a_sync_page_being_applied(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    meetings = tab_of(view, MeetingsTab)
    assert isinstance(meetings, MeetingsTab)
    before = {m.id for m in specialist_journal.records(pid, "meeting")}
    held = HeldPage(specialist_journal)
    try:
        dialog = meetings.panel.add()
        # Returns at once, the GUI goes on; the dialog waits, held still, for its write.
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert dialog.isVisible() and dialog.saving() and not dialog.form.isEnabled()
        assert view.ctx.writing()
        assert not held.applying.done()
    finally:
        held.release.set()
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        pass
    [new] = [m for m in specialist_journal.records(pid, "meeting") if m.id not in before]
    assert new.fields["next_date"] == "2027-02-22"
    assert meetings.panel.table.current_id() == new.id
    assert not view.ctx.writing()


def test_a_bad_form_is_marked_at_once_while_a_sync_page_is_being_applied(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    jobs = tab_of(view, JobsTab)
    assert isinstance(jobs, JobsTab)
    held = HeldPage(specialist_journal)
    try:
        dialog = jobs.jobs.add()  # the title is required and left empty
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert dialog.isVisible() and not dialog.saving()
        assert dialog.message.text() == "Please check: Title is required"
        assert not view.ctx.writing()
        assert not held.applying.done()
    finally:
        held.release.set()


def test_signing_and_deleting_do_not_wait_for_a_sync_page_being_applied(
    qtbot: QtBot, make_view: ViewFactory, therapist_journal: Journal
) -> None:
    j = therapist_journal
    pid = j.create_participant({"name": "Per Hansen", "programme": "IPS"})
    first = j.add("therapy_session", {"date": "2026-11-20", "body": "Første."}, participant_id=pid)
    view = make_view(j, pid)
    tab = tab_of(view, SessionsTab)
    assert isinstance(tab, SessionsTab)
    shown = tab.current_session()
    assert shown is not None and shown.id == first
    held = HeldPage(j)
    try:
        assert tab.sign_current()  # queued, not written: the GUI goes on
        assert tab.sign_button.isVisible() and view.ctx.writing()
        assert not held.applying.done()
    finally:
        held.release.set()
    qtbot.waitUntil(lambda: not tab.sign_button.isVisible(), timeout=3000)
    assert current(j, first).fields["signed"] == TODAY.isoformat()
    assert not view.ctx.writing()


def test_a_delete_still_queued_when_the_view_closes_is_written(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    notes = tab_of(view, NotesTab)
    assert isinstance(notes, NotesTab)
    shown = notes.editor.record_id
    held = HeldPage(specialist_journal)
    notes.delete_button.click()
    assert view.ctx.writing() and notes.editor.record_id == shown
    held.release.set()
    view.shutdown()
    QApplication.sendPostedEvents()  # the landing, queued meanwhile, finds the view closed
    assert shown not in [r.id for r in specialist_journal.records(pid, "case_note")]
    assert not view.message_bar.isVisible()


def test_a_save_still_queued_when_the_view_closes_is_written(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    meetings = tab_of(view, MeetingsTab)
    assert isinstance(meetings, MeetingsTab)
    before = {m.id for m in specialist_journal.records(pid, "meeting")}
    heard: list[ChangeEvent] = []
    specialist_journal.subscribe(heard.append)
    held = HeldPage(specialist_journal)
    dialog = meetings.panel.add()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert view.ctx.writing()
    held.release.set()
    # No event loop between: closing waits for the write and announces it.
    view.shutdown()
    assert not view.ctx.writing()
    [new] = [m for m in specialist_journal.records(pid, "meeting") if m.id not in before]
    assert [e.record_ids for e in heard] == [{new.id}]


def test_employer_contact_is_added_through_the_quick_visit_form(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    from tests.ui.test_date_entry import type_date  # that module imports this one

    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    contacts = tab_of(view, ContactsTab)
    assert isinstance(contacts, ContactsTab)
    assert [contacts.panel.table.topLevelItem(i).text(1) for i in range(2)] == [
        "Rema 1000 Majorstuen",
        "Kiwi Bislett",
    ]
    dialog = contacts.panel.add()
    # The form Ctrl+Shift+V opens, with this participant filled in: its fields, their
    # order and its defaults are those of the quick visit form for this participant.
    assert isinstance(dialog, VisitFormDialog)
    quick = VisitFormDialog(journal=specialist_journal, participant_id=pid)
    qtbot.addWidget(quick)
    assert dialog.participant.currentData() == pid
    for form in (dialog, quick):
        assert form.purpose.currentData() == "client_specific"
        assert form.mode.currentData() == "face_to_face"
        assert form.date.value() == TODAY.isoformat()
        assert form.participant_box.isVisibleTo(form)
        assert form.next_step_date.isVisibleTo(form)
    assert tab_chain(dialog) == tab_chain(quick)

    # The user picks the employer and the purpose, and types a dated next step.
    dialog.employer.setCurrentIndex(dialog.employer.findText("Kiwi Bislett"))
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("follow_along"))
    qtbot.keyClicks(dialog.next_step, "Ringe butikksjefen")
    type_date(qtbot, dialog.next_step_date, "27.11.2026")
    dialog.participant_present.setChecked(True)
    with qtbot.waitSignal(dialog.visit_saved, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    rows = specialist_journal.records(pid, "employer_contact")
    assert len(rows) == 3
    qtbot.waitUntil(lambda: contacts.panel.table.current_record() is not None)
    new = contacts.panel.table.current_record()
    assert new is not None
    assert new.fields["purpose"] == "follow_along"
    assert new.fields["job_specialist"] == "Kari Jobb"
    assert new.fields["next_step"] == "Ringe butikksjefen"
    assert new.fields["next_step_date"] == "2026-11-27"
    assert new.fields["participant_present"] is True
    assert contacts.panel.table.topLevelItem(0).text(1) == "Kiwi Bislett"


def tab_chain(dialog: QWidget) -> list[str]:
    """The accessible names Tab visits in a dialog, from its first field round."""
    first = dialog.nextInFocusChain()
    names, widget = [], first
    for _ in range(60):
        tabbed = widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(dialog)
        if tabbed and widget.accessibleName():
            names.append(widget.accessibleName())
        widget = widget.nextInFocusChain()
        if widget is first:
            break
    return names


def test_the_wishes_live_in_the_career_profile_and_the_overview_shows_them_whole(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    j = specialist_journal
    pid = populate(j)
    # Written on the overview before the wishes had one home: still there, and different.
    j.update(pid, {"preferences": "Nær hjemmet. Ikke kveldsvakter."})
    view = make_view(j, pid)
    overview = tab_of(view, OverviewTab)
    assert isinstance(overview, OverviewTab)
    # No second "Ønsker" field on the overview: the career profile's, several lines high.
    assert "preferences" not in overview.form.field_names
    wishes = overview.wishes
    assert wishes.isReadOnly() and wishes.isVisible()
    career_text = "Dagtid, 60 % til å begynne med, gangavstand fra Majorstuen."
    assert wishes.toPlainText() == career_text
    assert wishes.height() >= 3 * wishes.fontMetrics().lineSpacing()
    assert wishes.firstVisibleBlock().blockNumber() == 0  # from the start
    assert wishes.horizontalScrollBar().value() == 0
    # The earlier words are shown beside them, not lost, and can join them.
    assert overview.earlier.isVisible()
    assert overview.earlier.toPlainText() == "Nær hjemmet. Ikke kveldsvakter."
    qtbot.mouseClick(overview.move_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not overview.earlier.isVisible(), timeout=5000)
    [profile] = j.records(pid, "career_profile")
    assert profile.fields["preferences"] == career_text + "\nNær hjemmet. Ikke kveldsvakter."
    # Cleared on the overview by a second write, queued after the first.
    qtbot.waitUntil(lambda: not j.get(pid).fields.get("preferences"), timeout=5000)
    assert wishes.toPlainText() == profile.fields["preferences"]

    # The link opens the career profile at the wishes, ready to type; what is typed
    # there is what the overview shows.
    qtbot.mouseClick(overview.edit_wishes_button, Qt.MouseButton.LeftButton)
    career = view.tabs.currentWidget()
    assert isinstance(career, CareerTab)
    field = career.form.editor("preferences")
    assert isinstance(field, QPlainTextEdit)
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    field.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(field, " Gjerne lager.")
    view.show_tab(OverviewTab)  # leaving the tab saves
    qtbot.waitUntil(
        lambda: wishes.toPlainText().endswith("kveldsvakter. Gjerne lager."), timeout=5000
    )
    [profile] = j.records(pid, "career_profile")
    assert profile.fields["preferences"].endswith("kveldsvakter. Gjerne lager.")


def test_consent_list_shows_scopes_and_withdraws(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    overview = tab_of(view, OverviewTab)
    assert isinstance(overview, OverviewTab)
    table = overview.consents.table
    rows = [[table.topLevelItem(i).text(c) for c in (0, 2, 3, 4)] for i in range(2)]
    assert ["NAV", "02.09.2026", "–", "Current"] in rows
    assert ["GP", "02.09.2026", "15.10.2026", "Withdrawn"] in rows
    nav = next(r for r in table.records if r.fields["scope"] == "nav")
    table.select(nav.id)
    overview.withdraw_button.click()
    qtbot.waitUntil(
        lambda: current(specialist_journal, nav.id).fields.get("withdrawn") == TODAY.isoformat(),
        timeout=2000,
    )
    qtbot.waitUntil(lambda: not overview.withdraw_button.isEnabled(), timeout=2000)
    assert ["NAV", "02.09.2026", "23.11.2026", "Withdrawn"] in [
        [table.topLevelItem(i).text(c) for c in (0, 2, 3, 4)] for i in range(2)
    ]


def test_jobs_show_their_follow_along(make_view: ViewFactory, specialist_journal: Journal) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    jobs = tab_of(view, JobsTab)
    assert isinstance(jobs, JobsTab)
    assert jobs.jobs.table.topLevelItem(0).text(1) == "Rema 1000 Majorstuen"
    assert jobs.follow.title() == "Follow-along: Lagermedarbeider"
    assert jobs.follow.table.topLevelItemCount() == 1
    dialog = jobs.follow.add()
    assert dialog.form.values()["job"] == jobs.jobs.table.current_id()
    dialog.reject()


def test_career_profile_saves_by_itself_and_starts_new_versions(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    career = tab_of(view, CareerTab)
    assert isinstance(career, CareerTab)
    assert career.form.editor("interests").isVisibleTo(career)
    interests = career.form.editor("interests")
    assert isinstance(interests, QPlainTextEdit)
    interests.moveCursor(interests.textCursor().MoveOperation.End)
    qtbot.keyClicks(interests, " Dyr.")
    assert career.flush()
    [profile] = specialist_journal.records(pid, "career_profile")
    assert profile.fields["interests"].endswith("Dyr.")
    assert profile.fields["updated"] == TODAY.isoformat()
    assert career.start_new_version()
    assert career.form.editor("interests").isReadOnly()  # nothing goes into the old one
    versions = lambda: specialist_journal.records(pid, "career_profile")  # noqa: E731
    qtbot.waitUntil(lambda: len(versions()) == 2, timeout=2000)
    [new] = [v for v in versions() if v.fields["version"] == 2]
    assert new.fields["interests"].endswith("Dyr.")
    qtbot.waitUntil(lambda: career.saver.record_id == new.id, timeout=2000)
    assert not career.form.editor("interests").isReadOnly()
    assert career.version_combo.isVisible()


# ----------------------------------------------------------------- sessions


def test_signed_session_is_read_only_and_takes_an_addendum(
    qtbot: QtBot, make_view: ViewFactory, therapist_journal: Journal
) -> None:
    j = therapist_journal
    pid = j.create_participant({"name": "Per Hansen", "programme": "IPS"})
    view = make_view(j, pid)
    tab = tab_of(view, SessionsTab)
    assert isinstance(tab, SessionsTab)
    assert tab.editor.form.values()["number"] == 1
    body = tab.editor.body
    assert isinstance(body, QPlainTextEdit)
    qtbot.keyClicks(body, "Eksponering for telefonsamtaler. God innsats.")
    assert tab.editor.flush()
    sid = tab.editor.record_id
    assert sid is not None

    tab.sign_button.click()
    box = tab.sign_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not tab.sign_button.isVisible(), timeout=3000)  # landed
    rec = current(j, sid)
    assert rec.fields["signed"] == TODAY.isoformat()
    assert rec.fields["signed_by"] == "Tore Terapeut"
    assert body.isReadOnly() and not tab.sign_button.isVisible()
    assert tab.status.text().startswith("Signed 23.11.2026 by Tore Terapeut.")
    qtbot.keyClicks(body, "endret")
    assert current(j, sid).fields["body"] == "Eksponering for telefonsamtaler. God innsats."
    with pytest.raises(ImmutableRecord):
        j.update(sid, {"body": "endret"})

    assert tab.addendum_button.isVisible()
    tab.addendum_button.click()
    add_body = tab.addendum_editor.body
    assert isinstance(add_body, QPlainTextEdit)
    qtbot.keyClicks(add_body, "Rettelse: det var tredje forsøk.")
    assert tab.addendum_editor.flush()
    [addendum] = j.records(pid, "therapy_addendum")
    assert addendum.fields["session"] == sid
    assert addendum.fields["body"] == "Rettelse: det var tredje forsøk."
    assert tab.addenda_list.count() == 1


def test_a_session_signed_elsewhere_refuses_the_edit_with_a_message(
    qtbot: QtBot, make_view: ViewFactory, therapist_journal: Journal
) -> None:
    j = therapist_journal
    pid = j.create_participant({"name": "Per Hansen", "programme": "IPS"})
    sid = j.add("therapy_session", {"date": "2026-11-20", "body": "Utkast"}, participant_id=pid)
    view = make_view(j, pid)
    tab = tab_of(view, SessionsTab)
    assert isinstance(tab, SessionsTab)
    assert tab.editor.record_id == sid
    j.sign(sid)  # on this device but outside the view, as a sync would bring it
    qtbot.keyClicks(tab.editor.body, " og mer")
    assert not tab.editor.flush()
    assert tab.editor.state_label.text() == "Not saved: " + describe(ImmutableRecord())
    view.on_change(ChangeEvent(frozenset({"therapy_session"}), frozenset({sid})))
    assert tab.editor.body.isReadOnly()  # type: ignore[attr-defined]
    assert view.ready_to_close()


def test_cbt_worksheet_has_five_columns_and_intensity_sliders(
    qtbot: QtBot, make_view: ViewFactory, therapist_journal: Journal
) -> None:
    j = therapist_journal
    pid = populate(j, clinical=True)
    view = make_view(j, pid)
    cbt = tab_of(view, CbtTab)
    assert isinstance(cbt, CbtTab)
    assert cbt.list.count() == 1 and cbt.list.item(0).text().endswith("Angst · 80 → 40")
    # The worksheet's columns are on screen, not hidden inside their form.
    for name in ("situation", "thought", "feeling", "bodily_reaction", "behaviour"):
        assert cbt.form.editor(name).isVisibleTo(cbt), name
    cbt.new_worksheet()
    situation = cbt.form.editor("situation")
    assert isinstance(situation, QPlainTextEdit)
    qtbot.keyClicks(situation, "Intervju i morgen")
    cbt.form.editor("intensity").slider.setValue(65)  # type: ignore[attr-defined]
    assert cbt.flush()
    sheets = j.records(pid, "cbt_worksheet")
    new = next(s for s in sheets if s.fields.get("situation") == "Intervju i morgen")
    assert new.fields["intensity"] == 65 and new.fields.get("intensity_after") is None


def test_exposure_plan_steps_and_attempts(
    qtbot: QtBot, make_view: ViewFactory, therapist_journal: Journal
) -> None:
    j = therapist_journal
    pid = populate(j, clinical=True)
    view = make_view(j, pid)
    tab = tab_of(view, ExposureTab)
    assert isinstance(tab, ExposureTab)
    assert tab.steps_table.rowCount() == 3 and tab.attempts_table.rowCount() == 2
    assert tab.attempts_table.item(1, 0).text() == "2. Ringe kundeservice"
    # Two edits in a row, the second before the first has landed: both are kept.
    assert tab.add_step("Møte til intervju", 90)
    tab.steps_table.setCurrentCell(3, 0)
    tab.move_step(-1)
    steps = lambda: [s["step"] for s in j.records(pid, "exposure_plan")[0].fields["steps"]]  # noqa: E731
    qtbot.waitUntil(
        lambda: steps()[2:] == ["Møte til intervju", "Ringe en arbeidsgiver"], timeout=2000
    )
    qtbot.waitUntil(lambda: tab.lists_state.text() == "Steps and attempts saved.", timeout=2000)
    assert tab.steps_table.item(2, 0).text() == "Møte til intervju"
    assert tab.steps_table.currentRow() == 2
    assert tab.add_attempt(2, before=70, peak=85, after=40)
    qtbot.waitUntil(
        lambda: len(j.records(pid, "exposure_plan")[0].fields["attempts"]) == 3, timeout=2000
    )
    [plan] = j.records(pid, "exposure_plan")
    assert plan.fields["attempts"][-1] == {
        "step": 2,
        "date": TODAY.isoformat(),
        "before": 70,
        "peak": 85,
        "after": 40,
    }


# ---------------------------------------------------------------- conflicts


def test_conflict_dialog_keeps_the_losing_value(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    here = specialist_journal
    pid = populate(here)
    there = second_replica(here, pid)
    try:
        here.update(pid, {"nav_office": "NAV St. Hanshaugen"})
        there.update(pid, {"nav_office": "NAV Sagene"})
        sync_all(here.store, there.store)
        rec = current(here, pid)
        assert rec.conflicted
        [losing] = here.losing_values(pid)
        winner = rec.fields["nav_office"]
        assert {winner, losing.value} == {"NAV St. Hanshaugen", "NAV Sagene"}

        view = make_view(here, pid)
        assert view.flag_badge.isVisible() and view.flag_badge.text() == "1 to review"
        overview = tab_of(view, OverviewTab)
        assert isinstance(overview, OverviewTab)
        assert overview.flag_bar.isVisible()
        assert overview.flag_bar.text.text() == "Changed on two machines"
        overview.flag_bar.button.click()
        dialog = view.review_dialog
        assert dialog is not None and dialog.isVisible()
        [(lv, keep)] = dialog.keep_buttons
        assert lv.value == losing.value
        texts = [w.text() for w in dialog.body.findChildren(type(view.name_label))]
        assert "NAV office" in texts
        assert any(t.startswith(f"{losing.value}\nwritten on ") for t in texts)
        with qtbot.waitSignal(dialog.settled, timeout=1000):
            keep.click()
        rec = current(here, pid)
        assert rec.fields["nav_office"] == losing.value
        assert not rec.conflicted and here.losing_values(pid) == []
        assert not view.flag_badge.isVisible()
        assert not overview.flag_bar.isVisible()
        nav_office = overview.form.editor("nav_office")
        assert isinstance(nav_office, QLineEdit) and nav_office.text() == losing.value
    finally:
        there.store.lock()


def test_keep_current_settles_a_conflict_too(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    here = specialist_journal
    pid = populate(here)
    there = second_replica(here, pid)
    try:
        [meeting] = here.records(pid, "meeting")
        here.update(meeting.id, {"next_date": "2027-01-10"})
        there.update(meeting.id, {"next_date": "2027-01-17"})
        sync_all(here.store, there.store)
        winner = current(here, meeting.id).fields["next_date"]
        view = make_view(here, pid)
        dialog = view.review_record(meeting.id)
        assert dialog is not None
        with qtbot.waitSignal(dialog.settled, timeout=1000):
            dialog.keep_current_buttons["next_date"].click()
        rec = current(here, meeting.id)
        assert rec.fields["next_date"] == winner and not rec.conflicted
    finally:
        there.store.lock()


def test_a_note_deleted_elsewhere_while_edited_here_can_be_kept(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    here = specialist_journal
    pid = populate(here)
    there = second_replica(here, pid)
    try:
        note = next(r for r in here.records(pid, "case_note") if r.fields["topic"] == "benefits")
        there.delete(note.id)
        here.update(note.id, {"body": "Lagt til et avsnitt om AAP."})
        sync_all(here.store, there.store)
        assert current(here, note.id).resurrected
        view = make_view(here, pid)
        assert view.flag_badge.isVisible()
        [action] = view.flag_menu.actions()
        assert action.text().endswith("Deleted on another machine while edited here")
        action.trigger()
        dialog = view.review_dialog
        assert dialog is not None
        with qtbot.waitSignal(dialog.settled, timeout=1000):
            dialog.keep_record_button.click()
        rec = current(here, note.id)
        assert not rec.deleted and not rec.resurrected
        assert not view.flag_badge.isVisible()
    finally:
        there.store.lock()


def test_a_note_deleted_elsewhere_while_edited_here_can_be_deleted_again(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    here = specialist_journal
    pid = populate(here)
    there = second_replica(here, pid)
    try:
        note = next(r for r in here.records(pid, "case_note") if r.fields["topic"] == "benefits")
        there.delete(note.id)
        here.update(note.id, {"body": "Lagt til et avsnitt om AAP."})
        sync_all(here.store, there.store)
        view = make_view(here, pid)
        [action] = view.flag_menu.actions()
        action.trigger()
        dialog = view.review_dialog
        assert dialog is not None
        # The delete runs on the journal's executor (the store refuses it on this thread);
        # the dialog closes once it landed.
        with qtbot.waitSignal(dialog.settled, timeout=2000):
            qtbot.mouseClick(dialog.delete_record_button, Qt.MouseButton.LeftButton)
        assert current(here, note.id).deleted
        assert note.id not in [r.id for r in here.records(pid, "case_note")]
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=1000)
        assert not view.flag_badge.isVisible()
    finally:
        there.store.lock()


# ---------------------------------------------------------------- access log


def test_access_log_reads_as_sentences_and_exports_them_without_ids(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal, tmp_path: Path
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    with qtbot.waitSignal(view.access_log_button.clicked, timeout=1000):
        view.access_log_button.click()
    dialog = view.access_log_dialog
    assert isinstance(dialog, AccessLogDialog)
    qtbot.waitUntil(lambda: bool(dialog.entries), timeout=3000)
    rows = [
        [dialog.table.topLevelItem(i).text(c) for c in range(2)]
        for i in range(dialog.table.topLevelItemCount())
    ]
    when, what = rows[0]
    assert what == "Kari Jobb read the participant's details."
    assert len(when) == len("23.11.2026 10:42")
    assert "Kari Jobb created a case note." in [r[1] for r in rows]
    path = tmp_path / "tilgangslogg.csv"
    path.write_text("en eldre fil", "utf-8")
    path.chmod(0o644)
    assert dialog.export_csv(path)
    if os.name != "nt":  # it left the store: only its owner may open it
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text("utf-8-sig")
    assert "Per Hansen" not in text and "Rema" not in text and "Besøk" not in text
    assert pid not in text and ";create" not in text  # sentences, not ids and verbs
    table = list(csv.DictReader(text.splitlines(), delimiter=";"))
    assert table[0] == {"When": when, "What happened": what}
    assert specialist_journal.access_log(pid)[-1].action == "export"


# --------------------------------------------------------------- lifecycle


def test_shutdown_flushes_every_tab(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    notes = tab_of(view, NotesTab)
    assert isinstance(notes, NotesTab)
    notes.new_note()
    qtbot.keyClicks(notes.editor.body, "Siste tanke før lås")
    plan = tab_of(view, PlanTab)
    assert isinstance(plan, PlanTab)
    summary = plan.plan_form.editor("summary")
    assert isinstance(summary, QPlainTextEdit)
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    qtbot.keyClicks(summary, " Ny vri.")
    view.shutdown()
    bodies = [r.fields.get("body") for r in specialist_journal.records(pid, "case_note")]
    assert "Siste tanke før lås" in bodies
    assert (
        specialist_journal.records(pid, "job_search_plan")[0].fields["summary"].endswith("Ny vri.")
    )
    assert not any(t.has_pending() for t in view.tabs_by_kind)


def test_a_participant_that_cannot_be_opened_says_so(
    make_view: ViewFactory, specialist_journal: Journal
) -> None:
    view = make_view(specialist_journal, "no-such-participant")
    assert view.tabs.count() == 0
    assert view.message_bar.isVisible()
    assert not view.summary_button.isEnabled()


# ------------------------------------------------------------ accessibility


INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QSlider,
    QAbstractItemView,
)


@pytest.mark.parametrize("role", ["specialist", "therapist"])
def test_every_control_has_an_accessible_name(
    request: pytest.FixtureRequest, make_view: ViewFactory, role: str
) -> None:
    journal: Journal = request.getfixturevalue(f"{role}_journal")
    pid = populate(journal, clinical=role == "therapist")
    view = make_view(journal, pid)
    for tab in view.tabs_by_kind:
        view.tabs.setCurrentWidget(tab)
        unnamed = [
            f"{type(w).__name__} in {type(tab).__name__}"
            for w in [view, *view.findChildren(QWidget)]
            if isinstance(w, INTERACTIVE)
            and not isinstance(w, QHeaderView)  # part of its table
            and w.isVisible()
            and not w.objectName().startswith("qt_")
            and not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text()))
        ]
        assert unnamed == []


def test_tabs_are_reachable_by_keyboard(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    view.activateWindow()
    view.tabs.tabBar().setFocus()
    qtbot.waitUntil(view.tabs.tabBar().hasFocus, timeout=1000)
    qtbot.keyClick(view.tabs.tabBar(), Qt.Key.Key_Right)
    assert view.tabs.currentWidget() is view.tab(CareerTab)
    qtbot.keyClick(view.tabs.tabBar(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentWidget() is view.tab(PlanTab)


def test_language_change_retranslates_without_losing_anything(
    make_view: ViewFactory, therapist_journal: Journal
) -> None:
    pid = populate(therapist_journal, clinical=True)
    view = make_view(therapist_journal, pid)
    notes = view.tab(NotesTab)
    assert isinstance(notes, NotesTab)
    before = notes.editor.form.values()
    for w in [view, *view.findChildren(QWidget)]:
        QApplication.sendEvent(w, QEvent(QEvent.Type.LanguageChange))
    assert view.tab_titles() == WORK_TITLES + CLINICAL_TITLES
    assert notes.editor.form.values() == before
    assert not notes.has_pending()
    assert view.name_label.text() == "Per Hansen"


# -------------------------------------------------------------- screenshots


@pytest.mark.parametrize("role", ["specialist", "therapist"])
def test_screenshots_of_every_tab(
    request: pytest.FixtureRequest, make_view: ViewFactory, role: str
) -> None:
    journal: Journal = request.getfixturevalue(f"{role}_journal")
    pid = populate(journal, clinical=role == "therapist")
    view = make_view(journal, pid)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for tab in view.tabs_by_kind:
        view.tabs.setCurrentWidget(tab)
        settle()
        image = view.grab()
        assert (image.width(), image.height()) == (1366, 768)
        name = tab.objectName().removesuffix("Tab")
        assert image.save(str(SHOTS / f"participant-{role}-{name}.png"))


# ------------------------------------------------------------------ speed


def test_only_the_page_on_top_is_built_when_a_participant_opens(
    make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    built = {type(t).__name__ for t in view.tabs_by_kind if t.built}
    assert built == {"OverviewTab"}
    career = view.tabs_by_kind[1]
    assert isinstance(career, CareerTab) and not career.built
    # Not built yet, yet named for screen readers, with nothing to save.
    assert career.accessibleName() == "Career profile"
    assert not career.has_pending() and career.flush()
    jobs = view.tabs_by_kind[-1]
    assert jobs.accessibleName() == "Jobs and follow-along"
    # Shown (by keyboard or click): built before it appears, with the data it was given.
    view.tabs.setCurrentWidget(career)
    assert career.built and career.isVisible()
    assert career.form.values()["interests"].startswith("Lager og logistikk")
    assert career.form.isVisible()


def test_a_page_built_later_shows_what_changed_before(
    make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    nid = specialist_journal.add(
        "case_note",
        {"date": "2026-11-22", "title": "Fra den andre maskinen", "body": "Synket inn."},
        participant_id=pid,
    )
    view.on_change(ChangeEvent(frozenset({"case_note"}), frozenset({nid})))
    notes = view.tabs_by_kind[3]
    assert isinstance(notes, NotesTab) and not notes.built
    assert view.tab(NotesTab) is notes and notes.built  # tab() hands out a built page
    assert notes.timeline.item(0).text().endswith("Fra den andre maskinen")
    assert notes.count_label.text() == "3 note(s)"


def test_an_autosave_changes_the_one_timeline_line_without_reading_everything(
    qtbot: QtBot,
    make_view: ViewFactory,
    specialist_journal: Journal,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    notes = tab_of(view, NotesTab)
    assert isinstance(notes, NotesTab)
    timeline = notes.timeline
    older = timeline.item(1)
    reads: list[str] = []
    monkeypatch.setattr(
        specialist_journal, "records", lambda *a, **k: reads.append("records") or []
    )
    # Editing the newest note's title: its line changes, the other line stays as it was.
    title = notes.editor.form.editor("title")
    assert isinstance(title, QLineEdit)
    title.selectAll()
    qtbot.keyClicks(title, "Besøk hos Rema 1000, andre gang")
    with qtbot.waitSignal(view.changed, timeout=3000):
        assert notes.flush()
    assert reads == []
    assert timeline.count() == 2
    assert timeline.item(0).text() == "20.11.2026 · Job search\nBesøk hos Rema 1000, andre gang"
    assert timeline.item(1) is older
    assert timeline.currentRow() == 0
    # A new note dated between the two goes in between, selected, and the count follows.
    assert notes.new_note()
    date_field = notes.editor.form.editor("date")
    assert isinstance(date_field, DateField)
    date_field.set_value("2026-11-10")
    qtbot.keyClicks(notes.editor.body, "Ringte NAV om tiltaksplass.")
    assert notes.flush()
    assert reads == []
    texts = [timeline.item(i).text() for i in range(timeline.count())]
    assert texts == [
        "20.11.2026 · Job search\nBesøk hos Rema 1000, andre gang",
        "10.11.2026 · General\nRingte NAV om tiltaksplass.",
        "06.11.2026 · Benefits\nArbeidsavklaringspenger",
    ]
    assert timeline.currentRow() == 1
    assert notes.count_label.text() == "3 note(s)"
    assert [n.fields["date"] for n in notes.notes] == ["2026-11-20", "2026-11-10", "2026-11-06"]
    # Moving it to a later date moves its line to the top.
    date_field.set_value("2026-11-21")
    assert notes.flush()
    assert timeline.item(0).text() == "21.11.2026 · General\nRingte NAV om tiltaksplass."
    assert timeline.currentRow() == 0 and timeline.count() == 3
    assert view.data is not None
    assert {r.id for r in view.data.of("case_note")} == {n.id for n in notes.notes}


def test_a_filtered_timeline_keeps_the_filter_after_an_autosave(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    notes = tab_of(view, NotesTab)
    assert isinstance(notes, NotesTab)
    notes.filter.setText("rema")
    assert notes.timeline.count() == 1
    assert notes.new_note()
    qtbot.keyClicks(notes.editor.body, "Ikke noe om butikken.")
    assert notes.flush()
    assert notes.timeline.count() == 1  # the new note does not match the filter
    assert notes.count_label.text() == "3 note(s)"
    notes.filter.clear()
    assert notes.timeline.count() == 3


# ------------------------------------------------- a text changed on two machines


def _rewrite_on_two_machines(here: Journal, pid: str) -> tuple[Journal, str, str, str]:
    """The same note rewritten offline here and on the specialist's other laptop."""
    there = second_replica(here, pid)
    note = next(r for r in here.records(pid, "case_note") if r.fields["topic"] == "job_search")
    body = str(note.fields["body"])
    ours = body.replace("Per", "Per Hansen", 1) + " Ringer butikksjefen på fredag."
    theirs = "Møtet ble flyttet til Kiwi Bislett. " + body
    here.update(note.id, {"body": ours})
    there.update(note.id, {"body": theirs})
    sync_all(here.store, there.store)
    return there, note.id, ours, theirs


def test_a_note_changed_on_two_machines_shows_a_quiet_badge_and_restores(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    here = specialist_journal
    pid = populate(here)
    there, nid, ours, _theirs = _rewrite_on_two_machines(here, pid)
    try:
        merged = current(here, nid)
        assert merged.text_merged and not merged.conflicted
        assert "Kiwi Bislett" in merged.fields["body"] and "fredag" in merged.fields["body"]

        view = make_view(here, pid)
        assert view.flag_badge.isVisible() and view.flag_badge.text() == "1 to review"
        notes = tab_of(view, NotesTab)
        assert isinstance(notes, NotesTab)
        assert notes.open_note(nid)
        # The badge above the note, and the marked line in the timeline.
        assert notes.flag_bar.isVisible()
        assert notes.flag_bar.text.text() == "Changed on two machines"
        row = notes.timeline.currentRow()
        assert notes.timeline.item(row).toolTip() == "Changed on two machines"
        assert not notes.timeline.item(row).icon().isNull()

        notes.flag_bar.button.click()
        dialog = view.text_dialog
        assert dialog is not None and dialog.isVisible()
        [(kept, restore)] = dialog.restore_buttons
        assert kept.text == ours
        boxes = [b.toPlainText() for b in dialog.body.findChildren(QPlainTextEdit)]
        assert boxes == [merged.fields["body"], ours]
        assert all(b.isReadOnly() for b in dialog.body.findChildren(QPlainTextEdit))
        with qtbot.waitSignal(dialog.settled, timeout=1000):
            restore.click()

        rec = current(here, nid)
        assert rec.fields["body"] == ours and not rec.text_merged
        assert here.text_versions(nid) == []
        assert not view.flag_badge.isVisible()
        assert not notes.flag_bar.isVisible()
        assert notes.editor.body.toPlainText() == ours
        assert notes.timeline.item(notes.timeline.currentRow()).toolTip() == ""
        # The restore is an ordinary edit: the other laptop gets it at the next sync.
        sync_all(here.store, there.store)
        assert current(there, nid).fields["body"] == ours
    finally:
        there.store.lock()


def test_keeping_the_merged_text_clears_the_badge(
    qtbot: QtBot, make_view: ViewFactory, specialist_journal: Journal
) -> None:
    here = specialist_journal
    pid = populate(here)
    there, nid, _ours, _theirs = _rewrite_on_two_machines(here, pid)
    try:
        merged = current(here, nid).fields["body"]
        view = make_view(here, pid)
        # From the header's list of what to review.
        [action] = view.flag_menu.actions()
        assert action.text().endswith("Changed on two machines")
        action.trigger()
        dialog = view.text_dialog
        assert dialog is not None
        keep = dialog.keep_merged_buttons["body"]
        assert keep.accessibleName() == "Keep Text as it is now"
        with qtbot.waitSignal(dialog.settled, timeout=1000):
            keep.click()
        rec = current(here, nid)
        assert rec.fields["body"] == merged and not rec.text_merged
        assert not view.flag_badge.isVisible()
        entries = [e for e in here.access_log(pid) if e.record_id == nid]
        assert entries[-1].action == "change"
    finally:
        there.store.lock()


def test_the_earlier_text_of_a_signed_session_cannot_be_restored(
    make_view: ViewFactory, therapist_journal: Journal
) -> None:
    pid = populate(therapist_journal, clinical=True)
    [session] = [
        s for s in therapist_journal.records(pid, "therapy_session") if s.fields.get("signed")
    ][:1]
    with pytest.raises(ImmutableRecord):
        therapist_journal.restore_text_version(session.id, 1)


def test_a_change_from_elsewhere_naming_one_record_replaces_that_record_alone(
    make_view: ViewFactory, specialist_journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    notes = tab_of(view, NotesTab)
    assert isinstance(notes, NotesTab)
    nid = specialist_journal.add(
        "case_note",
        {"date": "2026-11-22", "title": "Fra den andre maskinen", "body": "Synket inn."},
        participant_id=pid,
    )
    reads: list[str] = []
    monkeypatch.setattr(
        specialist_journal, "records", lambda *a, **k: reads.append("records") or []
    )
    view.on_change(ChangeEvent(frozenset({"case_note"}), frozenset({nid}), external=True))
    assert reads == []  # not every record of the participant again
    assert notes.timeline.item(0).text().endswith("Fra den andre maskinen")
    assert notes.count_label.text() == "3 note(s)"


def test_a_change_to_another_participants_record_reloads_nothing_here(
    make_view: ViewFactory, specialist_journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = populate(specialist_journal)
    other = specialist_journal.create_participant({"name": "Ola Berg", "programme": "IPS"})
    view = make_view(specialist_journal, pid)
    reloaded: list[str] = []
    for tab in view.tabs_by_kind:
        original = tab.reload
        monkeypatch.setattr(
            tab,
            "reload",
            lambda data, t=tab, o=original: (reloaded.append(type(t).__name__), o(data)),
        )
    nid = specialist_journal.add(
        "case_note", {"date": "2026-11-22", "body": "Ikke Per."}, participant_id=other
    )
    view.on_change(ChangeEvent(frozenset({"case_note"}), frozenset({nid}), external=True))
    assert reloaded == []


def test_an_autosave_in_the_view_reads_nothing_on_the_gui_thread(
    qtbot: QtBot,
    make_view: ViewFactory,
    specialist_journal: Journal,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pid = populate(specialist_journal)
    view = make_view(specialist_journal, pid)
    notes = tab_of(view, NotesTab)
    assert isinstance(notes, NotesTab)
    reads: list[str] = []
    for name in ("reread", "records", "get"):
        original = getattr(specialist_journal, name)
        monkeypatch.setattr(
            specialist_journal,
            name,
            lambda *a, _n=name, _o=original, **k: (reads.append(_n), _o(*a, **k))[1],
        )
    title = notes.editor.form.editor("title")
    assert isinstance(title, QLineEdit)
    title.selectAll()
    qtbot.keyClicks(title, "Besøk hos Rema 1000, andre gang")
    with qtbot.waitSignal(view.changed, timeout=3000):
        pass
    assert reads == []  # the record came with its change event, read on the executor
    assert (
        notes.timeline.item(0).text() == "20.11.2026 · Job search\nBesøk hos Rema 1000, andre gang"
    )
