"""The office's figures for a period as a Party-format paper (A4 portrait): the heading corners,
"SỐ LIỆU THỐNG KÊ" and the period, then one table (group, item, figure), Nơi nhận at the end.

    pdf = statistics_paper(figures, start, end, office)
"""
from __future__ import annotations

import datetime as _dt

from models import labels
from models.statistics import Figure, format_value
from models.text import format_date

from . import party
from .schedule import party_table_paper

COLUMNS = labels.STATISTICS_PRINT_COLUMNS
WIDTHS = [0.08, 0.67, 0.25]


def statistics_paper(figures: list[Figure], start: _dt.date, end: _dt.date, office, *,
                     issued_on: _dt.date | None = None, signatures=None, recipients=None) -> bytes:
    rows, bold, group, n = [], set(), None, 0
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    for f in figures:
        if f.group != group:
            group = f.group
            bold.add(len(rows))
            rows.append([roman[min(len(bold) - 1, len(roman) - 1)], f.group, ""])
            n = 0
        if f.level == 0:
            n += 1
        rows.append([str(n) if f.level == 0 else "", ("- " if f.level else "") + f.label, format_value(f)])
    paper = party.PartyPaper(
        superior=office.superior, issuer=office.name, place=office.place,
        date=issued_on or _dt.date.today(), type_name="Số liệu thống kê",
        summary=f"công tác văn phòng từ ngày {format_date(start)} đến ngày {format_date(end)}",
        signatures=signatures or [], recipients=recipients or [],
        title=f"Số liệu thống kê {format_date(start)}–{format_date(end)}")
    return party_table_paper(paper, COLUMNS, rows, WIDTHS, bold_rows=bold,
                             align={0: "center", 2: "right"})
