"""Open every screen and dialog on demo profiles, and check (or photograph) each one.

    QT_QPA_PLATFORM=offscreen python -m tools.screen_audit [--lang nb|en] [--scale 2]

Prints one line per defect ("screen: widget: what is wrong") and exits 1 when there
is any. The checks, on every visible widget of a screen:

- it is smaller than the least size its layout promises it (minimum size, or minimum
  size hint): a squashed field;
- it lies (partly) outside its parent's rectangle: a clipped widget;
- a combo box's current text is wider than its text area: a cut choice ("Quarte");
- a tab bar's tabs need more width than it has (they scroll behind arrows);
- a table's columns need more width than it has (some lie behind a sideways scroll bar),
  unless the table was let scroll sideways (ui.widgets.tables);
- in bokmål, a text it shows is an English source string that has a bokmål translation.

``--scale 2`` asks Qt for 200 % scaling (QT_SCALE_FACTOR) on a 2732×1536 offscreen
screen, so the window is 1366×768 logical pixels drawn at device pixel ratio 2.
tools/screenshots.py takes its pictures on the same tour.
"""

# ruff: noqa: E402 (the screen is set before Qt is imported)
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tools.screen_env import use_laptop_screen

PASSPHRASE = "demo-passord-for-bilder"
ROOT = Path(__file__).resolve().parents[1]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="nb", choices=("nb", "en"))
    parser.add_argument("--scale", type=int, default=1, choices=(1, 2))
    parser.add_argument("--only", default="", help="audit only screens whose name has this")
    return parser.parse_args()


if __name__ == "__main__":
    # The screen is chosen before Qt is imported.
    use_laptop_screen(_arguments().scale)

import keyring
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QWidget,
)

from app.central.demo import fill_central_demo
from app.composition import build_app
from app.demo import fill_demo
from app.domain.access import CENTRAL, JOB_SPECIALIST, THERAPIST
from app.journal import Journal
from app.settings import Settings
from storage.crypto import KdfParams
from storage.profile import Profile
from tests.storage.keyring_backends import InMemoryKeyring
from ui.app import load_stylesheet
from ui.i18n import Translator, translations_dir
from ui.main_window import MainWindow
from ui.participant_view import ParticipantView
from ui.tasks import TaskRunner
from ui.widgets.tables import scrolls_sideways
from ui.workspace import Workspace

# --------------------------------------------------------------------------- checks


def untranslated_sources(language: str = "nb") -> frozenset[str]:
    """English source strings that have a different translation in ``language``."""
    ts = translations_dir() / f"feltjournal_{language}.ts"
    if not ts.exists():
        ts = ROOT / "resources" / "translations" / f"feltjournal_{language}.ts"
    found: set[str] = set()
    for message in ET.parse(ts).getroot().iter("message"):
        if message.get("numerus") == "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = translation.text if translation is not None else None
        if text and translation is not None and translation.get("type") != "unfinished":
            plain = _plain(source)
            if plain != _plain(text) and len(plain) > 1 and "%" not in plain:
                found.add(plain)
    return frozenset(found)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def describe_widget(widget: QWidget) -> str:
    """A name a developer finds the widget by: object name, accessible name, or its text."""
    kind = type(widget).__name__
    for name in (widget.objectName(), widget.accessibleName()):
        if name and not name.startswith("qt_"):
            return f"{kind} '{name}'"
    text = _texts(widget)
    if text:
        return f"{kind} '{text[0][:40]}'"
    parent = widget.parentWidget()
    return f"{kind} in {describe_widget(parent)}" if parent is not None else kind


def _texts(widget: QWidget) -> list[str]:
    texts: list[str] = []
    if isinstance(widget, QLabel):
        if widget.textFormat() != Qt.TextFormat.RichText:
            texts.append(widget.text())
    elif isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    elif isinstance(widget, QComboBox):
        texts.extend(widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QTabBar):
        texts.extend(widget.tabText(i) for i in range(widget.count()))
    elif isinstance(widget, QHeaderView) and widget.model() is not None:
        for section in range(widget.count()):
            value = widget.model().headerData(
                section, widget.orientation(), Qt.ItemDataRole.DisplayRole
            )
            if isinstance(value, str):
                texts.append(value)
    if widget.isWindow():
        texts.append(widget.windowTitle())
    return [_plain(t) for t in texts if t and t.strip()]


