"""argparse's own words on the command line: bokmål by default, English when asked.

The real ``feltjournal`` runs as a subprocess in each language and is mistyped as a
user mistypes it: its help, an unknown option, an unknown command, a missing argument,
a value that is no number. Each mistake is one line on standard error in the user's
language, exit code 2, with no word of argparse's English left in the bokmål. Also
here: every text the running Python's argparse can say is either in our catalogue or
known never to reach a user, and the swap of argparse's words leaves other parsers be.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import subprocess
from pathlib import Path

import pytest

from app.cli.argwords import DEVELOPER_TEXTS, USER_PLURALS, USER_TEXTS, Parser
from app.words import use_language
from tests.support.cli import cli_env, run
from tools import translations

# What argparse says in English that a bokmål user must not meet.
ARGPARSE_ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "show this help",
    "error:",
    "unrecognized arguments",
    "invalid choice",
    "choose from",
    "the following arguments are required",
    "invalid int value",
    "invalid float value",
    "argument ",
    "expected one argument",
    "{init,",
)

MISTAKES = {
    "unknown option": ("--bogus",),
    "unknown command": ("nosuch",),
    "unknown subcommand": ("central", "nosuch"),
    "missing argument": ("init",),
    "missing word": ("search",),
    "not a number": ("search", "arbeid", "--limit", "tjue"),
    "no value": ("search", "arbeid", "--limit"),
    "not a choice": ("init", "--name", "Kari", "--role", "sjef"),
}


def _say(tmp_path: Path, language: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = cli_env(tmp_path) | {"FELTJOURNAL_LANGUAGE": language}
    return run(env, *args, timeout=60)


def test_the_help_speaks_bokmal_and_names_the_commands_once(tmp_path: Path) -> None:
    helped = _say(tmp_path, "nb", "--help")
    assert helped.returncode == 0, helped.stderr
    text = helped.stdout
    assert text.startswith("bruk: feltjournal [-h]")
    usage = text.split("\n\n")[0]
    assert "KOMMANDO ..." in usage and "init" not in usage  # a name, not the 28 commands
    assert "\nvalg:\n" in text and "\nkommandoer:\n" in text
    assert "-h, --help            vis denne hjelpen og avslutt" in text
    assert "\nkommandoer:\n  init                  opprett en profil\n" in text  # one a line
    assert "\n  fte " in text and text.count("\n  init ") == 1
    assert "\n  KOMMANDO\n" not in text  # argparse's line above the list, left out
    assert [p for p in ARGPARSE_ENGLISH if p in text] == []
    sub = _say(tmp_path, "nb", "init", "--help")
    assert sub.stdout.startswith("bruk: feltjournal init [-h] --name NAME --role")
    assert [p for p in ARGPARSE_ENGLISH if p in sub.stdout] == []


def test_the_help_stays_english_in_english(tmp_path: Path) -> None:
    helped = _say(tmp_path, "en", "--help")
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("usage: feltjournal [-h]")
    assert "COMMAND ..." in helped.stdout.split("\n\n")[0]
    assert "\noptions:\n" in helped.stdout and "\ncommands:\n" in helped.stdout
    assert "show this help message and exit" in helped.stdout
    assert "bruk:" not in helped.stdout and "kommandoer" not in helped.stdout


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "nb",
            {
                "unknown option": "feltjournal: ukjent valg eller argument: --bogus; "
                "se «feltjournal --help»",
                "unknown command": "feltjournal: «nosuch» er ingen kommando; "
                "se «feltjournal --help»",
                "unknown subcommand": "feltjournal central: «nosuch» er ingen kommando; "
                "se «feltjournal central --help»",
                "missing argument": "feltjournal init: mangler --name, --role; "
                "se «feltjournal init --help»",
                "missing word": "feltjournal search: mangler SØKEORD; "
                "se «feltjournal search --help»",
                "not a number": "feltjournal search: --limit: «tjue» er ikke et heltall; "
                "se «feltjournal search --help»",
                "no value": "feltjournal search: --limit: mangler en verdi; "
                "se «feltjournal search --help»",
                "not a choice": "feltjournal init: --role: «sjef» er ikke tillatt; velg blant ",
            },
        ),
        (
            "en",
            {
                "unknown option": "feltjournal: unrecognized arguments: --bogus; "
                "see «feltjournal --help»",
                "unknown command": "feltjournal: «nosuch» is not a command; "
                "see «feltjournal --help»",
                "unknown subcommand": "feltjournal central: «nosuch» is not a command; "
                "see «feltjournal central --help»",
                "missing argument": "feltjournal init: the following arguments are required: "
                "--name, --role; see «feltjournal init --help»",
                "missing word": "feltjournal search: the following arguments are required: "
                "WORDS; see «feltjournal search --help»",
                "not a number": "feltjournal search: argument --limit: «tjue» is not a whole "
                "number; see «feltjournal search --help»",
                "no value": "feltjournal search: argument --limit: expected one argument; "
                "see «feltjournal search --help»",
                "not a choice": "feltjournal init: argument --role: invalid choice: 'sjef' "
                "(choose from ",
            },
        ),
    ],
)
def test_a_mistake_is_one_line_in_the_users_language_with_exit_code_2(
    tmp_path: Path, language: str, said: dict[str, str]
) -> None:
    for mistake, args in MISTAKES.items():
        done = _say(tmp_path, language, *args)
        assert done.returncode == 2, (mistake, done.stderr)
        assert done.stdout == "", mistake
        assert done.stderr.count("\n") == 1 and done.stderr.endswith("\n"), done.stderr
        assert done.stderr.startswith(said[mistake]), (mistake, done.stderr)
        assert "Traceback" not in done.stderr
        if language == "nb":
            assert [p for p in ARGPARSE_ENGLISH if p in done.stderr] == [], done.stderr


def test_a_decimal_comma_is_a_number_on_the_command_line() -> None:
    parser = Parser(prog="feltjournal")
    parser.add_argument("value", type=float)
    assert parser.parse_args(["0,5"]).value == 0.5


def _argparse_texts() -> tuple[set[str], set[tuple[str, str]]]:
    """Every literal text the running Python's argparse passes to ``_`` or ``ngettext``."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if node.func.id == "_" and texts and isinstance(texts[0], str):
            singles.add(texts[0])
        elif node.func.id == "ngettext" and len(texts) >= 2:
            plurals.add((texts[0], texts[1]))
    return singles, plurals


