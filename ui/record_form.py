"""A form for any record type, built from the domain schema, and a dialog around it.

One editor per field, chosen by the field's kind: a line for short text, a box
for free text, a DateField (typed dd.mm.yyyy or picked; optional dates can be
empty; ``check_input()`` names dates typed that are not dates), spin
boxes or sliders for numbers, a check box, a choice list, check boxes for a
multiple choice, and a choice list of caller-given options for references.
``values()`` returns what the schema expects (ISO dates, ``None`` when empty),
``changed_values()`` only what the user changed since the last ``set_values``
or ``mark_saved``.

The form never writes anything: callers hand the values to the Journal. Copying
from its text editors goes through the ClipboardGuard when one is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from datetime import date
from typing import Any, Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import ENTITIES, FieldSpec, ValidationError
from ui import plurals
from ui.errors import describe
from ui.formats import format_date
from ui.labels import choice_label, field_label, type_label
from ui.lock_guard import ClipboardGuard
from ui.tasks import on_landed
from ui.widgets.date_field import DateField

_SPIN_LIMIT = 1_000_000
PAST_ONLY_DATES = frozenset({"birth_date"})  # date fields that never lie in the future


def is_empty(value: Any) -> bool:
    """None, an empty string and an empty list all mean 'not filled in'."""
    return value is None or value == "" or value == []


def same_value(a: Any, b: Any) -> bool:
    if is_empty(a) and is_empty(b):
        return True
    return bool(a == b)


def explain(exc: BaseException) -> str:
    """describe(), but naming fields by their labels and saying when a record is gone."""
    if isinstance(exc, ValidationError):
        names = ", ".join(field_label(n) for n in exc.errors)
        return QCoreApplication.translate("RecordForm", "Please check: %1").replace("%1", names)
    if isinstance(exc, KeyError):
        # The Journal's "no such record": deleted meanwhile, often on another machine.
        return QCoreApplication.translate(
            "RecordForm",
            "This record no longer exists here; it may have been deleted on another machine.",
        )
    return describe(exc)


def format_value(
    spec: FieldSpec, value: Any, *, ref_label: Callable[[str], str] | None = None
) -> str:
    """A field value as a person reads it (dates dd.mm.yyyy, choices translated)."""
    if is_empty(value):
        return "–"
    if spec.kind == "date":
        return format_date(str(value))
    if spec.kind == "bool":
        return (
            QCoreApplication.translate("RecordForm", "Yes")
            if value
            else QCoreApplication.translate("RecordForm", "No")
        )
    if spec.kind == "choice":
        return choice_label(value)
    if spec.kind == "multi" and isinstance(value, list):
        return ", ".join(choice_label(v) for v in value)
    if spec.kind == "ref":
        return (
            ref_label(str(value))
            if ref_label
            else QCoreApplication.translate("RecordForm", "(linked record)")
        )
    if spec.kind == "list" and isinstance(value, list):
        return ", ".join(
            str(v) for v in value if not isinstance(v, dict)
        ) or plurals.RecordForm().items(len(value))
    if spec.kind == "float" and isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


# ----------------------------------------------------------------- clipboard


def _selected_text(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        if widget.echoMode() != QLineEdit.EchoMode.Normal:
            return ""
        return widget.selectedText()
    if isinstance(widget, QPlainTextEdit):
        # QTextCursor uses U+2029 between paragraphs.
        return widget.textCursor().selectedText().replace("\u2029", "\n")
    return ""


def _remove_selection(widget: QWidget) -> None:
    if isinstance(widget, QLineEdit) and not widget.isReadOnly():
        widget.del_()
    elif isinstance(widget, QPlainTextEdit) and not widget.isReadOnly():
        widget.textCursor().removeSelectedText()


class _CopyGuardFilter(QObject):
    """Routes Copy and Cut (keys and context menu) of text editors through the guard."""

    def __init__(self, clipboard: ClipboardGuard, parent: QObject) -> None:
        super().__init__(parent)
        self._clipboard = clipboard

    def copy_from(self, widget: QWidget, *, cut: bool) -> None:
        text = _selected_text(widget)
        if text:
            self._clipboard.copy(text)
            if cut:
                _remove_selection(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        widget = watched.parent() if isinstance(watched.parent(), QPlainTextEdit) else watched
        if not isinstance(widget, QLineEdit | QPlainTextEdit):
            return False
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_from(widget, cut=False)
                return True
            if event.matches(QKeySequence.StandardKey.Cut):
                self.copy_from(widget, cut=True)
                return True
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            menu = widget.createStandardContextMenu()
            for action in list(menu.actions()):
                name = action.objectName()
                if name in ("edit-copy", "edit-cut"):
                    ours = QAction(action.text(), menu)
                    ours.setEnabled(action.isEnabled())
                    ours.setShortcut(action.shortcut())
                    ours.triggered.connect(
                        lambda _c=False, w=widget, cut=name == "edit-cut": self.copy_from(
                            w, cut=cut
                        )
                    )
                    menu.insertAction(action, ours)
                    menu.removeAction(action)
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        return False


def install_copy_guard(widget: QLineEdit | QPlainTextEdit, clipboard: ClipboardGuard) -> None:
    """Make Copy/Cut in ``widget`` go through ``clipboard`` so locking can clear it."""
    filt = _CopyGuardFilter(clipboard, widget)
    widget.installEventFilter(filt)
    if isinstance(widget, QPlainTextEdit):
        # Key and context-menu events reach the viewport of a scroll area first.
        widget.viewport().installEventFilter(filt)


# ------------------------------------------------------------------ editors


class IntensitySlider(QWidget):
    """A 0–100 slider with its number beside it; "–" until first set.

    Signals:
        value_changed(): the user moved it.
    """

    value_changed = Signal()

    def __init__(self, *, minimum: int = 0, maximum: int = 100, parent: QWidget | None = None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(minimum, maximum)
        self.slider.setSingleStep(5)
        self.slider.setPageStep(10)
        self.slider.setTickInterval(10)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.number = QLabel("–")
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("1000"))
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._set = False
        self._loading = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.number)
        self.setFocusProxy(self.slider)
        self.slider.valueChanged.connect(self._moved)

    def _moved(self, value: int) -> None:
        self.number.setText(str(value))
        if not self._loading:
            self._set = True
            self.value_changed.emit()

    def value(self) -> int | None:
        return self.slider.value() if self._set else None

    def set_value(self, value: int | None) -> None:
        self._loading = True
        try:
            self._set = value is not None
            self.slider.setValue(int(value) if value is not None else self.slider.minimum())
            self.number.setText(str(value) if value is not None else "–")
        finally:
            self._loading = False

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.slider.setAccessibleName(name)


class MultiChoice(QWidget):
    """Check boxes for a multiple-choice field, laid out in up to two columns.

    Signals:
        toggled(): the user ticked or unticked a box.
    """

    toggled = Signal()

    def __init__(self, choices: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        columns = 2 if len(choices) > 3 else len(choices) or 1
        for i, value in enumerate(choices):
            box = QCheckBox()
            box.toggled.connect(lambda _on: self.toggled.emit())
            self.boxes[value] = box
            grid.addWidget(box, i // columns, i % columns)
        grid.setColumnStretch(columns, 1)  # keep the columns together, not spread apart
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for value, box in self.boxes.items():
            box.setText(choice_label(value))
            box.setAccessibleName(choice_label(value))

    def value(self) -> list[str]:
        return [v for v, b in self.boxes.items() if b.isChecked()]

    def set_value(self, value: Iterable[str] | None) -> None:
        chosen = set(value or ())
        for v, b in self.boxes.items():
            b.blockSignals(True)
            b.setChecked(v in chosen)
            b.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        for b in self.boxes.values():
            b.setEnabled(not read_only)


class PersonCombo(QComboBox):
    """A person of the team chosen from a list, or any name typed: an editable list, so
    a name written as free text before (or a colleague not known here) stays as it is."""

    def __init__(self, names: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.set_names(names)

    def set_names(self, names: Sequence[str]) -> None:
        """Offer ``names``; the name shown stays."""
        keep = self.currentText()
        self.blockSignals(True)
        try:
            self.clear()
            self.addItems(list(names))
            self.setEditText(keep)
        finally:
            self.blockSignals(False)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        line = self.lineEdit()
        if line is not None:
            line.setAccessibleName(name)

    def names(self) -> list[str]:
        return [self.itemText(i) for i in range(self.count())]

    def value(self) -> str | None:
        return self.currentText().strip() or None

    def set_value(self, value: str | None) -> None:
        self.setEditText("" if value is None else str(value))


class TextBox(QPlainTextEdit):
    """Free text in a form: Tab moves on, a sensible height for ``rows`` lines."""

    def __init__(self, rows: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * rows + 16)

    def sizeHint(self) -> QSize:
        # Ask for the rows it was made for; layouts with room to spare still stretch it.
        return QSize(super().sizeHint().width(), self.minimumHeight())


# --------------------------------------------------------------------- form


class RecordForm(QWidget):
    """Editors for the fields of one record type, built from the schema.

    ``layout="form"`` lays them out as a label column and an editor column;
    with ``layout="none"`` the caller places ``label(name)`` and
    ``field_box(name)`` (editor plus its inline error) wherever it likes.

    Signals:
        edited(str): the user changed the named field.
    """

    edited = Signal(str)

    def __init__(
        self,
        record_type: str,
        *,
        fields: Sequence[str] | None = None,
        exclude: Iterable[str] = (),
        sliders: Iterable[str] = (),
        clipboard: ClipboardGuard | None = None,
        layout: Literal["form", "none"] = "form",
        text_rows: int = 4,
        today: Callable[[], date] = date.today,
        people: Mapping[str, Sequence[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``people``: fields that name a person of the team (field → the names to offer),
        shown as an editable list instead of a free-text line."""
        super().__init__(parent)
        self._people = dict(people or {})
        self.spec = ENTITIES[record_type]
        self.record_type = record_type
        excluded = set(exclude)
        if self.spec.sign_field:
            excluded |= {self.spec.sign_field, "signed_by"}
        if fields is None:
            fields = [f.name for f in self.spec.fields if f.kind != "list"]
        self.field_names: tuple[str, ...] = tuple(n for n in fields if n not in excluded)
        self._sliders = set(sliders)
        self._today = today
        self._loading = False
        self._baseline: dict[str, Any] = {}
        self._ref_labels: dict[str, dict[str, str]] = {}
        self._editors: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._errors: dict[str, QLabel] = {}
        self._boxes: dict[str, QWidget] = {}
        for name in self.field_names:
            spec = self.spec.by_name[name]
            editor = self._make_editor(spec, text_rows)
            if clipboard is not None and isinstance(editor, QLineEdit | QPlainTextEdit):
                install_copy_guard(editor, clipboard)
            self._editors[name] = editor
            label = QLabel()
            label.setBuddy(editor)
            self._labels[name] = label
            error = QLabel()
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.setStyleSheet("color: #9b2c2c;")
            error.hide()
            self._errors[name] = error
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(2)
            inner.addWidget(editor)
            inner.addWidget(error)
            self._boxes[name] = box
        if layout == "none":
            # The caller lays out the labels and editors; this widget itself stays an
            # invisible child (so it lives and dies with its parent) and never covers them.
            self.hide()
        if layout == "form":
            form = QFormLayout(self)
            form.setContentsMargins(0, 0, 0, 0)
            form.setVerticalSpacing(10)
            form.setHorizontalSpacing(16)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            for name in self.field_names:
                form.addRow(self._labels[name], self._boxes[name])
        self.set_values({})
        self.retranslate_ui()

    # ------------------------------------------------------------ building

    def _make_editor(self, spec: FieldSpec, text_rows: int) -> QWidget:
        kind = spec.kind
        if spec.name in self._people:
            person = PersonCombo(self._people[spec.name])
            if person.lineEdit() is not None:
                person.lineEdit().setMaxLength(spec.max_length)
            person.editTextChanged.connect(lambda _t, n=spec.name: self._user_edit(n))
            return person
        if kind == "text":
            text = TextBox(text_rows)
            text.textChanged.connect(lambda n=spec.name: self._user_edit(n))
            return text
        if kind == "date":
            d = DateField(
                optional=not spec.required,
                today=self._today,
                past_only=spec.name in PAST_ONLY_DATES,
            )
            d.committed.connect(lambda n=spec.name: self._user_edit(n))
            return d
        if kind == "int" and spec.name in self._sliders:
            s = IntensitySlider(minimum=int(spec.min or 0), maximum=int(spec.max or 100))
            s.value_changed.connect(lambda n=spec.name: self._user_edit(n))
            return s
        if kind == "int":
            spin = QSpinBox()
            low = int(spec.min) if spec.min is not None else -_SPIN_LIMIT
            spin.setRange(low if spec.required else low - 1, int(spec.max or _SPIN_LIMIT))
            if not spec.required:
                spin.setSpecialValueText("–")
            spin.valueChanged.connect(lambda _v, n=spec.name: self._user_edit(n))
            return spin
        if kind == "float":
            dspin = QDoubleSpinBox()
            dspin.setDecimals(1)
            dspin.setSingleStep(0.5)
            low_f = float(spec.min) if spec.min is not None else -float(_SPIN_LIMIT)
            dspin.setRange(low_f if spec.required else low_f - 1, float(spec.max or _SPIN_LIMIT))
            if not spec.required:
                dspin.setSpecialValueText("–")
            dspin.valueChanged.connect(lambda _v, n=spec.name: self._user_edit(n))
            return dspin
        if kind == "bool":
            check = QCheckBox()
            check.toggled.connect(lambda _on, n=spec.name: self._user_edit(n))
            return check
        if kind in ("choice", "ref"):
            combo = QComboBox()
            combo.currentIndexChanged.connect(lambda _i, n=spec.name: self._user_edit(n))
            return combo
        if kind == "multi":
            multi = MultiChoice(spec.choices)
            multi.toggled.connect(lambda n=spec.name: self._user_edit(n))
            return multi
        line = QLineEdit()
        if kind == "str":
            line.setMaxLength(spec.max_length)
        line.textEdited.connect(lambda _t, n=spec.name: self._user_edit(n))
        return line

    def _fill_combo(self, name: str, keep: Any) -> None:
        spec = self.spec.by_name[name]
        combo = self._editors[name]
        assert isinstance(combo, QComboBox)
        combo.blockSignals(True)
        combo.clear()
        if not spec.required or spec.kind == "ref" or keep is None:
            combo.addItem("–", None)
        if spec.kind == "choice":
            for value in spec.choices:
                combo.addItem(choice_label(value), value)
        else:
            for rid, label in self._ref_labels.get(name, {}).items():
                combo.addItem(label, rid)
        if keep is not None and combo.findData(keep) < 0:
            combo.addItem(QCoreApplication.translate("RecordForm", "(not available here)"), keep)
        combo.setCurrentIndex(max(combo.findData(keep), 0))
        combo.blockSignals(False)

    def retranslate_ui(self) -> None:
        for name in self.field_names:
            spec = self.spec.by_name[name]
            text = field_label(name)
            self._labels[name].setText(text)
            self._editors[name].setAccessibleName(text)
            if spec.kind == "choice":
                self._fill_combo(name, self._value_of(name))
            if isinstance(self._editors[name], MultiChoice):
                self._editors[name].retranslate_ui()  # type: ignore[attr-defined]
        self.setAccessibleName(type_label(self.record_type))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ------------------------------------------------------------- access

    def editor(self, name: str) -> QWidget:
        return self._editors[name]

    def label(self, name: str) -> QLabel:
        return self._labels[name]

    def field_box(self, name: str) -> QWidget:
        """The editor together with its inline error line."""
        return self._boxes[name]

    def editors(self) -> list[QWidget]:
        return [self._editors[n] for n in self.field_names]

    def set_ref_options(self, name: str, options: Iterable[tuple[str, str]]) -> None:
        """Offer ``(record id, label)`` pairs for a reference field."""
        self._ref_labels[name] = dict(options)
        keep = self._value_of(name)
        self._loading = True
        try:
            self._fill_combo(name, keep)
        finally:
            self._loading = False

    # ------------------------------------------------------------- values

    def _value_of(self, name: str) -> Any:
        spec = self.spec.by_name[name]
        w = self._editors[name]
        if isinstance(w, TextBox):
            return w.toPlainText()
        if isinstance(w, DateField | IntensitySlider | MultiChoice | PersonCombo):
            return w.value()
        if isinstance(w, QSpinBox | QDoubleSpinBox):
            if not spec.required and w.value() == w.minimum():
                return None
            return w.value()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QLineEdit):
            text = w.text().strip()
            if spec.kind == "list":
                return [part.strip() for part in text.split(",") if part.strip()]
            return text or None
        return None

    def _set_value_of(self, name: str, value: Any) -> None:
        spec = self.spec.by_name[name]
        w = self._editors[name]
        if isinstance(w, TextBox):
            text = "" if value is None else str(value)
            if w.toPlainText() != text:
                # Keep the caret near where it was when text changes under it.
                pos = w.textCursor().position()
                w.setPlainText(text)
                cursor = w.textCursor()
                cursor.setPosition(min(pos, len(text)))
                w.setTextCursor(cursor)
        elif isinstance(w, DateField):
            w.set_value(value)
        elif isinstance(w, IntensitySlider):
            w.set_value(None if value is None else int(value))
        elif isinstance(w, MultiChoice):
            w.set_value(value if isinstance(value, list) else [])
        elif isinstance(w, PersonCombo):
            w.set_value(None if value is None else str(value))
        elif isinstance(w, QSpinBox):
            w.setValue(w.minimum() if value is None else int(value))
        elif isinstance(w, QDoubleSpinBox):
            w.setValue(w.minimum() if value is None else float(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            self._fill_combo(name, value)
        elif isinstance(w, QLineEdit):
            if spec.kind == "list" and isinstance(value, list):
                w.setText(", ".join(str(v) for v in value if not isinstance(v, dict)))
            else:
                w.setText("" if value is None else str(value))

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Show ``values`` (missing fields empty) and take them as the saved state."""
        self._loading = True
        try:
            for name in self.field_names:
                self._set_value_of(name, values.get(name))
        finally:
            self._loading = False
        self.clear_errors()
        self.mark_saved()

    def update_values(self, values: Mapping[str, Any]) -> None:
        """Show new values for the given fields only (a change from elsewhere)."""
        self._loading = True
        try:
            for name, value in values.items():
                if name in self._editors:
                    self._set_value_of(name, value)
                    self._baseline[name] = self._value_of(name)
        finally:
            self._loading = False

    def values(self) -> dict[str, Any]:
        """Every field as the schema expects it; ``None`` when empty."""
        out: dict[str, Any] = {}
        for name in self.field_names:
            value = self._value_of(name)
            out[name] = (
                None if is_empty(value) and self.spec.by_name[name].kind != "text" else value
            )
        return out

    def filled_values(self) -> dict[str, Any]:
        """Only the fields that are filled in (for creating a record)."""
        return {k: v for k, v in self.values().items() if not is_empty(v)}

    def saved_values(self) -> dict[str, Any]:
        return dict(self._baseline)

    def changed_values(self) -> dict[str, Any]:
        current = self.values()
        return {k: v for k, v in current.items() if not same_value(v, self._baseline.get(k))}

    def is_dirty(self) -> bool:
        return bool(self.changed_values())

    def mark_saved(self, values: Mapping[str, Any] | None = None) -> None:
        """What is shown is stored now; or ``values``, what a save that was on its way
        wrote (the user may have typed on since)."""
        self._baseline = dict(values) if values is not None else self.values()

    def _user_edit(self, name: str) -> None:
        if self._loading:
            return
        self._errors[name].hide()
        self.edited.emit(name)

    # ---------------------------------------------------------- read only

    def set_read_only(self, read_only: bool) -> None:
        for w in self._editors.values():
            if isinstance(w, QLineEdit | QPlainTextEdit):
                w.setReadOnly(read_only)
            elif isinstance(w, DateField):
                w.set_read_only(read_only)
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                w.setReadOnly(read_only)
                w.setButtonSymbols(
                    QSpinBox.ButtonSymbols.NoButtons
                    if read_only
                    else QSpinBox.ButtonSymbols.UpDownArrows
                )
            elif isinstance(w, MultiChoice):
                w.set_read_only(read_only)
            else:
                w.setEnabled(not read_only)

    # ------------------------------------------------------------- errors

    def show_errors(self, errors: Mapping[str, str]) -> list[str]:
        """Mark fields named in a ValidationError; returns the names not shown here."""
        unshown: list[str] = []
        for name, message in errors.items():
            label = self._errors.get(name)
            if label is None:
                unshown.append(name)
                continue
            label.setText(
                QCoreApplication.translate("RecordForm", "%1: %2")
                .replace("%1", field_label(name))
                .replace("%2", message)
            )
            label.show()
        return unshown

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.hide()

    def check_input(self) -> dict[str, str]:
        """Fields whose text may not be saved (a date that is not one), each with why;
        the message shows beside each field. Empty when the form may be saved."""
        problems: dict[str, str] = {}
        for name in self.field_names:
            w = self._editors[name]
            if isinstance(w, DateField) and not w.check():
                problems[name] = w.problem() or ""
        return problems

    def focus_first(self) -> None:
        for name in self.field_names:
            w = self._editors[name]
            if w.isEnabled():
                w.setFocus(Qt.FocusReason.OtherFocusReason)
                return


# ------------------------------------------------------------------- dialog


class RecordDialog(QDialog):
    """A RecordForm with Save and Cancel; stays open and marks fields when saving fails.

    ``submit`` receives the values (all filled-in ones when ``changed_only`` is
    False, else only the changed ones), checks them and queues the write on the
    journal's executor, returning its future (never writing on the GUI thread). An
    exception it raises at once (the form did not check out) is shown in the dialog;
    otherwise Save returns at once, and the dialog closes (or shows why not) when the
    write has landed.

    Signals:
        saved(object): the future's result (the record's id).
    """

    saved = Signal(object)

    def __init__(
        self,
        record_type: str,
        *,
        submit: Callable[[dict[str, Any]], Future[Any]],
        title: str,
        values: Mapping[str, Any] | None = None,
        fields: Sequence[str] | None = None,
        ref_options: Mapping[str, Iterable[tuple[str, str]]] | None = None,
        changed_only: bool = False,
        clipboard: ClipboardGuard | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._changed_only = changed_only
        self._title = title
        self.form = RecordForm(
            record_type, fields=fields, clipboard=clipboard, text_rows=3, today=today
        )
        for name, options in (ref_options or {}).items():
            if name in self.form.field_names:
                self.form.set_ref_options(name, options)
        self.form.set_values(values or {})
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9b2c2c;")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.resize(560, min(680, 120 + 46 * len(self.form.field_names)))
        self.retranslate_ui()
        self.form.focus_first()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self._title)
        self.setAccessibleName(self._title)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def save(self) -> None:
        self.form.clear_errors()
        problems = self.form.check_input()
        if problems:
            # Typed text that is not a date is never saved as some other date.
            self._failed(ValidationError(problems), shown=False)
            self.form.editor(next(iter(problems))).setFocus()
            return
        values = self.form.changed_values() if self._changed_only else self.form.filled_values()
        if self._changed_only and not values:
            self.accept()
            return
        try:
            future = self._submit(values)
        except Exception as exc:
            self._failed(exc)
            return
        # Held still while the write waits behind a sync page: a change typed now
        # would be closed away with the dialog, unsaved.
        self.form.setEnabled(False)
        self.buttons.setEnabled(False)
        on_landed(future, self, self._landed)

    def saving(self) -> bool:
        """A write submitted from here has not landed yet."""
        return not self.buttons.isEnabled()

    def _landed(self, future: Future[Any]) -> None:
        self.form.setEnabled(True)
        self.buttons.setEnabled(True)
        try:
            result = future.result()
        except Exception as exc:
            self._failed(exc)
            return
        self._saved(result)

    def _failed(self, exc: Exception, *, shown: bool = True) -> None:
        if isinstance(exc, ValidationError):
            if shown:
                self.form.show_errors(exc.errors)
            self.message.setText(explain(exc))
        else:
            self.message.setText(describe(exc))
        self.message.show()

    def _saved(self, result: object) -> None:
        self.form.mark_saved()
        self.saved.emit(result)
        self.accept()
