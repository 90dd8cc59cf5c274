"""Handover: give a participant, or a whole caseload, to another job specialist or
therapist; and a therapist's sharing of clinical journals with a colleague's (or their
own new) computer. The writes are app.operations.handover's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.access import THERAPIST
from app.journal import Journal
from app.operations.team import people_names
from app.store_settings import device_enrolled
from ui.record_form import PersonCombo

if TYPE_CHECKING:
    from app.sync_service import ClinicalShare

# Shares the clinical journals of these participants with the named therapist's
# computers (runs off the GUI thread: it goes to the server).
ClinicalSharer: TypeAlias = "Callable[[str, Sequence[str]], ClinicalShare]"


def clinical_share_text(shared: ClinicalShare, to: str) -> str:
    """One sentence on what sharing clinical journals did."""
    text = (
        QCoreApplication.translate(
            "HandoverDialog", "Clinical journals shared: %1 with %2 computer(s) of %3."
        )
        .replace("%1", str(len(shared.participants)))
        .replace("%2", str(len(shared.devices)))
        .replace("%3", to)
    )
    if shared.without_key:
        text += " " + QCoreApplication.translate(
            "HandoverDialog",
            "%1 had no clinical journal on this computer.",
        ).replace("%1", str(len(shared.without_key)))
    return text


@dataclass(frozen=True, slots=True)
class HandoverRequest:
    """What the dialog asks for: whose field, to whom, and whom (ids or a caseload)."""

    field: str  # "job_specialist" or "therapist"
    to: str
    participant_ids: list[str] | None
    from_person: str | None


class HandoverDialog(QDialog):
    """Role, whom (the selected participant or someone's whole caseload), and to whom."""

    def __init__(
        self,
        *,
        journal: Journal,
        participant: tuple[str, str] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.participant = participant
        self.setWindowTitle(self.tr("Hand over"))
        self.field = QComboBox()
        self.field.addItem(self.tr("Job specialist"), "job_specialist")
        self.field.addItem(self.tr("Therapist"), "therapist")
        self.field.setCurrentIndex(1 if journal.role == THERAPIST else 0)
        self.field.setAccessibleName(self.tr("Role"))
        self.one = QRadioButton()
        self.all = QRadioButton(self.tr("The whole caseload of"))
        group = QButtonGroup(self)
        group.addButton(self.one)
        group.addButton(self.all)
        if participant is not None:
            self.one.setText(self.tr("Only %1").replace("%1", participant[1]))
            self.one.setChecked(True)
        else:
            self.one.setText(self.tr("Only the selected participant (none selected)"))
            self.one.setEnabled(False)
            self.all.setChecked(True)
        self.from_person = PersonCombo()
        self.from_person.setAccessibleName(self.tr("Whose caseload"))
        self.to = PersonCombo()
        self.to.setAccessibleName(self.tr("To"))
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Role"), self.field)
        whom = QVBoxLayout()
        whom.addWidget(self.one)
        whom.addWidget(self.all)
        whom.addWidget(self.from_person)
        form.addRow(self.tr("Who"), whom)
        form.addRow(self.tr("&To"), self.to)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Hand over"))
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.field.currentIndexChanged.connect(lambda _i: self._field_changed())
        self.one.toggled.connect(lambda _on: self._scope_changed())
        self.setMinimumWidth(460)
        self._field_changed()
        self._scope_changed()

    def _field_changed(self) -> None:
        field = str(self.field.currentData())
        names = people_names(self.journal, field=field)
        self.to.set_names(names)
        self.from_person.set_names(names)
        if not self.from_person.value():
            self.from_person.set_value(self.journal.user_name)
        if field != "therapist":
            self.hint.setText(
                self.tr("The new job specialist sees the participant after the next sync.")
            )
        elif self.journal.role == THERAPIST and not device_enrolled(self.journal.store):
            self.hint.setText(
                self.tr(
                    "This computer is not connected to a server: the clinical journals stay "
                    "here until it is (then: Feltjournal → Share clinical journals…)."
                )
            )
        elif self.journal.role == THERAPIST:
            self.hint.setText(
                self.tr(
                    "The clinical journals held on this computer are shared with the new "
                    "therapist's computers at once (it needs a connection to the server)."
                )
            )
        else:
            self.hint.setText(
                self.tr(
                    "Clinical journals are not shared from here: the therapist who holds them "
                    "shares them from their own computer."
                )
            )

    def _scope_changed(self) -> None:
        self.from_person.setEnabled(self.all.isChecked())

    def request(self) -> HandoverRequest:
        field = str(self.field.currentData())
        to = self.to.value() or ""
        if self.one.isChecked() and self.participant is not None:
            return HandoverRequest(field, to, [self.participant[0]], None)
        return HandoverRequest(field, to, None, self.from_person.value() or "")

    def _check_and_accept(self) -> None:
        request = self.request()
        if not request.to:
            self.show_error(self.tr("Choose or type who takes over."))
            return
        if request.from_person is not None and request.from_person == request.to:
            self.show_error(self.tr("The caseload is already theirs: choose someone else."))
            return
        self.accept()

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class ShareClinicalDialog(QDialog):
    """A therapist chooses whose computers get the clinical journals held here: a
    colleague covering, or the therapist's own new laptop once approved."""

    def __init__(self, *, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Share clinical journals"))
        self.to = PersonCombo(people_names(journal, field="therapist"))
        self.to.set_value(journal.user_name)
        self.to.setAccessibleName(self.tr("Therapist"))
        text = QLabel(
            self.tr(
                "Every clinical journal held on this computer is shared with the approved "
                "computers of the therapist you choose (yourself: your new laptop). Only a "
                "therapist's computer can receive them. A clinical journal that is on one "
                "computer only is lost with that computer."
            )
        )
        text.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Therapist"), self.to)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Share"))
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def therapist(self) -> str:
        return self.to.value() or ""

    def _check_and_accept(self) -> None:
        if not self.therapist():
            self.message.setText(self.tr("Choose or type a therapist."))
            self.message.show()
            return
        self.accept()
