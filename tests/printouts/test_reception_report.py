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


def test_report_is_a_party_paper_heading_signature_and_page_numbers(office):
    """Heading, title and signature as the office's other Party papers print them, inside the
    margins of the settings; a long report numbers its pages from 2, in the top margin."""
    from tests.pdfread import MM, page_size, pieces
    clerk = office["clerk"]
    for i in range(40):
        R.receive(clerk, name=f"Người thứ {i}", content="Nội dung", category="citizen", action="accept",
                  visited_at=dt.datetime(2026, 11, 2 + i % 25, 9, i))
    pdf = reception_report(R.report(clerk, "2026-11"), office_mod.get_office(), dt.date(2026, 12, 1))
    got = pieces(pdf)
    w, h = page_size(pdf)
    heading = next(p for p in got if p.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert heading.page == 1 and heading.size == 15 and heading.x > w / 2 - 20
    date = next(p for p in got if p.text == "Xã Tân Lập, ngày 01 tháng 12 năm 2026")
    assert date.size == 14 and date.y < heading.y
    left = min(p.x for p in got if p.page == 1)
    assert 35 * MM - 0.5 <= left                                   # the settings' left margin
    assert [p.text for p in got if p.text in ("BÁO CÁO", "T/M ĐẢNG ỦY", "BÍ THƯ")] == \
        ["BÁO CÁO", "T/M ĐẢNG ỦY", "BÍ THƯ"]
    last = max(p.page for p in got)
    assert last >= 2
    # the report ends in words, and the signature is on their page, never alone on a new one
    signed = next(p for p in got if p.text == "BÍ THƯ")
    assert any(p.page == signed.page and p.text.startswith("Trên đây là báo cáo công tác tiếp khách")
               and p.y > signed.y for p in got)
    numbers = [p for p in got if p.text.isdigit() and p.y > h - 25 * MM]
    assert [(p.page, p.text) for p in numbers] == [(n, str(n)) for n in range(2, last + 1)]


def test_the_secretary_signs_for_the_committee_the_office_serves(office):
    """A Đảng ủy's report is signed "T/M ĐẢNG ỦY"; a grassroots chi bộ's, "T/M CHI BỘ"."""
    from tests.pdfread import pieces
    clerk = office["clerk"]
    R.receive(clerk, name="Người đến", content="Nội dung", category="citizen", action="accept",
              visited_at=dt.datetime(2026, 11, 3, 9))
    office_mod.update_office(office["admin"], {"name": "Chi bộ Văn phòng Huyện ủy Yên Sơn"})
    pdf = reception_report(R.report(clerk, "2026-11"), office_mod.get_office(), dt.date(2026, 12, 1))
    said = [p.text for p in pieces(pdf)]
    assert "T/M CHI BỘ" in said and "BÍ THƯ" in said and "T/M ĐẢNG ỦY" not in said
