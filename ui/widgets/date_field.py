"""The one date field every screen uses: typed as dd.mm.yyyy (also d.m.yy), or picked.

A line edit takes exactly what the user types (parsed by
:func:`app.domain.dates.parse_typed_date`); a calendar opens from the button beside it,
Alt+Down or F4; Up and Down move a day. Text that is not a date is refused with one
sentence under the field, and the forms around it do not save while it stands: the field
never turns what was typed into another date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import EARLIEST, LATEST, DateInputError, parse_typed_date
from ui.formats import format_date

ERROR_STYLE = "color: #9b2c2c;"
# Keys an item view's delegate acts on (commit and move on, or close) in a cell editor.
_CELL_KEYS = (
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Escape,
)


class CalendarPopup(QFrame):
    """A month to pick a day from; Enter or a click picks, Escape closes.

    Signals:
        picked(object): the chosen ``datetime.date``.
    """

    picked = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setMinimumDate(QDate(EARLIEST.year, EARLIEST.month, EARLIEST.day))
        self.calendar.setMaximumDate(QDate(LATEST.year, LATEST.month, LATEST.day))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)

    def open_at(self, where: QPoint, shown: date, latest: date) -> None:
        self.calendar.setMaximumDate(QDate(latest.year, latest.month, latest.day))
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.adjustSize()
        screen = self.screen().availableGeometry()
        x = min(max(where.x(), screen.left()), screen.right() - self.width())
        y = where.y()
        if y + self.height() > screen.bottom():
            y = max(screen.top(), y - self.height() - self.parentWidget().height())
        self.move(x, y)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(date(day.year(), day.month(), day.day()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


class DateField(QWidget):
    """A date typed as dd.mm.yyyy (also d.m.yyyy and d.m.yy) or picked in a calendar.

    ``value()`` is the ISO date typed, None when blank, or the text itself when it is
    not a date (so a form sees the change; ``problem()`` says why it may not be saved).
    An optional field may be blank; a required one starts at today. With ``past_only``
    (a birth date) a date after today is refused and two-digit years count back.
    ``in_cell=True`` makes it an item view's editor: the message goes in the tooltip
    (the caller says it elsewhere, see ``refusal()``), and Tab, Enter, Escape and leaving
    the field reach the view's delegate as they would from a plain line edit.

    Signals:
        committed(): the user finished an entry that changed the text: left the field,
            pressed Enter, stepped a day with Up/Down or picked a day in the calendar.
    """

    committed = Signal()

    def __init__(
        self,
        *,
        optional: bool,
        today: Callable[[], date] = date.today,
        past_only: bool = False,
        in_cell: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._optional = optional
        self._today = today
        self._past_only = past_only
        self._in_cell = in_cell
        self._committed_text = ""
        self._tip = ""
        self.edit = QLineEdit()
        self.edit.setMaxLength(40)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the field
        self.button.setAutoRaise(True)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.popup: CalendarPopup | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        # A label's mnemonic (Alt+D for "&Dato") focuses its buddy only when the buddy
        # takes focus; the proxy passes it on, and Tab skips a widget with a proxy.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Wide enough for "00.00.0000" and the caret, not stretched across a form.
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00.00.00000") + 16)
        self.edit.installEventFilter(self)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.button.clicked.connect(self.open_calendar)
        self.set_value(None)
        self.retranslate_ui()

    # --------------------------------------------------------------- texts

    def retranslate_ui(self) -> None:
        self.edit.setPlaceholderText(self.tr("dd.mm.yyyy"))
        tip = self.tr("Type dd.mm.yyyy (or d.m.yy); Alt+Down opens a calendar.")
        if self._optional:
            tip += " " + self.tr("May be left empty.")
        self._tip = tip
        self.button.setToolTip(self.tr("Choose in a calendar (Alt+Down)"))
        self.button.setAccessibleName(self.tr("Choose in a calendar"))
        if self.message.isVisible() or self.edit.toolTip() != self._tip:
            self.check()  # the message in the new language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    # -------------------------------------------------------------- values

    def text(self) -> str:
        return self.edit.text()

    def _parse(self) -> date | None:
        return parse_typed_date(self.edit.text(), today=self._today(), past_only=self._past_only)

    def day(self) -> date | None:
        """The date typed; None when blank or not a date."""
        try:
            return self._parse()
        except DateInputError:
            return None

    def value(self) -> str | None:
        try:
            day = self._parse()
        except DateInputError:
            return self.edit.text().strip()
        return None if day is None else day.isoformat()

    def set_value(self, value: str | date | None) -> None:
        """Show a stored value (ISO or a date); blank shows today unless optional."""
        if value is None or value == "":
            text = "" if self._optional else format_date(self._today())
        else:
            text = format_date(value)
        self.edit.setText(text)
        self._committed_text = text
        self._show_problem(None)

    def problem(self) -> str | None:
        """Why the text may not be saved, in the user's language; None when it may."""
        try:
            day = self._parse()
        except DateInputError as exc:
            return self._reason_text(exc.reason)
        if day is None and not self._optional:
            return self.tr("Fill in a date.")
        return None

    def _reason_text(self, reason: str) -> str:
        if reason == "no_such_date":
            return self.tr("There is no such date.")
        if reason == "out_of_range":
            return (
                self.tr("The date must lie between %1 and %2.")
                .replace("%1", str(EARLIEST.year))
                .replace("%2", str(LATEST.year))
            )
        if reason == "future":
            return self.tr("The date cannot be in the future.")
        return self.tr("Type the date as dd.mm.yyyy, e.g. 20.04.1985.")

    def refusal(self) -> str:
        """One sentence saying the typed date was not saved, and why."""
        return self.tr("The date was not saved: %1").replace("%1", self.problem() or "")

    def is_acceptable(self) -> bool:
        return self.problem() is None

    def check(self) -> bool:
        """Show why the text is refused (or nothing), write a good date in full
        (1.2.26 becomes 01.02.2026); True when it may be saved."""
        problem = self.problem()
        if problem is None:
            day = self.day()
            if day is not None and self.edit.text() != format_date(day):
                self.edit.setText(format_date(day))
        self._show_problem(problem)
        return problem is None

    def _show_problem(self, problem: str | None) -> None:
        if not self._in_cell:
            self.message.setText(problem or "")
            self.message.setVisible(problem is not None)
        self.edit.setToolTip(problem or self._tip)
        self.edit.setStyleSheet("" if problem is None else "border: 1px solid #9b2c2c;")

    # ------------------------------------------------------------- editing

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.button.setVisible(not read_only)

    def _typed(self, _text: str) -> None:
        # No message while typing; one already shown goes once the text is a date.
        if self.edit.styleSheet() and self.is_acceptable():
            self._show_problem(None)

    def _finished(self) -> None:
        self.check()
        if self.edit.text() != self._committed_text:
            self._committed_text = self.edit.text()
            self.committed.emit()

    def _put(self, day: date) -> None:
        self.edit.setText(format_date(day))
        self._finished()

    def open_calendar(self) -> None:
        if self.edit.isReadOnly():
            return
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        today = self._today()
        self.popup.open_at(
            self.edit.mapToGlobal(QPoint(0, self.edit.height())),
            self.day() or today,
            min(today, LATEST) if self._past_only else LATEST,
        )

    def _picked(self, day: date) -> None:
        self._put(day)
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.edit:
            return False
        if self._in_cell and event.type() == QEvent.Type.FocusOut:
            # The delegate watches this widget, not the line edit inside it.
            QCoreApplication.sendEvent(self, QFocusEvent(QEvent.Type.FocusOut))
            return False
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            if self._in_cell and key in _CELL_KEYS:
                return QCoreApplication.sendEvent(self, event)
            alt = mods & Qt.KeyboardModifier.AltModifier
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
                self.open_calendar()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not self.edit.isReadOnly():
                step = 1 if key == Qt.Key.Key_Up else -1
                start = self.day()
                if start is None and self.edit.text().strip():
                    return True  # not a date: nothing to step from
                day = (start or self._today()) + timedelta(days=step if start else 0)
                if EARLIEST <= day <= LATEST and not (self._past_only and day > self._today()):
                    self._put(day)
                return True
        return False
