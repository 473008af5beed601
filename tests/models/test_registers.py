"""Register lists (keyset paging, filters), global search, dashboard panels, demo filler,
and the upgrade of a stored version-1 database."""
from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import pytest

from models import dashboard, documents as D, dossiers as H, registers as R, search
from models.errors import PermissionDenied
from signing import sign

T = dt.datetime
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def many(office):
    """45 incoming documents over two years, with a few handled and a few overdue."""
    clerk = office["clerk"]
    docs = []
    for i in range(45):
        year = 2025 if i < 20 else 2026
        day = dt.date(year, 1, 5) + dt.timedelta(days=i)
        d = D.register_incoming(clerk, arrived_at=T(day.year, day.month, day.day, 9),
                                registered_at=T(day.year, day.month, day.day, 10),
                                sender="Huyện ủy Yên Sơn" if i % 2 else "Ban Tổ chức Huyện ủy",
                                summary=f"Văn bản số {i}" + (" về Đảng phí" if i % 5 == 0 else ""),
                                doc_type="Công văn" if i % 3 else "Hướng dẫn",
                                deadline=day + dt.timedelta(days=10))
        if i % 4 == 0:
            D.transfer(clerk, d, "Phạm Văn Đức", received_by="Phạm Văn Đức")
        if i % 8 == 0:
            D.set_status(clerk, d, "done")
        docs.append(d)
    return docs


def test_keyset_pages_cover_everything_once_newest_first(many, office):
    src = D.IncomingSource(office["viewer"])
    seen, key = [], None
    while True:
        page = src.fetch(key, 7)
        if not page:
            break
        seen += [src.ref(k) for k, _ in page]
        key = page[-1][0]
    assert len(seen) == len(set(seen)) == 45 == src.count()
    got = [(D.get_incoming(i).year, D.get_incoming(i).arrival_no) for i in seen]
    assert got == sorted(got, reverse=True)
    assert got[0] == (2026, 25)
    assert src.columns[:3] == ["Số đến", "Ngày đến", "Nơi gửi"]
    assert len(src.columns) == len(src.widths) == len(src.fetch(None, 1)[0][1])


def test_keyset_query_does_not_use_offset(many, office, monkeypatch):
    from models.db import db
    src = D.IncomingSource(office["viewer"])
    captured = []
    orig = db.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        captured.append(sql)
        return orig(sql, params, *a, **kw)

    monkeypatch.setattr(db.obj, "execute_sql", spy)
    first = src.fetch(None, 10)
    src.fetch(first[-1][0], 10)
    assert len(captured) == 2 and not any("OFFSET" in s.upper() for s in captured)
    assert "<" in captured[1]


def test_filters(many, office, monkeypatch):
    v = office["viewer"]
    assert D.IncomingSource(v, year=2025).count() == 20
    assert D.IncomingSource(v, status="done").count() == 6
    assert D.IncomingSource(v, status=["done", "in_progress"]).count() == 12
    assert D.IncomingSource(v, doc_type="Hướng dẫn").count() == 15
    assert D.IncomingSource(v, handler="Phạm Văn Đức").count() == 12
    od = D.IncomingSource(v, overdue=True, today=dt.date(2026, 3, 1))
    assert od.count() > 0
    for _, cells in od.fetch(None, 100):     # the row says overdue by a flag, not in its words
        status = cells[D.IncomingSource.column("status")]
        assert "overdue" in status.flags and status.key in ("pending", "in_progress")
        assert status == D.INCOMING_STATUS[status.key]
    assert all(D.get_incoming(od.ref(k)).status in ("pending", "in_progress") for k, _ in od.fetch(None, 100))
    assert D.IncomingSource(v, date_from=dt.date(2025, 1, 5), date_to=dt.date(2025, 1, 6)).count() == 2


