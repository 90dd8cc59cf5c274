"""Adding and editing an employer or one of its contact persons."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Future
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import ENTITIES, Problem, ValidationError, validate
from app.journal import Journal, Performed
from app.operations.records import Editable, save_record
from ui.errors import describe
from ui.labels import field_label
from ui.tasks import on_landed
from ui.visit_form import OrgNumberInput
from ui.widgets.problem_line import ProblemLine


class TeamRecordDialog(QDialog):
    """Adds or edits an employer or a contact person; fields come from the schema.

    The organisation number is checked as you type and an invalid one cannot
    be saved. Save queues the write on the journal's executor; the dialog closes
    once it landed, or stays open with the reason shown inline.

    Signals:
        record_saved(str): the record's id after a successful save.
    """

    record_saved = Signal(str)

    FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "employer": ("name", "org_number", "industry", "address", "phone", "notes"),
        "employer_contact_person": ("name", "role", "phone", "email"),
    }

    def __init__(
        self,
        *,
        journal: Journal,
        record_type: str,
        record: Editable | None = None,
        parent_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.record_type = record_type
        self.record = record
        self.parent_id = parent_id
        self.saved_id: str | None = None
        self._in_flight: Future[Performed[str]] | None = None
        self.setModal(True)
        self.setMinimumWidth(460)
        spec = ENTITIES[record_type]
        self.editors: dict[str, QLineEdit | QPlainTextEdit | OrgNumberInput] = {}
        self.org: OrgNumberInput | None = None
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        current = record.fields if record else {}
        for name in self.FIELDS[record_type]:
            fs = spec.by_name[name]
            editor: QLineEdit | QPlainTextEdit | OrgNumberInput
            if fs.check == "orgnr":
                editor = self.org = OrgNumberInput()
                editor.set_text(str(current.get(name) or ""))
                editor.validity_changed.connect(self._update_save)
            elif fs.is_text:
                editor = QPlainTextEdit(str(current.get(name) or ""))
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
            else:
                editor = QLineEdit(str(current.get(name) or ""))
                editor.setMaxLength(fs.max_length)
            label = QLabel()
            label.setBuddy(editor.edit if isinstance(editor, OrgNumberInput) else editor)
            self.labels[name] = label
            self.editors[name] = editor
            form.addRow(label, editor)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self._problems = ProblemLine(self.message)
        for name, editor in self.editors.items():
            source = editor.edit if isinstance(editor, OrgNumberInput) else editor
            source.textChanged.connect(lambda *_a, n=name: self._problems.field_changed(n))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._update_save()

    def retranslate_ui(self) -> None:
        adding = self.record is None
        titles = {
            ("employer", True): self.tr("New employer"),
            ("employer", False): self.tr("Edit employer"),
            ("employer_contact_person", True): self.tr("New contact person"),
            ("employer_contact_person", False): self.tr("Edit contact person"),
        }
        self.setWindowTitle(titles[(self.record_type, adding)])
        required = ENTITIES[self.record_type].by_name
        for name, label in self.labels.items():
            text = field_label(name)
            label.setText(self.tr("%1 *").replace("%1", text) if required[name].required else text)
            editor = self.editors[name]
            target = editor.edit if isinstance(editor, OrgNumberInput) else editor
            target.setAccessibleName(text)
        if self.org is not None:
            self.org.retranslate_ui()
        self.save_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.message.setAccessibleName(self.tr("Message"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_save(self, _ok: bool = True) -> None:
        self.save_button.setEnabled(
            self._in_flight is None and (self.org is None or self.org.is_acceptable())
        )

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QPlainTextEdit):
                out[name] = editor.toPlainText()
            else:
                out[name] = editor.text().strip()
        return out

    def accept(self) -> None:
        if self.saving():
            return
        self.save()  # the dialog closes once the write has landed

    def saving(self) -> bool:
        """A save queued from here has not landed yet."""
        return self._in_flight is not None

    def save(self) -> bool:
        """Check the form at once, then queue the write without waiting: the dialog closes
        once it landed. False (with an inline message) when nothing was queued."""
        if self.org is not None and not self.org.is_acceptable():
            self._problems.show_text(
                self.tr("Please correct the organisation number."),
                fields={"org_number": Problem("orgnr_check")},
            )
            self.org.setFocus()
            return False
        values = self.values()
        journal, record_type, initiator = self.journal, self.record_type, self
        try:
            if self.record is None:
                clean = {k: v for k, v in values.items() if v not in ("", None)}
                validate(record_type, clean)  # a bad form is refused before anything queues
                parent_id = self.parent_id

                def write() -> str:
                    return save_record(
                        journal,
                        record_type=record_type,
                        values=clean,
                        parent=parent_id,
                        initiator=initiator,
                    ).id

            else:
                old = self.record.fields
                record_id = self.record.id
                changed = {
                    k: (v if v != "" else None)
                    for k, v in values.items()
                    if (v or None) != (old.get(k) or None)
                }
                validate(record_type, changed, partial=True)

                def write() -> str:
                    if changed:
                        save_record(
                            journal, record_id=record_id, values=changed, initiator=initiator
                        )
                    return record_id

            future = journal.perform(write)
        except ValidationError as exc:
            self._show_error(describe(exc), exc.errors)
            return False
        except Exception as exc:  # describe() tells known failures from bugs
            self._show_error(describe(exc), {})
            return False
        self._in_flight = future
        self._update_save()
        on_landed(future, self, self._landed)
        return True

    def _landed(self, future: Future[Performed[str]]) -> None:
        self._in_flight = None
        self._update_save()
        try:
            performed = future.result()
        except ValidationError as exc:
            self._show_error(describe(exc), exc.errors)
            return
        except Exception as exc:  # describe() tells known failures from bugs
            self._show_error(describe(exc), {})
            return
        self.journal.announce(performed.events)
        self.saved_id = performed.value
        self.message.hide()
        self.record_saved.emit(self.saved_id)
        super().accept()

    def _show_error(self, text: str, errors: Mapping[str, str]) -> None:
        """``text`` under the form; once every field it names has changed, it goes."""
        if errors:
            self._problems.show_problems(errors)
        else:
            self._problems.show_text(text)
        field_name = next(iter(errors), None)
        if field_name in self.editors:
            self.editors[field_name].setFocus()
