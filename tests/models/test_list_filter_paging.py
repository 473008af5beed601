"""A list's text filter pages like the list: the same documents as matching every id first, in
the list's order, each exactly once when paged by keyset — whichever way the pager takes (the
few matches listed, the list walked a stretch at a time, or the match set joined by the
database), and secret documents only for those allowed."""
from __future__ import annotations

import datetime as dt

import pytest

from models import contacts, documents as D, registers as R, search
from models.errors import PermissionDenied
from models.text import fold

T = dt.datetime

# the three ways a page of a filtered list is found; thresholds lowered so a small register
# takes each of them
MODES = {
    "few matches listed": dict(SMALL=10 ** 6, WALK_BUDGET=10 ** 6),
    "list walked": dict(SMALL=1, WALK_BUDGET=10 ** 6),
    "match set joined": dict(SMALL=1, WALK_BUDGET=1),
}
QUERIES = ["văn bản",            # every row
           "zzzz",               # none
           "ĐẢNG PHÍ", "d", "dang ph", "2025", "Phạm Văn", "tổ chức đảng"]


@pytest.fixture(params=list(MODES))
def mode(request, monkeypatch):
    m = MODES[request.param]
    monkeypatch.setattr(R.TextFilter, "SMALL", m["SMALL"])
    monkeypatch.setattr(R.DataSource, "WALK_BUDGET", m["WALK_BUDGET"])
    return request.param


@pytest.fixture
def register(office):
    """60 incoming documents registered out of list order (a year's arrivals after the next
    year's), a few secret ones among them."""
    clerk = office["clerk"]
    docs = []
    for i in range(60):
        year = 2026 if i < 30 else 2025          # 2025 registered after 2026: ids ≠ list order
        day = dt.date(year, 2, 1) + dt.timedelta(days=i % 30)
        summary = f"Văn bản số {i} năm {year}" + (" về thu Đảng phí" if i % 4 == 0 else "") \
            + (" tổ chức đảng" if i % 9 == 0 else "")
        d = D.register_incoming(clerk, arrived_at=T(day.year, day.month, day.day, 9),
                                registered_at=T(day.year, day.month, day.day, 10),
                                sender="Huyện ủy Yên Sơn" if i % 2 else "Ban Tổ chức Huyện ủy",
                                summary=summary, secrecy="Mật" if i % 13 == 5 else "Thường")
        if i % 3 == 0:
            D.transfer(clerk, d, "Phạm Văn Đức", received_by="Phạm Văn Đức")
        docs.append(d)
    return docs


def _all(src, page=7) -> list[int]:
    seen, key = [], None
    while True:
        rows = src.fetch(key, page)
        if not rows:
            return seen
        seen += [src.ref(k) for k, _ in rows]
        key = rows[-1][0]


def _expected(actor, text, **kw) -> list[int]:
    """What the filter gave before: the list's own order, kept to the ids the index (and, for
    the secret register, the summaries) match."""
    unfiltered = _all(D.IncomingSource(actor, **kw), page=1000)
    kinds = ["secret_incoming"] if kw.get("secret") else ["incoming", "secret_incoming"]
    hit = set()
    for k in kinds:
        hit |= set(search.ids(text, k))
    toks = search.tokens(text)
    for i in unfiltered:
        d = D.get_incoming(i)
        if d.is_secret and toks and all(any(w.startswith(t) for w in search.tokens(d.summary))
                                        for t in toks):
            hit.add(i)
    return [i for i in unfiltered if i in hit]


@pytest.mark.parametrize("text", QUERIES)
def test_filter_pages_give_the_same_documents_in_list_order_each_once(register, office, mode, text):
    for role in ("viewer", "leader"):
        src = D.IncomingSource(office[role], text)
        got = _all(src)
        assert len(got) == len(set(got))
        assert got == _expected(office[role], text)
        assert src.count() == len(got)
    if text == "văn bản":
        assert len(_all(D.IncomingSource(office["viewer"], text))) == sum(1 for d in register
                                                                         if not d.is_secret)
    if text == "zzzz":
        assert D.IncomingSource(office["leader"], text).fetch(None, 50) == []


