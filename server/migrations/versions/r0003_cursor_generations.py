"""Migration 3: cursor generations per device and ``valid_from`` per membership replace
the ``memberships.needs_resync`` flag (see server.changelog, "Cursors").

The flag was cleared by the first pull from 0, so when that answer was lost (or the
laptop died before applying it) the device went on from its old cursor and never
received the granted space's older changes. A device still flagged here gets the next
generation and its flagged memberships that generation's epoch: every cursor it holds
is refused until it pulls from 0.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import BigInteger, Column, Connection, Index, MetaData, String, Table, text

from server.migrations.ddl import add_column, column_names, create_missing_indexes

revision = "0003"
down_revision = "0002"

_memberships = Table(
    "memberships",
    MetaData(),
    Column("space", String(300), primary_key=True),
    Column("device_id", String(64), primary_key=True),
    Column("valid_from", BigInteger, nullable=False, server_default=text("0")),
    Index("ix_memberships_device", "device_id"),
    Index("ix_memberships_device_valid_from", "device_id", "valid_from"),
)


def _epoch(conn: Connection) -> int:
    """The compaction epoch (``server.db.compaction_epoch`` as of this revision)."""
    rows = {str(k): str(v) for k, v in conn.execute(text("SELECT key, value FROM meta"))}
    if "compaction_epoch" in rows:
        return int(rows["compaction_epoch"])
    return int(int(rows.get("horizon", "0")) > 0)


def upgrade() -> None:
    conn = op.get_bind()
    add_column(
        conn,
        "devices",
        Column("cursor_generation", BigInteger, nullable=False, server_default=text("0")),
    )
    add_column(conn, "memberships", _memberships.c.valid_from)
    create_missing_indexes(conn, _memberships)
    if "needs_resync" not in column_names(conn, "memberships"):
        return  # a database made after this change never had the flag
    epoch = _epoch(conn)
    flagged = conn.execute(
        text("SELECT DISTINCT device_id FROM memberships WHERE needs_resync = :yes"),
        {"yes": True},
    ).scalars()
    for device_id in sorted(flagged):
        generation = 1 + int(
            conn.execute(
                text("SELECT cursor_generation FROM devices WHERE id = :d"), {"d": device_id}
            ).scalar()
            or 0
        )
        conn.execute(
            text("UPDATE devices SET cursor_generation = :g WHERE id = :d"),
            {"g": generation, "d": device_id},
        )
        conn.execute(
            text(
                "UPDATE memberships SET valid_from = :v "
                "WHERE device_id = :d AND needs_resync = :yes"
            ),
            {"v": epoch + generation, "d": device_id, "yes": True},
        )
    conn.execute(text("ALTER TABLE memberships DROP COLUMN needs_resync"))
