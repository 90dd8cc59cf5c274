"""docs/security-tests.md names real tests: every node id in it exists in the test tree.

A cheap AST scan (no collection, no imports): a node id ``tests/x.py::test_name``
exists when that file defines a test function (or async function) of that name at
module level, or ``tests/x.py::TestClass::test_name`` one in that class. Parameters
(``[sqlite]``) are not part of the ids listed. Every security line must be listed too,
with at least one test or "(in progress)".
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INDEX = ROOT / "docs" / "security-tests.md"
NODE_ID = re.compile(r"`(tests/[\w/]+\.py(?:::\w+)+)`")
ROW = re.compile(r"^\|\s*(\d+)\s*\|")
SECURITY_LINES = range(1, 22)


def _defined(path: Path) -> set[str]:
    """``name`` and ``Class::name`` of every test function in the file."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found: set[str] = set()
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    for node in tree.body:
        if isinstance(node, functions) and node.name.startswith("test"):
            found.add(node.name)
        elif isinstance(node, ast.ClassDef):
            found |= {
                f"{node.name}::{m.name}"
                for m in node.body
                if isinstance(m, functions) and m.name.startswith("test")
            }
    return found


def missing_node_ids(text: str, root: Path) -> list[str]:
    """The node ids in ``text`` that name no test under ``root``."""
    missing: list[str] = []
    cache: dict[Path, set[str]] = {}
    for node_id in NODE_ID.findall(text):
        file, name = node_id.split("::", 1)
        path = root / file
        if not path.is_file():
            missing.append(node_id)
            continue
        if path not in cache:
            cache[path] = _defined(path)
        if name not in cache[path]:
            missing.append(node_id)
    return missing


def test_every_node_id_in_the_index_exists() -> None:
    text = INDEX.read_text("utf-8")
    assert len(NODE_ID.findall(text)) >= 40  # the table was read, not an empty match
    assert missing_node_ids(text, ROOT) == []


def test_every_security_line_has_a_row_with_tests_or_in_progress() -> None:
    rows: dict[int, list[str]] = {}
    for line in INDEX.read_text("utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows.setdefault(int(match.group(1)), []).append(line)
    assert sorted(rows) == list(SECURITY_LINES)
    for number, lines in rows.items():
        for line in lines:
            assert NODE_ID.search(line) or "(in progress)" in line, f"line {number}: {line}"


def test_the_scan_tells_a_missing_test_from_a_present_one(tmp_path: Path) -> None:
    tests = tmp_path / "tests" / "storage"
    tests.mkdir(parents=True)
    (tests / "test_x.py").write_text(
        "def test_here():\n    pass\n\n"
        "async def test_async():\n    pass\n\n"
        "class TestGroup:\n    def test_inner(self):\n        pass\n\n"
        "def helper_not_a_test():\n    pass\n",
        "utf-8",
    )
    text = (
        "`tests/storage/test_x.py::test_here` `tests/storage/test_x.py::test_async` "
        "`tests/storage/test_x.py::TestGroup::test_inner` "
        "`tests/storage/test_x.py::test_gone` `tests/storage/test_x.py::helper_not_a_test` "
        "`tests/storage/test_y.py::test_here` `tests/storage/test_x.py::test_inner`"
    )
    assert missing_node_ids(text, tmp_path) == [
        "tests/storage/test_x.py::test_gone",
        "tests/storage/test_x.py::helper_not_a_test",
        "tests/storage/test_y.py::test_here",
        "tests/storage/test_x.py::test_inner",
    ]
