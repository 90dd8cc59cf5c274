"""Collaboration meetings (samarbeidsmøter), about every three months."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from ui.labels import choice_label
from ui.participant_tabs.common import ParticipantData, ParticipantTab
from ui.participant_tabs.sections import RecordListPanel
from ui.widgets.labels import quiet_label
from ui.widgets.record_table import Column, by_date_desc, field_column


class MeetingsTab(ParticipantTab):
    """Meetings newest first; a new meeting's next date defaults to three months on."""

    kinds = frozenset({"meeting"})
    object_name = "meetingsTab"

    def build(self) -> None:
        ctx = self.ctx
        self.panel = RecordListPanel(
            ctx,
            "meeting",
            columns=[
                field_column("meeting", "date"),
                Column(
                    lambda: self.tr("Attendees"),
                    lambda r: ", ".join(choice_label(a) for a in r.fields.get("attendees") or []),
                    stretch=True,
                ),
                field_column("meeting", "next_date"),
            ],
            sort_key=by_date_desc(),
            defaults=lambda: {
                "date": ctx.today().isoformat(),
                "attendees": ["participant", "job_specialist"],
            },
            new_fields=("date", "attendees", "goals", "next_date"),
            add_text=lambda: self.tr("&Add meeting…"),
        )
        self.hint = quiet_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(self.hint)
        layout.addWidget(self.panel, 1)

    def title(self) -> str:
        return self.tr("Meetings")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.hint.setText(
            self.tr(
                "Leave the next meeting empty when adding one: it is set three months on. "
                "The summary for the meeting is printed from the button at the top."
            )
        )
        self.panel.retranslate_ui()

    def show_data(self, data: ParticipantData) -> None:
        self.panel.set_records(data.records)

    def _has_pending(self) -> bool:
        return self.panel.has_pending()

    def _flush(self) -> bool:
        return self.panel.flush()

    def _shutdown(self) -> None:
        self.panel.shutdown()
