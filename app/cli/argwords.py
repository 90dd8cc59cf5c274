"""argparse in the command line's language: its own words through app.words, the
subcommands as one name in the usage line, and a usage error as one line.

argparse looks its words up at call time through two names of its own module, ``_``
and ``ngettext``, imported from gettext (CPython 3.11 and the 3.14/3.15 source alike).
:class:`Parser` puts app.words' catalogue in their place while it builds, parses or
formats, and the standard ones back after, so another parser in the same process (the
server's, a test's) keeps its English. Should a later Python drop those names, the
swap does nothing and argparse speaks English; a test then fails
(tests/app/test_cli_argwords.py), as it does for a new text of argparse's that
:data:`USER_TEXTS` lacks.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final, NoReturn

from app.words import mark, mark_plural, tr, trn

# argparse's texts a user can meet, by their English (the catalogue's key); the bokmål
# may word them afresh, with the same %(name)s placeholders.
USER_TEXTS: Final = (
    mark("usage: "),
    mark("positional arguments"),
    mark("options"),
    mark("show this help message and exit"),
    mark("show program's version number and exit"),
    mark("subcommands"),
    mark("%(heading)s:"),
    mark(" (default: %(default)s)"),
    mark("argument %(argument_name)s: %(message)s"),
    mark("unrecognized arguments: %s"),
    mark("the following arguments are required: %s"),
    mark("one of the arguments %s is required"),
    mark("not allowed with argument %s"),
    mark("expected one argument"),
    mark("expected at most one argument"),
    mark("expected at least one argument"),
    mark("ignored explicit argument %r"),
    mark("ambiguous option: %(option)s could match %(matches)s"),
    mark("unexpected option string: %s"),
    mark("invalid %(type)s value: %(value)r"),
    mark("invalid choice: %(value)r (choose from %(choices)s)"),
    mark("invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)"),
    mark("can't open '%(filename)s': %(error)s"),
    mark("%(prog)s: warning: %(message)s\n"),
    mark("option '%(option)s' is deprecated"),
    mark("argument '%(argument_name)s' is deprecated"),
    mark("command '%(parser_name)s' is deprecated"),
)
USER_PLURALS: Final = (mark_plural("expected %s argument", "expected %s arguments"),)

# argparse's texts no user of ours meets: mistakes in building a parser (a test builds
# ours), a command name the parser checks before this could be said, and the error line
# Parser.error writes itself.
DEVELOPER_TEXTS: Final = frozenset(
    {
        ".__call__() not defined",
        "%r is not callable",
        "%(prog)s: error: %(message)s\n",
        "'required' is an invalid argument for positionals",
        'argument "-" with mode %r',
        "cannot have multiple subparser arguments",
        "cannot merge actions - two groups are named %r",
        "conflicting option string: %s",
        "conflicting subparser alias: %s",
        "conflicting subparser: %s",
        "dest= is required for options like %r",
        "invalid conflict_resolution value: %r",
        "invalid option string %(option)r: must start with a character %(prefix_chars)r",
        "mutually exclusive arguments must be optional",
        "unknown parser %(parser_name)r (choices: %(choices)s)",
    }
)

_HOOKS: Final = ("_", "ngettext")


def _gettext(message: str | None) -> str | None:
    return tr(message) if message else message  # argparse asks for None's words, too


def _ngettext(singular: str, plural: str, n: int) -> str:
    return trn(singular, plural, n)


@contextmanager
def argparse_words() -> Iterator[None]:
    """argparse's words from our catalogue for the time of the block (nests)."""
    module = vars(argparse)
    saved = {name: module[name] for name in _HOOKS if name in module}
    module.update({name: hook for name, hook in zip(_HOOKS, (_gettext, _ngettext), strict=True)})
    try:
        yield
    finally:
        for name in _HOOKS:
            if name in saved:
                module[name] = saved[name]
            else:
                module.pop(name, None)


def whole_number(text: str) -> int:
    """``type=int`` in words: «x» is not a whole number."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("«{value}» is not a whole number", value=text)
        ) from None


def decimal_number(text: str) -> float:
    """``type=float`` in words, and with a decimal comma as bokmål writes it (0,5)."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(tr("«{value}» is not a number", value=text)) from None


class _Formatter(argparse.HelpFormatter):
    """argparse's help with the commands listed straight under their heading: argparse
    puts the subcommands' metavar (KOMMANDO) on a line of its own above them."""

    def _format_action(self, action: argparse.Action) -> str:
        subactions = getattr(action, "_get_subactions", None)  # argparse._SubParsersAction's
        if isinstance(action, argparse._SubParsersAction) and callable(subactions):
            return "".join(super(_Formatter, self)._format_action(a) for a in subactions())
        return super()._format_action(action)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser speaking the command line's language; an error is one line on
    standard error naming ``--help``, exit code 2 as argparse's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        with argparse_words():
            super().__init__(*args, **kwargs)
        self.register("type", int, whole_number)
        self.register("type", float, decimal_number)

    def add_subparsers(self, **kwargs: Any) -> Any:
        """Commands under their own heading, named KOMMANDO/COMMAND in the usage line
        (the list of them stays in the help, one line each)."""
        kwargs.setdefault("title", tr("commands"))
        kwargs.setdefault("metavar", tr("COMMAND"))
        with argparse_words():
            return super().add_subparsers(**kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with argparse_words():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with argparse_words():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with argparse_words():
            return super().format_usage()

    def format_help(self) -> str:
        with argparse_words():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        """One line, no usage block: ``feltjournal init: mangler --name; se «…»``."""
        line = tr("{problem}; see «{prog} --help»", problem=message.rstrip("."), prog=self.prog)
        self.exit(2, f"{self.prog}: {line}\n")

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # An unknown command is said in words, not as argparse's list of all of them.
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            raise argparse.ArgumentError(None, tr("«{value}» is not a command", value=value))
        super()._check_value(action, value)