def test_matches_are_what_the_words_say(register, office, mode):
    """Independently of the index: every document whose words start with the typed ones."""
    src = D.IncomingSource(office["viewer"], "dang phi")
    want = [d.id for d in sorted(register, key=lambda d: (d.year, d.arrival_no, d.id), reverse=True)
            if not d.is_secret and "dang phi" in fold(d.summary)]
    assert _all(src, page=3) == want and len(want) > 10


def test_secret_documents_stay_out_of_sight(register, office, mode):
    secret = [d.id for d in register if d.is_secret]
    assert secret
    for text in ("văn bản", "thu dang phi", "d"):
        assert not set(_all(D.IncomingSource(office["viewer"], text))) & set(secret)
    # the secret register, for those allowed, filters by its own summaries
    got = _all(D.IncomingSource(office["leader"], "văn bản", secret=True))
    assert sorted(got) == sorted(secret)
    assert got == _expected(office["leader"], "văn bản", secret=True)
    with pytest.raises(PermissionDenied):
        D.IncomingSource(office["viewer"], "văn bản", secret=True)
    assert all(f.kind not in R.SECRET_KINDS for f in R.search_all(office["viewer"], "văn bản"))


def test_filter_with_other_filters_and_across_a_page_boundary(register, office, mode):
    v = office["viewer"]
    src = D.IncomingSource(v, "văn bản", year=2025)
    got = _all(src, page=4)
    assert got == _expected(v, "văn bản", year=2025)
    assert {D.get_incoming(i).year for i in got} == {2025}


def test_count_upto_says_more_instead_of_counting_everything(register, office, mode):
    v = office["viewer"]
    assert D.IncomingSource(v, "văn bản").count_upto(10) == (10, True)
    n = len(_all(D.IncomingSource(v, "thu dang phi")))
    assert D.IncomingSource(v, "thu dang phi").count_upto(100) == (n, False)
    assert D.IncomingSource(v, "zzzz").count_upto(10) == (0, False)
    assert D.IncomingSource(v).count_upto(10) == (10, True)


def test_directory_filter_in_alphabetical_order(office, mode):
    admin = office["admin"]
    names = ["Vũ Thị Hà", "Nguyễn Văn An", "Trần Đức Bình", "Lê Thị Đào", "Phạm Văn Đức",
             "Đỗ Văn Dũng", "Hoàng Thị Dung", "Bùi Văn Đông"] * 3
    for i, n in enumerate(names):
        contacts.add_contact(admin, f"{n} {i}", "person", group="member")
    src = contacts.DirectorySource(admin, "d")
    got = _all(src, page=2)
    ordered = _all(contacts.DirectorySource(admin), page=100)
    hit = set(search.ids("d", "contact"))
    assert got == [i for i in ordered if i in hit] and got


def test_global_search_every_row_and_none(register, office):
    assert R.search_all(office["viewer"], "zzzz") == []
    found = R.search_all(office["viewer"], "văn bản", limit=50)
    assert len(found) == 50       # more rows match than are asked for
    assert all(f.kind == "incoming" for f in found)
    leader = R.search_all(office["leader"], "văn bản", limit=100)
    assert {f.ref for f in leader} >= {d.id for d in register if not d.is_secret}


def test_an_old_search_index_is_rebuilt_with_prefixes_and_finds_the_same(tmp_path):
    import shutil
    from pathlib import Path

    from models import users
    from models.db import close_database, db, open_database
    db_file = tmp_path / "old.sqlite3"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "office-v1.sqlite3", db_file)
    open_database(f"sqlite:///{db_file}")
    try:
        sql = db.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").fetchone()[0]
        assert "prefix = '1 2 3 4 5 6'" in sql and "detail = none" in sql
        clerk = users.User.get(users.User.username == "vanthu")
        inc = D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 9), sender="Quận ủy", summary="Đảng phí")
        assert [D.IncomingSource(clerk, q).fetch(None, 5)[0][0][-1] for q in ("d", "dang p", "ĐẢNG PHÍ")] \
            == [inc.id] * 3
    finally:
        close_database()


