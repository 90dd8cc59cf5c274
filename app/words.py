"""The command line's words: English in the code, bokmål from a compiled gettext catalogue.

The window has Qt's translator; the command line must not load Qt, so what it prints
goes through the standard library's gettext instead::

    from app.words import mark, tr, trn

    print(tr("No hits."))
    print(tr("Exported {count} records to {path}.", count=n, path=path))
    print(trn("{n} participant", "{n} participants", n))
    STATUS = {"active": mark("Active")}   # a table: marked here, tr(STATUS[s]) where shown

The English text is the key. ``resources/translations/cli_nb.po`` holds the bokmål
texts and ``python -m tools.translations`` compiles it to ``cli_nb.mo`` (and adds
new strings to the .po); ``--check`` fails when a string in app/ lacks its bokmål
text or the catalogue is stale. Placeholders are ``{name}``, filled after translating.

The language, in order: ``FELTJOURNAL_LANGUAGE`` (``nb`` or ``en``); ``LC_ALL``; the
window's own setting (Innstillinger → Språk); ``LC_MESSAGES``, then ``LANG``;
bokmål. A locale variable counts when it names English (``en…``) or Norwegian
(``nb…``, ``no…``, ``nn…``: bokmål); ``C`` or another language passes to the next.
"""

from __future__ import annotations

import configparser
import gettext
import os
import plistlib
import sys
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

LANGUAGES: Final = ("nb", "en")
DEFAULT: Final = "nb"
ENV_LANGUAGE: Final = "FELTJOURNAL_LANGUAGE"
DOMAIN: Final = "cli"

_current = DEFAULT


def catalogue_dir() -> Path:
    return Path(str(resources.files("resources") / "translations"))


@cache
def _translations(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()  # the English text is in the code
    path = catalogue_dir() / f"{DOMAIN}_{language}.mo"
    try:
        with path.open("rb") as f:
            return gettext.GNUTranslations(f)
    except OSError:
        # An installation without the catalogue (the packaging tests check it is there)
        # speaks English rather than failing every command.
        return gettext.NullTranslations()


def locale_language(value: str | None) -> str | None:
    """ "en_GB.UTF-8" → "en", "nb_NO.UTF-8" (also no, nn) → "nb"; C, POSIX, others → None."""
    code = (value or "").split(".")[0].split("@")[0].split("_")[0].lower()
    if code == "en":
        return "en"
    if code in ("nb", "no", "nn"):
        return "nb"
    return None


def window_setting(env: Mapping[str, str] | None = None) -> str | None:
    """The language chosen in the window (QSettings of organisation and application
    "Feltjournal"), read without Qt: the INI file on Linux, the registry on Windows,
    the property list on macOS. None when not set or not readable."""
    env = os.environ if env is None else env
    value: object = None
    try:
        if sys.platform == "win32":
            import winreg

            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Software\Feltjournal\Feltjournal") as k:
                value = winreg.QueryValueEx(k, "language")[0]
        elif sys.platform == "darwin":
            prefs = Path(env.get("HOME", "~")).expanduser() / "Library" / "Preferences"
            for name in ("com.feltjournal.Feltjournal.plist", "com.Feltjournal.Feltjournal.plist"):
                if (prefs / name).is_file():
                    with (prefs / name).open("rb") as f:
                        value = plistlib.load(f).get("language")
                    break
        else:
            config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")) / ".config")
            ini = configparser.ConfigParser(interpolation=None, strict=False)
            ini.read(Path(config).expanduser() / "Feltjournal" / "Feltjournal.conf", "utf-8")
            value = ini.get("General", "language", fallback=None)
    except (OSError, ValueError, configparser.Error, plistlib.InvalidFileException):
        return None
    return value if value in LANGUAGES else None


def choose_language(env: Mapping[str, str] | None = None) -> str:
    """The command line's language from the environment and the window's setting."""
    env = os.environ if env is None else env
    explicit = env.get(ENV_LANGUAGE, "").strip().lower()
    if explicit in LANGUAGES:
        return explicit
    found = locale_language(env.get("LC_ALL")) or window_setting(env)
    if found:
        return found
    for name in ("LC_MESSAGES", "LANG"):
        found = locale_language(env.get(name))
        if found:
            return found
    return DEFAULT


def use_language(language: str) -> None:
    """Speak ``language`` ("nb" or "en") from now on."""
    global _current
    _current = language if language in LANGUAGES else DEFAULT


def mark(message: str, /) -> str:
    """A text for the catalogue, translated later with tr() where it is shown."""
    return message


def mark_plural(singular: str, plural: str, /) -> tuple[str, str]:
    """A text with its plural for the catalogue, translated later with trn()."""
    return singular, plural


def tr(message: str, /, **values: object) -> str:
    """``message`` in the current language, with ``{name}`` filled from ``values``."""
    out = _translations(_current).gettext(message)
    return out.format(**values) if values else out


def trn(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form for ``n`` (``{n}`` is filled with it)."""
    return _translations(_current).ngettext(singular, plural, n).format(n=n, **values)


def number(value: float, decimals: int = 1) -> str:
    """A number as the language writes it: 12,5 in bokmål, 12.5 in English."""
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if _current == "nb" else text


def percent(value: float) -> str:
    """A percentage (0–100) as a whole number: "42 %" in bokmål, "42%" in English."""
    whole = f"{value:.0f}"
    return f"{whole} %" if _current == "nb" else f"{whole}%"


def day(value: date | str | None) -> str:
    """A date as dd.mm.yyyy in both languages (an ISO text is read first; "–" for none)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        parsed = value
    return f"{parsed.day:02d}.{parsed.month:02d}.{parsed.year}"


def moment(value: datetime | None) -> str:
    """A time as dd.mm.yyyy HH:MM, local time."""
    if value is None:
        return "–"
    local = value.astimezone() if value.tzinfo else value
    return f"{day(local.date())} {local:%H:%M}"
