"""Minutes printed and meetings exported through the command line, as a user types it."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

from tests.e2e.test_registers_cli import run  # one CLI runner for every scenario

ROOT = Path(__file__).resolve().parents[2]


def test_print_minutes_and_export_meetings(office, home, tmp_path):
    from models import meetings as M
    from models.db import close_database
    from tests.models.meetings_helpers import planned, taken
    from tests.pdfread import pages, squash
    clerk = office["clerk"]
    M.close_meeting(clerk, taken(clerk), dt.datetime(2026, 3, 5, 10, 30))
    planned(clerk, dt.date(2026, 4, 2), title="=HYPERLINK(\"x\")")
    close_database()

    out = tmp_path / "bb.pdf"
    p = run(home.path, "print", "minutes", "1", "--out", str(out))
    assert "Đã in biên bản 01-BB/ĐU" in p.stdout
    text = squash(" ".join(pages(out.read_bytes())))
    assert "BIÊN BẢN" in text and "Số 01-BB/ĐU" in text and "Phạm Văn Đức" in text
    assert os.stat(out).st_mode & 0o777 in (0o600, 0o644)

    p = run(home.path, "print", "minutes", "01-BB/ĐU")
    assert (home.path / "printouts" / "bien-ban_01-bb-du.pdf").exists()

    bad = run(home.path, "print", "minutes", "99", check=False)
    assert bad.returncode == 2 and "Không có biên bản số 99" in bad.stderr

    csv_out = tmp_path / "hoi-nghi.csv"
    p = run(home.path, "export", "meetings", "--out", str(csv_out))
    assert "Đã xuất 2 dòng" in p.stdout
    rows = list(csv.reader(io.StringIO(csv_out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["Ngày", "Giờ", "Loại hội nghị"]
    assert rows[1][7] == "01-BB/ĐU" and rows[1][8] == "3" and rows[1][9] == "2"
    assert rows[2][3].startswith("'=")                       # never a formula
    run(home.path, "export", "meetings", "--out", str(tmp_path / "hn.xlsx"))
    assert (tmp_path / "hn.xlsx").stat().st_size > 0
    run(home.path, "export", "incoming", "--out", str(tmp_path / "den.csv"))   # the others still work
