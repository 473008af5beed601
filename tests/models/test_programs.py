"""Work programs and the weekly schedule on a real office: an unfinished item is carried to the
next period with a link back (across a month's and a year's end, never twice), a year's program
is built from the term's and a month's from the year's, the week grid holds every half-day."""
from __future__ import annotations

import datetime as dt

import pytest

from models import programs as P
from models.errors import PermissionDenied, ValidationError


def test_parse_week_and_bounds():
    assert P.parse_week("2026-W49") == dt.date(2026, 11, 30)
    assert P.parse_week("2026w1") == dt.date(2025, 12, 29)         # ISO week 1 starts in December
    assert P.parse_week("03/12/2026") == dt.date(2026, 11, 30)
    with pytest.raises(ValidationError):
        P.parse_week("2026-W54")
    assert P.bounds("quarter", dt.date(2026, 11, 5)) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert P.bounds("month", dt.date(2028, 2, 10)) == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))


def test_carry_over_across_a_year_end_links_back_and_never_twice(office):
    clerk = office["clerk"]
    last_week = P.program_for(clerk, "week", dt.date(2026, 12, 30))      # 28/12/2026 – 03/01/2027
    done = P.add_schedule_entry(clerk, dt.date(2026, 12, 28), "am", "Giao ban Thường trực")
    open_ = P.add_schedule_entry(clerk, dt.date(2026, 12, 29), "pm", "Hoàn thiện hồ sơ kết nạp đảng viên",
                                 lead="Đ/c Nguyễn Thị Thu Hà", place="Văn phòng Đảng ủy")
    P.set_status(clerk, done, "done")
    moved = P.carry_over(clerk, last_week)
    assert len(moved) == 1
    new = moved[0]
    assert new.program.start == dt.date(2027, 1, 4) and new.program.period == "week"
    assert (new.content, new.lead, new.place) == (open_.content, open_.lead, open_.place)
    assert new.carried_from_id == open_.id and P.get_item(open_).status == "carried"
    assert new.deadline == dt.date(2027, 1, 10)                     # its day passed: by the week's end
    assert P.carry_over(clerk, last_week) == []                     # nothing carried twice
    again = P.carry_over(clerk, new.program)                        # and on again, the chain kept
    assert [i.id for i in P.carried_chain(again[0])] == [open_.id, new.id, again[0].id]
    with pytest.raises(ValidationError):
        P.update_item(clerk, open_, content="sửa tay")              # edited where it went, not here


def test_carry_over_of_a_month_and_quarter_keeps_a_future_deadline(office):
    a = office["admin"]
    nov = P.program_for(a, "month", dt.date(2026, 11, 1))
    P.add_item(a, nov, "Chuẩn bị tổng kết năm", deadline=dt.date(2027, 1, 15))
    P.add_item(a, nov, "Kiểm tra chi bộ thôn Nà Hu", deadline=dt.date(2026, 11, 20))
    moved = P.carry_over(a, nov)
    assert {m.program.start for m in moved} == {dt.date(2026, 12, 1)}
    assert sorted(m.deadline for m in moved) == [dt.date(2026, 12, 31), dt.date(2027, 1, 15)]
    q4 = P.program_for(a, "quarter", dt.date(2026, 12, 1))
    P.add_item(a, q4, "Sơ kết công tác dân vận")
    assert P.carry_over(a, q4)[0].program.start == dt.date(2027, 1, 1)


