"""Migration 7: grants are unique per (space, key version, recipient) *and granter*.

Until then a second device's grant of the same key deleted the first's, so revoking
the second left the recipient with no grant it could accept. The grants kept so far
stay as they are (the deleted ones are gone: laptops grant them again, see
``Directory.missing_grants``).
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    inspect,
    text,
)
from sqlalchemy.schema import CreateTable

revision = "0007"
down_revision = "0006"

_v7 = MetaData()
_BigId = BigInteger().with_variant(Integer(), "sqlite")
Table("devices", _v7, Column("id", String(64), primary_key=True))
_grants = Table(
    "grants",
    _v7,
    Column("id", _BigId, Identity(), primary_key=True),
    Column("space", String(300), nullable=False),
    Column("key_version", Integer, nullable=False),
    Column("to_device", String(64), ForeignKey("devices.id"), nullable=False),
    Column("from_device", String(64), ForeignKey("devices.id"), nullable=False),
    Column("wrapped_key", LargeBinary, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    UniqueConstraint(
        "space", "key_version", "to_device", "from_device", name="uq_grants_space_to_from"
    ),
    Index("ix_grants_to_device", "to_device"),
    sqlite_autoincrement=True,
)


def upgrade() -> None:
    conn = op.get_bind()
    old = ["space", "key_version", "to_device"]
    found = inspect(conn).get_unique_constraints("grants")
    if not any(sorted(u["column_names"]) == sorted(old) for u in found):
        return  # made with the new constraint already
    if conn.dialect.name == "postgresql":
        for u in found:
            if sorted(u["column_names"]) == sorted(old):
                conn.execute(text(f'ALTER TABLE grants DROP CONSTRAINT "{u["name"]}"'))
        conn.execute(
            text(
                "ALTER TABLE grants ADD CONSTRAINT uq_grants_space_to_from "
                "UNIQUE (space, key_version, to_device, from_device)"
            )
        )
        return
    # SQLite cannot drop a constraint: copy the table into one with the new schema.
    conn.execute(text("DROP INDEX IF EXISTS ix_grants_to_device"))
    ddl = str(CreateTable(_grants).compile(dialect=conn.dialect)).strip()
    head = "CREATE TABLE grants "
    if not ddl.startswith(head):
        raise RuntimeError(f"unexpected DDL for grants: {ddl[:60]!r}")
    conn.execute(text("CREATE TABLE grants_rebuilt " + ddl[len(head) :]))
    names = ", ".join(c.name for c in _grants.columns)
    conn.execute(text(f"INSERT INTO grants_rebuilt ({names}) SELECT {names} FROM grants"))
    conn.execute(text("DROP TABLE grants"))
    conn.execute(text("ALTER TABLE grants_rebuilt RENAME TO grants"))
    for index in _grants.indexes:
        index.create(conn)
