"""The quick visit form over a real encrypted journal: what lands where, and the keyboard."""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
)
from pytestqt.qtbot import QtBot

from app.domain.access import work_space
from app.journal import Journal
from ui.visit_form import OrgNumberInput, VisitFormDialog

SHOTS = Path("/tmp/feltjournal-shots")


def make_form(qtbot: QtBot, journal: Journal, **kw: str) -> VisitFormDialog:
    dialog = VisitFormDialog(journal=journal, **kw)
    qtbot.addWidget(dialog)
    return dialog


def test_without_a_participant_the_visit_is_a_team_contact_under_the_employer(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    emp = j.add("employer", {"name": "Rema 1000 Majorstuen"})
    j.add("employer", {"name": "Bakeriet"})
    form = make_form(qtbot, j)
    assert form.date.text() == "23.11.2026"  # today, dd.MM.yyyy
    assert form.mode.currentData() == "face_to_face"
    assert form.purpose.currentData() == "job_development"
    assert form.participant.currentData() is None
    assert not form.participant_box.isVisibleTo(form)

    form.show()
    qtbot.waitExposed(form)
    # The box searches anywhere in the name (the popup itself cannot open offscreen).
    completer = form.employer.completer()
    completer.setCompletionPrefix("majorst")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Rema 1000 Majorstuen"
    form.employer.setEditText("rema 1000 majorstuen")  # case does not matter
    form.minutes.setValue(30)
    form.outcome.setPlainText("De trenger folk i frukt og grønt til jul.")
    form.next_step.setText("Ring butikksjefen fredag")
    with qtbot.waitSignal(form.visit_saved) as saved:
        qtbot.keyClick(form.next_step, Qt.Key.Key_Return)
    assert form.result() == VisitFormDialog.DialogCode.Accepted
    [visit] = j.team_records("team_employer_contact")
    assert saved.args == [visit.id]
    assert form.saved_type == "team_employer_contact"
    assert visit.parent == emp
    assert visit.space == j.team_space
    assert visit.fields == {
        "date": "2026-11-23",
        "mode": "face_to_face",
        "purpose": "job_development",
        "job_specialist": "Kari Jobb",
        "minutes": 30,
        "outcome": "De trenger folk i frukt og grønt til jul.",
        "next_step": "Ring butikksjefen fredag",
    }
    assert j.team_records("employer_contact") == []


def test_with_a_participant_the_visit_lands_in_the_participants_work_space(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    emp = j.add("employer", {"name": "Bakeriet"})
    pid = j.create_participant({"name": "Ola Nordmann", "programme": "IPS"})
    form = make_form(qtbot, j, employer_id=emp)
    assert form.employer.currentText() == "Bakeriet"
    form.participant.setCurrentIndex(form.participant.findData(pid))
    assert form.participant_box.isVisibleTo(form)
    assert form.purpose.currentData() == "client_specific"  # switched for a participant
    form.participant_present.setChecked(True)
    form.competitive_job.setChecked(True)
    form.setStyleSheet((resources.files("resources") / "style.qss").read_text("utf-8"))
    form.adjustSize()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert form.grab().save(str(SHOTS / "visit-form-participant.png"))
    form.mode.setCurrentIndex(form.mode.findData("phone"))
    form.date.set_value("2026-11-20")
    with qtbot.waitSignal(form.visit_saved):  # written on the executor, landed here
        form.accept()
    assert form.result() == VisitFormDialog.DialogCode.Accepted
    [visit] = j.records(pid, "employer_contact")
    assert form.saved_id == visit.id and form.saved_type == "employer_contact"
    assert visit.parent == pid
    assert visit.space == work_space(pid)
    assert visit.fields["employer"] == emp
    assert visit.fields["date"] == "2026-11-20"
    assert visit.fields["mode"] == "phone"
    assert visit.fields["purpose"] == "client_specific"
    assert visit.fields["participant_present"] is True
    assert visit.fields["matches_preferences"] is False
    assert visit.fields["competitive_job"] is True
    assert "minutes" not in visit.fields  # "not recorded", not 0
    assert j.team_records("team_employer_contact") == []

    # Clearing the participant again goes back to job development.
    form2 = make_form(qtbot, j, employer_id=emp, participant_id=pid)
    assert form2.participant.currentData() == pid
    form2.participant.setCurrentIndex(0)
    assert form2.purpose.currentData() == "job_development"
    assert not form2.participant_box.isVisibleTo(form2)


def test_a_new_employer_inline_checks_the_org_number_before_anything_is_written(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    form = make_form(qtbot, j)
    form.show()
    qtbot.waitExposed(form)
    qtbot.keyClicks(form.employer.lineEdit(), "Kaffebrenneriet Grunerlokka")
    qtbot.mouseClick(form.new_employer_button, Qt.MouseButton.LeftButton)
    assert form.new_employer_name.isVisible() and not form.employer.isVisible()
    assert form.new_employer_org.isVisible()
    assert form.new_employer_name.text() == "Kaffebrenneriet Grunerlokka"  # carried over
    form.new_employer_name.setText("Kaffebrenneriet Grünerløkka")
    qtbot.keyClicks(form.new_employer_org.edit, "974760674")
    assert "check digit" in form.new_employer_org.message.text()
    assert not form.save_button.isEnabled()
    form.accept()
    assert form.result() != VisitFormDialog.DialogCode.Accepted
    assert j.team_records("employer") == []

    form.new_employer_org.set_text("974 760 673")
    assert form.save_button.isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    form.setStyleSheet((resources.files("resources") / "style.qss").read_text("utf-8"))
    form.outcome.setPlainText("Hyggelig daglig leder, åpen for en praksisplass.")
    form.minutes.setValue(40)
    form.next_step.setText("Send CV på mandag")
    form.adjustSize()
    assert form.grab().save(str(SHOTS / "visit-form.png"))
    with qtbot.waitSignal(form.visit_saved):
        qtbot.keyClick(form.outcome, Qt.Key.Key_Return)
    [employer] = j.team_records("employer")
    assert employer.fields["name"] == "Kaffebrenneriet Grünerløkka"
    assert employer.fields["org_number"] == "974760673"
    assert form.new_employer_id == employer.id
    [visit] = j.team_records("team_employer_contact")
    assert visit.parent == employer.id


def test_errors_show_inline_and_nothing_half_made_is_left(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    j.add("employer", {"name": "Bakeriet"})
    form = make_form(qtbot, j)
    form.show()
    qtbot.waitExposed(form)
    qtbot.keyClicks(form.employer.lineEdit(), "Ukjent AS")
    form.accept()
    assert form.isVisible()
    assert form.message.isVisible()
    assert form.message.text().startswith("Please check: Employer")
    assert j.team_records("team_employer_contact") == []

    # A new employer without a name: refused before the employer is made.
    form.new_employer_button.setChecked(True)
    form.new_employer_name.clear()
    form.accept()
    assert "Name" in form.message.text()
    assert j.team_records("employer") == [j.team_records("employer")[0]]
    assert len(j.team_records("employer")) == 1


def test_escape_cancels_and_writes_nothing(qtbot: QtBot, specialist_journal: Journal) -> None:
    j = specialist_journal
    emp = j.add("employer", {"name": "Bakeriet"})
    form = make_form(qtbot, j, employer_id=emp)
    form.show()
    qtbot.waitExposed(form)
    qtbot.keyClick(form.date, Qt.Key.Key_Escape)
    assert form.result() == VisitFormDialog.DialogCode.Rejected
    assert not form.isVisible()
    assert j.team_records("team_employer_contact") == []


def test_shift_enter_in_the_outcome_is_a_new_line_and_enter_saves(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    emp = j.add("employer", {"name": "Bakeriet"})
    form = make_form(qtbot, j, employer_id=emp)
    form.show()
    qtbot.waitExposed(form)
    qtbot.keyClicks(form.outcome, "Forste linje")
    qtbot.keyClick(form.outcome, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(form.outcome, "andre linje")
    assert form.isVisible()
    with qtbot.waitSignal(form.visit_saved):
        qtbot.keyClick(form.outcome, Qt.Key.Key_Return)
    assert not form.isVisible()
    [visit] = j.team_records("team_employer_contact")
    assert visit.fields["outcome"] == "Forste linje\nandre linje"


def test_keyboard_first_tab_order_and_accessible_names(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    j.add("employer", {"name": "Bakeriet"})
    pid = j.create_participant({"name": "Ola Nordmann", "programme": "IPS"})
    form = make_form(qtbot, j, participant_id=pid)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: form.employer.hasFocus())
    seen = []
    for _ in range(12):
        seen.append(form.focusWidget())
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)
    expected = [
        form.employer,
        form.new_employer_button,
        form.date,
        form.mode,
        form.purpose,
        form.participant,
        form.participant_present,
        form.matches_preferences,
        form.competitive_job,
        form.minutes,
        form.outcome,
        form.next_step,
    ]
    # Editable combo, date and spin boxes may report their inner line edit.
    inner = (form.employer, form.date, form.minutes)
    normalised = [w.parent() if w.parent() in inner else w for w in seen]
    assert normalised == expected

    controls = [
        w
        for kind in (QAbstractButton, QComboBox, QAbstractSpinBox, QPlainTextEdit, QLineEdit)
        for w in form.findChildren(kind)
        if not w.objectName().startswith("qt_")
        and not isinstance(w.parent(), QComboBox)
        and not isinstance(w.parent(), QAbstractSpinBox)
    ]
    assert len(controls) >= 14
    for widget in controls:
        assert widget.accessibleName(), widget


def test_org_number_input_messages(qtbot: QtBot) -> None:
    field = OrgNumberInput()
    qtbot.addWidget(field)
    assert field.is_acceptable() and field.message.isHidden()
    with qtbot.waitSignal(field.validity_changed) as changed:
        field.set_text("12")
    assert changed.args == [False]
    assert field.message.text() == "2 of 9 digits."
    field.set_text("1234567890")
    assert field.message.text() == "An organisation number has 9 digits."
    with qtbot.waitSignal(field.validity_changed) as changed:
        field.set_text("889 640 782")
    assert changed.args == [True]
    assert field.value() == "889640782"
    assert field.edit.accessibleDescription() == field.message.text()


def test_logging_a_visit_does_not_wait_for_a_sync_page_being_applied(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    emp = j.add("employer", {"name": "Bakeriet"})
    form = make_form(qtbot, j, employer_id=emp)
    form.show()
    qtbot.waitExposed(form)
    # A page of a pull holds the store on the executor, as a sync round's pages do.
    started, release = threading.Event(), threading.Event()

    def page() -> None:
        with j.store.transaction():
            started.set()
            release.wait(10)

    applying = j.executor.submit(page)
    assert started.wait(10)
    try:
        form.accept()  # returns at once: the visit waits on the executor, not the GUI
        assert form.isVisible() and form.saving()
        form.accept()  # a second Enter meanwhile does not log it twice
        assert not applying.done()
    finally:
        release.set()
    with qtbot.waitSignal(form.visit_saved, timeout=3000):
        pass
    assert not form.isVisible() and not form.saving()
    [visit] = j.team_records("team_employer_contact")
    assert visit.parent == emp and form.saved_id == visit.id
