"""The server's schema migrations: Alembic revisions in ``versions/``, one per change.

``migrate`` brings a database to the newest revision in one transaction under the
server's write lock (so two processes starting at once migrate it once). A database
made by the forward-only migrations of earlier releases has a ``schema_migrations``
table listing the versions 1..N it applied; it is stamped at revision N (revision ids
are the old version numbers, ``"0001"`` … ``"0008"``), that table is dropped, and the
newer revisions run. Forward only: to go back, restore a backup (server/README.md).

Adding a migration: change ``server.db``'s tables, then add
``versions/rNNNN_what.py`` with ``revision = "NNNN"`` (the next number) and
``down_revision`` the previous one, whose ``upgrade()`` makes the same change with its
own frozen definitions (never ``server.db``'s tables, which follow the newest
revision). tests/server/test_migrations.py checks that a fresh database and every
older one end up with the schema ``server.db`` describes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from server.db import write_tx

HERE: Final = Path(__file__).resolve().parent
#: The table of the forward-only migrations of releases before Alembic.
LEGACY_TABLE: Final = "schema_migrations"


class MigrationError(RuntimeError):
    """The database's schema is not one this server knows how to upgrade."""


def _config(conn: Connection, applied: list[str]) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["connection"] = conn
    config.attributes["applied"] = applied
    return config


def revisions() -> list[int]:
    """Every revision, oldest first."""
    script = ScriptDirectory(str(HERE))
    return sorted(int(r.revision) for r in script.walk_revisions())


def current(conn: Connection) -> int | None:
    """The database's revision; None for an empty (or a pre-Alembic) database."""
    found = MigrationContext.configure(conn).get_current_revision()
    return int(found) if found is not None else None


def _stamp_legacy(conn: Connection, applied: list[str]) -> None:
    versions = sorted(int(v) for v in conn.scalars(text(f"SELECT version FROM {LEGACY_TABLE}")))
    if not versions:
        conn.execute(text(f"DROP TABLE {LEGACY_TABLE}"))  # created, never used: an empty database
        return
    newest = versions[-1]
    if versions != list(range(1, newest + 1)) or newest not in revisions():
        raise MigrationError(
            f"The database's schema versions {versions} are not those of a Feltjournal "
            "server release; restore a backup or upgrade it with the release that made it."
        )
    command.stamp(_config(conn, applied), f"{newest:04d}")
    conn.execute(text(f"DROP TABLE {LEGACY_TABLE}"))


def migrate(engine: Engine) -> list[int]:
    """Upgrade the database to the newest revision; the revisions applied now, in order."""
    applied: list[str] = []
    with write_tx(engine) as conn:
        tables = set(inspect(conn).get_table_names())
        if LEGACY_TABLE in tables and "alembic_version" not in tables:
            _stamp_legacy(conn, applied)
        command.upgrade(_config(conn, applied), "head")
    return [int(r) for r in applied]


def stamp(engine: Engine, revision: int) -> None:
    """Record ``revision`` as the database's without running anything (tests rewind with it)."""
    with write_tx(engine) as conn:
        command.stamp(_config(conn, []), f"{revision:04d}", purge=True)
