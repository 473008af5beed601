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
