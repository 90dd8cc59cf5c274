"""Update the .ts sources from ui/ and build the .qm catalogues.

    python -m tools.translations          # lupdate + lrelease
    python -m tools.translations --check  # exit 1 if either would change a file

The English source strings live in the code; feltjournal_nb.ts carries the
bokmål translations, feltjournal_en.ts the English plural forms.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("nb", "en")


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6 (it ships the Qt Linguist tools)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def update(ts_dir: Path) -> None:
    ts_files = [str(ts_dir / f"feltjournal_{lang}.ts") for lang in LANGUAGES]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            *sources(),
            "-ts",
            *ts_files,
        ],
        cwd=ROOT,
        check=True,
    )


def release(ts_dir: Path, qm_dir: Path) -> None:
    for lang in LANGUAGES:
        subprocess.run(
            [
                _tool("pyside6-lrelease"),
                "-silent",
                str(ts_dir / f"feltjournal_{lang}.ts"),
                "-qm",
                str(qm_dir / f"feltjournal_{lang}.qm"),
            ],
            check=True,
        )


def check() -> list[str]:
    """Names of files that lupdate or lrelease would change."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        for lang in LANGUAGES:
            shutil.copy(TS_DIR / f"feltjournal_{lang}.ts", tmp_dir)
        update(tmp_dir)
        release(tmp_dir, tmp_dir)
        changed = []
        for lang in LANGUAGES:
            for ext in ("ts", "qm"):
                name = f"feltjournal_{lang}.{ext}"
                if not (TS_DIR / name).exists() or not filecmp.cmp(
                    TS_DIR / name, tmp_dir / name, shallow=False
                ):
                    changed.append(name)
        return changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        changed = check()
        if changed:
            print("out of date: " + ", ".join(changed))
            return 1
        return 0
    TS_DIR.mkdir(parents=True, exist_ok=True)
    update(TS_DIR)
    release(TS_DIR, TS_DIR)
    return 0


if __name__ == "__main__":
    sys.exit(main())
