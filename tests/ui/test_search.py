"""Search in the caseload: why each person matched, and a hit opens the matching note."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.errors import Locked
from app.journal import Journal
from app.operations.search import search, snippet_of
from tests.support.gui_writes import GuiWriteGuard
from tests.support.held_page import HeldPage
from ui.caseload_view import CaseloadView
from ui.lock_guard import ClipboardGuard
from ui.participant_tabs import NotesTab, PlanTab
from ui.participant_view import ParticipantView
from ui.search_results import HTML_ROLE, MARK_STYLE
from ui.tasks import TaskRunner
from ui.workspace import Workspace

SECRET = "kveldsturnusen"


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_idle()


def people(j: Journal) -> dict[str, str]:
    """Two participants, several notes each; one old note of Per's says the word."""
    per = j.create_participant({"name": "Per Hansen", "programme": "IPS"})
    ada = j.create_participant({"name": "Ada Lund", "programme": "IPS"})
    ids = {"per": per, "ada": ada}
    for day in range(1, 6):
        j.add(
            "case_note",
            {"date": f"2026-11-{day:02d}", "title": f"Samtale {day}", "body": "Om CV."},
            participant_id=per,
        )
    ids["note"] = j.add(
        "case_note",
        {
            "date": "2026-10-14",
            "title": "Arbeidstid",
            "body": (
                "Per forteller at han har jobbet mye i helgene. Han vil helst ikke ha "
                f"{SECRET.capitalize()} igjen, men dagvakter går fint.\nVi ser på dette neste uke."
            ),
        },
        participant_id=per,
    )
    goal = j.add("goal", {"title": "Jobb med faste vakter", "order": 0}, participant_id=ada)
    ids["action"] = j.add(
        "action",
        {"goal": goal, "description": f"Spørre om {SECRET} hos Coop", "status": "open"},
        participant_id=ada,
    )
    return ids


def test_a_snippet_marks_every_typed_word_as_a_prefix() -> None:
    field, snippet = snippet_of(
        {"title": "Møte", "body": "Lang tekst. " * 30 + "Hun søker jobb på lager i Groruddalen."},
        "lag søk",
    )
    assert field == "body"
    assert [t for t, hit in snippet.runs if hit] == ["søker", "lager"]
    assert snippet.text.startswith("…") and snippet.text.endswith("Groruddalen.")
    assert snippet.marked().endswith("Hun [søker] jobb på [lager] i Groruddalen.")
    assert snippet_of({"body": "ingenting"}, "lager") == (None, snippet_of({}, "x")[1])


def test_search_says_whose_what_when_and_why(specialist_journal: Journal) -> None:
    j = specialist_journal
    ids = people(j)
    hits = {h.id: h for h in search(j, text="kvelds")}
    note = hits[ids["note"]]
    assert (note.participant_id, note.name, note.type, note.date, note.field) == (
        ids["per"],
        "Per Hansen",
        "case_note",
        "2026-10-14",
        "body",
    )
    assert [t for t, hit in note.snippet.runs if hit] == ["Kveldsturnusen"]
    assert "\n" not in note.snippet.text
    action = hits[ids["action"]]
    assert (action.participant_id, action.name, action.date) == (ids["ada"], "Ada Lund", None)


