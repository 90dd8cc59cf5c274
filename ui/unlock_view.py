"""The unlock screen: passphrase, one button, a clear message when it fails."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class UnlockView(QWidget):
    """Asks for the passphrase.

    Signals:
        unlock_requested(str): the passphrase the user typed.
    """

    unlock_requested = Signal(str)

    def __init__(self, *, user_hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user_hint = user_hint
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self._submit)
        self.button = QPushButton()
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.passphrase_label = QLabel()
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)

        box = QWidget()
        box.setObjectName("card")
        box.setMaximumWidth(460)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.hint)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Feltjournal is locked"))
        self.hint.setText(
            self.tr("Unlock to continue, %1.").replace("%1", self._user_hint)
            if self._user_hint
            else self.tr("Unlock to continue.")
        )
        self.passphrase_label.setText(self.tr("&Passphrase"))
        self.passphrase_label.setBuddy(self.passphrase)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.button.setText(self.tr("&Unlock"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _submit(self) -> None:
        text = self.passphrase.text()
        if not text:
            return
        self.set_busy(True)
        self.unlock_requested.emit(text)

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        if busy:
            self.message.hide()

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.passphrase.clear()
        self.passphrase.setFocus()
        self.message.setText(text)
        self.message.show()

    def reset(self) -> None:
        self.set_busy(False)
        self.passphrase.clear()
        self.message.hide()
        self.passphrase.setFocus()