def test_every_text_argparse_can_say_is_in_the_catalogue_or_never_meets_a_user() -> None:
    singles, plurals = _argparse_texts()
    assert "usage: " in singles and len(singles) > 20  # the scan finds argparse's texts
    assert singles - set(USER_TEXTS) - DEVELOPER_TEXTS == set()
    assert plurals - set(USER_PLURALS) == {
        (one, many) for one, many in plurals if one in DEVELOPER_TEXTS
    }
    # and argparse looks them up where the swap puts ours
    assert callable(vars(argparse).get("_")) and callable(vars(argparse).get("ngettext"))
    catalogue = translations.read_po(translations.CLI_PO)
    for text in USER_TEXTS:
        assert catalogue[text].forms[0], text
    assert translations.check_cli() == []


def test_the_bokmal_keeps_argparses_placeholders() -> None:
    catalogue = translations.read_po(translations.CLI_PO)
    entry = catalogue["invalid choice: %(value)r (choose from %(choices)s)"]
    bokmal = entry.forms[0] % {"value": "sjef", "choices": "'a', 'b'"}
    assert bokmal == "«sjef» er ikke tillatt; velg blant 'a', 'b'"
    messages = [translations.CliMessage("unrecognized arguments: %s", None, "app/cli/x.py")]
    lost = {m.msgid: translations.PoEntry(m.msgid, None, ["ukjent valg"]) for m in messages}
    assert "other placeholders" in translations.cli_problems(messages, lost)[0]


def test_other_parsers_in_the_process_keep_their_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_language("nb")  # the default, as the command line starts
    ours = Parser(prog="feltjournal")
    assert ours.format_usage().startswith("bruk: feltjournal")
    theirs = argparse.ArgumentParser(prog="other")
    assert theirs.format_usage().startswith("usage: other")
    with pytest.raises(SystemExit):
        theirs.parse_args(["--bogus"])
    assert "other: error: unrecognized arguments: --bogus" in capsys.readouterr().err
