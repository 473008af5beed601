"""Printed register books for a date range, A4 landscape, as the paper books are: a cover page
(the superior Party organisation, the committee, the book's title, its volume number and year),
then the register's columns with the header row repeated on every page, page numbers from page 2,
and the margins of the settings ``print.margin_top/bottom/left/right`` (25/25/35/15 mm by
default). The incoming books leave "Ký nhận" empty: the recipient signs it by hand. Books: the
incoming and outgoing registers, the secret register's two books (metadata only), the seal log
and the seal's handovers.

    pdf = register_book("incoming", rows, office, date_from, date_to)

``rows`` are the rows of ``models.exports.book_rows`` (the columns of
``models.exports.COLUMNS[kind]``), so the paper book and the spreadsheet export agree.

Nothing in a row can stop the book from printing: a row taller than a page continues on the
next one (under the repeated header) with its whole text, and a document's number and symbol
(“20-TB/UBKTH”) is never broken across lines: its column widens for the longest one in the
book, and a symbol longer still is set in a smaller size.
"""
from __future__ import annotations

import datetime as _dt
from typing import Iterable

from models import labels
from models.exports import COLUMNS, as_text
from models.text import format_date

from . import party
from .common import (FONT, MM, book_table, build_pdf, cell, fit_size, frame_height, frame_width,
                     para, style, text)

BOOK_TITLES = {"incoming": "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "outgoing": "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
               "secret_incoming": "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐẾN",
               "secret_outgoing": "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐI",
               "seal": "SỔ THEO DÕI SỬ DỤNG CON DẤU", "seal_handovers": "SỔ BÀN GIAO CON DẤU"}
# relative column widths, one per column of models.exports.COLUMNS[kind]
_WEIGHTS = {
    "incoming": [9, 17, 23, 21, 17, 13, 38, 12, 12, 10, 9, 21, 16, 16, 17, 16],
    "outgoing": [20, 16, 18, 62, 26, 40, 24, 9, 12, 12, 24],
    "seal": [7, 14, 22, 72, 28, 28, 9, 30],
    "seal_handovers": [7, 14, 32, 32, 32, 60, 40],
}
# columns printed as wrapping paragraphs (the others are short: numbers and dates)
_WRAP = {
    "incoming": {2, 3, 5, 6, 7, 8, 11, 14, 15},
    "outgoing": {0, 2, 3, 4, 5, 6, 8, 9, 10},
    "seal": {2, 3, 4, 5, 7},
    "seal_handovers": {2, 3, 4, 5, 6},
}
# the secret register's books have the columns of the ordinary ones
_WEIGHTS["secret_incoming"], _WRAP["secret_incoming"] = _WEIGHTS["incoming"], _WRAP["incoming"]
_WEIGHTS["secret_outgoing"], _WRAP["secret_outgoing"] = _WEIGHTS["outgoing"], _WRAP["outgoing"]
# the column holding the document's number and symbol, kept on one line
_SYMBOL = {"incoming": 3, "secret_incoming": 3, "outgoing": 0, "secret_outgoing": 0, "seal": 2}
# the symbol column may grow to this many times its share, taken from the widest column
_SYMBOL_GROWTH = 1.8
# the column holding "05/03/2026 08:30", printed on two lines
_DATETIME_COLUMN = {"incoming": 1, "secret_incoming": 1}
_EMPTY = {"seal": "Không có lần đóng dấu nào trong khoảng thời gian này.",
          "seal_handovers": "Không có lần bàn giao con dấu nào trong khoảng thời gian này."}
EMPTY_BOOK = "Không có văn bản nào trong khoảng thời gian này."
MARGINS = (25, 25, 35, 15)       # top, bottom, left, right (mm) when no setting is at hand
# the column the recipient signs by hand: printed empty
_SIGNED_BY_HAND = {"incoming": labels.INCOMING_SIGNED_BY_HAND,
                   "secret_incoming": labels.INCOMING_SIGNED_BY_HAND}
CELL_SIZE = 8.5
PADDING = 2
SMALLEST = 4.5                   # the smallest size a symbol is set in to keep it on one line


def margins() -> tuple[int, int, int, int]:
    """Top, bottom, left, right in mm, from the settings (the defaults without a database)."""
    try:
        from models.office import get_setting
        return tuple(int(get_setting(f"print.margin_{side}"))            # type: ignore[return-value]
                     for side in ("top", "bottom", "left", "right"))
    except Exception:       # no database open (a printout made outside the program)
        return MARGINS


