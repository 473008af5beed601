"""Demo data for the treasurer's area: about 60 members in 4 chi bộ of a commune, their dues
since the 2026 rules came in (with receipts, a few months left unpaid, some paid on the
portal), an exemption and a reduction, a cash book with the monthly remittances and a few
expenses, and 30 office assets with an inventory check.

The office is a commune's Party committee under the provincial one (two-level local government
since 01/07/2025): the remittances go to the province's body.
"""
from __future__ import annotations

import datetime as _dt

from . import assets, cashbook, demo, dues, members, users
from .errors import ValidationError

CELLS = ["Chi bộ thôn Đồng Tâm", "Chi bộ thôn Khuôn Thẳm", "Chi bộ Trường THCS Tân Lập",
         "Chi bộ Công an xã"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ma", "Hà", "Nông",
          "Triệu", "Lục", "Quan"]
MIDDLE_M = ["Văn", "Đức", "Quang", "Minh", "Xuân", "Tiến", "Công"]
MIDDLE_F = ["Thị", "Thu", "Thanh", "Ngọc", "Thị Hồng", "Thị Kim"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Mạnh", "Nam", "Phúc",
           "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Đạt", "Ánh", "Lâm", "Toàn"]
GIVEN_F = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Huyền", "Lan", "Linh", "Mai",
           "Nga", "Oanh", "Phương", "Thảo", "Trang", "Yến", "Ân", "Uyên", "Vân"]
ASSETS = [
    ("Máy vi tính để bàn", "bộ", 14_500_000, "Phòng Văn phòng Đảng ủy"),
    ("Máy tính xách tay", "chiếc", 18_900_000, "Phòng Bí thư"),
    ("Máy in laser A4", "chiếc", 4_650_000, "Phòng Văn phòng Đảng ủy"),
    ("Máy phô tô", "chiếc", 42_000_000, "Phòng Văn phòng Đảng ủy"),
    ("Máy quét tài liệu", "chiếc", 7_800_000, "Phòng Văn phòng Đảng ủy"),
    ("Bàn họp 20 chỗ", "bộ", 25_000_000, "Hội trường"),
    ("Ghế hội trường", "chiếc", 850_000, "Hội trường"),
    ("Tủ tài liệu sắt", "chiếc", 3_900_000, "Phòng Văn phòng Đảng ủy"),
    ("Tủ đựng hồ sơ đảng viên có khóa", "chiếc", 5_200_000, "Phòng Tổ chức"),
    ("Két sắt", "chiếc", 6_500_000, "Phòng Thủ quỹ"),
    ("Điều hòa nhiệt độ 12.000 BTU", "chiếc", 9_800_000, "Phòng họp"),
    ("Máy chiếu", "chiếc", 15_600_000, "Hội trường"),
    ("Màn chiếu điện", "chiếc", 4_300_000, "Hội trường"),
    ("Bộ âm thanh hội trường", "bộ", 32_000_000, "Hội trường"),
    ("Tượng Bác Hồ", "pho", 12_000_000, "Hội trường"),
    ("Cờ Đảng, cờ Tổ quốc (bộ)", "bộ", 450_000, "Hội trường"),
    ("Bàn làm việc", "chiếc", 2_800_000, "Các phòng làm việc"),
    ("Ghế xoay văn phòng", "chiếc", 1_250_000, "Các phòng làm việc"),
    ("Điện thoại bàn", "chiếc", 650_000, "Phòng Văn phòng Đảng ủy"),
    ("Bộ lưu điện UPS", "chiếc", 2_400_000, "Phòng Văn phòng Đảng ủy"),
    ("Ổ cứng sao lưu 2 TB", "chiếc", 1_900_000, "Phòng Văn phòng Đảng ủy"),
    ("Camera an ninh", "chiếc", 1_600_000, "Hành lang"),
    ("Tivi 55 inch", "chiếc", 13_500_000, "Phòng họp"),
    ("Giá kệ lưu trữ", "chiếc", 2_100_000, "Kho lưu trữ"),
    ("Máy hủy tài liệu", "chiếc", 5_400_000, "Phòng Văn phòng Đảng ủy"),
    ("Bình chữa cháy", "bình", 380_000, "Hành lang"),
    ("Quạt treo tường", "chiếc", 520_000, "Các phòng làm việc"),
    ("Bục phát biểu", "chiếc", 3_200_000, "Hội trường"),
    ("Con dấu và hộp dấu", "bộ", 900_000, "Phòng Văn phòng Đảng ủy"),
    ("Xe máy công vụ", "chiếc", 32_000_000, "Nhà xe"),
]
QTY = {"Ghế hội trường": 80, "Bàn làm việc": 8, "Ghế xoay văn phòng": 8, "Máy vi tính để bàn": 5,
       "Tủ tài liệu sắt": 6, "Bình chữa cháy": 6, "Quạt treo tường": 10, "Camera an ninh": 4,
       "Giá kệ lưu trữ": 6, "Điện thoại bàn": 3}


