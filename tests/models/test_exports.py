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


# --- the seal log, its handovers and the secret register's books ---------------------------
@pytest.fixture
def books(office):
    """Two stampings (one of a secret report), two handovers, a secret register of three
    incoming documents (Mật; Tuyệt mật without and with consent) and one outgoing."""
    from models import seal
    clerk = office["clerk"]

    def signed(code, summary, day, **kw):
        o = D.reserve_number(clerk, code, doc_date=day, summary=summary, copies=4, **kw)
        D.record_signature(clerk, o, "Phạm Văn Đức", signer_position="Bí thư", authority="T/M",
                           signed_on=day)
        return o
    bc = signed("BC", "Báo cáo sơ kết công tác Đảng quý I", dt.date(2026, 3, 2))
    nq = signed("NQ", "Nghị quyết về công tác bảo vệ bí mật nhà nước", dt.date(2026, 3, 3), secrecy="Mật")
    old = signed("TB", "Thông báo năm cũ", dt.date(2025, 12, 29))
    seal.record_use(clerk, old, 1, used_on=dt.date(2025, 12, 29))
    seal.record_use(clerk, bc, 4, used_on=dt.date(2026, 3, 2), stamped_by="Trần Thị Mai",
                    notes="Đóng dấu treo phụ lục")
    seal.record_use(clerk, nq, 2, used_on=dt.date(2026, 3, 4), stamped_by="Lý Thị Ngọc")
    seal.record_handover(clerk, "Lý Thị Ngọc", "Trần Thị Mai", handed_on=dt.date(2026, 1, 5),
                         witness="Phạm Văn Đức", reason="Phân công văn thư mới")
    seal.record_handover(clerk, "Trần Thị Mai", "Lý Thị Ngọc", handed_on=dt.date(2026, 3, 3),
                         reason="Nghỉ phép")
    D.register_incoming(clerk, arrived_at=T(2026, 3, 2, 8, 0), sender="Tỉnh ủy Tuyên Quang",
                        doc_number="12-CT/TU", doc_type="Chỉ thị", secrecy="Mật",
                        summary="Chỉ thị về bảo vệ bí mật nhà nước")
    D.register_incoming(clerk, arrived_at=T(2026, 3, 3, 9, 0), sender="Huyện ủy Yên Sơn",
                        doc_number="3-CV/HU", doc_type="Công văn", secrecy="Tuyệt mật")
    D.register_incoming(clerk, arrived_at=T(2026, 3, 4, 10, 0), sender="Huyện ủy Yên Sơn",
                        doc_number="4-CV/HU", doc_type="Công văn", secrecy="Tuyệt mật",
                        summary_consent=True, summary="V/v phương án bảo vệ Đại hội")
    D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 8, 0), sender="Huyện ủy Yên Sơn",
                        summary="Công văn thường")
    return office


def test_seal_log_rows(books):
    rows = list(exports.book_rows(books["viewer"], "seal", year=2026))
    assert [dict(zip(exports.SEAL_COLUMNS, r)) for r in rows] == [
        {"STT": "1", "Ngày đóng dấu": "02/03/2026", "Số, ký hiệu văn bản": "01-BC/ĐU",
         "Trích yếu": "Báo cáo sơ kết công tác Đảng quý I", "Người ký": "Phạm Văn Đức",
         "Người đóng dấu": "Trần Thị Mai", "Số bản": "4", "Ghi chú": "Đóng dấu treo phụ lục"},
        {"STT": "2", "Ngày đóng dấu": "04/03/2026", "Số, ký hiệu văn bản": "01-NQ/ĐU",
         "Trích yếu": "(Văn bản mật — không ghi trích yếu)", "Người ký": "Phạm Văn Đức",
         "Người đóng dấu": "Lý Thị Ngọc", "Số bản": "2", "Ghi chú": ""}]
    # a date range, and every stamping when none is given
    assert [r[2] for r in exports.book_rows(books["viewer"], "seal", date_from=dt.date(2026, 3, 3),
                                            date_to=dt.date(2026, 3, 31))] == ["01-NQ/ĐU"]
    assert [r[0] for r in exports.book_rows(books["viewer"], "seal")] == ["1", "2", "3"]


def test_seal_handover_rows(books):
    rows = list(exports.book_rows(books["viewer"], "seal_handovers", year=2026))
    assert rows == [
        ["1", "05/01/2026", "Lý Thị Ngọc", "Trần Thị Mai", "Phạm Văn Đức", "Phân công văn thư mới", ""],
        ["2", "03/03/2026", "Trần Thị Mai", "Lý Thị Ngọc", "", "Nghỉ phép", ""]]
    assert exports.COLUMNS["seal_handovers"][:4] == ["STT", "Ngày bàn giao", "Người giao", "Người nhận"]


