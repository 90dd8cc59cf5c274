"""The translation catalogues: up to date with the code, complete in bokmål, English plurals.

The default UI language is bokmål; the English source strings live in the code and
feltjournal_en.ts only carries the English plural forms. These tests fail when
someone adds a tr() string without running ``python -m tools.translations`` and
translating it, or grows the schema without labels.
"""

from __future__ import annotations

import gc
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.domain.schema import ENTITIES
from app.journal import Journal
from tools import translations
from ui.caseload_view import CaseloadView
from ui.i18n import Translator
from ui.labels import CHOICE_LABELS, FIELD_LABELS, TYPE_LABELS
from ui.tasks import TaskRunner

TS_DIR = translations.TS_DIR
PLACEHOLDER = re.compile(r"%(?:\d+|n)")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    translation: ET.Element

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
                Message(name, m.findtext("source") or "", m.get("numerus") == "yes", translation)
            )
    return out


def _accelerators(text: str) -> int:
    """How many '&' mark an accelerator ("&&" is a literal ampersand)."""
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


def _drop_leftover_widgets() -> None:
    """Installing a translator sends LanguageChange to every widget still alive, so
    hidden widgets that earlier tests left behind would get it too. One such is a
    NoteEditor's parentless RecordForm, whose labels died with the editor while the
    form itself lives on; retranslating it raises. Delete our hidden top-level
    widgets first (never Qt's own, such as the tooltip label)."""
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
        return [(m.context, m.source) for m in _messages(lang)]

    assert keys("nb") == keys("en")


# ------------------------------------------------------------------ loaded at run time


def test_bokmal_catalogue_loads(qapp: QApplication, translator: Translator) -> None:
    assert translator.apply("nb") is True
    tr = QCoreApplication.translate
    assert tr("MainWindow", "Not connected to a server") == "Ikke koblet til server"
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
    plural forms with a number filled in."""
    texts: set[str] = set()
    for m in _messages("nb"):
        if m.numerus or m.forms != [m.source]:
            texts.add(m.source)
    for m in _messages("en"):
        if m.numerus:
            texts.update(m.forms)
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
    assert "Neste tiltak" in texts
    assert "Aktiv" in texts
    patterns = _english_patterns()
    english = [t for t in texts if any(p.fullmatch(t.replace("&", "")) for p in patterns)]
    assert english == []


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
