"""The employer register over a real encrypted journal: org numbers, contact persons,
the visit history's disclosure guard, and the quick-visit entry points."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton, QTableView, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from app.journal import ChangeEvent, Journal
from ui.employers_dialogs import TeamRecordDialog
from ui.employers_register import format_org_number
from ui.employers_view import EmployersView
from ui.lock_guard import ClipboardGuard
from ui.tasks import TaskRunner
from ui.visit_form import VisitFormDialog

SHOTS = Path("/tmp/feltjournal-shots")
GOOD_ORG = "974760673"
OTHER_GOOD_ORG = "889640782"


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_idle()


@pytest.fixture
def make_view(qtbot: QtBot, specialist_journal: Journal, tasks: TaskRunner) -> Iterator[object]:
    views: list[EmployersView] = []
    unsubscribe: list[object] = []

    def make() -> EmployersView:
        view = EmployersView(journal=specialist_journal, tasks=tasks, clipboard=ClipboardGuard())
        qtbot.addWidget(view)
        # The workspace forwards change events; here the test does.
        unsubscribe.append(specialist_journal.subscribe(view.on_change))
        views.append(view)
        return view

    yield make
    for stop in unsubscribe:
        stop()  # type: ignore[operator]
    for view in views:
        view.shutdown()
    tasks.wait_idle()


def loaded_view(qtbot: QtBot, make_view: object) -> EmployersView:
    """A new view, once its first background load has filled the register."""
    view: EmployersView = make_view()  # type: ignore[operator]
    qtbot.waitSignal(view.register_loaded, timeout=10_000).wait()
    return view


def names_in_register(view: EmployersView) -> list[str]:
    return [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]


def select(qtbot: QtBot, view: EmployersView, employer_id: str) -> None:
    with qtbot.waitSignal(view.details_loaded, timeout=10_000) as blocker:
        assert view.select_employer(employer_id)
    assert blocker.args == [employer_id]


def column(table: object, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]  # type: ignore[attr-defined]


def load_stylesheet() -> str:
    # ui.app pulls in the whole main window; the stylesheet is all we need.
    return (resources.files("resources") / "style.qss").read_text("utf-8")


def save_shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))


# ------------------------------------------------------------------ register


def test_register_shows_last_contact_and_number_of_contacts(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    j = specialist_journal
    rema = j.add(
        "employer", {"name": "Rema 1000 Majorstuen", "org_number": GOOD_ORG, "industry": "Retail"}
    )
    j.add("employer", {"name": "Bakeriet på hjørnet"})
    pid = j.create_participant({"name": "Ola Nordmann", "programme": "IPS"})
    j.add(
        "employer_contact",
        {"employer": rema, "date": "2026-11-02", "mode": "phone", "purpose": "client_specific"},
        participant_id=pid,
    )
    j.add(
        "team_employer_contact",
        {"date": "2026-11-20", "mode": "face_to_face", "purpose": "job_development"},
        parent=rema,
    )

    view = loaded_view(qtbot, make_view)

    assert names_in_register(view) == ["Bakeriet på hjørnet", "Rema 1000 Majorstuen"]
    row = [view.proxy.index(1, c).data() for c in range(5)]
    assert row == ["Rema 1000 Majorstuen", "974 760 673", "Retail", "20.11.2026", "2"]
    assert [view.proxy.index(0, c).data() for c in (3, 4)] == ["–", "0"]
    assert view.state.text() == "2 employer(s)"  # English numerus forms come from the .qm


def test_filter_matches_name_org_number_and_industry(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    j = specialist_journal
    j.add(
        "employer",
        {"name": "Rema 1000 Majorstuen", "org_number": GOOD_ORG, "industry": "Dagligvare"},
    )
    j.add(
        "employer", {"name": "Oslo kommune", "org_number": OTHER_GOOD_ORG, "industry": "Offentlig"}
    )
    view = loaded_view(qtbot, make_view)

    qtbot.keyClicks(view.filter, "majorst")
    assert names_in_register(view) == ["Rema 1000 Majorstuen"]
    assert "1 of 2" in view.state.text()
    view.filter.setText("889 640")  # as written on a letterhead
    assert names_in_register(view) == ["Oslo kommune"]
    view.filter.setText("offentlig")
    assert names_in_register(view) == ["Oslo kommune"]
    view.filter.clear()
    assert len(names_in_register(view)) == 2


def test_new_employer_with_a_bad_org_number_is_refused_and_a_good_one_accepted(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    view = loaded_view(qtbot, make_view)
    assert "No employers yet" in view.state.text()
    dialog = view.open_new_employer()
    assert isinstance(dialog, TeamRecordDialog)
    qtbot.keyClicks(dialog.editors["name"], "Rema 1000 Majorstuen")
    org = dialog.org
    assert org is not None

    qtbot.keyClicks(org.edit, "97476")
    assert org.message.text() == "5 of 9 digits."
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(org.edit, "0674")
    assert "check digit" in org.message.text()
    dialog.setStyleSheet(load_stylesheet())
    dialog.adjustSize()
    save_shot(dialog, "employers-new-bad-org.png")
    assert org.message.objectName() == "errorMessage"
    assert not dialog.save_button.isEnabled()
    assert dialog.save() is False
    assert dialog.message.isVisible() or not dialog.isVisible()
    assert specialist_journal.team_records("employer") == []

    org.edit.setText("974 760 67x")
    assert org.message.text() == "Only digits, please."
    org.edit.setText("974 760 673")
    assert org.message.text().startswith("✓")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(view.register_loaded, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [employer] = specialist_journal.team_records("employer")
    assert employer.fields["org_number"] == GOOD_ORG
    assert employer.fields["name"] == "Rema 1000 Majorstuen"
    assert names_in_register(view) == ["Rema 1000 Majorstuen"]
    assert view.selected_row() is not None and view.selected_row().id == employer.id


def test_empty_org_number_is_allowed_and_a_missing_name_is_shown_inline(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    view = loaded_view(qtbot, make_view)
    dialog = view.open_new_employer()
    assert dialog.save_button.isEnabled()  # empty org number is fine
    assert dialog.save() is False  # but a name is required
    assert "Name" in dialog.message.text()
    assert specialist_journal.team_records("employer") == []
    dialog.editors["name"].setText("Bakeriet")
    with qtbot.waitSignal(dialog.record_saved, timeout=5000):
        assert dialog.save() is True  # queued on the executor; the dialog closes once stored
        assert dialog.saving() and not dialog.save_button.isEnabled()
    assert not dialog.isVisible()
    [employer] = specialist_journal.team_records("employer")
    assert "org_number" not in employer.fields or employer.fields["org_number"] is None


def test_edit_employer_changes_only_what_changed(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    emp = specialist_journal.add("employer", {"name": "Bakeriet", "org_number": GOOD_ORG})
    view = loaded_view(qtbot, make_view)
    select(qtbot, view, emp)
    assert "974 760 673" in view.employer_facts.text()
    dialog = view.open_edit_employer()
    assert dialog is not None
    assert dialog.org is not None and dialog.org.text() == GOOD_ORG
    dialog.editors["industry"].setText("Bakery")
    with qtbot.waitSignal(view.register_loaded, timeout=10_000):
        dialog.accept()
    assert specialist_journal.get(emp).fields["industry"] == "Bakery"
    assert view.proxy.index(0, 2).data() == "Bakery"


# ------------------------------------------------------------ contact persons


def test_contact_persons_add_refuse_bad_email_copy_and_remove(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    emp = specialist_journal.add("employer", {"name": "Bakeriet"})
    view = loaded_view(qtbot, make_view)
    assert not view.add_person_button.isEnabled()
    select(qtbot, view, emp)
    assert view.add_person_button.isEnabled()
    assert view.persons_state.text() == "No contact persons yet."

    dialog = view.open_new_person()
    assert dialog is not None
    dialog.editors["name"].setText("Hanne Daglig")
    dialog.editors["role"].setText("Butikksjef")
    dialog.editors["phone"].setText("+47 912 34 567")
    dialog.editors["email"].setText("hanne(at)bakeriet")
    assert dialog.save() is False
    assert "Email" in dialog.message.text()
    assert specialist_journal.team_records("employer_contact_person") == []

    dialog.editors["email"].setText("hanne@bakeriet.no")
    with qtbot.waitSignal(view.details_loaded, timeout=10_000):
        dialog.accept()
    [person] = specialist_journal.team_records("employer_contact_person")
    assert person.parent == emp and person.space == specialist_journal.team_space
    assert column(view.persons, 0) == ["Hanne Daglig"]
    assert column(view.persons, 3) == ["hanne@bakeriet.no"]
    assert view.tabs.tabText(1) == "Contact persons (1)"

    view.persons.selectRow(0)
    assert view.copy_person()
    assert QGuiApplication.clipboard().text() == "Hanne Daglig, +47 912 34 567, hanne@bakeriet.no"

    edit = view.open_edit_person()
    assert edit is not None
    edit.editors["role"].setText("Daglig leder")
    with qtbot.waitSignal(view.details_loaded, timeout=10_000):
        edit.accept()
    assert column(view.persons, 1) == ["Daglig leder"]

    view.persons.selectRow(0)
    with qtbot.waitSignal(view.details_loaded, timeout=10_000):
        assert view.remove_person(confirm=False)
    assert view.persons.rowCount() == 0
    assert specialist_journal.team_records("employer_contact_person") == []


# ---------------------------------------------------------- disclosure guard


def test_visit_history_names_only_participants_who_may_be_named(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    j = specialist_journal
    emp = j.add("employer", {"name": "Rema 1000 Majorstuen", "org_number": GOOD_ORG})
    open_p = j.create_participant({"name": "Ola Åpen", "programme": "IPS"})
    closed_p = j.create_participant({"name": "Siri Skjult", "programme": "IPS"})
    consent_only = j.create_participant({"name": "Vera Samtykke", "programme": "IPS"})
    for pid, day, outcome in (
        (open_p, "2026-11-20", "Ola får prøve seg i frukt og grønt"),
        (closed_p, "2026-11-18", "Siri sin angst ble tatt opp"),
        (consent_only, "2026-11-16", "Vera vil jobbe deltid"),
    ):
        j.add(
            "employer_contact",
            {
                "employer": emp,
                "date": day,
                "mode": "face_to_face",
                "purpose": "client_specific",
                "outcome": outcome,
                "next_step": f"Ring {day}",
            },
            participant_id=pid,
        )
    j.add(
        "team_employer_contact",
        {
            "date": "2026-11-10",
            "mode": "phone",
            "purpose": "job_development",
            "outcome": "Butikken trenger folk til jul",
        },
        parent=emp,
    )
    j.add(
        "consent",
        {"scope": "employer", "employer": emp, "given": "2026-10-01"},
        participant_id=open_p,
    )
    j.add("disclosure_plan", {"level": "open", "discussed": "2026-10-01"}, participant_id=open_p)
    j.add("disclosure_plan", {"level": "none", "discussed": "2026-10-01"}, participant_id=closed_p)
    # Consent to the employer but a disclosure plan of "none": still not named.
    j.add("consent", {"scope": "employer", "given": "2026-10-01"}, participant_id=consent_only)
    j.add(
        "disclosure_plan", {"level": "none", "discussed": "2026-10-02"}, participant_id=consent_only
    )

    view = loaded_view(qtbot, make_view)
    select(qtbot, view, emp)

    assert column(view.visits, 0) == ["20.11.2026", "18.11.2026", "16.11.2026", "10.11.2026"]
    assert column(view.visits, 3) == ["Ola Åpen", "(not disclosed)", "(not disclosed)", "–"]
    assert column(view.visits, 4)[0] == "Ola får prøve seg i frukt og grønt"
    assert column(view.visits, 4)[3] == "Butikken trenger folk til jul"
    everything = "\n".join(
        view.visits.item(r, c).text()
        for r in range(view.visits.rowCount())
        for c in range(view.visits.columnCount())
    )
    for secret in ("Siri", "Vera", "angst", "deltid", "18.11.2026 ", "Ring 2026-11-18"):
        assert secret not in everything
    assert view.tabs.tabText(0) == "Visits (4)"

    view.resize(1366, 768)
    view.setStyleSheet(load_stylesheet())
    view.show()
    qtbot.waitExposed(view)
    save_shot(view, "employers.png")

    # Consent withdrawn: Ola is no longer named after the next refresh.
    [consent] = [c for c in j.records(open_p, "consent")]
    with qtbot.waitSignal(view.details_loaded, timeout=10_000):
        j.update(consent.id, {"withdrawn": "2026-11-22"})
    assert column(view.visits, 3)[0] == "(not disclosed)"
    assert "Ola" not in column(view.visits, 4)[0]


# -------------------------------------------------------------- log a visit


def test_log_a_visit_opens_the_quick_form_for_the_selected_employer(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    emp = specialist_journal.add("employer", {"name": "Bakeriet"})
    view = loaded_view(qtbot, make_view)
    select(qtbot, view, emp)
    assert view.visit_shortcut.key().toString() == "Ctrl+Shift+V"
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None)
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = view.dialog
    assert isinstance(dialog, VisitFormDialog)
    assert dialog.employer.currentText() == "Bakeriet"
    dialog.minutes.setValue(45)
    with qtbot.waitSignal(view.details_loaded, timeout=10_000):
        qtbot.keyClick(dialog.next_step, Qt.Key.Key_Return)
    [visit] = specialist_journal.team_records("team_employer_contact")
    assert visit.parent == emp and visit.fields["minutes"] == 45
    assert column(view.visits, 0) == ["23.11.2026"]
    assert view.proxy.index(0, 3).data() == "23.11.2026"
    assert view.proxy.index(0, 4).data() == "1"


def test_a_new_employer_made_in_the_quick_form_is_selected(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    specialist_journal.add("employer", {"name": "Bakeriet"})
    view = loaded_view(qtbot, make_view)
    qtbot.mouseClick(view.visit_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, VisitFormDialog)
    dialog.new_employer_button.setChecked(True)
    dialog.new_employer_name.setText("Kaffebrenneriet")
    with qtbot.waitSignal(view.details_loaded, timeout=10_000):
        dialog.accept()
    assert names_in_register(view) == ["Bakeriet", "Kaffebrenneriet"]
    row = view.selected_row()
    assert row is not None and row.name == "Kaffebrenneriet"


def test_shutdown_drops_what_was_shown(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    emp = specialist_journal.add("employer", {"name": "Bakeriet"})
    view = loaded_view(qtbot, make_view)
    select(qtbot, view, emp)
    view.open_new_person()
    view.shutdown()
    assert view.model.rowCount() == 0 and view.visits.rowCount() == 0
    assert view.dialog is None
    # A late change event (sync finishing during lock) is ignored, not an error.
    view.on_change(ChangeEvent(frozenset({"employer"})))
    assert not view._refresh_timer.isActive()


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    emp = specialist_journal.add("employer", {"name": "Bakeriet", "org_number": GOOD_ORG})
    view = loaded_view(qtbot, make_view)
    select(qtbot, view, emp)
    controls = [
        w
        for kind in (QPushButton, QLineEdit, QTableView, QTabWidget)
        for w in view.findChildren(kind)
        if not w.objectName().startswith("qt_")
    ]
    assert len(controls) >= 12
    for widget in controls:
        assert widget.accessibleName(), widget


def test_format_org_number() -> None:
    assert format_org_number("974760673") == "974 760 673"
    assert format_org_number("") == ""
    assert format_org_number(None) == ""
    assert format_org_number("12") == "12"


def test_screenshot_of_a_demo_register(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    from app.demo import fill_demo

    fill_demo(specialist_journal, participants=30, today=specialist_journal.today())
    view = loaded_view(qtbot, make_view)
    assert view.model.rowCount() >= 10
    view.setStyleSheet(load_stylesheet())
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    busiest = max(view.model.rows, key=lambda r: r.contacts)
    select(qtbot, view, busiest.id)
    assert view.visits.rowCount() == busiest.contacts
    save_shot(view, "employers-register.png")
    view.tabs.setCurrentIndex(1)
    save_shot(view, "employers-contact-persons.png")


def test_a_language_change_retranslates_in_place(
    qtbot: QtBot, specialist_journal: Journal, make_view: object
) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    emp = specialist_journal.add("employer", {"name": "Bakeriet"})
    view = loaded_view(qtbot, make_view)
    select(qtbot, view, emp)
    QCoreApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.tabs.tabText(0) == "Visits (0)"
    assert view.model.headerData(3, Qt.Orientation.Horizontal) == "Last contact"
    form = view.open_visit_form()
    QCoreApplication.sendEvent(form, QEvent(QEvent.Type.LanguageChange))
    assert form.participant.itemText(0) == "No participant (job development)"
