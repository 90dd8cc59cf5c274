"""Policy stated once: the roles and the spaces each may hold live in sync.protocol."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

import pytest

from app.domain import access
from sync import protocol

ROOT = Path(__file__).resolve().parents[1]
CODE_DIRS = ("app", "ui", "sync", "server", "bench", "tools", "storage")
#: Where a role's name may be spelled out: its one definition.
DEFINITION = Path("sync/protocol.py")
#: Strings that read like a role but are something else (a CSV column heading
#: of the employer-contact import, in the user's language).
NOT_ROLES = {(Path("app/portability.py"), "jobbspesialist")}


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_role_names_are_spelled_only_where_they_are_defined() -> None:
    roles = set(protocol.ROLES)
    found = []
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if rel == DEFINITION:
                continue
            for line, value in _string_constants(path):
                if value in roles and (rel, value) not in NOT_ROLES:
                    found.append(f"{rel}:{line}: {value!r}")
    assert found == [], "use the role constants of sync.protocol:\n" + "\n".join(found)


def test_the_role_type_and_the_role_list_agree() -> None:
    assert get_args(protocol.ServerRole) == protocol.ROLES
    assert set(protocol.SPACE_KINDS_BY_ROLE) == set(protocol.ROLES)
    assert access.ROLES is protocol.ROLES
    assert set(access.ROLE_LABELS) == set(protocol.ROLES)


@pytest.mark.parametrize("role", [*protocol.ROLES, "", "admin"])
@pytest.mark.parametrize("kind", ["work", "clinical", "team", "reports", "other", ""])
def test_the_app_and_the_server_read_one_space_policy(role: str, kind: str) -> None:
    # The server asks role_may_hold of a space id; the app asks may_use of a kind.
    assert protocol.role_may_hold(role, f"{kind}:x") == access.may_use(role, kind)


def test_only_a_therapist_holds_clinical_spaces_and_central_only_reports() -> None:
    holders = {r for r in protocol.ROLES if protocol.role_may_hold(r, "clinical:p")}
    assert holders == {protocol.THERAPIST}
    assert access.space_kinds_for(protocol.CENTRAL) == {"reports"}
    assert not protocol.role_may_hold(protocol.TEAM_LEAD, "clinical")  # malformed: no id
