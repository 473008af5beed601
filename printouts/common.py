"""Pieces every printout shares: the bundled Liberation Serif (Times New Roman metrics, every
Vietnamese letter), NFC text made safe for ReportLab paragraphs, the Party header, page numbers.

ReportLab is imported inside the functions, never at program start. Every string passes
through ``nfc`` before it is drawn: ReportLab does no shaping, so a decomposed (NFD) mark would
land beside its letter.
"""
from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path
from xml.sax.saxutils import escape

from models.text import formal_date, nfc

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


def party_header(office, width: float, *, number: str | None = None, on: _dt.date | None = None,
                 size: float = 14, split: float = 0.42):
    """The top of a Party paper: left, the superior body, the issuing body (bold), a “*”, and the
    number; right, ĐẢNG CỘNG SẢN VIỆT NAM (bold, underlined) and the place and date (italic)."""
    from reportlab.platypus import Table, TableStyle
    left = [para(office.superior.upper(), style("hs", size - 1, align="center")),
            para(office.name.upper(), style("hb", size - 1, bold=True, align="center")),
            para("*", style("hstar", size - 1, align="center"))]
    if number:
        left.append(para(f"Số {number}", style("hn", size - 1, align="center")))
    right = [para(HEADING, style("hh", size + 1, bold=True, align="center"))]
    right.append(_Rule(55 * MM))
    if on is not None:
        right.append(para(formal_date(office.place, on), style("hd", size - 1, italic=True, align="right")))
    t = Table([[left, right]], colWidths=[width * split, width * (1 - split)], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def _Rule(length: float):
    """A short centred rule under the heading."""
    from reportlab.platypus import Flowable

    class Rule(Flowable):
        def wrap(self, aw, ah):
            self.aw = aw
            return aw, 4

        def draw(self):
            x = (self.aw - length) / 2
            self.canv.setLineWidth(0.6)
            self.canv.line(x, 2, x + length, 2)

    return Rule()


def numbered_canvas(first: int = 1, fmt: str = "Trang {page}/{total}", size: float = 10):
    """A canvas class that writes “Trang x/y” centred at the bottom of every page from ``first``."""
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
                super().showPage()
            super().save()

    return NumberedCanvas


def build_pdf(flowables, *, pagesize=None, landscape: bool = False, margins_mm=(25, 25, 35, 15),
              title: str = "", author: str = "", first_numbered: int = 1) -> bytes:
    """Lay out ``flowables`` on A4 (margins top, bottom, left, right in mm) and return the bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as _landscape
    from reportlab.platypus import SimpleDocTemplate
    register_fonts()
    ps = pagesize or (_landscape(A4) if landscape else A4)
    top, bottom, left, right = margins_mm
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=ps, topMargin=top * MM, bottomMargin=bottom * MM,
                            leftMargin=left * MM, rightMargin=right * MM, title=text(title),
                            author=text(author), creator="vanphong")
    doc.build(list(flowables), canvasmaker=numbered_canvas(first_numbered))
    return buf.getvalue()


def frame_width(landscape: bool = False, margins_mm=(25, 25, 35, 15)) -> float:
    from reportlab.lib.pagesizes import A4
    w = A4[1] if landscape else A4[0]
    return w - (margins_mm[2] + margins_mm[3]) * MM
