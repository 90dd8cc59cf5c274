"""Backing up and restoring the server, as the README's "Back up the server" says: a server
with a team's data is backed up while it runs (``admin backup``), restored into a new
database (``admin restore``), and a real server process on it, at the same address, serves
a laptop everything; the restored server has a new instance id, so the laptops offer it
what the backup lacks and nobody's sync pauses."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from server import db
from tests.e2e.conftest import Laptop, TeamWorld, sync_all
from tests.e2e.hosts import Host, cli_json, host, server_cli

__all__ = ["host"]  # the fixture


def _notes(laptop: Laptop, pid: str) -> set[str]:
    return {r.fields["body"] for r in laptop.journal.records(pid, "case_note")}


def _stored(world: TeamWorld) -> int:
    with world.server.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(db.changes)) or 0)


def test_a_backed_up_server_restored_into_a_new_database_serves_every_laptop_everything(
    host: Host, memory_keyring: object
) -> None:
    del memory_keyring
    data = host.folder / "data"
    first_db = host.database("first")
    assert server_cli("admin", "init", "--data", str(data), "--database", first_db).returncode == 0
    server = host.start(data, first_db)
    world = TeamWorld(server, host.folder, server.admin.create_team("IPS Bodø"))
    try:
        lead = world.laptop("teamleder", "Lise Leder")
        pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
        for n in range(3):
            lead.journal.add(
                "case_note", {"date": "2026-11-20", "body": f"Notat {n}"}, participant_id=pid
            )
        colleague = world.laptop("jobbspesialist", "Ola Jobb")
        newcomer = world.laptop("jobbspesialist", "Nora Ny")  # approved, never synced
        sync_all(lead, colleague)
        assert _notes(colleague, pid) == {"Notat 0", "Notat 1", "Notat 2"}

        backup_file = (
            host.folder / "backups" / f"server.{'db' if host.backend == 'sqlite' else 'dump'}"
        )
        made = cli_json(
            "admin", "backup", "--data", str(data), "--database", first_db,
            "--output", str(backup_file),
        )  # fmt: skip
        assert made["file"] == str(backup_file) and backup_file.stat().st_size == made["bytes"]
        before = made["instance_id"]
        backed_up = _stored(world)
        # Written after the backup: the restored server lacks it, the lead's laptop has it.
        lead.journal.add("case_note", {"date": "2026-11-21", "body": "Etter"}, participant_id=pid)
        sync_all(lead)
        assert _stored(world) > backed_up
        host.stop(server)

        second_db = host.database("second")
        restored = cli_json(
            "admin", "restore", str(backup_file), "--data", str(data), "--database", second_db
        )
        assert restored["previous_instance_id"] == before
        assert restored["instance_id"] != before and restored["migrations_applied"] == []
        world.server = host.start(data, second_db)  # the same address the laptops know
        assert _stored(world) == backed_up

        newcomer.sync.sync_once()
        assert newcomer.journal.get(pid).fields["name"] == "Kari Nordmann"
        assert _notes(newcomer, pid) == {"Notat 0", "Notat 1", "Notat 2"}
        sync_all(lead, colleague, newcomer)
        for laptop in (lead, colleague, newcomer):
            assert _notes(laptop, pid) == {"Notat 0", "Notat 1", "Notat 2", "Etter"}
            assert laptop.sync.status.last_error_code is None, laptop.sync.status
        assert lead.store.outbox_size() == 0
    finally:
        world.close()


@pytest.mark.parametrize("target", ["not empty", "not a backup"])
def test_restore_refuses_a_database_in_use_and_a_file_that_is_no_backup(
    host: Host, target: str
) -> None:
    data = host.folder / "data"
    used = host.database("used")
    assert server_cli("admin", "init", "--data", str(data), "--database", used).returncode == 0
    junk = host.folder / "junk.dump"
    junk.write_bytes(b"this is not a database backup" * 100)
    if target == "not empty":
        backup_file = host.folder / "b"
        assert cli_json(
            "admin", "backup", "--data", str(data), "--database", used,
            "--output", str(backup_file),
        )  # fmt: skip
        done = server_cli(
            "admin", "restore", str(backup_file), "--data", str(data), "--database", used
        )
        assert done.stderr.startswith("feltjournal-server: The database to restore into is not")
    else:
        done = server_cli(
            "admin", "restore", str(junk), "--data", str(data), "--database", host.database("n")
        )
        assert "junk.dump" in done.stderr
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
