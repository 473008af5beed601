"""The leaders' weekly schedule (lịch công tác tuần) as an A4 landscape table in Party format,
and the table-paper builder the office's statistics use too.

    pdf = schedule(monday, programs.week_grid(monday), office)

The page: the Party heading pieces of ``printouts.party`` (issuing body and "*" top left,
ĐẢNG CỘNG SẢN VIỆT NAM with its rule and the place and date top right), the title "LỊCH CÔNG
TÁC" and the week, then one table: a row per half-day (Sáng / Chiều) of each day Thứ Hai …
Chủ nhật, the day's cell spanning its rows, with time, content, who leads, who takes part and
where. Long weeks flow over more pages, the column heads repeated. Page numbers from page 2.
"""
from __future__ import annotations

import datetime as _dt
import io

from models.text import format_date

from . import party
from .common import FONT, FONT_BOLD, MM, register_fonts

TABLE_SIZE = 12
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
HALVES = {"am": "Sáng", "pm": "Chiều"}
COLUMNS = ["Thứ, ngày", "Buổi", "Giờ", "Nội dung công việc", "Chủ trì", "Thành phần", "Địa điểm"]
WIDTHS = [0.10, 0.06, 0.06, 0.34, 0.14, 0.17, 0.13]      # of the frame's width
MAX_CELL = 2000


def _cell(s, style, limit: int = MAX_CELL):
    return party.paragraph(party.clean(s, limit, keep_lines=True), style)


def party_table_paper(paper: party.PartyPaper, headers: list[str], rows: list[list], widths: list[float],
                      *, landscape: bool = False, spans: list[tuple] | None = None,
                      bold_rows: set[int] | None = None, align: dict[int, str] | None = None,
                      heading: list | None = None) -> bytes:
    """A Party-format paper whose body is one table: the header corners and title of ``paper``,
    ``heading`` flowables, the table (``rows`` of text, ``widths`` as fractions), then the
    paper's signatures and Nơi nhận. ``spans``: ReportLab SPAN commands for the body rows
    (row numbers counted from the first body row)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as _landscape
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, Table, TableStyle
    register_fonts()
    top, bottom, left, right = party.margins()
    page_w, page_h = _landscape(A4) if landscape else A4
    if landscape:       # the binding edge is the top: the wide left margin goes there
        top, left = max(top, 20), min(left, 20)
    width = page_w - (left + right) * MM
    frame_h = page_h - (top + bottom) * MM
    buf = io.BytesIO()

    def on_page(canvas, d):
        party.draw_mark(canvas, paper.mark, page_w - right * MM, page_h - top * MM / 2)
        if canvas.getPageNumber() < 2:
            return
        canvas.saveState()
        canvas.setFont(FONT, party.PAGE_NUMBER_SIZE)
        canvas.drawCentredString(left * MM + width / 2, page_h - top * MM / 2 - party.PAGE_NUMBER_SIZE / 3,
                                 str(canvas.getPageNumber()))
        canvas.restoreState()

    frame = Frame(left * MM, bottom * MM, width, frame_h, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="body")
    doc = BaseDocTemplate(buf, pagesize=(page_w, page_h), topMargin=top * MM, bottomMargin=bottom * MM,
                          leftMargin=left * MM, rightMargin=right * MM,
                          title=party.clean(paper.title or paper.type_name, party.MAX_FIELD),
                          author=party.clean(paper.issuer, party.MAX_FIELD), creator="vanphong",
                          pageTemplates=[PageTemplate("party", [frame], onPage=on_page)])
    head_st = party.style("th", TABLE_SIZE, bold=True, align="center")
    styles = {k: party.style(f"td{k}", TABLE_SIZE, align=k) for k in ("left", "center", "right")}
    bold_st = {k: party.style(f"tdb{k}", TABLE_SIZE, bold=True, align=k) for k in ("left", "center", "right")}
    data = [[party.paragraph(h, head_st) for h in headers]]
    for i, r in enumerate(rows):
        sts = bold_st if bold_rows and i in bold_rows else styles
        data.append([_cell(v, sts[(align or {}).get(j, "left")]) for j, v in enumerate(r)])
    t = Table(data, colWidths=[w * width for w in widths], repeatRows=1, hAlign="LEFT")
    cmds = [("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, TABLE_SIZE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    for sp in spans or []:
        (c0, r0), (c1, r1) = sp
        cmds.append(("SPAN", (c0, r0 + 1), (c1, r1 + 1)))
    t.setStyle(TableStyle(cmds))
    story = [*party.header(paper, width, frame_h), *party.title_block(paper), *(heading or []),
             Spacer(1, 2 * MM), t, *party.closing(paper, width, frame_h)]
    try:
        doc.build(story)
    except Exception:
        if not spans:
            raise
        # a spanned cell taller than what is left of a page cannot be split: print the same
        # table without merged cells (each group's name stays on its first row)
        return party_table_paper(paper, headers, rows, widths, landscape=landscape, spans=None,
                                 bold_rows=bold_rows, align=align, heading=heading)
    return buf.getvalue()


def schedule(monday: _dt.date, grid, office, *, issued_on: _dt.date | None = None,
             whose: str = "Thường trực Đảng ủy", signatures=None, recipients=None, mark: str = "") -> bytes:
    """The week's schedule. ``grid``: [(day, half, [entries])] as ``programs.week_grid`` gives
    (entries have time, content, lead, participants, place)."""
    monday = monday - _dt.timedelta(days=monday.weekday())
    y, w, _ = monday.isocalendar()
    rows, spans = [], []
    by_day: dict[_dt.date, list] = {}
    for day, half, entries in grid:
        by_day.setdefault(day, []).append((half, entries))
    for i in range(7):
        day = monday + _dt.timedelta(days=i)
        first = len(rows)
        for half, entries in by_day.get(day, [("am", []), ("pm", [])]):
            hfirst = len(rows)
            for e in entries or [None]:
                rows.append(["", HALVES.get(half, ""), e.time if e else "", e.content if e else "",
                             e.lead if e else "", e.participants if e else "", e.place if e else ""])
            if len(rows) - 1 > hfirst:
                spans.append(((1, hfirst), (1, len(rows) - 1)))
            for r in rows[hfirst + 1:]:
                r[1] = ""
        rows[first][0] = f"{WEEKDAYS[i]}\n{day:%d/%m}"
        if len(rows) - 1 > first:
            spans.append(((0, first), (0, len(rows) - 1)))
    paper = party.PartyPaper(
        superior=office.superior, issuer=office.name, place=office.place,
        date=issued_on or monday - _dt.timedelta(days=3 if monday.weekday() == 0 else 0),
        type_name="Lịch công tác", summary=f"của {whose}, tuần {w:02d}/{y} "
                                           f"(từ ngày {format_date(monday)} đến ngày "
                                           f"{format_date(monday + _dt.timedelta(days=6))})",
        signatures=signatures or [], recipients=recipients or [], mark=mark,
        title=f"Lịch công tác tuần {w:02d}/{y}")
    return party_table_paper(paper, COLUMNS, rows, WIDTHS, landscape=True, spans=spans,
                             align={0: "center", 1: "center", 2: "center"})