def register_book(kind: str, rows: Iterable[list], office, date_from: _dt.date | None,
                  date_to: _dt.date | None, anchor: tuple[int, str] | None = None, *,
                  volume: int = 1, margins_mm: tuple[int, int, int, int] | None = None) -> bytes:
    """The register book as PDF bytes: a cover page, then the register from page 2. ``anchor``
    (the audit chain's number and hash when printed) is written at the foot of the last page: the paper
    itself then vouches for the log."""
    from reportlab.lib import colors
    from reportlab.platypus import PageBreak, Spacer, TableStyle
    if kind not in BOOK_TITLES:
        raise ValueError(f"register_book: unknown kind {kind!r}")
    margins_mm = tuple(margins_mm or margins())
    headers = COLUMNS[kind]
    by_hand = _SIGNED_BY_HAND.get(kind)
    rows = [["" if i == by_hand else text(as_text(v)) for i, v in enumerate(r)] for r in rows]
    width = frame_width(landscape=True, margins_mm=margins_mm)
    weights = _WEIGHTS[kind]
    col_w = [width * w / sum(weights) for w in weights]
    head_st = style("th", CELL_SIZE, bold=True, align="center")
    cell_st = style("td", CELL_SIZE, leading=CELL_SIZE * 1.15)
    wrap = _WRAP[kind]
    split_at = _DATETIME_COLUMN.get(kind)
    symbol = _SYMBOL.get(kind)
    if symbol is not None:
        _widen_symbol_column(col_w, symbol, [r[symbol] for r in rows])
    inner = [w - 2 * PADDING - 0.5 for w in col_w]
    symbol_styles: dict[float, object] = {}

    data = [[para(h, head_st) for h in headers]]
    for r in rows:
        cells = []
        for i, v in enumerate(r):
            if i == split_at and " " in v:               # "05/03/2026 08:30" on two lines
                v = v.replace(" ", "\n", 1)
            if i == symbol:
                cells.append(_symbol_cell(v, inner[i], symbol_styles, cell_st))
            else:
                cells.append(cell(v, cell_st, inner[i]) if i in wrap else v)
        data.append(cells)
    empty = len(data) == 1
    if empty:
        data.append([para(_EMPTY.get(kind, EMPTY_BOOK), cell_st)]
                    + [""] * (len(headers) - 1))

    t = book_table(data, col_w, repeat_rows=1)
    ts = [
        ("FONTNAME", (0, 1), (-1, -1), "VPSerif"),
        ("FONTSIZE", (0, 1), (-1, -1), CELL_SIZE),
        ("LEADING", (0, 1), (-1, -1), CELL_SIZE * 1.15),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
    ]
    if empty:
        ts.append(("SPAN", (0, 1), (-1, 1)))
    t.setStyle(TableStyle(ts))

    period = _period(date_from, date_to)
    story = [
        *cover(kind, office, date_from, date_to, volume, width,
               frame_height(landscape=True, margins_mm=margins_mm)),
        PageBreak(),
        para(BOOK_TITLES[kind], style("title", 14, bold=True, align="center")),
        para(period, style("period", 12, italic=True, align="center")),
        Spacer(1, 4 * MM),
        t,
    ]
    # the audit chain's head in the bottom margin of the last page: under the table, and never
    # a page of its own when the table ends at the foot of a page
    note = (f"Nhật ký thay đổi khi in: đến mục số {anchor[0]}, mã {anchor[1][:16]}."
            if anchor is not None else "")
    return build_pdf(story, landscape=True, margins_mm=margins_mm, first_numbered=2,
                     title=f"{BOOK_TITLES[kind].capitalize()} — {period}", author=office.name,
                     last_note=note)


def cover(kind: str, office, date_from: _dt.date | None, date_to: _dt.date | None, volume: int,
          width: float, height: float) -> list:
    """The book's cover, as on the paper registers: the superior Party organisation, the
    committee, the title, Quyển số, the year."""
    from reportlab.platypus import Spacer
    year = _year(date_from, date_to)
    out = [
        *party.office_header(office, width, height),         # Đảng bộ …, the committee, *
        Spacer(1, 28 * MM),
        para(BOOK_TITLES[kind], style("cv-title", 26, bold=True, align="center", leading=32)),
        Spacer(1, 10 * MM),
        para(f"Quyển số: {int(volume):02d}", style("cv-vol", 16, align="center")),
    ]
    if year:
        out.append(para(f"Năm {year}", style("cv-year", 16, bold=True, align="center")))
    out.append(para(_period(date_from, date_to), style("cv-period", 13, italic=True, align="center")))
    return out


def _year(date_from: _dt.date | None, date_to: _dt.date | None) -> str:
    """"2026", or "2025–2026" for a book across 1 January; nothing for a longer range (the
    period line under it says the dates)."""
    years = sorted({d.year for d in (date_from, date_to) if d is not None})
    if not years or years[-1] - years[0] > 1:
        return ""
    return "–".join(str(y) for y in years)


def _symbol_cell(v: str, width: float, styles: dict, fallback):
    """A number and symbol on one line, in a smaller size if it must; only text far longer than
    any symbol (it would need less than SMALLEST points) wraps, so nothing is lost."""
    v = " ".join(v.split())
    size = round(fit_size(v, FONT, CELL_SIZE, width, smallest=SMALLEST), 2)
    if size <= SMALLEST and fit_size(v, FONT, SMALLEST, width) < SMALLEST:
        return cell(v, fallback, width)
    if size not in styles:
        st = style(f"symbol-{size}", size, leading=CELL_SIZE * 1.15)
        st.splitLongWords = 0                            # never "20-TB/UBKT" / "H"
        styles[size] = st
    return para(v, styles[size])


def _widen_symbol_column(col_w: list[float], i: int, symbols: list[str]) -> None:
    """Give column ``i`` the width of its longest symbol (up to _SYMBOL_GROWTH times its
    share), taking the difference from the widest column (the summary)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    longest = max((stringWidth(s, FONT, CELL_SIZE) for s in symbols), default=0.0)
    need = longest + 2 * PADDING + 1
    widest = max(range(len(col_w)), key=lambda j: col_w[j] if j != i else -1)
    grow = min(need, col_w[i] * _SYMBOL_GROWTH) - col_w[i]
    if grow > 0:
        col_w[i] += grow
        col_w[widest] -= grow


def _period(date_from: _dt.date | None, date_to: _dt.date | None) -> str:
    if date_from and date_to:
        return f"Từ ngày {format_date(date_from)} đến ngày {format_date(date_to)}"
    if date_from:
        return f"Từ ngày {format_date(date_from)}"
    if date_to:
        return f"Đến ngày {format_date(date_to)}"
    return "Toàn bộ"
