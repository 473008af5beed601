"""Pieces every printout shares: the bundled Liberation Serif (Times New Roman metrics, every
Vietnamese letter), NFC text made safe for ReportLab paragraphs, tables, page numbers. The Party
header is ``party.header`` (``party.office_header`` for a paper of the office).

ReportLab is imported inside the functions, never at program start. Every string passes
through ``nfc`` before it is drawn: ReportLab does no shaping, so a decomposed (NFD) mark would
land beside its letter.
"""
from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from models.text import nfc

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "VPSerif"
FONT_BOLD = "VPSerif-Bold"
FONT_ITALIC = "VPSerif-Italic"
FONT_BOLD_ITALIC = "VPSerif-BoldItalic"
_FILES = {FONT: "LiberationSerif-Regular.ttf", FONT_BOLD: "LiberationSerif-Bold.ttf",
          FONT_ITALIC: "LiberationSerif-Italic.ttf", FONT_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf"}
MM = 72 / 25.4
HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"

_registered = False


def register_fonts() -> None:
    """Register Liberation Serif (regular, bold, italic, bold italic) once per process."""
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD_ITALIC)
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD_ITALIC)
    _registered = True


def text(s) -> str:
    """NFC, for canvas drawing and plain table cells."""
    return nfc("" if s is None else str(s))


def markup(s) -> str:
    """NFC and escaped for a Paragraph; line breaks kept."""
    return escape(text(s)).replace("\n", "<br/>")


def style(name: str = "body", size: float = 12, *, bold: bool = False, italic: bool = False,
          align: str = "left", leading: float | None = None, upper: bool = False):
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    register_fonts()
    font = {(False, False): FONT, (True, False): FONT_BOLD, (False, True): FONT_ITALIC,
            (True, True): FONT_BOLD_ITALIC}[(bold, italic)]
    al = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}[align]
    st = ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.2,
                        alignment=al)
    if upper:
        st.textTransform = "uppercase"
    return st


def para(s, st):
    from reportlab.platypus import Paragraph
    return Paragraph(markup(s), st)


# a cell's text longer than this is broken into lines here, once, so that a table row taller than
# a page splits between lines instead of re-wrapping the whole text for every page it fills
LONG_CELL = 1500


def wrap_lines(s: str, font: str, size: float, width: float) -> list[str]:
    """``s`` broken into lines no wider than ``width`` (greedy, at spaces; a word wider than the
    line is cut between letters). Hard line breaks are kept. Linear in the length of ``s``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    register_fonts()
    widths: dict[str, float] = {}

    def w(t: str) -> float:
        if t not in widths:
            widths[t] = stringWidth(t, font, size)
        return widths[t]

    space = w(" ")
    out: list[str] = []
    for source in text(s).split("\n"):
        line: list[str] = []
        used = 0.0
        for word in source.split():
            ww = w(word) if len(word) < 64 else stringWidth(word, font, size)
            if ww > width:                                   # too long for any line: cut it
                if line:
                    out.append(" ".join(line))
                piece, pw = "", 0.0
                for ch in word:
                    cw = w(ch)
                    if piece and pw + cw > width:
                        out.append(piece)
                        piece, pw = "", 0.0
                    piece += ch
                    pw += cw
                line, used = [piece], pw
                continue
            extra = ww + (space if line else 0.0)
            if line and used + extra > width:
                out.append(" ".join(line))
                line, used = [word], ww
            else:
                line.append(word)
                used += extra
        out.append(" ".join(line))
    return out


def lines_flowable(lines: list[str], font: str, size: float, leading: float):
    """Lines already broken, drawn one under another; it splits between any two lines, so a
    table row of a hundred pages costs no more than its lines."""
    from reportlab.platypus import Flowable

    class Lines(Flowable):
        def __init__(self, lines):
            super().__init__()
            self.lines = lines

        def wrap(self, aw, ah):
            self.width, self.height = aw, len(self.lines) * leading
            return self.width, self.height

        def split(self, aw, ah):
            n = min(int(ah // leading), len(self.lines) - 1)
            if n <= 0:
                return []
            return [Lines(self.lines[:n]), Lines(self.lines[n:])]

        def draw(self):
            c = self.canv
            c.setFont(font, size)
            y = self.height - size
            for line in self.lines:
                c.drawString(0, y, line)
                y -= leading

    return Lines(lines)


def cell(s, st, width: float):
    """A table cell's paragraph; a long text is broken into lines to ``width`` here, once, so a
    row taller than a page continues on the next page without losing a word."""
    from reportlab.platypus import Paragraph
    t = text(s)
    if len(t) <= LONG_CELL:
        return Paragraph(markup(t), st)
    return lines_flowable(wrap_lines(t, st.fontName, st.fontSize, width), st.fontName,
                          st.fontSize, st.leading)


def book_table(data, col_widths, repeat_rows: int = 1):
    """A long table whose header rows repeat on every page and whose rows never stop the book:
    a row that fits on a page moves whole to the next page when this one is full, and a row
    taller than a whole page starts right here and continues, page after page, under the
    repeated header (ReportLab's own in-row split, asked for only then, so the header is not
    repeated in the middle of a page)."""
    from reportlab.platypus import LongTable

    class BookTable(LongTable):
        def split(self, availWidth, availHeight):
            self._calc(availWidth, availHeight)
            heights = self._rowHeights
            used, n = 0.0, 0
            while n < len(heights) and used + heights[n] <= availHeight:
                used += heights[n]
                n += 1
            if n < len(heights) and len(heights) > repeat_rows:
                page = self._getPossibleHeight(availHeight) - sum(heights[:repeat_rows])
                nxt = max(n, repeat_rows)
                if heights[nxt] <= page:                 # it fits a page: move it whole
                    return self._splitRows(availHeight, doInRowSplit=0) if n > repeat_rows else []
                if n > repeat_rows:                      # it would not fit on any page
                    parts = self._splitRows(availHeight, doInRowSplit=1)
                    if parts:
                        return parts
            return super().split(availWidth, availHeight)

    return BookTable(data, colWidths=col_widths, repeatRows=repeat_rows, splitInRow=1)


def fit_size(s, font: str, size: float, width: float, smallest: float = 1.0) -> float:
    """The font size (at most ``size``) at which ``s`` fits on one line of ``width``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    register_fonts()
    w = stringWidth(text(s), font, size)
    if w <= width:
        return size
    return max(smallest, size * width / w * 0.98)


