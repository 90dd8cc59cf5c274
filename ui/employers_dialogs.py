"""Adding and editing an employer or one of its contact persons."""

from __future__ import annotations

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

from app.domain.schema import ENTITIES, ValidationError
from app.journal import Journal
from app.operations.records import Editable
from ui.errors import describe
from ui.labels import field_label
from ui.visit_form import OrgNumberInput, labelled_errors


class TeamRecordDialog(QDialog):
    """Adds or edits an employer or a contact person; fields come from the schema.

    The organisation number is checked as you type and an invalid one cannot
    be saved. Errors from the journal show inline; the dialog stays open.

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
        self.save_button.setEnabled(self.org is None or self.org.is_acceptable())

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QPlainTextEdit):
                out[name] = editor.toPlainText()
            else:
                out[name] = editor.text().strip()
        return out

    def accept(self) -> None:
        if self.save():
            super().accept()

    def save(self) -> bool:
        """Validate and write; False (with an inline message) when refused."""
        if self.org is not None and not self.org.is_acceptable():
            self.message.setText(self.tr("Please correct the organisation number."))
            self.message.show()
            self.org.setFocus()
            return False
        values = self.values()
        try:
            if self.record is None:
                clean = {k: v for k, v in values.items() if v not in ("", None)}
                self.saved_id = self.journal.add(
                    self.record_type, clean, parent=self.parent_id, initiator=self
                )
            else:
                old = self.record.fields
                changed = {
                    k: (v if v != "" else None)
                    for k, v in values.items()
                    if (v or None) != (old.get(k) or None)
                }
                if changed:
                    self.journal.update(self.record.id, changed, initiator=self)
                self.saved_id = self.record.id
        except ValidationError as exc:
            self._show_error(describe(labelled_errors(exc)), next(iter(exc.errors), None))
            return False
        except Exception as exc:  # describe() tells known failures from bugs
            self._show_error(describe(exc), None)
            return False
        self.record_saved.emit(self.saved_id)
        return True

    def _show_error(self, text: str, field_name: str | None) -> None:
        self.message.setText(text)
        self.message.show()
        if field_name in self.editors:
            self.editors[field_name].setFocus()
