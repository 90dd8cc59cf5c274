"""The command line speaks the window's language: bokmål by default, English when asked.

The real ``feltjournal`` runs as a subprocess on a demo profile, once in each
language; its text output is read as a user reads it: translated statuses, decimal
commas in bokmål, dates dd.mm.yyyy, failures in words, and no text of the other
language left in it (every catalogue text is checked for). Also here: the choice
of language (the window's own setting, written by the window's QSettings), a
reader that closes the pipe early, ``export -o -``, and the catalogue check.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.failures import PROBLEM_TEXTS
from app.domain.schema import PROBLEMS
from app.words import choose_language, locale_language, window_setting
from tests.support.cli import ROOT, cli_env, run
from tools import translations

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DMY_DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A demo job specialist's profile, and the environment that opens it (bokmål)."""
    env = cli_env(tmp_path_factory.mktemp("words"))
    env["FELTJOURNAL_LANGUAGE"] = "nb"
    done = run(env, "--json", "demo", "--participants", "6", "--seed", "3")
    assert done.returncode == 0, done.stderr
    return env


def _fragments(language: str) -> set[str]:
    """Pieces of catalogue text that belong to one language only: for "en" the English
    texts, for "nb" their bokmål translations (split at placeholders, long enough to
    mean something, and not the same in both languages)."""
    pieces: set[str] = set()
    for msgid, entry in translations.read_po(translations.CLI_PO).items():
        english = [msgid] + ([entry.plural] if entry.plural else [])
        texts = english if language == "en" else entry.forms
        others = entry.forms if language == "en" else english
        for text in texts:
            for piece in re.split(r"\{\w*\}", text):
                piece = piece.strip(" .:;,()«»'")
                if len(piece) >= 12 and " " in piece and not any(piece in o for o in others):
                    pieces.add(piece)
    return pieces


def _leftovers(text: str, language: str) -> list[str]:
    """Catalogue text of the other language found in ``text``."""
    other = _fragments("en" if language == "nb" else "nb")
    assert len(other) > 200  # the check looks for something
    return sorted(p for p in other if p in text)


def _speak(env: dict[str, str], language: str) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every command of a day's work, and the failures a user meets, in ``language``."""
    env = env | {"FELTJOURNAL_LANGUAGE": language}
    people = json.loads(run(env, "--json", "participants").stdout)["participants"]
    out = {
        name: run(env, *args)
        for name, args in {
            "participants": ("participants",),
            "employers": ("employers",),
            "agenda": ("agenda",),
            "indicators": ("indicators", "--period", "2026"),
            "status": ("status",),
            "verify": ("verify",),
            "access-log": ("access-log", people[0]["id"]),
            "retention": ("retention",),
            "search": ("search", "arbeid"),
            "help": ("--help",),
            "bad-period": ("indicators", "--period", "neste høst"),
            "not-enrolled": ("sync",),
            "bad-intake": (
                "new-participant",
                "--name",
                "Ola Nordmann",
                "--programme",
                "IPS",
                "--referral-source",
                "nav",
                "--phone",
                "ring meg",
            ),
        }.items()
    }
    out["wrong-passphrase"] = run(env | {"FELTJOURNAL_PASSPHRASE": "feil"}, "participants")
    return out


