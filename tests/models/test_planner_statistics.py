"""A grown SQLite office keeps its lists a page's cost: the day's first start samples the query
planner's statistics of its large tables. Without them, the incoming register filtered by state
and year sorted every earlier document of the year for its next page (270–420 ms at 1 M
documents, against 9 ms with them)."""
from __future__ import annotations

import datetime as _dt

from models import db as dbm, documents, office as office_mod, safety
from models.documents.lists import IncomingSource

DAY = _dt.date(2026, 12, 2)


def _grow_register(office, rows: int) -> None:
    """``rows`` more incoming documents, copies of one registered through the program, in the
    four states and five years, numbered on (in SQL: thousands through the program would take
    the test minutes)."""
    d = dbm.db.obj
    if not documents.Incoming.select().exists():
        at = _dt.datetime(2026, 3, 5, 9)
        documents.register_incoming(office["clerk"], arrived_at=at, registered_at=at,
                                    sender="Huyện ủy Yên Sơn", summary="V/v tổ chức hội nghị")
    cols = [r[1] for r in d.execute_sql("PRAGMA table_info(incoming)").fetchall()
            if r[1] not in ("id", "year", "arrival_no", "status")]
    start = d.execute_sql("SELECT max(arrival_no) FROM incoming").fetchone()[0]
    d.execute_sql(
        f"INSERT INTO incoming ({', '.join(cols)}, year, arrival_no, status) "
        f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) "
        f"SELECT {', '.join(cols)}, 2022 + i % 5, {start} + i, "
        "CASE i % 4 WHEN 0 THEN 'pending' WHEN 1 THEN 'in_progress' WHEN 2 THEN 'done' "
        "ELSE 'filed' END "
        "FROM n, (SELECT * FROM incoming ORDER BY id LIMIT 1)")


def _stats() -> dict[tuple[str, str], str]:
    d = dbm.db.obj
    if not d.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        return {}
    return {(t, i): s for t, i, s in d.execute_sql("SELECT tbl, idx, stat FROM sqlite_stat1")}


def _next_page_plan(office) -> list[str]:
    """The query plan of the next page of "done" documents of 2026, as the list asks for it."""
    src = IncomingSource(office["admin"], status="done", year=2026)
    page = src.fetch(None, 100)
    assert len(page) == 100
    d = dbm.db.obj
    seen: list[tuple[str, tuple]] = []
    run = d.execute_sql

    def spy(sql, params=None, *a, **k):
        if '"incoming"' in sql and "LIMIT" in sql:
            seen.append((sql, tuple(params or ())))
        return run(sql, params, *a, **k)
    d.execute_sql = spy
    try:
        assert len(src.fetch(page[-1][0], 100)) == 100
    finally:
        del d.execute_sql
    assert len(seen) == 1
    return [r[3] for r in d.execute_sql("EXPLAIN QUERY PLAN " + seen[0][0], seen[0][1]).fetchall()]


def test_the_days_first_start_samples_a_large_register_and_its_next_page_is_a_walk(office, home):
    office_mod.set_setting(office["admin"], "backup.auto", False)
    _grow_register(office, 5_000)
    before = _next_page_plan(office)
    assert any("TEMP B-TREE" in step for step in before), before    # what an office had
    safety.at_start(home, DAY)
    stats = _stats()
    # every index but the partial one of secret documents, which has none of them to count
    indexes = {i.name for i in dbm.db.obj.get_indexes("incoming") if " WHERE " not in i.sql}
    assert len(indexes) >= 5 and indexes <= {i for t, i in stats if t == "incoming"}
    assert not [t for t, _ in stats if t in ("meeting", "party_member", "receipt")]  # a few rows
    after = _next_page_plan(office)
    assert not any("TEMP B-TREE" in step for step in after), after
    assert any(step.startswith("SEARCH t1 USING INDEX") for step in after), after


def test_a_register_that_grows_is_sampled_again_the_next_day_not_the_same_day(office, home):
    office_mod.set_setting(office["admin"], "backup.auto", False)
    _grow_register(office, 5_000)
    safety.at_start(home, DAY)
    rows = int(_stats()[("incoming", "incoming_status")].split()[0])
    _grow_register(office, 20_000)
    safety.at_start(home, DAY)                                   # the same day: nothing again
    assert int(_stats()[("incoming", "incoming_status")].split()[0]) == rows
    safety.at_start(home, DAY + _dt.timedelta(days=1))
    assert int(_stats()[("incoming", "incoming_status")].split()[0]) > 4 * rows


def test_an_office_below_the_threshold_gets_no_statistics(office, home):
    office_mod.set_setting(office["admin"], "backup.auto", False)
    _grow_register(office, 10)
    safety.at_start(home, DAY)
    assert _stats() == {} or not [t for t, _ in _stats() if t == "incoming"]
    assert dbm.refresh_statistics() == []
