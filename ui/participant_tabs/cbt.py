"""CBT worksheets (therapists only): situation · thought · feeling · bodily reaction · behaviour."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.operations.records import ShownRecord as Record
from ui.formats import format_date
from ui.note_editor import RecordAutosaver, SaveStateLabel, flush_on_focus_out
from ui.participant_tabs.common import ParticipantData, ParticipantTab
from ui.record_form import IntensitySlider, RecordForm
from ui.widgets.flag_bar import FlagBar
from ui.widgets.items import ID_ROLE
from ui.widgets.labels import quiet_label, scrolling, section_title
from ui.widgets.list_pane import ListPane

COLUMNS = ("situation", "thought", "feeling", "bodily_reaction", "behaviour")


class CbtTab(ParticipantTab):
    """Worksheets newest first; the five columns side by side, then the alternative thought."""

    kinds = frozenset({"cbt_worksheet"})
    object_name = "cbtTab"

    def build(self) -> None:
        ctx = self.ctx
        self.sheets: list[Record] = []
        self._started = False
        left = ListPane(on_new=self.new_worksheet, on_chosen=self._chosen)
        self.count_label, self.new_button = left.count_label, left.new_button
        self.list, self.empty = left.list, left.empty

        self.form = RecordForm(
            "cbt_worksheet",
            sliders=("intensity", "intensity_after"),
            clipboard=ctx.clipboard,
            layout="none",
            text_rows=5,
            today=ctx.today,
            parent=self,
        )
        self.saver = RecordAutosaver(
            journal=ctx.journal,
            form=self.form,
            participant_id=ctx.participant_id,
            initiator=ctx.initiator,
            parent=self,
        )
        editors = self.form.editors()
        for name in ("intensity", "intensity_after"):
            slider = self.form.editor(name)
            assert isinstance(slider, IntensitySlider)
            editors.append(slider.slider)
        flush_on_focus_out(self.saver, editors)
        self.flag_bar = FlagBar(ctx.review)
        self.state_label = SaveStateLabel(self.saver)
        self.heading = section_title()
        self.feeling_hint = quiet_label()

        sheet = QWidget()
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        for col, name in enumerate(COLUMNS):
            grid.addWidget(self.form.label(name), 0, col)
            grid.setColumnStretch(col, 1)
            if name == "feeling":
                feeling = QVBoxLayout()
                feeling.setSpacing(6)
                feeling.addWidget(self.form.field_box("feeling"))
                feeling.addWidget(self.form.label("intensity"))
                feeling.addWidget(self.form.field_box("intensity"))
                feeling.addWidget(self.feeling_hint)
                feeling.addStretch(1)
                grid.addLayout(feeling, 1, col)
            else:
                grid.addWidget(self.form.field_box(name), 1, col)
        after = QGridLayout()
        after.setHorizontalSpacing(12)
        after.setVerticalSpacing(6)
        after.addWidget(self.form.label("alternative_thought"), 0, 0)
        after.addWidget(self.form.field_box("alternative_thought"), 1, 0)
        after.addWidget(self.form.label("intensity_after"), 0, 1)
        slider_after = QVBoxLayout()
        slider_after.addWidget(self.form.field_box("intensity_after"))
        slider_after.addStretch(1)
        after.addLayout(slider_after, 1, 1)
        after.setColumnStretch(0, 3)
        after.setColumnStretch(1, 1)
        date_row = QHBoxLayout()
        date_row.addWidget(self.heading, 1)
        date_row.addWidget(self.form.label("date"))
        date_row.addWidget(self.form.field_box("date"))
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.setSpacing(14)
        form_layout.addLayout(date_row)
        form_layout.addLayout(grid, 3)
        form_layout.addLayout(after, 2)
        sheet_layout = QVBoxLayout(sheet)
        sheet_layout.setContentsMargins(12, 0, 4, 0)
        sheet_layout.setSpacing(10)
        sheet_layout.addWidget(self.flag_bar)
        sheet_layout.addWidget(self.form, 1)
        # The form is this tab's container for its own fields, so it must show
        # (a layout="none" form hides itself by default).
        self.form.show()
        sheet_layout.addWidget(self.state_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(scrolling(sheet))
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([230, 920])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addWidget(splitter)

    def title(self) -> str:
        # Short: a therapist's ten tabs fit beside each other at 1366 px, also in English.
        return self.tr("CBT", "tab title")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.new_button.setText(self.tr("&New worksheet"))
        self.new_button.setAccessibleName(self.tr("New CBT worksheet"))
        self.list.setAccessibleName(self.tr("CBT worksheets, newest first"))
        self.empty.setText(self.tr("No worksheets yet."))
        self.feeling_hint.setText(self.tr("How strong, 0–100"))
        self.form.retranslate_ui()
        self._fill_list()

    def _summary(self, sheet: Record) -> str:
        feeling = str(sheet.fields.get("feeling") or "").strip() or self.tr("(no feeling named)")
        before, after = sheet.fields.get("intensity"), sheet.fields.get("intensity_after")
        change = ""
        if before is not None and after is not None:
            change = f" · {before} → {after}"
        elif before is not None:
            change = f" · {before}"
        return f"{format_date(sheet.fields.get('date'))}\n{feeling}{change}"

    def _fill_list(self) -> None:
        self.count_label.setText(self.tr("%n worksheet(s)", "", len(self.sheets)))
        self.heading.setText(
            self.tr("New worksheet") if self.saver.record_id is None else self.tr("Worksheet")
        )
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for s in self.sheets:
                item = QListWidgetItem(self._summary(s))
                item.setData(ID_ROLE, s.id)
                item.setSizeHint(QSize(0, self.list.fontMetrics().lineSpacing() * 2 + 16))
                self.list.addItem(item)
                if s.id == self.saver.record_id:
                    self.list.setCurrentItem(item)
        finally:
            self.list.blockSignals(False)
        self.list.setVisible(bool(self.sheets))
        self.empty.setVisible(not self.sheets)

    def show_data(self, data: ParticipantData) -> None:
        self.sheets = sorted(
            data.of("cbt_worksheet"),
            key=lambda r: (str(r.fields.get("date") or ""), r.id),
            reverse=True,
        )
        current = next((s for s in self.sheets if s.id == self.saver.record_id), None)
        if not self._started:
            self._started = True
            self._load(self.sheets[0] if self.sheets else None)
            current = self.sheets[0] if self.sheets else None
        elif current is not None:
            self.saver.external_update(current)
        elif self.saver.record_id is not None and not self.saver.has_pending():
            self._load(None)
        self.flag_bar.set_record(current)
        self._fill_list()

    def _load(self, sheet: Record | None) -> None:
        self.saver.load(sheet, {"date": self.ctx.today().isoformat()})
        self.flag_bar.set_record(sheet)

    def _chosen(self, item: QListWidgetItem | None, _prev: object) -> None:
        if item is None:
            return
        sheet = next((s for s in self.sheets if s.id == item.data(ID_ROLE)), None)
        if sheet is None or sheet.id == self.saver.record_id:
            return
        if self.saver.flush():
            self._load(sheet)
        self._fill_list()

    def new_worksheet(self) -> bool:
        if not self.saver.flush():
            return False
        self._load(None)
        self._fill_list()
        self.form.editor("situation").setFocus()
        return True

    def _has_pending(self) -> bool:
        return self.saver.has_pending()

    def _flush(self) -> bool:
        return self.saver.flush()

    def _shutdown(self) -> None:
        self.saver.flush()
        self.saver.stop()


__all__ = ["CbtTab"]
