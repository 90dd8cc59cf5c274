"""Connect this laptop to the team's server with the one-time code from the central team."""

from __future__ import annotations

import socket
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.sync_service import SyncError
from ui.sync_status import SyncTexts
from ui.tasks import TaskRunner

#: enrol(server_url, code, device_name) on a worker thread; raises SyncError.
EnrolFn = Callable[[str, str, str], object]


class EnrolDialog(QDialog):
    """Server address, enrolment code and a name for this computer; enrols off the GUI thread."""

    def __init__(
        self,
        *,
        enrol: EnrolFn,
        tasks: TaskRunner,
        server_url: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._enrol = enrol
        self._tasks = tasks
        self._texts = SyncTexts(self)
        self.enrolled = False
        self.setWindowTitle(self.tr("Connect to the team's server"))
        self.setMinimumWidth(520)

        intro = QLabel(
            self.tr(
                "The central team gives you the server address and a one-time code. After "
                "connecting, the team lead approves this computer; then it syncs by itself."
            )
        )
        intro.setWordWrap(True)
        self.url_edit = QLineEdit(server_url)
        self.url_edit.setPlaceholderText("https://feltjournal.example.no")
        self.url_edit.setAccessibleName(self.tr("Server address"))
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX.0123456789abcdef")
        self.code_edit.setAccessibleName(self.tr("Enrolment code"))
        self.name_edit = QLineEdit(socket.gethostname())
        self.name_edit.setAccessibleName(self.tr("Name of this computer"))
        form = QFormLayout()
        form.addRow(self.tr("Server &address:"), self.url_edit)
        form.addRow(self.tr("Enrolment &code:"), self.code_edit)
        form.addRow(self.tr("&Name of this computer:"), self.name_edit)
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("C&onnect"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.code_edit.setFocus()

    def _submit(self) -> None:
        url = self.url_edit.text().strip()
        code = self.code_edit.text().strip()
        name = self.name_edit.text().strip()
        if not url.startswith(("https://", "http://")):
            self.show_error(self.tr("Write the server address starting with https://."))
            self.url_edit.setFocus()
            return
        if not code:
            self.show_error(self.tr("Write the enrolment code."))
            self.code_edit.setFocus()
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Connecting…"))
        self._tasks.run(
            lambda _p, _c: self._enrol(url, code, name),
            on_done=self._done,
            on_error=self._failed,
            network=True,
        )

    def _done(self, _answer: object) -> None:
        self.enrolled = True
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        code = exc.code if isinstance(exc, SyncError) else None
        self.show_error(self._texts.problem(code))

    def show_error(self, text: str) -> None:
        self.message.setText(text)


__all__ = ["EnrolDialog"]
