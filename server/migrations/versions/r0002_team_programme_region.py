"""Migration 2: a team's programme (SFJ, JMO, IPS) and region."""

from __future__ import annotations

from alembic import op
from sqlalchemy import Column, String

from server.migrations.ddl import add_column

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    conn = op.get_bind()
    add_column(conn, "teams", Column("programme", String(16), nullable=False, server_default="IPS"))
    add_column(conn, "teams", Column("region", String(100), nullable=False, server_default=""))
