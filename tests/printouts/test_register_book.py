"""Printed register books, read back with pypdf: Vietnamese intact, header row on every page,
page numbers, A4 landscape; reportlab only imported when printing."""
from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from models import documents as D, exports, office as office_mod
from tests.pdfread import pages as _pages
from signing import sign

ROOT = Path(__file__).resolve().parents[2]
OFFICE_SUPERIOR_UPPER = "ĐẢNG BỘ TỈNH TUYÊN QUANG"


def pdf_pages(data: bytes, cover: bool = False) -> list[str]:
    """The book's pages as text; without ``cover``, the register's pages only (from page 2)."""
    pages = _pages(data)
    return pages if cover else pages[1:]


def squash(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture
def filled(office):
    clerk = office["clerk"]
    for i in range(70):
        day = dt.date(2026, 1, 2) + dt.timedelta(days=i)
        d = D.register_incoming(clerk, arrived_at=dt.datetime(day.year, day.month, day.day, 8, 30),
                                registered_at=dt.datetime(day.year, day.month, day.day, 9),
                                sender="Ban Tổ chức Huyện ủy Yên Sơn", doc_number=f"{i + 1}-CV/BTCHU",
                                doc_type="Công văn", summary=f"V/v hướng dẫn công tác Đảng ủy số {i + 1}",
                                pages=2, copies=1)
        if i % 3 == 0:
            D.transfer(clerk, d, "Phạm Văn Đức", received_by="Phạm Văn Đức")
    o = D.reserve_number(clerk, "BC", doc_date=dt.date(2026, 1, 7), summary="Báo cáo kết quả lãnh đạo quý I",
                         recipients=["Ban Thường vụ Huyện ủy", "Lưu Văn phòng Đảng ủy"], copies=3)
    sign(o, "Phạm Văn Đức", signer_position="Bí thư", authority="T/M",
                       signed_on=dt.date(2026, 1, 7))
    return office


def book(actor, kind, date_from, date_to):
    from printouts.registers import register_book
    rows = list(exports.book_rows(actor, kind, date_from=date_from, date_to=date_to))
    return register_book(kind, rows, office_mod.get_office(), date_from, date_to), rows


def test_incoming_book_reads_back_with_vietnamese_intact(filled):
    data, rows = book(filled["viewer"], "incoming", dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert data.startswith(b"%PDF") and len(rows) == 70
    pages = pdf_pages(data)
    assert len(pages) >= 3
    first = squash(pages[0])
    for s in ("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "Từ ngày 01/01/2026 đến ngày 31/03/2026",
              "Ban Tổ chức Huyện ủy Yên Sơn", "Phạm Văn Đức", "Đảng ủy"):
        assert s in first, s
    for i, p in enumerate(pages, start=2):          # header row repeated, numbered from page 2
        t = squash(p)
        assert "Trích yếu" in t and "Số đến" in t and "Nơi gửi" in t
        assert f"Trang {i}/{len(pages) + 1}" in t
    assert "V/v hướng dẫn công tác Đảng ủy số 70" in squash(pages[-1])


def test_book_is_a4_landscape(filled):
    from pypdf import PdfReader
    data, _ = book(filled["viewer"], "outgoing", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595


def test_outgoing_book(filled):
    data, rows = book(filled["viewer"], "outgoing", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    t = squash(" ".join(pdf_pages(data)))
    for s in ("SỔ ĐĂNG KÝ VĂN BẢN ĐI", "Số, ký hiệu", "01-BC/ĐU", "Báo cáo kết quả lãnh đạo quý I",
              "Ban Thường vụ Huyện ủy", "Người ký", "Nơi lưu", "Chưa phát hành"):
        assert s in t, s


def test_decomposed_text_is_drawn_composed(office):
    from printouts.registers import register_book
    nfd = unicodedata.normalize("NFD", "Đảng ủy phường Hòa Bình")
    row = ["1", "05/03/2026 08:00", nfd, "1-CV/X", "", "Công văn", nfd, "Thường", "Thường", "", "", "",
           "", "", "", ""]
    data = register_book("incoming", [row], office_mod.get_office(), dt.date(2026, 3, 1),
                         dt.date(2026, 3, 31))
    from pypdf import PdfReader
    raw = PdfReader(io.BytesIO(data)).pages[1].extract_text()
    assert "Đảng ủy phường Hòa Bình" in raw              # NFC in the file, not re-composed by us


def test_empty_period_says_so(office):
    data, rows = book(office["viewer"], "incoming", dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert rows == []
    assert "Không có văn bản nào" in squash(pdf_pages(data)[0])


def test_reportlab_is_not_imported_at_program_start():
    code = ("import sys, tui.cli, models.schema, printouts.registers, models.exports; "
            "tui.cli.build_parser(); "
            "print(sorted(m for m in ('reportlab', 'openpyxl', 'pypdf', 'printouts.common') "
            "if m in sys.modules and m != 'printouts.common'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_models_never_import_printouts_or_tui():
    code = ("import sys, models.schema; "
            "print([m for m in sys.modules if m.split('.')[0] in ('printouts', 'tui', 'intake')])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the seal log, its handovers, the secret register's books ------------------------------
@pytest.fixture
def stamped(office):
    """Sixty signed and stamped reports (a book of several pages) and one handover."""
    from models import seal
    clerk = office["clerk"]
    for i in range(60):
        day = dt.date(2026, 1, 5) + dt.timedelta(days=i)
        o = D.reserve_number(clerk, "BC", doc_date=day, summary=f"Báo cáo tình hình Đảng bộ xã tuần {i + 1}",
                             copies=3)
        sign(o, "Nguyễn Thị Thu Hà", signer_position="Phó Bí thư", authority="K/T",
                           signed_on=day)
        seal.record_use(clerk, o, 3, used_on=day, stamped_by="Trần Thị Mai")
    seal.record_handover(clerk, "Trần Thị Mai", "Lý Thị Ngọc", handed_on=dt.date(2026, 2, 2),
                         witness="Phạm Văn Đức", reason="Đồng chí Mai đi học lớp trung cấp lý luận chính trị")
    return office


def test_seal_log_book_reads_back_page_after_page(stamped):
    data, rows = book(stamped["viewer"], "seal", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert len(rows) == 60
    pages = pdf_pages(data)
    assert len(pages) >= 2
    first = squash(pages[0])
    for s in ("SỔ THEO DÕI SỬ DỤNG CON DẤU",
              "Từ ngày 01/01/2026 đến ngày 31/12/2026",
              "05/01/2026 01-BC/ĐU Báo cáo tình hình Đảng bộ xã tuần 1 Nguyễn Thị Thu Hà Trần Thị Mai 3"):
        assert s in first, s
    for i, p in enumerate(pages, start=2):          # header row repeated, numbered from page 2
        t = squash(p)
        for h in ("STT", "Ngày đóng dấu", "Số, ký hiệu văn bản", "Trích yếu", "Người ký",
                  "Người đóng dấu", "Số bản"):
            assert h in t, (i, h)
        assert f"Trang {i}/{len(pages) + 1}" in t
    assert "60 05/03/2026 60-BC/ĐU Báo cáo tình hình Đảng bộ xã tuần 60" in squash(pages[-1])


def test_seal_handover_book(stamped):
    data, rows = book(stamped["viewer"], "seal_handovers", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    t = squash(" ".join(pdf_pages(data)))
    for s in ("SỔ BÀN GIAO CON DẤU", "Ngày bàn giao", "Người giao", "Người nhận", "Người chứng kiến",
              "02/02/2026", "Trần Thị Mai", "Lý Thị Ngọc", "Phạm Văn Đức",
              "Đồng chí Mai đi học lớp trung cấp lý luận chính trị", "Trang 2/2"):
        assert s in t, s


def test_empty_seal_log_says_so(office):
    data, rows = book(office["viewer"], "seal", dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert rows == []
    assert "Không có lần đóng dấu nào trong khoảng thời gian này." in squash(pdf_pages(data)[0])


def test_secret_register_books(office):
    clerk = office["clerk"]
    D.register_incoming(clerk, arrived_at=dt.datetime(2026, 3, 2, 8, 15), sender="Tỉnh ủy Tuyên Quang",
                        doc_number="12-CT/TU", doc_type="Chỉ thị", secrecy="Tối mật",
                        summary="Chỉ thị về bảo vệ bí mật nhà nước trong tình hình mới")
    D.register_incoming(clerk, arrived_at=dt.datetime(2026, 3, 3, 9, 0), sender="Huyện ủy Yên Sơn",
                        doc_number="3-CV/HU", doc_type="Công văn", secrecy="Tuyệt mật")
    D.register_incoming(clerk, arrived_at=dt.datetime(2026, 3, 4, 9, 0), sender="Huyện ủy Yên Sơn",
                        summary="Công văn thường không vào sổ mật")
    D.reserve_number(clerk, "NQ", doc_date=dt.date(2026, 3, 5), secrecy="Mật",
                     summary="Nghị quyết chuyên đề bảo vệ chính trị nội bộ")
    data, rows = book(office["leader"], "secret_incoming", dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert len(rows) == 2
    t = squash(" ".join(pdf_pages(data, cover=True)))
    for s in ("ĐẢNG CỘNG SẢN VIỆT NAM", "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐẾN", "Số đến", "Nơi gửi", "Độ mật",
              "Tỉnh ủy Tuyên Quang", "Chỉ thị về bảo vệ bí mật nhà nước trong tình hình mới", "Tối mật",
              "(Tuyệt mật — không ghi trích yếu)", "Trang 2/2"):
        assert s in t, s
    assert "Công văn thường" not in t
    data, rows = book(office["clerk"], "secret_outgoing", dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    t = squash(" ".join(pdf_pages(data)))
    for s in ("SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐI", "Số, ký hiệu", "01-NQ/ĐU",
              "Nghị quyết chuyên đề bảo vệ chính trị nội bộ"):
        assert s in t, s


# --- nothing in a row can stop the book: tall rows continue, symbols stay whole -------------
def words(prefix: str, n: int) -> str:
    """``n`` numbered words (``prefix0 prefix1 …``), so a read-back can tell that every one is
    there, once, in order."""
    return " ".join(f"{prefix}{i}" for i in range(n))


def numbered(pages: list[str], prefix: str) -> list[int]:
    import re
    return [int(x) for x in re.findall(rf"\b{prefix}(\d+)\b", "\n".join(pages))]


def incoming_row(no: int, summary: str, symbol: str = "20-TB/UBKTH", **cells) -> list:
    row = [no, dt.datetime(2026, 3, 5, 8, 30), "Ủy ban Kiểm tra Huyện ủy Yên Sơn", symbol,
           dt.date(2026, 3, 2), "Thông báo", summary, "Thường", "Thường", 2, 1, "Phạm Văn Đức",
           dt.date(2026, 3, 20), None, "", ""]
    for i, v in cells.items():
        row[int(i[1:])] = v
    return row


def render(kind, rows):
    from printouts.registers import register_book
    return pdf_pages(register_book(kind, rows, office_mod.get_office(), dt.date(2026, 1, 1),
                                   dt.date(2026, 12, 31)))


def assert_every_page_is_a_page_of_the_book(pages):
    for i, p in enumerate(pages, start=2):          # the cover is page 1, unnumbered
        t = squash(p)
        assert "Trích yếu" in t and "Số đến" in t and f"Trang {i}/{len(pages) + 1}" in t


def test_a_5000_character_summary_registered_through_the_register_continues_on_the_next_pages(office):
    summary = words("tx", 900)                   # about 5 000 characters, as the form accepts
    assert len(summary) >= 5000
    D.register_incoming(office["clerk"], arrived_at=dt.datetime(2026, 3, 5, 8, 30),
                        sender="Ủy ban Kiểm tra Huyện ủy Yên Sơn", doc_number="20-TB/UBKTH",
                        doc_type="Thông báo", summary=summary)
    D.register_incoming(office["clerk"], arrived_at=dt.datetime(2026, 3, 6, 8, 30),
                        sender="Huyện ủy Yên Sơn", doc_number="21-CV/HU", summary="Văn bản sau")
    data, rows = book(office["viewer"], "incoming", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    pages = pdf_pages(data)
    assert len(pages) >= 3
    assert numbered(pages, "tx") == list(range(900))             # every word, once, in order
    assert_every_page_is_a_page_of_the_book(pages)
    assert "20-TB/UBKTH" in pages[0] and "Văn bản sau" in pages[-1]
    # the header row is printed once per page, never again in the middle of one
    assert all(squash(p).count("Nơi gửi") == 1 for p in pages)


def test_a_100000_character_summary_prints_whole(office):
    summary = words("hx", 14000)
    assert len(summary) >= 100_000
    pages = render("incoming", [incoming_row(1, "Ngắn"), incoming_row(2, summary),
                                incoming_row(3, "Cuối sổ")])
    assert len(pages) > 40
    assert numbered(pages, "hx") == list(range(14000))
    assert_every_page_is_a_page_of_the_book(pages)
    assert "Ngắn" in pages[0] and "Cuối sổ" in pages[-1]


def test_a_row_of_many_long_cells_and_a_word_longer_than_its_column(office):
    long_word = "q" * 3000                        # no space to break at: cut between letters
    row = incoming_row(1, words("sx", 900), c2=words("nx", 400), c5=words("lx", 300),
                       c11=words("px", 300), c7=long_word, c15=words("gx", 600))
    pages = render("incoming", [row, incoming_row(2, "Sau hàng dài")])
    for prefix, n in (("sx", 900), ("nx", 400), ("lx", 300), ("px", 300), ("gx", 600)):
        assert numbered(pages, prefix) == list(range(n)), prefix
    assert sum(p.count("q") for p in pages) == 3000
    assert_every_page_is_a_page_of_the_book(pages)
    assert "Sau hàng dài" in pages[-1]


def test_many_rows_each_on_its_own_line(office):
    rows = [incoming_row(i + 1, f"V/v công việc số {i + 1} " + words(f"r{i + 1}x", 12),
                         symbol=f"{i + 1}-TB/UBKTH") for i in range(400)]
    pages = render("incoming", rows)
    assert len(pages) > 10
    assert_every_page_is_a_page_of_the_book(pages)
    text = "\n".join(pages)
    for i in range(400):
        assert f"V/v công việc số {i + 1}" in squash(text)
        assert numbered(pages, f"r{i + 1}x") == list(range(12))
        assert f"{i + 1}-TB/UBKTH" in text
        # a row that fits on a page is never cut in two: it moves whole to the next page
        assert sum(1 for p in pages if numbered([p], f"r{i + 1}x")) == 1


@pytest.mark.parametrize("kind, column", [("incoming", 3), ("outgoing", 0), ("seal", 2),
                                          ("secret_incoming", 3)])
def test_a_document_symbol_is_never_broken_across_lines(office, kind, column):
    from models.exports import COLUMNS
    symbols = ["20-TB/UBKTH", "1234-TB/UBKTĐU", "15-CV/BTCHU-VPĐU", "128-BC/ĐU-UBKTĐU",
               "2026-HD/BTGDVHU-KHTVĐUVPHU"]              # the last one longer than any column
    rows = []
    for n, s in enumerate(symbols, start=1):
        r = [""] * len(COLUMNS[kind])
        r[0] = n
        r[column] = s
        rows.append(r)
    text = "\n".join(render(kind, rows))
    for s in symbols:
        assert s in text, s                       # on one line: no line break inside it


def test_a_1430_character_summary_and_note_in_narrow_columns(office):
    summary, note = words("ax", 256) + " cuối", words("bx", 256) + " cuối"  # 1 430 characters
    assert len(summary) == len(note) == 1430
    pages = render("incoming", [incoming_row(1, summary, c15=note), incoming_row(2, "Sau")])
    assert len(pages) >= 2
    assert numbered(pages, "ax") == list(range(256))
    assert numbered(pages, "bx") == list(range(256))
    assert_every_page_is_a_page_of_the_book(pages)
    assert "Sau" in pages[-1]


# --- as the paper books are: cover, margins from the settings, page numbers from page 2 ---------
def test_the_book_has_a_cover_and_numbers_its_pages_from_page_2(filled):
    data, _ = book(filled["viewer"], "incoming", dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    pages = pdf_pages(data, cover=True)
    cover = squash(pages[0])
    for s in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY XÃ TÂN LẬP", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
              "Quyển số: 01", "Năm 2026", OFFICE_SUPERIOR_UPPER):
        assert s in cover, s
    assert "Trang" not in cover and "Số đến" not in cover          # no number, no table
    assert f"Trang 2/{len(pages)}" in squash(pages[1])


def test_a_book_across_1_january_names_both_years_and_its_volume(office):
    from printouts.registers import register_book
    data = register_book("outgoing", [], office_mod.get_office(), dt.date(2025, 12, 1),
                         dt.date(2026, 1, 31), volume=2)
    cover = squash(pdf_pages(data, cover=True)[0])
    assert "Quyển số: 02" in cover and "Năm 2025–2026" in cover and "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in cover


def _text_x(data: bytes, page: int, needle: str) -> float:
    """The left edge (points) of the first text run containing ``needle`` on ``page``."""
    from pypdf import PdfReader
    xs = []

    def visit(text, cm, tm, font, size):
        if needle in text:
            xs.append(tm[4] * cm[0] + cm[4])
    PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return min(xs)


def test_margins_are_the_settings(office):
    from printouts.registers import register_book
    rows = [incoming_row(1, "Trích yếu thử lề")]
    mm = 72 / 25.4
    default = register_book("incoming", rows, office_mod.get_office(), dt.date(2026, 1, 1),
                            dt.date(2026, 12, 31))
    # the table's grid starts at the left margin: the first column's text sits just inside it
    assert 35 * mm < _text_x(default, 1, "Số") < 35 * mm + 12
    office_mod.set_setting(office["admin"], "print.margin_left", 20)
    narrower = register_book("incoming", rows, office_mod.get_office(), dt.date(2026, 1, 1),
                             dt.date(2026, 12, 31))
    assert 20 * mm < _text_x(narrower, 1, "Số") < 20 * mm + 12
    assert [office_mod.get_setting(f"print.margin_{s}") for s in ("top", "bottom", "right")] == [25, 25, 15]


def test_ky_nhan_is_left_for_the_recipients_hand_and_the_handler_has_the_registers_word(office):
    from printouts.registers import register_book
    row = incoming_row(1, "Văn bản đã chuyển", c11="Ban Tổ chức Đảng ủy", c13=dt.date(2026, 3, 6),
                       c14="Nguyễn Văn Nhận")
    pages = pdf_pages(register_book("incoming", [row], office_mod.get_office(), dt.date(2026, 1, 1),
                                    dt.date(2026, 12, 31)))
    t = squash(pages[0])
    assert "Ký nhận" in t and "Đơn vị, người nhận" in t and "Ban Tổ chức Đảng ủy" in t
    assert "Nguyễn Văn Nhận" not in t
    assert "Người nhận xử lý" not in t and "Người xử lý" not in t


def test_the_audit_anchor_is_on_the_last_page_and_never_a_page_of_its_own(office):
    """The line naming the audit log's head when printed sits at the foot of the last page: a
    book whose table ends at the foot of a page gets no extra page holding that line alone."""
    from printouts.registers import register_book
    o = office_mod.get_office()
    rows = [[n, dt.date(2026, 3, 5), f"{n}-CV/ĐU", "Công văn", "Phạm Văn Đức", "Trần Thị Mai", 3, ""]
            for n in range(1, 61)]                                 # one line each

    def book_pages(n: int, anchor=None) -> list[str]:
        return [squash(p) for p in _pages(register_book("seal", rows[:n], o, None, None, anchor))]

    # the most rows page 2 holds: the table then ends less than a row above the page's foot
    full = next(n for n in range(20, len(rows)) if len(book_pages(n + 1)) == 3)
    signed = book_pages(full, anchor=(5779, "090b0fb8" * 8))
    assert len(signed) == 2
    assert "Nhật ký thay đổi khi in: đến mục số 5779, mã 090b0fb8090b0fb8." in signed[-1]
    assert "Trang 2/2" in signed[-1] and f"{full} 05/03/2026 {full}-CV/ĐU" in signed[-1]
