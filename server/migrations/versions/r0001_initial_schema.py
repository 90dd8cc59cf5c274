"""Migration 1: the initial schema, frozen as it was when migration 1 was the newest.

Later revisions change it with their own statements. A new table or column goes into
``server.db`` *and* into a new revision; this file never follows ``server.db``.
"""

from __future__ import annotations

import uuid

from alembic import op
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

revision = "0001"
down_revision = None

_v1 = MetaData()
_BigId = BigInteger().with_variant(Integer(), "sqlite")

_meta = Table(
    "meta",
    _v1,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
Table(
    "teams",
    _v1,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_ms", BigInteger, nullable=False),
)
Table(
    "users",
    _v1,
    Column("id", String(64), primary_key=True),
    Column("team_id", String(64), ForeignKey("teams.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(32), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    UniqueConstraint("team_id", "name"),
)
Table(
    "enrolment_codes",
    _v1,
    Column("id", String(64), primary_key=True),
    Column("user_id", String(64), ForeignKey("users.id"), nullable=False),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("created_ms", BigInteger, nullable=False),
    Column("expires_ms", BigInteger, nullable=False),
    Column("used_ms", BigInteger, nullable=True),
    Column("used_by_device", String(64), nullable=True),
)
Table(
    "devices",
    _v1,
    Column("id", String(64), primary_key=True),
    Column("user_id", String(64), ForeignKey("users.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("x25519_public", LargeBinary, nullable=False),
    Column("ed25519_public", LargeBinary, nullable=False),
    Column("certificate", LargeBinary, nullable=False),
    Column("enrolled_ms", BigInteger, nullable=False),
    Column("approved_ms", BigInteger, nullable=True),
    Column("revoked_ms", BigInteger, nullable=True),
)
Table(
    "spaces",
    _v1,
    Column("space", String(300), primary_key=True),
    Column("team_id", String(64), ForeignKey("teams.id"), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
)
Table(
    "memberships",
    _v1,
    Column("space", String(300), ForeignKey("spaces.space"), primary_key=True),
    Column("device_id", String(64), ForeignKey("devices.id"), primary_key=True),
    Column("via", String(16), nullable=False),
    Column("added_ms", BigInteger, nullable=False),
    Column("needs_resync", Boolean, nullable=False),  # replaced by revision 0003
    Index("ix_memberships_device", "device_id"),
)
Table(
    "changes",
    _v1,
    Column("seq", _BigId, Identity(), primary_key=True),
    Column("change_id", String(100), nullable=False, unique=True),
    Column("device_id", String(64), nullable=False),
    Column("hlc", String(32), nullable=False),
    Column("record_id", String(300), nullable=False),
    Column("record_type", String(100), nullable=False),
    Column("space", String(300), nullable=False),
    Column("field", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("key_version", Integer, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("payload_dropped", Boolean, nullable=False),
    Column("received_ms", BigInteger, nullable=False),
    Index("ix_changes_space_seq", "space", "seq"),
    Index("ix_changes_record_field", "record_id", "field"),
    sqlite_autoincrement=True,
)
Table(
    "grants",
    _v1,
    Column("id", _BigId, Identity(), primary_key=True),
    Column("space", String(300), nullable=False),
    Column("key_version", Integer, nullable=False),
    Column("to_device", String(64), ForeignKey("devices.id"), nullable=False),
    Column("from_device", String(64), ForeignKey("devices.id"), nullable=False),
    Column("wrapped_key", LargeBinary, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    UniqueConstraint("space", "key_version", "to_device"),  # revision 0007 widens it
    Index("ix_grants_to_device", "to_device"),
    sqlite_autoincrement=True,
)
Table(
    "audit_events",
    _v1,
    Column("id", _BigId, Identity(), primary_key=True),
    Column("team_id", String(64), nullable=False),
    Column("source_device", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("at", String(64), nullable=False),
    Column("device", String(64), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("record_id", String(300), nullable=True),
    Column("hash", String(128), nullable=False),
    Column("received_ms", BigInteger, nullable=False),
    UniqueConstraint("source_device", "seq"),
    Index("ix_audit_team_id", "team_id", "id"),
    Index("ix_audit_record", "record_id"),
    sqlite_autoincrement=True,
)


def upgrade() -> None:
    conn = op.get_bind()
    _v1.create_all(conn, checkfirst=False)
    conn.execute(
        _meta.insert(),
        [
            # Random per database: a client seeing another id knows the server was replaced.
            {"key": "instance_id", "value": str(uuid.uuid4())},
            {"key": "horizon", "value": "0"},
        ],
    )
