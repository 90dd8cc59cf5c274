"""Career profile: interests, strengths, education, work history, preferences, supports."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.operations.records import ShownRecord as Record
from ui.formats import format_date
from ui.note_editor import RecordAutosaver, SaveStateLabel, flush_on_focus_out
from ui.participant_tabs.common import ParticipantData, ParticipantTab
from ui.record_form import RecordForm
from ui.widgets.flag_bar import FlagBar
from ui.widgets.labels import quiet_label, scrolling

TEXT_FIELDS = ("interests", "strengths", "education", "work_history", "preferences", "supports")


def career_versions(records: list[Record]) -> list[Record]:
    """A participant's career profiles, the latest (the one edited) first."""
    return sorted(
        (r for r in records if r.type == "career_profile"),
        key=lambda r: (int(r.fields.get("version") or 0), str(r.fields.get("updated", ""))),
        reverse=True,
    )


class CareerTab(ParticipantTab):
    """The latest career profile, edited in place and saved by itself; older versions read only."""

    kinds = frozenset({"career_profile"})
    object_name = "careerTab"

    def build(self) -> None:
        ctx = self.ctx
        self.versions: list[Record] = []
        self._making = False  # a new version is on its way to the store
        self.form = RecordForm(
            "career_profile",
            fields=TEXT_FIELDS,
            clipboard=ctx.clipboard,
            layout="none",
            text_rows=6,
            today=ctx.today,
            parent=self,
        )
        self.saver = RecordAutosaver(
            journal=ctx.journal,
            form=self.form,
            participant_id=ctx.participant_id,
            initiator=ctx.initiator,
            fixed_values={"version": 1},
            touch_values=lambda: {"updated": ctx.today().isoformat()},
            parent=self,
        )
        flush_on_focus_out(self.saver, self.form.editors())
        self.flag_bar = FlagBar(ctx.review)
        self.state_label = SaveStateLabel(self.saver)
        self.version_info = quiet_label()
        self.version_label = QLabel()
        self.version_combo = QComboBox()
        self.version_combo.currentIndexChanged.connect(self._version_chosen)
        self.version_label.setBuddy(self.version_combo)
        self.new_version_button = QPushButton()
        self.new_version_button.clicked.connect(self.start_new_version)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.version_info, 1)
        top.addWidget(self.version_label)
        top.addWidget(self.version_combo)
        top.addWidget(self.new_version_button)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(6)
        for i, name in enumerate(TEXT_FIELDS):
            row, col = (i // 2) * 2, i % 2
            if row:
                self.form.label(name).setContentsMargins(0, 10, 0, 0)
            grid.addWidget(self.form.label(name), row, col)
            grid.addWidget(self.form.field_box(name), row + 1, col)
            grid.setRowStretch(row + 1, 1)
        self.form.setLayout(grid)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 8, 12, 8)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.flag_bar)
        layout.addWidget(self.form, 1)
        self.form.show()  # the form holds this tab's fields (layout="none" hides by default)
        layout.addWidget(self.state_label)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(page))

    def title(self) -> str:
        return self.tr("Career profile")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.version_label.setText(self.tr("&Version"))
        self.version_combo.setAccessibleName(self.tr("Version"))
        self.new_version_button.setText(self.tr("Start a new version"))
        self.new_version_button.setAccessibleName(self.tr("Start a new version"))
        self.new_version_button.setToolTip(
            self.tr("Keeps this version as it is and continues in a copy")
        )
        self.form.retranslate_ui()
        self._fill_versions()

    def _fill_versions(self) -> None:
        current = self.saver.record_id
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for rec in self.versions:
            self.version_combo.addItem(
                self.tr("Version %1 · %2")
                .replace("%1", str(rec.fields.get("version", "?")))
                .replace("%2", format_date(rec.fields.get("updated"))),
                rec.id,
            )
        index = self.version_combo.findData(current)
        self.version_combo.setCurrentIndex(max(index, 0))
        self.version_combo.blockSignals(False)
        many = len(self.versions) > 1
        self.version_label.setVisible(many)
        self.version_combo.setVisible(many)
        self.new_version_button.setEnabled(bool(self.versions))
        self._describe()

    def _describe(self) -> None:
        rec = next((r for r in self.versions if r.id == self.saver.record_id), None)
        if rec is None:
            self.version_info.setText(
                self.tr("No career profile yet. Start writing; it is saved as you go.")
            )
        else:
            text = (
                self.tr("Version %1, updated %2")
                .replace("%1", str(rec.fields.get("version", "?")))
                .replace("%2", format_date(rec.fields.get("updated")))
            )
            if self.versions and rec.id != self.versions[0].id:
                text += " · " + self.tr("an older version, read only")
            self.version_info.setText(text)

    def _show(self, rec: Record | None) -> None:
        self.saver.load(rec)
        latest = not self.versions or (rec is not None and rec.id == self.versions[0].id)
        self.form.set_read_only(not latest)
        self.saver.set_enabled(latest)
        self.flag_bar.set_record(rec)
        self._fill_versions()

    def _version_chosen(self, index: int) -> None:
        rid = self.version_combo.itemData(index)
        rec = next((r for r in self.versions if r.id == rid), None)
        if rec is not None and rec.id != self.saver.record_id and self.saver.flush():
            self._show(rec)

    def show_data(self, data: ParticipantData) -> None:
        self.versions = career_versions(data.records)
        shown = next((r for r in self.versions if r.id == self.saver.record_id), None)
        if shown is not None:
            self.saver.external_update(shown)
            self.flag_bar.set_record(shown)
            self._fill_versions()
        elif self.saver.record_id is None and self.saver.has_pending():
            self._fill_versions()  # the first words of a new profile are still being written
        else:
            self._show(self.versions[0] if self.versions else None)

    def start_new_version(self) -> bool:
        """Copy the latest version into a new one and continue there once it is stored.
        False when nothing was queued."""
        if self._making or not self.versions or not self.saver.flush():
            return False
        latest = self.versions[0]
        values = {n: latest.fields.get(n) for n in TEXT_FIELDS if latest.fields.get(n)}
        values["version"] = int(latest.fields.get("version") or 0) + 1
        values["updated"] = self.ctx.today().isoformat()

        shown = next((r for r in self.versions if r.id == self.saver.record_id), None)

        def landed(rec: Record | None) -> None:
            self._making = False
            self._show(rec)

        # Nothing typed meanwhile goes into the version being left behind.
        if not self.ctx.create(
            "career_profile",
            values,
            lambda rid: landed(next((r for r in self.versions if r.id == rid), shown)),
            failed=lambda: landed(shown),
        ):
            return False
        self._making = True
        self.form.set_read_only(True)
        return True

    def _has_pending(self) -> bool:
        return self.saver.has_pending()

    def _flush(self) -> bool:
        return self.saver.flush()

    def _shutdown(self) -> None:
        self.saver.flush()
        self.saver.stop()
