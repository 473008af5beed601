"""The treasurer's A4 papers: a chi bộ's dues collection sheet for a month, the dues report
(báo cáo thu nộp đảng phí) for a month or quarter, the cash book for a period, and an
inventory check (biên bản kiểm kê tài sản).

Each takes plain rows from ``models`` (dues.collection_sheet, dues.dues_report,
cashbook.lines, assets.inventory_lines) and returns PDF bytes; tables repeat their header
row on every page and wrap long names.
"""
from __future__ import annotations

import datetime as _dt

from models import labels
from models.money import amount_in_words, format_money
from models.text import format_date

from . import party
from .common import MM, build_pdf, frame_height, frame_width, para, style, text

MARGINS = (18, 18, 20, 15)
CELL = 9.5


def _m(v: int) -> str:
    return format_money(v, unit=False)


def _table(headers: list[str], rows: list[list], weights: list[float], *, wrap: set[int],
           right: set[int], total: list | None = None):
    from reportlab.lib import colors
    from reportlab.platypus import LongTable, TableStyle
    width = frame_width(margins_mm=MARGINS)
    col_w = [width * w / sum(weights) for w in weights]
    head = style("th", CELL, bold=True, align="center")
    cell = style("td", CELL, leading=CELL * 1.2)
    data = [[para(h, head) for h in headers]]
    for r in rows:
        data.append([para(v, cell) if i in wrap else text(v) for i, v in enumerate(r)])
    if total:
        data.append([para(v, style("tt", CELL, bold=True)) if i in wrap else text(v)
                     for i, v in enumerate(total)])
    if len(data) == 1:
        data.append([para("Không có dòng nào.", cell)] + [""] * (len(headers) - 1))
    t = LongTable(data, colWidths=col_w, repeatRows=1)
    ts = [("FONTNAME", (0, 1), (-1, -1), "VPSerif"), ("FONTSIZE", (0, 1), (-1, -1), CELL),
          ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
          ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
          ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
          ("ALIGN", (0, 1), (0, -1), "CENTER")]
    for i in right:
        ts.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
    if total:
        ts.append(("FONTNAME", (0, -1), (-1, -1), "VPSerif-Bold"))
    t.setStyle(TableStyle(ts))
    return t


def _head(office, title: str, subtitle: str, on: _dt.date | None = None):
    from reportlab.platypus import Spacer
    width = frame_width(margins_mm=MARGINS)
    return [*party.office_header(office, width, frame_height(margins_mm=MARGINS), on=on),
            Spacer(1, 5 * MM),
            para(title, style("title", 14, bold=True, align="center")),
            para(subtitle, style("sub", 12, italic=True, align="center")), Spacer(1, 4 * MM)]


def _signatures(left: str, right: str):
    from reportlab.platypus import Spacer, Table, TableStyle
    width = frame_width(margins_mm=MARGINS)
    b = style("sig", 12, bold=True, align="center")
    i = style("sigi", 10, italic=True, align="center")
    t = Table([[para(left, b), para(right, b)], [para("(Ký, ghi rõ họ tên)", i),
                                                  para("(Ký, ghi rõ họ tên)", i)]],
              colWidths=[width / 2, width / 2])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Spacer(1, 6 * MM), t]


def collection_sheet(rows, office, cell: str | None, year: int, month: int,
                     on: _dt.date | None = None) -> bytes:
    """Danh sách thu đảng phí tháng mm/yyyy of a chi bộ (rows: models.dues.SheetRow), dated
    ``on`` (today) under the heading like the office's other papers."""
    headers = labels.COLLECTION_SHEET_COLUMNS
    body = []
    for n, r in enumerate(rows, 1):
        note = "Miễn" if r.exempt else (f"Giảm {r.reduction}%" if r.reduction else "")
        if r.method == "portal":
            note = (note + " " if note else "") + "Nộp qua Cổng DVC"
        body.append([str(n), r.full_name, _m(r.base) if r.base else "", _m(r.due),
                     _m(r.paid) if r.paid else "", format_date(r.paid_on), r.receipt, note])
    total = ["", "Cộng", "", _m(sum(r.due for r in rows)), _m(sum(r.paid for r in rows)), "", "", ""]
    who = cell or "Toàn Đảng bộ"
    story = _head(office, "DANH SÁCH THU ĐẢNG PHÍ", f"{who} — tháng {month:02d}/{year}",
                  on=on or _dt.date.today())
    # "Ký nhận / Ghi chú" and "Nộp qua Cổng DVC" each on one line; names have room to spare
    story.append(_table(headers, body, [5, 26, 13, 12, 12, 11, 10, 21], wrap={1, 7},
                        right={2, 3, 4}, total=total))
    story += _signatures("Người thu", "Bí thư chi bộ")
    return build_pdf(story, margins_mm=MARGINS, title=f"Danh sách thu đảng phí {month:02d}/{year}",
                     author=office.name)


