"""The command line with the window as its default (``feltjournal.entry`` starts it).

The GUI start-up lives here rather than in app/ so that app/ never reaches up to
ui/; ``python -m app.cli`` still runs every subcommand without loading Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app import cli
from app.cli.common import _profile
from app.system_check import missing_packages, missing_sentence, qt_platform


def cmd_gui(args: argparse.Namespace) -> int:
    """No subcommand: open the desktop client (after checking that Qt can start here)."""
    missing = missing_packages(qt_platform(os.environ, sys.argv))
    if missing:
        print(f"feltjournal: {missing_sentence(missing)}", file=sys.stderr)
        return 1
    # Imported late so that a subcommand never loads Qt.
    from ui.app import run_gui

    profile = _profile(args)
    return run_gui(profile_dir=profile.path)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, default=cmd_gui)


if __name__ == "__main__":
    raise SystemExit(main())
