"""The treasurer's commands as a user types them, on the demo office."""
from __future__ import annotations

import csv
import io

import pytest

from tests.e2e.demo_accounts import OWN_PASSWORD, choose_own_password
from tests.e2e.test_registers_cli import run
from tests.pdfread import text as _pdf_text
from tests.templates import copy_home

PW = {"VANPHONG_PASSWORD": OWN_PASSWORD}


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory, cli_demo):
    """The demo office; its treasurer and clerk have chosen their own passwords (the demo's
    printed one must be changed at the first login)."""
    home = copy_home(cli_demo[0], tmp_path_factory.mktemp("office"))    # `vanphong demo`'s office
    choose_own_password(home, "thuquy", "vanthu")
    return home


def test_print_receipt_one_two_copies_digits_and_words(demo_home, tmp_path):
    out = tmp_path / "pt1.pdf"
    p = run(demo_home, "print", "receipt", "1", "--out", str(out), "--user", "thuquy", env=PW)
    assert "0001/" in p.stdout and str(out) in p.stdout
    s = " ".join(_pdf_text(out).split())
    assert s.count("PHIẾU THU") == 2 and "Liên 1" in s and "Liên 2" in s
    assert " đ " in s + " " and "đồng" in s and "Viết bằng chữ:" in s
    again = run(demo_home, "print", "receipt", "1", "--out", str(out), "--user", "thuquy", env=PW)
    assert "bản in lại" in again.stdout
    assert "Bản in lại" in _pdf_text(out)


def test_receipts_and_members_need_a_user_allowed_to_see_them(demo_home, tmp_path):
    p = run(demo_home, "print", "receipt", "1", "--out", str(tmp_path / "x.pdf"), check=False)
    assert p.returncode == 2 and "dữ liệu cá nhân" in p.stderr and "Traceback" not in p.stderr
    p = run(demo_home, "export", "members", "--out", str(tmp_path / "m.csv"), "--user", "vanthu",
            env=PW, check=False)
    assert p.returncode == 2 and "không có quyền" in p.stderr
    assert not (tmp_path / "m.csv").exists()


@pytest.mark.parametrize("kind,header", [("members", "Họ và tên"), ("dues", "Ngày nộp"),
                                         ("cashbook", "Số phiếu"), ("assets", "Tên tài sản")])
def test_export_csv_and_xlsx(demo_home, tmp_path, kind, header):
    out = tmp_path / f"{kind}.csv"
    run(demo_home, "export", kind, "--format", "csv", "--out", str(out), "--user", "thuquy", env=PW)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert header in rows[0] and len(rows) > 10
    x = tmp_path / f"{kind}.xlsx"
    run(demo_home, "export", kind, "--out", str(x), "--user", "thuquy", env=PW)
    from openpyxl import load_workbook
    ws = load_workbook(x).active
    assert header in [c.value for c in ws[1]] and ws.max_row == len(rows)


def test_register_exports_still_work(demo_home, tmp_path):
    out = tmp_path / "den.csv"
    run(demo_home, "export", "incoming", "--out", str(out))
    assert "Số đến" in out.read_text(encoding="utf-8-sig")


def test_print_the_treasurers_papers(demo_home, tmp_path):
    import datetime as _dt
    last = _dt.date.today().replace(day=1) - _dt.timedelta(days=1)
    month = f"{last.month:02d}/{last.year}"
    cases = [(["collection-sheet", month, "--cell", "Chi bộ thôn Đồng Tâm"], "DANH SÁCH THU ĐẢNG PHÍ"),
             (["dues-report", month], "BÁO CÁO THU, NỘP ĐẢNG PHÍ"),
             (["cashbook"], "SỔ QUỸ TIỀN MẶT"),
             (["inventory"], "BIÊN BẢN KIỂM KÊ TÀI SẢN")]
    for args, title in cases:
        out = tmp_path / f"{args[0]}.pdf"
        run(demo_home, "print", *args, "--out", str(out), "--user", "thuquy", env=PW)
        assert title in _pdf_text(out)
