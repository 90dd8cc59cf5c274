"""Small DDL helpers the revisions share. They take frozen definitions only, never
``server.db``'s tables (which follow the newest revision)."""

from __future__ import annotations

from sqlalchemy import Column, Connection, Index, Table, inspect, text
from sqlalchemy.schema import CreateColumn


def column_names(conn: Connection, table: str) -> set[str]:
    return {c["name"] for c in inspect(conn).get_columns(table)}


def add_column(conn: Connection, table: str, column: Column[object]) -> None:
    """``ALTER TABLE … ADD COLUMN`` unless the table has it (a database that an older
    release made with the column already there)."""
    if column.name not in column_names(conn, table):
        ddl = CreateColumn(column).compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {ddl}"))


def create_missing_indexes(conn: Connection, table: Table) -> None:
    present = {i["name"] for i in inspect(conn).get_indexes(table.name)}
    for index in table.indexes:
        if index.name not in present:
            index.create(conn)


def create_index(conn: Connection, index: Index) -> None:
    index.create(conn, checkfirst=True)
