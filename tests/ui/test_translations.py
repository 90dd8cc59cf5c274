"""The translation catalogues: up to date with the code, complete in bokmål, English plurals.

The default UI language is bokmål; the English source strings live in the code and
feltjournal_en.ts only carries the English plural forms. These tests fail when
someone adds a tr() string without running ``python -m tools.translations`` and
translating it, or grows the schema without labels.
"""

from __future__ import annotations

import ast
import gc
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.schema import ENTITIES
from app.journal import Journal
from tests.ui.test_participant_view import populate
from tools import translations
from ui.caseload_view import CaseloadView
from ui.i18n import Translator
from ui.labels import CHOICE_LABELS, FIELD_LABELS, NEW_RECORD_TITLES, TYPE_LABELS, new_record_title
from ui.lock_guard import ClipboardGuard
from ui.meeting_pdf import (
    ConsentRequired,
    MeetingSummaryDialog,
    build_meeting_html,
    collect_meeting_summary,
    write_meeting_summary,
)
from ui.note_editor import NoteEditor
from ui.participant_view import ParticipantView
from ui.record_form import RecordForm
from ui.tasks import TaskRunner

TS_DIR = translations.TS_DIR
UI_DIR = translations.ROOT / "ui"
PLACEHOLDER = re.compile(r"%(?:\d+|n)")
SB = QDialogButtonBox.StandardButton


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    translation: ET.Element
    comment: str = ""

    @property
    def forms(self) -> list[str]:
        if self.numerus:
            return [nf.text or "" for nf in self.translation.findall("numerusform")]
        return [self.translation.text or ""]


def _messages(lang: str) -> list[Message]:
    root = ET.parse(TS_DIR / f"feltjournal_{lang}.ts").getroot()
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            translation = m.find("translation")
            assert translation is not None, (name, m.findtext("source"))
            out.append(
                Message(
                    name,
                    m.findtext("source") or "",
                    m.get("numerus") == "yes",
                    translation,
                    m.findtext("comment") or "",
                )
            )
    return out


def _accelerators(text: str) -> int:
    """How many '&' mark an accelerator ("&&" is a literal ampersand)."""
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


