"""Policy stated once: the roles and the spaces each may hold live in sync.protocol;
the keys of the store's settings in app/store_settings.py (and the sync client's own
few in sync/client.py)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

import pytest

from app import store_settings
from app.domain import access
from sync import client, protocol

ROOT = Path(__file__).resolve().parents[1]
CODE_DIRS = ("app", "ui", "sync", "server", "bench", "tools", "storage")
#: Where a role's name may be spelled out: its one definition.
DEFINITION = Path("sync/protocol.py")
#: Strings that read like a role but are something else (a CSV column heading
#: of the employer-contact import, in the user's language).
NOT_ROLES = {(Path("app/portability/csv_contacts.py"), "jobbspesialist")}


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


SETTINGS_MODULE = Path("app/store_settings.py")
SYNC_CLIENT = Path("sync/client.py")
SYNC_CLIENT_KEYS = {client.INSTANCE_SETTING, client.BACKFILL_SETTING, client.ROLLBACK_SETTING}


def _setting_keys() -> set[str]:
    keys = {
        value
        for name, value in vars(store_settings).items()
        if name.isupper() and isinstance(value, str)
    }
    return keys | SYNC_CLIENT_KEYS


def _module_constants(tree: ast.Module) -> set[int]:
    """ids of the string values of module-level ``NAME: Final = "..."`` lines."""
    found = set()
    for node in tree.body:
        value = node.value if isinstance(node, ast.AnnAssign | ast.Assign) else None
        if isinstance(value, ast.Constant):
            found.add(id(value))
    return found


def test_setting_keys_are_spelled_only_in_the_settings_module() -> None:
    keys = _setting_keys()
    assert "sync.device_enrolled" in keys and "team_space" in keys
    found = []
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if rel == SETTINGS_MODULE:
                continue
            tree = ast.parse(path.read_text("utf-8"), filename=str(path))
            # The sync client names its own protocol state once, as module constants.
            allowed = _module_constants(tree) if rel == SYNC_CLIENT else set()
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Constant)
                    and node.value in keys
                    and id(node) not in allowed
                ):
                    found.append(f"{rel}:{node.lineno}: {node.value!r}")
                # A key spelled in a call, whatever it is, is a key this test does not know.
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("setting", "set_setting")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    found.append(f"{rel}:{node.lineno}: {node.args[0].value!r} in a call")
    assert found == [], "use app.store_settings:\n" + "\n".join(found)


def test_typed_settings_read_what_the_store_holds() -> None:
    class Settings(dict[str, str]):
        def setting(self, key: str) -> str | None:
            return self.get(key)

        def set_setting(self, key: str, value: str) -> None:
            self[key] = value

    store = Settings()
    assert not store_settings.device_enrolled(store)
    assert store_settings.team_id(store) is None
    assert store_settings.team_space(store) is None
    store[store_settings.DEVICE_ENROLLED] = "1"
    store[store_settings.TEAM_ID] = "t1"
    store_settings.set_team_space(store, "team:t1")
    assert store_settings.device_enrolled(store)
    assert store_settings.team_id(store) == "t1"
    assert store == {
        "sync.device_enrolled": "1",
        "sync.team_id": "t1",
        "team_space": "team:t1",
    }


def test_the_new_computer_offer_settings_are_typed_and_survive_bad_values() -> None:
    class Settings(dict[str, str]):
        def setting(self, key: str) -> str | None:
            return self.get(key)

        def set_setting(self, key: str, value: str) -> None:
            self[key] = value

    store = Settings()
    assert store_settings.own_devices(store) == {}
    assert store_settings.clinical_offer_declined(store) == frozenset()
    store_settings.set_own_devices(store, {"d2": "Toras nye laptop"})
    assert store_settings.own_devices(store) == {"d2": "Toras nye laptop"}
    store_settings.decline_clinical_offer(store, "d2")
    store_settings.decline_clinical_offer(store, "d2")
    assert store_settings.clinical_offer_declined(store) == {"d2"}
    store[store_settings.GRANTED] = '{"d2": ["clinical:p1#1", "clinical:p1#2", "work:p1#1"]}'
    assert store_settings.granted_spaces(store, "d2") == {"clinical:p1", "work:p1"}
    assert store_settings.granted_spaces(store, "d3") == frozenset()
    for bad in ("[", "[1, 2]", '"x"'):
        store[store_settings.OWN_DEVICES] = bad
        store[store_settings.CLINICAL_OFFER_DECLINED] = "{"
        store[store_settings.GRANTED] = bad
        assert store_settings.own_devices(store) == {}
        assert store_settings.clinical_offer_declined(store) == frozenset()
        assert store_settings.granted_spaces(store, "d2") == frozenset()