def test_secret_books_hold_the_secret_documents_and_a_tuyet_mat_summary_only_with_consent(books):
    rows = [dict(zip(exports.INCOMING_COLUMNS, r))
            for r in exports.book_rows(books["leader"], "secret_incoming", year=2026)]
    assert [(r["Số đến"], r["Nơi gửi"], r["Độ mật"], r["Trích yếu"]) for r in rows] == [
        ("1", "Tỉnh ủy Tuyên Quang", "Mật", "Chỉ thị về bảo vệ bí mật nhà nước"),
        ("2", "Huyện ủy Yên Sơn", "Tuyệt mật", "(Tuyệt mật — không ghi trích yếu)"),
        ("3", "Huyện ủy Yên Sơn", "Tuyệt mật", "V/v phương án bảo vệ Đại hội")]
    out = [dict(zip(exports.OUTGOING_COLUMNS, r))
           for r in exports.book_rows(books["admin"], "secret_outgoing", year=2026)]
    assert [(r["Số, ký hiệu"], r["Trích yếu"]) for r in out] == [
        ("01-NQ/ĐU", "Nghị quyết về công tác bảo vệ bí mật nhà nước")]
    # and the ordinary books keep them out
    plain = list(exports.book_rows(books["leader"], "incoming", year=2026))
    assert [r[6] for r in plain] == ["Công văn thường"]
    assert "01-NQ/ĐU" not in [r[0] for r in exports.book_rows(books["leader"], "outgoing")]


@pytest.mark.parametrize("role", ["clerk", "viewer", "treasurer"])
def test_secret_books_are_refused_to_those_who_may_not_see_the_secret_register(books, role, tmp_path):
    actor = books[role]
    folder = tmp_path / "xuat"
    for kind in ("secret_incoming", "secret_outgoing"):
        with pytest.raises(PermissionDenied) as e:       # at the call, before any row is read
            exports.book_rows(actor, kind, year=2026)
        assert "không có quyền xem sổ văn bản mật" in e.value.message
        out = folder / f"{kind}.csv"
        before = audit.AuditEntry.select().count()
        with pytest.raises(PermissionDenied):
            exports.export(actor, kind, "csv", out)
        assert not out.exists() and not folder.exists()          # not even a temporary file
        assert audit.AuditEntry.select().count() == before


def test_seal_log_and_secret_books_export(books, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "dau.csv"
    assert exports.export(books["viewer"], "seal", "csv", out, year=2026) == 2
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["STT", "Ngày đóng dấu", "Số, ký hiệu văn bản", "Trích yếu", "Người ký",
                       "Người đóng dấu", "Số bản", "Ghi chú"]
    assert rows[1][2:5] == ["01-BC/ĐU", "Báo cáo sơ kết công tác Đảng quý I", "Phạm Văn Đức"]
    x = tmp_path / "mat-den.xlsx"
    assert exports.export(books["leader"], "secret_incoming", "xlsx", x, year=2026) == 3
    ws = load_workbook(x).active
    assert ws.title == "Sổ đăng ký văn bản mật đến"
    assert [ws.cell(r, 7).value for r in (2, 3, 4)] == [
        "Chỉ thị về bảo vệ bí mật nhà nước", "(Tuyệt mật — không ghi trích yếu)",
        "V/v phương án bảo vệ Đại hội"]
    last = audit.AuditEntry.select().order_by(audit.AuditEntry.seq.desc()).first()
    assert last.action == "export" and last.username == "bithu" and last.table_name == "secret_incoming"


def test_printing_a_book_is_in_the_audit_log_and_a_refusal_is_not(books):
    rows = exports.print_rows(books["leader"], "secret_incoming", date_from=dt.date(2026, 3, 1),
                              date_to=dt.date(2026, 3, 31))
    assert len(rows) == 3
    last = audit.AuditEntry.select().order_by(audit.AuditEntry.seq.desc()).first()
    assert (last.username, last.action, last.table_name) == ("bithu", "print", "secret_incoming")
    assert '"rows": 3' in last.new and "01/03/2026" in last.new and "31/03/2026" in last.new
    before = audit.AuditEntry.select().count()
    with pytest.raises(PermissionDenied):
        exports.print_rows(books["clerk"], "secret_outgoing")
    assert audit.AuditEntry.select().count() == before
    assert audit.verify().ok
