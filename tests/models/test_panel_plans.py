"""Hôm nay's register panels cost a page, not the register: on a database whose planner knows
the register is large and its states few (the statistics ANALYZE keeps, as a server's and the
1 M bench office's have), each of their queries looks its rows up through an index and never
walks the whole book — before, the first five of a rare state walked every arrival (0.9 s each
at 1 M documents, 2.7 s for Hôm nay at every return to it)."""
from __future__ import annotations

import datetime as _dt
import logging

from models import dashboard, db as dbm

PANELS = ("registers.waiting", "registers.overdue", "scans.needs_details")
# the 1 M bench office's statistics: 1 000 000 documents, four states (250 000 rows each)
STATS = {"incoming_status": "1000000 250000", "incoming_arrived_at": "1000000 2",
         "incoming_deadline": "1000000 275", "incoming_status_arrived": "1000000 250000 2",
         "incoming_status_deadline": "1000000 250000 93",
         "incoming_book_year_no": "1000000 1000000 100000 1",
         "incoming_year_book_arrival_no": "1000000 100000 100000 1"}


class _Queries(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.seen: list[tuple[str, tuple]] = []

    def emit(self, record):
        if isinstance(record.msg, tuple) and str(record.msg[0]).lstrip().upper().startswith("SELECT"):
            self.seen.append((record.msg[0], tuple(record.msg[1] or ())))


def _large_register_statistics() -> None:
    d = dbm.db.obj
    d.execute_sql("ANALYZE")                     # makes sqlite_stat1
    d.execute_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'incoming'")
    for idx, stat in STATS.items():
        d.execute_sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('incoming', ?, ?)", (idx, stat))
    d.execute_sql("ANALYZE sqlite_schema")       # the planner reads them again


def test_the_register_panels_look_rows_up_and_never_walk_the_book(office):
    _large_register_statistics()
    by_key = {key: fn for _, key, fn in dashboard._PANELS}
    log = logging.getLogger("peewee")
    handler, level = _Queries(), log.level
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    try:
        for key in PANELS:
            by_key[key](office["admin"], _dt.date(2026, 3, 5))
    finally:
        log.removeHandler(handler)
        log.setLevel(level)
    on_incoming = [(sql, p) for sql, p in handler.seen if '"incoming"' in sql]
    assert len(on_incoming) >= len(PANELS) * 2                  # a count and the first rows each
    walks = []
    for sql, params in on_incoming:
        plan = [r[3] for r in dbm.db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
        # a walk of the book, or a range of most of it (every deadline passed since 2000):
        # each step on the register must look its rows up by their state
        on_book = [step for step in plan if step.startswith(("SCAN t1", "SEARCH t1"))]
        if not on_book or any("status=" not in step for step in on_book):
            walks.append(f"{sql[-160:]}\n    {plan}")
    assert not walks, "a panel walks the register:\n" + "\n".join(walks)


def test_an_upgraded_database_gets_the_panel_indexes_and_their_statistics(office, home):
    from models import documents
    at = _dt.datetime(2026, 3, 5, 9)
    documents.register_incoming(office["clerk"], arrived_at=at, registered_at=at,
                                sender="Huyện ủy Yên Sơn", summary="V/v tổ chức hội nghị")
    d = dbm.db.obj
    d.execute_sql("DROP INDEX incoming_status_arrived")
    d.execute_sql("DROP INDEX incoming_status_deadline")
    d.execute_sql("DELETE FROM schema_version WHERE version >= 15")
    d.execute_sql("ANALYZE")                     # a database the planner has statistics for
    dbm.close_database()
    dbm.open_database(home.db_url)
    d = dbm.db.obj
    assert dbm.current_version(d) == dbm.LATEST_SCHEMA
    names = {i.name for i in d.get_indexes("incoming")}
    assert {"incoming_status_arrived", "incoming_status_deadline"} <= names
    stats = {r[0] for r in d.execute_sql("SELECT idx FROM sqlite_stat1 WHERE tbl = 'incoming'")}
    assert {"incoming_status_arrived", "incoming_status_deadline"} <= stats
