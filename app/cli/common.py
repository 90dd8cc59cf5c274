"""What every ``feltjournal`` command shares: the passphrase, the profile, unlocking and output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from app.journal import Journal
from app.words import tr
from storage.profile import Profile, default_profile_dir
from storage.store import RecordStore

ENV_PASSPHRASE = "FELTJOURNAL_PASSPHRASE"


class CliError(Exception):
    """A failure to report in one line, with exit code 1."""


def _passphrase(prompt: str | None = None, *, confirm: bool = False) -> str:
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        return env
    if not sys.stdin.isatty():
        raise CliError(tr("No passphrase: set {env} or run in a terminal.", env=ENV_PASSPHRASE))
    first = getpass.getpass(prompt or tr("Passphrase: "))
    if confirm and getpass.getpass(tr("Repeat the passphrase: ")) != first:
        raise CliError(tr("The passphrases do not match."))
    return first


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
