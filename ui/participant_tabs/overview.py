"""Overview: the participant's own fields, referral, episodes, consent and disclosure plan."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.operations.handover import HANDOVER_FIELDS
from app.operations.records import ShownRecord as Record
from app.operations.team import people_names
from ui.formats import format_date
from ui.note_editor import RecordAutosaver, SaveStateLabel, flush_on_focus_out
from ui.participant_tabs.common import ParticipantData, ParticipantTab
from ui.participant_tabs.sections import RecordSection
from ui.record_form import RecordForm
from ui.widgets.flag_bar import FlagBar
from ui.widgets.labels import scrolling
from ui.widgets.record_table import Column, by_date_desc, field_column


def consent_state(consent: Record, today: date) -> str:
    """'current', 'withdrawn' or 'future' for a consent on ``today``."""
    iso = today.isoformat()
    withdrawn = consent.fields.get("withdrawn")
    if withdrawn and str(withdrawn) <= iso:
        return "withdrawn"
    if str(consent.fields.get("given") or "9999") > iso:
        return "future"
    return "current"


class OverviewTab(ParticipantTab):
    """Who the participant is, how they came, what they agreed to share."""

    kinds = frozenset(
        {
            "participant",
            "referral",
            "episode",
            "consent",
            "disclosure_plan",
            "outcome_6m",
            "employer",
        }
    )
    object_name = "overviewTab"

    def build(self) -> None:
        ctx = self.ctx
        today = ctx.today
        # Containers first, so each widget below is made under its final parent
        # (moving a finished subtree in re-applies the style sheet to all of it).
        page = QWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(page))
        columns = QHBoxLayout(page)
        columns.setContentsMargins(4, 8, 12, 8)
        columns.setSpacing(20)
        left = QVBoxLayout()
        right = QVBoxLayout()
        right.setSpacing(16)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        self.person = QGroupBox(page)
        left.addWidget(self.person)
        left.addStretch(1)
        # In the order of the focus chain (Tab): flag bar, fields, state line.
        self.flag_bar = FlagBar(ctx.review)
        person_layout = QVBoxLayout(self.person)
        person_layout.setContentsMargins(16, 16, 16, 12)
        person_layout.setSpacing(10)
        person_layout.addWidget(self.flag_bar)
        # The job specialist and therapist are people of the team, chosen from a list
        # (a name typed before, or someone not known here, stays as written).
        self.form = RecordForm(
            "participant",
            clipboard=ctx.clipboard,
            today=today,
            people={f: people_names(ctx.journal, field=f) for f in HANDOVER_FIELDS},
            parent=self.person,
        )
        person_layout.addWidget(self.form)
        self.saver = RecordAutosaver(
            journal=ctx.journal,
            form=self.form,
            participant_id=ctx.participant_id,
            initiator=ctx.initiator,
            parent=self,
        )
        flush_on_focus_out(self.saver, self.form.editors())
        self.state_label = SaveStateLabel(self.saver)
        person_layout.addWidget(self.state_label)

        # Made in the order they are shown (and reached with Tab).
        ref = self.ref_label
        self.referrals = RecordSection(
            ctx,
            "referral",
            title=lambda: self.tr("Referral"),
            columns=[
                field_column("referral", "received"),
                field_column("referral", "source"),
                field_column("referral", "decision", stretch=True),
            ],
            sort_key=by_date_desc("received"),
            defaults=lambda: {"received": today().isoformat(), "decision": "pending"},
            parent=page,
        )
        self.consents = RecordSection(
            ctx,
            "consent",
            title=lambda: self.tr("Consent to share"),
            columns=[
                field_column("consent", "scope"),
                field_column("consent", "employer", ref_label=ref),
                field_column("consent", "given"),
                field_column("consent", "withdrawn"),
                Column(
                    lambda: self.tr("Now"),
                    lambda r: self._consent_state_text(r),
                    stretch=True,
                ),
            ],
            sort_key=by_date_desc("given"),
            defaults=lambda: {"given": today().isoformat()},
            ref_options=self._employer_options,
            parent=page,
        )
        self.withdraw_button = QPushButton()
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.consents.buttons.insertWidget(3, self.withdraw_button)
        self.consents.table.current_record_changed.connect(lambda _r: self._update_withdraw())
        self.disclosure = RecordSection(
            ctx,
            "disclosure_plan",
            title=lambda: self.tr("Disclosure plan"),
            columns=[
                field_column("disclosure_plan", "discussed"),
                field_column("disclosure_plan", "level"),
                field_column("disclosure_plan", "follow_up_outside_workplace"),
                Column(
                    lambda: self.tr("Agreed wording"),
                    lambda r: str(r.fields.get("wording") or "").replace("\n", " ")[:120],
                    stretch=True,
                ),
            ],
            sort_key=by_date_desc("discussed"),
            defaults=lambda: {"discussed": today().isoformat(), "level": "none"},
            parent=page,
        )
        self.episodes = RecordSection(
            ctx,
            "episode",
            title=lambda: self.tr("Episodes"),
            columns=[
                field_column("episode", "entry"),
                field_column("episode", "exit"),
                field_column("episode", "exit_reason", stretch=True),
            ],
            sort_key=by_date_desc("entry"),
            defaults=lambda: {"entry": today().isoformat()},
            parent=page,
        )
        self.outcomes = RecordSection(
            ctx,
            "outcome_6m",
            title=lambda: self.tr("Six-month outcome"),
            columns=[
                field_column("outcome_6m", "date"),
                field_column("outcome_6m", "status", stretch=True),
            ],
            sort_key=by_date_desc(),
            defaults=lambda: {"date": today().isoformat(), "status": "work_or_education"},
            parent=page,
        )
        for section in (
            self.referrals,
            self.consents,
            self.disclosure,
            self.episodes,
            self.outcomes,
        ):
            right.addWidget(section)
        right.addStretch(1)

    def title(self) -> str:
        return self.tr("Overview")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.person.setTitle(self.tr("Participant"))
        self.withdraw_button.setText(self.tr("Withdraw"))
        self.withdraw_button.setAccessibleName(self.tr("Withdraw the selected consent"))
        self.withdraw_button.setToolTip(self.tr("Marks the consent as withdrawn today"))
        for section in (
            self.referrals,
            self.episodes,
            self.consents,
            self.disclosure,
            self.outcomes,
        ):
            section.retranslate_ui()
        self._update_withdraw()

    def _consent_state_text(self, consent: Record) -> str:
        state = consent_state(consent, self.ctx.today())
        if state == "withdrawn":
            return self.tr("Withdrawn")
        if state == "future":
            return self.tr("From %1").replace("%1", format_date(consent.fields.get("given")))
        return self.tr("Current")

    def _employer_options(self) -> dict[str, Any]:
        return {"employer": self.data.employer_options() if self.data else []}

    def _update_withdraw(self) -> None:
        rec = self.consents.table.current_record()
        self.withdraw_button.setEnabled(
            rec is not None and consent_state(rec, self.ctx.today()) != "withdrawn"
        )

    def withdraw_selected(self) -> None:
        rec = self.consents.table.current_record()
        if rec is None:
            return
        # The button waits for the write; the consent then shows as withdrawn.
        self.ctx.change(rec.id, rec.type, {"withdrawn": self.ctx.today().isoformat()})

    def show_data(self, data: ParticipantData) -> None:
        participant = data.participant
        if self.saver.record_id != participant.id:
            self.saver.load(participant)
        else:
            self.saver.external_update(participant)
        self.flag_bar.set_record(participant)
        for section in (
            self.referrals,
            self.episodes,
            self.consents,
            self.disclosure,
            self.outcomes,
        ):
            section.set_records(data.records)
        self._update_withdraw()

    def _has_pending(self) -> bool:
        return self.saver.has_pending()

    def _flush(self) -> bool:
        return self.saver.flush()

    def _shutdown(self) -> None:
        self.saver.flush()
        self.saver.stop()