def numbered_canvas(first: int = 1, fmt: str = "Trang {page}/{total}", size: float = 10,
                    last_note: str = "", note_x: float = 0.0):
    """A canvas class that writes “Trang x/y” centred at the bottom of every page from ``first``,
    and ``last_note`` (small, italic, from ``note_x``) above it on the last page only."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                page = self.getPageNumber()
                if page >= first:
                    register_fonts()
                    w, _ = self._pagesize
                    self.setFont(FONT, size)
                    self.drawCentredString(w / 2, 8 * MM, text(fmt.format(page=page, total=total)))
                if last_note and page == total:
                    register_fonts()
                    self.setFont(FONT_ITALIC, 9)
                    self.drawString(note_x, 8 * MM + 14, text(last_note))
                super().showPage()
            super().save()

    return NumberedCanvas


def build_pdf(flowables, *, pagesize=None, landscape: bool = False, margins_mm=(25, 25, 35, 15),
              title: str = "", author: str = "", first_numbered: int = 1, last_note: str = "") -> bytes:
    """Lay out ``flowables`` on A4 (margins top, bottom, left, right in mm) and return the bytes.
    ``last_note``: one line in the bottom margin of the last page (never a page of its own)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as _landscape
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    register_fonts()
    ps = pagesize or (_landscape(A4) if landscape else A4)
    top, bottom, left, right = margins_mm
    buf = io.BytesIO()
    # no frame padding (as party.render): text, headers and tables all start at the margins;
    # ReportLab's default 6 pt put paragraphs inside the tables' edges and a left-aligned
    # header table 6 pt into the right margin
    frame = Frame(left * MM, bottom * MM, ps[0] - (left + right) * MM, ps[1] - (top + bottom) * MM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc = BaseDocTemplate(buf, pagesize=ps, topMargin=top * MM, bottomMargin=bottom * MM,
                          leftMargin=left * MM, rightMargin=right * MM, title=text(title),
                          author=text(author), creator="vanphong",
                          pageTemplates=[PageTemplate("page", [frame])])
    doc.build(list(flowables), canvasmaker=numbered_canvas(first_numbered, last_note=last_note,
                                                           note_x=left * MM))
    return buf.getvalue()


def frame_width(landscape: bool = False, margins_mm=(25, 25, 35, 15)) -> float:
    from reportlab.lib.pagesizes import A4
    w = A4[1] if landscape else A4[0]
    return w - (margins_mm[2] + margins_mm[3]) * MM


def frame_height(landscape: bool = False, margins_mm=(25, 25, 35, 15)) -> float:
    from reportlab.lib.pagesizes import A4
    h = A4[0] if landscape else A4[1]
    return h - (margins_mm[0] + margins_mm[1]) * MM
