"""PostgreSQL's planner statistics are refreshed as changes and memberships pour in."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select

from server import db
from server.changelog import ChangeLog
from server.directory import DeviceRow, Directory
from tests.server.helpers import World, now_ms


def _analyzes(engine: Engine) -> list[str]:
    """Every ANALYZE statement run on ``engine`` from now on."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("ANALYZE"):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    return seen


def test_the_push_that_crosses_the_threshold_analyzes_the_log_on_postgresql(
    world: World, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(db.ANALYZE_AFTER, "changes", 40)
    log = ChangeLog(engine, now_ms=now_ms)
    dev = world.device("jobbspesialist")
    row: DeviceRow | None = Directory(engine, org_public_key=b"", now_ms=now_ms).device(dev.id)
    assert row is not None
    analyzes = _analyzes(engine)

    assert len(log.push(row, [dev.change("work:a") for _ in range(30)]).accepted) == 30
    assert analyzes == []
    assert len(log.push(row, [dev.change("work:a") for _ in range(15)]).accepted) == 15
    if engine.dialect.name != "postgresql":
        assert analyzes == []  # SQLite plans this query the same either way
        return
    assert analyzes == ["ANALYZE changes"]
    with db.read_tx(engine) as conn:
        rows = conn.scalar(select(func.count()).select_from(db.changes))
        estimate = conn.exec_driver_sql(
            "SELECT reltuples FROM pg_class WHERE oid = 'changes'::regclass"
        ).scalar()
    assert rows == 45 and estimate == 45  # a small table is read whole: exact
    # The next refresh waits for the threshold again (not at every push).
    log.push(row, [dev.change("work:a") for _ in range(39)])
    assert len(analyzes) == 1
    log.push(row, [dev.change("work:a")])
    assert len(analyzes) == 2


def test_grants_that_add_many_memberships_analyze_them_on_postgresql(
    world: World, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A laptop granted a team's spaces must not look like a member of one space to the
    planner (the pull then reads each space's changes and sorts them, every page)."""
    monkeypatch.setitem(db.ANALYZE_AFTER, "memberships", 5)
    statistics = db.PlannerStatistics(engine)
    log = ChangeLog(engine, now_ms=now_ms, statistics=statistics)
    lead = world.device("teamleder")
    row = Directory(engine, org_public_key=b"", now_ms=now_ms).device(lead.id)
    assert row is not None
    analyzes = _analyzes(engine)
    # Pushing into three new spaces makes three memberships: below the threshold.
    log.push(row, [lead.change(f"work:p{i}") for i in range(3)])
    assert analyzes == []
    target = world.device("jobbspesialist")
    directory = Directory(engine, org_public_key=b"", now_ms=now_ms, statistics=statistics)
    directory.store_grants(row, [lead.grant(f"work:p{i}", to=target) for i in range(3)])
    expected = ["ANALYZE memberships"] if engine.dialect.name == "postgresql" else []
    assert analyzes == expected


def test_rows_pushed_through_several_processes_add_up_to_one_refresh(
    world: World, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three server processes (three engines, three counters' owners) on one database:
    the rows each commits add up in the database, and one request in one process
    crosses the threshold: the refresh is neither missed nor run three times."""
    if engine.dialect.name != "postgresql":
        return  # SQLite: one process, and no statistics to keep
    monkeypatch.setitem(db.ANALYZE_AFTER, "changes", 40)
    engines = [db.open_engine(engine.url.render_as_string(False), pool_size=1) for _ in range(3)]
    try:
        logs = [ChangeLog(e, now_ms=now_ms, statistics=db.PlannerStatistics(e)) for e in engines]
        analyzes = [_analyzes(e) for e in engines]
        dev = world.device("jobbspesialist")
        row = Directory(engine, org_public_key=b"", now_ms=now_ms).device(dev.id)
        assert row is not None
        for log in logs:  # 15 rows each: 45 in all, 15 in each process
            log.push(row, [dev.change("work:shared") for _ in range(15)])
        assert [len(a) for a in analyzes] == [0, 0, 1]
        for log in logs:
            log.push(row, [dev.change("work:shared") for _ in range(13)])
        assert [len(a) for a in analyzes] == [0, 0, 1]  # 39 since: below the threshold
        logs[0].push(row, [dev.change("work:shared")])
        assert [len(a) for a in analyzes] == [1, 0, 1]
    finally:
        for e in engines:
            e.dispose()