def test_typing_enter_and_a_click_open_the_matching_note(
    qtbot: QtBot, specialist_journal: Journal, tasks: TaskRunner
) -> None:
    j = specialist_journal
    ids = people(j)
    # Someone the list does not show (exited): their hits are not listed either.
    gone = j.create_participant({"name": "Eva Borte", "programme": "IPS", "status": "exited"})
    j.add(
        "case_note",
        {"date": "2026-01-05", "title": "Slutt", "body": f"Ingen {SECRET} mer."},
        participant_id=gone,
    )
    ws = Workspace(journal=j, tasks=tasks, clipboard=ClipboardGuard())
    qtbot.addWidget(ws)
    ws.resize(1366, 768)
    ws.show()
    caseload = ws.caseload
    qtbot.waitUntil(lambda: caseload.model.rowCount() == 2, timeout=10000)
    assert not caseload.results.isVisible()

    caseload.filter.setFocus()
    QTest.keyClicks(caseload.filter, "kvelds")
    with qtbot.waitSignal(caseload.searched, timeout=5000):
        QTest.keyClick(caseload.filter, Qt.Key.Key_Return)
    results = caseload.results
    assert results.isVisible() and results.count() == 2
    assert results.heading.text().startswith("Found in the journal: 2 record")
    # Enter went to the first hit: a word only found in records, not a name.
    assert QApplication.focusWidget() is results.list and results.list.currentRow() == 0
    assert set(caseload.visible_ids()) == {ids["per"], ids["ada"]}
    texts = [results.list.item(i).text() for i in range(results.list.count())]
    per_row = next(i for i, t in enumerate(texts) if t.startswith("Per Hansen"))
    assert texts[per_row].splitlines()[0] == "Per Hansen · Case note · 14.10.2026"
    assert "vil helst ikke ha Kveldsturnusen igjen" in texts[per_row]
    marked = results.list.item(per_row).data(HTML_ROLE)
    assert f"<span style='{MARK_STYLE}'>Kveldsturnusen</span>" in marked
    assert any(t.startswith("Ada Lund · Action") for t in texts)

    # A click on Per's hit opens Per at that note, in the notes tab, not the overview.
    rect = results.list.visualItemRect(results.list.item(per_row))
    QTest.mouseClick(results.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: isinstance(ws.participant, ParticipantView), timeout=5000)
    view = ws.participant
    assert isinstance(view, ParticipantView) and view.participant_id == ids["per"]
    notes = view.tabs.currentWidget()
    assert isinstance(notes, NotesTab)
    assert notes.editor.record_id == ids["note"]  # not the newest note
    current = notes.timeline.currentItem()
    assert current is not None and "Arbeidstid" in current.text()
    assert SECRET.capitalize() in notes.editor.body.toPlainText()

    # Back, and Enter on Ada's hit opens her plan with the action selected.
    view.go_back()
    qtbot.waitUntil(lambda: ws.participant is None, timeout=5000)
    ada_row = 1 - per_row
    results.list.setFocus()
    results.list.setCurrentRow(ada_row)
    QTest.keyClick(results.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(ws.participant, ParticipantView), timeout=5000)
    plan = ws.participant.tabs.currentWidget() if ws.participant else None
    assert isinstance(plan, PlanTab) and plan.current_id() == ids["action"]
    tasks.wait_idle()
    ws.shutdown()


