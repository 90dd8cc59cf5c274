"""Search in the caseload: why each person matched, and a hit opens the matching note."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.journal import Journal
from app.operations.search import search, snippet_of
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
    QTest.keyClick(view.caseload.filter, Qt.Key.Key_Return)
    assert view.caseload.results.count() == 2
    tasks.wait_idle()
    view.shutdown()
    assert view.caseload.results.count() == 0
    j.store.lock()
    assert holders(tmp_path, SECRET) == []
    assert SECRET not in caplog.text.casefold()
