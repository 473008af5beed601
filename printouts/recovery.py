"""The backup recovery sheet: the office's backup key on paper, for the office safe.

Without this key no backup can be opened (that is the point of encrypting them): if the computer
and its password store are lost, the key typed back from this sheet opens every backup.
"""
from __future__ import annotations

import datetime as _dt

from models.text import format_date

from .common import build_pdf, para, style


def recovery_sheet(key: bytes, key_id: str, *, office_name: str = "", home: str = "",
                   store: str = "", today: _dt.date | None = None) -> bytes:
    from reportlab.platypus import Spacer, Table, TableStyle

    from models.backupkey import to_text
    today = today or _dt.date.today()
    groups = to_text(key).split()
    rows = [groups[i:i + 4] for i in range(0, len(groups), 4)]
    mono = style("key", 16, bold=True, align="center", leading=22)
    body = style("body", 12, leading=16, align="justify")
    t = Table([[para(g, mono) for g in r] + [""] * (4 - len(r)) for r in rows],
              hAlign="CENTER", colWidths=[30 * 2.835] * 4)
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, "black"),
                           ("TOPPADDING", (0, 0), (-1, -1), 6),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    flow = [
        para("TỜ KHÔI PHỤC BẢN SAO LƯU", style("title", 16, bold=True, align="center")),
        para(office_name, style("office", 13, align="center")),
        Spacer(1, 14),
        para("Mật — cất trong két. Ai có tờ này và một bản sao lưu thì đọc được toàn bộ dữ liệu của "
             "văn phòng.", style("warn", 12, bold=True, align="center")),
        Spacer(1, 14),
        para(f"Mã khóa: {key_id}", body),
        para(f"Ngày in: {format_date(today)}", body),
        para(f"Nơi giữ khóa trên máy: {store}" if store else "", body),
        para(f"Thư mục dữ liệu: {home}" if home else "", body),
        Spacer(1, 14),
        para("Khóa sao lưu (chép đúng từng nhóm, chữ và số):", body),
        Spacer(1, 8),
        t,
        Spacer(1, 18),
        para("Khi máy hỏng hoặc mất: cài vanphong trên máy mới rồi chạy", body),
        para("vanphong restore TỆP.vpbak --home THƯ_MỤC_MỚI --key \"CÁC NHÓM Ở TRÊN\"",
             style("cmd", 11, align="center")),
        Spacer(1, 18),
        para("Người in: ................................   "
             "Người nhận cất két: ................................", body),
    ]
    return build_pdf(flow, title="Tờ khôi phục bản sao lưu", margins_mm=(20, 20, 25, 20))
