"""Migration 4 (SQLite only): a partial index of the changes a pull may serve, by space,
so that SQLite picks a page's seqs from the index alone (server.changelog._pull_query).
PostgreSQL plans the pull well from ix_changes_space_seq and does not get it."""

from __future__ import annotations

from alembic import op
from sqlalchemy import BigInteger, Boolean, Column, Index, MetaData, String, Table, false

from server.migrations.ddl import create_index

revision = "0004"
down_revision = "0003"

_changes = Table(
    "changes",
    MetaData(),
    Column("seq", BigInteger, primary_key=True),
    Column("space", String(300), nullable=False),
    Column("payload_dropped", Boolean, nullable=False),
)
_index = Index(
    "ix_changes_live_space_seq",
    _changes.c.space,
    _changes.c.seq,
    sqlite_where=_changes.c.payload_dropped == false(),
)


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        create_index(conn, _index)
