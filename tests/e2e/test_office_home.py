"""The office home through the command line: a folder without an office is never turned into
one by mistake, and everything the program keeps is readable by its owner only."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.intake.intake_helpers import pdf_bytes
from tests.templates import copy_home

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def run(*args, home=None, env=None, umask=0o022):
    e = {k: v for k, v in os.environ.items() if k not in ("VANPHONG_HOME", "VANPHONG_DB_URL")}
    e.update(env or {})
    # a shell's usual umask: whatever is private is made so by the program itself
    return subprocess.run([sys.executable, "-c", f"import os,sys; os.umask({umask}); "
                           "from tui.cli import main; sys.exit(main(sys.argv[1:]))",
                           *args, *(["--home", str(home)] if home else [])],
                          cwd=ROOT, env=e, capture_output=True, text=True, timeout=300)


def open_to_others(root: Path) -> list[str]:
    bad = []
    for p in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(p.lstat().st_mode)
        if mode & 0o077:
            bad.append(f"{oct(mode)} {p.relative_to(root.parent)}")
    return bad


@pytest.mark.parametrize("command", [
    ["search", "dang"],
    ["export", "incoming", "--out", "OUT/x.csv"],
    ["print", "register", "incoming", "--out", "OUT/x.pdf"],
    ["audit", "verify"],
    ["directory", "import", "OUT/none.csv", "--user", "admin"],
    ["intake", "--once", "--inbox", "OUT/inbox"],
])
def test_a_folder_without_an_office_is_said_and_nothing_is_created(tmp_path, command):
    missing = tmp_path / "vanphongg"                        # mistyped
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("OUT", str(out)) for a in command]
    p = run(*args, home=missing)
    assert p.returncode == 2, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "Không có văn phòng nào ở" in lines[0] and str(missing) in lines[0]
    assert "Traceback" not in p.stderr
    assert not missing.exists()
    assert list(out.iterdir()) == []
    # an existing but empty folder is no office either, and stays empty
    missing.mkdir()
    p = run(*args, home=missing)
    assert p.returncode == 2 and "Không có văn phòng nào ở" in p.stderr
    assert list(missing.iterdir()) == []


def test_demo_makes_an_office_nobody_else_can_read(tmp_path):
    home = tmp_path / "office"
    p = run("demo", home=home)
    assert p.returncode == 0, p.stderr
    out = tmp_path / "out"
    out.mkdir()
    assert run("export", "incoming", "--out", str(home / "exports.csv"), home=home).returncode == 0
    assert run("print", "register", "incoming", "--from", "01/01/2025", home=home).returncode == 0
    assert list(home.glob("printouts/*.pdf"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "cv-12.pdf").write_bytes(pdf_bytes("cv-12"))
    r = run("intake", "--once", "--inbox", str(inbox), "--quiet", "0.1", home=home)
    assert r.returncode == 0, r.stderr
    assert [f for f in home.glob("files/**/*") if f.is_file()], "a scan is stored in the office"
    assert open_to_others(home) == []
    assert "Đã khóa" not in p.stderr                         # a new office needs no notice


def test_an_old_open_home_is_tightened_once_with_a_notice(tmp_path, cli_demo):
    home = copy_home(cli_demo[0], tmp_path / "office")         # `vanphong demo`'s office
    for p in [home, *home.rglob("*")]:                      # as an older version left it
        p.chmod(0o755 if p.is_dir() else 0o644)
    r = run("search", "dang", home=home)
    assert r.returncode == 0, r.stderr
    notice = [line for line in r.stderr.splitlines() if "Đã khóa thư mục văn phòng" in line]
    assert len(notice) == 1 and str(home) in notice[0]
    assert open_to_others(home) == []
    r = run("search", "dang", home=home)                     # once: now it is private
    assert "Đã khóa" not in r.stderr
