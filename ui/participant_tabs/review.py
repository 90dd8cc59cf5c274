"""Settling flagged records: a field or a text changed on two machines, or a delete that met
an edit."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import ENTITIES
from app.journal import Journal, LosingValue, Performed, TextVersion
from app.operations import records
from app.operations.records import ShownRecord as Record
from ui.formats import format_datetime
from ui.labels import field_label, type_label
from ui.lock_guard import ClipboardGuard
from ui.record_form import explain, format_value, install_copy_guard
from ui.tasks import on_landed


def record_title(record: Record) -> str:
    """The record's title field, or its type when it has none."""
    spec = ENTITIES.get(record.type)
    if spec is not None and spec.title and record.fields.get(spec.title):
        return str(record.fields[spec.title])
    return type_label(record.type)


class _ReviewFrame(QDialog):
    """The frame both review dialogs share: a heading, an optional intro, a scrolling body
    the dialog fills, a message line for errors and a Close button."""

    journal: Journal  # set by each dialog

    def _build_frame(self, *, intro: bool, size: tuple[int, int]) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setVisible(intro)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9b2c2c;")
        self.message.hide()
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(14)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        if intro:
            layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(*size)

    def _show_error(self, exc: BaseException) -> None:
        self.message.setText(explain(exc))
        self.message.show()

    def _write(self, operation: Callable[[], object], then: Callable[[], object]) -> bool:
        """Queue one settlement on the journal's executor (never the GUI thread); once it
        landed the views hear of it, then ``then()``; if it failed, the message line says
        why. The choices wait meanwhile. False when nothing was queued."""
        journal = self.journal
        try:
            future = journal.perform(operation)
        except Exception as exc:  # the journal is locked
            self._show_error(exc)
            return False
        self.body.setEnabled(False)

        def landed(done: Future[Performed[object]]) -> None:
            self.body.setEnabled(True)
            try:
                performed = done.result()
            except Exception as exc:
                self._show_error(exc)
                return
            journal.announce(performed.events)
            then()

        on_landed(future, self, landed)
        return True


