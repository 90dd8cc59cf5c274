"""The house rules on dependencies: storage/ and sync/ never pull in Qt; ui → app →
storage, sync; the server shares only the protocol; no import cycles."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from dataclasses import dataclass
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


# --------------------------------------------------------------- the import graph

PACKAGES = ("app", "ui", "storage", "sync", "server")


@dataclass(frozen=True)
class Imports:
    """Each module's imports of the project's modules: all, and those made at run time."""

    every: dict[str, set[str]]
    runtime: dict[str, set[str]]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.Module) -> set[int]:
    """ids of the import nodes under ``if TYPE_CHECKING:``."""
    found: set[int] = set()
    for node in ast.walk(tree):
        test = node.test if isinstance(node, ast.If) else None
        name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
        if name == "TYPE_CHECKING":
            found.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return found


@functools.cache
def project_imports() -> Imports:
    files = {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}

    def resolve(name: str) -> str | None:
        # "app.central.CentralData" is the module app.central; an outside name is None.
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    every: dict[str, set[str]] = {}
    runtime: dict[str, set[str]] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        typing_only = _type_checking_only(tree)
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        every[module], runtime[module] = set(), set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [resolve(a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join([*package[: len(package) - node.level + 1], base]).strip(".")
                targets = [resolve(f"{base}.{a.name}") for a in node.names]
            else:
                continue
            for target in targets:
                if target is not None and target != module:
                    every[module].add(target)
                    if id(node) not in typing_only:
                        runtime[module].add(target)
    return Imports(every=every, runtime=runtime)


def _edges(source: str, *targets: str) -> set[tuple[str, str]]:
    """(importer, imported) pairs from package ``source`` into any of ``targets``."""
    return {
        (m, t)
        for m, deps in project_imports().every.items()
        if m.split(".")[0] == source
        for t in deps
        if t.startswith(targets)
    }


def test_no_import_cycles() -> None:
    graph = project_imports().runtime
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while (w := stack.pop()) != v:
                component.append(w)
            if component:
                cycles.append(sorted([v, *component]))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_app_never_imports_ui() -> None:
    # The window opened by `feltjournal` without a subcommand starts from ui.main.
    assert _edges("app", "ui") == set()


def test_storage_never_imports_the_sync_client() -> None:
    assert _edges("storage", "sync.client") == set()


def test_ui_reaches_storage_and_sync_only_through_app() -> None:
    # Known failures come from app.errors, read models from app.journal and
    # app.operations: the window never reaches past app/.
    assert sorted(_edges("ui", "storage", "sync")) == [], "ui/ must go through app/"
