"""Printing and exporting the registers from the TUI: the register book is saved as a PDF
under the office's printouts/ (Vietnamese intact, read back with pypdf), handed to the print
command when it exists or else its place is said; CSV and Excel exports are read back."""
from __future__ import annotations

import csv
import sys

from models import office as office_mod
from tui.screens.docbase import ExportDialog, PrintDialog
from tui.widgets.dialogs import MessageDialog

from screen_size import SIZE
from registers_fixtures import field, register, wait_until


def pdf_text(path) -> str:
    from pypdf import PdfReader
    return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)


def fill_register(clerk):
    register(clerk, "Hướng dẫn thu, nộp Đảng phí năm 2026", sender="Ban Tổ chức Huyện ủy Yên Sơn")
    register(clerk, "Kế hoạch tổ chức Hội nghị sơ kết quý I", sender="Văn phòng Huyện ủy Yên Sơn")


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
        assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog), 30)
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
        assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog), 30)
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
        assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog), 10)
        assert "Đã xuất 2 dòng vào tệp:" in shown(app)
        await pilot.press("enter", "x")
        await pilot.pause()
        await pilot.press("right", "ctrl+s")                      # xlsx, the default place
        assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog), 10)
        assert "so-van-ban-den-2026.xlsx" in shown(app).replace("\n", "")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["Số đến", "Ngày đến", "Nơi gửi"]
    assert [r[6] for r in rows[1:]] == ["Hướng dẫn thu, nộp Đảng phí năm 2026",
                                       "Kế hoạch tổ chức Hội nghị sơ kết quý I"]
    from openpyxl import load_workbook
    ws = load_workbook(app.home.path / "exports" / "so-van-ban-den-2026.xlsx").active
    assert ws["G2"].value == "Hướng dẫn thu, nộp Đảng phí năm 2026"
