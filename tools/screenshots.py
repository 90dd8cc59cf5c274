"""Photograph every main screen, the main dialogs and the first-run screen (for the README).

    python -m tools.screenshots [--out docs/screenshots] [--lang nb]

The pictures are taken at 1366×768 (a job specialist's laptop) on the tour that
tools/screen_audit.py checks, on throwaway demo profiles (a job specialist's, a
therapist's and the central team's) with an in-memory keyring: no real profile is
touched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.screen_env import use_laptop_screen

if __name__ == "__main__":
    use_laptop_screen()

from PySide6.QtWidgets import QWidget

from tools.screen_audit import run_tour


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--lang", default="nb", choices=("nb", "en"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def save(name: str, widget: QWidget) -> None:
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    run_tour(args.lang, save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
