"""The offer in the status area of a therapist's laptop: the team lead has approved the
therapist's new computer, which lacks the clinical journals held here. One sentence,
*Del* and *Ikke nå*; the window runs what the buttons ask (app.operations.handover)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.operations.handover import NewDeviceOffer


class NewDeviceBar(QFrame):
    """One computer's offer at a time; hidden when there is none.

    Signals:
        share_requested(object): the shown :class:`NewDeviceOffer`, *Del* clicked.
        declined(object): the shown offer, *Ikke nå* clicked.
    """

    share_requested = Signal(object)
    declined = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newDeviceBar")
        self.setStyleSheet(
            "QFrame#newDeviceBar { background: #eaf2fb; border: 1px solid #b9d3ee;"
            " border-radius: 6px; }"
        )
        self.offer: NewDeviceOffer | None = None
        self.label = QLabel()
        self.share_button = QPushButton()
        self.not_now_button = QPushButton()
        self.share_button.clicked.connect(self._share)
        self.not_now_button.clicked.connect(self._decline)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 4, 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.share_button)
        row.addWidget(self.not_now_button)
        self.retranslate_ui()
        self.hide()

    def show_offer(self, offer: NewDeviceOffer | None) -> None:
        """Show ``offer`` (enabled again), or hide the bar for None."""
        self.offer = offer
        self.set_busy(False)
        self.retranslate_ui()
        self.setVisible(offer is not None)

    def set_busy(self, busy: bool) -> None:
        self.share_button.setEnabled(not busy)
        self.not_now_button.setEnabled(not busy)

    def _share(self) -> None:
        if self.offer is not None:
            self.set_busy(True)
            self.share_requested.emit(self.offer)

    def _decline(self) -> None:
        if self.offer is not None:
            self.set_busy(True)
            self.declined.emit(self.offer)

    def retranslate_ui(self) -> None:
        name = self.offer.device_name if self.offer is not None else ""
        self.label.setText(
            self.tr(
                "Your new computer “%1” has been approved. Share the clinical journals with it?"
            ).replace("%1", name)
        )
        self.share_button.setText(self.tr("Share"))
        self.not_now_button.setText(self.tr("Not now"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