def test_year_from_term_and_month_from_year(office):
    a = office["admin"]
    term = P.program_for(a, "term", dt.date(2026, 5, 1))
    assert term.start == dt.date(2025, 8, 16)
    in_2026 = P.add_item(a, term, "Sơ kết giữa nhiệm kỳ", deadline=dt.date(2026, 12, 31))
    P.add_item(a, term, "Tổng kết nhiệm kỳ", deadline=dt.date(2030, 6, 30))
    undated = P.add_item(a, term, "Chuyển đổi số trong công tác Đảng")
    year = P.program_for(a, "year", dt.date(2026, 5, 1))
    assert {i.id for i in P.propose(year)} == {in_2026.id, undated.id}
    taken = P.adopt(a, year, P.propose(year))
    assert {t.source_id for t in taken} == {in_2026.id, undated.id}
    assert P.propose(year) == []                                     # taken once
    march = P.add_item(a, year, "Hội nghị Ban Chấp hành quý I", deadline=dt.date(2026, 3, 31))
    month = P.program_for(a, "month", dt.date(2026, 3, 10))
    proposed = {i.id for i in P.propose(month)}
    assert march.id in proposed
    assert taken[0].id not in proposed or taken[0].deadline is None


def test_week_grid_has_every_half_day_in_order(office):
    clerk = office["clerk"]
    P.add_schedule_entry(clerk, "02/12/2026", "pm", "Tiếp công dân", time="14:00")
    P.add_schedule_entry(clerk, dt.date(2026, 12, 2), "am", "Họp Ban Thường vụ", time="08:00")
    P.add_schedule_entry(clerk, dt.date(2026, 12, 2), "am", "Làm việc với UBND xã", time="10:00")
    grid = P.week_grid(dt.date(2026, 12, 3))
    assert len(grid) == 14 and grid[0][:2] == (dt.date(2026, 11, 30), "am")
    wed_am = [e.content for e in grid[4][2]]
    assert wed_am == ["Họp Ban Thường vụ", "Làm việc với UBND xã"]
    assert [e.content for e in P.day_entries(dt.date(2026, 12, 2))] == [
        "Họp Ban Thường vụ", "Làm việc với UBND xã", "Tiếp công dân"]
    with pytest.raises(ValidationError):
        P.add_schedule_entry(clerk, dt.date(2026, 12, 2), "am", "   ")
    with pytest.raises(ValidationError):
        P.add_schedule_entry(clerk, dt.date(2026, 12, 2), "am", "Họp", time="25:00")
    with pytest.raises(PermissionDenied):
        P.add_schedule_entry(office["viewer"], dt.date(2026, 12, 2), "am", "Họp")


def test_the_days_items_are_on_hom_nay(office):
    from models import dashboard
    P.add_schedule_entry(office["clerk"], dt.date(2026, 12, 2), "am", "Họp Ban Thường vụ", time="08:00",
                         lead="Đ/c Phạm Văn Đức", place="Phòng họp Đảng ủy")
    panel = next(p for p in dashboard.panels(office["viewer"], dt.date(2026, 12, 2))
                 if p.area == "schedule")
    assert panel.count == 1
    assert panel.lines == ["08:00 Họp Ban Thường vụ — Đ/c Phạm Văn Đức (Phòng họp Đảng ủy)"]
    assert "thứ tư" in panel.title


def test_schedule_items_reports_and_drafts_are_found_by_search_accents_optional(office):
    from models import drafts, registers, reports
    clerk = office["clerk"]
    P.add_schedule_entry(clerk, dt.date(2026, 12, 2), "am", "Họp Ban Chỉ đạo chuyển đổi số")
    reports.add_adhoc(clerk, "Báo cáo nhanh tình hình mưa lũ", dt.date(2026, 12, 5))
    drafts.new_draft(clerk, "CV", summary="V/v đôn đốc thu đảng phí")
    found = {f.kind: f for f in registers.search_all(office["viewer"], "chuyen doi so")}
    assert found["program_item"].date == "02/12/2026" and "Tuần 49/2026" in found["program_item"].number
    assert registers.search_all(office["viewer"], "mua lu")[0].kind == "report"
    assert registers.search_all(office["clerk"], "dang phi")[0].summary == "V/v đôn đốc thu đảng phí"
    assert registers.search_all(office["viewer"], "dang phi") == []        # drafts: for who writes them
