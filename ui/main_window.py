"""The main window: first run, unlock, and the unlocked workspace; locking tears it down."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QWidget

from app import store_settings
from app.composition import AppServices
from app.domain.access import CENTRAL, TEAM_LEAD, THERAPIST
from app.errors import DatabaseUnreadable, Locked, keyring_available
from app.journal import ChangeEvent, Journal
from app.settings import Settings
from ui.device_offer import NewDeviceBar
from ui.errors import describe
from ui.lock_guard import ClipboardGuard, IdleWatcher
from ui.power import SleepWatcher
from ui.settings_dialog import (
    SettingsDialog,
    WindowState,
    load_window_state,
    save_settings,
    save_window_state,
)
from ui.setup_view import SetupChoice, SetupView
from ui.stranded_bar import StrandedBar
from ui.sync_status import EngineBridge, GuiDispatcher, NetworkWatch, SyncIndicator, SyncTexts
from ui.tasks import TaskRunner
from ui.unlock_view import UnlockView
from ui.workspace import Workspace

if TYPE_CHECKING:
    from app.operations.handover import NewDeviceOffer
    from app.sync_service import ClinicalShare
    from app.syncing.adopt import Adoption
    from ui.central_workspace import CentralWorkspace
    from ui.fte_dialog import FteDialog
    from ui.handover_dialog import ShareClinicalDialog


# The size the window opens at on a screen with room for it; on a smaller one (a
# 1366×768 laptop) it opens maximised, and always fits the screen's free area.
PREFERRED_SIZE = (1280, 800)
LEAST_SIZE = (960, 600)
# Room a window manager's title bar and borders take around the window.
FRAME_ALLOWANCE = (16, 48)


class MainWindow(QMainWindow):
    """Top-level window; holds no participant data while locked."""

    def __init__(
        self,
        *,
        services: AppServices,
        tasks: TaskRunner,
        qsettings: QSettings,
        apply_language: Callable[[str], object] = lambda _lang: None,
        keyring_ok: Callable[[], bool] = keyring_available,
        sleep: SleepWatcher | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self._qsettings = qsettings
        self._apply_language = apply_language
        self.clipboard = ClipboardGuard()
        self.workspace: Workspace | CentralWorkspace | None = None
        self.resize(*PREFERRED_SIZE)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.setup_view: SetupView | None = None
        self.unlock_view = UnlockView()
        self.unlock_view.unlock_requested.connect(self._unlock)
        self.stack.addWidget(self.unlock_view)
        self.damage_dialog: QMessageBox | None = None
        self.tasks.task_failed.connect(self._task_failed)

        # The system's word before it sleeps (logind, Windows' power broadcast), where it has one.
        self.idle = IdleWatcher(
            idle_minutes=services.settings.idle_lock_minutes,
            sleep=sleep or SleepWatcher(parent=self),
            parent=self,
        )
        self.idle.lock_requested.connect(lambda _reason: self.lock())

        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        self.addAction(self.settings_action)

        self.sync_now_action = QAction(self)
        self.sync_now_action.setShortcut(QKeySequence("F5"))
        self.sync_now_action.triggered.connect(self.sync_now)
        self.addAction(self.sync_now_action)
        self.enrol_action = QAction(self)
        self.enrol_action.triggered.connect(self.open_enrol)
        self.fte_action = QAction(self)
        self.fte_action.triggered.connect(lambda: self.open_fte())
        self.share_clinical_action = QAction(self)
        self.share_clinical_action.triggered.connect(lambda: self.open_share_clinical())

        # Sync runs on its own thread; these hand its events to this (the GUI) thread.
        self.dispatcher = GuiDispatcher(self)
        self.bridge = EngineBridge(self)
        self.bridge.status_changed.connect(self._sync_status_changed)
        self.bridge.revoked.connect(self._revoked)
        self.network = NetworkWatch(self)
        self.network.back_online.connect(self._network_back)
        self.sync_indicator = SyncIndicator()
        self.sync_indicator.sync_requested.connect(self.sync_now)
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.user_label = QLabel()
        self.statusBar().addPermanentWidget(self.user_label)
        # A therapist's new computer, approved by the lead, offered the clinical journals.
        self.device_offer = NewDeviceBar()
        self.device_offer.share_requested.connect(self._share_with_new_device)
        self.device_offer.declined.connect(self._decline_new_device)
        self.statusBar().addWidget(self.device_offer, 1)
        # Changes written for another team (a replaced server's): bring them into this one.
        self.stranded_bar = StrandedBar(tasks=tasks)
        self.stranded_bar.adopted.connect(self._stranded_adopted)
        self.stranded_bar.failed.connect(lambda why: self.statusBar().showMessage(why, 15000))
        self.statusBar().addWidget(self.stranded_bar, 1)
        self._offers_checking = False
        self._unsubscribe: Callable[[], None] | None = None
        self._counting = False
        self._count_again = False
        # Whether this laptop is enrolled, read once per unlock (and after enrolling): the
        # status bar asks after every autosave, and the setting's read would wait for the
        # store's lock while a sync page is being applied.
        self._enrolled: bool | None = None

        if services.profile.exists():
            self.show_unlock()
        else:
            self.setup_view = SetupView(keyring_ok=keyring_ok())
            self.setup_view.setup_requested.connect(self._create_profile)
            self.stack.addWidget(self.setup_view)
            self.stack.setCurrentWidget(self.setup_view)
        self.retranslate_ui()

    # ------------------------------------------------------------- texts

    @property
    def enrolled(self) -> bool:
        journal = self.services.journal
        if journal is None or journal.store.locked:
            return False
        if self._enrolled is None:
            try:
                self._enrolled = store_settings.device_enrolled(journal.store)
            except Locked:
                return False  # the sync thread locked it just now (a revocation)
        return self._enrolled

    def update_sync_status(self, _event: object = None) -> None:
        """The status bar's sync state: from the engine's last status and the outbox.

        The outbox count runs on the database thread (on a large unsynced profile a
        count takes ~100 ms: never on the GUI thread after each autosave), one at a
        time, and once more if changes came while it ran."""
        journal = self.services.journal
        if journal is None or journal.store.locked:
            self.sync_indicator.clear()
            return
        engine = self.services.engine
        self.sync_indicator.show_state(
            enrolled=self.enrolled, syncing=engine is not None and engine.syncing
        )
        if self._counting:
            self._count_again = True
            return
        self._counting = True
        store = journal.store

        def counted(n: object) -> None:
            self._counting = False
            if self.workspace is not None and not store.locked and isinstance(n, int):
                self.sync_indicator.show_state(enrolled=self.enrolled, pending=n)
            if self._count_again:
                self._count_again = False
                self.update_sync_status()

        def failed(_exc: BaseException) -> None:
            self._counting = False  # locked meanwhile: nothing to show

        self.tasks.run(lambda _p, _c: store.outbox_size(), on_done=counted, on_error=failed)

    def _journal_changed(self, event: ChangeEvent) -> None:
        """After any change: refresh the count, and sync a local edit soon."""
        self.update_sync_status()
        engine = self.services.engine
        if engine is not None and (not event.external or self.sync_indicator.pending):
            engine.nudge()

    def _sync_status_changed(self, status: object) -> None:
        journal = self.services.journal
        if self.workspace is None or journal is None or journal.store.locked:
            return  # locked meanwhile (by the user, or by a revocation: its signal follows)
        from app.sync_service import SyncStatus

        if isinstance(status, SyncStatus):
            self.sync_indicator.show_state(enrolled=self.enrolled, status=status, syncing=False)
            if status.online and status.last_error_code is None:
                self.stranded_bar.show_count(status.stranded)
            if status.online and status.last_error_code is None:
                self.check_new_devices()

    def _stranded_adopted(self, done: Adoption) -> None:
        """The stranded records are in this team: say so, and send them now."""
        self.statusBar().showMessage(self.stranded_bar.done_text(done), 15000)
        status = self.sync_indicator.status
        if status is not None:
            self.sync_indicator.show_state(
                enrolled=self.enrolled, status=replace(status, stranded=done.stranded)
            )
        self.update_sync_status()
        engine = self.services.engine
        if engine is not None:
            engine.sync_now()

    def check_new_devices(self) -> None:
        """After a good round on a therapist's laptop: does a computer of this therapist's
        own, approved since, lack clinical journals held here? (on the database thread)"""
        journal = self.services.journal
        if (
            journal is None
            or journal.role != THERAPIST
            or self._offers_checking
            or not self.device_offer.share_button.isEnabled()  # a share or decline runs
        ):
            return
        from app.operations.handover import new_device_offers

        self._offers_checking = True

        def found(offers: object) -> None:
            self._offers_checking = False
            if (
                self.workspace is None
                or not isinstance(offers, list)
                or not self.device_offer.share_button.isEnabled()  # answered meanwhile
            ):
                return
            self.device_offer.show_offer(offers[0] if offers else None)

        def failed(_exc: BaseException) -> None:
            self._offers_checking = False  # locked meanwhile

        self.tasks.run(lambda _p, _c: new_device_offers(journal), on_done=found, on_error=failed)

    def _share_with_new_device(self, offer: NewDeviceOffer) -> None:
        """*Del*: every clinical journal held here goes to that computer (network task)."""
        journal = self.services.journal
        if journal is None:
            return
        from app.operations.handover import share_with_new_device

        service = self.services.sync_service()

        def shared(done: ClinicalShare) -> None:
            self.device_offer.show_offer(None)
            self.statusBar().showMessage(
                self.tr("Clinical journals shared with %1: %2.")
                .replace("%1", offer.device_name)
                .replace("%2", str(len(done.participants))),
                15000,
            )
            self.check_new_devices()

        def failed(exc: BaseException) -> None:
            self.device_offer.set_busy(False)  # the offer stays; one sentence says why
            self.statusBar().showMessage(describe(exc), 15000)

        self.tasks.run(
            lambda _p, _c: share_with_new_device(service, journal, offer=offer),
            network=True,
            on_done=shared,
            on_error=failed,
        )

    def _decline_new_device(self, offer: NewDeviceOffer) -> None:
        """*Ikke nå*: this laptop does not offer that computer again."""
        journal = self.services.journal
        if journal is None:
            return
        from app.operations.handover import decline_new_device

        def declined(_none: object) -> None:
            self.device_offer.show_offer(None)
            self.check_new_devices()  # another new computer, if any

        self.tasks.run(
            lambda _p, _c: decline_new_device(journal, device_id=offer.device_id),
            on_done=declined,
            on_error=lambda exc: self.statusBar().showMessage(describe(exc), 15000),
        )

    def _start_sync(self) -> None:
        if self.workspace is None:
            return
        self.services.start_sync(on_status=self.bridge.on_status, on_revoked=self.bridge.on_revoked)
        self.update_sync_status()
        self.retranslate_ui()

    def _network_back(self) -> None:
        engine = self.services.engine
        if engine is not None:
            engine.network_up()

    def sync_now(self) -> None:
        """F5 or a click on the sync status: a round now, or one sentence on why not."""
        if self.workspace is None:
            return
        engine = self.services.engine
        if engine is not None:
            self.sync_indicator.show_state(enrolled=True, syncing=True)
            engine.sync_now()
            return
        texts = SyncTexts(self)
        why = texts.nothing_to_sync() if not self.enrolled else texts.not_running()
        self.statusBar().showMessage(why, 15000)

    def open_enrol(self) -> None:
        """Connect this laptop to the team's server (one-time code), then sync in the background."""
        if self.workspace is None or self.enrolled:
            return
        from ui.enrol_dialog import EnrolDialog

        service = self.services.sync_service()
        dialog = EnrolDialog(
            enrol=service.enrol,
            tasks=self.tasks,
            server_url=self.services.settings.server_url,
            parent=self,
        )
        if dialog.exec() and dialog.enrolled:
            self._enrolled = None
            self._start_sync()
            self.statusBar().showMessage(
                self.tr("Connected. The team lead must approve this computer before it syncs."),
                15000,
            )

    def _share_clinical(self, to: str, participant_ids: Sequence[str]) -> ClinicalShare:
        """Off the GUI thread: the clinical journals held here go to ``to``'s computers."""
        from app.operations.handover import share_clinical

        return share_clinical(self.services.sync_service(), to=to, participant_ids=participant_ids)

    def open_share_clinical(self) -> ShareClinicalDialog | None:
        """A therapist shares every clinical journal held here with a therapist's computers
        (a colleague covering, or their own new laptop once the team lead approved it)."""
        journal = self.services.journal
        if journal is None or journal.role != THERAPIST or not self.enrolled:
            return None
        from ui.handover_dialog import ShareClinicalDialog, clinical_share_text

        dialog = ShareClinicalDialog(journal=journal, parent=self)

        def share() -> None:
            to = dialog.therapist()
            self.statusBar().showMessage(self.tr("Sharing the clinical journals…"))

            def run(_p: object, _c: object) -> ClinicalShare:
                from app.operations.handover import clinical_held

                everyone = [p.id for p in journal.participants()]
                return self._share_clinical(to, clinical_held(journal, everyone))

            self.tasks.run(
                run,
                network=True,
                on_done=lambda shared: self.statusBar().showMessage(
                    clinical_share_text(shared, to), 15000
                ),
                on_error=lambda exc: self.statusBar().showMessage(describe(exc), 15000),
            )

        dialog.accepted.connect(share)
        dialog.open()
        return dialog

    def open_fte(self) -> FteDialog | None:
        """A team lead sets each job specialist's FTE (caseload per FTE divides by it)."""
        journal = self.services.journal
        if journal is None or journal.role != TEAM_LEAD:
            return None
        from app.operations.team import fte_lines
        from ui.fte_dialog import FteDialog

        dialog = FteDialog(journal=journal, lines=fte_lines(journal), parent=self)
        dialog.open()
        return dialog

    def _revoked(self) -> None:
        """The server said this device is revoked: its keys are already erased; close all."""
        message = SyncTexts(self).problem("revoked")
        self.lock()
        self.unlock_view.show_error(message)
        QMessageBox.warning(self, self.tr("Computer revoked"), message)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Feltjournal"))
        self.update_sync_status()
        self.lock_action.setText(self.tr("&Lock"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.sync_now_action.setText(self.tr("S&ync now"))
        self.enrol_action.setText(self.tr("&Connect to server…"))
        unlocked = self.workspace is not None
        self.sync_now_action.setEnabled(unlocked)
        self.enrol_action.setEnabled(unlocked and not self.enrolled)
        menu = self.menuBar()
        menu.clear()
        file_menu = menu.addMenu(self.tr("&Feltjournal"))
        if unlocked:
            file_menu.addAction(self.sync_now_action if self.enrolled else self.enrol_action)
        self.share_clinical_action.setText(self.tr("Share &clinical journals…"))
        journal = self.services.journal
        if unlocked and self.enrolled and journal is not None and journal.role == THERAPIST:
            file_menu.addAction(self.share_clinical_action)
        self.fte_action.setText(self.tr("Job specialists' &FTE…"))
        if unlocked and journal is not None and journal.role == TEAM_LEAD:
            file_menu.addAction(self.fte_action)
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self.lock_action)
        if self.workspace is not None:
            self.workspace.add_menu_actions(menu)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --------------------------------------------------------- lifecycle

    def show_unlock(self) -> None:
        info = self.services.profile.info() if self.services.profile.exists() else None
        self.unlock_view.reset()
        self.stack.setCurrentWidget(self.unlock_view)
        self.user_label.setText("")
        if info is not None and info.failed_unlocks:
            self.unlock_view.show_error(
                self.tr("%n failed attempt(s) since the last unlock.", "", info.failed_unlocks)
            )

    def _create_profile(self, choice: SetupChoice) -> None:
        self._apply_language(choice.language)
        self.services.settings = Settings(
            **{**self.services.settings.to_mapping(), "language": choice.language}
        ).validated()
        save_settings(self._qsettings, self.services.settings)

        def work(_progress: object, _cancelled: object) -> Journal:
            self.services.create_profile(
                user_name=choice.name,
                role=choice.role,
                passphrase=choice.passphrase,
                file_keystore=choice.file_keystore,
            )
            return self.services.unlock(choice.passphrase)

        self.tasks.run(
            work,
            on_done=self._unlocked,
            on_error=lambda exc: (
                self.setup_view.show_error(describe(exc)) if self.setup_view else None
            ),
        )

    def _unlock(self, passphrase: str) -> None:
        def failed(exc: BaseException) -> None:
            self.unlock_view.show_error(describe(exc))
            if isinstance(exc, DatabaseUnreadable):
                self.show_damaged_database(exc, passphrase=passphrase)

        self.tasks.run(
            lambda _p, _c: self.services.unlock(passphrase),
            on_done=self._unlocked,
            on_error=failed,
        )

    def _task_failed(self, exc: object) -> None:
        # Whichever view met a damaged database, the user learns it once, here.
        if isinstance(exc, DatabaseUnreadable):
            self.show_damaged_database(exc)

    def show_damaged_database(
        self, exc: DatabaseUnreadable, *, passphrase: str | None = None
    ) -> None:
        """A dialog with the one sentence; at unlock it offers to restore the backup it names."""
        if self.damage_dialog is not None and self.damage_dialog.isVisible():
            return
        dialog = QMessageBox(self)
        dialog.setIcon(QMessageBox.Icon.Critical)
        dialog.setWindowTitle(self.tr("The journal database cannot be used"))
        dialog.setText(describe(exc))
        if passphrase is not None and exc.backup:
            backup = Path(exc.backup)
            restore = dialog.addButton(
                self.tr("Restore this backup"), QMessageBox.ButtonRole.AcceptRole
            )
            restore.clicked.connect(lambda: self._restore_backup(passphrase, backup))
        dialog.addButton(QMessageBox.StandardButton.Close)
        self.damage_dialog = dialog
        dialog.open()

    def _restore_backup(self, passphrase: str, backup: Path) -> None:
        self.tasks.run(
            lambda _p, _c: self.services.restore_and_unlock(passphrase, backup),
            on_done=self._unlocked,
            on_error=lambda exc: self.unlock_view.show_error(describe(exc)),
        )

    def _unlocked(self, journal: Journal) -> None:
        self._enrolled = None
        if self.setup_view is not None:
            self.stack.removeWidget(self.setup_view)
            self.setup_view.deleteLater()
            self.setup_view = None
        if journal.role == CENTRAL:
            from ui.central_workspace import CentralWorkspace

            self.workspace = CentralWorkspace(journal=journal, tasks=self.tasks)
        else:
            self.workspace = Workspace(
                journal=journal,
                tasks=self.tasks,
                clipboard=self.clipboard,
                share_clinical=self._share_clinical,
            )
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.user_label.setText(f"{journal.user_name}")
        self.stranded_bar.journal = journal
        journal.dispatch = self.dispatcher.post
        self.tasks.attach(journal.executor)  # database tasks queue with its writes
        self._unsubscribe = journal.subscribe(self._journal_changed)
        self.idle.set_idle_minutes(self.services.settings.idle_lock_minutes)
        self.retranslate_ui()
        self.workspace.setFocus()
        # The daily backup copies through its own connection (many seconds on a large
        # profile): off the database thread, so opening a participant never waits for it.
        self.tasks.run(
            lambda _p, _c: self.services.backup_if_due(), on_done=self._backup_done, network=True
        )
        # After the first paint: sync is never on the way to the caseload.
        QTimer.singleShot(0, self._start_sync)

    def _backup_done(self, _made: object) -> None:
        if "backup_failed" in self.services.notices:
            self.services.notices.remove("backup_failed")
            self.statusBar().showMessage(self.tr("The daily backup could not be written."), 10000)

    def lock(self) -> None:
        """Hide all data, forget keys, clear our clipboard, show the unlock screen."""
        if self.workspace is None:
            return
        self.services.stop_sync(wait=False)  # a round in flight ends on the locked store
        self.tasks.wait_idle()
        ws, self.workspace = self.workspace, None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        ws.shutdown()
        self.stack.removeWidget(ws)
        ws.deleteLater()
        self.tasks.attach(None)
        self.device_offer.show_offer(None)
        self.stranded_bar.journal = None
        self.stranded_bar.show_count(0)
        self.services.lock()
        self._enrolled = None
        self.clipboard.clear_if_ours()
        self.retranslate_ui()
        self.show_unlock()

    def open_settings(self) -> None:
        dialog = SettingsDialog(settings=self.services.settings, parent=self)
        if dialog.exec():
            new = dialog.result_settings()
            if new.language != self.services.settings.language:
                self._apply_language(new.language)
            self.services.settings = new
            save_settings(self._qsettings, new)
            self.idle.set_idle_minutes(new.idle_lock_minutes)

    def show_on_screen(self) -> None:
        """Show the window where it was last (size and maximised), always inside the
        screen's free area; the first time maximised when 1280×800 does not fit."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry()
        room_w, room_h = free.width() - FRAME_ALLOWANCE[0], free.height() - FRAME_ALLOWANCE[1]
        self.setMinimumSize(min(LEAST_SIZE[0], room_w), min(LEAST_SIZE[1], room_h))
        state = load_window_state(self._qsettings)
        restored = state.geometry is not None and self.restoreGeometry(state.geometry)
        if not restored:
            width, height = PREFERRED_SIZE
            self.resize(min(width, room_w), min(height, room_h))
            self.move(
                free.x() + max(0, (free.width() - self.width()) // 2),
                free.y() + max(0, (free.height() - self.height()) // 3),
            )
        else:
            self.resize(min(self.width(), room_w), min(self.height(), room_h))
            x = min(max(self.x(), free.x()), free.right() - self.width())
            y = min(max(self.y(), free.y()), free.bottom() - self.height())
            self.move(max(x, free.x()), max(y, free.y()))
        too_small = PREFERRED_SIZE[0] > room_w or PREFERRED_SIZE[1] > room_h
        if state.maximised or (not restored and too_small):
            self.showMaximized()
        else:
            self.show()

    def remember_placement(self) -> None:
        save_window_state(
            self._qsettings,
            WindowState(geometry=self.saveGeometry(), maximised=self.isMaximized()),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.workspace is not None and not self.workspace.ready_to_close():
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved text"),
                self.tr("A note is still being saved. Close anyway?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.remember_placement()
        self.lock()
        self.idle.stop()
        self.services.stop_sync(wait=True)
        event.accept()
