"""The registers through the command line, as a user would type it (python3 -m tui.cli …)."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.e2e.demo_accounts import DEMO_PASSWORD, OWN_PASSWORD, choose_own_password
from tests.pdfread import pages as pdf_page_texts, squash, text as pdf_text
from tests.templates import copy_home

ROOT = Path(__file__).resolve().parents[2]


def run(home, *args, env=None, check=True):
    e = {**os.environ, "VANPHONG_HOME": str(home), **(env or {})}
    p = subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=ROOT, env=e, capture_output=True,
                       text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"exit {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


DEMO_OUTPUT: dict[str, str] = {}


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory, cli_demo):
    template, DEMO_OUTPUT["stdout"] = cli_demo                # `vanphong demo`, run once in this run
    home = copy_home(template, tmp_path_factory.mktemp("office"))
    choose_own_password(home, "bithu", "vanthu", "admin")   # "thuquy" keeps the demo's printed one
    return home


def test_demo_says_each_stage_as_it_goes(demo_home):
    """The demo takes a minute: one line per stage, not a silent minute."""
    lines = DEMO_OUTPUT["stdout"].splitlines()
    assert lines[0].startswith("Đang nạp dữ liệu mẫu vào ")
    stages = [line.strip() for line in lines if line.startswith("  ")]
    for stage in ("Cấp ủy và tài khoản…", "Danh bạ…", "Sổ văn bản đến…", "Hồ sơ…"):
        assert stage in stages, stages
    assert stages.index("Sổ văn bản đến…") < stages.index("Hồ sơ…")
    assert any(line.startswith("Đã nạp dữ liệu mẫu") for line in lines)


def test_the_demos_scans_waiting_for_details_carry_the_scanners_page(demo_home):
    """The demo's last arrivals came from the scanner: each holds its page, as a scan does — a
    picture of the page (one page, no text layer), in the office's file store."""
    import sqlite3
    con = sqlite3.connect(demo_home / "vanphong.sqlite3")
    rows = con.execute("SELECT i.arrival_no, a.original_name, f.rel_path, f.pages, s.name FROM incoming i "
                       "JOIN attachment a ON a.incoming_id = i.id JOIN stored_file f ON a.file_id = f.id "
                       "JOIN scan_intake s ON s.incoming_id = i.id AND s.stored_file_id = f.id "
                       "WHERE i.status = 'needs_details' AND i.source = 'scan'").fetchall()
    con.close()
    assert len(rows) == 2
    for _, name, rel, page_count, inbox_name in rows:
        assert name.startswith("scan_") and name.endswith(".pdf") and page_count == 1
        assert inbox_name == name                                   # the intake's ledger names it
        stored = demo_home / "files" / rel
        assert pdf_page_texts(stored.read_bytes()) == [""]         # one page, no text layer


def test_search_prints_register_number_date_summary(demo_home):
    p = run(demo_home, "search", "dang", "phi")
    lines = [line for line in p.stdout.splitlines() if line.strip()]
    assert lines[-1].endswith("kết quả)")
    hit = lines[0]
    assert hit.startswith(("Văn bản đến", "Văn bản đi"))
    assert "/" in hit and "đảng phí" in hit.lower()
    nfd = run(demo_home, "search", unicodedata.normalize("NFD", "ĐẢNG PHÍ")).stdout
    assert nfd == p.stdout


def test_search_without_login_leaves_secret_register_out(demo_home):
    p = run(demo_home, "search", "Tân", "Lập", "--limit", "500")
    assert "mật" not in p.stdout.lower().replace("mặt", "")


