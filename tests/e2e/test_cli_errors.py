"""What a clerk may type on the command line that is wrong — a year, a date, a folder, a huge
cell — or a reader that goes away (| head): one Vietnamese line and an exit status, never a
traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.demo_accounts import OWN_PASSWORD, choose_own_password
from tests.templates import copy_home

ROOT = Path(__file__).resolve().parents[2]


def run(home, *args, **kw):
    env = {k: v for k, v in os.environ.items() if k not in ("VANPHONG_HOME", "VANPHONG_DB_URL")}
    env["VANPHONG_PASSWORD"] = OWN_PASSWORD
    return subprocess.run([sys.executable, "-m", "tui.cli", *args, "--home", str(home)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300, **kw)


@pytest.fixture(scope="module")
def demo(tmp_path_factory, cli_demo):
    home = copy_home(cli_demo[0], tmp_path_factory.mktemp("office") / "home")   # `vanphong demo`'s
    choose_own_password(home, "admin")       # the demo's printed password is changed first
    return home


def one_line(r, code: int = 2) -> str:
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == code, (r.returncode, r.stderr)
    lines = [line for line in r.stderr.splitlines() if not line.startswith("(xem:")]
    assert len(lines) == 1, r.stderr
    return lines[0]


@pytest.mark.parametrize("year", ["9999", "-5", "0", "20266", "năm"])
def test_export_refuses_a_year_no_register_can_have(demo, tmp_path, year):
    line = one_line(run(demo, "export", "incoming", f"--year={year}", "--out", str(tmp_path / "x.csv")))
    assert "--year" in line and ("1900" in line or "một số" in line)
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("dates", [["--to", "31/12/9999"], ["--from", "01/01/0001"],
                                   ["--from", "01/01/1899", "--to", "31/12/1899"]])
def test_print_refuses_dates_outside_any_register(demo, tmp_path, dates):
    line = one_line(run(demo, "print", "register", "incoming", *dates, "--out", str(tmp_path / "x.pdf")))
    assert "nằm ngoài khoảng năm 1900–2100" in line


@pytest.mark.parametrize("command", [["export", "incoming"], ["print", "register", "incoming"]])
def test_out_into_a_missing_folder_is_one_line_and_creates_nothing(demo, tmp_path, command):
    out = tmp_path / "khong-co" / ("x.pdf" if command[0] == "print" else "x.csv")
    line = one_line(run(demo, *command, "--out", str(out)))
    assert line == f"vanphong: Không ghi được {out}: thư mục {out.parent} không tồn tại."
    assert not out.parent.exists()


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root writes anywhere")
@pytest.mark.parametrize("command", [["export", "incoming"], ["print", "register", "incoming"]])
def test_out_into_a_read_only_folder_is_said_in_vietnamese(demo, tmp_path, command):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    line = one_line(run(demo, *command, "--out", str(ro / "x.out")))
    assert "không có quyền" in line and "Permission" not in line


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_a_write_refused_by_the_system_is_said_in_vietnamese(demo, tmp_path):
    """Whatever the user: a folder where no file can be made (/proc) — the OS text never shows."""
    line = one_line(run(demo, "export", "incoming", "--out", "/proc/x.csv"))
    assert line.startswith("vanphong: Không ghi được /proc/x.csv: ")
    assert "Errno" not in line and "No such" not in line and "denied" not in line


@pytest.mark.skipif(os.name == "nt", reason="POSIX pipes")
def test_output_cut_short_by_its_reader_ends_quietly(demo):
    env = {k: v for k, v in os.environ.items() if k not in ("VANPHONG_HOME", "VANPHONG_DB_URL")}
    p = subprocess.Popen([sys.executable, "-m", "tui.cli", "search", "v", "--limit", "500",
                          "--home", str(demo)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    p.stdout.close()                        # `| head` that has read all it wants
    err = p.stderr.read().decode()
    p.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err and err == ""
    assert p.returncode == 141


def test_a_huge_csv_cell_and_a_huge_name_are_error_lines_of_the_import(demo, tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("Tên,Ghi chú\nHội Nông dân xã,\n" + "Ủy ban " * 15_000 + ",\n"
                    + "Hội Cựu chiến binh,\"" + "x" * 140_000 + "\"\n", encoding="utf-8")
    r = run(demo, "directory", "import", str(data), "--user", "admin")
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert "Đã thêm 1 mục" in r.stdout
    errors = [line for line in r.stderr.splitlines() if line.startswith("  dòng")]
    assert len(errors) == 2 and "quá dài" in errors[0] and "KiB" in errors[1]


def test_a_100_kb_search_is_answered(demo):
    r = run(demo, "search", "a" * 100_000)
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert "Không tìm thấy" in r.stdout and len(r.stdout) < 300