class RecordReviewDialog(_ReviewFrame):
    """Lists what lost a concurrent write and lets the user keep it, or settle a comeback.

    Signals:
        settled(): nothing is left to review for this record.
    """

    settled = Signal()

    def __init__(
        self,
        *,
        journal: Journal,
        record: Record,
        initiator: object | None = None,
        ref_label: Callable[[str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.record = record
        self._initiator = initiator
        self._ref_label = ref_label
        self._values = dict(record.fields)
        self._resurrected = record.resurrected
        self.losing: list[LosingValue] = []
        self.keep_buttons: list[tuple[LosingValue, QPushButton]] = []
        self.keep_current_buttons: dict[str, QPushButton] = {}
        self._build_frame(intro=False, size=(620, 420))
        self._load_losing()
        self.retranslate_ui()

    # ------------------------------------------------------------ content

    def _load_losing(self) -> None:
        try:
            self.losing = self.journal.losing_values(self.record.id)
        except Exception as exc:
            self.losing = []
            self._show_error(exc)

    def _device_text(self, device: str) -> str:
        if device == self.journal.store.device:
            return self.tr("this computer")
        return self.tr("another computer (%1)").replace("%1", device[:8])

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Review changes"))
        self.setAccessibleName(self.tr("Review changes"))
        self.heading.setText(
            self.tr("%1: %2")
            .replace("%1", type_label(self.record.type))
            .replace("%2", record_title(self.record))
        )
        self._rebuild()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _clear(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
                w.deleteLater()
        self.keep_buttons = []
        self.keep_current_buttons = {}

    def _rebuild(self) -> None:
        self._clear()
        spec = ENTITIES[self.record.type]
        if self._resurrected:
            box = QFrame()
            box.setObjectName("reviewCard")
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            text = QLabel(self.tr("Deleted on another machine while edited here."))
            text.setWordWrap(True)
            hint = QLabel(self.tr("Keep it if the edit still matters; otherwise delete it again."))
            hint.setWordWrap(True)
            row = QHBoxLayout()
            self.keep_record_button = QPushButton(self.tr("&Keep"))
            self.keep_record_button.setAccessibleName(self.tr("Keep the record"))
            self.keep_record_button.clicked.connect(self.keep_record)
            self.delete_record_button = QPushButton(self.tr("&Delete"))
            self.delete_record_button.setAccessibleName(self.tr("Delete the record"))
            self.delete_record_button.clicked.connect(self.delete_record)
            row.addWidget(self.keep_record_button)
            row.addWidget(self.delete_record_button)
            row.addStretch(1)
            lay.addWidget(text)
            lay.addWidget(hint)
            lay.addLayout(row)
            self.body_layout.addWidget(box)
        by_field: dict[str, list[LosingValue]] = {}
        for lv in self.losing:
            by_field.setdefault(lv.field, []).append(lv)
        if by_field:
            intro = QLabel(
                self.tr(
                    "These fields were changed on two machines at the same time. The value "
                    "shown as current is kept unless you choose another."
                )
            )
            intro.setWordWrap(True)
            self.body_layout.addWidget(intro)
        for name, values in by_field.items():
            fspec = spec.by_name.get(name)
            group = QFrame()
            group.setObjectName("reviewCard")
            grid = QGridLayout(group)
            grid.setContentsMargins(0, 4, 0, 4)
            grid.setHorizontalSpacing(16)
            grid.setVerticalSpacing(6)
            title = QLabel(field_label(name))
            title.setStyleSheet("font-weight: 600;")
            grid.addWidget(title, 0, 0, 1, 3)
            current = self._values.get(name)
            shown = (
                format_value(fspec, current, ref_label=self._ref_label) if fspec else str(current)
            )
            grid.addWidget(QLabel(self.tr("Current")), 1, 0)
            grid.addWidget(QLabel(shown), 1, 1)
            keep_current = QPushButton(self.tr("Keep current"))
            keep_current.setAccessibleName(
                self.tr("Keep the current %1").replace("%1", field_label(name))
            )
            keep_current.clicked.connect(lambda _c=False, n=name: self.keep_current(n))
            self.keep_current_buttons[name] = keep_current
            grid.addWidget(keep_current, 1, 2)
            for i, lv in enumerate(values, start=2):
                shown_value = (
                    format_value(fspec, lv.value, ref_label=self._ref_label) if fspec else ""
                )
                who = (
                    self.tr("written on %1, %2")
                    .replace("%1", self._device_text(lv.device))
                    .replace("%2", format_datetime(lv.written_at))
                )
                value_label = QLabel(f"{shown_value}\n{who}")
                value_label.setWordWrap(True)
                value_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
                grid.addWidget(QLabel(self.tr("Other")), i, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(value_label, i, 1)
                keep = QPushButton(self.tr("Keep this value"))
                keep.setAccessibleName(
                    self.tr("Keep %1 for %2")
                    .replace("%1", shown_value)
                    .replace("%2", field_label(name))
                )
                keep.clicked.connect(lambda _c=False, v=lv: self.keep_value(v))
                self.keep_buttons.append((lv, keep))
                grid.addWidget(keep, i, 2, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(1, 1)
            self.body_layout.addWidget(group)
        if not by_field and not self._resurrected:
            done = QLabel(self.tr("Nothing left to review."))
            self.body_layout.addWidget(done)
        self.body_layout.addStretch(1)

    # ------------------------------------------------------------ actions

    def _after(self) -> None:
        self.message.hide()
        self._load_losing()
        self._rebuild()
        if not self.losing and not self._resurrected:
            self.settled.emit()
            self.accept()

    def keep_value(self, lv: LosingValue) -> None:
        """Make a losing value the field's value."""
        journal, record_id, initiator = self.journal, self.record.id, self._initiator

        def kept() -> None:
            self._values[lv.field] = lv.value
            self._after()

        self._write(
            lambda: records.keep_value(
                journal,
                record_id=record_id,
                field_name=lv.field,
                version=lv.version,
                initiator=initiator,
            ),
            kept,
        )

    def keep_current(self, field_name: str) -> None:
        journal, record_id, initiator = self.journal, self.record.id, self._initiator
        self._write(
            lambda: records.keep_value(
                journal,
                record_id=record_id,
                field_name=field_name,
                version=None,
                initiator=initiator,
            ),
            self._after,
        )

    def keep_record(self) -> None:
        journal, record_id, initiator = self.journal, self.record.id, self._initiator

        def kept() -> None:
            self._resurrected = False
            self._after()

        self._write(
            lambda: records.restore_record(journal, record_id=record_id, initiator=initiator), kept
        )

    def delete_record(self) -> None:
        journal, record_id, initiator = self.journal, self.record.id, self._initiator

        def deleted() -> None:
            self._resurrected = False
            self.losing = []
            self.settled.emit()
            self.accept()

        self._write(
            lambda: records.delete_record(journal, record_id=record_id, initiator=initiator),
            deleted,
        )


class TextVersionsDialog(_ReviewFrame):
    """A text changed here and on another machine at the same time: both edits are in the
    text now; this shows the text as it was here before, to restore it or let it go.

    Signals:
        settled(): nothing is left to review for this record's texts.
    """

    settled = Signal()

    def __init__(
        self,
        *,
        journal: Journal,
        record: Record,
        initiator: object | None = None,
        clipboard: ClipboardGuard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.record = record
        self._initiator = initiator
        self._clipboard = clipboard
        self.versions: list[TextVersion] = []
        self.restore_buttons: list[tuple[TextVersion, QPushButton]] = []
        self.keep_merged_buttons: dict[str, QPushButton] = {}
        self._build_frame(intro=True, size=(760, 620))
        self._load()
        self.retranslate_ui()

    def _load(self) -> None:
        try:
            self.versions = self.journal.text_versions(self.record.id)
            current = self.journal.reread(self.record.id)
        except Exception as exc:
            self.versions = []
            self._show_error(exc)
            return
        if current is not None:
            self.record = current

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Changed on two machines"))
        self.setAccessibleName(self.tr("Changed on two machines"))
        self.heading.setText(
            self.tr("%1: %2")
            .replace("%1", type_label(self.record.type))
            .replace("%2", record_title(self.record))
        )
        self.intro.setText(
            self.tr(
                "This text was changed on this computer and on another one at the same time. "
                "Both changes are in the text now. The text as it was on this computer "
                "before is kept below: restore it, or keep the text as it is now."
            )
        )
        self._rebuild()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _text_box(self, text: str, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setReadOnly(True)
        box.setPlainText(text)
        box.setAccessibleName(name)
        box.setMinimumHeight(110)
        if self._clipboard is not None:
            install_copy_guard(box, self._clipboard)
        return box

    def _clear(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
                w.deleteLater()
        self.restore_buttons = []
        self.keep_merged_buttons = {}

    def _rebuild(self) -> None:
        self._clear()
        by_field: dict[str, list[TextVersion]] = {}
        for v in self.versions:
            by_field.setdefault(v.field, []).append(v)
        for name, versions in by_field.items():
            card = QFrame()
            card.setObjectName("reviewCard")
            lay = QVBoxLayout(card)
            lay.setContentsMargins(0, 4, 0, 4)
            lay.setSpacing(6)
            title = QLabel(field_label(name))
            title.setStyleSheet("font-weight: 600;")
            lay.addWidget(title)
            lay.addWidget(QLabel(self.tr("Now, with both changes")))
            now = str(self.record.fields.get(name) or "")
            lay.addWidget(self._text_box(now, self.tr("%1 now").replace("%1", field_label(name))))
            keep = QPushButton(self.tr("&Keep the text as it is now"))
            keep.setAccessibleName(self.tr("Keep %1 as it is now").replace("%1", field_label(name)))
            keep.clicked.connect(lambda _c=False, n=name: self.keep_merged(n))
            self.keep_merged_buttons[name] = keep
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(keep)
            lay.addLayout(row)
            for v in versions:
                when = self.tr("Before, on this computer (written %1)").replace(
                    "%1", format_datetime(v.written_at)
                )
                lay.addWidget(QLabel(when))
                lay.addWidget(
                    self._text_box(v.text, self.tr("%1 before").replace("%1", field_label(name)))
                )
                restore = QPushButton(self.tr("&Restore this version"))
                restore.setAccessibleName(
                    self.tr("Restore the earlier %1").replace("%1", field_label(name))
                )
                restore.clicked.connect(lambda _c=False, version=v: self.restore(version))
                self.restore_buttons.append((v, restore))
                row = QHBoxLayout()
                row.addStretch(1)
                row.addWidget(restore)
                lay.addLayout(row)
            self.body_layout.addWidget(card)
        if not by_field:
            self.body_layout.addWidget(QLabel(self.tr("Nothing left to review.")))
        self.body_layout.addStretch(1)

    # ------------------------------------------------------------ actions

    def _after(self) -> None:
        self.message.hide()
        self._load()
        self._rebuild()
        if not self.versions:
            self.settled.emit()
            self.accept()

    def restore(self, version: TextVersion) -> None:
        """Make the kept text the field's text again."""
        journal, record_id, initiator = self.journal, self.record.id, self._initiator
        self._write(
            lambda: records.restore_text(
                journal, record_id=record_id, version_id=version.id, initiator=initiator
            ),
            self._after,
        )

    def keep_merged(self, field_name: str) -> None:
        journal, record_id, initiator = self.journal, self.record.id, self._initiator
        self._write(
            lambda: records.keep_merged_text(
                journal, record_id=record_id, field_name=field_name, initiator=initiator
            ),
            self._after,
        )
