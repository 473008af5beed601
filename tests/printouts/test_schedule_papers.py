"""The weekly schedule (A4 landscape), the statistics paper and a drafted document, read back
from their PDFs: Vietnamese text, the Party heading, and the layout by coordinates."""
from __future__ import annotations

import datetime as dt
import unicodedata
from types import SimpleNamespace

from models.statistics import Figure
from printouts.drafts import draft_paper
from printouts.schedule import schedule
from printouts.statistics import statistics_paper
from tests.pdfread import MM, page_size, pages, pieces, squash

OFFICE = SimpleNamespace(name="Đảng ủy xã Tân Lập", superior="Đảng bộ tỉnh Tuyên Quang", place="Xã Tân Lập",
                         body_abbr="ĐU")
MONDAY = dt.date(2026, 11, 30)


def entry(content, time="08:00", lead="Đ/c Phạm Văn Đức", parts="Thường trực Đảng ủy",
          place="Phòng họp Đảng ủy"):
    return SimpleNamespace(content=content, time=time, lead=lead, participants=parts, place=place)


def grid(extra: int = 0):
    cells = []
    for i in range(7):
        day = MONDAY + dt.timedelta(days=i)
        cells.append((day, "am", [entry(f"Giao ban Thường trực ngày {i + 1}")] if i < 5 else []))
        cells.append((day, "pm", [entry("Tiếp công dân định kỳ", "14:00", "Đ/c Nguyễn Thị Thu Hà")
                                  for _ in range(1 + (extra if i == 2 else 0))] if i < 5 else []))
    return cells


def test_schedule_is_an_a4_landscape_party_table_with_every_day():
    data = schedule(MONDAY, grid(), OFFICE)
    w, h = page_size(data)
    assert (round(w), round(h)) == (842, 595)                              # A4 landscape
    text = squash(" ".join(pages(data)))
    for s in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ TÂN LẬP",
              "Xã Tân Lập, ngày 27 tháng 11 năm 2026", "LỊCH CÔNG TÁC",
              "của Thường trực Đảng ủy, tuần 49/2026 (từ ngày 30/11/2026 đến ngày 06/12/2026)",
              "Thứ, ngày", "Buổi", "Nội dung công việc", "Chủ trì", "Thành phần", "Địa điểm",
              "Thứ Hai", "Thứ Sáu", "Chủ nhật", "Giao ban Thường trực ngày 1", "Tiếp công dân định kỳ",
              "Đ/c Nguyễn Thị Thu Hà", "Phòng họp Đảng ủy"):
        assert s in text, s
    assert all(unicodedata.is_normalized("NFC", t) for t in pages(data))
    ps = pieces(data)
    heading = next(p for p in ps if p.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
    issuer = next(p for p in ps if p.text == "ĐẢNG ỦY XÃ TÂN LẬP")
    assert heading.page == 1 and heading.x > w / 2 - 20 and heading.size == 15
    assert issuer.x < w / 2 and abs(issuer.y - heading.y) < 40
    title = next(p for p in ps if p.text == "LỊCH CÔNG TÁC")
    assert title.y < heading.y and abs((title.x + title.x) / 2 - w / 2) < w / 4
    # the table: day names in the first column, left of the content, days top to bottom
    mon = next(p for p in ps if p.text == "Thứ Hai")
    tue = next(p for p in ps if p.text == "Thứ Ba")
    content = next(p for p in ps if p.text.startswith("Giao ban Thường trực ngày 1"))
    assert mon.y < title.y and mon.x < content.x and (tue.page, -tue.y) > (mon.page, -mon.y)
    assert mon.x > 10 * MM                                             # inside the margin
    sunday = next(p for p in ps if p.text == "Chủ nhật")
    assert sunday.y > 15 * MM                                          # above the bottom margin


def test_a_long_week_flows_on_with_page_numbers_and_repeated_column_heads():
    data = schedule(MONDAY, grid(extra=12), OFFICE)
    texts = pages(data)
    assert len(texts) >= 2
    assert "Nội dung công việc" in texts[1] and squash(texts[1]).startswith("2")
    ps = pieces(data)
    number = next(p for p in ps if p.page == 2 and p.text == "2")
    assert number.y > page_size(data)[1] - 20 * MM


def test_statistics_paper_lists_groups_and_figures():
    figs = [Figure("Văn bản đến", "Tổng số văn bản đến", 1234),
            Figure("Văn bản đến", "Loại: Công văn", 800, level=1),
            Figure("Hội nghị", "Biên bản đã ký", 24),
            Figure("Đảng viên, đảng phí", "Tiền đảng phí nhận trong kỳ", 12500000, "đ")]
    data = statistics_paper(figs, dt.date(2026, 1, 1), dt.date(2026, 3, 31), OFFICE,
                            issued_on=dt.date(2026, 4, 2))
    text = squash(pages(data)[0])
    for s in ("ĐẢNG CỘNG SẢN VIỆT NAM", "SỐ LIỆU THỐNG KÊ", "từ ngày 01/01/2026 đến ngày 31/03/2026",
              "Xã Tân Lập, ngày 02 tháng 4 năm 2026", "Văn bản đến", "Tổng số văn bản đến", "1.234",
              "- Loại: Công văn", "Biên bản đã ký", "12.500.000 đ"):
        assert s in text, s
    ps = pieces(data)
    label = next(p for p in ps if p.text == "Tổng số văn bản đến")
    value = next(p for p in ps if p.text == "1.234")
    assert value.x > label.x and abs(value.y - label.y) < 3              # on the same row, right


def test_a_draft_is_marked_du_thao_and_the_issued_one_carries_its_number():
    draft = SimpleNamespace(type_code="CV", summary="đôn đốc nộp báo cáo quý IV",
                            body="Đề nghị các chi bộ nộp báo cáo trước ngày 20/12/2026.\nĐoạn hai.",
                            signer="Phạm Văn Đức", signer_position="Bí thư", authority="T/M",
                            authority_of="Đảng ủy", doc_date=dt.date(2026, 12, 2),
                            recipient_list=lambda: ["Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy"])
    data = draft_paper(draft, OFFICE)
    w, h = page_size(data)
    text = squash(pages(data)[0])
    for s in ("DỰ THẢO", "ĐẢNG CỘNG SẢN VIỆT NAM", "V/v đôn đốc nộp báo cáo quý IV", "Số .....-CV/ĐU",
              "Kính gửi: Các chi bộ trực thuộc",
              "Xã Tân Lập, ngày 02 tháng 12 năm 2026", "Đề nghị các chi bộ nộp báo cáo", "T/M ĐẢNG ỦY",
              "BÍ THƯ", "Phạm Văn Đức", "Nơi nhận:", "- Các chi bộ trực thuộc,"):
        assert s in text, s
    mark = next(p for p in pieces(data) if p.text == "DỰ THẢO")
    heading = next(p for p in pieces(data) if p.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert mark.y > heading.y and mark.x > w / 2 and mark.y > h - 25 * MM       # in the top margin, right
    issued = draft_paper(draft, OFFICE, number="05-CV/ĐU", on=dt.date(2026, 12, 3))
    text = squash(pages(issued)[0])
    assert "DỰ THẢO" not in text and "Số 05-CV/ĐU" in text and "ngày 03 tháng 12 năm 2026" in text