def _drop_leftover_widgets() -> None:
    """Installing a translator sends LanguageChange to every widget still alive, so
    hidden widgets that earlier tests left behind would get it too (and tests that
    end without closing a window leave some). Delete our hidden top-level widgets
    first (never Qt's own, such as the tooltip label), so that a test sees only the
    widgets it made."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    for widget in QApplication.topLevelWidgets():
        if not widget.isVisible() and type(widget).__module__.split(".")[0] == "ui":
            shiboken6.delete(widget)


@pytest.fixture
def translator() -> Iterator[Translator]:
    """A Translator on the test QApplication; removed again afterwards, so that other
    tests keep seeing the English source strings."""
    app = QApplication.instance()
    assert app is not None
    _drop_leftover_widgets()
    locale = QLocale()
    t = Translator(app)
    try:
        yield t
    finally:
        for qt_translator in (t._ours, t._qt):
            app.removeTranslator(qt_translator)
            qt_translator.deleteLater()
        QLocale.setDefault(locale)


def _switch(translator: Translator, language: str) -> None:
    """Switch languages and deliver the LanguageChange that Qt posts to the windows."""
    assert translator.apply(language)
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


# ------------------------------------------------------------------ catalogue files


def test_catalogues_are_up_to_date_with_the_code() -> None:
    # lupdate (from ui/**/*.py) and lrelease would change nothing.
    assert translations.check() == []


def test_every_bokmal_message_is_translated() -> None:
    messages = _messages("nb")
    assert len(messages) > 600
    problems = []
    for m in messages:
        where = f"{m.context}: {m.source!r}"
        if m.translation.get("type") is not None:
            problems.append(f"{where} is {m.translation.get('type')}")
            continue
        forms = m.forms
        if m.numerus and len(forms) != 2:
            problems.append(f"{where} needs two plural forms, has {len(forms)}")
        for form in forms:
            if not form.strip():
                problems.append(f"{where} has an empty translation")
                continue
            missing = set(PLACEHOLDER.findall(m.source)) - set(PLACEHOLDER.findall(form))
            if m.numerus and "%n" not in form:
                missing.add("%n")
            if missing:
                problems.append(f"{where} lacks {sorted(missing)} in {form!r}")
            if _accelerators(m.source) != _accelerators(form):
                problems.append(f"{where} accelerator '&' not kept in {form!r}")
            if m.source.endswith("…") != form.endswith("…"):
                problems.append(f"{where} trailing '…' not kept in {form!r}")
    assert problems == []


def test_english_catalogue_has_finished_plural_forms() -> None:
    numerus = [m for m in _messages("en") if m.numerus]
    assert numerus, "no numerus messages found"
    problems = []
    for m in numerus:
        forms = m.forms
        if m.translation.get("type") is not None:
            problems.append(f"{m.source!r} is {m.translation.get('type')}")
        if len(forms) != 2 or not all(f.strip() for f in forms):
            problems.append(f"{m.source!r} needs two non-empty forms, has {forms}")
        if any("(s)" in f or "(ies)" in f or "%n" not in f for f in forms):
            problems.append(f"{m.source!r} has forms {forms}")
    assert problems == []


def test_both_catalogues_hold_the_same_messages() -> None:
    def keys(lang: str) -> list[tuple[str, str]]:
        # Order carries no meaning in a catalogue; the set of messages does.
        return sorted((m.context, m.source) for m in _messages(lang))

    assert keys("nb") == keys("en")


# ------------------------------------------------------------------ literals in the code


@dataclass(frozen=True)
class Literal:
    where: str
    context: str
    source: str
    comment: str
    numerus: bool


def _text(node: ast.expr | None) -> str | None:
    """A string literal's value (implicit concatenation is one Constant), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _code_literals() -> list[Literal]:
    """Every translatable literal in ui/, found the way lupdate finds them:
    QCoreApplication.translate("Context", "text"[, "comment"[, n]]),
    QT_TRANSLATE_NOOP("Context", "text") and self.tr("text"[, "comment"[, n]]) (the
    context is the enclosing class)."""
    found: list[Literal] = []
    for path in sorted(UI_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes: list[str] = []

        def visit(node: ast.AST, classes: list[str] = classes, path: Path = path) -> None:
            if isinstance(node, ast.ClassDef):
                classes.append(node.name)
                for child in ast.iter_child_nodes(node):
                    visit(child)
                classes.pop()
                return
            if isinstance(node, ast.Call):
                func, args = node.func, node.args
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                where = f"{path.relative_to(UI_DIR.parent)}:{node.lineno}"
                if name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                    context, source = _text(args[0]), _text(args[1])
                    if context is not None and source is not None:
                        comment = _text(args[2]) if len(args) > 2 else None
                        found.append(Literal(where, context, source, comment or "", len(args) > 3))
                elif (
                    name == "tr"
                    and isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name)
                    and func.value.id == "self"
                    and classes
                    and args
                ):
                    source = _text(args[0])
                    if source is not None:
                        comment = _text(args[1]) if len(args) > 1 else None
                        found.append(
                            Literal(where, classes[-1], source, comment or "", len(args) > 2)
                        )
            for child in ast.iter_child_nodes(node):
                visit(child)

        visit(tree)
    return found


def test_every_literal_in_the_code_is_in_the_catalogue_and_translated() -> None:
    # lupdate silently skips what it cannot parse; this reads the code independently, so
    # a literal that never reached the catalogue (or lost its plural) shows up here.
    literals = _code_literals()
    assert len(literals) > 800
    catalogue = {(m.context, m.source, m.comment): m for m in _messages("nb")}
    problems = []
    for lit in literals:
        m = catalogue.get((lit.context, lit.source, lit.comment))
        if m is None:
            problems.append(f"{lit.where}: {lit.context} {lit.source!r} not in the catalogue")
        elif m.numerus != lit.numerus:
            problems.append(f"{lit.where}: {lit.source!r} numerus {m.numerus} in the catalogue")
        elif m.translation.get("type") is not None or not all(f.strip() for f in m.forms):
            problems.append(f"{lit.where}: {lit.source!r} not translated")
    assert problems == []


def test_the_former_helper_wrapped_texts_are_extracted() -> None:
    # Samples of texts that once went through local _t() helpers lupdate could not see.
    catalogue = {(m.context, m.source) for m in _messages("nb")}
    for key in (
        ("MeetingSummary", "Job-search activity, last %n day(s)"),
        ("MeetingSummary", "Prepared %1 for %2"),
        ("MeetingSummary", "meeting-summary-%1.pdf"),
        ("ParticipantTab", "None recorded yet."),
        ("ParticipantTab", "New CBT worksheet"),
        ("Indicators", "Q%1 %2"),
        ("RecordForm", "%n item(s)"),
        ("NoteEditor", "Saved %1"),
        ("EmployersView", "%1 of %n employer(s)"),
        ("QPlatformTheme", "Cancel"),
    ):
        assert key in catalogue, key


