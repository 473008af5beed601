"""Exports read back: CSV with the csv module, XLSX with openpyxl; Vietnamese headers."""
from __future__ import annotations

import csv
import datetime as dt

import pytest

from models import audit, contacts, documents as D, exports
from models.errors import PermissionDenied, ValidationError

T = dt.datetime


@pytest.fixture
def regs(office):
    clerk = office["clerk"]
    D.register_incoming(clerk, arrived_at=T(2025, 12, 30, 9, 15), sender="Huyện ủy Yên Sơn",
                        doc_number="12-CV/HU", doc_date="28/12/2025", doc_type="Công văn",
                        summary="V/v tổng kết năm", pages=2, copies=1)
    d = D.register_incoming(clerk, arrived_at=T(2026, 1, 5, 8, 0), sender="Ban Tổ chức Huyện ủy",
                            doc_number="05-HD/BTCHU", doc_type="Hướng dẫn",
                            summary="Hướng dẫn kiểm điểm, đánh giá Đảng viên", deadline="15/01/2026")
    D.transfer(clerk, d, "Phạm Văn Đức", received_by="Phạm Văn Đức", transferred_at=T(2026, 1, 5, 10))
    bad = D.register_incoming(clerk, arrived_at=T(2026, 1, 6, 8, 0), sender="X", summary="Trùng")
    D.cancel_incoming(clerk, bad, "Vào sổ trùng")
    o = D.reserve_number(clerk, "BC", doc_date=dt.date(2026, 1, 7), summary="Báo cáo tháng 1",
                         recipients=["Ban Thường vụ Huyện ủy", "Lưu VP"], copies=3, filed_in="Văn phòng")
    contacts.add_contact(clerk, "Phạm Văn Đức", "person", position="Bí thư", group="member", phone="0912")
    return o


def test_csv_export_reads_back(regs, office, tmp_path):
    out = tmp_path / "den.csv"
    n = exports.export(office["viewer"], "incoming", "csv", out, year=2026)
    assert n == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                 # BOM: Excel reads UTF-8
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:5] == ["Số đến", "Ngày đến", "Nơi gửi", "Số, ký hiệu", "Ngày văn bản"]
    assert "Trích yếu" in rows[0]
    r = dict(zip(rows[0], rows[1]))
    assert r["Số đến"] == "1" and r["Ngày đến"] == "05/01/2026 08:00"
    assert r["Trích yếu"] == "Hướng dẫn kiểm điểm, đánh giá Đảng viên"
    assert r["Người nhận xử lý"] == "Phạm Văn Đức" and r["Ngày chuyển"] == "05/01/2026"
    assert dict(zip(rows[0], rows[2]))["Ghi chú"] == "Đã hủy: Vào sổ trùng"
    last = audit.AuditEntry.select().order_by(audit.AuditEntry.seq.desc()).first()
    assert last.action == "export" and last.username == "xem"


def test_xlsx_export_reads_back(regs, office, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "di.xlsx"
    assert exports.export(office["viewer"], "outgoing", "xlsx", out) == 1
    ws = load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == exports.OUTGOING_COLUMNS
    r = dict(zip(rows[0], rows[1]))
    assert r["Số, ký hiệu"] == "01-BC/ĐU" and r["Tên loại"] == "Báo cáo"
    assert r["Nơi nhận"] == "Ban Thường vụ Huyện ủy; Lưu VP" and r["Ghi chú"] == "Chưa phát hành"
    assert ws.title == "Sổ đăng ký văn bản đi"


def test_directory_export(regs, office, tmp_path):
    out = tmp_path / "danh-ba.csv"
    assert exports.export(office["viewer"], "directory", "csv", out) == 1
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][0] == "Tên" and rows[1][:4] == ["Phạm Văn Đức", "Cá nhân", "Cấp ủy viên", "Bí thư"]


def test_export_refusals(regs, office, tmp_path):
    with pytest.raises(ValidationError):
        exports.export(office["viewer"], "incoming", "pdf", tmp_path / "x.pdf")
    with pytest.raises(ValidationError):
        exports.export(office["viewer"], "secret", "csv", tmp_path / "x.csv")
    from models.users import SYSTEM
    with pytest.raises(PermissionDenied):
        exports.export(SYSTEM, "incoming", "csv", tmp_path / "x.csv")
    with pytest.raises(ValidationError):
        list(exports.book_rows(office["viewer"], "incoming", date_from=dt.date(2026, 2, 1),
                               date_to=dt.date(2026, 1, 1)))
