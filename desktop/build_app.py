"""Build the standalone one-folder desktop app: ``python desktop/build_app.py``.

PyInstaller runs desktop/feltjournal.spec; the folder ``Feltjournal`` (with the programs
``feltjournal`` and ``feltjournal-gui``) lands in ``--dist`` (default: ./dist), and is then
checked by starting ``feltjournal --help`` from it. The same command builds on Linux,
Windows and macOS (on macOS also dist/Feltjournal.app); each builds for its own platform.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "desktop" / "feltjournal.spec"


def executable(dist: Path, name: str = "feltjournal") -> Path:
    """A program of the built folder."""
    return dist / "Feltjournal" / (f"{name}.exe" if os.name == "nt" else name)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(*, dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; returns the built folder."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
        ],
        check=True,
        cwd=ROOT,
    )
    return dist / "Feltjournal"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work")
    args = parser.parse_args(argv)
    folder = build(dist=args.dist.resolve(), work=args.work.resolve())
    # In bokmål whatever this machine's locale: "bruk:" shows the catalogue came along.
    helped = subprocess.run(
        [str(executable(args.dist.resolve())), "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "FELTJOURNAL_LANGUAGE": "nb"},
    )
    if helped.returncode != 0 or "bruk: feltjournal" not in helped.stdout:
        print(f"build_app: the built app does not start: {helped.stderr.strip()}", file=sys.stderr)
        return 1
    print(f"{folder}: {folder_size(folder) / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
