"""The Party document format, read back from the PDF: heading, number, Vietnamese text, page
numbers, and the layout by coordinates (heading top right, body at the left margin the settings
give, no page number on page 1); nothing typed stops a paper from printing."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from printouts import party
from tests.pdfread import MM, page_size, pages, pieces, squash

ROOT = Path(__file__).resolve().parents[2]
SENTENCE = ("Đồng chí Bí thư kết luận: tiếp tục nâng cao chất lượng sinh hoạt chi bộ, "
            "ưu tiên công tác quần chúng. ")


def paper(**kw) -> party.PartyPaper:
    base = dict(superior="Đảng bộ tỉnh Tuyên Quang", issuer="Đảng ủy xã Tân Lập", number="15-BC/ĐU",
                place="Xã Tân Lập", date=dt.date(2026, 3, 5), type_name="Báo cáo",
                summary="Kết quả lãnh đạo quý I năm 2026", body=[SENTENCE * 8] * 10,
                signatures=[party.Signature("Bí thư", "T/M Đảng ủy", "Phạm Văn Đức")],
                recipients=["Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng Đảng ủy"])
    base.update(kw)
    return party.PartyPaper(**base)


def test_party_paper_reads_back_with_heading_number_and_vietnamese():
    data = party.render(paper())
    text = pages(data)
    assert len(text) >= 2
    first = squash(text[0])
    for s in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ TÂN LẬP", "*",
              "Số 15-BC/ĐU", "Xã Tân Lập, ngày 05 tháng 3 năm 2026", "BÁO CÁO",
              "Kết quả lãnh đạo quý I năm 2026", "Đồng chí Bí thư kết luận"):
        assert s in first, s
    last = squash(text[-1])
    for s in ("T/M ĐẢNG ỦY", "BÍ THƯ", "Phạm Văn Đức", "Nơi nhận:", "- Ban Thường vụ Tỉnh ủy,",
              "- Lưu Văn phòng Đảng ủy."):
        assert s in last, s
    assert all(unicodedata.is_normalized("NFC", t) for t in text)


def test_layout_by_coordinates_heading_top_right_body_at_margin_numbers_from_page_two():
    data = party.render(paper())
    w, h = page_size(data)
    assert (round(w), round(h)) == (595, 842)                          # A4
    ps = pieces(data)
    heading = next(p for p in ps if p.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert heading.page == 1 and heading.x > w / 2 - 20 and heading.y > h - 25 * MM - 20
    assert heading.size == 15
    issuer = next(p for p in ps if p.text == "ĐẢNG ỦY XÃ TÂN LẬP")
    assert issuer.x + 10 < w / 2 and abs(issuer.y - heading.y) < 40   # top left, same band
    date = next(p for p in ps if p.text.startswith("Xã Tân Lập, ngày"))
    assert date.y < heading.y and date.x > w / 2 - 40                 # under the heading, right
    body = [p for p in ps if p.page == 1 and p.text.startswith(("tác", "ưu", "quần", "chi", "nâng"))]
    assert body, [p.text for p in ps if p.page == 1]
    assert min(p.x for p in body) == pytest.approx(35 * MM, abs=0.6)  # left margin 35 mm
    on_p1 = [p for p in ps if p.page == 1 and p.text.isdigit()]
    assert not [p for p in on_p1 if p.y > h - 25 * MM]                # no page number on page 1
    for n in range(2, len(pages(data)) + 1):
        num = [p for p in ps if p.page == n and p.text == str(n)]
        assert num and num[0].y > h - 25 * MM, n                      # in the top margin
    two = next(p for p in ps if p.page == 2 and p.text == "2")
    assert two.x == pytest.approx((35 + (210 - 35 - 15) / 2) * MM, abs=8)  # centred over the text


def test_margins_come_from_the_settings(office):
    from models import office as office_mod
    office_mod.set_setting(office["admin"], "print.margin_left", "30")
    office_mod.set_setting(office["admin"], "print.margin_top", "20")
    assert party.margins() == (20, 25, 30, 15)
    ps = pieces(party.render(paper()))
    body = [p for p in ps if p.page == 2 and not p.text.isdigit()]
    assert min(p.x for p in body) == pytest.approx(30 * MM, abs=0.6)
    assert max(p.y + p.size for p in body) <= 842 - 20 * MM + 1


def test_cong_van_has_its_subject_under_the_number_in_italic_12pt():
    data = party.render(paper(type_name="", summary="", number="32-CV/ĐU",
                              subject="V/v chuẩn bị sinh hoạt chi bộ tháng 4"))
    ps = pieces(data)
    num = next(p for p in ps if p.text == "Số 32-CV/ĐU")
    vv = next(p for p in ps if p.text.startswith("V/v chuẩn bị"))
    assert vv.y < num.y and vv.size == 12 and vv.x < 595 / 2


def test_two_signatures_side_by_side_and_kt_tl_lines():
    data = party.render(paper(signatures=[party.Signature("Thư ký", "", "Trần Thị Mai"),
                                          party.Signature("Phó Bí thư", "K/T Bí thư", "Lê Văn Hùng")],
                              recipients=[]))
    ps = pieces(data)
    left = next(p for p in ps if p.text == "THƯ KÝ")
    right = next(p for p in ps if p.text == "K/T BÍ THƯ")
    assert left.x < 595 / 2 < right.x and abs(left.y - right.y) < 1
    assert "PHÓ BÍ THƯ" in squash(pages(data)[-1])


@pytest.mark.parametrize("kw", [
    dict(body=["Đ" * 100_000]),                                   # one endless word
    dict(body=[(SENTENCE * 1000)[:100_000]]),                     # 100 000 characters
    dict(superior="", issuer="", number="", place="", date=None, type_name="", summary="",
         body=[], signatures=[], recipients=[]),                  # everything empty
    dict(issuer="X" * 100_000, superior="\x00\x1b[31m\u200b", number="1" * 5000,
         summary="y " * 50_000, subject="V/v " + "z" * 5000, recipients=["r" * 3000] * 500,
         signatures=[party.Signature("a" * 5000, "b" * 5000, "c" * 5000)] * 3,
         body=[party.Block("q" * 100_000, "heading"), "\ud800 lẻ", "a\tb\rc\x07"]),
    dict(body=[unicodedata.normalize("NFD", "Nghị quyết Đảng ủy về xây dựng Đảng")]),
])
def test_nothing_typed_stops_a_paper_from_printing(kw):
    data = party.render(paper(**kw))
    assert data.startswith(b"%PDF")
    text = pages(data)
    if "body" in kw and kw["body"] and isinstance(kw["body"][0], str) and kw["body"][0].startswith("N"):
        assert "Nghị quyết Đảng ủy về xây dựng Đảng" in squash(text[0])   # NFD in, NFC out


def test_reportlab_is_not_imported_with_the_module():
    code = "import sys, printouts.party, printouts.minutes; print('reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"
