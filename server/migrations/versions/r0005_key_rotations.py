"""Migration 5: key rotations after a revocation (server.rotation owns the table)."""

from __future__ import annotations

from alembic import op
from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table

revision = "0005"
down_revision = "0004"

_key_rotations = Table(
    "key_rotations",
    MetaData(),
    Column("space", String(300), primary_key=True),
    Column("key_version", Integer, primary_key=True, autoincrement=False),
    Column("team_id", String(64), nullable=False),
    Column("revoked_device", String(64), nullable=False),
    Column("due_ms", BigInteger, nullable=False),
    Column("claimed_by", String(64), nullable=True),
    Column("claimed_ms", BigInteger, nullable=True),
    Column("closed_ms", BigInteger, nullable=True),
)


def upgrade() -> None:
    _key_rotations.create(op.get_bind(), checkfirst=True)
