"""Printing and exporting the registers from the TUI: the register book is saved as a PDF
under the office's printouts/ (Vietnamese intact, read back with pypdf), handed to the print
command when it exists or else its place is said; CSV and Excel exports are read back."""
from __future__ import annotations

import csv
import sys

from models import office as office_mod
from tui.screens.parts.dialogs import ExportDialog, PrintDialog

from screen_size import SIZE
from registers_fixtures import field, message_painted, register, wait_until
from tests.pdfread import text as pdf_text
from signing import sign


def fill_register(clerk):
    register(clerk, "Hướng dẫn thu, nộp Đảng phí năm 2026", sender="Ban Tổ chức Tỉnh ủy Tuyên Quang")
    register(clerk, "Kế hoạch tổ chức Hội nghị sơ kết quý I", sender="Văn phòng Tỉnh ủy Tuyên Quang")


async def test_print_register_saves_a_pdf_and_says_where_when_there_is_no_printer(
        office, make_app, shown, home):
    fill_register(office["clerk"])
    office_mod.set_setting(office["admin"], "print.command", "lenh-in-khong-co")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "f6")
        await pilot.pause()
        assert isinstance(app.screen, PrintDialog)
        assert field(app.screen, "date_from").value == "01/01/2026"
        assert field(app.screen, "date_to").value == "05/03/2026"
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: message_painted(app), 30)
        text = shown(app)
        assert "Đã lưu sổ văn bản đến (2 văn bản, 01/01/2026–05/03/2026)" in text
        assert "không có lệnh in “lenh-in-khong-co”" in text
    pdf = home.printouts / "so-van-ban-den_20260101-20260305.pdf"
    assert pdf.exists()
    t = pdf_text(pdf)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in t
    assert "Đảng ủy xã Tân Lập".upper() in t or "Đảng ủy xã Tân Lập" in t
    flat = " ".join(t.split())
    assert "Hướng dẫn thu, nộp Đảng phí năm 2026" in flat
    assert "Kế hoạch tổ chức Hội nghị sơ kết quý I" in flat


async def test_dates_reversed_and_saved_at_once_are_said_the_first_time(office, make_app, shown):
    """"Đến ngày" before "Từ ngày", typed and Ctrl+S in one burst: the news of the last keys
    typed arrived after the refusal and wiped it (the field alone is a right date); it took a
    second Ctrl+S to read why nothing happened."""
    from test_tui_typeahead import burst
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "f6")
        await pilot.pause()
        assert isinstance(app.screen, PrintDialog)
        burst(app, "tab", *"01/01/2025", "ctrl+s")
        assert await wait_until(pilot, lambda: field(app.screen, "date_to").value == "01/01/2025")
        await pilot.pause()
        assert isinstance(app.screen, PrintDialog)
        assert "phải sau" in field(app.screen, "date_to").error
        assert "phải sau" in shown(app)


async def test_print_register_goes_to_the_print_command(office, make_app, shown, home, tmp_path):
    fill_register(office["clerk"])
    log = tmp_path / "printed.txt"
    script = tmp_path / "fake_lp.py"
    script.write_text(f"import sys\nopen({str(log)!r}, 'a').write(sys.argv[-1] + '\\n')\n")
    office_mod.set_setting(office["admin"], "print.command", f"{sys.executable} {script}")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4", "i")                              # the outgoing book, by its twin
        await pilot.pause()
        assert isinstance(app.screen, PrintDialog)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: message_painted(app), 30)
        assert "Đã gửi sổ văn bản đi (0 văn bản" in shown(app)
    printed = log.read_text().split()
    assert printed == [str(home.printouts / "so-van-ban-di_20260101-20260305.pdf")]


async def test_export_csv_and_xlsx_are_read_back(office, make_app, shown, tmp_path):
    fill_register(office["clerk"])
    out = tmp_path / "so-den.csv"
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter", "enter", *str(out), "enter")   # csv, 2026, the file: saves
        assert await wait_until(pilot, lambda: message_painted(app), 10)
        assert "Đã xuất 2 dòng vào tệp:" in shown(app)
        await pilot.press("enter", "x")
        await pilot.pause()
        await pilot.press("right", "ctrl+s")                      # xlsx, the default place
        assert await wait_until(pilot, lambda: message_painted(app), 10)
        assert "so-van-ban-den-2026.xlsx" in shown(app).replace("\n", "")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["Số đến", "Ngày đến", "Nơi gửi"]
    assert [r[6] for r in rows[1:]] == ["Hướng dẫn thu, nộp Đảng phí năm 2026",
                                       "Kế hoạch tổ chức Hội nghị sơ kết quý I"]
    from openpyxl import load_workbook
    ws = load_workbook(app.home.path / "exports" / "so-van-ban-den-2026.xlsx").active
    assert ws["G2"].value == "Hướng dẫn thu, nộp Đảng phí năm 2026"


