"""Every kind of date field, typed into as a person does: focus, Ctrl+A, the text, Tab,
save through the real button (or the autosave), then the record read back (issue #16).

What is typed is saved, or refused with a sentence beside the field and nothing saved;
never another date (the old day kept, the typed one ignored, text turned into "–")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.journal import Journal
from tests.ui.conftest import TODAY
from tests.ui.test_participant_view import (  # noqa: F401 - fixtures
    ViewFactory,
    current,
    find_item,
    make_view,
    open_editor,
    populate,
    tab_of,
    tasks,
)
from tests.ui.test_translations import translator  # noqa: F401 - fixture
from ui.caseload_view import CaseloadView, NewParticipantDialog
from ui.i18n import Translator
from ui.participant_tabs import (
    ExposureTab,
    MeetingsTab,
    NotesTab,
    OverviewTab,
    PlanTab,
)
from ui.tasks import TaskRunner
from ui.visit_form import VisitFormDialog
from ui.widgets.date_field import DateField

CTRL = Qt.KeyboardModifier.ControlModifier


def type_date(qtbot: QtBot, field: DateField, text: str, *, leave: bool = True) -> None:
    """Click into the field, select all, type, and Tab away (as a person does)."""
    window = field.window()
    window.activateWindow()
    field.edit.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(field.edit.hasFocus, timeout=2000)
    qtbot.keyClick(field.edit, Qt.Key.Key_A, CTRL)
    if text:
        qtbot.keyClicks(field.edit, text)
    else:
        qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    if leave:
        qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
        assert not field.edit.hasFocus()


def shown(field: DateField) -> str | None:
    """The sentence under the field, when one is shown."""
    return field.message.text() if field.message.isVisible() else None


# ------------------------------------------------------------------ the widget


def test_the_field_takes_what_is_typed_and_writes_it_in_full(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    field = DateField(optional=True, today=lambda: TODAY, parent=host)
    after = DateField(optional=True, today=lambda: TODAY, parent=host)
    after.move(0, 60)
    host.show()
    qtbot.waitExposed(host)
    committed: list[str | None] = []
    field.committed.connect(lambda: committed.append(field.value()))
    for typed, iso, full in [
        ("20.04.1985", "1985-04-20", "20.04.1985"),
        ("15.03.1985", "1985-03-15", "15.03.1985"),
        ("1.2.26", "2026-02-01", "01.02.2026"),
        ("9.11.1989", "1989-11-09", "09.11.1989"),
        ("1985-04-20", "1985-04-20", "20.04.1985"),
    ]:
        type_date(qtbot, field, typed)
        assert (field.value(), field.text(), shown(field)) == (iso, full, None), typed
    assert committed == ["1985-04-20", "1985-03-15", "2026-02-01", "1989-11-09", "1985-04-20"]


def test_anything_else_is_refused_beside_the_field_and_kept_as_typed(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    field = DateField(optional=True, today=lambda: TODAY, parent=host)
    DateField(optional=True, parent=host).move(0, 60)  # somewhere to Tab to
    host.show()
    qtbot.waitExposed(host)
    for typed, message in [
        ("31.02.1990", "There is no such date."),
        ("1.13.26", "There is no such date."),
        ("ring meg", "Type the date as dd.mm.yyyy, e.g. 20.04.1985."),
        ("20.04.198", "Type the date as dd.mm.yyyy, e.g. 20.04.1985."),
        ("01.01.1850", "The date must lie between 1900 and 2200."),
    ]:
        type_date(qtbot, field, typed)
        assert field.text() == typed  # nothing replaced, nothing kept from before
        assert shown(field) == message, typed
        assert not field.is_acceptable() and field.day() is None
    # The message goes as soon as the text is a date again.
    type_date(qtbot, field, "20.04.1985", leave=False)
    assert shown(field) is None and field.value() == "1985-04-20"


def test_a_birth_date_is_never_in_the_future_and_a_required_date_never_blank(
    qtbot: QtBot,
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    birth = DateField(optional=True, past_only=True, today=lambda: TODAY, parent=host)
    required = DateField(optional=False, today=lambda: TODAY, parent=host)
    required.move(0, 60)
    host.show()
    qtbot.waitExposed(host)
    type_date(qtbot, birth, "24.11.2026")
    assert shown(birth) == "The date cannot be in the future."
    type_date(qtbot, birth, "20.04.85")
    assert birth.text() == "20.04.1985"
    type_date(qtbot, birth, "")
    assert birth.value() is None and shown(birth) is None  # optional: may be empty
    assert required.text() == "23.11.2026"  # a required date starts at today
    type_date(qtbot, required, "")
    assert shown(required) == "Fill in a date."


# A popup asks the window system to raise it and grab the keyboard; offscreen cannot.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_the_calendar_opens_from_the_keyboard_and_the_button(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    field = DateField(optional=True, today=lambda: TODAY, parent=host)
    host.show()
    qtbot.waitExposed(host)
    type_date(qtbot, field, "", leave=False)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.popup
    assert popup is not None and popup.isVisible()
    qtbot.waitUntil(popup.calendar.hasFocus, timeout=2000)
    # Opens on today; the arrow keys walk the days, Enter picks one.
    assert popup.calendar.selectedDate().toPython() == TODAY
    days = QApplication.focusWidget()  # the calendar's table of days
    assert popup.calendar.isAncestorOf(days)
    qtbot.keyClick(days, Qt.Key.Key_Right)
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert field.value() == "2026-11-24" and field.text() == "24.11.2026"
    # F4 opens it on the date typed; Escape closes it and changes nothing.
    qtbot.keyClick(field.edit, Qt.Key.Key_F4)
    assert popup.isVisible() and popup.calendar.selectedDate().toPython().day == 24
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not popup.isVisible() and field.value() == "2026-11-24"
    field.button.click()
    assert popup.isVisible()
    assert field.button.accessibleName() == "Choose in a calendar"


# ------------------------------------------------------ participant birth date


def test_new_participant_birth_date_is_the_one_typed(
    qtbot: QtBot,
    specialist_journal: Journal,
    tasks: TaskRunner,  # noqa: F811
) -> None:
    j = specialist_journal
    view = CaseloadView(journal=j, tasks=tasks)
    qtbot.addWidget(view)
    view.show()
    refused: list[str | None] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewParticipantDialog)
        qtbot.keyClicks(dialog.name, "Dina Dahl")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        type_date(qtbot, dialog.birth, "31.02.1990")
        ok.click()  # refused: the dialog stays open, saying why under the field
        refused.append(shown(dialog.birth))
        assert dialog.isVisible()
        type_date(qtbot, dialog.birth, "20.04.1985")
        ok.click()

    opened: list[str] = []
    view.open_requested.connect(opened.append)
    QTimer.singleShot(0, fill)
    view.new_participant()
    qtbot.waitUntil(lambda: opened != [], timeout=3000)
    assert refused == ["There is no such date."]
    [created] = j.participants()
    assert created.fields["birth_date"] == "1985-04-20"


def test_overview_birth_date_saves_what_is_typed_or_nothing(
    qtbot: QtBot,
    make_view: ViewFactory,  # noqa: F811
    specialist_journal: Journal,
) -> None:
    j = specialist_journal
    pid = populate(j)
    view = make_view(j, pid)
    overview = tab_of(view, OverviewTab)
    assert isinstance(overview, OverviewTab)
    birth = overview.form.editor("birth_date")
    assert isinstance(birth, DateField)
    assert birth.text() == "12.03.1994"
    for typed, saved in [("20.04.1985", "1985-04-20"), ("15.03.1985", "1985-03-15")]:
        type_date(qtbot, birth, typed)
        assert overview.flush()
        assert current(j, pid).fields["birth_date"] == saved
    for typed in ("31.02.1990", "ring meg"):
        type_date(qtbot, birth, typed)
        assert not overview.flush()  # switching away or closing is held up as well
        assert overview.state_label.text() == "Not saved: Please check: Birth date is not a date"
        assert shown(birth) is not None and birth.text() == typed
        assert current(j, pid).fields["birth_date"] == "1985-03-15"
        assert not view.ready_to_close()
    type_date(qtbot, birth, "")  # optional: emptied on purpose
    assert overview.flush()
    assert current(j, pid).fields.get("birth_date") is None


# --------------------------------------------- record dialogs and autosaved forms


def test_record_dialog_required_and_optional_dates(
    qtbot: QtBot,
    make_view: ViewFactory,  # noqa: F811
    specialist_journal: Journal,
) -> None:
    j = specialist_journal
    pid = populate(j)
    view = make_view(j, pid)
    meetings = tab_of(view, MeetingsTab)
    assert isinstance(meetings, MeetingsTab)
    before = {m.id for m in j.records(pid, "meeting")}
    dialog = meetings.panel.add()
    qtbot.waitExposed(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    date, next_date = dialog.form.editor("date"), dialog.form.editor("next_date")
    assert isinstance(date, DateField) and isinstance(next_date, DateField)
    type_date(qtbot, date, "03.12.2026")
    type_date(qtbot, next_date, "31.02.2027")
    save.click()
    assert (
        dialog.isVisible() and dialog.message.text() == "Please check: Next meeting is not a date"
    )
    assert shown(next_date) == "There is no such date."
    assert {m.id for m in j.records(pid, "meeting")} == before
    type_date(qtbot, date, "")  # required: refused when blank too
    save.click()
    assert shown(date) == "Fill in a date."
    assert {m.id for m in j.records(pid, "meeting")} == before
    type_date(qtbot, date, "3.12.26")
    type_date(qtbot, next_date, "1.3.27")
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        save.click()
    [new] = [m for m in j.records(pid, "meeting") if m.id not in before]
    assert (new.fields["date"], new.fields["next_date"]) == ("2026-12-03", "2027-03-01")


def test_note_date_is_autosaved_as_typed(
    qtbot: QtBot,
    make_view: ViewFactory,  # noqa: F811
    specialist_journal: Journal,
) -> None:
    j = specialist_journal
    pid = populate(j)
    view = make_view(j, pid)
    notes = tab_of(view, NotesTab)
    assert isinstance(notes, NotesTab)
    note_id = notes.editor.record_id
    assert note_id is not None
    date = notes.editor.form.editor("date")
    assert isinstance(date, DateField)
    type_date(qtbot, date, "15.03.2026")
    assert notes.flush()
    assert current(j, note_id).fields["date"] == "2026-03-15"
    type_date(qtbot, date, "1.13.26")
    assert not notes.flush()
    assert current(j, note_id).fields["date"] == "2026-03-15"
    assert shown(date) == "There is no such date."


# ------------------------------------------------------------------ visit dialog


def test_visit_dialog_date_is_the_one_typed(qtbot: QtBot, specialist_journal: Journal) -> None:
    j = specialist_journal
    emp = j.add("employer", {"name": "Bakeriet"})
    dialog = VisitFormDialog(journal=j, employer_id=emp)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.date.text() == "23.11.2026"
    # The label's mnemonic (Alt+D, "&Date") reaches the field.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.mode.setFocus()
    qtbot.waitUntil(dialog.mode.hasFocus, timeout=2000)
    qtbot.keyClick(dialog.mode, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert dialog.date.edit.hasFocus()
    type_date(qtbot, dialog.date, "31.02.1990")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert shown(dialog.date) == "There is no such date."
    assert dialog.message.text() == "The date was not saved: There is no such date."
    assert j.team_records("team_employer_contact") == []
    type_date(qtbot, dialog.date, "03.12.2026")
    with qtbot.waitSignal(dialog.visit_saved, timeout=3000):
        dialog.save_button.click()
    [visit] = j.team_records("team_employer_contact")
    assert visit.fields["date"] == "2026-12-03"


# ------------------------------------------------------------- dates in a table


def test_plan_due_date_in_a_cell_refuses_what_is_not_a_date(
    qtbot: QtBot,
    make_view: ViewFactory,  # noqa: F811
    specialist_journal: Journal,
) -> None:
    j = specialist_journal
    pid = populate(j)
    view = make_view(j, pid)
    plan = tab_of(view, PlanTab)
    assert isinstance(plan, PlanTab)
    [action] = [a for a in j.records(pid, "action")][:1]
    text = str(action.fields["description"])
    due = action.fields.get("due")
    edit = open_editor(qtbot, plan, find_item(plan, text), 2)
    assert isinstance(edit.parent(), DateField)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "31.02.2027")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.message_bar.isVisible(), timeout=2000)
    assert view.message_bar.text.text() == "The date was not saved: There is no such date."
    assert current(j, action.id).fields.get("due") == due
    edit = open_editor(qtbot, plan, find_item(plan, text), 2)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "20.04.2027")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: current(j, action.id).fields.get("due") == "2027-04-20", timeout=2000)


def open_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int) -> QWidget:
    """Start editing a cell with F2, as a person does; the editor's focused line edit."""
    table.window().activateWindow()
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.waitUntil(table.hasFocus, timeout=2000)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(
        lambda: (
            isinstance(w := QApplication.focusWidget(), QWidget)
            and isinstance(w.parent(), DateField)
        ),
        timeout=2000,
    )
    edit = QApplication.focusWidget()
    assert edit is not None
    return edit