def test_bokmal_by_default_in_words_numbers_and_dates(profile: dict[str, str]) -> None:
    said = _speak(profile, "nb")
    for name in ("participants", "employers", "agenda", "indicators", "status", "verify"):
        assert said[name].returncode == 0, (name, said[name].stderr)
    statuses = {line[37:46].strip() for line in said["participants"].stdout.splitlines()[1:]}
    assert "Aktiv" in statuses and statuses <= {"Aktiv", "På pause", "Henvist", "Avsluttet"}
    assert said["participants"].stdout.startswith("Navn ")
    figures = said["indicators"].stdout
    assert re.search(r"\d,\d per årsverk", figures) and not re.search(r"\d\.\d", figures)
    assert "Modelltrofasthet (IPS-25)" in figures and "Saksmengde" in figures
    assert re.search(r"\d+ %", figures)
    agenda = said["agenda"].stdout
    assert agenda.startswith("I dag (") and DMY_DATE.search(agenda)
    log = said["access-log"].stdout
    assert "Demo Jobbspesialist opprettet deltakerens opplysninger." in log
    assert re.search(r"^\d\d\.\d\d\.\d{4} \d\d:\d\d  Demo Jobbspesialist ", log, re.M)
    assert "create" not in log and "participant" not in log
    assert said["help"].stdout.count("kryptert feltjournal") == 1
    for name, done in said.items():
        assert not ISO_DATE.search(done.stdout), (name, done.stdout)
    # Failures: one sentence on stderr, in bokmål, never an exception's name.
    assert said["wrong-passphrase"].stderr == (
        "feltjournal: Feil passordfrase: journalen kunne ikke åpnes.\n"
    )
    assert said["bad-period"].stderr == (
        "feltjournal: «neste høst» er ikke en periode: skriv 2026-Q3 (et kvartal), "
        "2026-09 (en måned) eller 2026 (et år).\n"
    )
    assert said["not-enrolled"].stderr == (
        "feltjournal: Denne maskinen er ikke koblet til en synkroniseringsserver; registrer "
        "den først med 'feltjournal enrol'.\n"
    )
    assert said["bad-intake"].stderr == (
        "feltjournal: Ingen deltaker ble lagt til: telefonnummeret er ikke et telefonnummer.\n"
    )
    for name, done in said.items():
        assert "Traceback" not in done.stderr and "Error" not in done.stderr, name
        assert _leftovers(done.stdout + done.stderr, "nb") == [], name


def test_english_when_asked_in_words_numbers_and_dates(profile: dict[str, str]) -> None:
    said = _speak(profile, "en")
    listed = said["participants"].stdout
    assert listed.startswith("Name ") and " Active " in listed and " Aktiv " not in listed
    figures = said["indicators"].stdout
    assert re.search(r"\d\.\d per FTE", figures) and not re.search(r"\d,\d", figures)
    assert "Fidelity (IPS-25)" in figures and re.search(r"\d+%", figures)
    assert said["agenda"].stdout.startswith("Today (") and DMY_DATE.search(said["agenda"].stdout)
    assert "Demo Jobbspesialist created the participant's details." in said["access-log"].stdout
    assert said["wrong-passphrase"].stderr == (
        "feltjournal: Wrong passphrase: the journal could not be opened.\n"
    )
    assert said["bad-intake"].stderr == (
        "feltjournal: No participant was added: the phone number is not a phone number.\n"
    )
    for name, done in said.items():
        assert not ISO_DATE.search(done.stdout), (name, done.stdout)
        assert "Traceback" not in done.stderr, name
        # Search snippets quote the (Norwegian) notes: data, not the command's words.
        text = "\n".join(
            line for line in (done.stdout + done.stderr).splitlines() if not line.startswith("    ")
        )
        assert _leftovers(text, "en") == [], name


# ------------------------------------------------------------------ which language


