"""Migration 8: the request ids of signed requests still inside the signature window
(replay refusal across server processes sharing the database)."""

from __future__ import annotations

from alembic import op
from sqlalchemy import BigInteger, Column, Index, MetaData, String, Table

revision = "0008"
down_revision = "0007"

_request_ids = Table(
    "request_ids",
    MetaData(),
    Column("device_id", String(64), primary_key=True),
    Column("request_id", String(64), primary_key=True),
    Column("expires_ms", BigInteger, nullable=False),
    Index("ix_request_ids_expires", "expires_ms"),
)


def upgrade() -> None:
    _request_ids.create(op.get_bind(), checkfirst=True)
