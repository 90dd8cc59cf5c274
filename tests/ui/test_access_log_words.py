"""The access log a participant receives reads as sentences, in the window's language."""

from __future__ import annotations

import csv
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.journal import Journal
from app.operations.access import EVENT_KINDS
from tests.ui.test_translations import _messages, _switch, translator  # noqa: F401
from ui.access_log_dialog import EVENT_SENTENCES, RECORD_PHRASES, AccessLogDialog
from ui.i18n import Translator
from ui.tasks import TaskRunner


def test_every_kind_of_event_and_record_has_its_words() -> None:
    from app.cli.journal import EVENT_SENTENCES as CLI_EVENTS
    from app.cli.journal import RECORD_PHRASES as CLI_RECORDS
    from app.domain.schema import ENTITIES

    assert set(EVENT_SENTENCES) == set(EVENT_KINDS) | {""} == set(CLI_EVENTS)
    assert set(RECORD_PHRASES) == set(ENTITIES) == set(CLI_RECORDS)
    # The command line and the window say the same in English.
    for kind, source in EVENT_SENTENCES.items():
        assert str(source).replace("%1", "{who}").replace("%2", "{record}") == CLI_EVENTS[kind]
    assert {k: str(v) for k, v in RECORD_PHRASES.items()} == CLI_RECORDS
    nb = {m.source: m.forms[0] for m in _messages("nb") if m.context == "AccessLog"}
    for source in [*EVENT_SENTENCES.values(), *RECORD_PHRASES.values()]:
        assert nb[str(source)] != str(source), source


def test_the_dialog_and_its_export_speak_bokmal(
    qtbot: QtBot,
    specialist_journal: Journal,
    translator: Translator,  # noqa: F811
    tmp_path: Path,
) -> None:
    _switch(translator, "nb")
    j = specialist_journal
    pid = j.create_participant({"name": "Per Hansen", "programme": "IPS"})
    j.add(
        "case_note",
        {"date": "2026-11-20", "title": "Samtale", "body": "Om turnus"},
        participant_id=pid,
    )
    j.get(pid)  # a read, audited
    tasks = TaskRunner()
    dialog = AccessLogDialog(journal=j, tasks=tasks, participant_id=pid)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=3000):
        pass
    said = [dialog.table.topLevelItem(i).text(1) for i in range(dialog.table.topLevelItemCount())]
    assert said[0] == "Kari Jobb leste deltakerens opplysninger."
    assert "Kari Jobb opprettet et notat." in said
    assert dialog.table.headerItem().text(0) == "Når"
    path = tmp_path / "tilgangslogg.csv"
    assert dialog.export_csv(path)
    rows = list(csv.reader(path.read_text("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Når", "Hva som ble gjort"]
    assert [r[1] for r in rows[1:]] == said
    assert pid not in path.read_text("utf-8-sig") and "Om turnus" not in path.read_text("utf-8-sig")
    tasks.wait_idle()
