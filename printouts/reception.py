"""The reception report (báo cáo công tác tiếp khách, tiếp đảng viên và nhân dân) for a month,
a quarter, 6 months, 9 months or a year, A4 portrait:

    pdf = reception_report(models.reception.report(actor, "2026-Q3"), office, today)

Counts by category, by action and by result, the cases still open at the end of the period, and
the head's reception days month by month (a month below the required days is marked).

A Party report like the others: its heading corners, title and signature are ``printouts.party``'s
(``header``, ``title_block``, ``closing``), its margins the settings ``print.margin_*``.
"""
from __future__ import annotations

import datetime as _dt

from models import labels
from models.documents.outgoing import default_authority_of
from models.reception import (ACTION_VI, CATEGORY_VI, REQUIRED_DAYS, RESULT_VI, ReceptionReport)
from models.text import format_date

from . import party
from .common import MM, para, style

TITLE = "Báo cáo"
SUBJECT = "Công tác tiếp khách, tiếp đảng viên và nhân dân"
DAY_STATE_VI = {"held": "Đã tiếp", "scheduled": "Theo lịch", "cancelled": "Hoãn"}


def _table(rows: list[list], widths: list[float], head: bool = True):
    from reportlab.lib import colors
    from reportlab.platypus import LongTable, TableStyle
    t = LongTable(rows, colWidths=widths, repeatRows=1 if head else 0)
    ts = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
          ("VALIGN", (0, 0), (-1, -1), "TOP"),
          ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
          ("ALIGN", (-1, 1), (-1, -1), "RIGHT")]
    if head:
        ts.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")))
    t.setStyle(TableStyle(ts))
    return t


def signature(office) -> party.Signature:
    """The secretary signs for the committee the office serves: "T/M ĐẢNG ỦY" for a Đảng ủy,
    "T/M CHI BỘ" for a grassroots chi bộ (the office's name says which), as its outgoing
    documents do."""
    return party.Signature(position="BÍ THƯ",
                           authority=f"T/M {default_authority_of('T/M', office.name)}")


def reception_report(rep: ReceptionReport, office, on: _dt.date | None = None) -> bytes:
    on = on or _dt.date.today()
    p = rep.period
    paper = party.PartyPaper(superior=office.superior, issuer=office.name, place=office.place,
                             date=on, type_name=TITLE,
                             summary=f"{SUBJECT} {p.label[:1].lower()}{p.label[1:]}",
                             signatures=[signature(office)], title=f"{SUBJECT} — {p.label}")
    return party.build(paper, lambda width, height: _story(rep, paper, width, height))


def _story(rep: ReceptionReport, paper: party.PartyPaper, width: float, height: float) -> list:
    from reportlab.platypus import Spacer
    th = style("th", 11, bold=True, align="center")
    td = style("td", 11)
    tdr = style("tdr", 11, align="right")
    h2 = style("h2", 13, bold=True)
    h2.spaceAfter, h2.keepWithNext = 2, 1         # a section's title never ends a page alone
    body = style("body", 13, align="justify")
    p = rep.period

    def count_table(title: str, items: list[tuple[str, int]]):
        rows = [[para(title, th), para("Số lượt", th)]]
        rows += [[para(k, td), para(str(v), tdr)] for k, v in items]
        return _table(rows, [width * 0.7, width * 0.3])

    story = [
        *party.header(paper, width, height),
        *party.title_block(paper)[:-1],               # the "-----" goes under the period
        para(f"(Từ ngày {format_date(p.start)} đến ngày {format_date(p.end)})",
             style("r", 13, italic=True, align="center")),
        para("-----", style("dash", 13, align="center")),
        Spacer(1, 4 * MM),
        para(f"Trong kỳ, cơ quan đã tiếp {rep.visits} lượt với {rep.people} người; "
             f"{sum(rep.by_result.values())} vụ việc đã kết thúc trong kỳ, {rep.still_open} vụ việc "
             f"chưa kết thúc. Bí thư đã tiếp dân {rep.days_held} ngày.", body),
        Spacer(1, 4 * MM),
        para("1. Theo đối tượng", h2),
        count_table(labels.CATEGORY, [(CATEGORY_VI[k], v) for k, v in rep.by_category.items()]
                    + [("Cộng", rep.visits)]),
        Spacer(1, 3 * MM),
        para("2. Theo cách xử lý", h2),
        count_table(labels.ACTION, [(ACTION_VI[k], v) for k, v in rep.by_action.items()]),
        Spacer(1, 3 * MM),
        para("3. Theo kết quả (các lượt tiếp trong kỳ)", h2),
        count_table(labels.RESULT, [(RESULT_VI.get(k, k), v) for k, v in rep.by_result.items()]
                    + [("Chưa kết thúc", rep.still_open)]),
        Spacer(1, 3 * MM),
        para(f"4. Lịch tiếp dân của Bí thư (ít nhất {REQUIRED_DAYS} ngày mỗi tháng)", h2),
    ]
    rows = [[para(h, th) for h in ("Tháng", "Đã tiếp", "Theo lịch", "Hoãn", "Ghi chú")]]
    for m in rep.months:
        note = f"Chưa đủ {REQUIRED_DAYS} ngày" if m.short else ""
        rows.append([para(f"{m.month:02d}/{m.year}", td), para(str(m.held), tdr),
                     para(str(m.scheduled), tdr), para(str(m.cancelled), tdr), para(note, td)])
    story.append(_table(rows, [width * w for w in (0.2, 0.15, 0.15, 0.15, 0.35)]))
    if rep.days:
        story.append(Spacer(1, 2 * MM))
        story.append(para("Các ngày: " + "; ".join(
            f"{format_date(d)} ({DAY_STATE_VI.get(s, s).lower()})" for d, s, _ in rep.days), td))
    story += [Spacer(1, 3 * MM), para("5. Vụ việc chưa kết thúc đến cuối kỳ", h2)]
    if rep.open_cases:
        rows = [[para(h, th) for h in labels.OPEN_CASE_COLUMNS]]
        rows += [[para(c[0], td), para(c[1], td), para(c[2], td), para(c[3], td)] for c in rep.open_cases]
        story.append(_table(rows, [width * w for w in (0.12, 0.16, 0.32, 0.40)]))
    else:
        story.append(para("Không có vụ việc nào chưa kết thúc.", body))
    # a report ends in words, and its signature stays with them: after a table that filled the
    # page, the signature alone used to begin the next one
    end = para(f"Trên đây là báo cáo {SUBJECT[:1].lower()}{SUBJECT[1:]} "
               f"{p.label[:1].lower()}{p.label[1:]} của {paper.issuer}.", body)
    return [*story, Spacer(1, 3 * MM), *party.closing_after([end], paper, width, height)]
