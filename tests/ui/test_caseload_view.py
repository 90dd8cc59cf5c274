"""The caseload: rows from real records, countdown, filter and note search, open, create."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import indicators as ind
from app.indicators import Period
from app.journal import Journal
from tests.ui.conftest import TODAY
from tests.ui.test_date_entry import type_date
from ui.caseload_view import CaseloadView, NewParticipantDialog
from ui.tasks import TaskRunner

SHOTS = Path("/tmp/feltjournal-shots")


def _people(j: Journal) -> dict[str, str]:
    emp = j.add("employer", {"name": "Bakeriet", "org_number": "974760673"})
    ids = {}
    for name, entry, contacted in (
        ("Åse Ødegård", "2026-11-09", False),  # 14 days in: 14 left
        ("Bjørn Berg", "2026-10-01", False),  # 53 days in: 25 overdue
        ("Cecilie Dahl", "2026-10-01", True),  # met
    ):
        pid = j.create_participant({"name": name, "programme": "IPS"})
        j.add("episode", {"entry": entry}, participant_id=pid)
        if contacted:
            j.add(
                "employer_contact",
                {
                    "employer": emp,
                    "date": "2026-10-10",
                    "mode": "face_to_face",
                    "purpose": "client_specific",
                },
                participant_id=pid,
            )
        ids[name] = pid
    goal = j.add("goal", {"title": "Finne jobb i butikk"}, participant_id=ids["Åse Ødegård"])
    j.add(
        "action",
        {"goal": goal, "description": "Ringe Rema", "due": "2026-11-20", "status": "open"},
        participant_id=ids["Åse Ødegård"],
    )
    j.add(
        "case_note",
        {"date": "2026-11-20", "body": "Snakket om truckførerbevis"},
        participant_id=ids["Bjørn Berg"],
    )
    return ids


def test_rows_show_countdown_and_next_action(qtbot: QtBot, specialist_journal: Journal) -> None:
    ids = _people(specialist_journal)
    tasks = TaskRunner()
    view = CaseloadView(journal=specialist_journal, tasks=tasks)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10000)
    rows = {r.name: r for r in view.model.rows}
    assert rows["Åse Ødegård"].days_left == 14
    assert rows["Bjørn Berg"].days_left == -25
    assert rows["Cecilie Dahl"].days_left is None
    assert rows["Åse Ødegård"].next_action == "Ringe Rema"
    # Sorted by the countdown: the most overdue first, met last.
    assert view.visible_ids() == [ids["Bjørn Berg"], ids["Åse Ødegård"], ids["Cecilie Dahl"]]
    texts = [view.proxy.index(r, 3).data() for r in range(3)]
    assert texts == ["25 day(s) overdue", "14 day(s) left", "Met"]
    view.show()
    SHOTS.mkdir(exist_ok=True)
    view.grab().save(str(SHOTS / "caseload.png"))
    assert TODAY.isoformat() == "2026-11-23"


def test_filter_by_name_and_search_notes(qtbot: QtBot, specialist_journal: Journal) -> None:
    ids = _people(specialist_journal)
    view = CaseloadView(journal=specialist_journal, tasks=TaskRunner())
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10000)
    view.filter.setText("åse")
    qtbot.waitUntil(lambda: view.visible_ids() == [ids["Åse Ødegård"]], timeout=3000)
    view.filter.setText("truckfører")  # only in a note of Bjørn's
    qtbot.waitUntil(lambda: view.visible_ids() == [ids["Bjørn Berg"]], timeout=3000)
    view.filter.clear()
    qtbot.waitUntil(lambda: len(view.visible_ids()) == 3, timeout=3000)


def test_enter_opens_and_changes_refresh(qtbot: QtBot, specialist_journal: Journal) -> None:
    ids = _people(specialist_journal)
    view = CaseloadView(journal=specialist_journal, tasks=TaskRunner())
    qtbot.addWidget(view)
    specialist_journal.subscribe(view.on_change)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10000)
    view.table.setFocus()
    view.table.selectRow(0)
    with qtbot.waitSignal(view.open_requested, timeout=2000) as sig:
        view._activate(view.proxy.index(0, 0))
    assert sig.args == [ids["Bjørn Berg"]]
    with qtbot.waitSignal(view.loaded, timeout=10000):
        specialist_journal.create_participant({"name": "Dag Dahle", "programme": "SFJ"})
    assert view.model.rowCount() == 4


def test_header_sorting_keeps_the_selected_participant(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    """The model sorts itself on keys made with the rows (no call into Python per
    comparison); the selection follows its participant."""
    ids = _people(specialist_journal)
    view = CaseloadView(journal=specialist_journal, tasks=TaskRunner())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10000)
    view.table.selectRow(1)
    assert view.table.currentIndex().data(Qt.ItemDataRole.UserRole) == ids["Åse Ødegård"]
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    # By code point, as Qt compares: "å" after "z".
    assert view.visible_ids() == [ids["Åse Ødegård"], ids["Cecilie Dahl"], ids["Bjørn Berg"]]
    assert view.table.currentIndex().data(Qt.ItemDataRole.UserRole) == ids["Åse Ødegård"]
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert view.visible_ids() == [ids["Bjørn Berg"], ids["Cecilie Dahl"], ids["Åse Ødegård"]]
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # next action: undated last
    assert view.visible_ids()[0] == ids["Åse Ødegård"]
    view.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
    assert view.visible_ids() == [ids["Bjørn Berg"], ids["Åse Ødegård"], ids["Cecilie Dahl"]]
    # A reload keeps the order chosen; the overdue cells are red.
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.reload()
    assert view.visible_ids() == [ids["Bjørn Berg"], ids["Åse Ødegård"], ids["Cecilie Dahl"]]
    red = view.proxy.index(0, 3).data(Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.color().name() == "#9b1c1c"
    assert view.proxy.index(2, 3).data(Qt.ItemDataRole.ForegroundRole) is None


def test_a_change_naming_a_few_records_rebuilds_only_their_participants_rows(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    ids = _people(specialist_journal)
    view = CaseloadView(journal=specialist_journal, tasks=TaskRunner())
    qtbot.addWidget(view)
    specialist_journal.subscribe(view.on_change)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10000)
    whole: list[str] = []
    original = specialist_journal.dataset
    specialist_journal.dataset = lambda *a, **k: (whole.append("dataset"), original(*a, **k))[1]  # type: ignore[method-assign]
    before = {r.participant_id: r for r in view.model.rows}
    goal = specialist_journal.add("goal", {"title": "Jobb"}, participant_id=ids["Bjørn Berg"])
    with qtbot.waitSignal(view.loaded, timeout=10000):
        specialist_journal.add(
            "action",
            {"goal": goal, "description": "Ringe Kiwi", "due": "2026-11-10", "status": "open"},
            participant_id=ids["Bjørn Berg"],
        )
    assert whole == []  # the caseload was not read whole again
    rows = {r.participant_id: r for r in view.model.rows}
    assert rows[ids["Bjørn Berg"]].next_action == "Ringe Kiwi"
    assert rows[ids["Åse Ødegård"]] is before[ids["Åse Ødegård"]]
    assert view.model.rowCount() == 3
    # A participant who leaves the caseload (exits; a pause keeps them in it) leaves
    # the list the same way.
    with qtbot.waitSignal(view.loaded, timeout=10000):
        specialist_journal.update(ids["Cecilie Dahl"], {"status": "exited"})
    assert whole == []
    assert ids["Cecilie Dahl"] not in {r.participant_id for r in view.model.rows}


def test_a_new_participant_does_not_wait_for_a_sync_page_being_applied(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    view = CaseloadView(journal=j, tasks=TaskRunner())
    qtbot.addWidget(view)
    view.show()
    # A page of a pull holds the store on the executor, as a sync round's pages do.
    started, release = threading.Event(), threading.Event()

    def page() -> None:
        with j.store.transaction():
            started.set()
            release.wait(10)

    applying = j.executor.submit(page)
    assert started.wait(10)
    refused: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewParticipantDialog)
        if dialog.message.isHidden():  # first without a name: marked at once, it stays
            QTimer.singleShot(0, fill)
        else:
            refused.append(dialog.message.text())
            dialog.name.setText("Dina Dahl")
        dialog.accept()

    opened: list[str] = []
    view.open_requested.connect(opened.append)
    try:
        QTimer.singleShot(0, fill)
        view.new_participant()  # returns once the dialog closed, not once written
        assert opened == [] and not applying.done()
    finally:
        release.set()
    qtbot.waitUntil(lambda: opened != [], timeout=3000)
    assert refused == ["Please check: Name is required"]
    [created] = j.participants()
    assert opened == [created.id] and created.fields["name"] == "Dina Dahl"


def run_dialog(qtbot: QtBot, view: CaseloadView, fill: list) -> None:  # type: ignore[type-arg]
    """Open "New participant" and let ``fill`` steps act on it, one per showing."""

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewParticipantDialog)
        action = fill.pop(0)
        action(dialog)
        if fill:
            QTimer.singleShot(0, step)
        dialog.accept()

    QTimer.singleShot(0, step)
    view.new_participant()


def test_intake_in_one_step_from_the_dialog(qtbot: QtBot, specialist_journal: Journal) -> None:
    j = specialist_journal
    view = CaseloadView(journal=j, tasks=TaskRunner())
    qtbot.addWidget(view)
    view.show()
    j.subscribe(view.on_change)
    qtbot.waitUntil(lambda: view.count.text() == "0 participant(s)", timeout=10000)
    messages: list[str] = []

    def first(dialog: NewParticipantDialog) -> None:
        # Referral received after the entry: refused in one sentence, the dialog stays.
        qtbot.keyClicks(dialog.name, "Ingrid Lie")
        dialog.programme.setFocus()
        qtbot.keyClicks(dialog.programme, "J")  # JMO
        qtbot.keyClicks(dialog.phone, "912 34 567")
        dialog.source.setFocus()
        qtbot.keyClicks(dialog.source, "Self")
        type_date(qtbot, dialog.received, "20.11.2026")
        type_date(qtbot, dialog.entry, "16.11.2026")
        for scope in ("nav", "central_reporting"):  # ticked with the space bar
            dialog.consents[scope].setFocus()
            qtbot.keyClick(dialog.consents[scope], Qt.Key.Key_Space)

    def second(dialog: NewParticipantDialog) -> None:
        messages.append(dialog.message.text())
        assert dialog.name.text() == "Ingrid Lie"  # nothing typed is lost
        type_date(qtbot, dialog.received, "02.11.2026")

    opened: list[str] = []
    view.open_requested.connect(opened.append)
    run_dialog(qtbot, view, [first, second])
    qtbot.waitUntil(lambda: opened != [], timeout=5000)
    assert messages == ["The referral cannot be received after the entry date."]
    # The records, read back from the store.
    [p] = j.participants()
    assert opened == [p.id]
    assert (p.fields["name"], p.fields["programme"], p.fields["phone"]) == (
        "Ingrid Lie",
        "JMO",
        "912 34 567",
    )
    fields = {r.type: r.fields for r in j.records(p.id) if r.type != "consent"}
    assert fields["referral"]["source"] == "self"
    assert fields["referral"]["received"] == "2026-11-02"
    assert fields["episode"] == {"entry": "2026-11-16"}
    consents = sorted(r.fields["scope"] for r in j.records(p.id, "consent"))
    assert consents == ["central_reporting", "nav"]
    # At once: the caseload count, the four-week clock (16 Nov + 28 = 14 Dec: 21 days
    # left on 23 Nov) and the caseload-size indicator include her.
    qtbot.waitUntil(lambda: view.count.text() == "1 participant(s)", timeout=5000)
    assert view.proxy.index(0, 3).data() == "21 day(s) left"
    size = ind.caseload(j.dataset(ind.INDICATOR_TYPES), Period.quarter(2026, 4))
    assert size.records == (p.id,) and size.numerator == 1


def test_the_four_week_column_says_how_the_clock_stopped(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    texts = {}
    for name, entry, job in (
        ("Nytt inntak", None, None),  # no episode: no clock, not "Done"
        ("Snart i gang", "2026-12-01", None),  # entry to come
        ("Egen jobb", "2026-09-01", "2026-09-20"),  # own network, day 19: met
        ("Sen jobb", "2026-09-01", "2026-10-20"),  # day 49 without a contact
    ):
        pid = j.create_participant({"name": name, "programme": "IPS"})
        if entry:
            j.add("episode", {"entry": entry}, participant_id=pid)
        if job:
            j.add("job", {"title": "Lager", "start": job}, participant_id=pid)
    view = CaseloadView(journal=j, tasks=TaskRunner())
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=10000)
    for r in range(4):
        texts[view.proxy.index(r, 0).data()] = view.proxy.index(r, 3).data()
    assert texts == {
        "Nytt inntak": "—",
        "Snart i gang": "—",
        "Egen jobb": "Met by job start",
        "Sen jobb": "Job start on day 49",
    }
    rows = {view.proxy.index(r, 0).data(): r for r in range(4)}
    tip = view.proxy.index(rows["Snart i gang"], 3).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("Starts 01.12.2026")
    late = view.proxy.index(rows["Sen jobb"], 3).data(Qt.ItemDataRole.ForegroundRole)
    assert late is not None and late.color().name() == "#9b1c1c"
    met = view.proxy.index(rows["Egen jobb"], 3).data(Qt.ItemDataRole.ForegroundRole)
    assert met is None


def test_paused_participants_stay_in_the_caseload(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    for name, status in (("Aktiv Anne", "active"), ("Pause Per", "paused"), ("Ute Una", "exited")):
        j.create_participant({"name": name, "programme": "IPS", "status": status})
    view = CaseloadView(journal=j, tasks=TaskRunner())
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()

    def names() -> list[str]:
        return [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]

    qtbot.waitUntil(lambda: names() == ["Aktiv Anne", "Pause Per"], timeout=10000)
    assert view.status_filter.currentText() == "Active and paused"
    assert view.proxy.index(1, 1).data() == "Paused"
    # The filter narrows, as a user picks it from the list.
    view.status_filter.setFocus()
    qtbot.keyClicks(view.status_filter, "Paused")
    qtbot.waitUntil(lambda: names() == ["Pause Per"], timeout=5000)
    assert view.count.text() == "1 participant(s)"
    view.status_filter.setCurrentIndex(view.status_filter.findText("Exited"))
    qtbot.waitUntil(lambda: names() == ["Ute Una"], timeout=5000)
    view.status_filter.setCurrentIndex(view.status_filter.findText("All"))
    qtbot.waitUntil(lambda: len(names()) == 3, timeout=5000)
    SHOTS.mkdir(exist_ok=True)
    view.grab().save(str(SHOTS / "caseload-status-filter.png"))