def test_search_within_the_list(many, office):
    src = D.IncomingSource(office["viewer"], text="ĐẢNG PHÍ", year=2026)
    rows = src.fetch(None, 50)
    assert rows and all("Đảng phí" in c[4] for _, c in rows)
    assert src.count() == 5


@pytest.mark.parametrize("q", ["dang phi", "Đảng phí", "ĐẢNG PHÍ", "đang phi",
                               unicodedata.normalize("NFD", "Đảng phí"), "dang ph"])
def test_global_search_folds_accents_case_and_d(many, office, q):
    found = R.search_all(office["viewer"], q)
    assert len([f for f in found if f.kind == "incoming"]) == 9
    f = found[0]
    assert f.register == "Văn bản đến" and "/" in f.number and len(f.date) == 10


def test_global_search_covers_every_register_and_the_directory(office):
    from models import contacts
    clerk = office["clerk"]
    D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 9), sender="Hội Nông dân",
                        summary="Kế hoạch trồng rừng")
    D.reserve_number(clerk, "KH", summary="Kế hoạch trồng rừng năm 2026")
    contacts.add_contact(clerk, "Hạt Kiểm lâm trồng rừng", group="other")
    H.create_dossier(clerk, "2026-07", "Hồ sơ trồng rừng", 2026)
    kinds = {f.kind for f in R.search_all(office["viewer"], "trong rung")}
    assert kinds == {"incoming", "outgoing", "contact", "dossier"}


def test_other_sources(office):
    from models import contacts, seal
    clerk = office["clerk"]
    contacts.add_contact(clerk, "Lê Thị Bình", "person", group="member")
    contacts.add_contact(clerk, "Trần Văn An", "person", group="member")
    viewer = office["viewer"]
    assert [c[0] for _, c in contacts.DirectorySource(viewer).fetch()] == ["Trần Văn An", "Lê Thị Bình"]
    page1 = contacts.DirectorySource(viewer).fetch(None, 1)
    assert [c[0] for _, c in contacts.DirectorySource(viewer).fetch(page1[0][0], 5)] == ["Lê Thị Bình"]
    o = D.reserve_number(clerk, "TB", summary="Thông báo", doc_date=dt.date(2026, 3, 5))
    sign(o, "Phạm Văn Đức", signer_position="Bí thư", signed_on=dt.date(2026, 3, 5))
    seal.record_use(clerk, o, 2, used_on=dt.date(2026, 3, 5))
    assert seal.SealSource(office["viewer"]).fetch()[0][1][:2] == ["05/03/2026", "01-TB/ĐU"]
    H.create_dossier(clerk, "2024-01", "Cũ", 2024, work_ended_on="31/12/2024")
    H.create_dossier(clerk, "2026-01", "Mới", 2026)
    assert [c[0] for _, c in H.DossierSource(office["viewer"]).fetch()] == ["2026-01", "2024-01"]
    od = H.DossierSource(office["viewer"], overdue=True, today=dt.date(2026, 3, 1)).fetch()
    assert [c[0] for _, c in od] == ["2024-01"]
    state = od[0][1][H.DossierSource.column("state")]
    assert state == "Đã kết thúc" and state.key == "ended" and "overdue" in state.flags
    out = D.OutgoingSource(office["viewer"], type_code="TB").fetch()
    assert out[0][1][0] == "01-TB/ĐU"
    assert D.OutgoingSource(office["viewer"], year=2025).count() == 0


def test_lists_need_records_view(office):
    from models.users import SYSTEM
    with pytest.raises(PermissionDenied):
        D.IncomingSource(SYSTEM)