def test_a_name_typed_still_goes_to_the_list_of_people(
    qtbot: QtBot, specialist_journal: Journal, tasks: TaskRunner
) -> None:
    j = specialist_journal
    ids = people(j)
    ws = Workspace(journal=j, tasks=tasks, clipboard=ClipboardGuard())
    qtbot.addWidget(ws)
    ws.show()
    qtbot.waitUntil(lambda: ws.caseload.model.rowCount() == 2, timeout=10000)
    QTest.keyClicks(ws.caseload.filter, "Hansen")
    with qtbot.waitSignal(ws.caseload.searched, timeout=5000):
        QTest.keyClick(ws.caseload.filter, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is ws.caseload.table
    assert ws.caseload.visible_ids() == [ids["per"]]
    assert not ws.caseload.results.isVisible()  # the name shows in the table already
    tasks.wait_idle()
    ws.shutdown()


def holders(root: Path, needle: str) -> list[str]:
    """Files under ``root`` whose bytes hold ``needle`` (UTF-8, any case)."""
    wanted = [needle.encode(), needle.capitalize().encode()]
    return [
        str(p) for p in root.rglob("*") if p.is_file() and any(w in p.read_bytes() for w in wanted)
    ]


def test_the_snippet_is_written_nowhere(
    qtbot: QtBot,
    specialist_journal: Journal,
    tasks: TaskRunner,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    j = specialist_journal
    people(j)
    view = Workspace(journal=j, tasks=tasks, clipboard=ClipboardGuard())
    qtbot.addWidget(view)
    # Typed before the list has loaded: the hits come once it has.
    QTest.keyClicks(view.caseload.filter, "kvelds")
    qtbot.waitUntil(lambda: view.caseload.results.count() == 2, timeout=10000)
    view.caseload.filter.clear()
    QTest.keyClicks(view.caseload.filter, "kvelds")
    with qtbot.waitSignal(view.caseload.searched, timeout=5000):
        QTest.keyClick(view.caseload.filter, Qt.Key.Key_Return)
    assert view.caseload.results.count() == 2
    tasks.wait_idle()
    view.shutdown()
    assert view.caseload.results.count() == 0
    j.store.lock()
    assert holders(tmp_path, SECRET) == []
    assert SECRET not in caplog.text.casefold()


def _workspace(qtbot: QtBot, j: Journal, tasks: TaskRunner) -> Workspace:
    """The window's workspace over ``j``, database tasks on its executor as while the
    journal is open, once the caseload lists Per and Ada."""
    tasks.attach(j.executor)
    ws = Workspace(journal=j, tasks=tasks, clipboard=ClipboardGuard())
    qtbot.addWidget(ws)
    ws.resize(1366, 768)
    ws.show()
    qtbot.waitUntil(lambda: ws.caseload.model.rowCount() == 2, timeout=10000)
    ws.caseload.filter.setFocus()
    return ws


def _searches(j: Journal) -> list[str]:
    """The texts the journal is searched for, from now on, in order."""
    asked: list[str] = []
    original = j.search

    def spy(text: str, *, limit: int = 50) -> list[Any]:
        asked.append(text)
        return original(text, limit=limit)

    j.search = spy  # type: ignore[method-assign]
    return asked


def _shown(caseload: CaseloadView) -> list[tuple[set[str], int]]:
    """What each answer showed: the people listed and the number of hits."""
    shown: list[tuple[set[str], int]] = []
    caseload.searched.connect(
        lambda: shown.append((set(caseload.visible_ids()), caseload.results.count()))
    )
    return shown


def _retype(qtbot: QtBot, caseload: CaseloadView, text: str) -> None:
    """Select what the field holds and type ``text`` over it, as a user does."""
    QTest.keyClick(caseload.filter, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(caseload.filter, text)
    qtbot.waitUntil(caseload.searching, timeout=3000)  # handed to the database thread


def test_typing_a_search_does_not_wait_for_the_store_while_a_sync_page_holds_it(
    qtbot: QtBot, specialist_journal: Journal, tasks: TaskRunner, gui_write_guard: GuiWriteGuard
) -> None:
    j = specialist_journal
    ids = people(j)
    ws = _workspace(qtbot, j, tasks)
    caseload = ws.caseload
    asked = _searches(j)
    shown = _shown(caseload)
    held = HeldPage(j)
    try:
        QTest.keyClicks(caseload.filter, "Samtale")  # Per's notes' titles
        qtbot.waitUntil(caseload.searching, timeout=3000)
        # The search waits for the store; the GUI thread does not: the user goes on
        # typing, and the field shows it, while the page still holds the store.
        _retype(qtbot, caseload, "kvelds")
        assert caseload.filter.text() == "kvelds"
        assert not held.applying.done() and asked == [] and shown == []
    finally:
        held.release.set()
    qtbot.waitUntil(lambda: shown != [], timeout=10000)
    # Only the last text was searched (the one before was dropped while it waited),
    # and its hits are what shows: both people, one hit each.
    assert asked == ["kvelds"]
    assert shown == [({ids["per"], ids["ada"]}, 2)]
    assert caseload.results.isVisible()
    assert gui_write_guard.refused == []
    ws.shutdown()


def test_an_older_search_answering_late_never_overwrites_the_newer_one(
    qtbot: QtBot, specialist_journal: Journal, tasks: TaskRunner
) -> None:
    j = specialist_journal
    ids = people(j)
    ws = _workspace(qtbot, j, tasks)
    caseload = ws.caseload
    shown = _shown(caseload)
    # The first search is slow: it is still reading when the user types something else.
    reading, finish = threading.Event(), threading.Event()
    original = j.search

    def slow(text: str, *, limit: int = 50) -> list[Any]:
        if text == "Samtale":
            reading.set()
            finish.wait(10)
        return original(text, limit=limit)

    j.search = slow  # type: ignore[method-assign]
    try:
        QTest.keyClicks(caseload.filter, "Samtale")
        qtbot.waitUntil(reading.is_set, timeout=3000)
        _retype(qtbot, caseload, "kvelds")
    finally:
        finish.set()
    # The answers come in the order the searches ran: the older one came first.
    qtbot.waitUntil(lambda: shown != [], timeout=10000)
    assert shown == [({ids["per"], ids["ada"]}, 2)]
    assert caseload.filter.text() == "kvelds"
    ws.shutdown()


def test_a_failed_search_says_so_in_one_sentence(
    qtbot: QtBot, specialist_journal: Journal, tasks: TaskRunner
) -> None:
    j = specialist_journal
    people(j)
    ws = _workspace(qtbot, j, tasks)
    caseload = ws.caseload
    original = j.search

    def locked(text: str, *, limit: int = 50) -> list[Any]:
        raise Locked()

    j.search = locked  # type: ignore[method-assign]
    QTest.keyClicks(caseload.filter, "kvelds")
    qtbot.waitUntil(lambda: caseload.results.isVisible(), timeout=5000)
    assert caseload.results.heading.text() == "The search failed: The journal is locked."
    assert caseload.results.count() == 0
    # The next search that works shows its hits in the heading's place again.
    j.search = original  # type: ignore[method-assign]
    with qtbot.waitSignal(caseload.searched, timeout=5000):
        QTest.keyClick(caseload.filter, Qt.Key.Key_Return)
    assert caseload.results.heading.text().startswith("Found in the journal: 2 record")
    tasks.wait_idle()
    ws.shutdown()
