"""First run: name, role, passphrase twice (with a strength hint), language."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.access import CENTRAL, JOB_SPECIALIST, ROLES, TEAM_LEAD, THERAPIST

MIN_LENGTH = 10


@dataclass(frozen=True)
class SetupChoice:
    """What the user chose on the first-run screen."""

    name: str
    role: str
    passphrase: str
    language: str
    file_keystore: bool


def strength(passphrase: str) -> int:
    """0 weak, 1 fair, 2 strong: a rough guess from length and variety, in bits."""
    pool = 0
    if any(c.islower() for c in passphrase):
        pool += 29  # a-z plus æøå
    if any(c.isupper() for c in passphrase):
        pool += 29
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(not c.isalnum() for c in passphrase):
        pool += 20
    bits = len(passphrase) * math.log2(pool) if pool else 0.0
    return 0 if bits < 50 else 1 if bits < 75 else 2


class SetupView(QWidget):
    """Creates the profile on first run.

    Signals:
        setup_requested(object): a SetupChoice.
    """

    setup_requested = Signal(object)

    def __init__(self, *, keyring_ok: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keyring_ok = keyring_ok
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem("", role)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = QLabel()
        self.strength.setObjectName("hint")
        self.language = QComboBox()
        self.language.addItem("Norsk bokmål", "nb")
        self.language.addItem("English", "en")
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setObjectName("warning")
        self.file_keystore = QCheckBox()
        self.keyring_note.setVisible(not keyring_ok)
        self.file_keystore.setVisible(not keyring_ok)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.button = QPushButton()
        self.button.setDefault(True)

        self.labels = {k: QLabel() for k in ("name", "role", "pass", "repeat", "lang")}
        form = QFormLayout()
        form.addRow(self.labels["name"], self.name)
        form.addRow(self.labels["role"], self.role)
        form.addRow(self.labels["pass"], self.passphrase)
        form.addRow("", self.strength)
        form.addRow(self.labels["repeat"], self.repeat)
        form.addRow(self.labels["lang"], self.language)
        for key, widget in (
            ("name", self.name),
            ("role", self.role),
            ("pass", self.passphrase),
            ("repeat", self.repeat),
            ("lang", self.language),
        ):
            self.labels[key].setBuddy(widget)

        card = QWidget()
        card.setObjectName("card")
        card.setMaximumWidth(560)
        inner = QVBoxLayout(card)
        inner.addWidget(self.title)
        inner.addWidget(self.intro)
        inner.addLayout(form)
        inner.addWidget(self.keyring_note)
        inner.addWidget(self.file_keystore)
        inner.addWidget(self.message)
        inner.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)
        # No alignment flag on the card: an aligned widget gets its size hint, which for
        # wrapped text is taken at another width, and every field was squashed to a few
        # pixels when the keyring note showed. Stretches centre it instead.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.passphrase.textChanged.connect(self._update_strength)
        self.button.clicked.connect(self._submit)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Welcome to Feltjournal"))
        self.intro.setText(
            self.tr(
                "Everything you write is encrypted on this computer. Choose a passphrase you "
                "can remember: nobody, not even the central team, can recover it."
            )
        )
        self.labels["name"].setText(self.tr("Your &name"))
        self.labels["role"].setText(self.tr("&Role"))
        self.labels["pass"].setText(self.tr("&Passphrase"))
        self.labels["repeat"].setText(self.tr("Repeat pa&ssphrase"))
        self.labels["lang"].setText(self.tr("&Language"))
        for i, role in enumerate(ROLES):
            self.role.setItemText(
                i,
                {
                    JOB_SPECIALIST: self.tr("Job specialist"),
                    THERAPIST: self.tr("Therapist"),
                    TEAM_LEAD: self.tr("Team lead"),
                    CENTRAL: self.tr("Central team (figures only)"),
                }[role],
            )
        self.name.setAccessibleName(self.tr("Your name"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.repeat.setAccessibleName(self.tr("Repeat passphrase"))
        self.keyring_note.setText(
            self.tr(
                "This computer has no secure keyring. You can keep the device key in a file in "
                "the profile instead; then only your passphrase protects a copied profile."
            )
        )
        self.file_keystore.setText(self.tr("Keep the device key in a file (less secure)"))
        self.button.setText(self.tr("&Create profile"))
        self._update_strength()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_strength(self) -> None:
        text = self.passphrase.text()
        if not text:
            self.strength.setText(
                self.tr("At least %n characters; a sentence is best.", "", MIN_LENGTH)
            )
            return
        self.strength.setText(
            [self.tr("Strength: weak"), self.tr("Strength: fair"), self.tr("Strength: strong")][
                strength(text)
            ]
        )

    def _fail(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _submit(self) -> None:
        name = self.name.text().strip()
        if not name:
            self._fail(self.tr("Please write your name."))
            return
        if len(self.passphrase.text()) < MIN_LENGTH:
            self._fail(self.tr("The passphrase must have at least %n characters.", "", MIN_LENGTH))
            return
        if self.passphrase.text() != self.repeat.text():
            self._fail(self.tr("The two passphrases are not the same."))
            return
        if not self._keyring_ok and not self.file_keystore.isChecked():
            self._fail(self.tr("Choose the file keystore, or set up a keyring first."))
            return
        self.message.hide()
        self.button.setEnabled(False)
        self.setup_requested.emit(
            SetupChoice(
                name=name,
                role=str(self.role.currentData()),
                passphrase=self.passphrase.text(),
                language=str(self.language.currentData()),
                file_keystore=not self._keyring_ok and self.file_keystore.isChecked(),
            )
        )

    def show_error(self, text: str) -> None:
        self.button.setEnabled(True)
        self._fail(text)


__all__ = ["SetupChoice", "SetupView"]
