"""The note editor saves by itself: after a pause, on leaving, on switching note, on shutdown."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.journal import ChangeEvent, Journal
from ui import note_editor
from ui.lock_guard import ClipboardGuard
from ui.note_editor import NoteEditor, merge_text


def stored_body(journal: Journal, record_id: str | None) -> str | None:
    if record_id is None:
        return None
    rec = journal.store.get(record_id, audit=False)
    return None if rec is None else rec.fields.get("body")


def case_notes(journal: Journal, pid: str) -> list[str]:
    return [r.id for r in journal.records(pid, "case_note")]


@pytest.fixture
def pid(specialist_journal: Journal) -> str:
    return specialist_journal.create_participant({"name": "Per Hansen", "programme": "IPS"})


@pytest.fixture
def editor(qtbot: QtBot, specialist_journal: Journal, pid: str) -> Iterator[NoteEditor]:
    ed = NoteEditor(journal=specialist_journal, participant_id=pid, clipboard=ClipboardGuard())
    qtbot.addWidget(ed)
    ed.resize(900, 600)
    ed.show()
    yield ed
    ed.shutdown()


def body(ed: NoteEditor) -> QPlainTextEdit:
    assert isinstance(ed.body, QPlainTextEdit)
    return ed.body


def test_typing_saves_after_a_pause_not_per_keystroke(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    events: list[ChangeEvent] = []
    specialist_journal.subscribe(events.append)
    qtbot.keyClicks(body(editor), "Per vil jobbe på lager. Særlig nattskift.")
    # Nothing is written while typing: the timer only fires once the loop runs again.
    assert case_notes(specialist_journal, pid) == []
    assert editor.saver.state == "pending"
    assert editor.state_label.text() == "Saving…"
    with qtbot.waitSignal(editor.note_created, timeout=3000) as created:
        pass
    rid = created.args[0]
    assert stored_body(specialist_journal, rid) == "Per vil jobbe på lager. Særlig nattskift."
    assert len(events) == 1 and events[0].kinds == {"case_note"}
    assert editor.state_label.text().startswith("Saved ")
    # The next pause updates the same note.
    qtbot.keyClicks(body(editor), " Ønsker 60 %.")
    qtbot.waitUntil(
        lambda: (
            stored_body(specialist_journal, rid)
            == "Per vil jobbe på lager. Særlig nattskift. Ønsker 60 %."
        ),
        timeout=3000,
    )
    assert case_notes(specialist_journal, pid) == [rid]


def test_shutdown_saves_at_once(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    qtbot.keyClicks(body(editor), "Skrevet rett før lås")
    editor.shutdown()
    [rid] = case_notes(specialist_journal, pid)
    assert stored_body(specialist_journal, rid) == "Skrevet rett før lås"
    assert not editor.saver.timer.isActive()
    assert not editor.has_pending()


def test_switching_note_saves_the_one_being_written(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    other = specialist_journal.add(
        "case_note", {"date": "2026-11-01", "body": "Eldre notat"}, participant_id=pid
    )
    qtbot.keyClicks(body(editor), "Nytt notat")
    assert editor.set_note(specialist_journal.get(other))
    saved = [r for r in case_notes(specialist_journal, pid) if r != other]
    assert len(saved) == 1 and stored_body(specialist_journal, saved[0]) == "Nytt notat"
    assert body(editor).toPlainText() == "Eldre notat"
    assert editor.record_id == other


def test_leaving_the_text_saves(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    body(editor).setFocus()
    qtbot.waitUntil(body(editor).hasFocus)
    qtbot.keyClicks(body(editor), "Avklart med NAV")
    title = editor.form.editor("title")
    assert isinstance(title, QLineEdit)
    title.setFocus()
    qtbot.waitUntil(lambda: editor.record_id is not None, timeout=1000)
    assert stored_body(specialist_journal, editor.record_id) == "Avklart med NAV"


def test_header_fields_save_too(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    qtbot.keyClicks(body(editor), "Om stønad")
    topic = editor.form.editor("topic")
    assert isinstance(topic, QComboBox)
    topic.setCurrentIndex(topic.findData("benefits"))
    assert editor.flush()
    rec = specialist_journal.get(str(editor.record_id))
    assert rec.fields["topic"] == "benefits"
    assert rec.fields["date"] == "2026-11-23"


def test_an_empty_new_note_is_never_stored(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    topic = editor.form.editor("topic")
    assert isinstance(topic, QComboBox)
    topic.setCurrentIndex(topic.findData("career"))
    assert not editor.has_pending()
    assert editor.flush()
    assert case_notes(specialist_journal, pid) == []


def test_an_edit_from_elsewhere_is_merged_not_overwritten(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    rid = specialist_journal.add(
        "case_note", {"date": "2026-11-20", "body": "Første linje.\n"}, participant_id=pid
    )
    editor.set_note(specialist_journal.get(rid))
    edit = body(editor)
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, "Skrevet her.")
    # Meanwhile a sync brings another machine's line at the start.
    specialist_journal.update(rid, {"body": "Fra laptop 2. Første linje.\n"})
    editor.external_update(specialist_journal.get(rid))
    assert editor.flush()
    merged = "Fra laptop 2. Første linje.\nSkrevet her."
    assert stored_body(specialist_journal, rid) == merged
    assert edit.toPlainText() == merged


def test_an_idle_editor_shows_changes_from_elsewhere(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    rid = specialist_journal.add(
        "case_note", {"date": "2026-11-20", "body": "Gammel tekst"}, participant_id=pid
    )
    editor.set_note(specialist_journal.get(rid))
    specialist_journal.update(rid, {"body": "Ny tekst fra synk", "title": "Synket"})
    editor.external_update(specialist_journal.get(rid))
    assert body(editor).toPlainText() == "Ny tekst fra synk"
    assert not editor.has_pending()


def test_a_failed_save_is_shown_and_kept(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    rid = specialist_journal.add(
        "case_note", {"date": "2026-11-20", "body": "Tekst"}, participant_id=pid
    )
    editor.set_note(specialist_journal.get(rid))
    specialist_journal.delete(rid)
    qtbot.keyClicks(body(editor), " mer")
    assert not editor.flush()
    assert editor.saver.state == "failed"
    assert editor.state_label.text().startswith("Not saved: ")
    assert editor.has_pending()
    assert not editor.set_note(None)  # the typed text is not thrown away


def test_read_only_note_never_saves(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    rid = specialist_journal.add(
        "case_note", {"date": "2026-11-20", "body": "Låst"}, participant_id=pid
    )
    editor.set_note(specialist_journal.get(rid))
    editor.set_read_only(True)
    qtbot.keyClick(body(editor), Qt.Key.Key_X)
    assert body(editor).toPlainText() == "Låst"
    assert not editor.has_pending()


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "merged"),
    [
        ("abc", "abc", "abc", "abc"),
        ("Hei", "Hei på deg", "Hei", "Hei på deg"),
        ("Hei", "Hei", "Hallo", "Hallo"),
        (
            "Første. Andre.",
            "Første. Andre. Tredje.",
            "Null. Første. Andre.",
            "Null. Første. Andre. Tredje.",
        ),
        ("ærlig øving", "ærlig øving åpent", "Helt ærlig øving", "Helt ærlig øving åpent"),
    ],
)
def test_merge_text(base: str, ours: str, theirs: str, merged: str) -> None:
    assert merge_text(base, ours, theirs) == merged


def test_typing_touches_the_state_line_once_not_per_key(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    """A new style sheet on every key re-polished the label and laid out the window
    (tens of ms per key on a full screen): only a change of state reaches it."""
    changes: list[str] = []
    editor.saver.state_changed.connect(lambda: changes.append(editor.saver.state))
    sheets: list[str] = []
    original = editor.state_label.setStyleSheet
    editor.state_label.setStyleSheet = lambda s: (sheets.append(s), original(s))[1]  # type: ignore[method-assign]
    qtbot.keyClicks(body(editor), "Ti tegn her")
    assert changes == ["pending"]
    assert sheets == []
    assert editor.state_label.text() == "Saving…"
    with qtbot.waitSignal(editor.note_saved, timeout=3000):
        pass
    assert changes == ["pending", "saved"]
    assert editor.state_label.text().startswith("Saved ")
    assert editor.state_label.accessibleName() == editor.state_label.text()


def test_a_failed_save_turns_the_state_line_red_and_back(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    qtbot.keyClicks(body(editor), "Noe")
    assert editor.flush()
    editor.saver._failed("Disken er full")
    assert "9b2c2c" in editor.state_label.styleSheet()
    assert editor.state_label.text() == "Not saved: Disken er full"
    qtbot.keyClicks(body(editor), " mer")
    assert editor.flush()
    assert "9b2c2c" not in editor.state_label.styleSheet()


def test_an_autosave_does_not_wait_for_a_sync_page_being_applied(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal, pid: str
) -> None:
    # A page of a pull holds the store on the executor, as a sync round's pages do.
    page_started, release = threading.Event(), threading.Event()

    def page() -> None:
        with specialist_journal.store.transaction():
            page_started.set()
            release.wait(10)

    applying = specialist_journal.executor.submit(page)
    assert page_started.wait(10)
    try:
        qtbot.keyClicks(body(editor), "Skrevet mens synk pågår")
        editor.saver.save_soon()  # what the timer does: returns at once, the GUI goes on
        assert editor.saver.state == "pending" and editor.has_pending()
        qtbot.keyClicks(body(editor), ", og mer")  # typing goes on meanwhile
        assert not applying.done()
    finally:
        release.set()
    with qtbot.waitSignal(editor.note_created, timeout=3000) as created:
        pass
    assert stored_body(specialist_journal, created.args[0]) == "Skrevet mens synk pågår"
    # What was typed while the save was on its way is still pending, and saved next.
    assert editor.has_pending()
    qtbot.waitUntil(
        lambda: (
            stored_body(specialist_journal, created.args[0]) == "Skrevet mens synk pågår, og mer"
        ),
        timeout=3000,
    )
    assert body(editor).toPlainText() == "Skrevet mens synk pågår, og mer"


def test_an_autosave_reads_its_record_back_on_the_executor_for_the_views(
    qtbot: QtBot, editor: NoteEditor, specialist_journal: Journal
) -> None:
    events: list[ChangeEvent] = []
    threads: list[str] = []
    specialist_journal.subscribe(
        lambda e: (events.append(e), threads.append(threading.current_thread().name))
    )
    qtbot.keyClicks(body(editor), "Ett notat")
    with qtbot.waitSignal(editor.note_created, timeout=3000) as created:
        pass
    [event] = events
    assert event.record_ids == {created.args[0]}
    assert [r.fields["body"] for r in event.records] == ["Ett notat"]
    # Announced on the GUI thread, after the write landed there.
    assert threads == [threading.main_thread().name]


def test_the_three_way_merge_runs_off_the_gui_thread(
    qtbot: QtBot,
    editor: NoteEditor,
    specialist_journal: Journal,
    pid: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rid = specialist_journal.add(
        "case_note", {"date": "2026-11-20", "body": "Første linje.\n"}, participant_id=pid
    )
    editor.set_note(specialist_journal.get(rid))
    threads: list[str] = []
    monkeypatch.setattr(
        note_editor,
        "merge_text",
        lambda *a: (threads.append(threading.current_thread().name), merge_text(*a))[1],
    )
    edit = body(editor)
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, "Skrevet her.")
    specialist_journal.update(rid, {"body": "Fra laptop 2. Første linje.\n"})
    editor.external_update(specialist_journal.get(rid))
    with qtbot.waitSignal(editor.note_saved, timeout=3000):
        editor.saver.save_soon()
    assert threads == ["feltjournal-db"]
    merged = "Fra laptop 2. Første linje.\nSkrevet her."
    assert stored_body(specialist_journal, rid) == merged
    assert edit.toPlainText() == merged
