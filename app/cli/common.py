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
from storage.profile import Profile, default_profile_dir
from storage.store import RecordStore

ENV_PASSPHRASE = "FELTJOURNAL_PASSPHRASE"


class CliError(Exception):
    """A failure to report in one line, with exit code 1."""


def _passphrase(prompt: str = "Passordfrase: ", *, confirm: bool = False) -> str:
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        return env
    if not sys.stdin.isatty():
        raise CliError(f"No passphrase: set {ENV_PASSPHRASE} or run in a terminal.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Gjenta passordfrasen: ") != first:
        raise CliError("The passphrases do not match.")
    return first


DEMO_EXTRA_MISSING = (
    "Demodata lages med Faker, som ikke er installert: installer den med "
    "«pip install 'feltjournal[demo]'» (utviklermiljøet fra «make install» har den)."
)


DEMO_NOT_IN_APP = (
    "Den frittstående appen har ingen demodata: lag en demoprofil med en pip-installasjon "
    "(«pip install 'feltjournal[demo]'») og åpne den her med --profile."
)


def _require_demo_generator() -> None:
    """The demo generator is an extra (``feltjournal[demo]``): a laptop's client has none."""
    if importlib.util.find_spec("faker") is None:
        frozen = getattr(sys, "frozen", False)  # the standalone app (desktop/)
        raise CliError(DEMO_NOT_IN_APP if frozen else DEMO_EXTRA_MISSING)


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


INSECURE_KEYSTORE_WARNING = (
    "ADVARSEL: Enhetsnøkkelen ligger i en fil i profilmappen, ved siden av dataene, "
    "ikke i systemets nøkkelring; bare passordfrasen beskytter journalen om noen får "
    "en kopi av mappen."
)


def _warn_insecure_keystore(keystore: str) -> None:
    if keystore == "file":
        print(f"feltjournal: {INSECURE_KEYSTORE_WARNING}", file=sys.stderr)


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
            f"{value!r} er ikke gyldig: behold minst 1 sikkerhetskopi."
        )
    return number
