"""The office's statistics for a period, checked against counts computed directly from the demo
office's tables by SQL written here (not through the models' code), and each area adding its
own figures."""
from __future__ import annotations

import datetime as dt

from models import demo, statistics as ST
from models.db import db

TODAY = dt.date(2026, 11, 20)


def one(sql: str, *params):
    return db.obj.execute_sql(sql, params).fetchone()[0]


def figure(figs, group, label):
    return next(f.value for f in figs if f.group == group and f.label == label)


def test_statistics_of_the_demo_office_match_an_independent_count(home, demo_filled):
    demo_filled(TODAY)
    admin = demo.users.User.get(demo.users.User.username == "admin")
    for start, end in (ST.period("year", 2026), ST.period("quarter", 2026, 3), ST.period("month", 2026, 11)):
        figs = ST.figures(admin, start, end)
        s, e = start.isoformat(), end.isoformat()
        assert figure(figs, "Văn bản đến", "Tổng số văn bản đến") == one(
            "SELECT COUNT(*) FROM incoming WHERE date(arrived_at) BETWEEN ? AND ?"
            " AND status != 'cancelled'", s, e)
        for doc_type, n in db.obj.execute_sql(
                "SELECT doc_type, COUNT(*) FROM incoming WHERE date(arrived_at) BETWEEN ? AND ? "
                "AND status != 'cancelled' AND doc_type != '' GROUP BY doc_type", (s, e)).fetchall():
            assert figure(figs, "Văn bản đến", f"Loại: {doc_type}") == n
        assert figure(figs, "Văn bản đi", "Tổng số văn bản đi") == one(
            "SELECT COUNT(*) FROM outgoing WHERE doc_date BETWEEN ? AND ? AND status != 'cancelled'", s, e)
        for code, n in db.obj.execute_sql(
                "SELECT type_code, COUNT(*) FROM outgoing WHERE doc_date BETWEEN ? AND ? "
                "AND status != 'cancelled' GROUP BY type_code", (s, e)).fetchall():
            assert any(f.label.endswith(f"({code})") and f.value == n for f in figs), code
        handled = ("SELECT i.id, i.deadline, (SELECT date(MIN(st.at)) FROM incoming_step st WHERE "
                   "st.incoming_id = i.id AND st.status IN ('done', 'filed')) AS done_on, i.status "
                   "FROM incoming i WHERE i.deadline BETWEEN ? AND ? AND i.status != 'cancelled'")
        rows = db.obj.execute_sql(handled, (s, e)).fetchall()
        today = dt.date.today().isoformat()
        assert figure(figs, "Xử lý văn bản đến", "Có hạn xử lý trong kỳ") == len(rows)
        assert figure(figs, "Xử lý văn bản đến", "Xử lý đúng hạn") == sum(
            1 for r in rows if r[2] is not None and r[2] <= str(r[1]))
        assert figure(figs, "Xử lý văn bản đến", "Xử lý trễ hạn") == sum(
            1 for r in rows if r[2] is not None and r[2] > str(r[1]))
        assert figure(figs, "Xử lý văn bản đến", "Quá hạn, chưa xử lý") == sum(
            1 for r in rows if r[2] is None and r[3] in ("needs_details", "pending", "in_progress")
            and str(r[1]) < today)
        assert figure(figs, "Hồ sơ", "Hồ sơ đã nộp lưu") == one(
            "SELECT COUNT(*) FROM dossier WHERE handed_over_on BETWEEN ? AND ?", s, e)
        assert figure(figs, "Hội nghị", "Hội nghị đã tổ chức") == one(
            "SELECT COUNT(*) FROM meeting WHERE on_date BETWEEN ? AND ?"
            " AND status IN ('open','closed','signed')", s, e)
        assert figure(figs, "Hội nghị", "Biên bản đã ký") == one(
            "SELECT COUNT(*) FROM meeting WHERE signed_on BETWEEN ? AND ? AND status = 'signed'", s, e)
        assert figure(figs, "Đảng viên, đảng phí", "Tiền đảng phí nhận trong kỳ") == one(
            "SELECT COALESCE(SUM(amount + extra), 0) FROM dues_payment"
            " WHERE cancelled = 0 AND paid_on BETWEEN ? AND ?",
            s, e)
        assert figure(figs, "Đảng viên, đảng phí", "Đảng phí đã thu cho các tháng đó") == one(
            "SELECT COALESCE(SUM(amount), 0) FROM dues_payment_month"
            " WHERE cancelled = 0 AND month BETWEEN ? AND ?",
            s, e)
        assert figure(figs, "Đảng viên, đảng phí", "Đảng viên (đang sinh hoạt, miễn sinh hoạt)") == one(
            "SELECT COUNT(*) FROM party_member WHERE status IN ('active', 'exempt_activity')")
    year = ST.figures(admin, *ST.period("year", 2026))
    assert figure(year, "Văn bản đến", "Tổng số văn bản đến") > 50          # the demo is not empty
    assert figure(year, "Hội nghị", "Biên bản đã ký") > 20
    assert figure(year, "Đảng viên, đảng phí", "Tiền đảng phí nhận trong kỳ") > 0
    # a viewer does not see the dues area's figures (its own permission)
    viewer = demo.users.User.get(demo.users.User.username == "xem")
    assert not any(f.group == "Đảng viên, đảng phí" for f in ST.figures(viewer, *ST.period("year", 2026)))


def test_an_area_adds_its_own_figures(home, monkeypatch):
    from models import office
    # registered into a copy: the front desk's own figures are back for the tests after this one
    monkeypatch.setattr(ST, "_SOURCES", dict(ST._SOURCES))
    office.first_run_setup({"name": "Đảng ủy xã Tân Lập", "superior": "Đảng bộ tỉnh Tuyên Quang",
                            "body_abbr": "ĐU", "place": "Xã Tân Lập", "term_start": dt.date(2025, 8, 16),
                            "term_label": "2025–2030"}, "admin", "Nguyễn Thị Hoa", "matkhau-2026")
    admin = demo.users.User.get()
    assert {"registers", "dues", "meetings"} <= set(ST.sources())
    ST.register_figures("reception", lambda s, e: [ST.Figure("Tiếp khách", "Lượt tiếp", (e - s).days + 1)],
                        order=50)
    try:
        figs = ST.figures(admin, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
        assert [f.value for f in figs if f.group == "Tiếp khách"] == [31]
        groups = list(dict.fromkeys(f.group for f in figs))
        assert groups.index("Hội nghị") < groups.index("Tiếp khách")          # in their order
    finally:
        ST._SOURCES.pop("reception", None)


def test_a_period_runs_forwards():
    """The period dialog shows the model's refusal on its last day."""
    import pytest

    from models.errors import ValidationError
    ST.check_period(dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as e:
        ST.check_period(dt.date(2026, 2, 1), dt.date(2026, 1, 31))
    assert e.value.message == "Ngày cuối kỳ trước ngày đầu kỳ." and e.value.field == "end"