def _months(today: _dt.date) -> list[_dt.date]:
    """Months from the 2026 rules up to the last month that is over."""
    out, m = [], _dt.date(2026, 2, 1)
    while m < dues.month_start(today):
        out.append(m)
        m = dues.next_month(m)
    return out[-12:]


def _person(rng, female: bool) -> str:
    mid = rng.choice(MIDDLE_F if female else MIDDLE_M)
    return f"{rng.choice(FAMILY)} {mid} {rng.choice(GIVEN_F if female else GIVEN_M)}"


def _members(ctx, t) -> list:
    rng, out = ctx.rng, []
    plan = [(CELLS[0], 17), (CELLS[1], 16), (CELLS[2], 15), (CELLS[3], 12)]
    for cell, n in plan:
        for _ in range(n):
            female = rng.random() < 0.45
            if cell == CELLS[3]:
                cat, base, age = "insured", rng.randrange(7_200_000, 12_800_000, 10_000), rng.randint(24, 52)
            elif cell == CELLS[2]:
                cat, base, age = "insured", rng.randrange(5_400_000, 10_500_000, 10_000), rng.randint(25, 58)
            else:
                r = rng.random()
                if r < 0.4:
                    cat, base, age = ("pensioner", rng.randrange(3_800_000, 9_600_000, 10_000),
                                      rng.randint(62, 88))
                elif r < 0.9:
                    cat, base, age = ("other", rng.randrange(2_500_000, 6_000_000, 100_000),
                                      rng.randint(30, 60))
                else:
                    cat, base, age = "student", 0, rng.randint(19, 22)
            born = _dt.date(ctx.today.year - age, rng.randint(1, 12), rng.randint(1, 28))
            join_age = max(18, min(age - 1, rng.randint(18, 35) if cat != "pensioner"
                                   else rng.randint(28, 45)))    # one elder only has 50 years
            admitted = _dt.date(born.year + join_age, rng.randint(1, 12), rng.randint(1, 28))
            if admitted > ctx.today - _dt.timedelta(days=400):
                admitted = ctx.today - _dt.timedelta(days=400 + rng.randint(0, 300))
            out.append(members.add_member(
                t, _person(rng, female), cell, category=cat, base_amount=base, birth_date=born,
                admitted_on=admitted, official_on=admitted + _dt.timedelta(days=365),
                card_no=f"{rng.randint(10, 99)}.{rng.randint(100000, 999999)}",
                phone=f"09{rng.randint(10000000, 99999999)}"))
    # an elder with more than 50 years in the Party: exempt by the rules
    out.append(members.add_member(t, "Ma Văn Thắng", CELLS[1], category="pensioner",
                                  base_amount=6_200_000, birth_date=_dt.date(1948, 4, 2),
                                  admitted_on=_dt.date(1972, 9, 2), official_on=_dt.date(1973, 9, 2),
                                  card_no="11.004217"))
    return out


