"""The front desk through the command line, as a user would type it: the reception report of a
period as PDF (read back) and XLSX, the reception book and the ad-hoc requests exported."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.demo_accounts import OWN_PASSWORD, choose_own_password
from tests.templates import copy_home

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = {"VANPHONG_PASSWORD": OWN_PASSWORD}


def run(home, *args, env=None, check=True):
    e = {**os.environ, "VANPHONG_HOME": str(home), **(env or {})}
    p = subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=ROOT, env=e, capture_output=True,
                       text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"exit {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory, cli_demo):
    home = copy_home(cli_demo[0], tmp_path_factory.mktemp("office"))    # `vanphong demo`'s office
    choose_own_password(home, "vanthu", "bithu", "admin")   # the demo's must be changed first
    return home


def pdf_text(path) -> str:
    from pypdf import PdfReader
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


def test_print_reception_report_of_a_quarter(demo_home, tmp_path):
    out = tmp_path / "q3.pdf"
    p = run(demo_home, "print", "reception", "--period", "2026-Q3", "--out", str(out), "--user", "vanthu",
            env=PASSWORD)
    assert "Quý III năm 2026" in p.stdout and str(out) in p.stdout
    t = pdf_text(out)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in t and "BÁO CÁO" in t
    assert "quý III năm 2026" in t and "(Từ ngày 01/07/2026 đến ngày 30/09/2026)" in t
    for words in ("Theo đối tượng", "Nhân dân", "Theo cách xử lý", "Hướng dẫn", "Theo kết quả",
                  "Lịch tiếp dân của Bí thư", "07/2026", "09/2026", "Vụ việc chưa kết thúc"):
        assert words in t
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_print_reception_report_as_xlsx(demo_home, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "nam.xlsx"
    run(demo_home, "print", "reception", "--period", "2026", "--out", str(out), "--user", "bithu",
        env=PASSWORD)
    ws = load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["Mục", "Nội dung", "Số lượng"]
    assert rows[1][:2] == ["Tổng", "Lượt tiếp"] and int(rows[1][2]) > 50


def test_reception_needs_a_login_and_a_right_period(demo_home, tmp_path):
    p = run(demo_home, "print", "reception", "--period", "2026-Q3", "--out", str(tmp_path / "x.pdf"),
            check=False)
    assert p.returncode == 2 and "không có quyền xem sổ tiếp khách" in p.stderr
    p = run(demo_home, "print", "reception", "--period", "2026-Q5", "--user", "vanthu", env=PASSWORD,
            check=False)
    assert p.returncode == 2 and "Kỳ báo cáo không hợp lệ" in p.stderr
    p = run(demo_home, "export", "reception", "--out", str(tmp_path / "x.csv"), check=False)
    assert p.returncode == 2 and "không có quyền" in p.stderr


def test_export_reception_book_and_tasks(demo_home, tmp_path):
    out = tmp_path / "so.csv"
    p = run(demo_home, "export", "reception", "--year", "2026", "--out", str(out), "--user", "vanthu",
            env=PASSWORD)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:5] == ["Số", "Ngày tiếp", "Người đến", "Địa chỉ", "Số CCCD"]
    assert rows[1][0] == "1/2026" and f"Đã xuất {len(rows) - 1} dòng" in p.stdout
    assert any(r[4] for r in rows[1:])                           # the front desk sees ID numbers
    leader = tmp_path / "so-lanh-dao.csv"
    run(demo_home, "export", "reception", "--year", "2026", "--out", str(leader), "--user", "bithu",
        env=PASSWORD)
    assert not any(r[4] for r in list(csv.reader(leader.open(encoding="utf-8-sig")))[1:])
    tasks = tmp_path / "viec.xlsx"
    p = run(demo_home, "export", "tasks", "--out", str(tasks))
    assert "việc đột xuất" in p.stdout and tasks.stat().st_size > 0
    assert "reception" in run(demo_home, "export", "--help").stdout
