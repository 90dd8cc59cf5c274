"""Overview: the participant's own fields, referral, episodes, consent and disclosure plan.

The participant's wishes for work have one home, the career profile: the overview
shows them (from the start, over several lines) and links there to edit them. A
wish written on the overview before ("preferences" of the participant record) stays
visible beside them until the user moves it into the career profile."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.operations.handover import HANDOVER_FIELDS
from app.operations.records import ShownRecord as Record
from app.operations.team import people_names
from ui.formats import format_date
from ui.labels import field_label
from ui.note_editor import RecordAutosaver, SaveStateLabel, flush_on_focus_out
from ui.participant_tabs.career import career_versions
from ui.participant_tabs.common import ParticipantData, ParticipantTab
from ui.participant_tabs.sections import RecordSection
from ui.record_form import RecordForm, TextBox, install_copy_guard
from ui.widgets.flag_bar import FlagBar
from ui.widgets.labels import quiet_label, scrolling
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


def _read_only_text(rows: int) -> QPlainTextEdit:
    box = TextBox(rows)
    box.setReadOnly(True)
    return box


class OverviewTab(ParticipantTab):
    """Who the participant is, how they came, what they agreed to share.

    Signals:
        career_requested(): the user wants to edit the wishes in the career profile.
    """

    career_requested = Signal()

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
    reads = frozenset({"career_profile"})  # the wishes shown here
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
            exclude=("preferences",),  # kept in the career profile, shown below
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

        # The wishes for work: the career profile's, shown from their start.
        self.wishes_box = QGroupBox(page)
        left.insertWidget(1, self.wishes_box)
        wishes_layout = QVBoxLayout(self.wishes_box)
        wishes_layout.setContentsMargins(16, 16, 16, 12)
        self.wishes = _read_only_text(4)
        self.wishes.setObjectName("wishes")
        install_copy_guard(self.wishes, ctx.clipboard)
        wishes_layout.addWidget(self.wishes)
        self.earlier_label = quiet_label()
        self.earlier = _read_only_text(2)
        self.earlier.setObjectName("earlierWishes")
        install_copy_guard(self.earlier, ctx.clipboard)
        self.move_button = QPushButton()
        self.move_button.clicked.connect(self.move_earlier_wishes)
        self.edit_wishes_button = QPushButton()
        self.edit_wishes_button.clicked.connect(self.career_requested)
        wishes_layout.addWidget(self.earlier_label)
        wishes_layout.addWidget(self.earlier)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_wishes_button)
        buttons.addWidget(self.move_button)
        buttons.addStretch(1)
        wishes_layout.addLayout(buttons)
        self._moving = False

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
        self.wishes_box.setTitle(field_label("preferences"))
        self.wishes.setAccessibleName(field_label("preferences"))
        self.wishes.setPlaceholderText(self.tr("Nothing written in the career profile yet."))
        self.earlier_label.setText(
            self.tr("Written earlier on the overview, not yet in the career profile:")
        )
        self.earlier.setAccessibleName(self.tr("Wishes written earlier on the overview"))
        self.edit_wishes_button.setText(self.tr("Edit in the &career profile"))
        self.move_button.setText(self.tr("&Move into the career profile"))
        self.move_button.setToolTip(
            self.tr("Adds this text to the career profile's wishes and clears it here")
        )
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
        self._show_wishes(data)
        for section in (
            self.referrals,
            self.episodes,
            self.consents,
            self.disclosure,
            self.outcomes,
        ):
            section.set_records(data.records)
        self._update_withdraw()

    def _show_wishes(self, data: ParticipantData) -> None:
        versions = career_versions(data.records)
        wishes = str(versions[0].fields.get("preferences") or "") if versions else ""
        if self.wishes.toPlainText() != wishes:
            self.wishes.setPlainText(wishes)  # shown from its start
        earlier = self._earlier_wishes(data)
        self.earlier.setPlainText(earlier)
        for widget in (self.earlier_label, self.earlier, self.move_button):
            widget.setVisible(bool(earlier))
        self.move_button.setEnabled(not self._moving)

    @staticmethod
    def _earlier_wishes(data: ParticipantData) -> str:
        """The participant record's own wishes, unless the career profile holds them."""
        earlier = str(data.participant.fields.get("preferences") or "").strip()
        versions = career_versions(data.records)
        wishes = str(versions[0].fields.get("preferences") or "") if versions else ""
        return "" if earlier in wishes else earlier

    def move_earlier_wishes(self) -> bool:
        """Add the wishes written on the overview to the career profile's (a first
        version if there is none), then clear them here. False when nothing was queued."""
        data = self.data
        if data is None or self._moving:
            return False
        earlier = self._earlier_wishes(data)
        if not earlier:
            return False
        versions = career_versions(data.records)
        participant_id = data.participant.id

        def clear(_rid: str) -> None:
            self.ctx.change(
                participant_id, "participant", {"preferences": None}, then=done, failed=stop
            )

        def done(_rid: str) -> None:
            stop()

        def stop() -> None:
            self._moving = False
            if self.data is not None:
                self._show_wishes(self.data)

        if versions:
            wishes = str(versions[0].fields.get("preferences") or "").rstrip()
            queued = self.ctx.change(
                versions[0].id,
                "career_profile",
                {"preferences": f"{wishes}\n{earlier}" if wishes else earlier},
                then=clear,
                failed=stop,
            )
        else:
            queued = self.ctx.create(
                "career_profile",
                {
                    "version": 1,
                    "updated": self.ctx.today().isoformat(),
                    "preferences": earlier,
                },
                then=clear,
                failed=stop,
            )
        self._moving = queued
        self.move_button.setEnabled(not queued)
        return queued

    def _has_pending(self) -> bool:
        return self.saver.has_pending()

    def _flush(self) -> bool:
        return self.saver.flush()

    def _shutdown(self) -> None:
        self.saver.flush()
        self.saver.stop()
