"""Notes: a timeline of case notes, newest first, beside an editor that saves by itself."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.operations.records import ShownRecord as Record
from ui.formats import format_date
from ui.labels import choice_label
from ui.note_editor import NoteEditor
from ui.participant_tabs.common import ParticipantData, ParticipantTab
from ui.record_form import install_copy_guard
from ui.widgets.flag_bar import FlagBar, flag_text
from ui.widgets.items import ID_ROLE
from ui.widgets.labels import quiet_label, section_title


def note_summary(note: Record) -> str:
    title = str(note.fields.get("title") or "").strip()
    if title:
        return title
    body = str(note.fields.get("body") or "").strip()
    first = body.splitlines()[0] if body else ""
    return first[:90] + ("…" if len(first) > 90 else "")


def _newest_first(note: Record) -> tuple[str, str]:
    """The timeline's order, sorted in reverse: by date, then id."""
    return (str(note.fields.get("date") or ""), note.id)


class NotesTab(ParticipantTab):
    """Case notes: the timeline on the left, the note being written on the right."""

    kinds = frozenset({"case_note"})
    object_name = "notesTab"

    def build(self) -> None:
        ctx = self.ctx
        self.notes: list[Record] = []
        # Containers first, so each widget below is made under its final parent
        # (moving a finished subtree in re-applies the style sheet to all of it).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter)
        left = QWidget()
        right = QWidget()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([340, 800])

        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.setSpacing(8)
        top = QHBoxLayout()
        left_layout.addLayout(top)
        self.count_label = section_title()
        top.addWidget(self.count_label, 1)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_note)
        top.addWidget(self.new_button)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self._fill_list())
        install_copy_guard(self.filter, ctx.clipboard)
        left_layout.addWidget(self.filter)
        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        self.timeline.setSpacing(2)
        self.timeline.setUniformItemSizes(False)
        self.timeline.currentItemChanged.connect(self._chosen)
        left_layout.addWidget(self.timeline, 1)
        self.empty = quiet_label()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        left_layout.addWidget(self.empty, 1)

        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(12, 0, 4, 0)
        right_layout.setSpacing(10)
        head = QHBoxLayout()
        right_layout.addLayout(head)
        self.editor_title = QLabel()
        self.editor_title.setObjectName("sectionTitle")
        self.editor_title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        head.addWidget(self.editor_title, 1)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_current)
        head.addWidget(self.delete_button)
        self.flag_bar = FlagBar(ctx.review)
        right_layout.addWidget(self.flag_bar)
        self.editor = NoteEditor(
            journal=ctx.journal,
            participant_id=ctx.participant_id,
            record_type="case_note",
            initiator=ctx.initiator,
            clipboard=ctx.clipboard,
            parent=right,
        )
        right_layout.addWidget(self.editor, 1)
        self._warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._started = False

    def title(self) -> str:
        return self.tr("Notes")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.new_button.setText(self.tr("&New note"))
        self.new_button.setAccessibleName(self.tr("New note"))
        self.filter.setPlaceholderText(self.tr("Filter notes"))
        self.filter.setAccessibleName(self.tr("Filter notes"))
        self.timeline.setAccessibleName(self.tr("Notes, newest first"))
        self.delete_button.setText(self.tr("Delete note"))
        self.delete_button.setAccessibleName(self.tr("Delete this note"))
        self.empty.setText(self.tr("No notes yet. Write the first one on the right."))
        self._update_heading()
        self._fill_list()

    def _update_heading(self) -> None:
        self.count_label.setText(self.tr("%n note(s)", "", len(self.notes)))
        if self.editor.record_id is None:
            self.editor_title.setText(self.tr("New note"))
        else:
            self.editor_title.setText(self.tr("Note"))
        self.delete_button.setVisible(self.editor.record_id is not None)

    # -------------------------------------------------------------- list

    def show_data(self, data: ParticipantData) -> None:
        self.notes = sorted(data.of("case_note"), key=_newest_first, reverse=True)
        current = next((n for n in self.notes if n.id == self.editor.record_id), None)
        if not self._started:
            self._started = True
            if self.notes:
                self.editor.set_note(self.notes[0])
                current = self.notes[0]
        elif current is not None:
            self.editor.external_update(current)
        elif self.editor.record_id is not None and not self.editor.has_pending():
            self.editor.new_note()  # the note shown was deleted
        self.flag_bar.set_record(current)
        self._fill_list()
        self._update_heading()

    def _matches(self, note: Record) -> bool:
        words = self.filter.text().casefold().split()
        if not words:
            return True
        hay = " ".join(
            [
                str(note.fields.get("title") or ""),
                str(note.fields.get("body") or ""),
                choice_label(note.fields.get("topic")),
                format_date(note.fields.get("date")),
            ]
        ).casefold()
        return all(w in hay for w in words)

    def _item_text(self, note: Record) -> str:
        topic = note.fields.get("topic")
        head = format_date(note.fields.get("date"))
        if topic:
            head += " · " + choice_label(topic)
        summary = note_summary(note) or self.tr("(empty note)")
        return f"{head}\n{summary}"

    def _set_item(self, item: QListWidgetItem, note: Record) -> None:
        item.setText(self._item_text(note))
        item.setData(ID_ROLE, note.id)
        flag = flag_text(note)
        # No icon at all when not flagged (an empty icon would still reserve room).
        item.setData(Qt.ItemDataRole.DecorationRole, self._warn if flag else None)
        item.setToolTip(flag)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, flag)

    def _new_item(self, note: Record) -> QListWidgetItem:
        item = QListWidgetItem()
        item.setSizeHint(QSize(0, self.timeline.fontMetrics().lineSpacing() * 2 + 16))
        self._set_item(item, note)
        return item

    def _fill_list(self) -> None:
        self.timeline.blockSignals(True)
        try:
            self.timeline.clear()
            for note in self.notes:
                if not self._matches(note):
                    continue
                item = self._new_item(note)
                self.timeline.addItem(item)
                if note.id == self.editor.record_id:
                    self.timeline.setCurrentItem(item)
        finally:
            self.timeline.blockSignals(False)
        self._show_empty_state()

    def _show_empty_state(self) -> None:
        has_notes = bool(self.notes)
        self.timeline.setVisible(has_notes)
        self.filter.setVisible(has_notes)
        self.empty.setVisible(not has_notes)

    def record_saved(self, data: ParticipantData, record: Record) -> None:
        """After an autosave: move the one note to its place and redo its line alone
        (rebuilding a timeline of hundreds of notes would stall the typing)."""
        if not self.built or record.type != "case_note":
            super().record_saved(data, record)
            return
        self.data = data
        self.notes = [n for n in self.notes if n.id != record.id]
        key = _newest_first(record)
        index = next((i for i, n in enumerate(self.notes) if _newest_first(n) < key), None)
        self.notes.insert(len(self.notes) if index is None else index, record)
        if record.id == self.editor.record_id:
            self.editor.external_update(record)
            self.flag_bar.set_record(record)
        self._place_item(record)
        self._show_empty_state()
        self._update_heading()

    def _place_item(self, note: Record) -> None:
        row = next(
            (
                i
                for i in range(self.timeline.count())
                if self.timeline.item(i).data(ID_ROLE) == note.id
            ),
            None,
        )
        position: int | None = None
        if self._matches(note):
            before = self.notes[: self.notes.index(note)]
            position = sum(1 for n in before if self._matches(n))
        self.timeline.blockSignals(True)
        try:
            if row is not None and row == position:
                self._set_item(self.timeline.item(row), note)
                return
            if row is not None:
                self.timeline.takeItem(row)
            if position is not None:
                item = self._new_item(note)
                self.timeline.insertItem(position, item)
                if note.id == self.editor.record_id:
                    self.timeline.setCurrentItem(item)
        finally:
            self.timeline.blockSignals(False)

    def _select_quietly(self, record_id: str | None) -> None:
        self.timeline.blockSignals(True)
        try:
            self.timeline.setCurrentIndex(QModelIndex())
            self.timeline.clearSelection()
            for i in range(self.timeline.count()):
                item = self.timeline.item(i)
                if item.data(ID_ROLE) == record_id:
                    self.timeline.setCurrentItem(item)
        finally:
            self.timeline.blockSignals(False)

    def _chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        rid = item.data(ID_ROLE)
        note = next((n for n in self.notes if n.id == rid), None)
        if note is None or note.id == self.editor.record_id:
            return
        if not self.editor.set_note(note):
            self._select_quietly(self.editor.record_id)  # the state line says why
            return
        self.flag_bar.set_record(note)
        self._update_heading()

    # ------------------------------------------------------------ actions

    def open_note(self, record_id: str) -> bool:
        note = next((n for n in self.notes if n.id == record_id), None)
        if note is None or not self.editor.set_note(note):
            return False
        self._select_quietly(record_id)
        self.flag_bar.set_record(note)
        self._update_heading()
        return True

    def show_record(self, record_id: str) -> bool:
        """A note found by a search: open it in the editor, selected in the timeline (the
        timeline's own filter is cleared, so the note is in it)."""
        if self.filter.text():
            self.filter.clear()
        return self.open_note(record_id)

    def new_note(self) -> bool:
        if not self.editor.new_note():
            return False
        self._select_quietly(None)
        self.flag_bar.set_record(None)
        self._update_heading()
        self.editor.focus_body()
        return True

    def delete_current(self) -> None:
        note = next((n for n in self.notes if n.id == self.editor.record_id), None)
        if note is None:
            return
        # Save what was typed first, so Undo brings the note back whole.
        if self.editor.flush():
            self.ctx.delete(note, then=self._deleted)

    def _deleted(self) -> None:
        self.editor.new_note()
        self._update_heading()

    def _has_pending(self) -> bool:
        return self.editor.has_pending()

    def _flush(self) -> bool:
        return self.editor.flush()

    def _shutdown(self) -> None:
        self.editor.shutdown()
