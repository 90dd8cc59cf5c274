"""Alembic's environment: runs the revisions on the connection ``server.migrations`` hands
it, inside that connection's transaction (which holds the server's write lock)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from alembic import context
from alembic.runtime.migration import MigrationContext, MigrationInfo

from server.db import metadata

_config = context.config
_applied: list[str] = _config.attributes["applied"]


def _record(  # Alembic passes these by name
    ctx: MigrationContext,
    step: MigrationInfo,
    heads: Collection[Any],
    run_args: Mapping[str, Any],
) -> None:
    del ctx, heads, run_args
    if not step.is_stamp and step.up_revision_id is not None:
        _applied.append(step.up_revision_id)


context.configure(
    connection=_config.attributes["connection"],
    target_metadata=metadata,
    on_version_apply=_record,
)
with context.begin_transaction():
    context.run_migrations()
