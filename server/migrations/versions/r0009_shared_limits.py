"""Migration 9: the rate limits' hits and the planner-statistics counters, kept in the
database so that every server process on one PostgreSQL database shares them (SQLite's
single process keeps both in memory; the tables are made there too, one schema for both)."""

from __future__ import annotations

from alembic import op
from sqlalchemy import BigInteger, Column, Identity, Index, Integer, MetaData, String, Table, text

revision = "0009"
down_revision = "0008"

_v9 = MetaData()
_BigId = BigInteger().with_variant(Integer(), "sqlite")
_rate_hits = Table(
    "rate_hits",
    _v9,
    Column("id", _BigId, Identity(), primary_key=True),
    Column("bucket", String(32), nullable=False),
    Column("key", String(200), nullable=False),
    Column("at_ms", BigInteger, nullable=False),
    Index("ix_rate_hits_bucket_key_at", "bucket", "key", "at_ms"),
    Index("ix_rate_hits_at", "at_ms"),
    sqlite_autoincrement=True,
)
_planner_counters = Table(
    "planner_counters",
    _v9,
    Column("table_name", String(64), primary_key=True),
    Column("arrived", BigInteger, nullable=False),
    Column("tenth", BigInteger, nullable=False, server_default=text("0")),
)


def upgrade() -> None:
    conn = op.get_bind()
    _rate_hits.create(conn, checkfirst=True)
    _planner_counters.create(conn, checkfirst=True)
