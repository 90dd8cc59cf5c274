"""RecordForm and RecordDialog: editors from the schema, values as the schema wants them."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from app.domain.schema import ENTITIES, ValidationError, validate
from app.journal import Journal
from ui.lock_guard import ClipboardGuard
from ui.record_form import (
    IntensitySlider,
    MultiChoice,
    RecordDialog,
    RecordForm,
    explain,
    format_value,
)
from ui.widgets.date_field import DateField

TODAY = date(2026, 11, 23)


def test_an_editor_per_kind_with_label_and_accessible_name(qtbot: QtBot) -> None:
    form = RecordForm("employer_contact", today=lambda: TODAY)
    qtbot.addWidget(form)
    kinds = {
        "employer": QComboBox,
        "date": DateField,
        "mode": QComboBox,
        "participant_present": QCheckBox,
        "minutes": QSpinBox,
        "outcome": QPlainTextEdit,
        "next_step": QLineEdit,
    }
    for name, cls in kinds.items():
        editor = form.editor(name)
        assert isinstance(editor, cls), name
        assert editor.accessibleName() == form.label(name).text() != ""
        assert form.label(name).buddy() is editor
    job = RecordForm("job")
    qtbot.addWidget(job)
    assert isinstance(job.editor("hours_per_week"), QDoubleSpinBox)
    plan = RecordForm("job_search_plan", fields=("strategies", "target_employers"))
    qtbot.addWidget(plan)
    assert isinstance(plan.editor("strategies"), MultiChoice)


def test_values_round_trip_in_schema_form(qtbot: QtBot) -> None:
    form = RecordForm("employer_contact", today=lambda: TODAY)
    qtbot.addWidget(form)
    form.set_ref_options("employer", [("e1", "Rema 1000 Majorstuen"), ("e2", "Kiwi")])
    values = {
        "employer": "e2",
        "date": "2026-11-20",
        "mode": "phone",
        "purpose": "job_development",
        "participant_present": True,
        "minutes": 45,
        "outcome": "Ønsker å møte Per på fredag.\nRing tilbake.",
        "next_step": "Besøk",
    }
    form.set_values(values)
    got = form.values()
    for name, value in values.items():
        assert got[name] == value, name
    assert got["matches_preferences"] is False
    assert not form.is_dirty()
    # Empty optional fields are None, never "".
    form.set_values({"date": "2026-11-20", "mode": "phone"})
    got = form.values()
    assert got["employer"] is None and got["next_step"] is None and got["minutes"] is None
    assert got["outcome"] == ""
    # A required choice not yet made stays unmade (no silent first choice).
    assert got["purpose"] is None
    assert form.filled_values() == {
        "date": "2026-11-20",
        "mode": "phone",
        "participant_present": False,
        "matches_preferences": False,
        "competitive_job": False,
    }


def test_changed_values_lists_only_what_the_user_changed(qtbot: QtBot) -> None:
    form = RecordForm("participant")
    qtbot.addWidget(form)
    form.set_values({"name": "Per Hansen", "programme": "IPS", "status": "active"})
    edited: list[str] = []
    form.edited.connect(edited.append)
    line = form.editor("nav_office")
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, "NAV Frogner")
    status = form.editor("status")
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findData("paused"))
    assert form.changed_values() == {"nav_office": "NAV Frogner", "status": "paused"}
    assert set(edited) == {"nav_office", "status"}
    form.mark_saved()
    assert form.changed_values() == {}


def test_optional_date_can_be_empty_and_required_defaults_to_today(qtbot: QtBot) -> None:
    form = RecordForm("episode", today=lambda: TODAY)
    qtbot.addWidget(form)
    entry, exit_ = form.editor("entry"), form.editor("exit")
    assert isinstance(entry, DateField) and isinstance(exit_, DateField)
    assert entry.value() == TODAY.isoformat()
    assert exit_.value() is None and exit_.text() == ""
    assert entry.text() == "23.11.2026"
    # Up in an empty date starts from today; emptying the text empties it again.
    qtbot.keyClick(exit_.edit, Qt.Key.Key_Up)
    assert exit_.value() == TODAY.isoformat()
    qtbot.keyClick(exit_.edit, Qt.Key.Key_Up)
    assert exit_.value() == "2026-11-24"
    exit_.edit.selectAll()
    qtbot.keyClick(exit_.edit, Qt.Key.Key_Delete)
    assert exit_.value() is None and exit_.is_acceptable()
    qtbot.keyClicks(exit_.edit, "31.1.27")
    assert form.values()["exit"] == "2027-01-31"


def test_sliders_are_unset_until_moved(qtbot: QtBot) -> None:
    form = RecordForm("cbt_worksheet", sliders=("intensity", "intensity_after"))
    qtbot.addWidget(form)
    slider = form.editor("intensity")
    assert isinstance(slider, IntensitySlider)
    assert form.values()["intensity"] is None
    slider.slider.setValue(70)
    assert form.values()["intensity"] == 70
    assert form.changed_values() == {"intensity": 70}
    form.set_values({"intensity": 0})
    assert form.values()["intensity"] == 0


def test_errors_are_shown_beside_the_field_by_label(qtbot: QtBot) -> None:
    form = RecordForm("participant")
    qtbot.addWidget(form)
    form.show()
    unshown = form.show_errors({"phone": "is not a phone number", "bogus": "x"})
    assert unshown == ["bogus"]
    error = form.field_box("phone").findChild(type(form.label("phone")), "fieldError")
    assert error is not None and error.isVisible()
    assert error.text() == "Phone is not a phone number"
    assert (
        explain(ValidationError({"national_id": "bad"}))
        == "Please check: National identity number is not valid"
    )


def test_read_only_blocks_editing(qtbot: QtBot) -> None:
    form = RecordForm("case_note")
    qtbot.addWidget(form)
    form.set_read_only(True)
    body = form.editor("body")
    assert isinstance(body, QPlainTextEdit) and body.isReadOnly()
    qtbot.keyClicks(body, "x")
    assert form.values()["body"] == ""
    assert not form.editor("topic").isEnabled()


def test_unknown_reference_is_kept_not_lost(qtbot: QtBot) -> None:
    form = RecordForm("consent")
    qtbot.addWidget(form)
    form.set_values({"scope": "employer", "employer": "gone", "given": "2026-01-01"})
    assert form.values()["employer"] == "gone"
    form.set_ref_options("employer", [("e1", "Kiwi")])
    assert form.values()["employer"] == "gone"
    assert not form.is_dirty()


def test_format_value_reads_like_a_person_would(qtbot: QtBot) -> None:
    spec = ENTITIES["meeting"].by_name
    assert format_value(spec["date"], "2026-11-23") == "23.11.2026"
    assert format_value(spec["attendees"], ["participant", "nav"]) == "Participant, NAV"
    assert format_value(spec["next_date"], None) == "–"
    assert format_value(ENTITIES["job"].by_name["hours_per_week"], 37.5) == "37,5"


def test_copy_goes_through_the_clipboard_guard(qtbot: QtBot) -> None:
    guard = ClipboardGuard()
    form = RecordForm("case_note", clipboard=guard)
    qtbot.addWidget(form)
    body = form.editor("body")
    assert isinstance(body, QPlainTextEdit)
    body.setPlainText("Ønsker å jobbe i barnehage")
    body.selectAll()
    qtbot.keyClick(body, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Ønsker å jobbe i barnehage"
    assert guard.clear_if_ours()
    assert QGuiApplication.clipboard().text() == ""


def test_dialog_stays_open_on_invalid_input_and_saves_valid_input(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    pid = j.create_participant({"name": "Per Hansen", "programme": "IPS"})
    made: list[object] = []

    def submit(values: dict[str, object]) -> Future[str]:
        validate("consent", values)  # a bad form is refused at once, as TabContext does
        return j.executor.submit(j.add, "consent", values, participant_id=pid)

    dialog = RecordDialog(
        "consent", submit=submit, title="New consent", values={}, today=lambda: TODAY
    )
    qtbot.addWidget(dialog)
    dialog.saved.connect(made.append)
    dialog.open()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save.click()  # no scope chosen: the schema says it is required
    assert dialog.isVisible() and not made
    assert "Scope" in dialog.message.text()
    scope = dialog.form.editor("scope")
    assert isinstance(scope, QComboBox)
    scope.setCurrentIndex(scope.findData("nav"))
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        save.click()
    assert len(made) == 1
    rec = j.get(str(made[0]))
    assert rec.fields["scope"] == "nav" and rec.fields["given"] == TODAY.isoformat()


@pytest.mark.parametrize("record_type", sorted(ENTITIES))
def test_every_record_type_builds_a_form(qtbot: QtBot, record_type: str) -> None:
    form = RecordForm(record_type)
    qtbot.addWidget(form)
    form.set_values({})
    assert form.changed_values() == {}
    for name in form.field_names:
        assert form.label(name).text()