def _save_window_language(config: Path, language: str) -> None:
    """What the window's Settings dialog does, in its own process: QSettings of
    organisation and application "Feltjournal", saved with ui.settings_dialog."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QSettings\n"
        "from app.settings import Settings\n"
        "from ui.settings_dialog import save_settings\n"
        "app = QCoreApplication([])\n"
        "app.setOrganizationName('Feltjournal'); app.setApplicationName('Feltjournal')\n"
        "save_settings(QSettings(), Settings(language=sys.argv[1]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, language],
        env={"PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(config), "HOME": str(config)},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr


def test_the_language_comes_in_the_order_the_readme_gives(tmp_path: Path) -> None:
    empty = {"XDG_CONFIG_HOME": str(tmp_path / "none"), "HOME": str(tmp_path / "none")}
    assert choose_language(empty) == "nb"  # bokmål by default
    assert choose_language(empty | {"LANG": "en_GB.UTF-8"}) == "en"
    assert choose_language(empty | {"LANG": "C.UTF-8"}) == "nb"  # C names no language
    assert choose_language(empty | {"LANG": "de_DE.UTF-8"}) == "nb"
    assert choose_language(empty | {"LC_MESSAGES": "nn_NO.UTF-8", "LANG": "en_US"}) == "nb"
    assert [locale_language(v) for v in ("no_NO", "nb", "en", "POSIX", None)] == [
        "nb",
        "nb",
        "en",
        None,
        None,
    ]
    english = tmp_path / "english"
    _save_window_language(english, "en")
    window = {"XDG_CONFIG_HOME": str(english), "HOME": str(english)}
    assert window_setting(window) == "en"
    assert choose_language(window) == "en"  # the window's setting
    assert choose_language(window | {"LANG": "nb_NO.UTF-8"}) == "en"  # beats LANG
    assert choose_language(window | {"LC_ALL": "nb_NO.UTF-8"}) == "nb"  # LC_ALL beats it
    assert choose_language(window | {"FELTJOURNAL_LANGUAGE": "nb", "LC_ALL": "en_US"}) == "nb"
    bokmal = tmp_path / "bokmal"
    _save_window_language(bokmal, "nb")
    window = {"XDG_CONFIG_HOME": str(bokmal), "HOME": str(bokmal)}
    assert choose_language(window | {"LANG": "en_US.UTF-8"}) == "nb"


def test_the_real_cli_follows_the_window_setting_and_lang(
    profile: dict[str, str], tmp_path: Path
) -> None:
    base = {k: v for k, v in profile.items() if k not in ("FELTJOURNAL_LANGUAGE", "LC_ALL")}
    english = tmp_path / "english"
    _save_window_language(english, "en")
    by_window = base | {"XDG_CONFIG_HOME": str(english), "LANG": "nb_NO.UTF-8"}
    assert run(by_window, "employers").stdout.startswith("Employer ")
    nowhere = base | {"XDG_CONFIG_HOME": str(tmp_path / "none")}
    assert run(nowhere | {"LANG": "en_US.UTF-8"}, "employers").stdout.startswith("Employer ")
    assert run(nowhere | {"LANG": "C.UTF-8"}, "employers").stdout.startswith("Arbeidsgiver ")


# ------------------------------------------------------------------ pipes and -o -


def test_a_reader_that_stops_early_ends_the_command_quietly(profile: dict[str, str]) -> None:
    # A real pipeline: head reads one line of a large export and closes the pipe.
    cli = f"{sys.executable} -m app.cli"
    for command in ("export -o -", "participants"):
        done = subprocess.run(
            ["sh", "-c", f"{cli} {command} | head -n 1"],
            env=profile,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        assert done.stdout.count("\n") == 1, done.stdout[:200]
        assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    # The pipe closed before the command writes a byte: no traceback, the shell's code.
    for args in (("export", "-o", "-"), ("participants",)):
        with subprocess.Popen(
            [sys.executable, "-m", "app.cli", *args],
            env=profile,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        ) as proc:
            assert proc.stdout is not None and proc.stderr is not None
            proc.stdout.close()
            err = proc.stderr.read().decode("utf-8")
            assert proc.wait(timeout=120) == 141, err
        assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_export_to_standard_output(profile: dict[str, str], tmp_path: Path) -> None:
    to_file = tmp_path / "export.json"
    assert run(profile, "export", "-o", str(to_file)).returncode == 0
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "export", "-o", "-"],
        env=profile,
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    streamed = json.loads(done.stdout.decode("utf-8"))
    written = json.loads(to_file.read_text("utf-8"))
    assert streamed["format"] == "feltjournal-export"
    assert streamed["records"] == written["records"] and len(streamed["records"]) > 100
    assert done.stderr.decode("utf-8").startswith("feltjournal: Eksporterte ")
    assert not (tmp_path / "-").exists()


# ------------------------------------------------------------------ the catalogue


def test_every_schema_problem_has_its_words_on_the_command_line() -> None:
    assert set(PROBLEM_TEXTS) == set(PROBLEMS)


def test_the_command_line_names_every_figure_and_definition_as_the_reports_do() -> None:
    from app.cli.journal import DEFINITION_TEXTS, FIGURE_LABELS, ITEM_TEXTS
    from app.indicators import DEFINITIONS, IPS25_ITEMS
    from ui.reports_format import FIGURE_LABELS as WINDOW_LABELS

    assert {k: str(v) for k, v in WINDOW_LABELS.items()} == FIGURE_LABELS
    assert DEFINITION_TEXTS == DEFINITIONS
    assert {i.key: i.label for i in IPS25_ITEMS} == ITEM_TEXTS


def test_the_check_fails_for_a_string_without_bokmal_or_english() -> None:
    assert translations.check_cli() == []
    messages, problems = translations.scan_source(
        "app/cli/new.py",
        "from app.words import mark, tr, trn\n"
        "def f(n: int) -> None:\n"
        '    print(tr("A new sentence."))\n'
        '    print(trn("{n} thing", "{n} things", n))\n'
        '    print("Ingen treff på søket")\n'
        '    print(mark(""))\n',
    )
    assert [m.msgid for m in messages] == ["A new sentence.", "{n} thing"]
    assert len(problems) == 2
    assert any("bokmål text 'Ingen treff på søket' lacks its English text" in p for p in problems)
    assert any("mark() needs its English text" in p for p in problems)
    entries = {
        "A new sentence.": translations.PoEntry("A new sentence.", None, [""]),
        "{n} thing": translations.PoEntry("{n} thing", "{n} things", ["{n} ting", "{n} ting"]),
    }
    lacking = translations.cli_problems(messages, entries)
    assert len(lacking) == 1 and "'A new sentence.' lacks its bokmål text" in lacking[0]
    entries["A new sentence."].forms = ["En ny setning om {x}."]
    assert "other placeholders" in translations.cli_problems(messages, entries)[0]
    entries["A new sentence."].forms = ["En ny setning."]
    entries["{n} thing"].forms = ["{n} ting", "ting"]  # the count left out
    assert "other placeholders" in translations.cli_problems(messages, entries)[0]


def test_approve_counts_the_keys_it_shared_in_words() -> None:
    """«1 nøkkel delt», not «1 nøkler delt» (a job specialist's first laptop gets one)."""
    from app.cli.sync import approved_line
    from app.words import use_language

    try:
        use_language("nb")
        assert approved_line("Ola", "jobbspesialist", "D1", ["team"]) == (
            "Godkjent: Ola (jobbspesialist), enhet D1; 1 nøkkel delt."
        )
        assert approved_line("Ola", "jobbspesialist", "D1", ["team", "work"]).endswith(
            "; 2 nøkler delt."
        )
        use_language("en")
        assert approved_line("Ola", "terapeut", "D1", ["team"]).endswith("; 1 key shared.")
    finally:
        use_language(choose_language())


def test_the_devices_table_lines_up_with_a_revoked_computer() -> None:
    """«tilbakekalt» is longer than the other statuses: every column still starts where its
    heading does."""
    from app.cli.sync import device_table
    from app.words import use_language

    def row(device: str, status: str) -> dict[str, object]:
        return {"device_id": device, "status": status, "certified": status == "approved"}

    rows = [row("a" * 36, "approved"), row("b" * 36, "revoked"), row("c" * 36, "pending")]
    try:
        for language in ("nb", "en"):
            use_language(language)
            data = [
                {**r, "role": "jobbspesialist", "user": "Ola", "device_name": "PC"} for r in rows
            ]
            heading, *lines = device_table(data).splitlines()
            role_column = heading.index("Rolle" if language == "nb" else "Role")
            assert {line.index("jobbspesialist") for line in lines} == {role_column}
    finally:
        use_language(choose_language())
