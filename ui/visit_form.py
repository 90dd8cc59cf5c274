"""The quick visit form: log an employer contact in under a minute, keyboard first.

With a participant chosen the contact is an ``employer_contact`` in that
participant's work space (with the day of its next step, for the agenda); without
one it is a ``team_employer_contact`` (job development) under the employer in the
team space. The participant's "Add employer contact" opens this same form, with
the participant filled in: one form, one field order, the same defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.identifiers import InvalidIdentifier, check_org_number
from app.domain.schema import CONTACT_MODES, CONTACT_PURPOSES, Problem, ValidationError, validate
from app.journal import Journal, Performed
from app.operations.records import Item, log_visit
from ui.errors import describe
from ui.labels import choice_label
from ui.tasks import on_landed
from ui.widgets.date_field import DateField
from ui.widgets.problem_line import ProblemLine

_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _restyle(label: QLabel, object_name: str) -> None:
    if label.objectName() != object_name:
        label.setObjectName(object_name)
        label.style().unpolish(label)
        label.style().polish(label)


class OrgNumberInput(QWidget):
    """An organisation-number field checked (mod-11) as you type, with an inline message.

    Empty is allowed. ``is_acceptable()`` is True when empty or valid.

    Signals:
        validity_changed(bool): whether the current text may be saved.
    """

    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setMaxLength(14)
        self.edit.setPlaceholderText("974 760 673")
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self._acceptable = True
        self.edit.textChanged.connect(self._check)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.edit.setAccessibleName(self.tr("Organisation number"))
        self.edit.setToolTip(self.tr("Nine digits; may be left empty."))
        self._check(self.edit.text())

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def value(self) -> str | None:
        """The nine digits, or None when empty or not valid."""
        try:
            return check_org_number(self.edit.text())
        except InvalidIdentifier:
            return None

    def is_acceptable(self) -> bool:
        return self._acceptable

    def _check(self, text: str) -> None:
        digits = text.replace(" ", "")
        acceptable = False
        error = True
        if not digits:
            message, acceptable, error = "", True, False
        elif not (digits.isascii() and digits.isdigit()):
            message = self.tr("Only digits, please.")
        elif len(digits) < 9:
            message = self.tr("%1 of 9 digits.").replace("%1", str(len(digits)))
            error = False
        elif len(digits) > 9:
            message = self.tr("An organisation number has 9 digits.")
        elif self.value() is None:
            message = self.tr("The check digit does not match. Please check the number.")
        else:
            message, acceptable, error = self.tr("✓ Valid organisation number."), True, False
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.edit.setAccessibleDescription(message)
        _restyle(self.message, "errorMessage" if error else "hint")
        if acceptable != self._acceptable:
            self._acceptable = acceptable
            self.validity_changed.emit(acceptable)


class _EnterSaves(QObject):
    """In the outcome box Enter saves the form; Shift+Enter starts a new line."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if event.key() in _RETURN_KEYS and plain:
                self._dialog.accept()
                return True
        return False