def test_search_as_leader_with_password_sees_secret_register(demo_home):
    # the demo has a Tối mật / Mật incoming document; its sender is a superior body
    plain = run(demo_home, "search", "Tuyen", "Quang", "--limit", "1000").stdout
    lead = run(demo_home, "search", "Tuyen", "Quang", "--limit", "1000", "--user", "bithu",
               env={"VANPHONG_PASSWORD": OWN_PASSWORD}).stdout
    assert "Văn bản mật đến" in lead and "Văn bản mật đến" not in plain
    bad = run(demo_home, "search", "x", "--user", "bithu", env={"VANPHONG_PASSWORD": "sai"}, check=False)
    assert bad.returncode == 2 and "Sai tên đăng nhập hoặc mật khẩu" in bad.stderr


def test_a_password_someone_else_set_is_changed_in_the_app_first(demo_home):
    p = run(demo_home, "search", "dang", "phi", "--user", "thuquy",
            env={"VANPHONG_PASSWORD": DEMO_PASSWORD}, check=False)
    assert p.returncode == 2 and "Traceback" not in p.stderr and not p.stdout
    assert "mật khẩu do người khác đặt" in p.stderr and "đăng nhập vào chương trình" in p.stderr


def test_search_nothing_found(demo_home):
    p = run(demo_home, "search", "zzzkhongco")
    assert "Không tìm thấy" in p.stdout


def test_print_register_books(demo_home, tmp_path):
    out = tmp_path / "so-den.pdf"
    p = run(demo_home, "print", "register", "incoming", "--from", "01/01/2026", "--to", "30/06/2026",
            "--out", str(out))
    assert "Đã in sổ văn bản đến" in p.stdout and str(out) in p.stdout
    text = pdf_text(out)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in text and "Trích yếu" in text and "Đảng ủy" in " ".join(text.split())
    out2 = tmp_path / "so-di.pdf"
    run(demo_home, "print", "register", "outgoing", "--from", "01/01/2026", "--to", "31/12/2026",
        "--out", str(out2))
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in pdf_page_texts(out2)[0]


def test_print_default_destination_is_the_office_printouts_folder(demo_home):
    p = run(demo_home, "print", "register", "outgoing")
    path = Path(p.stdout.strip().split(" vào ")[-1])
    assert path.parent == demo_home / "printouts" and path.exists()


def test_print_bad_dates_one_line_exit_2(demo_home, tmp_path):
    p = run(demo_home, "print", "register", "incoming", "--from", "31/02/2026", "--out",
            str(tmp_path / "x.pdf"), check=False)
    assert p.returncode == 2 and "Không có ngày 31/02/2026" in p.stderr and "Traceback" not in p.stderr
    p = run(demo_home, "print", "register", "incoming", "--from", "01/03/2026", "--to", "01/02/2026",
            "--out", str(tmp_path / "x.pdf"), check=False)
    assert p.returncode == 2 and "--from" in p.stderr
    p = run(demo_home, "print", "register", "secret", check=False)
    assert p.returncode == 2 and "lựa chọn không hợp lệ" in p.stderr


def test_export_csv_and_xlsx(demo_home, tmp_path):
    out = tmp_path / "den.csv"
    p = run(demo_home, "export", "incoming", "--year", "2026", "--format", "csv", "--out", str(out))
    assert "Đã xuất" in p.stdout
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:4] == ["Số đến", "Ngày đến", "Nơi gửi", "Số, ký hiệu"] and "Trích yếu" in rows[0]
    assert all("/2026 " in r[1] for r in rows[1:])
    assert len(rows) > 100
    from openpyxl import load_workbook
    x = tmp_path / "di.xlsx"
    run(demo_home, "export", "outgoing", "--out", str(x))             # format from the suffix
    ws = load_workbook(x).active
    assert ws.cell(1, 1).value == "Số, ký hiệu" and ws.cell(2, 1).value.endswith("/ĐU")
    d = tmp_path / "danh-ba.xlsx"
    run(demo_home, "export", "directory", "--format", "xlsx", "--out", str(d))
    assert load_workbook(d).active.max_row == 41