def _least_size(widget: QWidget) -> tuple[int, int]:
    """The size a layout never goes below for this widget (Qt's qSmartMinSize)."""
    hint = widget.minimumSizeHint()
    policy = widget.sizePolicy()
    ignored = QSizePolicy.Policy.Ignored
    width = widget.minimumWidth() or (
        0 if policy.horizontalPolicy() == ignored else max(hint.width(), 0)
    )
    height = widget.minimumHeight() or (
        0 if policy.verticalPolicy() == ignored else max(hint.height(), 0)
    )
    if widget.hasHeightForWidth() and not widget.minimumHeight():
        height = min(height, max(widget.heightForWidth(widget.width()), 0))
    return width, height


def _inside_scrolled_content(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    return parent is not None and parent.objectName() == "qt_scrollarea_viewport"


def _placed_by_layout(widget: QWidget) -> bool:
    """False for the parts a complex widget places itself (an item view's headers)."""
    parent = widget.parentWidget()
    return not _internal(widget) and not isinstance(parent, QAbstractScrollArea)


def _internal(widget: QWidget) -> bool:
    """Qt's own parts of a complex widget (scroll bars' containers, a combo box's list …)."""
    parent = widget.parentWidget()
    return widget.objectName().startswith("qt_") or isinstance(parent, QComboBox)


def columns_out_of_sight(table: QTableView) -> list[str]:
    """The headings of a table's shown columns that do not fit wholly in its width, as it
    opens (scrolled to the left): to see them, the user would have to scroll sideways."""
    header = table.horizontalHeader()
    model = table.model()
    if header.isHidden() or model is None:
        return []
    width = table.viewport().width()
    out: list[str] = []
    for column in range(header.count()):
        if header.isSectionHidden(column) or header.sectionSize(column) == 0:
            continue
        if header.sectionPosition(column) + header.sectionSize(column) > width + 1:
            title = model.headerData(column, Qt.Orientation.Horizontal)
            out.append(f"'{title}'" if isinstance(title, str) else str(column))
    return out


def audit_widget(
    top: QWidget, screen: str, untranslated: frozenset[str] = frozenset()
) -> list[str]:
    """Every layout or language defect on the visible widgets of ``top``."""
    found: list[str] = []
    free = top.screen().availableGeometry()
    if top.isWindow() and not free.contains(top.frameGeometry()):
        frame = top.frameGeometry()
        found.append(
            f"{screen}: {describe_widget(top)}: the window ({frame.x()},{frame.y()} "
            f"{frame.width()}×{frame.height()}) reaches outside the screen's free area "
            f"({free.width()}×{free.height()})"
        )
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible() or (widget.isWindow() and widget is not top):
            continue
        if widget is not top and widget.window() is not top:
            continue
        name = describe_widget(widget)
        least_w, least_h = _least_size(widget)
        if _placed_by_layout(widget) and (
            widget.width() + 1 < least_w or widget.height() + 1 < least_h
        ):
            found.append(
                f"{screen}: {name}: squashed to {widget.width()}×{widget.height()} px, "
                f"needs {least_w}×{least_h}"
            )
        parent = widget.parentWidget()
        if (
            parent is not None
            and widget is not top
            and not _inside_scrolled_content(widget)
            and not _internal(widget)
        ):
            rect, outer = widget.geometry(), parent.rect()
            if (
                rect.left() < -1
                or rect.top() < -1
                or rect.right() > outer.right() + 1
                or rect.bottom() > outer.bottom() + 1
            ):
                found.append(
                    f"{screen}: {name}: clipped by its parent {describe_widget(parent)} "
                    f"({rect.x()},{rect.y()} {rect.width()}×{rect.height()} outside "
                    f"{outer.width()}×{outer.height()})"
                )
        if isinstance(widget, QComboBox) and not widget.isEditable() and widget.currentText():
            option = QStyleOptionComboBox()
            widget.initStyleOption(option)
            field = widget.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox,
                option,
                QStyle.SubControl.SC_ComboBoxEditField,
                widget,
            )
            needed = widget.fontMetrics().horizontalAdvance(widget.currentText())
            if needed > field.width():
                found.append(
                    f"{screen}: {name}: shows '{widget.currentText()}' cut "
                    f"({needed} px of text in {field.width()} px)"
                )
        if isinstance(widget, QTabBar) and widget.usesScrollButtons():
            needed = sum(widget.tabSizeHint(i).width() for i in range(widget.count()))
            if needed > widget.width() + 1:
                found.append(
                    f"{screen}: {name}: its tabs need {needed} px and have "
                    f"{widget.width()} px (they scroll behind arrows)"
                )
        if isinstance(widget, QTableView) and not scrolls_sideways(widget):
            hidden = columns_out_of_sight(widget)
            if hidden:
                found.append(
                    f"{screen}: {name}: the columns {', '.join(hidden)} lie behind a "
                    f"sideways scroll bar ({widget.horizontalHeader().length()} px of columns "
                    f"in {widget.viewport().width()} px)"
                )
        for text in _texts(widget):
            if text in untranslated:
                found.append(f"{screen}: {name}: untranslated text '{text}'")
    return found