@pytest.mark.parametrize("mode_name", list(MODES))
def test_filter_pages_on_postgres(pg_office, monkeypatch, mode_name):
    """The same pager over PostgreSQL's own index of the folded text."""
    m = MODES[mode_name]
    monkeypatch.setattr(R.TextFilter, "SMALL", m["SMALL"])
    monkeypatch.setattr(R.DataSource, "WALK_BUDGET", m["WALK_BUDGET"])
    clerk, admin = pg_office["clerk"], pg_office["admin"]
    for i in range(24):
        year = 2026 if i < 12 else 2025
        D.register_incoming(clerk, arrived_at=T(year, 3, 2 + i % 12, 9),
                            registered_at=T(year, 3, 2 + i % 12, 10),
                            sender="Huyện ủy Yên Sơn",
                            summary=f"Văn bản {i}" + (" về Đảng phí" if i % 3 == 0 else ""))
    for text in ("văn bản", "zzzz", "dang ph", "đ", "2025"):
        got = _all(D.IncomingSource(admin, text), page=5)
        assert got == _expected(admin, text)
    assert len(_all(D.IncomingSource(admin, "văn bản"))) == 24
    assert len(_all(D.IncomingSource(admin, "ĐẢNG PHÍ"))) == 8


def test_the_match_set_as_a_subquery_holds_many_ids_found_outside_the_index(office):
    """The secret registers' own summaries can match hundreds of documents: the joined match
    set stays one query."""
    from models.db import db
    m = search.Match("văn bản", ["incoming", "secret_incoming"])
    m.extra = set(range(1, 1200))
    sql, params = m.sql()
    assert sorted(r[0] for r in db.execute_sql(sql, params).fetchall()) == list(range(1, 1200))


def test_the_match_set_on_postgres_holds_many_ids(pg_office):
    from models.db import db
    m = search.Match("văn bản", ["incoming"])
    m.extra = set(range(1, 1200))
    sql, params = m.sql()
    assert sorted(r[0] for r in db.execute_sql(sql, params).fetchall()) == list(range(1, 1200))


def test_a_sources_query_asked_for_directly_is_still_filtered(register, office):
    """Code that reads a source's query itself (an export, a printed book) gets the matches."""
    src = D.IncomingSource(office["viewer"], "thu dang phi")
    assert sorted(d.id for d in src.query()) == sorted(_all(D.IncomingSource(office["viewer"],
                                                                              "thu dang phi")))


def test_global_search_on_postgres_reads_the_newest_rows_first_and_answers_the_same(pg_office, monkeypatch):
    clerk, admin = pg_office["clerk"], pg_office["admin"]
    for i in range(12):
        D.register_incoming(clerk, arrived_at=T(2026, 3, 2 + i, 9), registered_at=T(2026, 3, 2 + i, 10),
                            sender="Huyện ủy Yên Sơn",
                            summary=f"Văn bản {i}" + (" về Đảng phí" if i % 5 == 0 else ""))
    answers = {}
    for recent in (10 ** 6, 3):
        monkeypatch.setattr(search, "PG_RECENT", recent)
        answers[recent] = [[(f.kind, f.ref) for f in R.search_all(admin, q, limit=lim)]
                           for q, lim in (("văn bản", 5), ("dang phi", 5), ("zzzz", 5), ("van", 50))]
    assert answers[3] == answers[10 ** 6]
    assert len(answers[3][0]) == 5 and len(answers[3][1]) == 3 and answers[3][2] == []
