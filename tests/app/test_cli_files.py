"""The command line over a missing, empty or damaged journal, and over damaged backups."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from tests.support.cli import cli_env, run


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


def _profile(tmp_path: Path) -> Path:
    return tmp_path / "profile"


def _demo_with_backup(env: dict[str, str]) -> str:
    r = run(env, "demo", "--participants", "8")
    assert r.returncode == 0, r.stderr
    r = run(env, "--json", "backup")
    assert r.returncode == 0, r.stderr
    return str(json.loads(r.stdout)["backup"])


def _damage_pages(path: Path) -> None:
    """One flipped byte in every page of the middle half of the file."""
    data = bytearray(path.read_bytes())
    for page in range(len(data) // 4096 // 4, len(data) // 4096 * 3 // 4):
        data[page * 4096 + 2000] ^= 0x40
    path.write_bytes(bytes(data))


def _one_clear_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def test_an_empty_journal_db_is_refused_with_the_backup_to_restore(
    env: dict[str, str], tmp_path: Path
) -> None:
    backup = _demo_with_backup(env)
    db = _profile(tmp_path) / "journal.db"
    db.write_bytes(b"")
    for command in ("verify", "participants", "backup"):
        r = run(env, command)
        assert r.returncode == 1, (command, r.stdout)
        line = _one_clear_line(r.stderr)
        assert f"Databasefilen {db} er tom (0 byte)" in line
        assert f"restore {backup}" in line
    assert db.stat().st_size == 0  # never turned into a new, empty journal
    r = run(env, "--json", "status")
    assert json.loads(r.stdout)["backups"] == 1  # the good backup was not rotated out
    # The command in the message works as given.
    command = line.split("med: ", 1)[1]
    argv = shlex.split(command)
    assert argv[:2] == ["feltjournal", "--profile"]
    r = run(env, *argv[1:])
    assert r.returncode == 0, r.stderr
    r = run(env, "--json", "verify")
    assert r.returncode == 0 and json.loads(r.stdout)["records"] > 0


def test_a_missing_journal_db_is_refused_not_recreated(env: dict[str, str], tmp_path: Path) -> None:
    _demo_with_backup(env)
    db = _profile(tmp_path) / "journal.db"
    db.unlink()
    r = run(env, "verify")
    assert r.returncode == 1
    assert "mangler" in _one_clear_line(r.stderr)
    assert not db.exists()


def test_a_damaged_page_is_one_sentence_in_every_command(
    env: dict[str, str], tmp_path: Path
) -> None:
    backup = _demo_with_backup(env)
    db = _profile(tmp_path) / "journal.db"
    _damage_pages(db)
    for command in ("verify", "participants", "backup"):
        r = run(env, command)
        assert r.returncode == 1, (command, r.stdout, r.stderr)
        line = _one_clear_line(r.stderr)
        assert line.startswith(f"feltjournal: Databasefilen {db} "), line
        assert f"restore {backup}" in line
    r = run(env, "--json", "status")
    assert json.loads(r.stdout)["backups"] == 1  # no damaged copy counted as a backup
    r = run(env, "restore", backup)
    assert r.returncode == 0, r.stderr
    r = run(env, "--json", "verify")
    assert r.returncode == 0 and json.loads(r.stdout)["audit_ok"]
    assert json.loads(r.stdout)["database_ok"]
    r = run(env, "verify")
    assert r.stdout.startswith("Databasefil: alle sider kontrollert, i orden\n")


@pytest.mark.parametrize("keep", ["0", "-1", "tre"])
def test_backup_keep_below_one_is_refused_and_deletes_nothing(
    env: dict[str, str], tmp_path: Path, keep: str
) -> None:
    _demo_with_backup(env)
    r = run(env, "backup", "--keep", keep)
    assert r.returncode == 2
    assert "behold minst 1 sikkerhetskopi" in r.stderr and "Traceback" not in r.stderr
    assert len(list((_profile(tmp_path) / "backups").glob("journal-*.db"))) == 1


def test_restore_refuses_a_damaged_backup_and_undo_puts_the_database_back(
    env: dict[str, str], tmp_path: Path
) -> None:
    backup = _demo_with_backup(env)
    db = _profile(tmp_path) / "journal.db"
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(Path(backup).read_bytes())
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0x40
    damaged.write_bytes(bytes(data))
    r = run(env, "verify")  # closes the journal: no -wal beside it now
    assert r.returncode == 0, r.stderr
    before = db.read_bytes()
    r = run(env, "restore", str(damaged))
    assert r.returncode == 1
    assert "besto ikke kontrollen" in _one_clear_line(r.stderr)
    assert db.read_bytes() == before

    r = run(env, "--json", "restore", backup)
    assert r.returncode == 0, r.stderr
    aside = json.loads(r.stdout)["previous_database"]
    r = run(env, "--json", "restore", "--undo")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["restored"] == aside
    assert db.read_bytes() == before
    assert run(env, "verify").returncode == 0


def test_restore_help_documents_undo(env: dict[str, str]) -> None:
    r = run(env, "restore", "--help")
    assert r.returncode == 0 and "--undo" in r.stdout
    r = run(env, "restore")
    assert r.returncode == 1 and "--undo" in _one_clear_line(r.stderr)
