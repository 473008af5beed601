"""The reception book, the head's reception days, ad-hoc requests: numbering, follow-up, the
2-days rule, type-ahead, ID numbers by role, one person's data, reports against the demo data."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from models import audit, dashboard, reception as R, tasks as T
from models.errors import PermissionDenied, ValidationError


def at(y, m, d, h=8, mi=0):
    return dt.datetime(y, m, d, h, mi)


def visit(actor, name="Nguyễn Văn Bình", when=None, **kw):
    kw.setdefault("content", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất")
    kw.setdefault("address", "Thôn Đồng Tâm, xã Tân Lập")
    return R.receive(actor, name=name, visited_at=when or at(2026, 3, 5), **kw)


# --- numbering --------------------------------------------------------------------------------
def test_numbers_start_again_on_1_january(office):
    clerk = office["clerk"]
    a = visit(clerk, when=at(2025, 12, 30, 9))
    b = visit(clerk, when=at(2025, 12, 31, 16, 45))
    c = visit(clerk, when=at(2026, 1, 1, 7, 30))
    d = visit(clerk, when=at(2026, 1, 2))
    late = visit(clerk, when=at(2025, 12, 31, 17))       # written late, still last year's book
    assert [x.label for x in (a, b, c, d, late)] == ["1/2025", "2/2025", "1/2026", "2/2026", "3/2025"]


def test_entry_is_nfc_and_checked(office):
    clerk = office["clerk"]
    r = visit(clerk, name="Nguye\u0302\u0303n Va\u0306n Bi\u0300nh")           # NFD from a keyboard
    assert r.name == "Nguyễn Văn Bình" and r.received_by == "Trần Thị Mai"
    with pytest.raises(ValidationError) as e:
        visit(clerk, name="")
    assert e.value.field == "name"
    with pytest.raises(ValidationError) as e:
        visit(clerk, action="forward")
    assert e.value.field == "forward_to"
    with pytest.raises(ValidationError) as e:
        visit(clerk, id_number="12345")
    assert e.value.field == "id_number"
    with pytest.raises(PermissionDenied):
        visit(office["viewer"])


# --- follow-up ----------------------------------------------------------------------------------
def test_follow_up_until_closed_records_every_step(office):
    clerk = office["clerk"]
    r = visit(clerk)
    assert r.state == "open"
    R.set_state(clerk, r, "in_progress", "Xác minh thực địa", at=at(2026, 3, 6))
    R.forward(clerk, r, "Ủy ban nhân dân xã Tân Lập", "Chuyển giải quyết theo thẩm quyền",
              at=at(2026, 3, 7))
    r = R.get(r.id)
    assert (r.state, r.action, r.forward_to) == ("waiting", "forward", "Ủy ban nhân dân xã Tân Lập")
    with pytest.raises(ValidationError):
        R.set_state(clerk, r, "closed")                   # closing needs its result
    with pytest.raises(ValidationError):
        R.close(clerk, r, "resolved", "")
    R.close(clerk, r, "resolved", "UBND xã đã cấp giấy chứng nhận", closed_on=dt.date(2026, 3, 20))
    r = R.get(r.id)
    assert (r.state, r.result_code, r.closed_on) == ("closed", "resolved", dt.date(2026, 3, 20))
    with pytest.raises(ValidationError):
        R.close(clerk, r, "resolved", "lần nữa")
    with pytest.raises(ValidationError):
        R.set_state(clerk, r, "waiting")                  # only reopening leaves "closed"
    R.set_state(clerk, r, "in_progress", "Người dân kiến nghị lại")
    r = R.get(r.id)
    assert r.state == "in_progress" and r.closed_on is None and r.result_code == ""
    s = R.steps(r)
    assert [x.action for x in s] == ["receive", "state", "forward", "close", "reopen"]
    assert [x.state for x in s] == ["open", "in_progress", "waiting", "closed", "in_progress"]
    assert all(x.by == "Trần Thị Mai" for x in s)
    assert s[2].at == at(2026, 3, 7) and s[3].at.date() == dt.date(2026, 3, 20)
    assert audit.verify().ok


def test_steps_in_the_same_second_stay_in_the_order_they_were_taken(office):
    """A case forwarded from the screen (the time with its microseconds) and closed within the
    same second (the close's time is to the second) lists the forward first."""
    clerk = office["clerk"]
    r = visit(clerk, when=at(2026, 3, 4))
    day = dt.date(2026, 3, 5)
    R.forward(clerk, r, "Công an xã Tân Lập", "Xác minh",
              at=dt.datetime.combine(day, dt.datetime.now().time().replace(microsecond=999999)))
    R.close(clerk, r, "resolved", "Đã xử lý", closed_on=day)
    s = R.steps(r)
    assert [x.action for x in s] == ["receive", "forward", "close"]
    assert all(x.at.microsecond == 0 for x in s)


def test_a_visit_forwarded_at_entry_waits_for_the_answer(office):
    r = visit(office["clerk"], action="forward", forward_to="Công an xã Tân Lập")
    assert r.state == "waiting"


def test_closing_before_the_visit_is_refused(office):
    r = visit(office["clerk"], when=at(2026, 3, 5))
    with pytest.raises(ValidationError) as e:
        R.close(office["clerk"], r, "explained", "Đã hướng dẫn", closed_on=dt.date(2026, 3, 4))
    assert e.value.field == "closed_on"


# --- the head's reception days: at least 2 a month -------------------------------------------
def test_two_days_rule_across_month_ends(office):
    clerk = office["clerk"]
    R.schedule_day(clerk, dt.date(2026, 1, 13), state="held")
    R.schedule_day(clerk, dt.date(2026, 2, 1), host="Phạm Văn Đức")      # next month's 1st
    # 31 January: one day held, the day scheduled for 1 February does not count for January
    o = R.month_outlook(2026, 1, dt.date(2026, 1, 31))
    assert (o.held, o.planned, o.short, o.missing) == (1, 0, True, 1)
    # the same day, February already has one planned: still heading below 2
    f = R.month_outlook(2026, 2, dt.date(2026, 1, 31))
    assert (f.held, f.planned, f.short) == (0, 1, True)
    R.schedule_day(clerk, dt.date(2026, 2, 28))                          # last day of February
    assert not R.month_outlook(2026, 2, dt.date(2026, 2, 1)).short
    # on 28 February, 1 February was not marked held: only the 28th can still happen
    assert R.month_outlook(2026, 2, dt.date(2026, 2, 28)).expected == 1
    # on 1 March, February is past: only held days count
    assert R.month_outlook(2026, 2, dt.date(2026, 3, 1)).expected == 0
    # a leap year's 29 February belongs to February
    R.schedule_day(clerk, dt.date(2028, 2, 29))
    R.schedule_day(clerk, dt.date(2028, 2, 3), state="held")
    assert not R.month_outlook(2028, 2, dt.date(2028, 2, 29)).short
    with pytest.raises(ValidationError):
        R.schedule_day(clerk, dt.date(2026, 2, 28))                      # already on the calendar


def test_dashboard_warns_when_the_month_heads_below_two_days(office):
    leader = office["leader"]
    today = dt.date(2026, 3, 30)
    R.schedule_day(office["clerk"], dt.date(2026, 3, 10), state="held")
    panels = {p.title: p for p in dashboard.panels(leader, today)}
    assert "Lịch tiếp dân của Bí thư chưa đủ" in panels
    assert panels["Lịch tiếp dân của Bí thư chưa đủ"].count == 1
    R.schedule_day(office["clerk"], dt.date(2026, 3, 31))
    panels = {p.title: p for p in dashboard.panels(leader, today)}
    assert "Lịch tiếp dân của Bí thư chưa đủ" not in panels
    titles = {p.title for p in dashboard.panels(office["viewer"], today)}
    assert "Lịch tiếp dân của Bí thư chưa đủ" not in titles


# --- type-ahead -----------------------------------------------------------------------------------
def test_type_ahead_finds_earlier_visitors_without_accents(office):
    clerk = office["clerk"]
    visit(clerk, "Nguyễn Văn Bình", at(2026, 1, 5), id_number="001203004567", category="member")
    visit(clerk, "Nguyễn Văn Bình", at(2026, 2, 5), id_number="001203004567", category="member")
    visit(clerk, "Đặng Thị Bích", at(2026, 2, 6), address="Thôn Làng Mới")
    visit(clerk, "Nguyễn Văn Bình", at(2026, 2, 7), address="Thôn Gia Kim")     # another person
    found = R.find_visitors(clerk, "nguyen van b")
    assert [(v.name, v.address, v.visits) for v in found] == [
        ("Nguyễn Văn Bình", "Thôn Gia Kim", 1),
        ("Nguyễn Văn Bình", "Thôn Đồng Tâm, xã Tân Lập", 2)]
    assert found[1].category == "member" and found[1].id_number == "001203004567"
    assert [v.name for v in R.find_visitors(clerk, "DANG bich")] == ["Đặng Thị Bích"]
    assert [v.name for v in R.find_visitors(clerk, "lang moi")] == ["Đặng Thị Bích"]
    # a leader sees who came, not their ID number
    assert R.find_visitors(office["leader"], "binh")[0].id_number is None


# --- ID numbers by role --------------------------------------------------------------------------
def test_id_numbers_only_for_roles_that_need_them(office):
    visit(office["clerk"], id_number="001203004567")
    clerk_cells = R.ReceptionSource(office["clerk"]).fetch(None, 10)[0][1]
    leader_cells = R.ReceptionSource(office["leader"]).fetch(None, 10)[0][1]
    assert clerk_cells[-1] == "001203004567" and leader_cells[-1] is None
    assert list(R.book_rows(office["leader"]))[0][4] == ""
    assert list(R.book_rows(office["clerk"]))[0][4] == "001203004567"
    r = R.Reception.get()
    assert R.shown_id(office["leader"], r) is None
    with pytest.raises(PermissionDenied):
        R.update(office["leader"], r, id_number="001203004568")
    for role in ("viewer", "treasurer"):
        with pytest.raises(PermissionDenied):
            R.ReceptionSource(office[role])


# --- one person's data ----------------------------------------------------------------------------
def test_anonymise_keeps_the_case_and_no_old_value_in_the_log(office):
    clerk = office["clerk"]
    a = visit(clerk, "Lê Thị Hằng", at(2026, 1, 5), id_number="034198001122", address="Thôn Khuôn Khoai")
    R.close(clerk, a, "resolved", "Đã giải quyết", closed_on=dt.date(2026, 1, 9))
    visit(clerk, "Lê Thị Hằng", at(2026, 2, 5), id_number="034198001122", address="Thôn Khuôn Khoai")
    other = visit(clerk, "Hà Văn Long", at(2026, 2, 6))
    recs = R.records_of(clerk, "le thi hang", "thon khuon khoai")
    assert len(recs) == 2
    assert R.anonymise_person(clerk, recs, "Người dân đề nghị xóa thông tin cá nhân") == 2
    for r in R.Reception.select().where(R.Reception.id.in_([x.id for x in recs])):
        assert (r.name, r.address, r.id_number, r.anonymised) == (R.ANON_NAME, "", "", True)
        assert r.category == "citizen" and r.content and r.state in ("closed", "open")
    assert R.get(a.id).result_code == "resolved"                        # the statistics stay
    assert R.get(other.id).name == "Hà Văn Long"
    log = " ".join((e.old or "") + (e.new or "") for e in audit.AuditEntry.select())
    for secret in ("Lê Thị Hằng", "034198001122", "Khuôn Khoai", "le thi hang"):
        assert secret not in log
    entry = audit.AuditEntry.select().where(audit.AuditEntry.action == "anonymise").first()
    old = json.loads(entry.old)
    assert old["name"].startswith("đã ẩn sha256:") and old["id_number"].startswith("đã ẩn sha256:")
    assert json.loads(entry.new)["reason"] == "Người dân đề nghị xóa thông tin cá nhân"
    assert R.find_visitors(clerk, "le thi hang") == []
    from models import search
    assert search.ids("Hằng", "reception") == []
    assert R.records_of(clerk, "Lê Thị Hằng") == []
    assert audit.verify().ok


def test_export_one_persons_records_for_them(office, tmp_path):
    import csv
    clerk = office["clerk"]
    visit(clerk, "Lê Thị Hằng", at(2026, 1, 5), id_number="034198001122")
    visit(clerk, "Hà Văn Long", at(2026, 1, 6))
    recs = R.records_of(clerk, "Lê Thị Hằng")
    out = tmp_path / "le-thi-hang.csv"
    with pytest.raises(ValidationError):
        R.export_person(clerk, recs, out, "csv", "")                   # the reason is required
    assert R.export_person(clerk, recs, out, "csv", "Bà Hằng đề nghị cung cấp") == 1
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["Số", "Ngày tiếp", "Người đến"] and rows[1][2] == "Lê Thị Hằng"
    assert rows[1][4] == "034198001122" and len(rows) == 2
    e = audit.AuditEntry.select().where(audit.AuditEntry.action == "export_person").first()
    assert "Bà Hằng đề nghị cung cấp" in e.new and "Lê Thị Hằng" not in e.new
    with pytest.raises(PermissionDenied):
        R.export_person(office["leader"], recs, out, "csv", "x")


# --- periods and reports ----------------------------------------------------------------------
def test_periods():
    p = R.parse_period
    assert (p("2026-11").start, p("2026-11").end) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert (p("2026-Q3").start, p("2026-Q3").end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert (p("2026-H1").start, p("2026-H1").end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert (p("2026-9M").start, p("2026-9M").end) == (dt.date(2026, 1, 1), dt.date(2026, 9, 30))
    assert (p("2026").start, p("2026").end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert p("2028-02").end == dt.date(2028, 2, 29)
    assert p("2026-q3").label == "Quý III năm 2026" and p("2026-H1").label == "6 tháng đầu năm 2026"
    for bad in ("2026-13", "2026-Q5", "26-Q1", "2026-X", "", "13/2026", "Quý V/2026", "tháng 11"):
        with pytest.raises(ValidationError):
            p(bad)
    # as the office writes it (the clerk typed 12/2026 and was refused)
    for written, code in [("12/2026", "2026-12"), ("1/2027", "2027-01"), ("tháng 11 năm 2026", "2026-11"),
                          ("Quý III/2026", "2026-Q3"), ("quy 3 nam 2026", "2026-Q3"),
                          ("6 tháng đầu năm 2026", "2026-H1"), ("6 THÁNG CUỐI NĂM 2026", "2026-H2"),
                          ("9 tháng 2026", "2026-9M"), ("Năm 2026", "2026")]:
        assert p(written).code == code, written
    assert p("Quý III/2026") == p("2026-Q3")


@pytest.fixture
def demo_office(home, demo_filled):
    demo_filled(dt.date(2026, 11, 26))
    from models import users
    return home, users.User.get(users.User.username == "admin")


def test_report_counts_match_an_independent_count_of_the_demo(demo_office):
    """Month, quarter, 6 months, 9 months, year: every count against plain SQL on the file."""
    home, admin = demo_office
    con = sqlite3.connect(home.path / "vanphong.sqlite3")
    for code in ("2026-11", "2026-Q3", "2026-H1", "2026-9M", "2026"):
        check_report(con, admin, code)


def check_report(con, admin, code):
    rep = R.report(admin, code)
    p = R.parse_period(code)
    lo, hi = f"{p.start.isoformat()} 00:00:00", f"{p.end.isoformat()} 23:59:59"
    rows = con.execute("SELECT category, action, state, result_code, closed_on, people FROM reception "
                       "WHERE visited_at BETWEEN ? AND ?", (lo, hi)).fetchall()
    assert rep.visits == len(rows) > 0
    assert rep.people == sum(r[5] for r in rows)
    for c in R.CATEGORIES:
        assert rep.by_category[c] == sum(1 for r in rows if r[0] == c)
    for a in R.ACTIONS:
        assert rep.by_action[a] == sum(1 for r in rows if r[1] == a)
    closed = [r for r in rows if r[2] == "closed" and r[4] <= p.end.isoformat()]
    for res in R.RESULTS:
        assert rep.by_result[res] == sum(1 for r in closed if r[3] == res)
    assert rep.still_open == len(rows) - len(closed)
    open_at_end = con.execute(
        "SELECT COUNT(*) FROM reception WHERE visited_at <= ? AND (state != 'closed' OR closed_on > ?)",
        (hi, p.end.isoformat())).fetchone()[0]
    assert len(rep.open_cases) == open_at_end
    held = con.execute("SELECT COUNT(*) FROM reception_day WHERE state = 'held' AND day BETWEEN ? AND ?",
                       (p.start.isoformat(), p.end.isoformat())).fetchone()[0]
    assert rep.days_held == held == sum(m.held for m in rep.months)
    assert len(rep.months) == {"month": 1, "quarter": 3, "half": 6, "nine": 9, "year": 12}[p.kind]


def test_demo_is_a_year_of_the_front_desk(demo_office):
    home, admin = demo_office
    today = dt.date(2026, 11, 26)
    assert R.Reception.select().count() > 100
    first = R.Reception.select().order_by(R.Reception.visited_at).first().visited_at.date()
    assert first >= dt.date(2025, 12, 1)
    assert R.Reception.select().where(R.Reception.visited_at > dt.datetime.now()).count() == 0
    assert R.month_outlook(2026, 11, today).short                    # the warning shows in the demo
    assert T.overdue(today)
    # people come back: the type-ahead has something to find
    assert any(v.visits > 1 for v in R.find_visitors(admin, "nguyen", limit=30))
    names = " ".join(r.forward_to + r.handled_before for r in R.Reception.select())
    assert "huyện" not in names.lower() and "Tỉnh" in names
    assert audit.verify().ok


# --- ad-hoc requests ------------------------------------------------------------------------------
def test_ad_hoc_requests_and_the_overdue_ones(office):
    clerk = office["clerk"]
    t1 = T.add_task(clerk, asked_by="Phạm Văn Đức", what="Chuẩn bị báo cáo nhanh gửi Tỉnh ủy",
                    assignee="Văn phòng", asked_on=dt.date(2026, 3, 1), deadline=dt.date(2026, 3, 4),
                    meeting_ref=7, meeting_label="Hội nghị Ban Thường vụ tháng 3")
    t2 = T.add_task(clerk, asked_by="Phạm Văn Đức", what="Soạn giấy mời", asked_on=dt.date(2026, 3, 1),
                    deadline=dt.date(2026, 3, 10))
    today = dt.date(2026, 3, 5)
    assert [t.id for t in T.overdue(today)] == [t1.id]
    panel = {p.title: p for p in dashboard.panels(clerk, today)}["Việc đột xuất quá hạn"]
    assert panel.count == 1 and "Chuẩn bị báo cáo nhanh" in panel.lines[0]
    T.set_status(clerk, t1, "done", "Đã gửi", on=dt.date(2026, 3, 5))
    assert T.overdue(today) == [] and T.get_task(t1.id).notes == "05/03/2026: Đã gửi"
    cells = T.TaskSource(clerk, today=dt.date(2026, 3, 11)).fetch(None, 10)
    assert [(c[5], c[6]) for _, c in cells] == [("open", True), ("done", False)]
    assert [k for k, _ in T.TaskSource(clerk, "giay moi", today=today).fetch(None, 10)] == \
        [(t2.asked_on, t2.id)]
    with pytest.raises(ValidationError):
        T.add_task(clerk, asked_by="x", what="y", asked_on=dt.date(2026, 3, 5), deadline=dt.date(2026, 3, 1))
    with pytest.raises(PermissionDenied):
        T.add_task(office["viewer"], asked_by="x", what="y")


def test_old_database_gains_the_reception_tables(tmp_path):
    import shutil
    from pathlib import Path
    from models.db import close_database, current_version, open_database, LATEST_SCHEMA
    db_file = tmp_path / "old.sqlite3"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "office-v1.sqlite3", db_file)
    database = open_database(f"sqlite:///{db_file}")
    try:
        assert current_version(database) == LATEST_SCHEMA
        assert {"reception", "reception_step", "reception_day", "task"} <= set(database.get_tables())
    finally:
        close_database()


def test_global_search_finds_visits_for_those_who_may_see_them(office):
    from models import registers
    visit(office["clerk"], "Đặng Thị Bích", content="Phản ánh ô nhiễm từ cơ sở chăn nuôi")
    T.add_task(office["clerk"], asked_by="Phạm Văn Đức", what="Kiểm tra cơ sở chăn nuôi")
    hits = registers.search_all(office["leader"], "chan nuoi")
    assert {(h.kind, h.number) for h in hits} == {("reception", "1/2026"), ("task", "")}
    assert [h.register for h in hits if h.kind == "reception"] == ["Sổ tiếp khách"]
    assert [h.kind for h in registers.search_all(office["viewer"], "chan nuoi")] == ["task"]


def test_the_office_statistics_count_the_front_desk(demo_office):
    """The reception figures in the office's statistics, against a count of the demo's book."""
    from models import statistics
    home, admin = demo_office
    start, end = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    figs = {f.label: f.value for f in statistics.figures(admin, start, end)
            if f.group.startswith("Tiếp khách")}
    lo, hi = dt.datetime(2026, 1, 1), dt.datetime(2026, 6, 30, 23, 59, 59)
    visits = [r for r in R.Reception.select() if lo <= r.visited_at <= hi]
    assert figs["Lượt tiếp"] == len(visits) > 0
    assert figs["Nhân dân"] == sum(r.category == "citizen" for r in visits)
    held = [d for d in R.ReceptionDay.select() if start <= d.day <= end and d.state == "held"]
    assert figs["Ngày Bí thư tiếp dân"] == len(held) > 0