# ----------------------------------------------------------------------------- tour


@dataclass
class Tour:
    """The application and the demo profiles a tour walks through."""

    app: QApplication
    root: Path
    language: str
    today: date

    def settle(self, tasks: TaskRunner, rounds: int = 6) -> None:
        for _ in range(rounds):
            tasks.wait_idle()
            self.app.processEvents()

    def window(self, profile_dir: Path, *, keyring_ok: bool = True) -> MainWindow:
        qs = QSettings(str(self.root / f"{profile_dir.name}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            services=build_app(Settings(language=self.language), profile_dir=profile_dir),
            tasks=TaskRunner(),
            qsettings=qs,
            keyring_ok=lambda: keyring_ok,
        )
        window.show_on_screen()  # as the application starts: maximised on a laptop
        self.settle(window.tasks)
        return window

    def unlock(self, window: MainWindow) -> None:
        window.unlock_view.passphrase.setText(PASSPHRASE)
        window.unlock_view.button.click()
        for _ in range(400):
            self.settle(window.tasks, 1)
            if window.workspace is not None:
                break
        self.settle(window.tasks)

    def make_profile(self, role: str, name: str, participants: int) -> Path:
        path = self.root / role
        profile = Profile(path)
        profile.create(
            user_name=name, role=role, passphrase=PASSPHRASE, kdf=KdfParams.fast_for_tests()
        )
        store = profile.unlock(PASSPHRASE)
        if role == CENTRAL:
            try:
                fill_central_demo(store, today=self.today)
            finally:
                store.lock()
            return path
        journal = Journal(store, today=lambda: self.today)
        fill_demo(journal, participants=participants, seed=7, today=self.today)
        journal.store.lock()
        return path


Shot = tuple[str, QWidget]


def tour(t: Tour, *, participants: int = 24) -> Iterator[Shot]:
    """Each screen and dialog in turn, as (name, the widget to check or photograph)."""
    window = t.window(t.root / "fresh")
    yield "01-first-run", window
    window.close()
    window = t.window(t.root / "fresh-nokeyring", keyring_ok=False)
    yield "01-first-run-no-keyring", window
    window.showMaximized()
    t.settle(window.tasks)
    yield "01-first-run-no-keyring-maximised", window
    window.close()

    specialist = t.make_profile(JOB_SPECIALIST, "Kari Nordmann", participants)
    window = t.window(specialist)
    yield "02-unlock", window
    t.unlock(window)
    ws = window.workspace
    assert isinstance(ws, Workspace)
    yield "03-caseload", window
    yield from _caseload_dialogs(t, window, ws)
    ws.open_participant(ws.caseload.visible_ids()[0])
    t.settle(window.tasks)
    pv = ws.participant
    assert pv is not None
    for i in range(pv.tabs.count()):
        pv.tabs.setCurrentIndex(i)
        t.settle(window.tasks, 2)
        yield f"04-participant-{i + 1:02d}", window
    yield from _participant_dialogs(t, window, pv)
    ws.nav.setCurrentRow(1)
    t.settle(window.tasks)
    yield "05-employers", window
    yield from _employer_dialogs(t, window, ws)
    ws.nav.setCurrentRow(2)
    t.settle(window.tasks, 12)
    yield "06-reports", window
    yield from _window_dialogs(t, window)
    window.lock()
    window.close()

    therapist = t.make_profile(THERAPIST, "Tore Terapeut", participants)
    window = t.window(therapist)
    t.unlock(window)
    ws = window.workspace
    assert isinstance(ws, Workspace)
    ws.caseload.mine_only.setChecked(False)
    t.settle(window.tasks)
    yield "07-therapist-caseload", window
    ws.open_participant(ws.caseload.visible_ids()[0])
    t.settle(window.tasks)
    pv = ws.participant
    assert pv is not None
    for i in range(pv.tabs.count()):
        pv.tabs.setCurrentIndex(i)
        t.settle(window.tasks, 2)
        yield f"07-therapist-{i + 1:02d}", window
    window.lock()
    window.close()

    central = t.make_profile(CENTRAL, "Siri Sentral", participants)
    window = t.window(central)
    t.unlock(window)
    t.settle(window.tasks, 12)
    yield "08-central", window
    window.lock()
    window.close()


def _opened(t: Tour, window: MainWindow, name: str, dialog: QDialog) -> Iterator[Shot]:
    """A dialog once its contents have loaded; closed after it was looked at."""
    dialog.show()
    t.settle(window.tasks, 6)
    yield name, dialog
    dialog.close()


def _caseload_dialogs(t: Tour, window: MainWindow, ws: Workspace) -> Iterator[Shot]:
    from ui.caseload_view import NewParticipantDialog

    yield from _opened(t, window, "10-new-participant", NewParticipantDialog(parent=ws.caseload))


def _participant_dialogs(t: Tour, window: MainWindow, pv: ParticipantView) -> Iterator[Shot]:
    from ui.participant_tabs.sections import RecordListPanel, RecordSection

    pv.tabs.setCurrentIndex(0)
    t.settle(window.tasks, 2)
    section = pv.findChild(RecordSection)
    if section is not None:
        yield from _opened(t, window, "11-record-dialog", section.add())
    for i in range(pv.tabs.count()):
        page = pv.tabs.widget(i)
        panel = page.findChild(RecordListPanel) if page is not None else None
        if panel is not None and panel.record_type == "employer_contact":
            pv.tabs.setCurrentIndex(i)
            t.settle(window.tasks, 2)
            added = panel.add()
            if isinstance(added, QDialog):
                yield from _opened(t, window, "12-participant-employer-contact", added)
    yield from _opened(t, window, "13-access-log", pv.open_access_log())
    yield from _opened(t, window, "14-meeting-summary", pv.request_meeting_summary())


def _employer_dialogs(t: Tour, window: MainWindow, ws: Workspace) -> Iterator[Shot]:
    view = ws.employers
    yield from _opened(t, window, "15-visit-form", view.open_visit_form())
    yield from _opened(t, window, "16-new-employer", view.open_new_employer())


def _window_dialogs(t: Tour, window: MainWindow) -> Iterator[Shot]:
    from ui.enrol_dialog import EnrolDialog
    from ui.settings_dialog import SettingsDialog

    settings = SettingsDialog(settings=window.services.settings, parent=window)
    yield from _opened(t, window, "17-settings", settings)
    enrol = EnrolDialog(
        enrol=lambda *_a: None,
        tasks=window.tasks,
        server_url="https://feltjournal.ips-vest.no",
        parent=window,
    )
    enrol.code_edit.setText("K7QX-M2PL-9RTA-WW4C.3f9a1c0d5e7b2a64")
    yield from _opened(t, window, "09-enrol", enrol)


def run_tour(
    language: str, visit: Callable[[str, QWidget], None], *, participants: int = 24
) -> None:
    """Walk the tour on throwaway profiles (an in-memory keyring), calling ``visit`` on each."""
    keyring.set_keyring(InMemoryKeyring())
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    Translator(app).apply(language)
    app.setStyleSheet(load_stylesheet())
    with tempfile.TemporaryDirectory() as tmp:
        t = Tour(app=app, root=Path(tmp), language=language, today=date.today())
        for name, widget in tour(t, participants=participants):
            visit(name, widget)


def main() -> int:
    args = _arguments()
    untranslated = untranslated_sources() if args.lang == "nb" else frozenset()
    found: list[str] = []
    seen: list[str] = []

    def visit(name: str, widget: QWidget) -> None:
        if args.only and args.only not in name:
            return
        seen.append(name)
        screen = widget.screen()
        ratio = widget.devicePixelRatio()
        label = f"{name} @{ratio:g}x {screen.size().width()}×{screen.size().height()}"
        found.extend(audit_widget(widget, label, untranslated))

    run_tour(args.lang, visit, participants=10)
    print(json.dumps({"screens": seen, "defects": found}, ensure_ascii=False, indent=1))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