def test_export_needs_a_format(demo_home, tmp_path):
    p = run(demo_home, "export", "incoming", "--out", str(tmp_path / "x.txt"), check=False)
    assert p.returncode == 2 and "--format" in p.stderr


def test_directory_import_needs_a_login(demo_home, tmp_path):
    f = tmp_path / "danh-ba.csv"
    f.write_text("Tên,Loại,Nhóm\nHội Khuyến học xã Tân Lập,Cơ quan,Mặt trận, đoàn thể\n", encoding="utf-8")
    p = run(demo_home, "directory", "import", str(f), check=False)
    assert p.returncode == 2 and "--user" in p.stderr
    f.write_text("Tên;Loại;Nhóm\nHội Khuyến học xã Tân Lập;Cơ quan;Mặt trận, đoàn thể\n", encoding="utf-8")
    p = run(demo_home, "directory", "import", str(f), "--user", "vanthu",
            env={"VANPHONG_PASSWORD": OWN_PASSWORD})
    assert "Đã thêm 1 mục" in p.stdout
    assert "Hội Khuyến học" in run(demo_home, "search", "khuyen", "hoc").stdout


def test_password_without_a_terminal_is_read_from_input_or_said_clearly(demo_home):
    """cron or a pipe: no terminal to ask on. The password comes from the first line of the
    standard input; with none, one Vietnamese line and exit 2 — never a traceback."""
    env = {k: v for k, v in os.environ.items() if k != "VANPHONG_PASSWORD"}
    env["VANPHONG_HOME"] = str(demo_home)
    cmd = [sys.executable, "-m", "tui.cli", "search", "dang", "phi", "--user", "bithu"]
    kw = dict(cwd=ROOT, env=env, capture_output=True, text=True, start_new_session=True)
    p = subprocess.run(cmd, input="", **kw)                    # start_new_session: no /dev/tty
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "VANPHONG_PASSWORD" in p.stderr and "mật khẩu của bithu" in p.stderr
    p = subprocess.run(cmd, input=OWN_PASSWORD + "\n", **kw)
    assert p.returncode == 0 and "kết quả" in p.stdout


WHOLE_TERM = ("--from", "01/01/2020", "--to", "31/12/2100")
LEADER = {"VANPHONG_PASSWORD": OWN_PASSWORD}


def pdf_pages(path) -> list[str]:
    """Each page's text, NFC, its spaces squashed (read by tests/pdfread.py like every print)."""
    return [squash(p) for p in pdf_page_texts(path)]


def test_print_seal_log_and_its_handovers(demo_home, tmp_path):
    out = tmp_path / "so-con-dau.pdf"
    p = run(demo_home, "print", "register", "seal", *WHOLE_TERM, "--out", str(out))
    assert "Đã in sổ theo dõi sử dụng con dấu (" in p.stdout and " lần đóng dấu, " in p.stdout
    cover, *pages = pdf_pages(out)
    assert len(pages) >= 2
    assert "SỔ THEO DÕI SỬ DỤNG CON DẤU" in cover and "ĐẢNG ỦY XÃ TÂN LẬP" in cover
    assert "Quyển số: 01" in cover and "Trang" not in cover
    for i, t in enumerate(pages, start=2):            # numbered from page 2, after the cover
        assert "Ngày đóng dấu" in t and "Người đóng dấu" in t and f"Trang {i}/{len(pages) + 1}" in t
    assert "/ĐU" in pages[0]
    p = run(demo_home, "print", "register", "seal_handovers", *WHOLE_TERM)
    path = Path(p.stdout.strip().split(" vào ")[-1])
    assert path.parent == demo_home / "printouts" and path.name.startswith("so-ban-giao-con-dau_")
    assert " lần bàn giao, " in p.stdout
    t = pdf_pages(path)[1]
    assert "SỔ BÀN GIAO CON DẤU" in t and "Người giao" in t and "Người nhận" in t


