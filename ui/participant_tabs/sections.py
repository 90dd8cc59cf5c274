"""The record panels the participant tabs are built from: a compact table of one record
type with Add / Edit / Delete through small dialogs (RecordSection), and a list beside an
autosaving form (RecordListPanel). Their writes go through the tab's TabContext."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.operations.records import ShownRecord as Record
from ui.labels import new_record_title, type_label
from ui.note_editor import RecordAutosaver, SaveStateLabel, flush_on_focus_out
from ui.participant_tabs.common import TabContext
from ui.record_form import RecordDialog, RecordForm
from ui.widgets.flag_bar import FlagBar, is_flagged
from ui.widgets.labels import BADGE_STYLE, quiet_label, scrolling, section_title
from ui.widgets.record_table import Column, RecordTable


class RecordSection(QGroupBox):
    """A compact table of one record type with Add / Edit / Delete through small dialogs."""

    def __init__(
        self,
        ctx: TabContext,
        record_type: str,
        *,
        title: Callable[[], str],
        columns: Sequence[Column],
        sort_key: Callable[[Record], Any] | None = None,
        newest_first: bool = True,
        defaults: Callable[[], Mapping[str, Any]] = dict,
        ref_options: Callable[[], Mapping[str, Iterable[tuple[str, str]]]] = dict,
        fields: Sequence[str] | None = None,
        filter_fn: Callable[[Record], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_type = record_type
        self._title = title
        self._sort_key = sort_key
        self._newest_first = newest_first
        self._defaults = defaults
        self._ref_options = ref_options
        self._fields = fields
        self.filter_fn = filter_fn
        self.dialog: RecordDialog | None = None
        self.table = RecordTable(columns)
        self.table.record_activated.connect(lambda _rid: self.edit())
        self.table.current_record_changed.connect(lambda _rid: self._update_buttons())
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        self.review_button = QPushButton()
        self.review_button.setObjectName("flagBadge")
        self.review_button.setStyleSheet(BADGE_STYLE)
        self.review_button.clicked.connect(self._review)
        self.empty = quiet_label()
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.edit_button)
        self.buttons.addWidget(self.delete_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(self.buttons)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        title = self._title()
        self.setTitle(title)
        self.table.setAccessibleName(title)
        self.table.retranslate_ui()
        self.add_button.setText(QCoreApplication.translate("ParticipantTab", "Add…"))
        self.add_button.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "Add %1").replace(
                "%1", type_label(self.record_type)
            )
        )
        self.edit_button.setText(QCoreApplication.translate("ParticipantTab", "Edit…"))
        self.edit_button.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "Edit %1").replace(
                "%1", type_label(self.record_type)
            )
        )
        self.delete_button.setText(QCoreApplication.translate("ParticipantTab", "Delete"))
        self.delete_button.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "Delete %1").replace(
                "%1", type_label(self.record_type)
            )
        )
        self.review_button.setText(QCoreApplication.translate("ParticipantTab", "Review changes…"))
        self.empty.setText(QCoreApplication.translate("ParticipantTab", "None recorded yet."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_records(self, records: Iterable[Record]) -> None:
        rows = [r for r in records if r.type == self.record_type]
        if self.filter_fn is not None:
            rows = [r for r in rows if self.filter_fn(r)]
        if self._sort_key is not None:
            rows.sort(key=self._sort_key, reverse=self._newest_first)
        self.table.set_records(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        # Tall enough for the rows there are (up to five), not a fixed block of white.
        row = self.table.sizeHintForRow(0) if rows else 24
        shown = min(max(len(rows), 2), 5)
        self.table.setFixedHeight(self.table.header().sizeHint().height() + row * shown + 6)
        self._update_buttons()

    def _update_buttons(self) -> None:
        rec = self.table.current_record()
        self.edit_button.setEnabled(rec is not None)
        self.delete_button.setEnabled(rec is not None)
        self.review_button.setVisible(rec is not None and is_flagged(rec))

    def _review(self) -> None:
        rec = self.table.current_record()
        if rec is not None:
            self.ctx.review(rec.id)

    def add(self) -> RecordDialog:
        """Open the form for a new record; it is stored when the user presses Save."""
        self.dialog = open_new_record(
            self,
            self.ctx,
            self.record_type,
            self.table,
            values=self._defaults(),
            fields=self._fields,
            ref_options=self._ref_options(),
        )
        return self.dialog

    def edit(self) -> RecordDialog | None:
        rec = self.table.current_record()
        if rec is None:
            return None
        self.dialog = RecordDialog(
            self.record_type,
            submit=lambda values: self.ctx.update_soon(rec.id, rec.type, values),
            title=type_label(self.record_type),
            values=rec.fields,
            fields=self._fields,
            ref_options=self._ref_options(),
            changed_only=True,
            clipboard=self.ctx.clipboard,
            today=self.ctx.today,
            parent=self,
        )
        self.dialog.open()
        return self.dialog

    def delete_selected(self) -> None:
        rec = self.table.current_record()
        if rec is not None:
            self.ctx.delete(rec)


# ------------------------------------------------------------ master/detail


class RecordListPanel(QWidget):
    """A list of one record type beside an autosaving form for the selected one.

    New records are made through a small dialog (their required fields come
    first); after that, edits save themselves.
    """

    def __init__(
        self,
        ctx: TabContext,
        record_type: str,
        *,
        columns: Sequence[Column],
        sort_key: Callable[[Record], Any] | None = None,
        newest_first: bool = True,
        defaults: Callable[[], Mapping[str, Any]] = dict,
        ref_options: Callable[[], Mapping[str, Iterable[tuple[str, str]]]] = dict,
        fields: Sequence[str] | None = None,
        new_fields: Sequence[str] | None = None,
        filter_fn: Callable[[Record], bool] | None = None,
        orientation: Qt.Orientation = Qt.Orientation.Horizontal,
        add_text: Callable[[], str] | None = None,
        add_dialog: Callable[[], QDialog] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_type = record_type
        self._add_dialog = add_dialog  # a form of its own for new records, if given
        self._sort_key = sort_key
        self._newest_first = newest_first
        self._defaults = defaults
        self._ref_options = ref_options
        self._new_fields = new_fields
        self._add_text = add_text
        self.filter_fn = filter_fn
        self.dialog: QDialog | None = None
        self.table = RecordTable(columns)
        self.table.current_record_changed.connect(self._show_current)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        self.empty = quiet_label()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(8)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        left_layout.addLayout(row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty, 1)

        self.form = RecordForm(
            record_type, fields=fields, clipboard=ctx.clipboard, text_rows=4, today=ctx.today
        )
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
        self.detail_title = section_title()
        self.placeholder = quiet_label()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(4, 0, 4, 0)
        detail_layout.setSpacing(10)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.flag_bar)
        detail_layout.addWidget(self.form)
        detail_layout.addWidget(self.placeholder, 1)
        detail_layout.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.state_label, 1)
        detail_layout.addLayout(bottom)
        self.detail_scroll = scrolling(self.detail)

        self.splitter = QSplitter(orientation)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail_scroll)
        if orientation == Qt.Orientation.Horizontal:
            self.splitter.setStretchFactor(0, 2)
            self.splitter.setStretchFactor(1, 3)
            self.splitter.setSizes([480, 720])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.retranslate_ui()
        self._show_current(None)

    def retranslate_ui(self) -> None:
        label = type_label(self.record_type)
        self.table.retranslate_ui()
        self.table.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "%1 list").replace("%1", label)
        )
        self.add_button.setText(
            self._add_text()
            if self._add_text
            else QCoreApplication.translate("ParticipantTab", "Add…")
        )
        self.add_button.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "Add %1").replace("%1", label)
        )
        self.delete_button.setText(QCoreApplication.translate("ParticipantTab", "Delete"))
        self.delete_button.setAccessibleName(
            QCoreApplication.translate("ParticipantTab", "Delete %1").replace("%1", label)
        )
        self.empty.setText(QCoreApplication.translate("ParticipantTab", "None recorded yet."))
        self.placeholder.setText(
            QCoreApplication.translate(
                "ParticipantTab", "Choose one in the list, or add a new one."
            )
            if self.table.records
            else QCoreApplication.translate(
                "ParticipantTab", "Nothing here yet. Use the button above the list to add one."
            )
        )
        self.detail_title.setText(label)
        self.form.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_records(self, records: Iterable[Record]) -> None:
        for name, options in self._ref_options().items():
            if name in self.form.field_names:
                self.form.set_ref_options(name, options)
        rows = [r for r in records if r.type == self.record_type]
        if self.filter_fn is not None:
            rows = [r for r in rows if self.filter_fn(r)]
        if self._sort_key is not None:
            rows.sort(key=self._sort_key, reverse=self._newest_first)
        had = self.table.current_id()
        self.table.set_records(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if self.table.current_id() is None and rows:
            self.table.select(rows[0].id)
        current = self.table.current_record()
        if current is not None and current.id == had:
            self.saver.external_update(current)
            self.flag_bar.set_record(current)

    def _show_current(self, _rid: object) -> None:
        rec = self.table.current_record()
        if rec is not None and rec.id == self.saver.record_id:
            self.flag_bar.set_record(rec)
            return
        if not self.saver.flush():
            # Stay on the record whose edit could not be saved; the state line says why.
            if self.saver.record_id is not None:
                QTimer.singleShot(
                    0, self, lambda: self.table.select(self.saver.record_id, quiet=True)
                )
            return
        self.saver.load(rec)
        self.flag_bar.set_record(rec)
        for w in (self.form, self.delete_button, self.detail_title, self.state_label):
            w.setVisible(rec is not None)
        self.placeholder.setVisible(rec is None)
        self.retranslate_ui()

    def add(self) -> QDialog:
        self.saver.flush()
        if self._add_dialog is not None:
            self.dialog = self._add_dialog()
            self.dialog.open()
            return self.dialog
        self.dialog = open_new_record(
            self,
            self.ctx,
            self.record_type,
            self.table,
            values=self._defaults(),
            fields=self._new_fields,
            ref_options=self._ref_options(),
        )
        return self.dialog

    def delete_selected(self) -> None:
        rec = self.table.current_record()
        if rec is not None and self.saver.flush():
            self.ctx.delete(rec)

    def has_pending(self) -> bool:
        return self.saver.has_pending()

    def flush(self) -> bool:
        return self.saver.flush()

    def shutdown(self) -> None:
        self.saver.flush()
        self.saver.stop()


__all__ = ["RecordListPanel", "RecordSection"]


def open_new_record(
    parent: QWidget,
    ctx: TabContext,
    record_type: str,
    table: RecordTable,
    *,
    values: Mapping[str, Any],
    fields: Sequence[str] | None,
    ref_options: Mapping[str, Iterable[tuple[str, str]]],
) -> RecordDialog:
    """Open the form for a new record of a section or panel; it is stored (on the
    executor) when the user presses Save, and the new record is selected in ``table``."""
    dialog = RecordDialog(
        record_type,
        submit=lambda new: ctx.add_soon(record_type, new),
        title=new_record_title(record_type),
        values=values,
        fields=fields,
        ref_options=ref_options,
        clipboard=ctx.clipboard,
        today=ctx.today,
        parent=parent,
    )
    dialog.saved.connect(lambda rid: table.select(str(rid)))
    dialog.open()
    return dialog
