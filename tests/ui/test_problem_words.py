"""What keeps a form from being saved, in the user's words, and never a stale line.

The schema refuses a value with a code (app.domain.schema.PROBLEMS); the window
words it: the field's label, then a sentence per code, in bokmål or English. Each
code a user can cause is provoked here through the real widgets, in both languages:
in bokmål no English predicate, field name or label may show, and once the field
is put right the line under the form goes (and the record is saved).
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.domain.schema import ENTITIES, PROBLEMS, Problem, validate
from app.journal import Journal
from tests.ui.test_translations import _messages, _switch, translator  # noqa: F401
from ui.caseload_view import NewParticipantDialog
from ui.i18n import Translator
from ui.labels import FIELD_LABELS, PROBLEM_TEXTS, field_label, problem_text
from ui.record_form import RecordDialog
from ui.visit_form import VisitFormDialog
from ui.widgets.date_field import DateField

TODAY = date(2026, 11, 23)
CTRL = Qt.KeyboardModifier.ControlModifier
ENGLISH_PREDICATES = sorted({p.replace("{limit}", "") for p in PROBLEMS.values()}, key=len)


def test_every_code_has_a_sentence_in_both_languages() -> None:
    assert set(PROBLEM_TEXTS) == set(PROBLEMS)
    for code, english in PROBLEMS.items():
        assert str(PROBLEM_TEXTS[code]) == english.replace("{limit}", "%1").replace(
            "{high}", "%2"
        ), code
    nb = {m.source: m.forms[0] for m in _messages("nb") if m.context == "Problems"}
    for english in PROBLEM_TEXTS.values():
        assert nb[str(english)].strip() and nb[str(english)] != english, english


def test_a_problem_reads_as_the_english_predicate_and_keeps_its_code() -> None:
    problem = Problem("too_large", 80)
    assert problem == "must be at most 80" and problem.code == "too_large"
    assert Problem.of("is required").code == "required"
    assert Problem.of("something else").code == "invalid"


def _type(qtbot: QtBot, editor: QWidget, text: str) -> None:
    """Select all in the field, type ``text`` and Tab away, as a person does."""
    target = editor.edit if isinstance(editor, DateField) else editor
    assert isinstance(target, QLineEdit)
    editor.window().activateWindow()
    target.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(target.hasFocus, timeout=2000)
    qtbot.keyClick(target, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(target, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Tab)


NAMED = (("name", "Eva Berg"),)


@dataclass(frozen=True)
class Case:
    record_type: str
    field: str
    typed: str
    code: str
    fixed: str
    # Filled in beforehand so that only ``field`` is wrong.
    given: tuple[tuple[str, str], ...] = ()


CASES = [
    Case("participant", "name", "", "required", "Per Hansen"),
    Case("participant", "phone", "ring meg", "not_phone", "+47 912 34 567", NAMED),
    Case("participant", "birth_date", "ring meg", "not_date", "20.04.1985", NAMED),
    Case("participant", "national_id", "123", "fnr_digits", "21040665894", NAMED),
    Case("participant", "national_id", "16014977631", "fnr_check1", "21040665894", NAMED),
    Case("participant", "national_id", "16067288360", "fnr_check2", "21040665894", NAMED),
    Case("participant", "national_id", "01054975771", "fnr_individual", "21040665894", NAMED),
    Case("participant", "national_id", "31062093024", "fnr_date", "21040665894", NAMED),
    Case(
        "employer_contact_person",
        "email",
        "kari(at)bakeriet",
        "not_email",
        "kari@bakeriet.no",
        (("name", "Kari Bakke"),),
    ),
    Case("job", "occupation_code", "12", "not_styrk", "5223", (("title", "Butikkmedarbeider"),)),
]
FIXED_VALUES = {"participant": {"programme": "IPS", "status": "active"}, "job": {"start": TODAY}}


def _assert_words(text: str, language: str, names: list[str], codes: list[str]) -> None:
    """``text`` names each field by its label and says its code's sentence, in ``language``;
    in bokmål no English predicate, raw field name or English label is left."""
    for name, code in zip(names, codes, strict=True):
        assert field_label(name) in text, (text, name)
        assert problem_text(Problem(code)) in text, (text, code)
    if language == "nb":
        for english in ENGLISH_PREDICATES:
            assert english not in text, (text, english)
        for name in names:
            assert name not in text and str(FIELD_LABELS[name]) not in text, text
        assert "Please check" not in text


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.field}-{c.code}")
def test_each_refusal_is_worded_and_goes_once_the_field_is_right(
    qtbot: QtBot,
    specialist_journal: Journal,
    translator: Translator,  # noqa: F811
    language: str,
    case: Case,
) -> None:
    _switch(translator, language)
    j = specialist_journal
    pid = j.create_participant({"name": "Eva Berg", "programme": "IPS"})
    employer = j.add("employer", {"name": "Bakeriet"})
    saved: list[str] = []
    fixed = FIXED_VALUES.get(case.record_type, {})

    def submit(values: dict[str, object]) -> Future[str]:
        # As the tabs do: the schema refuses a bad form at once, the write waits its turn.
        clean = validate(case.record_type, {**fixed, **values})
        if case.record_type == "participant":
            return j.executor.submit(j.create_participant, clean)
        if case.record_type == "employer_contact_person":
            return j.executor.submit(lambda: j.add(case.record_type, clean, parent=employer))
        return j.executor.submit(lambda: j.add(case.record_type, clean, participant_id=pid))

    fields = tuple(dict.fromkeys([*(name for name, _ in case.given), case.field]))
    dialog = RecordDialog(
        case.record_type,
        submit=submit,
        title="Test",
        fields=fields,
        values=dict(case.given),
        today=lambda: TODAY,
    )
    qtbot.addWidget(dialog)
    dialog.saved.connect(saved.append)
    dialog.show()
    qtbot.waitExposed(dialog)
    editor = dialog.form.editor(case.field)
    _type(qtbot, editor, case.typed)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save.click()
    assert dialog.isVisible() and saved == []
    assert dialog.message.isVisible()
    _assert_words(dialog.message.text(), language, [case.field], [case.code])
    under = dialog.form.field_box(case.field).findChild(QLabel, "fieldError")
    if under is not None and under.isVisible():
        _assert_words(under.text(), language, [case.field], [case.code])

    _type(qtbot, editor, case.fixed)
    assert not dialog.message.isVisible(), dialog.message.text()
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        save.click()
    assert len(saved) == 1


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_intake_words_a_referral_after_entry_and_a_missing_name(
    qtbot: QtBot,
    translator: Translator,  # noqa: F811
    language: str,
) -> None:
    _switch(translator, language)
    dialog = NewParticipantDialog(today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _type(qtbot, dialog.received, "20.11.2026")
    _type(qtbot, dialog.entry, "10.11.2026")
    assert dialog.check() is None
    _assert_words(
        dialog.message.text(), language, ["name", "referral_date"], ["required", "after_entry"]
    )
    _type(qtbot, dialog.name, "Per Hansen")
    assert dialog.message.isVisible()  # the referral is still after the entry
    assert field_label("name") not in dialog.message.text()
    _assert_words(dialog.message.text(), language, ["referral_date"], ["after_entry"])
    _type(qtbot, dialog.entry, "23.11.2026")
    assert not dialog.message.isVisible()
    assert dialog.check() is not None


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_visit_form_words_an_unknown_employer_and_forgets_it_once_chosen(
    qtbot: QtBot,
    specialist_journal: Journal,
    translator: Translator,  # noqa: F811
    language: str,
) -> None:
    _switch(translator, language)
    j = specialist_journal
    j.add("employer", {"name": "Bakeriet"})
    form = VisitFormDialog(journal=j)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    line = form.employer.lineEdit()
    assert line is not None
    _type(qtbot, line, "Ukjent AS")
    assert form.save() is False
    _assert_words(form.message.text(), language, ["employer"], ["choose_employer"])
    _type(qtbot, line, "Bakeriet")
    assert not form.message.isVisible()
    with qtbot.waitSignal(form.visit_saved, timeout=3000):
        assert form.save()
    [visit] = j.team_records("team_employer_contact")
    assert visit.fields["date"] == TODAY.isoformat()


def test_every_schema_code_a_form_can_meet_is_in_a_case() -> None:
    # The codes a user can cause in a form with the keyboard; the rest cannot be
    # typed (a combo box offers only its choices, a spin box only numbers in range,
    # a line edit stops at the field's length) or come from the command line/imports.
    typed = {c.code for c in CASES} | {"after_entry", "choose_employer"}
    checks = {f.check for e in ENTITIES.values() for f in e.fields if f.check}
    assert checks == {"fnr", "orgnr", "phone", "email", "styrk"}
    assert typed >= {"required", "not_phone", "not_email", "not_styrk", "not_date"}
    assert {code for code in PROBLEMS if code.startswith("fnr_")} <= typed
