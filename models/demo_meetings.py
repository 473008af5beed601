"""Demo data for the meetings: a year of the committee's meetings of every kind with their
minutes (monthly Ban Thường vụ, quarterly Ban Chấp hành, Thường trực twice a month, the monthly
sinh hoạt of one chi bộ), signed and numbered in the term's BB series, and two planned for the
coming week. Today's two-level structure: the commune's Party committee answers directly to the
provincial one, whose officials come as guests. Seeded; one transaction."""
from __future__ import annotations

import datetime as _dt

from . import demo, meetings
from .db import db

# (name, position) — the Đảng ủy's members, Bí thư first
COMMITTEE = [("Phạm Văn Đức", "Bí thư Đảng ủy"), ("Nguyễn Thị Thu Hà", "Phó Bí thư Thường trực"),
             ("Lê Minh Tuấn", "Phó Bí thư, Chủ tịch UBND xã"),
             ("Hoàng Văn Nam", "Chủ nhiệm Ủy ban Kiểm tra"),
             ("Đỗ Thị Hương", "Ủy viên Ban Thường vụ, Chủ tịch UB MTTQ xã"),
             ("Vũ Đình Khoa", "Đảng ủy viên, Trưởng Công an xã"),
             ("Bùi Thị Lan Anh", "Đảng ủy viên, Bí thư Đoàn xã"),
             ("Ngô Quang Vinh", "Đảng ủy viên, Chỉ huy trưởng Quân sự xã"),
             ("Đặng Thị Phương", "Đảng ủy viên, Chủ tịch Hội LHPN xã")]
CHI_BO = [("Lương Văn Thắng", "Bí thư Chi bộ"), ("Mai Thị Hồng", "Phó Bí thư Chi bộ"),
          ("Tạ Văn Bình", "Đảng viên"), ("Phan Thị Yến", "Đảng viên"), ("Chu Văn Lộc", "Đảng viên"),
          ("Hà Thị Nga", "Đảng viên"), ("Đinh Văn Quý", "Đảng viên")]
GUESTS = [("Trịnh Văn Sơn", "Chuyên viên Văn phòng Tỉnh ủy Tuyên Quang"),
          ("Lý Thị Hạnh", "Chuyên viên Ban Tổ chức Tỉnh ủy Tuyên Quang"),
          ("Kiều Minh Đạt", "Ủy viên Ủy ban Kiểm tra Tỉnh ủy Tuyên Quang")]
RECORDER = ("Trần Thị Mai", "Văn thư Văn phòng Đảng ủy")

AGENDAS = {
    "btv": [["Kết quả lãnh đạo thực hiện nhiệm vụ tháng {m}", "Phương hướng nhiệm vụ tháng {n}"],
            ["Công tác phát triển đảng viên", "Chuẩn bị Hội nghị Ban Chấp hành"],
            ["Kết quả thu, nộp đảng phí", "Công tác kiểm tra, giám sát tháng {m}"]],
    "bch": [["Báo cáo kết quả lãnh đạo quý {q} năm {y}", "Chương trình công tác quý tiếp theo",
             "Công tác xây dựng Đảng"]],
    "tt": [["Giải quyết công việc thường xuyên", "Chuẩn bị nội dung họp Ban Thường vụ"],
           ["Công tác tiếp dân, giải quyết đơn thư", "Lịch công tác tuần tới"]],
    "chibo": [["Đánh giá kết quả tháng {m}", "Chuyên đề: nâng cao chất lượng sinh hoạt chi bộ",
               "Nhiệm vụ tháng {n}"]],
}
SPEECHES = [
    "Thống nhất với báo cáo; đề nghị làm rõ nguyên nhân của những chỉ tiêu chưa đạt.",
    "Đề nghị tăng cường kiểm tra việc thực hiện nghị quyết ở các chi bộ thôn.",
    "Công tác thu đảng phí cơ bản đạt kế hoạch; một số chi bộ còn nộp chậm.",
    "Cần quan tâm hơn đến việc tạo nguồn phát triển đảng viên trong đoàn viên thanh niên.",
    "Đề nghị bổ sung nội dung chuyển đổi số trong công tác văn phòng cấp ủy.",
    "Đồng ý với dự thảo; đề nghị phân công cụ thể người chịu trách nhiệm từng nội dung.",
]
CONCLUSIONS = [
    "Thống nhất thông qua nội dung; giao Văn phòng Đảng ủy hoàn thiện, trình ký ban hành.",
    "Giao các đồng chí phụ trách chi bộ đôn đốc thực hiện, báo cáo kết quả tại phiên họp sau.",
    "Ghi nhận ý kiến đóng góp; giao Ủy ban Kiểm tra theo dõi, tổng hợp.",
]
PLACES = {"btv": "Phòng họp Đảng ủy xã Tân Lập", "bch": "Hội trường Đảng ủy xã Tân Lập",
          "tt": "Phòng làm việc Bí thư Đảng ủy", "chibo": "Nhà văn hóa thôn Đồng Tâm"}
