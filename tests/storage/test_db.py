"""The sqlcipher3 shim: sqlite-utils sees sqlite3's exception classes."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from storage.db import connect, open_database, translate_error
from storage.errors import DatabaseUnreadable


def test_driver_errors_arrive_as_sqlite3_classes(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db", os.urandom(32))
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("SELECT * FROM missing")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)")
    conn.execute("INSERT INTO t (v) VALUES ('a')")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO t (v) VALUES ('a')")
    with pytest.raises(sqlite3.OperationalError):
        list(conn.cursor().execute("SELECT nope FROM t"))


def test_translate_keeps_class_and_message() -> None:
    err = translate_error(sqlcipher3.IntegrityError("UNIQUE constraint failed: t.v"))
    assert type(err) is sqlite3.IntegrityError and "UNIQUE" in str(err)
    plain = ValueError("x")
    assert translate_error(plain) is plain


def test_sqlite_utils_paths_that_catch_sqlite3_errors(tmp_path: Path) -> None:
    db = open_database(tmp_path / "x.db", os.urandom(32))
    db["people"].insert({"id": 1, "name": "Åse"}, pk="id")
    # These sqlite-utils calls catch sqlite3.OperationalError internally; with a
    # bare sqlcipher3 connection they raise instead.
    db["missing_view"].drop(ignore=True) if db["missing_view"].exists() else None
    db.create_view("v", "SELECT * FROM people")
    db["v"].drop()
    db["v"].drop(ignore=True)  # type: ignore[call-arg]
    assert db["people"].get(1)["name"] == "Åse"
    with db.atomic():
        db["people"].insert({"id": 2, "name": "Øystein"})
        with pytest.raises(sqlite3.IntegrityError), db.atomic():
            db["people"].insert({"id": 2, "name": "dup"})
    assert db["people"].count == 2


def test_wrong_key_and_garbage_are_unreadable_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    key = os.urandom(32)
    connect(path, key).execute("CREATE TABLE t (a)")
    before = path.read_bytes()
    with pytest.raises(DatabaseUnreadable):
        connect(path, os.urandom(32))
    assert path.read_bytes() == before
    garbage = tmp_path / "g.db"
    garbage.write_bytes(b"\x00garbage" * 1000)
    with pytest.raises(DatabaseUnreadable):
        connect(garbage, key)
    assert garbage.read_bytes() == b"\x00garbage" * 1000


def test_file_is_encrypted_from_the_first_byte(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    conn = connect(path, os.urandom(32))
    conn.execute("CREATE TABLE secret_table_name (a TEXT)")
    conn.execute("INSERT INTO secret_table_name VALUES ('SENTINEL-xyz')")
    conn.close()
    data = path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert b"secret_table_name" not in data and b"SENTINEL" not in data
