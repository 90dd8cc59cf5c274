"""The house rules on dependencies: storage/ and sync/ never pull in Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_storage_and_sync_import_without_qt() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import storage, sync\n"
        "for pkg in (storage, sync):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(f'{pkg.__name__}.{m.name}')\n"
        "qt = ('PySide6', 'shiboken6', 'ui', 'app')\n"
        "bad = sorted(m for m in sys.modules if m.startswith(qt))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_server_imports_only_the_shared_protocol_from_the_client() -> None:
    for path in (ROOT / "server").rglob("*.py"):
        text = path.read_text("utf-8")
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")):
                assert not stripped.startswith(
                    (
                        "from storage",
                        "import storage",
                        "from app",
                        "import app",
                        "from ui",
                        "import ui",
                    )
                ), path
                if stripped.startswith(("from sync", "import sync")):
                    assert stripped.split()[1] in ("sync.changes", "sync.protocol"), path
