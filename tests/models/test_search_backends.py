"""SQLite and PostgreSQL find the same records: the same office typed into both, then the global
search (ranked) and a list's filter (in the list's order, each way the pager takes) asked the
same questions — a query that matches every row, one that matches none, one-letter prefixes,
numbers and symbols cut into words, marks and case."""
from __future__ import annotations

import datetime as dt

from models import contacts, documents as D, registers as R, search

T = dt.datetime

SUMMARIES = [
    "Văn bản về thu Đảng phí năm 2025",
    "VĂN BẢN số 123/QĐ-UBND của Ủy ban nhân dân",
    "Văn bản: kế hoạch (tổ chức) đại hội chi bộ 2024–2025",
    "văn bản gửi e-mail vanthu@tanlap.gov.vn, tỷ lệ 1.5%",
    "Văn bản so_van_ban_42 của Ban Tổ chức",
    "Văn bản chuyển đổi số — Phạm Văn Đức ký",
    "Văn bản ĐẢNG ỦY xã Tân Thành về kiểm tra, giám sát",
    "Văn bản BTCHU tổng hợp huy hiệu Đảng",
]

QUERIES = ["văn bản",        # every row
           "zzzz",           # none
           "d", "đ", "dang", "ĐẢNG PHÍ", "dang ph", "123", "qd", "qđ-ubnd", "ubnd 123", "1", "5",
           "2024", "2025", "mail", "gov vn", "42", "so", "van ban 42", "Phạm Văn Đức", "to chuc",
           "btchu", "huy", "tan thanh", "ky", "uy ban", "x", "văn bản zzzz"]

MODES = {
    "few matches listed": dict(SMALL=10 ** 6, WALK_BUDGET=10 ** 6),
    "list walked": dict(SMALL=1, WALK_BUDGET=10 ** 6),
    "match set joined": dict(SMALL=1, WALK_BUDGET=1),
}


def _fill(people) -> None:
    clerk = people["clerk"]
    for i in range(40):
        year = 2026 if i < 20 else 2025
        day = dt.date(year, 3, 1) + dt.timedelta(days=i % 20)
        D.register_incoming(clerk, arrived_at=T(day.year, day.month, day.day, 9),
                            registered_at=T(day.year, day.month, day.day, 10),
                            sender="Huyện ủy Yên Sơn" if i % 2 else "Ban Tổ chức Huyện ủy",
                            summary=SUMMARIES[i % len(SUMMARIES)] + f" ({i})",
                            secrecy="Mật" if i % 11 == 5 else "Thường")
    for i in range(6):
        D.reserve_number(clerk, "BC", summary=f"Báo cáo {SUMMARIES[i].lower()}")
    contacts.add_contact(clerk, "Ủy ban nhân dân xã Tân Lập", abbr="UBND xã", group="government")
    contacts.add_contact(clerk, "Đảng ủy xã Tân Thành", abbr="ĐU Tân Thành", group="party")


def _all(src, page=7) -> list[int]:
    seen, key = [], None
    while True:
        rows = src.fetch(key, page)
        seen += [k[-1] for k, _ in rows]
        if len(rows) < page:
            return seen
        key = rows[-1][0]


def _answers(people, monkeypatch) -> dict:
    admin, viewer = people["admin"], people["viewer"]
    out = {}
    for q in QUERIES:
        out["search", q] = [(f.kind, f.ref, f.summary) for f in R.search_all(admin, q, limit=100)]
        out["search viewer", q] = [(f.kind, f.ref) for f in R.search_all(viewer, q, limit=5)]
        out["query", q] = [(h.kind, h.ref) for h in search.query(q, limit=100)]
        out["ids", q] = sorted(search.ids(q, "incoming"))
        for name, m in MODES.items():
            monkeypatch.setattr(R.TextFilter, "SMALL", m["SMALL"])
            monkeypatch.setattr(R.DataSource, "WALK_BUDGET", m["WALK_BUDGET"])
            out["list", name, q] = _all(D.IncomingSource(admin, q))
            out["list viewer", name, q] = _all(D.IncomingSource(viewer, q), page=5)
            out["count", name, q] = D.IncomingSource(admin, q).count_upto(10)
    return out


def _people_on(url_open, users_mod) -> dict:
    from tests.conftest import OFFICE_VALUES, PASSWORD
    from models import office as office_mod
    office_mod.first_run_setup(OFFICE_VALUES, "admin", "Nguyễn Thị Hoa", PASSWORD)
    admin = users_mod.User.get(users_mod.User.username == "admin")
    clerk = users_mod.create_user(admin, "vanthu", "Trần Thị Mai", "clerk", PASSWORD)
    clerk = users_mod.set_secret_handler(admin, clerk.id, True)
    viewer = users_mod.create_user(admin, "xem", "Hoàng Thị Lan", "viewer", PASSWORD)
    return {"admin": admin, "clerk": clerk, "viewer": viewer}


