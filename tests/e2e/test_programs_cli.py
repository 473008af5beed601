"""The weekly schedule and the statistics through the command line, as a user types it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.e2e.test_registers_cli import run  # one CLI runner for every scenario

ROOT = Path(__file__).resolve().parents[2]


def test_print_schedule_and_statistics_and_export_them(office, home, tmp_path):
    from models import documents, programs
    from models.db import close_database
    from tests.pdfread import page_size, pages, squash
    clerk = office["clerk"]
    programs.add_schedule_entry(clerk, dt.date(2026, 12, 1), "am", "Họp Ban Thường vụ Đảng ủy", time="08:00",
                                lead="Đ/c Phạm Văn Đức", place="Phòng họp Đảng ủy")
    documents.reserve_number(clerk, "BC", doc_date=dt.date(2026, 3, 2), summary="Báo cáo tháng 2")
    close_database()

    out = tmp_path / "lich.pdf"
    p = run(home.path, "print", "schedule", "--week", "2026-W49", "--out", str(out))
    assert "Đã in lịch công tác tuần 49/2026 (1 việc)" in p.stdout
    data = out.read_bytes()
    assert [round(x) for x in page_size(data)] == [842, 595]
    text = squash(" ".join(pages(data)))
    assert "LỊCH CÔNG TÁC" in text and "Họp Ban Thường vụ Đảng ủy" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    run(home.path, "print", "schedule", "--week", "01/12/2026")
    assert (home.path / "printouts" / "lich-cong-tac_2026-W49.pdf").exists()
    bad = run(home.path, "print", "schedule", "--week", "2026-W60", check=False)
    assert bad.returncode == 2 and "Không có tuần 2026-W60" in bad.stderr

    st = tmp_path / "so-lieu.pdf"
    run(home.path, "print", "statistics", "--from", "01/01/2026", "--to", "31/03/2026", "--out", str(st))
    text = squash(pages(st.read_bytes())[0])
    assert "SỐ LIỆU THỐNG KÊ" in text and "Tổng số văn bản đi" in text

    xlsx = tmp_path / "so-lieu.xlsx"
    p = run(home.path, "export", "statistics", "--year", "2026", "--out", str(xlsx))
    assert "số liệu thống kê năm 2026" in p.stdout
    from openpyxl import load_workbook
    rows = [[c.value for c in r] for r in load_workbook(xlsx).active.iter_rows()]
    assert rows[0] == ["Nhóm", "Chỉ tiêu", "Số liệu", "Đơn vị"]
    assert (["Văn bản đi", "Tổng số văn bản đi", 1, None] in rows
            or ["Văn bản đi", "Tổng số văn bản đi", 1, ""] in rows)
