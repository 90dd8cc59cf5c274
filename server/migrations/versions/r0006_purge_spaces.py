"""Migration 6: the spaces a purge names, in the clear (``changes.purge_spaces``)."""

from __future__ import annotations

from alembic import op
from sqlalchemy import Column, Text

from server.migrations.ddl import add_column

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    add_column(
        op.get_bind(), "changes", Column("purge_spaces", Text, nullable=False, server_default="")
    )