# ------------------------------------------------------------------ loaded at run time


def test_bokmal_catalogue_loads(qapp: QApplication, translator: Translator) -> None:
    assert translator.apply("nb") is True
    tr = QCoreApplication.translate
    assert tr("SyncTexts", "Not connected to a server") == "Ikke koblet til server"
    assert tr("CaseloadView", "My participants") == "Mine deltakere"
    assert tr("CaseloadView", "%n participant(s)", None, 1) == "1 deltaker"
    assert tr("CaseloadView", "%n participant(s)", None, 2) == "2 deltakere"
    assert tr("Labels", "Collaboration meeting") == "Samarbeidsmøte"


def test_english_catalogue_gives_plurals(qapp: QApplication, translator: Translator) -> None:
    assert translator.apply("en") is True
    tr = QCoreApplication.translate
    assert tr("CaseloadView", "%n participant(s)", None, 1) == "1 participant"
    assert tr("CaseloadView", "%n participant(s)", None, 2) == "2 participants"
    assert tr("CaseloadModel", "%n day(s) left", None, 1) == "1 day left"
    assert tr("CaseloadModel", "%n day(s) overdue", None, 3) == "3 days overdue"
    # Ordinary messages stay unfinished in the en catalogue: the source shows.
    assert tr("MainWindow", "Not connected to a server") == "Not connected to a server"


def test_translator_is_removed_after_use(qapp: QApplication) -> None:
    # The fixture above must not leak bokmål into the other tests.
    tr = QCoreApplication.translate
    assert tr("MainWindow", "Not connected to a server") == "Not connected to a server"
    assert tr("CaseloadView", "%n participant(s)", None, 2) == "2 participant(s)"


# ------------------------------------------------------------------ a real screen in bokmål


def _english_patterns() -> list[re.Pattern[str]]:
    """The English texts that must not show in the bokmål UI: every source string whose
    bokmål translation differs from it (so "Status" or "IPS" may show), and the English
    plural forms with a number filled in (unless bokmål says the same: "%n plan")."""
    texts: set[str] = set()
    nb_forms: dict[tuple[str, str], list[str]] = {}
    for m in _messages("nb"):
        nb_forms[m.context, m.source] = m.forms
        if m.numerus or m.forms != [m.source]:
            texts.add(m.source)
    for m in _messages("en"):
        if m.numerus:
            texts.update(f for f in m.forms if f not in nb_forms.get((m.context, m.source), []))
    patterns = []
    for text in sorted(texts):
        pattern = re.escape(text.replace("&", "")).replace("%n", r"\d+")
        pattern = re.sub(r"%\d", ".*", pattern)
        patterns.append(re.compile(pattern))
    return patterns


def _add_people(j: Journal) -> None:
    emp = j.add("employer", {"name": "Bakeriet", "org_number": "974760673"})
    for name, entry, contacted in (
        ("Åse Ødegård", "2026-11-09", False),
        ("Bjørn Berg", "2026-10-01", False),
        ("Cecilie Dahl", "2026-10-01", True),
    ):
        pid = j.create_participant({"name": name, "programme": "IPS"})
        j.add("episode", {"entry": entry}, participant_id=pid)
        if contacted:
            j.add(
                "employer_contact",
                {
                    "employer": emp,
                    "date": "2026-10-10",
                    "mode": "face_to_face",
                    "purpose": "client_specific",
                },
                participant_id=pid,
            )


def test_caseload_rows_follow_a_language_change(
    qtbot: QtBot, specialist_journal: Journal, translator: Translator
) -> None:
    """The rows' texts are made on the database thread in the language of the moment,
    and again when the language changes."""
    assert translator.apply("en")
    _add_people(specialist_journal)
    view = CaseloadView(journal=specialist_journal, tasks=TaskRunner())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10000)

    def column(col: int) -> list[str]:
        return [str(view.proxy.index(r, col).data()) for r in range(view.proxy.rowCount())]

    assert column(3) == ["25 days overdue", "14 days left", "Met"]
    assert translator.apply("nb")
    QApplication.sendPostedEvents()
    assert column(3) == ["25 dager over fristen", "14 dager igjen", "Oppfylt"]
    assert column(1) == ["Aktiv", "Aktiv", "Aktiv"]
    assert view.model.headerData(3, Qt.Orientation.Horizontal) != "First employer contact"


