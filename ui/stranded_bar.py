"""The notice in the status area when changes were written for another team than the
server's (a replaced server's, or before this computer was enrolled): the server will
never take them. One sentence and *Ta med i dette teamet*; a confirmation that says how
many records of which kinds, then the work on the database thread
(app.syncing.adopt)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from app.journal import Journal
from app.syncing.adopt import NO_TEAM_KEY, Adoption, CannotAdopt, StrandedRecords
from ui.errors import describe
from ui.labels import type_label
from ui.tasks import TaskRunner


class StrandedBar(QFrame):
    """Stranded changes and the button that brings them into this team; hidden when none.

    Signals:
        adopted(object): the :class:`Adoption`, once the records were brought in.
        failed(str): why they could not be, in one sentence.
    """

    adopted = Signal(object)
    failed = Signal(str)

    def __init__(self, *, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("strandedBar")
        self.setStyleSheet(
            "QFrame#strandedBar { background: #fdf3e1; border: 1px solid #e8c98f;"
            " border-radius: 6px; }"
        )
        self._tasks = tasks
        self.journal: Journal | None = None
        self.count = 0
        self.confirm_dialog: QMessageBox | None = None
        self.label = QLabel()
        self.adopt_button = QPushButton()
        self.adopt_button.clicked.connect(self.ask)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 4, 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.adopt_button)
        self.retranslate_ui()
        self.hide()

    def show_count(self, count: int) -> None:
        """Show the notice for ``count`` stranded changes (0 hides it)."""
        self.count = count
        self.retranslate_ui()
        self.setVisible(count > 0 and self.journal is not None)

    def ask(self) -> None:
        """Read what would be brought in (database thread), then ask before doing it."""
        journal = self.journal
        if journal is None:
            return
        from app.syncing.adopt import stranded_records

        self.adopt_button.setEnabled(False)
        self._tasks.run(
            lambda _p, _c: stranded_records(journal),
            on_done=self._confirm,
            on_error=self._failed,
        )

    def _confirm(self, plan: StrandedRecords) -> None:
        dialog = QMessageBox(self.window())
        dialog.setWindowTitle(self.tr("Bring them into this team"))
        left = self._left_out(plan)
        if plan.records:
            dialog.setIcon(QMessageBox.Icon.Question)
            dialog.setText(
                self.tr(
                    "Bring %n record(s) written for another team into this team?", "", plan.records
                )
                + "\n"
                + _kinds(plan.kinds)
            )
            dialog.setInformativeText(
                " ".join(
                    [
                        self.tr(
                            "They are written again under this team's key and sent at the next "
                            "sync; the copies for the old team, which no server takes, are "
                            "removed from this computer."
                        ),
                        *left,
                    ]
                )
            )
            yes = dialog.addButton(
                self.tr("Bring them into this team"), QMessageBox.ButtonRole.AcceptRole
            )
            dialog.addButton(QMessageBox.StandardButton.Cancel)
            dialog.setDefaultButton(yes)
        else:
            dialog.setIcon(QMessageBox.Icon.Information)
            dialog.setText(" ".join(left) or self.tr("Nothing is left to bring into this team."))
            yes = None
            dialog.addButton(QMessageBox.StandardButton.Close)

        def answered(_result: int) -> None:
            self.confirm_dialog = None
            if yes is not None and dialog.clickedButton() is yes:
                self._adopt()
            else:
                self.adopt_button.setEnabled(True)
            dialog.deleteLater()

        dialog.finished.connect(answered)
        self.confirm_dialog = dialog
        dialog.open()

    def _left_out(self, plan: StrandedRecords) -> list[str]:
        """What stays as it is, and why (empty when all is brought in)."""
        out: list[str] = []
        lead_only = sum(plan.lead_only.values())
        if lead_only:
            out.append(
                self.tr(
                    "%n record(s) (%1) stay as they are: only a team lead may bring the team's "
                    "settings, FTEs and fidelity reviews into the team.",
                    "",
                    lead_only,
                ).replace("%1", ", ".join(type_label(t) for t in plan.lead_only))
            )
        if plan.reports:
            out.append(
                self.tr(
                    "%n report snapshot(s) of the old team are left out: this team's own are "
                    "published at the next sync.",
                    "",
                    plan.reports,
                )
            )
        if plan.unreadable:
            out.append(
                self.tr(
                    "%n record(s) cannot be read on this computer and stay as they are.",
                    "",
                    plan.unreadable,
                )
            )
        return out

    def _adopt(self) -> None:
        journal = self.journal
        if journal is None:
            return
        from app.syncing.adopt import adopt_stranded

        self._tasks.run(
            lambda _p, _c: adopt_stranded(journal),
            on_done=self._done,
            on_error=self._failed,
            progress_parent=self.window(),
            label=self.tr("Bringing the changes into this team…"),
        )

    def _done(self, done: Adoption) -> None:
        self.adopt_button.setEnabled(True)
        self.show_count(done.stranded)
        self.adopted.emit(done)

    def _failed(self, exc: BaseException) -> None:
        self.adopt_button.setEnabled(True)
        if isinstance(exc, CannotAdopt):
            sentence = (
                self.tr(
                    "This computer does not hold this team's key yet: sync again once a team "
                    "lead has approved it."
                )
                if exc.reason == NO_TEAM_KEY
                else self.tr("This computer is not connected to a server.")
            )
        else:
            sentence = describe(exc)
        self.failed.emit(sentence)

    def done_text(self, done: Adoption) -> str:
        """The status bar's sentence after the work."""
        text = self.tr("%n record(s) brought into this team; they are sent now.", "", done.records)
        if done.replaced:
            text += " " + self.tr(
                "%n of them replaced an older copy already in this team.", "", done.replaced
            )
        if done.skipped:
            text += " " + self.tr(
                "%n left out: the copy already in this team is newer.", "", done.skipped
            )
        return text

    def retranslate_ui(self) -> None:
        self.label.setText(
            self.tr(
                "%n change(s) written for another team are kept on this computer; the server "
                "will not take them.",
                "",
                self.count,
            )
        )
        self.adopt_button.setText(self.tr("Bring them into this team"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _kinds(kinds: Mapping[str, int]) -> str:
    """The kinds and how many of each, in the window's language ("Arbeidsgiver: 1")."""
    return ", ".join(f"{type_label(t)}: {n}" for t, n in kinds.items())


__all__ = ["StrandedBar"]