def test_dashboard_panels(office):
    clerk = office["clerk"]
    today = dt.date(2026, 3, 10)
    D.register_incoming(clerk, arrived_at=T(2026, 3, 10, 8), sender="Huyện ủy", summary="Đến hôm nay")
    late = D.register_incoming(clerk, arrived_at=T(2026, 2, 2, 8), sender="Huyện ủy", summary="Quá hạn",
                               deadline="01/03/2026")
    D.transfer(clerk, late, "Phạm Văn Đức", received_by="Phạm Văn Đức")
    H.create_dossier(clerk, "2024-01", "Hồ sơ cũ", 2024, work_ended_on="31/12/2024")
    by_title = {p.title: p for p in dashboard.panels(office["viewer"], today)}
    assert by_title["Văn bản chờ giao xử lý"].count == 1
    assert by_title["Văn bản quá hạn xử lý"].count == 1
    assert "hạn 01/03/2026" in by_title["Văn bản quá hạn xử lý"].lines[0]
    assert by_title["Văn bản đến hôm nay"].count == 1
    assert by_title["Hồ sơ quá hạn nộp lưu"].lines[0].startswith("2024-01")


def test_dashboard_line_of_a_scan_not_yet_described(office):
    """A scan registered by the intake has no sender or summary yet: its line says so."""
    d = D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 10, 7, 45), status="needs_details")
    today = {p.title: p for p in dashboard.panels(office["clerk"], dt.date(2026, 3, 10))}
    assert today["Văn bản đến hôm nay"].lines == [f"Số đến {d.arrival_no} — (chưa có trích yếu) (07:45)"]


def test_demo_filled_now_has_nothing_in_the_future(home):
    """A demo loaded at 07:40 has no document that "arrived" at 15:30 today."""
    from models import demo, schema  # noqa: F401
    demo.fill(today=dt.date.today())
    now = dt.datetime.now()
    Inc, Out, C = D.Incoming, D.Outgoing, D.IncomingStatusChange
    assert Inc.select().where(Inc.arrived_at > now).count() == 0
    assert Inc.select().where(Inc.registered_at > now).count() == 0
    assert Inc.select().where(Inc.transferred_at > now).count() == 0
    assert Inc.select().where(Inc.status_changed_at > now).count() == 0
    assert C.select().where(C.at > now).count() == 0
    assert Out.select().where(Out.issued_at > now).count() == 0


def test_demo_filler_is_realistic(home, demo_filled):
    from models import contacts, schema  # noqa: F401
    demo_filled(dt.date(2026, 11, 26))
    assert D.Incoming.select().count() >= 290
    from models import meetings
    minutes = meetings.Meeting.select().where(meetings.Meeting.minutes.is_null(False)).count()
    assert D.Outgoing.select().count() - minutes == 120      # (the meetings' minutes take BB numbers)
    assert contacts.Contact.select().count() == 40
    assert H.Dossier.select().count() >= 10
    assert H.overdue_dossiers(dt.date(2026, 11, 26))
    from models import audit, seal
    assert seal.SealUse.select().count() > 100
    assert audit.verify().ok


def test_stored_version_1_database_upgrades(tmp_path):
    from models import schema
    from models.db import close_database, current_version, open_database
    from models.office import get_office
    db_file = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "office-v1.sqlite3", db_file)
    database = open_database(f"sqlite:///{db_file}")
    try:
        assert current_version(database) == max(m.version for m in schema.MIGRATIONS)
        assert get_office().name == "Đảng ủy phường Hòa Bình"        # nothing lost
        assert [t.code for t in D.list_doc_types()][:3] == ["NQ", "QĐ", "QĐi"]
        from models import users
        clerk = users.User.get(users.User.username == "vanthu")
        d = D.reserve_number(clerk, "BC", summary="Báo cáo sau nâng cấp")
        assert d.symbol == "01-BC/ĐU" and d.term_start == dt.date(2020, 9, 1)
        from models import terms          # the office's term became a record the numbers hang on
        t = terms.current_term()
        assert (t.start, t.label, d.term_id) == (dt.date(2020, 9, 1), "2020–2025", t.id)
        inc = D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 9), sender="Quận ủy", summary="Đảng phí")
        assert search.ids("dang phi", "incoming") == [inc.id]
    finally:
        close_database()