def test_caseload_shows_only_bokmal(
    qtbot: QtBot, specialist_journal: Journal, translator: Translator
) -> None:
    assert translator.apply("nb")
    _add_people(specialist_journal)
    view = CaseloadView(journal=specialist_journal, tasks=TaskRunner())
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10000)

    texts = [w.text() for w in view.findChildren(QLabel) if w.isVisible()]
    # QPushButton and QCheckBox
    texts += [w.text() for w in view.findChildren(QAbstractButton) if w.isVisible()]
    model = view.model
    for col in range(model.columnCount()):
        texts.append(str(model.headerData(col, Qt.Orientation.Horizontal)))
        for row in range(model.rowCount()):
            texts.append(str(model.index(row, col).data() or ""))
    texts.append(view.filter.placeholderText())
    texts = [t for t in texts if t]

    assert "Mine deltakere" in texts
    assert "3 deltakere" in texts
    assert "&Ny deltaker" in texts
    assert "Neste steg" in texts
    assert "Aktiv" in texts
    patterns = _english_patterns()
    english = [t for t in texts if any(p.fullmatch(t.replace("&", "")) for p in patterns)]
    assert english == []


def _english(texts: list[str]) -> list[str]:
    patterns = _english_patterns()
    return [t for t in texts if any(p.fullmatch(t.replace("&", "")) for p in patterns)]


def _visible_texts(root: QWidget) -> list[str]:
    """What a person reads on ``root``: labels, buttons, group and tab titles, table and
    tree headers and cells, list items, placeholders."""
    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QTreeWidget):
            header = w.headerItem()
            texts += [header.text(c) for c in range(w.columnCount())]
            stack = [w.topLevelItem(i) for i in range(w.topLevelItemCount())]
            while stack:
                item = stack.pop()
                texts += [item.text(c) for c in range(w.columnCount())]
                stack += [item.child(i) for i in range(item.childCount())]
        elif isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            for col in range(model.columnCount()):
                texts.append(str(model.headerData(col, Qt.Orientation.Horizontal) or ""))
                for row in range(model.rowCount()):
                    texts.append(str(model.index(row, col).data() or ""))
    return [t for t in (t.strip() for t in texts) if t]


def test_participant_tabs_show_only_bokmal(
    qtbot: QtBot, therapist_journal: Journal, translator: Translator
) -> None:
    assert translator.apply("nb")
    pid = populate(therapist_journal, clinical=True)
    tasks = TaskRunner()
    view = ParticipantView(
        journal=therapist_journal, tasks=tasks, clipboard=ClipboardGuard(), participant_id=pid
    )
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    try:
        texts: list[str] = []
        for tab in view.tabs_by_kind:
            view.tabs.setCurrentWidget(tab)
            tasks.wait_idle()
            QApplication.processEvents()
            texts += _visible_texts(view)
        # The record lists' buttons and empty text, which came from a local helper before.
        assert "Legg til…" in texts
        assert "Slett" in texts
        assert _english(texts) == []
        # Every form lives inside its tab: none is left as a window of its own, which
        # would outlive the tab and break the next language switch.
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, RecordForm)]
    finally:
        tasks.wait_idle()
        view.shutdown()


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        text = data.replace("\xa0", " ").strip(" –")
        if text and not self._in_style:
            self.texts.append(text)


def _html_texts(html_text: str) -> list[str]:
    parser = _HtmlText()
    parser.feed(html_text)
    return parser.texts