# --- the seal log and the secret register ------------------------------------------------------
def stamp_two(clerk):
    """Two signed reports stamped this year, and one handover of the seal."""
    import datetime as _dt
    from models import documents, seal
    for n, (summary, day) in enumerate((("Báo cáo sơ kết công tác Đảng quý I", 2),
                                        ("Thông báo lịch sinh hoạt chi bộ tháng 3", 4)), start=1):
        on = _dt.date(2026, 3, day)
        d = documents.reserve_number(clerk, "BC", doc_date=on, summary=summary, copies=n + 2)
        sign(d, "Phạm Văn Đức", signer_position="Bí thư", authority="T/M",
                                   signed_on=on)
        seal.record_use(clerk, d, n + 2, used_on=on, stamped_by="Trần Thị Mai")
    seal.record_handover(clerk, "Lý Thị Ngọc", "Trần Thị Mai", handed_on=_dt.date(2026, 1, 5),
                         witness="Phạm Văn Đức", reason="Phân công văn thư mới")


async def test_seal_log_prints_from_its_screen_and_says_where_the_pdf_is(office, make_app, shown, home):
    from tui.screens.seal import SealScreen
    stamp_two(office["clerk"])
    office_mod.set_setting(office["admin"], "print.command", "lenh-in-khong-co")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("seal")
        await pilot.pause()
        assert isinstance(app.screen, SealScreen)
        assert "I: in sổ · X: xuất" in shown(app)
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, PrintDialog)
        assert "In sổ theo dõi sử dụng con dấu" in shown(app)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: message_painted(app), 30)
        text = shown(app)
        assert "Đã lưu sổ theo dõi sử dụng con dấu (2 lần đóng dấu," in text       # (wrapped)
        assert "01/01/2026–05/03/2026) vào tệp:" in text
        assert "không có lệnh in “lenh-in-khong-co”" in text
    pdf = home.printouts / "so-su-dung-con-dau_20260101-20260305.pdf"
    flat = " ".join(pdf_text(pdf).split())
    assert "SỔ THEO DÕI SỬ DỤNG CON DẤU" in flat and "Người đóng dấu" in flat
    assert "02/03/2026 01-BC/ĐU Báo cáo sơ kết công tác Đảng quý I Phạm Văn Đức Trần Thị Mai 3" in flat


async def test_seal_handovers_print_by_the_twin_key_and_export(office, make_app, shown, home, tmp_path):
    stamp_two(office["clerk"])
    office_mod.set_setting(office["admin"], "print.command", "")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("seal")
        await pilot.pause()
        await pilot.press("t", "i")                               # the handovers, by the twin of F6
        await pilot.pause()
        assert isinstance(app.screen, PrintDialog) and "In sổ bàn giao con dấu" in shown(app)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: message_painted(app), 30)
        text = shown(app)
        assert "Đã lưu sổ bàn giao con dấu (1 lần bàn giao" in text and "Chưa đặt lệnh in" in text
        await pilot.press("enter", "x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog) and "Xuất sổ bàn giao con dấu" in shown(app)
        await pilot.press("ctrl+s")                               # csv, 2026, the default place
        assert await wait_until(pilot, lambda: message_painted(app), 10)
        assert "Đã xuất 1 dòng vào tệp:" in shown(app)
    assert "SỔ BÀN GIAO CON DẤU" in pdf_text(home.printouts / "so-ban-giao-con-dau_20260101-20260305.pdf")
    with open(home.path / "exports" / "so-ban-giao-con-dau-2026.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [["STT", "Ngày bàn giao", "Người giao", "Người nhận", "Người chứng kiến", "Lý do",
                     "Ghi chú"],
                    ["1", "05/01/2026", "Lý Thị Ngọc", "Trần Thị Mai", "Phạm Văn Đức",
                     "Phân công văn thư mới", ""]]


async def test_seal_log_exports_from_its_screen(office, make_app, shown, tmp_path):
    stamp_two(office["clerk"])
    out = tmp_path / "so-dong-dau.csv"
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("seal")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "Xuất sổ theo dõi sử dụng con dấu" in shown(app)
        await pilot.press("enter", "enter", *str(out), "enter")   # csv, 2026, the file: saves
        assert await wait_until(pilot, lambda: message_painted(app), 10)
        assert "Đã xuất 2 dòng vào tệp:" in shown(app)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["STT", "Ngày đóng dấu", "Số, ký hiệu văn bản", "Trích yếu"]
    assert [r[3] for r in rows[1:]] == ["Báo cáo sơ kết công tác Đảng quý I",
                                       "Thông báo lịch sinh hoạt chi bộ tháng 3"]


