"""The command line, driven as a subprocess on a temp profile with a test keyring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import cli_env, run


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


def test_init_status_verify_backup_restore(env: dict[str, str], tmp_path: Path) -> None:
    r = run(env, "--json", "init", "--name", "Kari Jobb", "--role", "jobbspesialist")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["keystore"] == "keyring"

    r = run(env, "--json", "status")
    assert r.returncode == 0 and json.loads(r.stdout)["backups"] == 0

    r = run(env, "--json", "verify")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["audit_ok"] and data["bad_records"] == []

    r = run(env, "--json", "backup")
    assert r.returncode == 0, r.stderr
    backup = json.loads(r.stdout)["backup"]

    r = run(env, "--json", "restore", backup)
    assert r.returncode == 0, r.stderr
    assert Path(json.loads(r.stdout)["previous_database"]).exists()

    r = run(env, "status")
    assert "Sikkerhetskopier: 1" in r.stdout


def test_wrong_passphrase_is_one_clear_line(env: dict[str, str]) -> None:
    assert run(env, "init", "--name", "K", "--role", "terapeut").returncode == 0
    r = run(env | {"FELTJOURNAL_PASSPHRASE": "feil passord"}, "verify")
    assert r.returncode == 1
    assert r.stderr.strip() == "feltjournal: Feil passordfrase: journalen kunne ikke åpnes."
    assert "Traceback" not in r.stderr


def test_no_keyring_refuses_with_fix(env: dict[str, str]) -> None:
    env = env | {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    r = run(env, "init", "--name", "K", "--role", "terapeut")
    assert r.returncode == 1
    assert "--insecure-file-keystore" in r.stderr
    r = run(env, "--insecure-file-keystore", "init", "--name", "K", "--role", "terapeut")
    assert r.returncode == 0, r.stderr
    assert run(env, "verify").returncode == 0


def test_status_without_profile(env: dict[str, str]) -> None:
    r = run(env, "status")
    assert r.returncode == 1 and "feltjournal init" in r.stdout


def test_passwd_asks_for_the_new_passphrase_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new passphrase typed once with a slip would lock the journal for good: at a
    terminal passwd asks twice, as the set-up does, and changes nothing when they differ."""
    import getpass
    import sys

    from app.cli import main

    profile = str(tmp_path / "p")
    monkeypatch.setenv("FELTJOURNAL_LANGUAGE", "nb")
    monkeypatch.setenv("FELTJOURNAL_PASSPHRASE", "gammel-frase-1")
    monkeypatch.delenv("FELTJOURNAL_NEW_PASSPHRASE", raising=False)
    init = ["--profile", profile, "--insecure-file-keystore", "init", "--name", "K", "--role"]
    assert main([*init, "jobbspesialist"]) == 0
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    typed = iter(["ny-frase-123", "ny-frase-12"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))
    capsys.readouterr()
    assert main(["--profile", profile, "passwd"]) == 1
    assert capsys.readouterr().err.strip() == "feltjournal: Passordfrasene er ikke like."
    assert main(["--profile", profile, "status"]) == 0  # the old passphrase still opens it
    assert main(["--profile", profile, "verify"]) == 0
    typed = iter(["ny-frase-123", "ny-frase-123"])
    assert main(["--profile", profile, "passwd"]) == 0
    monkeypatch.setenv("FELTJOURNAL_PASSPHRASE", "ny-frase-123")
    assert main(["--profile", profile, "verify"]) == 0