def test_meeting_summary_is_all_bokmal(therapist_journal: Journal, translator: Translator) -> None:
    # The summary goes to Nav, GPs and employers: no English heading may slip through.
    assert translator.apply("nb")
    j = therapist_journal
    pid = populate(j, clinical=True)
    html_text = build_meeting_html(collect_meeting_summary(j, pid, for_audience="nav"))
    texts = _html_texts(html_text)
    for expected in (
        "Samarbeidsmøte",
        "Utarbeidet 23.11.2026 for Nav",
        "Deltaker",
        "Program",
        "Jobbspesialist",
        "Neste møte",
        "Mål og åpne steg",
        "10.11.2026 (over fristen)",
        "Jobbsøking, siste 90 dager",
        "Dato",
        "Kontaktform",
        "Jobber",
        "Timer/uke",
    ):
        assert expected in texts, expected
    assert _english(texts) == []
    assert "(overdue)" not in html_text
    # Every heading the builder may write, as the source text, appears nowhere.
    for m in _messages("nb"):
        if m.context == "MeetingSummary" and m.forms != [m.source] and "%" not in m.source:
            assert f">{m.source}<" not in html_text, m.source

    # A summary with nothing recorded yet, for the family.
    pid2 = j.create_participant({"name": "Ola Nordmann", "programme": "SFJ"})
    j.add("consent", {"scope": "family", "given": "2026-01-01"}, participant_id=pid2)
    empty = _html_texts(build_meeting_html(collect_meeting_summary(j, pid2, for_audience="family")))
    assert "Ingenting registrert." in empty
    assert "ikke avtalt" in empty
    assert "Utarbeidet 23.11.2026 for familien" in empty
    assert _english(empty) == []


def test_meeting_summary_pdf_and_refusals_in_bokmal(
    qtbot: QtBot, specialist_journal: Journal, translator: Translator, tmp_path: Path
) -> None:
    assert translator.apply("nb")
    j = specialist_journal
    pid = populate(j)
    target = write_meeting_summary(j, pid, tmp_path / "oppsummering.pdf", for_audience="nav")
    doc = QPdfDocument()
    doc.load(str(target))
    try:
        text = "\n".join(doc.getAllText(i).text() for i in range(doc.pageCount()))
        assert doc.metaData(QPdfDocument.MetaDataField.Title) == "Samarbeidsmøte"
    finally:
        doc.close()
    assert "Samarbeidsmøte" in text and "Jobbsøking, siste 90 dager" in text
    assert "Collaboration meeting" not in text and "Prepared" not in text

    assert ConsentRequired("gp").user_message() == (
        "Det finnes ikke noe gyldig samtykke til å dele med fastlegen. "
        "Oppsummeringen ble ikke laget."
    )
    assert ConsentRequired("employer").user_message() == (
        "Velg arbeidsgiveren oppsummeringen skal til."
    )
    asked: list[str] = []
    dialog = MeetingSummaryDialog(
        journal=j,
        participant_id=pid,
        employers=[],
        choose_file=lambda _parent, current: asked.append(current) or "",
    )
    qtbot.addWidget(dialog)
    assert [dialog.audience.itemText(i) for i in range(5)] == [
        "Nav",
        "Fastlege",
        "Arbeidsgiver",
        "Familie",
        "Deltakeren",
    ]
    assert dialog.consent.text() == "Det finnes et gyldig samtykke til å dele med Nav."
    assert dialog.note.text().startswith("Denne kopien inneholder: navn, jobbspesialist,")
    assert "mål og åpne steg som ikke er helserelaterte" in dialog.note.text()
    assert "Samarbeidsmøte" in dialog.preview.toPlainText()
    save, cancel = dialog.save_button, dialog.buttons.button(SB.Cancel)
    assert (save.text(), cancel.text()) == ("&Lagre som PDF…", "Avbryt")
    # The suggested file is named in the language of the moment; the chooser is asked.
    save.click()
    assert Path(asked[-1]).name == "møteoppsummering-2026-11-23.pdf"
    assert dialog.isVisible() or not dialog.result()  # nothing chosen: nothing saved
    _switch(translator, "en")
    assert dialog.buttons.button(SB.Cancel).text() == "Cancel"
    assert dialog.save_button.text() == "&Save as PDF…"
    save.click()
    assert Path(asked[-1]).name == "meeting-summary-2026-11-23.pdf"
    _switch(translator, "nb")
    assert dialog.buttons.button(SB.Cancel).text() == "Avbryt"


# ------------------------------------------------------------------ Qt's own texts


