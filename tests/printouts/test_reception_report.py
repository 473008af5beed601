"""The reception report PDF, read back: counts, the month below 2 days, open cases."""
from __future__ import annotations

import datetime as dt

from models import office as office_mod
from models import reception as R
from printouts.reception import reception_report


def text_of(pdf: bytes) -> str:
    import io
    from pypdf import PdfReader
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_report_of_a_month(office):
    clerk = office["clerk"]
    for i, (cat, action) in enumerate([("citizen", "accept"), ("citizen", "guide"), ("member", "forward")]):
        r = R.receive(clerk, name=f"Người {i}", content="Nội dung", category=cat, action=action,
                      forward_to="Ủy ban nhân dân xã Tân Lập" if action == "forward" else "",
                      visited_at=dt.datetime(2026, 11, 3 + i, 9))
        if action == "guide":
            R.close(clerk, r, "explained", "Đã hướng dẫn", closed_on=dt.date(2026, 11, 4))
    R.schedule_day(clerk, dt.date(2026, 11, 10), state="held")
    rep = R.report(clerk, "2026-11")
    t = text_of(reception_report(rep, office_mod.get_office(), dt.date(2026, 12, 1)))
    assert "Công tác tiếp khách, tiếp đảng viên và nhân dân tháng 11 năm 2026" in t
    assert "đã tiếp 3 lượt với 3 người; 1 vụ việc đã kết thúc trong kỳ, 2 vụ việc chưa kết thúc" in t
    assert "Nhân dân 2" in t and "Đảng viên 1" in t and "Cộng 3" in t
    assert "Đã giải thích, hướng dẫn 1" in t and "Chưa kết thúc 2" in t
    assert "11/2026 1 0 0 Chưa đủ 2 ngày" in t
    assert "Chờ trả lời — Ủy ban nhân dân xã Tân Lập" in t
    assert "Xã Tân Lập, ngày 01 tháng 12 năm 2026" in t
