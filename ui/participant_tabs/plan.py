"""Job-search plan: the strategies the participant chose, and goals → sub-goals → actions."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import ACTION_OWNERS, ACTION_STATUS
from app.operations.records import ShownRecord as Record
from ui.formats import format_date
from ui.labels import choice_label, field_label, type_label
from ui.note_editor import RecordAutosaver, SaveStateLabel, flush_on_focus_out
from ui.participant_tabs.common import ParticipantData, ParticipantTab
from ui.record_form import RecordForm
from ui.widgets.date_field import DateField
from ui.widgets.flag_bar import FlagBar, flag_text
from ui.widgets.items import ID_ROLE, TYPE_ROLE, RoomyDelegate
from ui.widgets.labels import quiet_label

VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMN_FIELDS = {0: None, 1: "owner", 2: "due", 3: "status", 4: "health_related"}
HEALTH_COLUMN = 4
OVERDUE_BACKGROUND = QColor("#fbefd9")
DONE_FOREGROUND = QColor("#6b6b6b")


def is_overdue(action: Record, today: date) -> bool:
    due = action.fields.get("due")
    return action.fields.get("status") == "open" and bool(due) and str(due) < today.isoformat()


class PlanDelegate(RoomyDelegate):
    """In-place editors: text for titles, choices for owner and status, a date for due."""

    def __init__(self, tab: PlanTab) -> None:
        super().__init__(tab)
        self._tab = tab

    def createEditor(  # type: ignore[override]  # Qt takes None: no editor
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget | None:
        kind = index.sibling(index.row(), 0).data(TYPE_ROLE)
        col = index.column()
        if col == 0:
            line = QLineEdit(parent)
            line.setAccessibleName(
                field_label("title") if kind == "goal" else field_label("description")
            )
            return line
        if kind != "action":
            return None
        if col in (1, 3):
            combo = QComboBox(parent)
            combo.setAccessibleName(field_label(COLUMN_FIELDS[col] or ""))
            if col == 1:
                combo.addItem("–", None)
            for value in ACTION_OWNERS if col == 1 else ACTION_STATUS:
                combo.addItem(choice_label(value), value)
            return combo
        if col == 2:
            edit = DateField(optional=True, today=self._tab.ctx.today, in_cell=True, parent=parent)
            edit.setAccessibleName(field_label("due"))
            return edit
        return None

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(VALUE_ROLE)
        if isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))
            editor.selectAll()
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, DateField):
            editor.set_value(value)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rid = index.sibling(index.row(), 0).data(ID_ROLE)
        kind = index.sibling(index.row(), 0).data(TYPE_ROLE)
        col = index.column()
        if isinstance(editor, QLineEdit):
            value: Any = editor.text().strip()
            name = "title" if kind == "goal" else "description"
            if not value:
                return  # an empty title is never wanted; keep the old one
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
            name = COLUMN_FIELDS[col] or ""
        elif isinstance(editor, DateField):
            if not editor.is_acceptable():
                self._tab.ctx.notice(editor.refusal(), error=True)
                return  # the due date stays what it was
            value = editor.value()
            name = "due"
        else:
            return
        if value == index.data(VALUE_ROLE):
            return
        # Write after the editor has closed: the write rebuilds the tree.
        QTimer.singleShot(0, self._tab, lambda: self._tab.commit_edit(rid, name, value))


class PlanTree(QTreeWidget):
    """Goals, sub-goals and actions; F2 or a double-click edits in place."""


class PlanTab(ParticipantTab):
    """Strategies as check boxes; goals, sub-goals and actions in a tree edited in place."""

    kinds = frozenset({"job_search_plan", "goal", "action"})
    object_name = "planTab"

    def build(self) -> None:
        ctx = self.ctx
        self.plan_form = RecordForm(
            "job_search_plan",
            fields=("strategies", "target_employers", "summary"),
            clipboard=ctx.clipboard,
            text_rows=3,
            today=ctx.today,
        )
        self.plan_saver = RecordAutosaver(
            journal=ctx.journal,
            form=self.plan_form,
            participant_id=ctx.participant_id,
            initiator=ctx.initiator,
            can_create=lambda form: bool(form.filled_values()),
            parent=self,
        )
        flush_on_focus_out(self.plan_saver, self.plan_form.editors())
        self.plan_flag = FlagBar(ctx.review)
        self.plan_state = SaveStateLabel(self.plan_saver)
        self.plan_box = QGroupBox()
        plan_layout = QVBoxLayout(self.plan_box)
        plan_layout.setContentsMargins(16, 12, 16, 8)
        plan_layout.addWidget(self.plan_flag)
        plan_layout.addWidget(self.plan_form)
        plan_layout.addWidget(self.plan_state)

        self.tree = PlanTree()
        self.tree.setColumnCount(5)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tree.setItemDelegate(PlanDelegate(self))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 170), (2, 120), (3, 170), (HEALTH_COLUMN, 130)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.tree.currentItemChanged.connect(lambda _c, _p: self._update_buttons())
        self.tree.itemChanged.connect(self._item_changed)
        self.add_goal_button = QPushButton()
        self.add_goal_button.clicked.connect(lambda: self.add_goal())
        self.add_sub_goal_button = QPushButton()
        self.add_sub_goal_button.clicked.connect(lambda: self.add_sub_goal())
        self.add_action_button = QPushButton()
        self.add_action_button.clicked.connect(lambda: self.add_action())
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self.toggle_done)
        self.health_button = QPushButton()
        self.health_button.clicked.connect(self.toggle_health)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        self.review_button = QPushButton()
        self.review_button.clicked.connect(self._review)
        self.hint = quiet_label()
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for b in (
            self.add_goal_button,
            self.add_sub_goal_button,
            self.add_action_button,
            self.done_button,
            self.health_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.review_button)
        self.goals_box = QGroupBox()
        goals_layout = QVBoxLayout(self.goals_box)
        goals_layout.setContentsMargins(16, 12, 16, 12)
        goals_layout.setSpacing(8)
        goals_layout.addLayout(buttons)
        goals_layout.addWidget(self.tree, 1)
        goals_layout.addWidget(self.hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 12, 8)
        layout.setSpacing(16)
        layout.addWidget(self.plan_box)
        layout.addWidget(self.goals_box, 1)
        self.records: dict[str, Record] = {}
        self.retranslate_ui()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Job-search plan")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.plan_box.setTitle(self.tr("Strategies the participant chose"))
        self.goals_box.setTitle(self.tr("Goals and actions"))
        self.tree.setHeaderLabels(
            [
                self.tr("Goal / action"),
                field_label("owner"),
                field_label("due"),
                field_label("status"),
                field_label("health_related"),
            ]
        )
        self.tree.headerItem().setToolTip(
            HEALTH_COLUMN,
            self.tr(
                "Health-related steps never go to NAV, an employer or family in a meeting "
                "summary; under a health-related goal everything counts as health-related."
            ),
        )
        self.tree.setAccessibleName(self.tr("Goals, sub-goals and actions"))
        self.add_goal_button.setText(self.tr("Add &goal"))
        self.add_goal_button.setAccessibleName(self.tr("Add goal"))
        self.add_sub_goal_button.setText(self.tr("Add &sub-goal"))
        self.add_sub_goal_button.setAccessibleName(self.tr("Add sub-goal to the selected goal"))
        self.add_action_button.setText(self.tr("Add &action"))
        self.add_action_button.setAccessibleName(self.tr("Add action to the selected goal"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete the selected goal or action"))
        self.review_button.setText(self.tr("Review changes…"))
        self.review_button.setAccessibleName(self.tr("Review changes"))
        self.hint.setText(
            self.tr(
                "Double-click or press F2 to change a title, owner, due date or status. "
                "Overdue actions are marked. Health-related steps stay out of the meeting "
                "summary for NAV, employers and family."
            )
        )
        self.plan_form.retranslate_ui()
        if self.data is not None:
            self._rebuild()
        self._update_buttons()

    # -------------------------------------------------------------- data

    def show_data(self, data: ParticipantData) -> None:
        plans = data.of("job_search_plan")
        plan = plans[0] if plans else None
        if plan is not None and plan.id == self.plan_saver.record_id:
            self.plan_saver.external_update(plan)
        elif plan is not None or not self.plan_saver.has_pending():
            self.plan_saver.load(plan)
        self.plan_flag.set_record(plan)
        self.records = {r.id: r for r in [*data.of("goal"), *data.of("action")]}
        self._rebuild()

    def _rebuild(self) -> None:
        current = self.current_id()
        goals = [r for r in self.records.values() if r.type == "goal"]
        actions = [r for r in self.records.values() if r.type == "action"]
        goal_ids = {g.id for g in goals}
        children: dict[str | None, list[Record]] = {}
        for g in goals:
            parent = g.fields.get("parent_goal")
            children.setdefault(parent if parent in goal_ids else None, []).append(g)
        acts: dict[str | None, list[Record]] = {}
        for a in actions:
            goal = a.fields.get("goal")
            acts.setdefault(goal if goal in goal_ids else None, []).append(a)

        def goal_key(r: Record) -> tuple[int, str]:
            return (int(r.fields.get("order") or 0), str(r.fields.get("title", "")).casefold())

        def action_key(r: Record) -> tuple[str, str]:
            return (str(r.fields.get("due") or "9999"), str(r.fields.get("description", "")))

        self.tree.blockSignals(True)
        try:
            self.tree.clear()

            def add_goal_items(parent: QTreeWidget | QTreeWidgetItem, goal_id: str | None) -> None:
                for g in sorted(children.get(goal_id, []), key=goal_key):
                    item = self._item(g)
                    _add_child(parent, item)
                    add_goal_items(item, g.id)
                    for a in sorted(acts.get(g.id, []), key=action_key):
                        item.addChild(self._item(a))

            add_goal_items(self.tree, None)
            for a in sorted(acts.get(None, []), key=action_key):
                self.tree.addTopLevelItem(self._item(a))
            self.tree.expandAll()
            if current is not None:
                self.select(current)
        finally:
            self.tree.blockSignals(False)
        self._update_buttons()

    def _item(self, rec: Record) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, ID_ROLE, rec.id)
        item.setData(0, TYPE_ROLE, rec.type)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
        own_health = bool(rec.fields.get("health_related"))
        item.setCheckState(
            HEALTH_COLUMN, Qt.CheckState.Checked if own_health else Qt.CheckState.Unchecked
        )
        item.setData(HEALTH_COLUMN, VALUE_ROLE, own_health)
        if not own_health and self._under_health_goal(rec):
            item.setText(HEALTH_COLUMN, self.tr("(the goal is)"))
            item.setToolTip(HEALTH_COLUMN, self.tr("Health-related through its goal"))
        flag = flag_text(rec)
        if rec.type == "goal":
            title = str(rec.fields.get("title") or "")
            item.setText(0, title)
            item.setData(0, VALUE_ROLE, title)
            font = item.font(0)
            font.setBold(rec.fields.get("parent_goal") is None)
            item.setFont(0, font)
            item.setData(
                0,
                Qt.ItemDataRole.AccessibleTextRole,
                (
                    self.tr("Sub-goal: %1")
                    if rec.fields.get("parent_goal")
                    else self.tr("Goal: %1")
                ).replace("%1", title),
            )
        else:
            desc = str(rec.fields.get("description") or "")
            owner = rec.fields.get("owner")
            due = rec.fields.get("due")
            status = rec.fields.get("status")
            item.setText(0, desc)
            item.setData(0, VALUE_ROLE, desc)
            item.setText(1, choice_label(owner) if owner else "–")
            item.setData(1, VALUE_ROLE, owner)
            item.setText(2, format_date(due) if due else "–")
            item.setData(2, VALUE_ROLE, due)
            item.setData(3, VALUE_ROLE, status)
            overdue = is_overdue(rec, self.ctx.today())
            status_text = choice_label(status)
            if overdue:
                status_text = self.tr("%1 · overdue").replace("%1", status_text)
                for col in range(4):
                    item.setBackground(col, QBrush(OVERDUE_BACKGROUND))
                item.setToolTip(2, self.tr("Overdue since %1").replace("%1", format_date(due)))
            elif status in ("done", "cancelled"):
                for col in range(4):
                    item.setForeground(col, QBrush(DONE_FOREGROUND))
            item.setText(3, status_text)
            item.setData(
                0,
                Qt.ItemDataRole.AccessibleTextRole,
                self.tr("Action: %1").replace("%1", desc),
            )
        if flag:
            item.setIcon(
                0, self.style().standardIcon(self.style().StandardPixmap.SP_MessageBoxWarning)
            )
            item.setToolTip(0, flag)
        return item

    def _under_health_goal(self, rec: Record) -> bool:
        """True if a goal above ``rec`` is marked health-related (it then counts as one)."""
        seen: set[str] = set()
        parent = rec.fields.get("goal" if rec.type == "action" else "parent_goal")
        while isinstance(parent, str) and parent not in seen:
            seen.add(parent)
            goal = self.records.get(parent)
            if goal is None:
                return False
            if goal.fields.get("health_related"):
                return True
            parent = goal.fields.get("parent_goal")
        return False

    # ------------------------------------------------------------ selection

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def current_record(self) -> Record | None:
        rid = self.current_id()
        return self.records.get(rid) if rid else None

    def item_for(self, record_id: str) -> QTreeWidgetItem | None:
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            if item.data(0, ID_ROLE) == record_id:
                return item
            stack.extend(item.child(i) for i in range(item.childCount()))
        return None

    def select(self, record_id: str) -> bool:
        item = self.item_for(record_id)
        if item is None:
            return False
        self.tree.setCurrentItem(item)
        return True

    def show_record(self, record_id: str) -> bool:
        item = self.item_for(record_id)
        if item is None:
            return False
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        return True

    def _update_buttons(self) -> None:
        rec = self.current_record()
        is_goal = rec is not None and rec.type == "goal"
        is_action = rec is not None and rec.type == "action"
        self.add_sub_goal_button.setEnabled(is_goal)
        self.add_action_button.setEnabled(is_goal)
        self.done_button.setEnabled(is_action)
        self.delete_button.setEnabled(rec is not None)
        self.health_button.setEnabled(rec is not None)
        health = rec is not None and bool(rec.fields.get("health_related"))
        self.health_button.setText(
            self.tr("Not &health-related") if health else self.tr("&Health-related")
        )
        self.health_button.setAccessibleName(
            self.tr("Mark the selected step as not health-related")
            if health
            else self.tr("Mark the selected step as health-related")
        )
        done = is_action and rec is not None and rec.fields.get("status") == "done"
        self.done_button.setText(self.tr("Mark &open") if done else self.tr("Mark &done"))
        self.done_button.setAccessibleName(
            self.tr("Mark the selected action open")
            if done
            else self.tr("Mark the selected action done")
        )
        self.review_button.setVisible(rec is not None and bool(flag_text(rec)))

    def _review(self) -> None:
        rec = self.current_record()
        if rec is not None:
            self.ctx.review(rec.id)

    # -------------------------------------------------------------- edits

    def _create(self, record_type: str, values: dict[str, Any], *, edit: bool) -> bool:
        """Queue a new goal or action; once it landed it is selected (and, with ``edit``,
        its title opens for typing). False when nothing was queued (the reason shown)."""

        def created(rid: str) -> None:
            self.select(rid)
            item = self.item_for(rid)
            if edit and item is not None:
                self.tree.setFocus()
                self.tree.editItem(item, 0)

        return self.ctx.create(record_type, values, created)

    def add_goal(self, title: str | None = None) -> bool:
        """A new top-level goal; without a title it opens for typing one."""
        order = sum(1 for r in self.records.values() if r.type == "goal")
        values = {"title": title or self.tr("New goal"), "order": order}
        return self._create("goal", values, edit=title is None)

    def add_sub_goal(self, title: str | None = None) -> bool:
        parent = self.current_record()
        if parent is None or parent.type != "goal":
            self.ctx.notice(self.tr("Choose a goal first."))
            return False
        order = sum(
            1
            for r in self.records.values()
            if r.type == "goal" and r.fields.get("parent_goal") == parent.id
        )
        values = {
            "title": title or self.tr("New sub-goal"),
            "order": order,
            "parent_goal": parent.id,
        }
        return self._create("goal", values, edit=title is None)

    def add_action(
        self,
        description: str | None = None,
        *,
        owner: str | None = None,
        due: str | None = None,
    ) -> bool:
        goal = self.current_record()
        if goal is None or goal.type != "goal":
            self.ctx.notice(self.tr("Choose a goal or sub-goal first."))
            return False
        values: dict[str, Any] = {
            "goal": goal.id,
            "description": description or self.tr("New action"),
            "status": "open",
        }
        if owner:
            values["owner"] = owner
        if due:
            values["due"] = due
        return self._create("action", values, edit=description is None)

    def commit_edit(self, record_id: str, field_name: str, value: Any) -> bool:
        """Queue one in-place edit; the record stays selected once it landed."""
        rec = self.records.get(record_id)
        if rec is None:
            return False
        return self.ctx.change(record_id, rec.type, {field_name: value}, self.select)

    def toggle_done(self) -> None:
        rec = self.current_record()
        if rec is None or rec.type != "action":
            return
        status = "open" if rec.fields.get("status") == "done" else "done"
        self.commit_edit(rec.id, "status", status)

    def toggle_health(self) -> None:
        """Mark the selected goal or action health-related, or not."""
        rec = self.current_record()
        if rec is not None:
            self.commit_edit(rec.id, "health_related", not rec.fields.get("health_related"))

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != HEALTH_COLUMN:
            return
        rid = item.data(0, ID_ROLE)
        checked = item.checkState(HEALTH_COLUMN) == Qt.CheckState.Checked
        if checked == bool(item.data(HEALTH_COLUMN, VALUE_ROLE)):
            return
        # Write after the click is handled: the write rebuilds the tree.
        QTimer.singleShot(0, self, lambda: self.commit_edit(rid, "health_related", checked))

    def delete_selected(self) -> None:
        rec = self.current_record()
        if rec is None:
            return
        if rec.type == "goal" and any(
            r.fields.get("parent_goal") == rec.id or r.fields.get("goal") == rec.id
            for r in self.records.values()
        ):
            self.ctx.notice(self.tr("Remove its sub-goals and actions first."))
            return
        self.ctx.delete(rec)

    def _has_pending(self) -> bool:
        return self.plan_saver.has_pending()

    def _flush(self) -> bool:
        return self.plan_saver.flush()

    def _shutdown(self) -> None:
        self.plan_saver.flush()
        self.plan_saver.stop()


def _add_child(parent: QTreeWidget | QTreeWidgetItem, item: QTreeWidgetItem) -> None:
    if isinstance(parent, QTreeWidget):
        parent.addTopLevelItem(item)
    else:
        parent.addChild(item)


__all__ = ["PlanTab", "is_overdue", "type_label"]