def test_qt_standard_buttons_are_bokmal(qtbot: QtBot, translator: Translator) -> None:
    # PySide6 ships no bokmål qtbase catalogue; ui/qt_strings.py puts Qt's button texts
    # (context QPlatformTheme) into ours.
    box = QDialogButtonBox(SB.Ok | SB.Cancel)
    qtbot.addWidget(box)
    assert box.button(SB.Cancel).text() == "Cancel"
    _switch(translator, "nb")
    # An existing box is retranslated, and a new one is made in bokmål.
    assert (box.button(SB.Ok).text(), box.button(SB.Cancel).text()) == ("OK", "Avbryt")
    more = QDialogButtonBox(SB.Save | SB.Close | SB.Discard | SB.Apply | SB.Reset | SB.Help)
    qtbot.addWidget(more)
    assert [more.button(b).text() for b in (SB.Save, SB.Close, SB.Discard)] == [
        "Lagre",
        "Lukk",
        "Forkast",
    ]
    assert [more.button(b).text() for b in (SB.Apply, SB.Reset, SB.Help)] == [
        "Bruk",
        "Tilbakestill",
        "Hjelp",
    ]
    question = QMessageBox()
    qtbot.addWidget(question)
    question.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    yes = question.button(QMessageBox.StandardButton.Yes)
    no = question.button(QMessageBox.StandardButton.No)
    assert (yes.text(), no.text()) == ("&Ja", "&Nei")


# ------------------------------------------------------------------ texts built in code


def test_new_record_titles_are_whole_phrases(qapp: QApplication, translator: Translator) -> None:
    # "New %1" cannot be translated (Ny henvisning, Nytt samtykke), so each type has one.
    assert set(NEW_RECORD_TITLES) == set(ENTITIES)
    assert new_record_title("cbt_worksheet") == "New CBT worksheet"
    assert translator.apply("nb")
    assert new_record_title("referral") == "Ny henvisning"
    assert new_record_title("consent") == "Nytt samtykke"
    assert new_record_title("cbt_worksheet") == "Nytt CBT-skjema"
    assert new_record_title("meeting") == "Nytt samarbeidsmøte"


def test_plurals_built_in_code(qapp: QApplication, translator: Translator) -> None:
    tr = QCoreApplication.translate
    assert translator.apply("nb")
    assert tr("EmployersView", "%1 of %n employer(s)", None, 1) == "%1 av 1 arbeidsgiver"
    assert tr("EmployersView", "%1 of %n employer(s)", None, 9) == "%1 av 9 arbeidsgivere"
    assert tr("RecordForm", "%n item(s)", None, 3) == "3 elementer"
    assert translator.apply("en")
    assert tr("EmployersView", "%1 of %n employer(s)", None, 1) == "%1 of 1 employer"
    assert tr("MeetingSummary", "Job-search activity, last %n day(s)", None, 90) == (
        "Job-search activity, last 90 days"
    )


def test_language_switch_after_a_note_editor_closed(
    qtbot: QtBot, specialist_journal: Journal, translator: Translator
) -> None:
    # The editor's form used to have no parent and outlive the editor's labels; the next
    # LanguageChange then raised "Internal C++ object already deleted".
    pid = specialist_journal.create_participant({"name": "Per Hansen", "programme": "IPS"})
    host = QWidget()
    editor = NoteEditor(journal=specialist_journal, participant_id=pid, parent=host)
    form = editor.form
    assert form.parent() is editor
    host.show()
    editor.shutdown()
    host.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(form)
    # pytest-qt fails the test if a changeEvent raises.
    _switch(translator, "nb")
    _switch(translator, "en")


# ------------------------------------------------------------------ labels for the schema


def test_every_schema_name_has_a_label() -> None:
    missing = []
    for entity in ENTITIES.values():
        if entity.name not in TYPE_LABELS:
            missing.append(f"type {entity.name}")
        for f in entity.fields:
            if f.name not in FIELD_LABELS:
                missing.append(f"field {entity.name}.{f.name}")
            for choice in f.choices:
                if choice not in CHOICE_LABELS:
                    missing.append(f"choice {entity.name}.{f.name}={choice}")
    assert missing == []


def test_every_label_is_translated() -> None:
    labels = {m.source: m for m in _messages("nb") if m.context == "Labels"}
    for table in (TYPE_LABELS, FIELD_LABELS, CHOICE_LABELS):
        for source in table.values():
            m = labels.get(str(source))
            assert m is not None, source
            assert m.translation.get("type") is None and (m.translation.text or "").strip()


def test_ts_files_are_where_the_translator_looks() -> None:
    from ui.i18n import translations_dir

    assert Path(translations_dir()).resolve() == TS_DIR.resolve()
    for lang in translations.LANGUAGES:
        assert (TS_DIR / f"feltjournal_{lang}.qm").is_file()