def test_sqlite_and_postgres_find_the_same_records(pg, tmp_path, monkeypatch):
    """PostgreSQL plans by its statistics of the index's words (which word the index is asked
    for, list or walk): the same answers without statistics, with them, and planned as if
    every word were common."""
    from models import users
    from models.db import close_database, db, open_database
    from models.home import OfficeHome
    answers = {}
    pg_url = pg.create_db(f"vp_same_{id(tmp_path) % 10 ** 8}")
    for backend, url in (("sqlite", OfficeHome(tmp_path / "office").ensure().db_url), ("pg", pg_url)):
        open_database(url)
        try:
            people = _people_on(url, users)
            _fill(people)
            search._pg_stats.clear()
            answers[backend] = _answers(people, monkeypatch)
            if backend == "pg":
                db.execute_sql("ANALYZE search_doc")
                search._pg_stats.clear()
                assert search._pg_common()[0], "ANALYZE gave the index's words statistics"
                answers["pg analyzed"] = _answers(people, monkeypatch)
                with monkeypatch.context() as m:
                    m.setattr(search, "_pg_few", lambda toks, n: False)
                    answers["pg as if common"] = _answers(people, monkeypatch)
        finally:
            search._pg_stats.clear()
            close_database()
    lite = answers["sqlite"]
    for variant in ("pg", "pg analyzed", "pg as if common"):
        post = answers[variant]
        assert lite.keys() == post.keys()
        for key in lite:
            assert post[key] == lite[key], (variant, key)
    # the questions were worth asking: every row, none, and some in between
    every = lite["list", "list walked", "văn bản"]     # the ordinary book: 4 of the 40 are secret
    assert len(every) == 36 and lite["list", "list walked", "zzzz"] == []
    assert lite["search", "zzzz"] == [] and lite["search", "văn bản zzzz"] == []
    assert 0 < len(lite["list", "list walked", "qd"]) < 36
    assert 0 < len(lite["list", "list walked", "42"]) < 36          # so_van_ban_42: "_" cuts words
    assert {k for k, *_ in lite["search", "uy ban"]} >= {"incoming", "contact"}


def test_an_office_indexed_before_the_words_column_is_upgraded(pg_office):
    """A PostgreSQL office whose index holds only the folded text (and the trigram index) gets
    each record's words at the upgrade, and finds what it found before."""
    from models import schema
    from models.db import db
    clerk, admin = pg_office["clerk"], pg_office["admin"]
    for i, s in enumerate(SUMMARIES):
        D.register_incoming(clerk, arrived_at=T(2026, 3, 2 + i, 9), registered_at=T(2026, 3, 2 + i, 10),
                            sender="Huyện ủy Yên Sơn", summary=s)
    want = {q: _all(D.IncomingSource(admin, q)) for q in ("văn bản", "qd", "dang phi", "42", "zzzz")}
    db.execute_sql("DROP INDEX search_doc_words")
    db.execute_sql("ALTER TABLE search_doc DROP COLUMN words")
    db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")      # the index such an office had
    db.execute_sql("CREATE INDEX search_doc_body_trgm ON search_doc USING gin ((' ' || body) gin_trgm_ops)")
    db.execute_sql("DELETE FROM schema_version WHERE version >= 14")
    with db.atomic():
        schema._m14_search_words(db.obj)
    assert db.execute_sql("SELECT count(*) FROM search_doc WHERE words IS NULL").fetchone()[0] == 0
    assert {r[0] for r in db.execute_sql("SELECT indexname FROM pg_indexes WHERE tablename = 'search_doc'")} \
        == {"search_doc_pkey", "search_doc_words"}
    assert {q: _all(D.IncomingSource(admin, q)) for q in want} == want
    assert len(want["văn bản"]) == len(SUMMARIES) and want["zzzz"] == []


def test_a_word_too_long_for_postgres_is_left_out_of_its_index(pg_office):
    clerk = pg_office["clerk"]
    d = D.register_incoming(clerk, arrived_at=T(2026, 3, 2, 9), sender="Huyện ủy Yên Sơn",
                            summary="Văn bản " + "a" * 3000 + " kèm mã")
    assert [h.ref for h in search.query("kem ma")] == [d.id]