async def test_seal_screen_help_lists_print_and_export(office, make_app, shown):
    from tui.screens.help import HelpScreen
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("seal")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = shown(app)
        assert "F6 / I" in text and "In sổ theo khoảng ngày" in text
        assert "Xuất sổ ra tệp CSV hoặc Excel" in text


def fill_secret(clerk):
    register(clerk, "Chỉ thị về bảo vệ bí mật nhà nước", sender="Tỉnh ủy Tuyên Quang", secrecy="Mật")
    register(clerk, "", sender="Tỉnh ủy Tuyên Quang", secrecy="Tuyệt mật")
    register(clerk, "Công văn thường không vào sổ mật")
    from models import documents
    import datetime as _dt
    documents.reserve_number(clerk, "NQ", doc_date=_dt.date(2026, 3, 2), secrecy="Mật",
                             summary="Nghị quyết chuyên đề bảo vệ chính trị nội bộ")


async def test_secret_register_prints_from_its_screen(office, make_app, shown, home):
    from tui.screens.secret import SecretScreen
    fill_secret(office["clerk"])
    office_mod.set_setting(office["admin"], "print.command", "lenh-in-khong-co")
    app = make_app(user=office["leader"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("secret")
        await pilot.pause()
        assert isinstance(app.screen, SecretScreen)
        assert "I: in sổ · X: xuất" in shown(app)
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, PrintDialog) and "In sổ văn bản mật đến" in shown(app)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: message_painted(app), 30)
        text = shown(app)
        assert "Đã lưu sổ văn bản mật đến (2 văn bản, 01/01/2026–05/03/2026)" in text
        assert "không có lệnh in “lenh-in-khong-co”" in text
    from models import audit
    last = audit.AuditEntry.select().order_by(audit.AuditEntry.seq.desc()).first()
    assert (last.username, last.action, last.table_name) == ("bithu", "print", "secret_incoming")
    flat = " ".join(pdf_text(home.printouts / "so-van-ban-mat-den_20260101-20260305.pdf").split())
    for s in ("SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐẾN", "Tỉnh ủy Tuyên Quang", "Chỉ thị về bảo vệ bí mật nhà nước",
              "(Tuyệt mật — không ghi trích yếu)"):
        assert s in flat, s
    assert "Công văn thường" not in flat


async def test_secret_register_exports_the_book_shown(office, make_app, shown, tmp_path):
    fill_secret(office["clerk"])
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("secret")
        await pilot.pause()
        await pilot.press("t", "x")                               # the outgoing part
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        text = shown(app)
        assert "Xuất sổ văn bản mật đi" in text and "Văn bản mật không bao giờ được xuất" not in text
        await pilot.press("right", "ctrl+s")                      # xlsx, the default place
        assert await wait_until(pilot, lambda: message_painted(app), 10)
        assert "Đã xuất 1 dòng vào tệp:" in shown(app)
        assert "so-van-ban-mat-di-2026.xlsx" in shown(app).replace("\n", "")
    from openpyxl import load_workbook
    ws = load_workbook(app.home.path / "exports" / "so-van-ban-mat-di-2026.xlsx").active
    assert ws.title == "Sổ đăng ký văn bản mật đi"
    assert [ws["A2"].value, ws["D2"].value, ws["J2"].value] == [
        "01-NQ/ĐU", "Nghị quyết chuyên đề bảo vệ chính trị nội bộ", "Mật"]


async def test_export_dialog_writes_the_format_the_file_name_says(office, make_app, shown, tmp_path):
    """CSV is the format shown, the file is named .xlsx: a real workbook is written (not CSV text
    under an Excel name), with typed numbers and dates; and .csv with Excel chosen is CSV."""
    from openpyxl import load_workbook
    fill_register(office["clerk"])
    out = tmp_path / "so-den.xlsx"
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter", "enter", *str(out))             # CSV shown, 2026, x.xlsx
        await pilot.pause()
        assert field(app.screen, "fmt").value == "xlsx"            # the choice follows the name
        assert "Excel (xlsx)" in shown(app)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: message_painted(app), 10)
        text = shown(app)
        assert "Đã xuất 2 dòng vào tệp:" in text and "den.xlsx" in text
        await pilot.press("enter", "x")
        await pilot.pause()
        await pilot.press("right", "enter", "enter", *str(tmp_path / "so-den.csv"), "enter")
        assert await wait_until(pilot, lambda: message_painted(app), 10)
    assert out.read_bytes()[:2] == b"PK"                          # a zip: a workbook
    ws = load_workbook(out).active
    assert ws["G2"].value == "Hướng dẫn thu, nộp Đảng phí năm 2026"
    assert ws["A2"].value == 1 and ws["B2"].is_date
    assert (tmp_path / "so-den.csv").read_text(encoding="utf-8-sig").startswith("Số đến,")
    assert not (tmp_path / "so-den.csv.xlsx").exists()
