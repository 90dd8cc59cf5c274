"""Exposure plans (therapists only): graded steps, and attempts with distress before/peak/after."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.operations.records import ShownRecord as Record
from ui.formats import format_date
from ui.note_editor import RecordAutosaver, SaveStateLabel, flush_on_focus_out
from ui.participant_tabs.common import ParticipantData, ParticipantTab
from ui.record_form import RecordDialog, RecordForm, install_copy_guard
from ui.widgets.date_field import DateField
from ui.widgets.flag_bar import FlagBar
from ui.widgets.items import ID_ROLE
from ui.widgets.labels import quiet_label
from ui.widgets.list_pane import ListPane

VALUE_ROLE = Qt.ItemDataRole.UserRole + 2


def _distress(value: Any) -> int | None:
    try:
        return max(0, min(100, int(value)))
    except (TypeError, ValueError):
        return None


class _CellDelegate(QStyledItemDelegate):
    """Editors by column: text, a 0–100 number, a date, or a step of the plan."""

    def __init__(self, tab: ExposureTab, kinds: list[str]) -> None:
        super().__init__(tab)
        self._tab = tab
        self._kinds = kinds

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        kind = self._kinds[index.column()]
        if kind == "number":
            spin = QSpinBox(parent)
            spin.setRange(0, 100)
            spin.setSingleStep(5)
            return spin
        if kind == "date":
            return DateField(optional=False, today=self._tab.ctx.today, in_cell=True, parent=parent)
        if kind == "step":
            combo = QComboBox(parent)
            for i, step in enumerate(self._tab.steps()):
                combo.addItem(f"{i + 1}. {step.get('step', '')}", i)
            return combo
        line = QLineEdit(parent)
        install_copy_guard(line, self._tab.ctx.clipboard)
        return line

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(VALUE_ROLE)
        if isinstance(editor, QSpinBox):
            editor.setValue(_distress(value) or 0)
        elif isinstance(editor, DateField):
            editor.set_value(value)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QSpinBox):
            value: Any = editor.value()
        elif isinstance(editor, DateField):
            if not editor.is_acceptable():
                self._tab.ctx.notice(editor.refusal(), error=True)
                return  # the attempt keeps the date it had
            value = editor.value()
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QLineEdit):
            value = editor.text().strip()
        else:
            return
        model.setData(index, value, VALUE_ROLE)


class ExposureTab(ParticipantTab):
    """Plans on the left; the chosen plan's steps and attempts, saved as they are edited."""

    kinds = frozenset({"exposure_plan"})
    object_name = "exposureTab"

    STEP_KINDS: ClassVar[list[str]] = ["text", "number"]
    ATTEMPT_KINDS: ClassVar[list[str]] = ["step", "date", "number", "number", "number"]

    def build(self) -> None:
        ctx = self.ctx
        self.plans: list[Record] = []
        self.dialog: RecordDialog | None = None
        self._started = False
        self._filling = False
        # Steps and attempts on their way to the store: (plan id, steps, attempts), shown
        # and built on until they landed, so a quick second edit keeps the first.
        self._queued: tuple[str, list[dict[str, Any]], list[dict[str, Any]]] | None = None
        left = ListPane(on_new=self.add_plan, on_chosen=self._chosen)
        self.count_label, self.new_button = left.count_label, left.new_button
        self.list, self.empty = left.list, left.empty

        self.form = RecordForm("exposure_plan", fields=("title",), clipboard=ctx.clipboard)
        self.saver = RecordAutosaver(
            journal=ctx.journal,
            form=self.form,
            participant_id=ctx.participant_id,
            initiator=ctx.initiator,
            parent=self,
        )
        flush_on_focus_out(self.saver, self.form.editors())
        self.flag_bar = FlagBar(ctx.review)
        self.state_label = SaveStateLabel(self.saver)
        self.lists_state = quiet_label()

        self.steps_table = self._table(2)
        self.steps_table.setItemDelegate(_CellDelegate(self, self.STEP_KINDS))
        self.steps_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.steps_table.itemChanged.connect(lambda _i: self._lists_edited())
        self.add_step_button = QPushButton()
        self.add_step_button.clicked.connect(lambda: self.add_step())
        self.remove_step_button = QPushButton()
        self.remove_step_button.clicked.connect(self.remove_step)
        self.up_button = QPushButton()
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button = QPushButton()
        self.down_button.clicked.connect(lambda: self.move_step(1))
        self.steps_box = QGroupBox()
        steps_layout = QVBoxLayout(self.steps_box)
        steps_buttons = QHBoxLayout()
        for b in (self.add_step_button, self.remove_step_button, self.up_button, self.down_button):
            steps_buttons.addWidget(b)
        steps_buttons.addStretch(1)
        steps_layout.addLayout(steps_buttons)
        steps_layout.addWidget(self.steps_table)

        self.attempts_table = self._table(5)
        self.attempts_table.setItemDelegate(_CellDelegate(self, self.ATTEMPT_KINDS))
        self.attempts_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.attempts_table.itemChanged.connect(lambda _i: self._lists_edited())
        self.add_attempt_button = QPushButton()
        self.add_attempt_button.clicked.connect(lambda: self.add_attempt())
        self.remove_attempt_button = QPushButton()
        self.remove_attempt_button.clicked.connect(self.remove_attempt)
        self.attempts_box = QGroupBox()
        attempts_layout = QVBoxLayout(self.attempts_box)
        attempts_buttons = QHBoxLayout()
        attempts_buttons.addWidget(self.add_attempt_button)
        attempts_buttons.addWidget(self.remove_attempt_button)
        attempts_buttons.addStretch(1)
        attempts_layout.addLayout(attempts_buttons)
        attempts_layout.addWidget(self.attempts_table)

        self.placeholder = quiet_label()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(12, 0, 4, 0)
        detail_layout.setSpacing(12)
        detail_layout.addWidget(self.flag_bar)
        detail_layout.addWidget(self.placeholder, 1)
        detail_layout.addWidget(self.form)
        detail_layout.addWidget(self.steps_box, 1)
        detail_layout.addWidget(self.attempts_box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.lists_state, 1)
        bottom.addWidget(self.state_label)
        detail_layout.addLayout(bottom)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([260, 890])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addWidget(splitter)
        self.retranslate_ui()
        self._show(None)

    def _table(self, columns: int) -> QTableWidget:
        table = QTableWidget(0, columns)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.verticalHeader().setVisible(True)
        header = table.horizontalHeader()
        header.setMinimumSectionSize(80)
        for col in range(1, columns):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def title(self) -> str:
        # Short: a therapist's ten tabs fit beside each other at 1366 px, also in English.
        return self.tr("Exposure", "tab title")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.new_button.setText(self.tr("&New plan…"))
        self.new_button.setAccessibleName(self.tr("New exposure plan"))
        self.list.setAccessibleName(self.tr("Exposure plans"))
        self.empty.setText(self.tr("No exposure plans yet."))
        self.placeholder.setText(
            self.tr(
                "An exposure plan lists graded steps and the attempts at each. "
                "Start one with New plan."
            )
        )
        self.steps_box.setTitle(self.tr("Steps, from easiest to hardest"))
        self.steps_table.setHorizontalHeaderLabels(
            [self.tr("Step"), self.tr("Expected distress (0–100)")]
        )
        self.steps_table.setAccessibleName(self.tr("Steps"))
        self.add_step_button.setText(self.tr("Add step"))
        self.remove_step_button.setText(self.tr("Remove step"))
        self.up_button.setText(self.tr("Move up"))
        self.up_button.setAccessibleName(self.tr("Move the step up"))
        self.down_button.setText(self.tr("Move down"))
        self.down_button.setAccessibleName(self.tr("Move the step down"))
        self.attempts_box.setTitle(self.tr("Attempts"))
        self.attempts_table.setHorizontalHeaderLabels(
            [
                self.tr("Step"),
                self.tr("Date"),
                self.tr("Before"),
                self.tr("Peak"),
                self.tr("After"),
            ]
        )
        self.attempts_table.setAccessibleName(self.tr("Attempts"))
        self.add_attempt_button.setText(self.tr("Add attempt"))
        self.remove_attempt_button.setText(self.tr("Remove attempt"))
        self.count_label.setText(self.tr("%n plan(s)", "", len(self.plans)))
        self.form.retranslate_ui()
        self._fill_tables()

    # -------------------------------------------------------------- data

    def current_plan(self) -> Record | None:
        return next((p for p in self.plans if p.id == self.saver.record_id), None)

    def _queued_lists(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
        plan, queued = self.current_plan(), self._queued
        if plan is None or queued is None or queued[0] != plan.id:
            return None
        return [dict(s) for s in queued[1]], [dict(a) for a in queued[2]]

    def steps(self) -> list[dict[str, Any]]:
        queued = self._queued_lists()
        if queued is not None:
            return queued[0]
        plan = self.current_plan()
        return [s for s in (plan.fields.get("steps") or []) if isinstance(s, dict)] if plan else []

    def attempts(self) -> list[dict[str, Any]]:
        queued = self._queued_lists()
        if queued is not None:
            return queued[1]
        plan = self.current_plan()
        raw = plan.fields.get("attempts") or [] if plan else []
        return [a for a in raw if isinstance(a, dict)]

    def show_data(self, data: ParticipantData) -> None:
        self.plans = sorted(
            data.of("exposure_plan"), key=lambda r: str(r.fields.get("title", "")).casefold()
        )
        current = self.current_plan()
        if not self._started or (current is None and not self.saver.has_pending()):
            self._started = True
            current = self.plans[0] if self.plans else None
            self._show(current)
        else:
            self.saver.external_update(current) if current is not None else None
            self._fill_tables()
        self.flag_bar.set_record(current)
        self._fill_list()
        self.count_label.setText(self.tr("%n plan(s)", "", len(self.plans)))

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for p in self.plans:
                steps = len(p.fields.get("steps") or [])
                item = QListWidgetItem(
                    f"{p.fields.get('title', '')}\n" + self.tr("%n step(s)", "", steps)
                )
                item.setData(ID_ROLE, p.id)
                item.setSizeHint(QSize(0, self.list.fontMetrics().lineSpacing() * 2 + 16))
                self.list.addItem(item)
                if p.id == self.saver.record_id:
                    self.list.setCurrentItem(item)
        finally:
            self.list.blockSignals(False)
        self.list.setVisible(bool(self.plans))
        self.empty.setVisible(not self.plans)

    def _fill_tables(self) -> None:
        self._filling = True
        try:
            steps = self.steps()
            self.steps_table.setRowCount(len(steps))
            for row, step in enumerate(steps):
                self._set_cell(
                    self.steps_table, row, 0, step.get("step", ""), str(step.get("step", ""))
                )
                distress = _distress(step.get("expected_distress"))
                self._set_cell(
                    self.steps_table, row, 1, distress, "" if distress is None else str(distress)
                )
            attempts = self.attempts()
            self.attempts_table.setRowCount(len(attempts))
            for row, att in enumerate(attempts):
                index = att.get("step")
                name = (
                    f"{index + 1}. {steps[index].get('step', '')}"
                    if isinstance(index, int) and 0 <= index < len(steps)
                    else "–"
                )
                self._set_cell(self.attempts_table, row, 0, index, name)
                self._set_cell(
                    self.attempts_table, row, 1, att.get("date"), format_date(att.get("date"))
                )
                for col, key in ((2, "before"), (3, "peak"), (4, "after")):
                    value = _distress(att.get(key))
                    self._set_cell(
                        self.attempts_table, row, col, value, "" if value is None else str(value)
                    )
        finally:
            self._filling = False
        has_plan = self.current_plan() is not None
        for w in (self.steps_box, self.attempts_box):
            w.setEnabled(has_plan)
        self.add_attempt_button.setEnabled(has_plan and bool(self.steps()))

    def _set_cell(self, table: QTableWidget, row: int, col: int, value: Any, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setData(VALUE_ROLE, value)
        table.setItem(row, col, item)

    def _show(self, plan: Record | None) -> None:
        self.saver.load(plan)
        for w in (self.form, self.steps_box, self.attempts_box, self.state_label):
            w.setVisible(plan is not None)
        self.placeholder.setVisible(plan is None)
        self.flag_bar.set_record(plan)
        self._fill_tables()

    def _chosen(self, item: QListWidgetItem | None, _prev: object) -> None:
        if item is None:
            return
        plan = next((p for p in self.plans if p.id == item.data(ID_ROLE)), None)
        if plan is not None and plan.id != self.saver.record_id and self.saver.flush():
            self._show(plan)
        self._fill_list()

    # ------------------------------------------------------------- editing

    def add_plan(self) -> RecordDialog:
        self.saver.flush()
        self.dialog = RecordDialog(
            "exposure_plan",
            submit=lambda values: self.ctx.add_soon(
                "exposure_plan", {**values, "steps": [], "attempts": []}
            ),
            title=self.tr("New exposure plan"),
            fields=("title",),
            clipboard=self.ctx.clipboard,
            parent=self,
        )
        self.dialog.saved.connect(lambda rid: self.open_plan(str(rid)))
        self.dialog.open()
        return self.dialog

    def open_plan(self, record_id: str) -> bool:
        plan = next((p for p in self.plans if p.id == record_id), None)
        if plan is None or not self.saver.flush():
            return False
        self._show(plan)
        self._fill_list()
        return True

    def _rows(self, table: QTableWidget) -> list[list[Any]]:
        rows = []
        for r in range(table.rowCount()):
            row = []
            for c in range(table.columnCount()):
                item = table.item(r, c)
                row.append(item.data(VALUE_ROLE) if item is not None else None)
            rows.append(row)
        return rows

    def _lists_edited(self) -> None:
        if self._filling:
            return
        steps = [
            {"step": str(step or ""), "expected_distress": _distress(distress)}
            for step, distress in self._rows(self.steps_table)
        ]
        attempts = [
            {
                "step": step,
                "date": when,
                "before": _distress(before),
                "peak": _distress(peak),
                "after": _distress(after),
            }
            for step, when, before, peak, after in self._rows(self.attempts_table)
        ]
        # Save once the edit has settled: saving reloads the tables under the editor.
        QTimer.singleShot(0, self, lambda: self.save_lists(steps, attempts))

    def save_lists(
        self,
        steps: list[dict[str, Any]],
        attempts: list[dict[str, Any]] | None = None,
        then: Callable[[], object] | None = None,
    ) -> bool:
        """Queue the plan's steps (and attempts) as they are now; the tables show them at
        once, and once they landed, ``then()``. False when nothing was queued."""
        plan = self.current_plan()
        if plan is None:
            return False
        values: dict[str, Any] = {"steps": steps}
        if attempts is not None:
            values["attempts"] = attempts
        queued = (plan.id, steps, attempts if attempts is not None else self.attempts())

        def settled(saved: bool) -> None:
            if self._queued is queued:  # the last edit queued landed
                self._queued = None
            self.lists_state.setText(self.tr("Steps and attempts saved.") if saved else "")
            if saved and then is not None:
                then()
            elif not saved:
                self._fill_tables()  # back to what is stored

        if not self.ctx.change(
            plan.id,
            "exposure_plan",
            values,
            lambda _rid: settled(True),
            failed=lambda: settled(False),
        ):
            self.lists_state.setText("")
            self._fill_tables()
            return False
        self._queued = queued
        self._fill_tables()
        return True

    def add_step(self, text: str | None = None, expected_distress: int = 50) -> bool:
        new = {"step": text or self.tr("New step"), "expected_distress": expected_distress}
        steps = [*self.steps(), new]
        row = len(steps) - 1

        def added() -> None:
            # Once stored: the tables were filled again, so an editor opened earlier
            # would have been closed under the user.
            self.steps_table.setCurrentCell(row, 0)
            item = self.steps_table.item(row, 0)
            if text is None and item is not None:
                self.steps_table.editItem(item)

        if not self.save_lists(steps, then=added):
            return False
        self.steps_table.setCurrentCell(row, 0)
        return True

    def remove_step(self) -> None:
        row = self.steps_table.currentRow()
        steps = self.steps()
        if not 0 <= row < len(steps):
            return
        del steps[row]
        # Attempts point at steps by position: drop the removed step's, renumber the rest.
        attempts = []
        for a in self.attempts():
            index = a.get("step")
            if index == row:
                continue
            if isinstance(index, int) and index > row:
                a = {**a, "step": index - 1}
            attempts.append(a)
        self.save_lists(steps, attempts)

    def move_step(self, delta: int) -> None:
        row = self.steps_table.currentRow()
        steps = self.steps()
        target = row + delta
        if not (0 <= row < len(steps) and 0 <= target < len(steps)):
            return
        steps[row], steps[target] = steps[target], steps[row]
        swap = {row: target, target: row}
        attempts = [
            {**a, "step": swap.get(a.get("step"), a.get("step"))}  # type: ignore[arg-type]
            for a in self.attempts()
        ]
        if self.save_lists(steps, attempts, lambda: self.steps_table.setCurrentCell(target, 0)):
            self.steps_table.setCurrentCell(target, 0)

    def add_attempt(
        self,
        step: int | None = None,
        *,
        before: int | None = None,
        peak: int | None = None,
        after: int | None = None,
    ) -> bool:
        steps = self.steps()
        if not steps:
            return False
        if step is None:
            step = max(self.steps_table.currentRow(), 0)
        attempt = {
            "step": step,
            "date": self.ctx.today().isoformat(),
            "before": before,
            "peak": peak,
            "after": after,
        }
        return self.save_lists(steps, [*self.attempts(), attempt])

    def remove_attempt(self) -> None:
        row = self.attempts_table.currentRow()
        attempts = self.attempts()
        if 0 <= row < len(attempts):
            del attempts[row]
            self.save_lists(self.steps(), attempts)

    def _has_pending(self) -> bool:
        return self.saver.has_pending()

    def _flush(self) -> bool:
        return self.saver.flush()

    def _shutdown(self) -> None:
        self.saver.flush()
        self.saver.stop()


__all__ = ["ExposureTab"]