class VisitFormDialog(QDialog):
    """Logs one employer contact; creates a new employer inline when needed.

    Enter saves, Escape cancels. The dialog stays open with an inline message
    when something is wrong.

    Signals:
        visit_saved(str): the new contact's record id.
    """

    visit_saved = Signal(str)

    def __init__(
        self,
        *,
        journal: Journal,
        employer_id: str | None = None,
        participant_id: str | None = None,
        initiator: object = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        # Who the change event names as its maker (the participant's view, from its
        # tab); the form itself otherwise.
        self._initiator = initiator if initiator is not None else self
        self.saved_id: str | None = None
        self.saved_type: str | None = None
        self.new_employer_id: str | None = None
        self._in_flight: Future[Performed[tuple[Item, bool]]] | None = None
        self.setModal(True)
        self.setMinimumWidth(520)

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")

        self.employer = QComboBox()
        self.employer.setEditable(True)
        self.employer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        employers = sorted(
            journal.team_records("employer"),
            key=lambda r: str(r.fields.get("name", "")).casefold(),
        )
        for rec in employers:
            self.employer.addItem(str(rec.fields.get("name", "")), rec.id)
        completer = QCompleter(self.employer.model(), self.employer)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.employer.setCompleter(completer)
        self.employer.setCurrentIndex(
            -1 if employer_id is None else self.employer.findData(employer_id)
        )
        self.new_employer_button = QPushButton()
        self.new_employer_button.setCheckable(True)
        self.new_employer_button.setAutoDefault(False)
        self.new_employer_name = QLineEdit()
        self.new_employer_org = OrgNumberInput()
        self.new_employer_name.hide()
        self.new_org_label = QLabel()
        self.new_org_label.setBuddy(self.new_employer_org.edit)
        self.new_employer_button.toggled.connect(self._toggle_new_employer)

        self.date = DateField(optional=False, today=journal.today)
        self.mode = QComboBox()
        for mode in CONTACT_MODES:
            self.mode.addItem("", mode)
        self.purpose = QComboBox()
        for purpose in CONTACT_PURPOSES:
            self.purpose.addItem("", purpose)
        self.participant = QComboBox()
        self.participant.addItem("", None)
        for p in journal.participants():
            self.participant.addItem(str(p.fields.get("name", "")), p.id)
        self.participant_present = QCheckBox()
        self.matches_preferences = QCheckBox()
        self.competitive_job = QCheckBox()
        self.participant_box = QWidget()
        checks = QVBoxLayout(self.participant_box)
        checks.setContentsMargins(0, 0, 0, 0)
        checks.setSpacing(2)
        for box in (self.participant_present, self.matches_preferences, self.competitive_job):
            checks.addWidget(box)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSingleStep(5)
        self.outcome = QPlainTextEdit()
        self.outcome.setTabChangesFocus(True)
        self.outcome.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.outcome.installEventFilter(_EnterSaves(self))
        self.next_step = QLineEdit()
        self.next_step.setMaxLength(500)
        # A participant's contact keeps the day of its next step (the agenda shows it).
        self.next_step_date = DateField(optional=True, today=journal.today)
        next_step_row = QHBoxLayout()
        next_step_row.setContentsMargins(0, 0, 0, 0)
        next_step_row.addWidget(self.next_step, 1)
        next_step_row.addWidget(self.next_step_date)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self._problems = ProblemLine(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.labels: dict[str, QLabel] = {}
        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        employer_row = QHBoxLayout()
        employer_row.addWidget(self.employer, 1)
        employer_row.addWidget(self.new_employer_name, 1)
        employer_row.addWidget(self.new_employer_button)
        rows: list[tuple[str, QWidget | QHBoxLayout, QWidget]] = [
            ("employer", employer_row, self.employer),
            ("date", self.date, self.date),
            ("mode", self.mode, self.mode),
            ("purpose", self.purpose, self.purpose),
            ("participant", self.participant, self.participant),
            ("minutes", self.minutes, self.minutes),
            ("outcome", self.outcome, self.outcome),
            ("next_step", next_step_row, self.next_step),
        ]
        for key, field, buddy in rows:
            label = QLabel()
            label.setBuddy(buddy)
            self.labels[key] = label
            form.addRow(label, field)
            if key == "employer":
                form.addRow(self.new_org_label, self.new_employer_org)
                form.setRowVisible(self.new_employer_org, False)
            if key == "participant":
                form.addRow("", self.participant_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        order = [
            self.employer,
            self.new_employer_name,
            self.new_employer_button,
            self.new_employer_org.edit,
            self.date,
            self.mode,
            self.purpose,
            self.participant,
            self.participant_present,
            self.matches_preferences,
            self.competitive_job,
            self.minutes,
            self.outcome,
            self.next_step,
            self.next_step_date,
            self.save_button,
            self.cancel_button,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        self.participant.currentIndexChanged.connect(self._participant_changed)
        changed = self._problems.field_changed
        self.employer.currentTextChanged.connect(lambda _t: changed("employer"))
        self.new_employer_name.textChanged.connect(lambda _t: changed("employer"))
        self.new_employer_name.textChanged.connect(lambda _t: changed("name"))
        self.new_employer_org.edit.textChanged.connect(lambda _t: changed("org_number"))
        self.date.committed.connect(lambda: changed("date"))
        self.mode.currentIndexChanged.connect(lambda _i: changed("mode"))
        self.purpose.currentIndexChanged.connect(lambda _i: changed("purpose"))
        self.minutes.valueChanged.connect(lambda _v: changed("minutes"))
        self.outcome.textChanged.connect(lambda: changed("outcome"))
        self.next_step.textChanged.connect(lambda _t: changed("next_step"))
        self.new_employer_org.validity_changed.connect(lambda _ok: self._update_save())
        self.retranslate_ui()
        self.mode.setCurrentIndex(self.mode.findData("face_to_face"))
        self.purpose.setCurrentIndex(self.purpose.findData("job_development"))
        if participant_id is not None:
            self.participant.setCurrentIndex(max(0, self.participant.findData(participant_id)))
        self._participant_changed()
        (self.date if employer_id else self.employer).setFocus()

    # ---------------------------------------------------------------- texts

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Log a visit"))
        self.title.setText(self.tr("Log an employer visit"))
        texts = {
            "employer": self.tr("&Employer"),
            "date": self.tr("&Date"),
            "mode": self.tr("&Mode"),
            "purpose": self.tr("P&urpose"),
            "participant": self.tr("&Participant"),
            "minutes": self.tr("M&inutes"),
            "outcome": self.tr("&Outcome"),
            "next_step": self.tr("Ne&xt step"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.new_org_label.setText(self.tr("O&rg. number"))
        if self.new_employer_button.isChecked():
            self.new_employer_button.setText(self.tr("&From register"))
            self.new_employer_button.setToolTip(self.tr("Choose an employer from the register"))
        else:
            self.new_employer_button.setText(self.tr("Ne&w employer"))
            self.new_employer_button.setToolTip(
                self.tr("Add an employer that is not in the register yet")
            )
        self.new_employer_name.setPlaceholderText(self.tr("Name of the new employer"))
        self.employer.lineEdit().setPlaceholderText(self.tr("Type to search employers"))
        for i in range(self.mode.count()):
            self.mode.setItemText(i, choice_label(self.mode.itemData(i)))
        for i in range(self.purpose.count()):
            self.purpose.setItemText(i, choice_label(self.purpose.itemData(i)))
        self.participant.setItemText(0, self.tr("No participant (job development)"))
        self.participant_present.setText(self.tr("Participant was present"))
        self.matches_preferences.setText(self.tr("Matches the participant's preferences"))
        self.competitive_job.setText(self.tr("About a competitive (ordinary) job"))
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setSpecialValueText(self.tr("not recorded"))
        self.outcome.setPlaceholderText(self.tr("What came of it (Shift+Enter for a new line)"))
        self.next_step.setPlaceholderText(self.tr("e.g. call back on Friday"))
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        accessible = {
            self.employer: self.tr("Employer"),
            self.new_employer_button: self.tr("New employer or choose from the register"),
            self.new_employer_name: self.tr("New employer's name"),
            self.date: self.tr("Date of the visit"),
            self.mode: self.tr("Mode of contact"),
            self.purpose: self.tr("Purpose"),
            self.participant: self.tr("Participant"),
            self.participant_present: self.tr("Participant was present"),
            self.matches_preferences: self.tr("Matches the participant's preferences"),
            self.competitive_job: self.tr("About a competitive job"),
            self.minutes: self.tr("Minutes spent"),
            self.outcome: self.tr("Outcome"),
            self.next_step: self.tr("Next step"),
            self.next_step_date: self.tr("Day of the next step"),
            self.save_button: self.tr("Save the visit"),
            self.cancel_button: self.tr("Cancel"),
            self.message: self.tr("Message"),
        }
        for widget, name in accessible.items():
            widget.setAccessibleName(name)
        self.new_employer_org.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ---------------------------------------------------------------- state

    def _toggle_new_employer(self, on: bool) -> None:
        self.employer.setVisible(not on)
        self.new_employer_name.setVisible(on)
        self.form.setRowVisible(self.new_employer_org, on)
        self.retranslate_ui()
        self.labels["employer"].setBuddy(self.new_employer_name if on else self.employer)
        if on:
            typed = self.employer.currentText().strip()
            if typed and self._selected_employer() is None and not self.new_employer_name.text():
                self.new_employer_name.setText(typed)
            self.new_employer_name.setFocus()
        else:
            self.employer.setFocus()
        self._update_save()

    def _participant_changed(self, _index: int = 0) -> None:
        has_participant = self.participant.currentData() is not None
        self.participant_box.setVisible(has_participant)
        self.next_step_date.setVisible(has_participant)
        purpose = self.purpose.currentData()
        # A contact about one participant is client specific unless the user
        # says otherwise; one about no participant is job development.
        if has_participant and purpose == "job_development":
            self.purpose.setCurrentIndex(self.purpose.findData("client_specific"))
        elif not has_participant and purpose == "client_specific":
            self.purpose.setCurrentIndex(self.purpose.findData("job_development"))

    def _update_save(self) -> None:
        ok = not self.new_employer_button.isChecked() or self.new_employer_org.is_acceptable()
        self.save_button.setEnabled(ok)

    def _selected_employer(self) -> str | None:
        """The employer whose name is in the box (typed or chosen), or None."""
        text = self.employer.currentText().strip()
        if not text:
            return None
        index = self.employer.currentIndex()
        if index >= 0 and self.employer.itemText(index) == text:
            return str(self.employer.itemData(index))
        index = self.employer.findText(text, Qt.MatchFlag.MatchFixedString)
        return None if index < 0 else str(self.employer.itemData(index))

    # ---------------------------------------------------------------- saving

    def values(self) -> dict[str, Any]:
        """The contact's field values as entered (without the employer)."""
        values: dict[str, Any] = {
            "date": self.date.value(),
            "mode": self.mode.currentData(),
            "purpose": self.purpose.currentData(),
            "job_specialist": self.journal.user_name,
        }
        if self.minutes.value() > 0:
            values["minutes"] = self.minutes.value()
        if self.outcome.toPlainText().strip():
            values["outcome"] = self.outcome.toPlainText().strip()
        if self.next_step.text().strip():
            values["next_step"] = self.next_step.text().strip()
        if self.participant.currentData() is not None:
            if (step_day := self.next_step_date.value()) is not None:
                values["next_step_date"] = step_day
            values["participant_present"] = self.participant_present.isChecked()
            values["matches_preferences"] = self.matches_preferences.isChecked()
            values["competitive_job"] = self.competitive_job.isChecked()
        return values

    def accept(self) -> None:
        if not self.save_button.isEnabled() or self.saving():
            return
        self.save()  # the form closes once the visit has landed

    def save(self) -> bool:
        """Check the form at once, then queue the visit (and a new employer first, if
        asked) on the journal's executor without waiting for it: the form closes when it
        landed, or stays open saying why. False when nothing was queued."""
        if not self.date.check():
            # Said under the field; the visit is not logged on another day.
            self._show_error(self.date.refusal(), {"date": Problem("not_date")}, worded=True)
            return False
        if self.participant.currentData() is not None and not self.next_step_date.check():
            self._show_error(
                self.next_step_date.refusal(),
                {"next_step_date": Problem("not_date")},
                worded=True,
            )
            return False
        try:
            operation = self._visit()
            future = self.journal.perform(operation)
        except ValidationError as exc:
            self._show_error(describe(exc), exc.errors)
            return False
        except Exception as exc:  # describe() tells known failures from bugs
            self._show_error(describe(exc), {})
            return False
        # One visit at a time: a second Enter while this one waits would log it twice.
        self._in_flight = future
        self.save_button.setEnabled(False)
        on_landed(future, self, self._landed)
        return True

    def saving(self) -> bool:
        """A visit queued from here has not landed yet."""
        return self._in_flight is not None

    def _landed(self, future: Future[Performed[tuple[Item, bool]]]) -> None:
        self._in_flight = None
        self._update_save()
        try:
            performed = future.result()
        except ValidationError as exc:
            self._show_error(describe(exc), exc.errors)
            return
        except Exception as exc:
            self._show_error(describe(exc), {})
            return
        self.journal.announce(performed.events)
        visit, new_employer = performed.value
        if new_employer:
            self.new_employer_id = visit.parent or visit.fields.get("employer")
        self.saved_type, self.saved_id = visit.type, visit.id
        self._problems.hide()
        super().accept()
        self.visit_saved.emit(visit.id)

    def _visit(self) -> Callable[[], tuple[Item, bool]]:
        """The visit's write, once the form checked out (nothing is written before)."""
        participant_id = self.participant.currentData()
        values = self.values()
        new_employer: dict[str, Any] | None = None
        employer_id: str | None = None
        if self.new_employer_button.isChecked():
            if not self.new_employer_org.is_acceptable():
                raise ValidationError({"org_number": Problem("orgnr_check")})
            new_employer = {"name": self.new_employer_name.text().strip()}
            if self.new_employer_org.text().strip():
                new_employer["org_number"] = self.new_employer_org.text()
            new_employer = validate("employer", new_employer)
        else:
            employer_id = self._selected_employer()
            if employer_id is None:
                raise ValidationError({"employer": Problem("choose_employer")})
        record_type = "employer_contact" if participant_id else "team_employer_contact"
        if participant_id:
            values["employer"] = employer_id or "pending"
        # Check the contact before any write, so a bad form never leaves a
        # half-made employer behind.
        validate(record_type, values)
        journal, initiator = self.journal, self._initiator

        def write() -> tuple[Item, bool]:
            visit = log_visit(
                journal,
                record_type=record_type,
                values=values,
                employer_id=employer_id,
                new_employer=new_employer,
                participant_id=participant_id,
                initiator=initiator,
            )
            return visit, new_employer is not None

        return write

    def _show_error(self, text: str, errors: dict[str, Problem], *, worded: bool = False) -> None:
        """``text`` under the form; ``errors`` names the fields (their changes take the
        line away again), worded by the line itself unless ``worded``."""
        if errors and not worded:
            self._problems.show_problems(errors)
        else:
            self._problems.show_text(text, fields=errors)
        widgets: dict[str, QWidget] = {
            "employer": self.new_employer_name
            if self.new_employer_button.isChecked()
            else self.employer,
            "name": self.new_employer_name,
            "org_number": self.new_employer_org.edit,
            "date": self.date,
            "mode": self.mode,
            "purpose": self.purpose,
            "minutes": self.minutes,
            "outcome": self.outcome,
            "next_step": self.next_step,
            "next_step_date": self.next_step_date,
        }
        for key in errors:
            if key in widgets:
                widgets[key].setFocus()
                break
