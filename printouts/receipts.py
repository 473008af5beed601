"""Phiếu thu: the receipt for a cash payment, in two copies — Liên 1 (kept in the book) and
Liên 2 (for the payer) — on one A4 page cut across the middle, or each on its own A5 page.

    pdf = receipts_pdf([view, ...], office, paper="A4")

``view`` is a ``models.receipts.ReceiptView``; many receipts make one PDF, in the order given.
A reprint says "Bản in lại"; a cancelled receipt is crossed "ĐÃ HỦY" with its reason. Drawn
straight on the canvas (a receipt is a fixed form): about a millisecond a page.
"""
from __future__ import annotations

import io

from models.money import format_money
from models.text import nfc

from .common import FONT, FONT_BOLD, FONT_ITALIC, MM, register_fonts, text

COPIES = (("Liên 1", "Lưu tại quyển"), ("Liên 2", "Giao người nộp tiền"))
TITLE = "PHIẾU THU"
REPRINT = "Bản in lại"
CANCELLED = "ĐÃ HỦY"


def _date_words(d) -> str:
    return f"Ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def _wrap(s: str, font: str, size: float, width: float, max_lines: int = 3) -> list[str]:
    from reportlab.lib.utils import simpleSplit
    lines = simpleSplit(text(s), font, size, width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(0, len(lines[-1]) - 1)] + "…"
    return lines


def _copy(c, r, office, x0: float, y0: float, w: float, h: float, copy_no: int,
          treasurer: str) -> None:
    """One copy of a receipt inside the box (x0, y0, w, h) — y0 is the bottom."""
    liên, purpose = COPIES[copy_no]
    m = 12 * MM
    left, right, top = x0 + m, x0 + w - m, y0 + h - 10 * MM
    inner = right - left
    # header: the office (left), the form's copy and number (right)
    c.setFont(FONT, 10)
    c.drawString(left, top, text(office.superior).upper()[:60])
    c.setFont(FONT_BOLD, 10)
    c.drawString(left, top - 12, text(office.name).upper()[:60])
    c.setFont(FONT, 10)
    c.drawRightString(right, top, f"{liên}: {purpose}")
    c.drawRightString(right, top - 12, f"Số: {r.label}")
    if r.reprint:
        c.setFont(FONT_ITALIC, 10)
        c.drawRightString(right, top - 24, REPRINT)
    # title
    y = top - 44
    c.setFont(FONT_BOLD, 17)
    c.drawCentredString(x0 + w / 2, y, TITLE)
    c.setFont(FONT_ITALIC, 11)
    c.drawCentredString(x0 + w / 2, y - 15, _date_words(r.issued_on))
    # body
    y -= 40
    size, lead = 12, 17

    def line(label: str, value: str, bold: bool = False, max_lines: int = 2):
        nonlocal y
        c.setFont(FONT, size)
        c.drawString(left, y, label)
        lw = c.stringWidth(label, FONT, size) + 4
        font = FONT_BOLD if bold else FONT
        for _, part in enumerate(_wrap(value, font, size, inner - lw, max_lines)):
            c.setFont(font, size)
            c.drawString(left + lw, y, part)
            y -= lead
        if not value:
            y -= lead

    line("Họ và tên người nộp tiền:", r.payer, bold=True)
    line("Chi bộ:", r.cell or "")
    line("Lý do nộp:", r.reason, max_lines=3)
    if r.months:
        line("Các tháng:", r.months)
    line("Số tiền:", format_money(r.amount), bold=True, max_lines=1)
    line("Viết bằng chữ:", r.amount_words, max_lines=2)
    # signatures
    y -= 6
    c.setFont(FONT_ITALIC, 11)
    c.drawRightString(right, y, _date_words(r.issued_on))
    y -= 16
    cols = (left + inner * 0.2, left + inner * 0.8)
    c.setFont(FONT_BOLD, 12)
    c.drawCentredString(cols[0], y, "Người nộp tiền")
    c.drawCentredString(cols[1], y, "Thủ quỹ")
    c.setFont(FONT_ITALIC, 10)
    c.drawCentredString(cols[0], y - 13, "(Ký, ghi rõ họ tên)")
    c.drawCentredString(cols[1], y - 13, "(Ký, ghi rõ họ tên)")
    name_y = max(y0 + 8 * MM, y - 13 - 42)
    c.setFont(FONT, 11)
    c.drawCentredString(cols[0], name_y, text(r.payer)[:40])
    if treasurer:
        c.drawCentredString(cols[1], name_y, text(treasurer)[:40])
    if r.cancelled:
        _cancelled_mark(c, r, x0, y0, w, h)


def _cancelled_mark(c, r, x0, y0, w, h) -> None:
    c.saveState()
    c.setFillGray(0.35)
    c.setStrokeGray(0.35)
    c.translate(x0 + w / 2, y0 + h / 2)
    c.rotate(18)
    c.setFont(FONT_BOLD, 44)
    c.drawCentredString(0, 4, CANCELLED)
    c.setFont(FONT_BOLD, 12)
    for i, part in enumerate(_wrap(f"Lý do hủy: {r.cancel_reason}", FONT_BOLD, 12, w * 0.7, 2)):
        c.drawCentredString(0, -16 - 14 * i, part)
    c.restoreState()


def receipts_pdf(views, office, paper: str = "A4") -> bytes:
    """Every receipt of ``views`` in one PDF, in order: A4 = both copies on one page with a cut
    line; A5 = each copy on its own A5 (landscape) page."""
    from reportlab.lib.pagesizes import A4, A5, landscape
    from reportlab.pdfgen.canvas import Canvas
    register_fonts()
    paper = nfc(paper).upper()
    buf = io.BytesIO()
    size = landscape(A5) if paper == "A5" else A4
    c = Canvas(buf, pagesize=size, pageCompression=1)
    c.setTitle("Phiếu thu")
    c.setAuthor(text(office.name))
    c.setCreator("vanphong")
    views = list(views)
    if not views:
        raise ValueError("receipts_pdf: no receipt")
    for r in views:
        treasurer = getattr(r, "treasurer", "")
        if paper == "A5":
            w, h = size
            for i in range(2):
                _copy(c, r, office, 0, 0, w, h, i, treasurer)
                c.showPage()
        else:
            w, h = size
            half = h / 2
            _copy(c, r, office, 0, half, w, half, 0, treasurer)
            _copy(c, r, office, 0, 0, w, half, 1, treasurer)
            c.saveState()
            c.setDash(4, 3)
            c.setLineWidth(0.5)
            c.line(8 * MM, half, w - 8 * MM, half)
            c.restoreState()
            c.showPage()
    c.save()
    return buf.getvalue()