def dues_report(rep, office) -> bytes:
    """Báo cáo thu, nộp đảng phí (rep: models.dues.DuesReport)."""
    from reportlab.platypus import Spacer
    pf, pt = rep.period_from, rep.period_to
    period = (f"Tháng {pf.month:02d}/{pf.year}" if pf == pt
              else f"Từ tháng {pf.month:02d}/{pf.year} đến tháng {pt.month:02d}/{pt.year}")
    headers = ["STT", "Chi bộ", "Số đảng viên", "Phải thu (đồng)", "Đã thu (đồng)",
               "Tự nguyện (đồng)", "Số ĐV còn nợ"]
    body = [[str(n), r.cell, str(r.members), _m(r.due), _m(r.collected), _m(r.extra),
             str(r.unpaid_members)] for n, r in enumerate(rep.rows, 1)]
    total = ["", "Cộng", str(sum(r.members for r in rep.rows)), _m(rep.total_due),
             _m(rep.total_collected), _m(sum(r.extra for r in rep.rows)),
             str(sum(r.unpaid_members for r in rep.rows))]
    story = _head(office, "BÁO CÁO THU, NỘP ĐẢNG PHÍ", period, on=_dt.date.today())
    # "Số đảng viên" and "Số ĐV còn nợ" on one line, the longest chi bộ's name too
    story.append(_table(headers, body, [5, 26, 11, 14, 14, 14, 12], wrap={1},
                        right={2, 3, 4, 5, 6}, total=total))
    st = style("p", 12, leading=17)
    collected = rep.collected_cash + rep.collected_portal
    story += [Spacer(1, 4 * MM),
              para(f"Tổng số đảng phí thu trong kỳ: {format_money(collected)} "
                   f"({amount_in_words(collected)}), trong đó tiền mặt "
                   f"{format_money(rep.collected_cash)}, nộp qua Cổng Dịch vụ công "
                   f"{format_money(rep.collected_portal)}.", st),
              para(f"Trích giữ lại ({rep.keep_percent}%): {format_money(rep.kept)}. "
                   f"Phải nộp cấp trên: {format_money(rep.remitted)}; đã nộp: "
                   f"{format_money(rep.remitted_already)}.", st)]
    story += _signatures("Người lập báo cáo", "T/M ĐẢNG ỦY")
    return build_pdf(story, margins_mm=MARGINS, title=f"Báo cáo thu nộp đảng phí — {period}",
                     author=office.name)


def cash_book(opening: int, lines, office, date_from: _dt.date, date_to: _dt.date) -> bytes:
    """Sổ quỹ tiền mặt (lines: models.cashbook.BookLine)."""
    headers = labels.CASHBOOK_PRINT_COLUMNS
    body = [["", "", "", "Số dư đầu kỳ", "", "", _m(opening)]]
    tin = tout = 0
    closing = opening
    for ln in lines:
        e = ln.entry
        desc = e.description
        if e.cancelled:
            # the amount leaves the money columns, so each column adds up to its total
            why = e.cancel_reason
            desc += f" (đã hủy: {format_money(e.amount)}" + (f" — {why})" if why else ")")
        if e.override_by:
            desc += f" (chi vượt số dư, {e.override_by} cho phép)"
        a_in = e.amount if e.direction == "in" and not e.cancelled else 0
        a_out = e.amount if e.direction == "out" and not e.cancelled else 0
        tin, tout = tin + a_in, tout + a_out
        closing = ln.balance
        body.append([format_date(e.entry_date), e.doc_label if e.direction == "in" else "",
                     e.doc_label if e.direction == "out" else "", desc, _m(a_in) if a_in else "",
                     _m(a_out) if a_out else "", _m(ln.balance)])
    total = ["", "", "", "Cộng phát sinh / số dư cuối kỳ", _m(tin), _m(tout), _m(closing)]
    story = _head(office, "SỔ QUỸ TIỀN MẶT",
                  f"Từ ngày {format_date(date_from)} đến ngày {format_date(date_to)}")
    # "PT 0001/2026" and "PC 0001/2026" within their columns (they are not wrapped)
    story.append(_table(headers, body, [11, 13, 13, 37, 12, 12, 13], wrap={3},
                        right={4, 5, 6}, total=total))
    story += _signatures("Thủ quỹ", "Người kiểm tra")
    return build_pdf(story, margins_mm=MARGINS, title="Sổ quỹ tiền mặt", author=office.name)


def inventory(check, lines, office) -> bytes:
    """Biên bản kiểm kê tài sản (lines: models.assets.InventoryLine)."""
    from reportlab.platypus import Spacer
    headers = labels.INVENTORY_COLUMNS
    body = [[str(n), x.code, x.name, x.unit, str(x.expected), str(x.found), str(x.missing),
             str(x.damaged), x.note] for n, x in enumerate(lines, 1)]
    story = _head(office, "BIÊN BẢN KIỂM KÊ TÀI SẢN", f"Ngày {format_date(check.checked_on)}")
    story.append(para(f"Người kiểm kê: {check.checked_by}", style("p", 12)))
    story.append(Spacer(1, 3 * MM))
    story.append(_table(headers, body, [5, 9, 32, 7, 8, 8, 7, 7, 17], wrap={2, 8},
                        right={4, 5, 6, 7}))
    if check.note:
        story.append(para(f"Ghi chú: {check.note}", style("n", 11, italic=True)))
    story += _signatures("Người kiểm kê", "Thủ trưởng cơ quan")
    return build_pdf(story, margins_mm=MARGINS, title="Biên bản kiểm kê tài sản", author=office.name)
