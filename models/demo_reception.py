"""Demo data for the front desk: a year of visits in the reception book (some people come back),
the Secretary's reception days (two a month; this month still one short, so Hôm nay warns), and
ad-hoc requests, a few of them overdue. Today's two-level local government: the commune's
bodies, and above them the province's (no district)."""
from __future__ import annotations

import datetime as _dt
import random

from . import demo, reception, tasks
from .db import db

VILLAGES = ["thôn Đồng Tâm", "thôn Tân Thành", "thôn Làng Mới", "thôn Khuôn Khoai", "thôn Cầu Trôi",
            "thôn Gia Kim"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hà", "Ma", "Triệu"]
MIDDLE_M = ["Văn", "Đình", "Quang", "Minh", "Xuân"]
MIDDLE_F = ["Thị", "Thu", "Thanh", "Ngọc"]
GIVEN_M = ["Bình", "Cường", "Dũng", "Hải", "Khánh", "Long", "Nam", "Phúc", "Sơn", "Thắng", "Toàn"]
GIVEN_F = ["Anh", "Dung", "Hằng", "Hương", "Lan", "Liên", "Mai", "Nga", "Oanh", "Thảo", "Yến"]
CONTENT = {
    "citizen": [
        "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất",
        "Phản ánh việc xây dựng lấn chiếm hành lang đường liên thôn",
        "Kiến nghị về mức hỗ trợ giải phóng mặt bằng tuyến đường tỉnh",
        "Hỏi về chế độ trợ cấp cho người có công với cách mạng",
        "Phản ánh ô nhiễm từ cơ sở chăn nuôi trong khu dân cư",
        "Đề nghị giải quyết tranh chấp ranh giới đất với hộ liền kề",
        "Kiến nghị sửa chữa kênh mương nội đồng",
        "Hỏi thủ tục xác nhận hộ cận nghèo",
    ],
    "member": [
        "Đề nghị chuyển sinh hoạt đảng tạm thời",
        "Hỏi về việc miễn đóng đảng phí cho đảng viên cao tuổi",
        "Kiến nghị về việc xét tặng Huy hiệu Đảng",
        "Phản ánh về sinh hoạt chi bộ thôn",
    ],
    "guest": [
        "Đoàn công tác của Ban Dân vận Tỉnh ủy làm việc về công tác dân vận",
        "Đại diện doanh nghiệp đến trao đổi về dự án trên địa bàn xã",
        "Cán bộ Văn phòng Tỉnh ủy kiểm tra công tác văn thư, lưu trữ",
    ],
}
BEFORE = ["", "", "", "Ủy ban nhân dân xã Tân Lập", "Trưởng thôn", "Ủy ban Mặt trận Tổ quốc xã Tân Lập"]
FORWARD_TO = ["Ủy ban nhân dân xã Tân Lập", "Ủy ban Kiểm tra Đảng ủy xã Tân Lập",
              "Công an xã Tân Lập", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập",
              "Ban Tổ chức Tỉnh ủy Tuyên Quang", "Ban Tiếp công dân tỉnh Tuyên Quang"]
RESULT_TEXT = {
    "resolved": "Đã giải quyết xong, người đến đồng ý",
    "explained": "Đã giải thích, hướng dẫn thủ tục",
    "unfounded": "Đã trả lời: không có cơ sở giải quyết",
    "withdrawn": "Người đến rút yêu cầu",
}
SECRETARY = "Phạm Văn Đức"
DESK = "Trần Thị Mai"
PLACE = "Trụ sở Đảng ủy xã Tân Lập"
TASKS = [
    ("Phạm Văn Đức", "Chuẩn bị báo cáo nhanh tình hình an ninh nông thôn gửi Tỉnh ủy", "Văn phòng Đảng ủy"),
    ("Phạm Văn Đức", "Tổng hợp ý kiến đảng viên về dự thảo văn kiện", "Văn phòng Đảng ủy"),
    ("Nguyễn Thị Thu Hà", "Liên hệ Ban Tổ chức Tỉnh ủy về hồ sơ chuyển sinh hoạt đảng", "Trần Thị Mai"),
    ("Nguyễn Thị Thu Hà", "Chuẩn bị phòng họp và tài liệu làm việc với đoàn kiểm tra", "Văn phòng Đảng ủy"),
    ("Thường trực Đảng ủy", "Rà soát danh sách đảng viên được tặng Huy hiệu Đảng đợt 2/9", "Ban Tổ chức"),
    ("Phạm Văn Đức", "Soạn giấy mời hội nghị sơ kết công tác dân vận", "Trần Thị Mai"),
    ("Thường trực Đảng ủy", "Thống kê vụ việc tiếp dân tồn đọng để báo cáo Ủy ban Kiểm tra Tỉnh ủy",
     "Văn phòng Đảng ủy"),
    ("Nguyễn Thị Thu Hà", "Cập nhật danh bạ các chi bộ sau kiện toàn", "Trần Thị Mai"),
]


def _person(rng) -> tuple[str, str, str]:
    female = rng.random() < 0.45
    name = " ".join((rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                     rng.choice(GIVEN_F if female else GIVEN_M)))
    return name, f"{rng.choice(VILLAGES)}, xã Tân Lập", "".join(str(rng.randint(0, 9)) for _ in range(12))


def _work_time(rng, day: _dt.date) -> _dt.datetime:
    return _dt.datetime.combine(day, _dt.time(rng.choice([7, 8, 9, 10, 14, 15, 16]),
                                              rng.choice([0, 15, 30, 45])))


def fill(ctx: demo.DemoContext) -> None:
    # its own generator: the front desk's year is the same whatever the other fillers drew
    rng, admin, today = random.Random(2026_15), ctx.admin, ctx.today
    start = _dt.date(today.year - 1, today.month, 1) + _dt.timedelta(days=31)
    start = start.replace(day=1)                       # twelve months back, this month included
    people = [(*_person(rng), rng.choice(["citizen"] * 5 + ["member"] * 2)) for _ in range(40)]
    with db.atomic():
        # the Secretary's reception days: the 2nd Tuesday and the last Thursday of each month
        m = start
        while m <= today:
            first = m
            tuesdays = [first + _dt.timedelta(days=i) for i in range(31)
                        if (first + _dt.timedelta(days=i)).month == m.month
                        and (first + _dt.timedelta(days=i)).weekday() == 1]
            thursdays = [first + _dt.timedelta(days=i) for i in range(31)
                         if (first + _dt.timedelta(days=i)).month == m.month
                         and (first + _dt.timedelta(days=i)).weekday() == 3]
            days = [tuesdays[1], thursdays[-1]]
            this_month = (m.year, m.month) == (today.year, today.month)
            for i, d in enumerate(days):
                if this_month and i == 1:
                    continue                      # this month's second day is not scheduled yet
                if d < today:
                    state = "held"
                    if rng.random() < 0.06:       # once in a while a day was called off
                        state = "cancelled"
                else:
                    state = "scheduled"
                reception.schedule_day(admin, d, host=SECRETARY, place=PLACE, state=state,
                                       notes="Bí thư bận họp Tỉnh ủy" if state == "cancelled" else "")
            m = (m + _dt.timedelta(days=32)).replace(day=1)

        # the book: about 3 visits a week, some on the reception days
        d = start
        while d <= today:
            if d.weekday() < 5 and rng.random() < 0.55:
                if rng.random() < 0.3:
                    name, address, idn, cat = rng.choice(people)          # a returning visitor
                else:
                    cat = rng.choice(["citizen"] * 6 + ["member"] * 2 + ["guest"])
                    name, address, idn = _person(rng)
                    if cat != "guest":
                        people.append((name, address, idn, cat))
                at = ctx.past(_work_time(rng, d))
                action = rng.choice(["accept"] * 4 + ["guide"] * 3 + ["forward"] * 3)
                r = reception.receive(
                    admin, name=name, address=address if cat != "guest" else "Tuyên Quang",
                    id_number=idn if cat != "guest" and rng.random() < 0.6 else "",
                    category=cat, people=1 if rng.random() < 0.8 else rng.randint(2, 6),
                    content=rng.choice(CONTENT[cat]), handled_before=rng.choice(BEFORE),
                    action=action, forward_to=rng.choice(FORWARD_TO) if action == "forward" else "",
                    received_by=SECRETARY if rng.random() < 0.3 else DESK, visited_at=at)
                age = (today - d).days
                if action == "guide" and age >= 0:
                    reception.close(admin, r, "explained", RESULT_TEXT["explained"], closed_on=d)
                elif age > 20 or (age > 3 and rng.random() < 0.5):
                    if action == "accept" and rng.random() < 0.7:
                        reception.set_state(admin, r, "in_progress", "Đang xem xét, xác minh",
                                            at=at + _dt.timedelta(hours=2))
                    if rng.random() < 0.85:
                        done = min(today, d + _dt.timedelta(days=rng.randint(1, 30)))
                        code = rng.choice(["resolved"] * 5 + ["explained"] * 2 + ["unfounded", "withdrawn"])
                        reception.close(admin, r, code, RESULT_TEXT[code], closed_on=done)
            d += _dt.timedelta(days=1)

        # ad-hoc requests over the year, the latest few still open (two past their deadline)
        for i in range(36):
            asked_by, what, assignee = TASKS[i % len(TASKS)]
            asked = today - _dt.timedelta(days=(36 - i) * 10 + rng.randint(0, 4))
            if asked < start:
                asked = start
            t = tasks.add_task(admin, asked_by=asked_by, what=what, assignee=assignee,
                               asked_on=asked, deadline=asked + _dt.timedelta(days=rng.choice([3, 5, 7, 10])))
            assert t.deadline is not None
            if i < 31:
                tasks.set_status(admin, t, "done", "Đã hoàn thành",
                                 on=min(today, t.deadline - _dt.timedelta(days=rng.randint(0, 2))))
            elif i == 31:
                tasks.set_status(admin, t, "cancelled", "Không cần thực hiện nữa", on=asked)
            elif i == 32:
                tasks.set_status(admin, t, "in_progress", "Đang liên hệ", on=asked)


demo.register_filler(300, "reception", fill)
