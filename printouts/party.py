"""The Party document format, once, for every Party-style paper (minutes, drafted documents,
reports, schedules).

    pdf = party.render(party.PartyPaper(
        superior="Đảng bộ tỉnh Tuyên Quang", issuer="Đảng ủy xã Tân Lập", number="15-BC/ĐU",
        place="Xã Tân Lập", date=date(2026, 3, 5), type_name="Báo cáo",
        summary="Kết quả lãnh đạo quý I năm 2026", body=["Đoạn một…", "Đoạn hai…"],
        signatures=[party.Signature("BÍ THƯ", "T/M ĐẢNG ỦY", "Phạm Văn Đức")],
        recipients=["Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng Đảng ủy"]))

Layout (thể thức văn bản của Đảng):
- top right, first line: ĐẢNG CỘNG SẢN VIỆT NAM, 15 pt bold caps, with a rule under it as long
  as the heading; under the rule the place and date, 14 pt italic
  ("Xã Tân Lập, ngày 05 tháng 3 năm 2026");
- top left: the superior body (14 pt caps), the issuing body (14 pt bold caps), a “*”, the number
  ("Số 15-BC/ĐU", 14 pt, no colon); a công văn has its "V/v …" (12 pt italic) under the number;
- the type name (16 pt bold caps) and the summary (14 pt bold), centred;
- the body, 14 pt, justified, flowing over as many pages as it needs;
- the signature block ("T/M ĐẢNG ỦY" / "BÍ THƯ", "K/T", "T/L"), one or more columns; "Nơi nhận"
  at the bottom left;
- A4, margins from the settings ``print.margin_top/bottom/left/right`` (default 25/25/35/15 mm),
  page numbers centred in the top margin from page 2.

Everything is NFC'd and cleaned of control characters before it is drawn, and every field has a
length it is cut to, so nothing typed (a 100 000-character speech, a word longer than the line,
an empty field) stops a paper from printing. ReportLab is imported only inside functions.
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from models.text import formal_date

from .common import FONT, FONT_BOLD, HEADING, MM, register_fonts

DEFAULT_MARGINS = (25, 25, 35, 15)      # top, bottom, left, right (mm)
HEADING_SIZE = 15
HEAD_SIZE = 14                          # superior, issuer, number, place and date
TYPE_SIZE = 16
SUMMARY_SIZE = 14
SUBJECT_SIZE = 12                       # "V/v …" of a công văn
BODY_SIZE = 14
RECIPIENT_SIZE = 12
PAGE_NUMBER_SIZE = 14
MAX_FIELD = 300                         # header fields, names, one recipient
MAX_SUMMARY = 1000
MAX_NUMBER = 60
MAX_RECIPIENTS = 30
CHUNK = 4000                            # a body paragraph is laid out in pieces of this size


@dataclass
class Block:
    """One piece of the body. ``kind``: ``para`` (justified, first line indented), ``heading``
    (bold), ``plain`` (left, not indented), ``center`` (bold, centred), ``italic``."""
    text: str
    kind: str = "para"


@dataclass
class Signature:
    """One signature column: ("T/M ĐẢNG ỦY", "BÍ THƯ", "Phạm Văn Đức")."""
    position: str = ""          # BÍ THƯ, CHỦ TRÌ HỘI NGHỊ, THƯ KÝ
    authority: str = ""         # T/M ĐẢNG ỦY, K/T BÍ THƯ, T/L BAN THƯỜNG VỤ, or ""
    name: str = ""


@dataclass
class PartyPaper:
    superior: str = ""
    issuer: str = ""
    number: str = ""                     # "15-BC/ĐU" (printed "Số 15-BC/ĐU")
    place: str = ""
    date: _dt.date | None = None
    type_name: str = ""                  # BIÊN BẢN, BÁO CÁO … (empty for a công văn)
    summary: str = ""                    # trích yếu, under the type name
    subject: str = ""                    # công văn: "V/v …" under the number
    body: list = field(default_factory=list)     # str (one paragraph per line) or Block
    signatures: list[Signature] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    title: str = ""                      # PDF metadata
    annex: list = field(default_factory=list)    # after the signatures, on a new page (phụ lục)
    mark: str = ""                       # "DỰ THẢO": boxed, in the top margin of every page


# --- text -----------------------------------------------------------------------------------
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean(s, limit: int | None = None, *, keep_lines: bool = False) -> str:
    """NFC, no control characters (tabs become spaces; line breaks kept when asked), no lone
    surrogates, cut to ``limit`` characters with “…”."""
    if s is None:
        return ""
    s = _SURROGATES.sub("\ufffd", str(s))
    s = unicodedata.normalize("NFC", s)
    out = []
    for ch in s:
        if ch == "\n" and keep_lines:
            out.append(ch)
        elif ch in "\t\r\n\v\f":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch != "\ufffd":
            continue
        else:
            out.append(ch)
    s = "".join(out).strip()
    if limit and len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s


def _markup(s: str) -> str:
    from xml.sax.saxutils import escape
    return escape(s).replace("\n", "<br/>")


def margins() -> tuple[int, int, int, int]:
    """(top, bottom, left, right) mm from the settings; the defaults when no office is open."""
    try:
        from models.office import get_setting
        return tuple(int(get_setting(f"print.margin_{side}"))            # type: ignore[return-value]
                     for side in ("top", "bottom", "left", "right"))
    except Exception:       # no database bound (a printout made outside an office): defaults
        return DEFAULT_MARGINS


def _chunks(s: str, size: int = CHUNK) -> list[str]:
    """Split a very long paragraph at spaces (or anywhere, for one endless word)."""
    out = []
    while len(s) > size:
        cut = s.rfind(" ", size // 2, size)
        if cut <= 0:
            cut = size
        out.append(s[:cut])
        s = s[cut:].lstrip(" ")
    out.append(s)
    return out


# --- styles ---------------------------------------------------------------------------------
def _style(name, size, *, bold=False, italic=False, align="left", indent=0.0, before=0.0,
           after=0.0, leading=None):
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    from .common import FONT_BOLD_ITALIC, FONT_ITALIC
    register_fonts()
    font = {(False, False): FONT, (True, False): FONT_BOLD, (False, True): FONT_ITALIC,
            (True, True): FONT_BOLD_ITALIC}[(bold, italic)]
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.25,
                          alignment={"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT,
                                     "justify": TA_JUSTIFY}[align],
                          firstLineIndent=indent, spaceBefore=before, spaceAfter=after,
                          splitLongWords=1)


def _p(s: str, st):
    from reportlab.platypus import Paragraph
    return Paragraph(_markup(s), st)


# for other Party papers built of the same pieces (tables of the weekly schedule, statistics)
style, paragraph = _style, _p


# --- the parts ------------------------------------------------------------------------------
def _heading_rule(width: float):
    """A centred rule as long as the heading (thể thức: the rule is the heading's length)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Flowable
    length = min(width, stringWidth(HEADING, FONT_BOLD, HEADING_SIZE))

    class Rule(Flowable):
        def wrap(self, aw, ah):
            self.aw = aw
            return aw, 3

        def draw(self):
            x = (self.aw - length) / 2
            self.canv.setLineWidth(0.6)
            self.canv.line(x, 2, x + length, 2)

    return Rule()


def header(paper: PartyPaper, width: float, frame_height: float) -> list:
    """The two top corners as one table: issuing body and number left, heading and date right."""
    from reportlab.platypus import Table, TableStyle
    centre = dict(align="center")
    left = []
    if clean(paper.superior):
        left.append(_p(clean(paper.superior, MAX_FIELD).upper(), _style("ps", HEAD_SIZE, **centre)))
    left.append(_p(clean(paper.issuer, MAX_FIELD).upper(), _style("pi", HEAD_SIZE, bold=True, **centre)))
    left.append(_p("*", _style("pstar", HEAD_SIZE, **centre)))
    if clean(paper.number):
        left.append(_p(f"Số {clean(paper.number, MAX_NUMBER)}", _style("pn", HEAD_SIZE, **centre)))
    if clean(paper.subject):
        left.append(_p(clean(paper.subject, MAX_SUMMARY), _style("pv", SUBJECT_SIZE, italic=True,
                                                                 before=2, **centre)))
    right = [_p(HEADING, _style("ph", HEADING_SIZE, bold=True, **centre)), _heading_rule(width * 0.52)]
    if paper.date is not None:
        place = clean(paper.place, MAX_FIELD)
        right.append(_p(formal_date(place, paper.date) if place else
                        formal_date("", paper.date).lstrip(", ").capitalize(),
                        _style("pd", HEAD_SIZE, italic=True, align="right", before=6)))
    t = Table([[left, right]], colWidths=[width * 0.48, width * 0.52], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    if t.wrap(width, frame_height)[1] < frame_height * 0.8:
        return [t]
    return [*right, *left]        # absurdly long names: one under the other, flowing on


def office_header(office, width: float, frame_height: float, on: _dt.date | None = None,
                  number: str = "") -> list:
    """``header`` for a paper of the office (its superior body, name and place), dated ``on``
    (no date line without it: a book's cover). The papers built on ``common.build_pdf`` (dues,
    reception, the books' covers) take their heading here, as the Party papers do."""
    return header(PartyPaper(superior=office.superior, issuer=office.name, place=office.place,
                             date=on, number=number), width, frame_height)


def title_block(paper: PartyPaper) -> list:
    out = []
    if clean(paper.type_name):
        out.append(_p(clean(paper.type_name, MAX_FIELD).upper(),
                      _style("pt", TYPE_SIZE, bold=True, align="center", before=18)))
    if clean(paper.summary):
        out.append(_p(clean(paper.summary, MAX_SUMMARY),
                      _style("psum", SUMMARY_SIZE, bold=True, align="center", before=2)))
    if out:
        out.append(_p("-----", _style("pdash", SUMMARY_SIZE, align="center", after=6)))
    return out


def body_flowables(body) -> list:
    """Paragraphs of the body: a string is one paragraph per line; a Block says its kind."""
    styles = {
        "para": _style("bp", BODY_SIZE, align="justify", indent=10 * MM, after=4),
        "para+": _style("bp2", BODY_SIZE, align="justify", after=4),
        "heading": _style("bh", BODY_SIZE, bold=True, before=6, after=3),
        "plain": _style("bl", BODY_SIZE, after=2),
        "center": _style("bc", BODY_SIZE, bold=True, align="center", before=6, after=4),
        "italic": _style("bi", BODY_SIZE, italic=True, align="justify", indent=10 * MM, after=4),
    }
    out = []
    items = [body] if isinstance(body, (str, Block)) else list(body or [])
    for item in items:
        if isinstance(item, Block):
            kind, raw = (item.kind if item.kind in styles else "para"), item.text
        else:
            kind, raw = "para", item
        for line in clean(raw, keep_lines=True).split("\n"):
            line = line.strip()
            if not line:
                continue
            for i, piece in enumerate(_chunks(line)):
                k = "para+" if (i and kind == "para") else kind
                out.append(_p(piece, styles[k]))
    return out


def _signature_cell(sig: Signature) -> list:
    st = _style("sg", HEAD_SIZE, bold=True, align="center")
    cell = []
    if clean(sig.authority):
        cell.append(_p(clean(sig.authority, MAX_FIELD).upper(), st))
    if clean(sig.position):
        cell.append(_p(clean(sig.position, MAX_FIELD).upper(), st))
    from reportlab.platypus import Spacer
    cell.append(Spacer(1, 26 * MM))              # room for the signature (and the seal)
    if clean(sig.name):
        cell.append(_p(clean(sig.name, MAX_FIELD), st))
    return cell


def _recipients_cell(recipients: list[str]) -> list:
    items = [clean(r, MAX_FIELD) for r in recipients or []]
    items = [r for r in items if r]
    if not items:
        return []
    extra = len(items) - MAX_RECIPIENTS
    if extra > 0:
        items = items[:MAX_RECIPIENTS] + [f"và {extra} nơi khác"]
    head = _style("rh", HEAD_SIZE, leading=HEAD_SIZE * 1.2)
    st = _style("ri", RECIPIENT_SIZE, leading=RECIPIENT_SIZE * 1.2)
    return [_underlined("Nơi nhận:", head)] + [_p(f"- {r},", st) for r in items[:-1]] + \
        [_p(f"- {items[-1]}.", st)]


def _underlined(s: str, st):
    from reportlab.platypus import Paragraph
    return Paragraph(f"<u>{_markup(s)}</u>", st)


def closing(paper: PartyPaper, width: float, frame_height: float) -> list:
    """Signatures (and Nơi nhận at the bottom left), kept on one page when they fit."""
    from reportlab.platypus import Spacer, Table, TableStyle
    sigs = [s for s in paper.signatures if clean(s.position) or clean(s.authority) or clean(s.name)]
    rec = _recipients_cell(paper.recipients)
    if not sigs and not rec:
        return []
    pad = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    if len(sigs) <= 1:
        row = [rec, _signature_cell(sigs[0]) if sigs else []]
        widths = [width * 0.5, width * 0.5]
    else:
        row = [_signature_cell(s) for s in sigs]
        widths = [width / len(sigs)] * len(sigs)
    t = Table([row], colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle(pad))
    _, h = t.wrap(width, frame_height)
    if h < frame_height * 0.9:
        t.keep_with_previous = True            # render() keeps it with the last paragraph
        out = [Spacer(1, 6 * MM), t]
        if len(sigs) > 1 and rec:
            out += [Spacer(1, 4 * MM), *rec]
        return out
    # absurdly long names or recipients: everything one under the other, flowing on
    out = [Spacer(1, 6 * MM)]
    for sig in sigs:
        out += _signature_cell(sig)
    return out + [Spacer(1, 4 * MM), *rec]


def closing_after(last: list, paper: PartyPaper, width: float, frame_height: float) -> list:
    """``last`` (the body's closing paragraph) then the signatures, kept on one page together:
    a signature never stands alone at the top of a page."""
    end = closing(paper, width, frame_height)
    if len(end) >= 2 and getattr(end[1], "keep_with_previous", False):
        from reportlab.platypus import KeepTogether
        return [KeepTogether([*last, *end[:2]]), *end[2:]]
    return [*last, *end]


# --- the document ---------------------------------------------------------------------------
MARK_SIZE = 13


def draw_mark(canvas, mark: str, x_right: float, y_mid: float) -> None:
    """A boxed mark ("DỰ THẢO") ending at ``x_right``, centred on ``y_mid`` (the top margin)."""
    mark = clean(mark, 40).upper()
    if not mark:
        return
    from reportlab.pdfbase.pdfmetrics import stringWidth
    w = stringWidth(mark, FONT_BOLD, MARK_SIZE)
    canvas.saveState()
    canvas.setFont(FONT_BOLD, MARK_SIZE)
    canvas.drawString(x_right - w - 4, y_mid - MARK_SIZE / 3, mark)
    canvas.setLineWidth(0.8)
    canvas.rect(x_right - w - 8, y_mid - MARK_SIZE * 0.75, w + 8, MARK_SIZE * 1.5)
    canvas.restoreState()


def render(paper: PartyPaper) -> bytes:
    """The paper as PDF bytes (A4, Party format)."""

    def story(width: float, frame_h: float) -> list:
        body = body_flowables(paper.body)
        # the signatures stay on one page, and with the last paragraph rather than alone
        out = [*header(paper, width, frame_h), *title_block(paper), *body[:-1],
               *closing_after(body[-1:], paper, width, frame_h)]
        annex = body_flowables(paper.annex)
        if annex:
            from reportlab.platypus import PageBreak
            out += [PageBreak(), *annex]
        return out

    return build(paper, story)


def build(paper: PartyPaper, story: Callable[[float, float], list]) -> bytes:
    """A4 portrait in Party format around the flowables ``story(width, frame_height)`` returns:
    the margins of the settings, the paper's mark, page numbers centred in the top margin from
    page 2. ``render`` builds its story of the paper's parts; a paper with its own tables (the
    reception report) builds one of ``header``, ``title_block``, its tables and ``closing``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    register_fonts()
    top, bottom, left, right = margins()
    page_w, page_h = A4
    width = page_w - (left + right) * MM
    frame_h = page_h - (top + bottom) * MM
    buf = io.BytesIO()

    def number(canvas, d):
        """Page numbers from page 2, centred in the top margin."""
        draw_mark(canvas, paper.mark, page_w - right * MM, page_h - top * MM / 2)
        if canvas.getPageNumber() < 2:
            return
        canvas.saveState()
        canvas.setFont(FONT, PAGE_NUMBER_SIZE)
        canvas.drawCentredString(left * MM + width / 2, page_h - top * MM / 2 - PAGE_NUMBER_SIZE / 3,
                                 str(canvas.getPageNumber()))
        canvas.restoreState()

    # no frame padding: the text starts exactly at the margins the settings give
    frame = Frame(left * MM, bottom * MM, width, frame_h, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="body")
    doc = BaseDocTemplate(buf, pagesize=A4, topMargin=top * MM, bottomMargin=bottom * MM,
                          leftMargin=left * MM, rightMargin=right * MM,
                          title=clean(paper.title or " ".join(
                              x for x in (paper.type_name, paper.number) if x), MAX_FIELD),
                          author=clean(paper.issuer, MAX_FIELD), creator="vanphong",
                          pageTemplates=[PageTemplate("party", [frame], onPage=number)])
    doc.build(story(width, frame_h))
    return buf.getvalue()
