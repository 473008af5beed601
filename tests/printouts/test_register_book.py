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

ROOT = Path(__file__).resolve().parents[2]


def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader
    r = PdfReader(io.BytesIO(data))
    return [unicodedata.normalize("NFC", p.extract_text() or "") for p in r.pages]


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
    D.record_signature(clerk, o, "Phạm Văn Đức", signer_position="Bí thư", authority="T/M",
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
    for s in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY XÃ TÂN LẬP", "ĐẢNG BỘ HUYỆN YÊN SƠN",
              "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "Từ ngày 01/01/2026 đến ngày 31/03/2026",
              "Ban Tổ chức Huyện ủy Yên Sơn", "Phạm Văn Đức", "Đảng ủy"):
        assert s in first, s
    for i, p in enumerate(pages, start=1):          # header row repeated, numbered pages
        t = squash(p)
        assert "Trích yếu" in t and "Số đến" in t and "Nơi gửi" in t
        assert f"Trang {i}/{len(pages)}" in t
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
    data = register_book("incoming", [row], office_mod.get_office(), dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    from pypdf import PdfReader
    raw = PdfReader(io.BytesIO(data)).pages[0].extract_text()
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
    code = "import sys, models.schema; print([m for m in sys.modules if m.split('.')[0] in ('printouts', 'tui', 'intake')])"
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
        D.record_signature(clerk, o, "Nguyễn Thị Thu Hà", signer_position="Phó Bí thư", authority="K/T",
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
    for s in ("ĐẢNG ỦY XÃ TÂN LẬP", "SỔ THEO DÕI SỬ DỤNG CON DẤU",
              "Từ ngày 01/01/2026 đến ngày 31/12/2026",
              "05/01/2026 01-BC/ĐU Báo cáo tình hình Đảng bộ xã tuần 1 Nguyễn Thị Thu Hà Trần Thị Mai 3"):
        assert s in first, s
    for i, p in enumerate(pages, start=1):          # header row repeated, numbered pages
        t = squash(p)
        for h in ("STT", "Ngày đóng dấu", "Số, ký hiệu văn bản", "Trích yếu", "Người ký",
                  "Người đóng dấu", "Số bản"):
            assert h in t, (i, h)
        assert f"Trang {i}/{len(pages)}" in t
    assert "60 05/03/2026 60-BC/ĐU Báo cáo tình hình Đảng bộ xã tuần 60" in squash(pages[-1])


def test_seal_handover_book(stamped):
    data, rows = book(stamped["viewer"], "seal_handovers", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    t = squash(" ".join(pdf_pages(data)))
    for s in ("SỔ BÀN GIAO CON DẤU", "Ngày bàn giao", "Người giao", "Người nhận", "Người chứng kiến",
              "02/02/2026", "Trần Thị Mai", "Lý Thị Ngọc", "Phạm Văn Đức",
              "Đồng chí Mai đi học lớp trung cấp lý luận chính trị", "Trang 1/1"):
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
    t = squash(" ".join(pdf_pages(data)))
    for s in ("ĐẢNG CỘNG SẢN VIỆT NAM", "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐẾN", "Số đến", "Nơi gửi", "Độ mật",
              "Tỉnh ủy Tuyên Quang", "Chỉ thị về bảo vệ bí mật nhà nước trong tình hình mới", "Tối mật",
              "(Tuyệt mật — không ghi trích yếu)", "Trang 1/1"):
        assert s in t, s
    assert "Công văn thường" not in t
    data, rows = book(office["admin"], "secret_outgoing", dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    t = squash(" ".join(pdf_pages(data)))
    for s in ("SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐI", "Số, ký hiệu", "01-NQ/ĐU",
              "Nghị quyết chuyên đề bảo vệ chính trị nội bộ"):
        assert s in t, s
