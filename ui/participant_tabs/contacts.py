"""Employer contacts about this participant."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from ui.participant_tabs.common import ParticipantData, ParticipantTab
from ui.participant_tabs.sections import RecordListPanel
from ui.visit_form import VisitFormDialog
from ui.widgets.labels import quiet_label
from ui.widgets.record_table import by_date_desc, field_column


class ContactsTab(ParticipantTab):
    """This participant's employer contacts, newest first; a new one is logged through the
    quick visit form."""

    kinds = frozenset({"employer_contact", "employer"})
    object_name = "contactsTab"

    def build(self) -> None:
        ctx = self.ctx
        ref = self.ref_label
        self.panel = RecordListPanel(
            ctx,
            "employer_contact",
            columns=[
                field_column("employer_contact", "date"),
                field_column("employer_contact", "employer", ref_label=ref, stretch=True),
                field_column("employer_contact", "mode"),
                field_column("employer_contact", "purpose"),
            ],
            sort_key=by_date_desc(),
            ref_options=self._options,
            add_text=lambda: self.tr("&Add employer contact…"),
            # The quick visit form (Ctrl+Shift+V), with this participant filled in.
            add_dialog=self.visit_form,
        )
        self.no_employers = quiet_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(self.no_employers)
        layout.addWidget(self.panel, 1)

    def title(self) -> str:
        return self.tr("Employer contacts")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.no_employers.setText(
            self.tr(
                "There are no employers in the register yet. "
                "Add the employer under Employers first."
            )
        )
        self.panel.retranslate_ui()

    def visit_form(self) -> VisitFormDialog:
        """The visit form for a new contact with this participant; the list shows it
        selected once it is saved."""
        dialog = VisitFormDialog(
            journal=self.ctx.journal,
            participant_id=self.ctx.participant_id,
            initiator=self.ctx.initiator,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.visit_saved.connect(lambda rid: self.panel.table.select(str(rid)))
        return dialog

    def _options(self) -> dict[str, Any]:
        return {"employer": self.data.employer_options() if self.data else []}

    def show_data(self, data: ParticipantData) -> None:
        self.no_employers.setVisible(not data.employers)
        self.panel.set_records(data.records)

    def _has_pending(self) -> bool:
        return self.panel.has_pending()

    def _flush(self) -> bool:
        return self.panel.flush()

    def _shutdown(self) -> None:
        self.panel.shutdown()
