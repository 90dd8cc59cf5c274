"""Names the dead-code check (vulture, run by `make lint`) cannot see used.

Qt calls its virtual methods (camelCase) itself; some attributes only keep an
object alive or describe a wire type. Each entry is a real reference, so mypy
fails here when the name is removed: delete the line with it. Names that cannot
be referenced from here (nested functions, parameters, pytest fixtures) are in
``[tool.vulture] ignore_names`` in pyproject.toml.
"""

from __future__ import annotations

from app.indicators import Checkpoint, FidelityTotal
from storage.db import CipherConnection
from storage.store import ApplyResult
from sync.protocol import Programme
from ui import qt_strings
from ui.caseload_view import CaseloadFilter
from ui.employers_register import EmployerFilterProxy
from ui.main_window import MainWindow
from ui.participant_tabs.exposure import _CellDelegate
from ui.participant_tabs.plan import PlanDelegate
from ui.participant_view import ParticipantView
from ui.power import SleepWatcher
from ui.search_results import HitDelegate
from ui.settings_dialog import SettingsDialog
from ui.sync_status import NetworkWatch

USED_UNSEEN = (
    # Qt's virtual methods.
    MainWindow.closeEvent,
    CaseloadFilter.filterAcceptsRow,
    HitDelegate.paint,
    EmployerFilterProxy.filterAcceptsRow,
    _CellDelegate.createEditor,
    _CellDelegate.setEditorData,
    _CellDelegate.setModelData,
    PlanDelegate.createEditor,
    PlanDelegate.setEditorData,
    PlanDelegate.setModelData,
    # A Qt slot QtDBus calls by its signature (SLOT("_prepare_for_sleep(bool)")).
    SleepWatcher._prepare_for_sleep,
    # sqlite3.Connection's interface, refused on purpose.
    CipherConnection.enable_load_extension,
    # Strings for the translation tools only.
    qt_strings.PLATFORM_THEME_BUTTONS,
    qt_strings.GNOME_THEME_BUTTONS,
    # Describes a wire value.
    Programme,
)


def _instance_attributes(
    view: ParticipantView,
    dialog: SettingsDialog,
    watch: NetworkWatch,
    total: FidelityTotal,
    checkpoint: Checkpoint,
    applied: ApplyResult,
) -> tuple[object, ...]:
    """Attributes kept to hold a reference or to describe a value fully."""
    return (
        view.summary_task,
        dialog._settings,
        watch.available,
        total.items_on_scale,
        checkpoint.window_start,
        applied.dropped_purged,
    )