TITLES = {"btv": "Hội nghị Ban Thường vụ tháng {m}/{y}", "bch": "Hội nghị Ban Chấp hành quý {q}/{y}",
          "tt": "Họp Thường trực ngày {d}", "chibo": "Sinh hoạt chi bộ thôn Đồng Tâm tháng {m}/{y}"}


def _schedule(today: _dt.date, term_start: _dt.date | None = None) -> list[tuple[str, _dt.date]]:
    """The year's meetings, oldest first: (kind, date) — none before the term began (their
    minutes are numbered in the term)."""
    start = today - _dt.timedelta(days=365)
    out = []
    d = _dt.date(start.year, start.month, 1)
    while d <= today:
        out.append(("btv", d.replace(day=8)))
        out.append(("chibo", d.replace(day=3)))
        out.append(("tt", d.replace(day=12)))
        out.append(("tt", d.replace(day=25)))
        if d.month in (1, 4, 7, 10):
            out.append(("bch", d.replace(day=18)))
        d = _dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    out = [(k, _weekday(x)) for k, x in out]
    first = max(start, term_start) if term_start else start
    return sorted([(k, x) for k, x in out if first <= x < today and x > start],
                  key=lambda p: (p[1], p[0]))


def _weekday(d: _dt.date) -> _dt.date:
    while d.weekday() >= 5:
        d += _dt.timedelta(days=1)
    return d


def _people(kind: str) -> list[tuple[str, str]]:
    return {"btv": COMMITTEE[:5], "bch": COMMITTEE, "tt": COMMITTEE[:3], "chibo": CHI_BO}[kind]


def _fmt(s: str, d: _dt.date) -> str:
    nxt = d.month % 12 + 1
    return s.format(m=d.month, n=nxt, q=(d.month - 1) // 3 + 1, y=d.year, d=d.strftime("%d/%m/%Y"))


def _meeting(ctx, kind: str, on: _dt.date, *, taken: bool) -> meetings.Meeting:
    rng, actor = ctx.rng, ctx.admin
    people = _people(kind)
    chair = people[0]
    agenda = [_fmt(a, on) for a in rng.choice(AGENDAS[kind])]
    guests = [rng.choice(GUESTS)] if kind == "bch" else []
    m = meetings.plan_meeting(actor, kind, on, title=_fmt(TITLES[kind], on),
                              start_time=rng.choice(["07:30", "08:00", "14:00"]),
                              place=PLACES[kind], chair=chair[0], chair_position=chair[1],
                              recorder=RECORDER[0], recorder_position=RECORDER[1], agenda=agenda,
                              members=people, guests=guests)
    if not taken:
        return m
    hh, mm = (int(x) for x in m.start_time.split(":"))
    opened = _dt.datetime.combine(on, _dt.time(hh, mm)) + _dt.timedelta(minutes=rng.randint(0, 10))
    meetings.open_meeting(actor, m, opened)
    v = meetings.meeting_view(actor, m)
    for a in v.members:
        r = rng.random()
        if a is not v.members[0] and r < 0.08:
            meetings.mark_attendance(actor, a, "absent_excused",
                                     rng.choice(["Đi công tác", "Ốm", "Việc gia đình",
                                                 "Đi học lớp bồi dưỡng"]))
        elif a is not v.members[0] and r < 0.1:
            meetings.mark_attendance(actor, a, "absent_unexcused")
        else:
            meetings.mark_attendance(actor, a, "present")
    for g in v.guests:
        meetings.mark_attendance(actor, g, "present")
    present = [a for a in meetings.meeting_view(actor, m).members if a.attendance == "present"]
    for it in v.agenda:
        for who in rng.sample(present, k=min(len(present), rng.randint(1, 3))):
            meetings.add_speech(actor, m, who.name, rng.choice(SPEECHES), item=it)
        meetings.set_conclusion(actor, it, rng.choice(CONCLUSIONS))
    if kind in ("btv", "bch") or rng.random() < 0.3:
        n = len(present)
        no = 1 if n > 4 and rng.random() < 0.2 else 0
        meetings.record_vote(actor, m, f"Thông qua {v.agenda[0].title[:1].lower()}{v.agenda[0].title[1:]}",
                             n - no, no, 0, item=v.agenda[0])
    closed = opened + _dt.timedelta(minutes=rng.randint(90, 210))
    meetings.close_meeting(actor, m, closed)
    meetings.sign_minutes(actor, m, on)
    return m


def fill(ctx: demo.DemoContext) -> None:
    with db.atomic():
        from .office import get_office
        office = get_office()
        assert office is not None       # the demo sets the office up first
        for kind, on in _schedule(ctx.today, office.term_start):
            _meeting(ctx, kind, on, taken=True)
        for kind, days in (("btv", 2), ("tt", 4)):
            _meeting(ctx, kind, _weekday(ctx.today + _dt.timedelta(days=days)), taken=False)


demo.register_filler(30, "meetings", fill)