def test_exposure_attempt_date_in_a_cell(
    qtbot: QtBot,
    make_view: ViewFactory,  # noqa: F811
    therapist_journal: Journal,
) -> None:
    j = therapist_journal
    pid = populate(j, clinical=True)
    view = make_view(j, pid)
    tab = tab_of(view, ExposureTab)
    assert isinstance(tab, ExposureTab)
    [plan] = j.records(pid, "exposure_plan")
    table = tab.attempts_table
    edit = open_cell(qtbot, table, 0, 1)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "ring meg")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.message_bar.isVisible(), timeout=2000)
    assert "The date was not saved" in view.message_bar.text.text()
    assert current(j, plan.id).fields["attempts"] == plan.fields["attempts"]
    edit = open_cell(qtbot, table, 0, 1)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "20.11.2026")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: current(j, plan.id).fields["attempts"][0]["date"] == "2026-11-20", timeout=2000
    )


def test_the_field_speaks_bokmal(
    qtbot: QtBot,
    translator: Translator,  # noqa: F811
) -> None:
    assert translator.apply("nb")
    host = QWidget()
    qtbot.addWidget(host)
    field = DateField(optional=True, past_only=True, today=lambda: TODAY, parent=host)
    DateField(optional=True, parent=host).move(0, 60)
    host.show()
    qtbot.waitExposed(host)
    assert field.edit.placeholderText() == "dd.mm.åååå"
    type_date(qtbot, field, "ring meg")
    assert shown(field) == "Skriv datoen som dd.mm.åååå, for eksempel 20.04.1985."
    type_date(qtbot, field, "31.02.1990")
    assert shown(field) == "Den datoen finnes ikke."
    type_date(qtbot, field, "1.1.2030")
    assert shown(field) == "Datoen kan ikke ligge fram i tid."
    assert field.refusal() == "Datoen ble ikke lagret: Datoen kan ikke ligge fram i tid."
