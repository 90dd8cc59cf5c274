"""People, handover and the therapist's caseload in the window: real profiles, real
widgets, keys typed and buttons clicked, the saved records read back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app import store_settings
from app.domain.people import TeamPerson, encode_people
from app.journal import Journal
from tests.ui.conftest import make_journal
from tests.ui.test_participant_view import ViewFactory, tab_of
from tests.ui.test_participant_view import make_view as make_view
from tests.ui.test_participant_view import tasks as tasks
from ui.caseload_view import JOB_SPECIALIST_COLUMNS, THERAPIST_COLUMNS, CaseloadView
from ui.handover_dialog import HandoverDialog
from ui.participant_tabs.overview import OverviewTab
from ui.participant_tabs.sessions import SessionsTab
from ui.record_form import PersonCombo
from ui.tasks import TaskRunner

SHOTS = Path("/tmp/feltjournal-shots")
TEAM = [
    TeamPerson("Kari Jobb", "jobbspesialist", 1),
    TeamPerson("Ola Jobb", "jobbspesialist", 1),
    TeamPerson("Tore Terapeut", "terapeut", 1),
    TeamPerson("Tina Terapeut", "terapeut", 2),
]


def _team(j: Journal) -> None:
    store_settings.set_team_people(j.store, encode_people(TEAM))


def _participant(j: Journal, name: str, **fields: object) -> str:
    pid = j.create_participant({"name": name, "programme": "IPS", **fields})
    j.add("episode", {"entry": "2026-10-01"}, participant_id=pid)
    return pid


def _sessions(j: Journal, pid: str) -> None:
    for n, day in enumerate(("2026-10-05", "2026-10-12", "2026-10-19", "2026-11-16"), 1):
        j.add(
            "therapy_session",
            {"date": day, "number": n, "planned_sessions": 10, "phase": "weekly"}
            | ({"next_session": "2026-11-30"} if n == 4 else {}),
            participant_id=pid,
        )
    j.add("cbt_worksheet", {"date": "2026-11-02"}, participant_id=pid)


def _view(qtbot: QtBot, journal: Journal) -> CaseloadView:
    view = CaseloadView(journal=journal, tasks=TaskRunner())
    journal.subscribe(view.on_change)  # as the workspace forwards changes
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitUntil(lambda: view._loaded_once, timeout=10000)
    return view


@pytest.fixture
def therapist(tmp_path: Path, memory_keyring: object) -> Iterator[Journal]:
    j = make_journal(tmp_path, "terapeut", "Tore Terapeut")
    _team(j)
    yield j
    if not j.store.locked:
        j.store.lock()


def test_a_therapists_caseload_is_theirs_with_session_columns(
    qtbot: QtBot, therapist: Journal
) -> None:
    mine = _participant(
        therapist, "Anne Aas", job_specialist="Kari Jobb", therapist="Tore Terapeut"
    )
    _participant(therapist, "Bjørn Berg", job_specialist="Kari Jobb", therapist="Tina Terapeut")
    _sessions(therapist, mine)
    view = _view(qtbot, therapist)
    # "Only mine" is on for a therapist and means: I am their therapist.
    assert view.mine_only.isChecked() and view.visible_ids() == [mine]
    for col in THERAPIST_COLUMNS:
        assert not view.table.isColumnHidden(col)
    for col in JOB_SPECIALIST_COLUMNS:
        assert view.table.isColumnHidden(col)
    texts = [view.proxy.index(0, c).data() for c in THERAPIST_COLUMNS]
    assert texts == ["30.11.2026", "4 of 10 (6 left)", "02.11.2026"]
    assert not view.empty_hint.isVisible()
    SHOTS.mkdir(exist_ok=True)
    view.grab().save(str(SHOTS / "caseload-therapist.png"))
    view.mine_only.setChecked(False)
    qtbot.waitUntil(lambda: len(view.visible_ids()) == 2, timeout=10000)


def test_an_empty_list_says_why(qtbot: QtBot, therapist: Journal) -> None:
    _participant(therapist, "Bjørn Berg", therapist="Tina Terapeut")
    view = _view(qtbot, therapist)
    assert view.visible_ids() == []
    assert view.empty_hint.isVisible()
    assert "therapist" in view.empty_hint.text() and "Only mine" in view.empty_hint.text()
    view.mine_only.setChecked(False)
    qtbot.waitUntil(lambda: len(view.visible_ids()) == 1, timeout=10000)
    assert not view.empty_hint.isVisible()
    qtbot.keyClicks(view.filter, "xyz")
    qtbot.waitUntil(lambda: view.visible_ids() == [], timeout=5000)
    assert (
        view.empty_hint.text() == "No participant matches “xyz”. Clear the filter to see them all."
    )


def _ok(dialog: HandoverDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_handover_of_the_selected_participant_by_keys(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    _team(specialist_journal)
    anne = _participant(specialist_journal, "Anne Aas")
    bjorn = _participant(specialist_journal, "Bjørn Berg")
    view = _view(qtbot, specialist_journal)
    row = view.visible_ids().index(anne)
    view.table.selectRow(row)
    dialog = view.open_handover()
    qtbot.waitExposed(dialog)
    assert dialog.one.isChecked() and "Anne Aas" in dialog.one.text()
    # The list offers the team's job specialists (and the lead); typing one works too.
    assert isinstance(dialog.to, PersonCombo)
    assert dialog.to.names() == ["Kari Jobb", "Ola Jobb"]
    dialog.to.lineEdit().clear()
    qtbot.keyClicks(dialog.to.lineEdit(), "Ola Jobb")
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "handover-dialog.png"))
    _ok(dialog)
    qtbot.waitUntil(lambda: view.notice.isVisible(), timeout=10000)
    assert view.notice.text() == "1 participant(s) handed over to Ola Jobb."
    assert specialist_journal.get(anne).fields["job_specialist"] == "Ola Jobb"
    assert specialist_journal.get(bjorn).fields["job_specialist"] == "Kari Jobb"
    # Kari's "only mine" list no longer holds Anne.
    qtbot.waitUntil(lambda: view.visible_ids() == [bjorn], timeout=10000)


def test_handover_of_a_whole_caseload_and_a_refusal(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    _team(specialist_journal)
    ids = [_participant(specialist_journal, n) for n in ("Anne Aas", "Bjørn Berg")]
    view = _view(qtbot, specialist_journal)
    view.table.clearSelection()
    view.table.setCurrentIndex(view.proxy.index(-1, -1))
    dialog = view.open_handover()
    assert dialog.all.isChecked() and not dialog.one.isEnabled()
    assert dialog.from_person.value() == "Kari Jobb"
    # To oneself: refused with a sentence, the dialog stays open.
    dialog.to.set_value("Kari Jobb")
    _ok(dialog)
    assert dialog.isVisible()
    assert dialog.message.text() == "The caseload is already theirs: choose someone else."
    dialog.to.lineEdit().clear()
    qtbot.keyClicks(dialog.to.lineEdit(), "Nina Ny")  # someone not in the list yet
    _ok(dialog)
    qtbot.waitUntil(lambda: view.notice.isVisible(), timeout=10000)
    assert all(specialist_journal.get(p).fields["job_specialist"] == "Nina Ny" for p in ids)
    qtbot.waitUntil(lambda: view.visible_ids() == [], timeout=10000)
    assert "job specialist" in view.empty_hint.text()


def test_a_therapist_handover_without_a_server_says_where_journals_go(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    _team(specialist_journal)
    anne = _participant(specialist_journal, "Anne Aas", therapist="Tore Terapeut")
    view = _view(qtbot, specialist_journal)
    view.table.selectRow(0)
    dialog = view.open_handover()
    dialog.field.setCurrentIndex(1)
    assert dialog.to.names() == ["Tina Terapeut", "Tore Terapeut"]
    assert "their own computer" in dialog.hint.text()
    dialog.to.setCurrentIndex(0)
    _ok(dialog)
    qtbot.waitUntil(lambda: view.notice.isVisible(), timeout=10000)
    assert specialist_journal.get(anne).fields["therapist"] == "Tina Terapeut"
    assert "shared from the therapist's own computer" in view.notice.text()


def test_the_overview_offers_people_and_keeps_an_old_free_text_name(
    qtbot: QtBot,
    make_view: ViewFactory,
    specialist_journal: Journal,
) -> None:
    _team(specialist_journal)
    pid = _participant(specialist_journal, "Anne Aas", therapist="Dr. Gammel Fritekst")
    view = make_view(specialist_journal, pid)
    overview = tab_of(view, OverviewTab)
    assert isinstance(overview, OverviewTab)
    js, th = overview.form.editor("job_specialist"), overview.form.editor("therapist")
    assert isinstance(js, PersonCombo) and isinstance(th, PersonCombo)
    assert js.names() == ["Kari Jobb", "Ola Jobb"] and js.value() == "Kari Jobb"
    assert th.names() == ["Tina Terapeut", "Tore Terapeut"]
    assert th.value() == "Dr. Gammel Fritekst"  # nothing lost
    th.setFocus()
    th.setCurrentIndex(th.findText("Tore Terapeut"))
    assert overview.flush()
    assert specialist_journal.get(pid).fields["therapist"] == "Tore Terapeut"
    js.lineEdit().selectAll()
    qtbot.keyClicks(js.lineEdit(), "Ola Jobb")
    assert overview.flush()
    assert specialist_journal.get(pid).fields["job_specialist"] == "Ola Jobb"


def test_the_sessions_tab_shows_sessions_left(
    qtbot: QtBot,
    make_view: ViewFactory,
    therapist: Journal,
) -> None:
    pid = _participant(therapist, "Anne Aas", therapist="Tore Terapeut")
    _sessions(therapist, pid)
    view = make_view(therapist, pid)
    tab = tab_of(view, SessionsTab)
    assert isinstance(tab, SessionsTab)
    assert tab.course.text() == "Held 4 of 10 planned · 6 left · Weekly · next session 30.11.2026"
    planned = tab.editor.form.editor("planned_sessions")
    # The spin box cannot go outside 5–15 ("–" below 5 means not set).
    assert (planned.minimum(), planned.maximum()) == (4, 15)  # type: ignore[attr-defined]
    QApplication.processEvents()
    view.grab().save(str(SHOTS / "sessions-tab.png"))
    assert tab.course.isVisible()


def test_a_therapist_not_connected_keeps_the_journals_and_says_so(
    qtbot: QtBot, therapist: Journal
) -> None:
    anne = _participant(therapist, "Anne Aas")
    view = _view(qtbot, therapist)
    view.table.selectRow(0)
    dialog = view.open_handover()
    assert dialog.field.currentData() == "therapist"
    assert "not connected to a server" in dialog.hint.text()
    dialog.to.setCurrentIndex(dialog.to.findText("Tina Terapeut"))
    _ok(dialog)
    qtbot.waitUntil(lambda: view.notice.isVisible(), timeout=10000)
    assert therapist.get(anne).fields["therapist"] == "Tina Terapeut"
    assert view.notice.text() == (
        "1 participant(s) handed over to Tina Terapeut. The clinical journals stay on this "
        "computer until it is connected to a server (then: Feltjournal → Share clinical "
        "journals…)."
    )
