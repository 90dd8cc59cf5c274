"""The command line on a rolled-back database, and on the insecure file keystore."""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import keyring
import pytest

from storage.checkpoint import WalCheckpointer
from storage.profile import Profile
from tests.storage.keyring_backends import ENV_VAR, JsonFileTestKeyring
from tests.support.cli import PASS, cli_env, run

SAVES = 40


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


def crashed_copy_with_flipped_wal_header(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Path:
    """40 saves, the folder copied while open (with its -wal), the log header damaged."""
    assert run(env, "init", "--name", "Kari Jobb", "--role", "jobbspesialist").returncode == 0
    assert run(env, "backup").returncode == 0
    monkeypatch.setenv(ENV_VAR, env[ENV_VAR])
    monkeypatch.setattr(keyring, "get_keyring", JsonFileTestKeyring)
    monkeypatch.setattr(
        "storage.profile.WalCheckpointer", functools.partial(WalCheckpointer, interval=3600)
    )
    profile = Profile(Path(env["FELTJOURNAL_PROFILE"]))
    store = profile.unlock(PASS)
    try:
        store.create_space("work:p1")
        for i in range(SAVES):
            store.put(record_type="case_note", space="work:p1", texts={"body": f"notat {i}"})
        copy = tmp_path / "crashed"
        shutil.copytree(profile.path, copy, ignore=shutil.ignore_patterns("*-shm"))
    finally:
        store.lock()
    wal = copy / "journal.db-wal"
    data = bytearray(wal.read_bytes())
    data[20] ^= 0x01
    wal.write_bytes(bytes(data))
    return copy


def test_verify_names_the_lost_saves_and_accepting_goes_on(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy = crashed_copy_with_flipped_wal_header(env, monkeypatch, tmp_path)
    env = env | {"FELTJOURNAL_PROFILE": str(copy)}

    r = run(env, "verify")
    assert r.returncode == 3
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert lines[0].startswith(f"feltjournal: Databasen er rullet tilbake: {SAVES} lagringer")
    assert "feltjournal restore" in lines[0] and "--accept-rollback" in lines[0]

    r = run(env, "--json", "verify")
    assert r.returncode == 3
    found = json.loads(r.stdout)["rollback"]
    assert (found["kind"], found["missing_saves"]) == ("behind", SAVES)
    assert Path(found["newest_backup"]).parent == copy / "backups"

    r = run(env, "search", "notat")  # any command that unlocks refuses the same way
    assert r.returncode == 1 and "rullet tilbake" in r.stderr and "Traceback" not in r.stderr

    r = run(env, "--json", "verify", "--accept-rollback")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["rollback_accepted"]["missing_saves"] == SAVES
    r = run(env, "verify")
    assert r.returncode == 0, r.stderr
    assert "Lagringer: 0, i samsvar med ankeret" in r.stdout


def test_a_clean_profile_verifies_its_saves_against_the_anchor(env: dict[str, str]) -> None:
    assert run(env, "demo", "--participants", "2").returncode == 0
    r = run(env, "--json", "verify")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["rollback_accepted"] is None and data["saves"] > 0


def test_the_file_keystore_says_loudly_where_the_device_key_is(env: dict[str, str]) -> None:
    r = run(env, "--insecure-file-keystore", "init", "--name", "K", "--role", "terapeut")
    assert r.returncode == 0, r.stderr
    warning = "ADVARSEL: Enhetsnøkkelen ligger i en fil i profilmappen, ved siden av dataene"
    assert warning in r.stderr

    r = run(env, "status")
    assert r.returncode == 0 and warning in r.stdout.splitlines()[-1]
    r = run(env, "--json", "status")
    data = json.loads(r.stdout)
    assert data["insecure_keystore"] is True and data["warning"].startswith(warning)


def test_the_keyring_says_nothing_of_the_kind(env: dict[str, str]) -> None:
    r = run(env, "init", "--name", "K", "--role", "terapeut")
    assert r.returncode == 0 and "ADVARSEL" not in r.stderr
    r = run(env, "--json", "status")
    assert json.loads(r.stdout)["insecure_keystore"] is False and "ADVARSEL" not in r.stderr
