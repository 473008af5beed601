"""The demo's work programs, a year of the leaders' weekly schedules and the reports owed.

A commune's Party committee under the province (two-level local government): the term's
program (toàn khóa), this year's built from it, this month's from the year's; the weekly
schedule of the Thường trực from a year back to next week (past weeks done, an unfinished item
carried to the next week); the year's periodic reports, those already due sent.
"""
from __future__ import annotations

import datetime as _dt

from . import demo, programs, reports
from .db import db

LEADERS = ["Đ/c Phạm Văn Đức, Bí thư", "Đ/c Nguyễn Thị Thu Hà, Phó Bí thư Thường trực",
           "Đ/c Lê Minh Tuấn, Phó Bí thư, Chủ tịch UBND xã"]
TERM_ITEMS = [
    ("Lãnh đạo xây dựng xã đạt chuẩn nông thôn mới nâng cao", "Ban Chấp hành Đảng bộ", (2028, 12, 31)),
    ("Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ xã", "Ban Thường vụ", (2027, 12, 31)),
    ("Chuyển đổi số trong hoạt động của Đảng ủy và các chi bộ", "Văn phòng Đảng ủy", None),
    ("Kết nạp mới mỗi năm ít nhất 10 đảng viên", "Ban Xây dựng Đảng", None),
    ("Hoàn thành quy hoạch cán bộ nhiệm kỳ 2030–2035", "Ban Thường vụ", (2029, 6, 30)),
    ("Tổng kết nhiệm kỳ, chuẩn bị Đại hội Đảng bộ xã lần thứ tiếp theo", "Ban Chấp hành Đảng bộ",
     (2030, 6, 30)),
]
YEAR_ITEMS = [
    ("Hội nghị Ban Chấp hành sơ kết 6 tháng đầu năm", "Ban Chấp hành Đảng bộ", (6, 30)),
    ("Kiểm tra việc thực hiện nghị quyết ở các chi bộ thôn", "Ủy ban Kiểm tra Đảng ủy", (9, 30)),
    ("Đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên", "Ban Thường vụ", (12, 15)),
    ("Tổng kết công tác xây dựng Đảng năm", "Ban Chấp hành Đảng bộ", (12, 31)),
]
WEEK_PATTERN = [
    (0, "am", "07:30", "Giao ban Thường trực Đảng ủy", 0, "Thường trực Đảng ủy, Chánh Văn phòng",
     "Phòng họp Đảng ủy xã"),
    (0, "pm", "14:00", "Làm việc với Văn phòng Đảng ủy về công việc trong tuần", 1, "Văn phòng Đảng ủy",
     "Phòng làm việc Phó Bí thư"),
    (1, "am", "08:00", "Dự sinh hoạt chi bộ thôn {thon}", 1, "Cấp ủy viên phụ trách thôn",
     "Nhà văn hóa thôn {thon}"),
    (2, "am", "08:00", "Tiếp công dân định kỳ", 0, "Đại diện UB MTTQ, Công an xã", "Trụ sở tiếp công dân xã"),
    (3, "pm", "14:00", "Làm việc với UBND xã về tiến độ các công trình", 2, "Lãnh đạo UBND xã, các phòng",
     "Phòng họp UBND xã"),
    (4, "am", "08:00", "Họp Ban Thường vụ Đảng ủy", 0, "Ủy viên Ban Thường vụ", "Phòng họp Đảng ủy xã"),
    (4, "pm", "14:00", "Dự hội nghị trực tuyến của Tỉnh ủy", 0, "Thường trực Đảng ủy",
     "Điểm cầu Đảng ủy xã"),
]
THON = ["Đồng Tâm", "Tân Thành", "Khuổi Lặng", "Nà Hu", "Bản Chang"]


def fill(ctx: demo.DemoContext) -> None:
    a, today = ctx.admin, ctx.today
    with db.atomic():
        term = programs.program_for(a, "term", today, "Chương trình công tác toàn khóa 2025–2030")
        for content, lead, due in TERM_ITEMS:
            programs.add_item(a, term, content, lead=lead,
                              deadline=_dt.date(*due) if due else None)
        year = programs.program_for(a, "year", today, f"Chương trình công tác năm {today.year}")
        programs.adopt(a, year, programs.propose(year))
        for content, lead, (m, d) in YEAR_ITEMS:
            due_on = _dt.date(today.year, m, d)
            programs.add_item(a, year, content, lead=lead, deadline=due_on,
                              status="done" if due_on < today else "planned")
        month = programs.program_for(a, "month", today)
        programs.adopt(a, month, programs.propose(month))
        programs.add_item(a, month, "Chuẩn bị báo cáo tháng của Đảng ủy", lead="Văn phòng Đảng ủy",
                          deadline=reports.due_date("month", programs.bounds("month", today)[1])
                          if reports.due_date("month", programs.bounds("month", today)[1]) >= month.start
                          else None)
        monday = today - _dt.timedelta(days=today.weekday())
        for k in range(-52, 2):
            week = monday + _dt.timedelta(weeks=k)
            for n, (day, half, time, content, leader, parts, place) in enumerate(WEEK_PATTERN):
                if ctx.rng.random() < 0.15:
                    continue
                thon = THON[(k + n) % len(THON)]
                on = week + _dt.timedelta(days=day)
                programs.add_schedule_entry(
                    a, on, half, content.format(thon=thon), lead=LEADERS[leader], participants=parts,
                    place=place.format(thon=thon), time=time, status="done" if on < today else "planned")
        # last week's unfinished item goes on to this week, linked back
        last = programs.program_for(a, "week", monday - _dt.timedelta(days=7))
        programs.add_item(a, last, "Hoàn thiện hồ sơ đề nghị kết nạp đảng viên thôn Đồng Tâm",
                          lead=LEADERS[1], deadline=monday - _dt.timedelta(days=3))
        programs.carry_over(a, last)
        from .documents import Outgoing
        used: set[int] = set()
        for y in (today.year - 1, today.year):
            for r in reports.generate_year(a, y):
                if r.due_on >= today - _dt.timedelta(days=10):
                    continue
                # answered by a báo cáo of the register dated shortly before it fell due
                bc = (Outgoing.select().where((Outgoing.type_code == "BC") & (Outgoing.status != "cancelled")
                                              & (Outgoing.doc_date <= r.due_on)
                                              & (Outgoing.doc_date >= r.due_on - _dt.timedelta(days=20))
                                              & Outgoing.id.not_in(list(used) or [0]))
                      .order_by(Outgoing.doc_date.desc()).first())
                if bc is not None:
                    used.add(bc.id)
                    reports.link_outgoing(a, r, bc)
                else:
                    reports.set_status(a, r, "sent")
        reports.add_adhoc(a, "Báo cáo nhanh tình hình mưa lũ trên địa bàn xã",
                          today + _dt.timedelta(days=3), "Văn phòng Tỉnh ủy")


demo.register_filler(40, "programs", fill)
