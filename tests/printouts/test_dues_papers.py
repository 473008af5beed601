"""The receipt, the collection sheet, the dues report, the cash book and the inventory as PDFs,
read back with pypdf: Vietnamese text and amounts intact."""
from __future__ import annotations

import datetime as _dt
import io
import unicodedata

import pytest

from models import assets, cashbook, dues, members, office as office_mod, receipts

D = _dt.date


def _text(pdf: bytes) -> list[str]:
    from pypdf import PdfReader
    r = PdfReader(io.BytesIO(pdf))
    return [unicodedata.normalize("NFC", p.extract_text()) for p in r.pages]


def _flat(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture
def paid(office):
    t = office["treasurer"]
    m = members.add_member(t, "Nguyễn Thị Phương Thảo", "Chi bộ Thôn Đồng Tâm", base_amount=6_543_210,
                           admitted_on=D(2001, 3, 2))
    p = dues.record_payment(t, m, ["02/2026", "03/2026", "04/2026"], extra="20k", paid_on=D(2026, 4, 5))
    return t, m, p


def test_receipt_two_copies_amount_in_digits_and_words(paid):
    from printouts.receipts import receipts_pdf
    t, m, p = paid
    pdf = receipts_pdf(receipts.for_print(t, [p.receipt_id]), office_mod.get_office())
    pages = _text(pdf)
    assert len(pages) == 1
    s = _flat(pages[0])
    assert s.count("PHIẾU THU") == 2 and "Liên 1" in s and "Liên 2" in s
    assert "Số: 0001/2026" in s and "216.200 đ" in s
    assert "Hai trăm mười sáu nghìn hai trăm đồng" in s
    assert "Nguyễn Thị Phương Thảo" in s and "Chi bộ Thôn Đồng Tâm" in s
    assert "Người nộp tiền" in s and "Thủ quỹ" in s and "Bản in lại" not in s
    again = _flat(_text(receipts_pdf(receipts.for_print(t, [p.receipt_id]), office_mod.get_office()))[0])
    assert again.count("Bản in lại") == 2


def test_cancelled_receipt_prints_marked_with_reason_and_a5_has_a_page_per_copy(paid):
    from printouts.receipts import receipts_pdf
    t, m, p = paid
    receipts.cancel_receipt(t, p.receipt_id, "Ghi nhầm số tháng")
    pages = _text(receipts_pdf(receipts.for_print(t, [p.receipt_id]), office_mod.get_office(), "A5"))
    assert len(pages) == 2
    assert all("ĐÃ HỦY" in pg and "Ghi nhầm số tháng" in _flat(pg) for pg in pages)


def test_many_receipts_one_pdf_in_order(office):
    from printouts.receipts import receipts_pdf
    t = office["treasurer"]
    ids = []
    for i, name in enumerate(["Trần Văn An", "Lê Thị Bình", "Phạm Văn Cường"]):
        m = members.add_member(t, name, "Chi bộ Thôn 1", base_amount=5_000_000 + i * 1_000_000)
        ids.append(dues.record_payment(t, m, "03/2026", paid_on=D(2026, 3, 5)).receipt_id)
    pages = _text(receipts_pdf(receipts.for_print(t, ids), office_mod.get_office()))
    assert [("0001/2026" in p, "0002/2026" in p, "0003/2026" in p) for p in pages] == \
        [(True, False, False), (False, True, False), (False, False, True)]
    assert "Sáu mươi nghìn đồng" in _flat(pages[1])


def test_collection_sheet_report_cash_book_and_inventory(paid):
    from printouts import dues as P
    t, m, p = paid
    o = office_mod.get_office()
    sheet = _flat(" ".join(_text(P.collection_sheet(dues.collection_sheet(t, "Chi bộ Thôn Đồng Tâm", 2026, 3),
                                                    o, "Chi bộ Thôn Đồng Tâm", 2026, 3))))
    assert "DANH SÁCH THU ĐẢNG PHÍ" in sheet and "Nguyễn Thị Phương Thảo" in sheet
    assert "65.400" in sheet and "0001/2026" in sheet
    rep = _flat(" ".join(_text(P.dues_report(dues.dues_report(t, "04/2026"), o))))
    assert "BÁO CÁO THU, NỘP ĐẢNG PHÍ" in rep and "Chi bộ Thôn Đồng Tâm" in rep
    assert "216.200 đ" in rep and "Trích giữ lại (70%)" in rep
    cashbook.record_expense(t, 16_200, "Mua sổ sách, văn phòng phẩm", "Cửa hàng Minh Anh", on=D(2026, 4, 6))
    opening, lines = cashbook.lines(D(2026, 4, 1), D(2026, 4, 30))
    book = _flat(" ".join(_text(P.cash_book(opening, lines, o, D(2026, 4, 1), D(2026, 4, 30)))))
    assert "SỔ QUỸ TIỀN MẶT" in book and "PT 0001/2026" in book and "PC 0001/2026" in book
    assert "200.000" in book and "Mua sổ sách, văn phòng phẩm" in book
    a = assets.add_asset(t, "TS01", "Máy vi tính để bàn", quantity=3, unit_value=12_500_000)
    c = assets.record_inventory(t, D(2026, 12, 1), "Lê Văn Hùng", {a.id: {"found": 2, "damaged": 1}})
    inv = _flat(" ".join(_text(P.inventory(c, assets.inventory_lines(c), o))))
    assert "BIÊN BẢN KIỂM KÊ TÀI SẢN" in inv and "Máy vi tính để bàn" in inv and "Lê Văn Hùng" in inv


def _end(piece) -> float:
    """Where a piece of text ends on the page (points from the left edge)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from printouts.common import FONT, register_fonts
    register_fonts()
    return piece.x + stringWidth(piece.text, FONT, piece.size)


def test_papers_stay_inside_their_columns_and_margins(paid):
    """What the clerk saw on the printed papers: voucher numbers running over into the next
    column of the cash book, "Ký nhận / Ghi chú" broken as "Ghi / chú", the heading's date
    running into the right margin."""
    from printouts import dues as P
    from tests.pdfread import pieces
    t, m, p = paid
    o = office_mod.get_office()
    cashbook.record_expense(t, 16_200, "Mua sổ sách, văn phòng phẩm", "Cửa hàng Minh Anh", on=D(2026, 4, 6))
    opening, lines = cashbook.lines(D(2026, 4, 1), D(2026, 4, 30))
    book = pieces(P.cash_book(opening, lines, o, D(2026, 4, 1), D(2026, 4, 30)))
    pt = next(x for x in book if x.text == "PT 0001/2026")
    pc = next(x for x in book if x.text == "PC 0001/2026")
    desc = next(x for x in book if x.text.startswith("Mua sổ sách") and abs(x.y - pc.y) < 1)
    # a column's text starts 2 pt inside its border: a number that ends less than 3 pt before
    # the next column's text crosses the border
    assert _end(pt) + 3 <= pc.x and _end(pc) + 3 <= desc.x
    sheet = pieces(P.collection_sheet(dues.collection_sheet(t, "Chi bộ Thôn Đồng Tâm", 2026, 3), o,
                                      "Chi bộ Thôn Đồng Tâm", 2026, 3, on=D(2026, 3, 1)))
    assert "Ký nhận / Ghi chú" in [x.text for x in sheet]            # one line, not "Ghi / chú"
    report = pieces(P.dues_report(dues.dues_report(t, "04/2026"), o))
    assert {"Số đảng viên", "Số ĐV còn nợ"} <= {x.text for x in report}
    page_w = 595.28
    for paper in (sheet, report):
        date = next(x for x in paper if x.text.startswith(o.place + ", ngày"))
        assert _end(date) <= page_w - P.MARGINS[3] * 72 / 25.4 + 0.5
    assert any(x.text == "Xã Tân Lập, ngày 01 tháng 3 năm 2026" for x in sheet)    # dated as the others
