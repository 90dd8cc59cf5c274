"""What every ``feltjournal`` command shares: the passphrase, the profile, unlocking and output."""

from __future__ import annotations

import argparse
import getpass
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

from app.journal import Journal
from app.words import mark, tr
from storage.profile import Profile, default_profile_dir
from storage.store import RecordStore

ENV_PASSPHRASE = "FELTJOURNAL_PASSPHRASE"


class CliError(Exception):
    """A failure to report in one line, with exit code 1."""


def _passphrase(
    prompt: str | None = None, *, confirm: bool = False, env_var: str = ENV_PASSPHRASE
) -> str:
    env = os.environ.get(env_var)
    if env:
        return env
    if not sys.stdin.isatty():
        raise CliError(tr("No passphrase: set {env} or run in a terminal.", env=env_var))
    first = getpass.getpass(prompt or tr("Passphrase: "))
    if confirm and getpass.getpass(tr("Repeat the passphrase: ")) != first:
        raise CliError(tr("The passphrases do not match."))
    return first


DEMO_EXTRA_MISSING = mark(
    "Demo data is made with Faker, which is not installed: install it with «pip install "
    "'feltjournal[demo]'» (the developer environment from «make install» has it)."
)


DEMO_NOT_IN_APP = mark(
    "The standalone app has no demo data: make a demo profile with a pip installation "
    "(«pip install 'feltjournal[demo]'») and open it here with --profile."
)


def _require_demo_generator() -> None:
    """The demo generator is an extra (``feltjournal[demo]``): a laptop's client has none."""
    if importlib.util.find_spec("faker") is None:
        frozen = getattr(sys, "frozen", False)  # the standalone app (desktop/)
        raise CliError(tr(DEMO_NOT_IN_APP if frozen else DEMO_EXTRA_MISSING))


def _profile(args: argparse.Namespace) -> Profile:
    path = Path(args.profile) if args.profile else default_profile_dir()
    return Profile(path)


def _unlock(args: argparse.Namespace) -> tuple[Profile, RecordStore]:
    profile = _profile(args)
    return profile, profile.unlock(_passphrase())


def _emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def insecure_keystore_warning() -> str:
    return tr(
        "WARNING: The device key lies in a file in the profile folder, beside the data, not "
        "in the system keyring; only the passphrase protects the journal if someone gets a "
        "copy of the folder."
    )


def _warn_insecure_keystore(keystore: str) -> None:
    if keystore == "file":
        print(f"feltjournal: {insecure_keystore_warning()}", file=sys.stderr)


def _journal(args: argparse.Namespace) -> tuple[Profile, Journal]:
    profile, store = _unlock(args)
    return profile, Journal(store)


def _at_least_one(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        # --keep 0 used to delete every backup, the one just saved included.
        raise argparse.ArgumentTypeError(
            tr("«{value}» is not valid: keep at least 1 backup.", value=value)
        )
    return number


def period_refused(text: str | None) -> str:
    return tr(
        "«{period}» is not a period: write 2026-Q3 (a quarter), 2026-09 (a month) or 2026 "
        "(a year).",
        period=text or "",
    )
