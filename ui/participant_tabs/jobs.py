"""Jobs and the follow-along contacts after each job start."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout

from ui.participant_tabs.common import ParticipantData, ParticipantTab
from ui.participant_tabs.sections import RecordListPanel, RecordSection
from ui.widgets.record_table import by_date_desc, field_column


class JobsTab(ParticipantTab):
    """Jobs above; below, the follow-along contacts for the selected job."""

    kinds = frozenset({"job", "follow_along", "employer"})
    object_name = "jobsTab"

    def build(self) -> None:
        ctx = self.ctx
        ref = self.ref_label
        self.jobs = RecordListPanel(
            ctx,
            "job",
            columns=[
                field_column("job", "title", stretch=True),
                field_column("job", "employer", ref_label=ref),
                field_column("job", "start"),
                field_column("job", "end"),
            ],
            sort_key=by_date_desc("start"),
            defaults=lambda: {"start": ctx.today().isoformat(), "competitive": True},
            ref_options=self._employer_options,
            add_text=lambda: self.tr("&Add job…"),
        )
        self.jobs.table.current_record_changed.connect(lambda _r: self._job_changed())
        self.follow = RecordSection(
            ctx,
            "follow_along",
            title=self._follow_title,
            columns=[
                field_column("follow_along", "date"),
                field_column("follow_along", "mode"),
                field_column("follow_along", "outside_workplace"),
                field_column("follow_along", "with_employer"),
                field_column("follow_along", "note", stretch=True),
            ],
            sort_key=by_date_desc(),
            defaults=self._follow_defaults,
            ref_options=self._job_options,
            filter_fn=self._for_selected_job,
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.jobs)
        splitter.addWidget(self.follow)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addWidget(splitter)

    def title(self) -> str:
        return self.tr("Jobs && follow-along")

    def accessible_title(self) -> str:
        return self.tr("Jobs and follow-along")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.jobs.retranslate_ui()
        self.follow.retranslate_ui()

    def _follow_title(self) -> str:
        job = self.jobs.table.current_record()
        if job is None:
            return self.tr("Follow-along")
        return self.tr("Follow-along: %1").replace("%1", str(job.fields.get("title") or ""))

    def _for_selected_job(self, record: Any) -> bool:
        job = self.jobs.table.current_record()
        return job is None or record.fields.get("job") in (job.id, None)

    def _follow_defaults(self) -> dict[str, Any]:
        job = self.jobs.table.current_record()
        values: dict[str, Any] = {
            "date": self.ctx.today().isoformat(),
            "mode": "face_to_face",
        }
        if job is not None:
            values["job"] = job.id
        return values

    def _employer_options(self) -> dict[str, Any]:
        return {"employer": self.data.employer_options() if self.data else []}

    def _job_options(self) -> dict[str, Any]:
        jobs = self.data.of("job") if self.data else []
        return {"job": [(j.id, str(j.fields.get("title") or "")) for j in jobs]}

    def _job_changed(self) -> None:
        self.follow.setTitle(self._follow_title())
        if self.data is not None:
            self.follow.set_records(self.data.records)

    def show_data(self, data: ParticipantData) -> None:
        self.jobs.set_records(data.records)
        self.follow.set_records(data.records)
        self.follow.setTitle(self._follow_title())

    def _has_pending(self) -> bool:
        return self.jobs.has_pending()

    def _flush(self) -> bool:
        return self.jobs.flush()

    def _shutdown(self) -> None:
        self.jobs.shutdown()