def _remit(t, rng, mo: _dt.date, on: _dt.date) -> None:
    """The month's remittance to the provincial body, and now and then a small expense."""
    try:
        dues.record_remittance(t, mo, remitted_on=on)
    except ValidationError:
        pass
    if rng.random() < 0.5:
        try:
            cashbook.record_expense(t, rng.choice([120_000, 185_000, 250_000, 96_000]),
                                    rng.choice(["Mua sổ sách, văn phòng phẩm cho chi bộ",
                                                "Đặt báo Nhân Dân, Tạp chí Xây dựng Đảng",
                                                "Thăm hỏi đảng viên ốm đau",
                                                "Chi hỗ trợ sinh hoạt chi bộ"]),
                                    "Thủ quỹ", on=on)
        except ValidationError:
            pass


def fill(ctx: demo.DemoContext) -> None:
    t = users.User.get_or_none(users.User.username == "thuquy") or ctx.admin
    rng = ctx.rng
    people = _members(ctx, t)
    months = _months(ctx.today)
    if months:
        dues.add_exemption(t, people[3], percent=100, start_month=months[0],
                           reason_code="poor_household",
                           reason="Hộ nghèo theo danh sách của UBND xã năm 2026",
                           decided_by="Ban Thường vụ Đảng ủy xã", decision_ref="15-QĐ/ĐU")
        end = months[min(len(months) - 1, 5)]
        dues.add_exemption(t, people[20], percent=50, start_month=months[0], end_month=end,
                           reason="Ốm đau dài ngày, hoàn cảnh khó khăn",
                           decided_by="Ban Thường vụ Đảng ủy xã", decision_ref="16-QĐ/ĐU")
    late = set(rng.sample(range(len(people)), 5))          # these will be flagged
    portal = set(rng.sample(range(len(people)), 6))
    planned = []                                           # receipts are numbered in time order
    for i, m in enumerate(people):
        owed = [mo for mo in months if (d := dues.due_for(m, mo)) is not None and d.amount > 0]
        if i in late:
            owed = owed[: max(0, len(owed) - 4)]
        step = rng.choice([1, 1, 1, 3])
        for k in range(0, len(owed), step):
            chunk = owed[k:k + step]
            paid_on = min(ctx.today, dues.next_month(chunk[-1]) - _dt.timedelta(days=rng.randint(1, 20)))
            extra = 50_000 if rng.random() < 0.04 else 0
            planned.append((paid_on, i, chunk, extra))
    planned.sort(key=lambda p: (p[0], p[1]))
    remit = {_dt.date(dues.next_month(mo).year, dues.next_month(mo).month, 8): mo for mo in months}
    for paid_on, i, chunk, extra in planned:
        for on in [d for d in remit if d <= paid_on]:
            _remit(t, rng, remit.pop(on), on)
        dues.record_payment(t, people[i], chunk, method="portal" if i in portal else "cash",
                            extra=extra, paid_on=paid_on)
    for on, mo in sorted(remit.items()):
        if on <= ctx.today:
            _remit(t, rng, mo, on)
    year = ctx.today.year
    for n, (name, unit, value, place) in enumerate(ASSETS, 1):
        assets.add_asset(t, f"TS{n:03d}", name, unit=unit, unit_value=value, quantity=QTY.get(name, 1),
                         acquired_on=_dt.date(year - rng.randint(0, 8), rng.randint(1, 12),
                                              rng.randint(1, 28)),
                         location=place, condition=rng.choice(["good"] * 5 + ["worn"]),
                         user_name="Văn phòng Đảng ủy")
    chairs = assets.Asset.get(assets.Asset.code == "TS007")
    assets.record_inventory(t, _dt.date(year, 1, 15) if ctx.today >= _dt.date(year, 1, 15) else ctx.today,
                            "Lê Văn Hùng", {chairs.id: {"found": 78, "damaged": 3,
                                                         "note": "2 ghế mất, 3 ghế gãy chân"}},
                            note="Kiểm kê định kỳ đầu năm")


demo.register_filler(40, "dues", fill)