def test_export_seal_log(demo_home, tmp_path):
    out = tmp_path / "dau.csv"
    p = run(demo_home, "export", "seal", "--out", str(out))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["STT", "Ngày đóng dấu", "Số, ký hiệu văn bản", "Trích yếu", "Người ký",
                       "Người đóng dấu", "Số bản", "Ghi chú"]
    assert f"Đã xuất {len(rows) - 1} dòng (sổ theo dõi sử dụng con dấu)" in p.stdout
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, len(rows))]
    assert len(rows) > 10 and all(r[2].endswith("/ĐU") and r[4] and r[5] for r in rows[1:])


def test_secret_register_needs_a_login_allowed_to_see_it(demo_home, tmp_path):
    out = tmp_path / "mat.csv"
    # the command line by default, and the admin: neither was named to the secret book
    for extra, env in (((), None), (("--user", "admin"), LEADER)):
        p = run(demo_home, "export", "secret_incoming", "--out", str(out), *extra, env=env, check=False)
        assert p.returncode == 2 and "không có quyền xem sổ văn bản mật" in p.stderr
        assert "Traceback" not in p.stderr and not out.exists()
        p = run(demo_home, "print", "register", "secret_outgoing", "--out", str(tmp_path / "m.pdf"), *extra,
                env=env, check=False)
        assert p.returncode == 2 and "không có quyền xem sổ văn bản mật" in p.stderr
        assert not (tmp_path / "m.pdf").exists()


def test_secret_register_printed_and_exported_by_the_leader(demo_home, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "mat-den.pdf"
    p = run(demo_home, "print", "register", "secret_incoming", *WHOLE_TERM, "--out", str(out),
            "--user", "bithu", env=LEADER)
    assert "Đã in sổ văn bản mật đến (" in p.stdout
    t = " ".join(pdf_pages(out))
    assert "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐẾN" in t and "Độ mật" in t and "Trang 2/" in t
    x = tmp_path / "mat-di.xlsx"
    run(demo_home, "export", "secret_outgoing", "--out", str(x), "--user", "bithu", env=LEADER)
    ws = load_workbook(x).active
    assert ws.title == "Sổ đăng ký văn bản mật đi" and ws.cell(1, 10).value == "Độ mật"
    assert {ws.cell(r, 10).value for r in range(2, ws.max_row + 1)} <= {"Mật", "Tối mật", "Tuyệt mật"}


def test_print_register_with_a_5000_character_summary(office, tmp_path):
    """A document whose summary fills several pages prints through the command line, whole."""
    import datetime as dt
    import re


    from models import documents as D
    summary = " ".join(f"tx{i}" for i in range(900))
    assert len(summary) >= 5000
    D.register_incoming(office["clerk"], arrived_at=dt.datetime(2026, 3, 5, 8, 30),
                        sender="Ủy ban Kiểm tra Tỉnh ủy Tuyên Quang", doc_number="20-TB/UBKTH",
                        doc_type="Thông báo", summary=summary)
    home = tmp_path / "office"                                  # the office fixture's home
    out = tmp_path / "so-den.pdf"
    p = run(home, "print", "register", "incoming", "--from", "01/03/2026", "--to", "31/03/2026",
            "--out", str(out), check=False)
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr and "Đã in sổ văn bản đến" in p.stdout
    pages = pdf_page_texts(out)
    assert len(pages) >= 3
    assert [int(x) for x in re.findall(r"\btx(\d+)\b", "\n".join(pages))] == list(range(900))
    assert "20-TB/UBKTH" in pages[1]                             # page 1 is the cover


def test_export_refuses_a_format_the_file_name_contradicts(demo_home, tmp_path):
    out = tmp_path / "den.xlsx"
    p = run(demo_home, "export", "incoming", "--format", "csv", "--out", str(out), check=False)
    assert p.returncode == 2 and ".xlsx" in p.stderr and "Traceback" not in p.stderr
    assert not out.exists()
