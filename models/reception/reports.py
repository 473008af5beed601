"""Reports by month, quarter, 6 or 9 months and year, the book as an export, and the figures."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import audit, labels, users
from ..errors import ValidationError
from ..text import fold, format_date, format_datetime, nfc
from .days import days_between, month_bounds
from .records import (ACTIONS, ACTION_VI, CATEGORIES, CATEGORY_VI, OPEN_STATES, REQUIRED_DAYS, RESULTS,
                      RESULT_VI, Reception, ReceptionDay, STATE_VI, TABLE, _result_text, safe_cell)


# --- reports: month, quarter, 6 months, 9 months, year ----------------------------------------
@dataclass(frozen=True)
class Period:
    kind: str          # month | quarter | half | nine | year
    year: int
    start: _dt.date
    end: _dt.date
    code: str          # 2026-11, 2026-Q3, 2026-H1, 2026-9M, 2026

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"Tháng {self.start.month} năm {self.year}"
        if self.kind == "quarter":
            q = (self.start.month - 1) // 3 + 1
            return f"Quý {['I', 'II', 'III', 'IV'][q - 1]} năm {self.year}"
        if self.kind == "half":
            return (f"6 tháng đầu năm {self.year}" if self.start.month == 1
                    else f"6 tháng cuối năm {self.year}")
        if self.kind == "nine":
            return f"9 tháng năm {self.year}"
        return f"Năm {self.year}"


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_WORDS = [  # the period as an office writes it (folded: no marks, lower case) → its code
    (re.compile(r"(?:thang )?(\d{1,2}) ?[/.-] ?(\d{4})"), lambda m: f"{m[2]}-{m[1]}"),
    (re.compile(r"thang (\d{1,2}) (?:nam )?(\d{4})"), lambda m: f"{m[2]}-{m[1]}"),
    (re.compile(r"quy (iv|i{1,3}|[1-4]) ?(?:/|-|nam)? ?(\d{4})"), lambda m: f"{m[2]}-Q{_ROMAN[m[1]]}"),
    (re.compile(r"6 thang (?:dau )?(?:nam )?(\d{4})"), lambda m: f"{m[1]}-H1"),
    (re.compile(r"6 thang cuoi (?:nam )?(\d{4})"), lambda m: f"{m[1]}-H2"),
    (re.compile(r"9 thang (?:dau )?(?:nam )?(\d{4})"), lambda m: f"{m[1]}-9M"),
    (re.compile(r"nam (\d{4})"), lambda m: m[1]),
]


def parse_period(text: str) -> Period:
    """As an office writes it — '11/2026', 'tháng 11 năm 2026', 'Quý III/2026', '6 tháng đầu
    năm 2026', '6 tháng cuối năm 2026', '9 tháng 2026', 'năm 2026', marks and case ignored — or
    as a code: '2026-11', '2026-Q3', '2026-H1' (H2 the second half), '2026-9M', '2026'."""
    given = text
    folded = " ".join(fold(text).replace(",", " ").split())
    for pattern, code in _WORDS:
        found = pattern.fullmatch(folded)
        if found:
            text = code(found)
            break
    s = nfc(text).upper().replace(" ", "")
    bad = ValidationError(f"Kỳ báo cáo không hợp lệ: “{given}” (ví dụ 11/2026, Quý III/2026, "
                          "6 tháng đầu năm 2026, 9 tháng 2026, năm 2026).", "period")
    year_s, _, rest = s.partition("-")
    if not (year_s.isdigit() and len(year_s) == 4):
        raise bad
    y = int(year_s)
    if not 1945 <= y <= 2100:
        raise bad
    if not rest:
        return Period("year", y, _dt.date(y, 1, 1), _dt.date(y, 12, 31), s)
    if rest.isdigit() and 1 <= int(rest) <= 12:
        m = int(rest)
        a, b = month_bounds(y, m)
        return Period("month", y, a, b, f"{y}-{m:02d}")
    if rest in ("Q1", "Q2", "Q3", "Q4"):
        q = int(rest[1])
        return Period("quarter", y, _dt.date(y, 3 * q - 2, 1), month_bounds(y, 3 * q)[1], s)
    if rest in ("H1", "6M"):
        return Period("half", y, _dt.date(y, 1, 1), _dt.date(y, 6, 30), f"{y}-H1")
    if rest == "H2":
        return Period("half", y, _dt.date(y, 7, 1), _dt.date(y, 12, 31), s)
    if rest == "9M":
        return Period("nine", y, _dt.date(y, 1, 1), _dt.date(y, 9, 30), s)
    raise bad


@dataclass
class MonthDays:
    year: int
    month: int
    held: int
    scheduled: int       # scheduled, not (yet) held
    cancelled: int

    @property
    def short(self) -> bool:
        return self.held < REQUIRED_DAYS


@dataclass
class ReceptionReport:
    period: Period
    visits: int = 0
    people: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_action: dict[str, int] = field(default_factory=dict)
    by_result: dict[str, int] = field(default_factory=dict)   # of the visits, closed by the end
    still_open: int = 0                    # visits of the period not closed by its end
    open_cases: list[tuple[str, str, str, str]] = field(default_factory=list)  # all open at end
    months: list[MonthDays] = field(default_factory=list)
    days_held: int = 0
    days: list[tuple[_dt.date, str, str]] = field(default_factory=list)    # (day, state, host)


def report(actor, period: Period | str, today: _dt.date | None = None) -> ReceptionReport:
    """The reception report of a period: visits received in it by category and action, how
    many of them were closed by the period's end (by result) and how many were not; every case
    still open at the end (whenever received); the head's reception days month by month."""
    users.require(actor, "reception.view")
    p = parse_period(period) if isinstance(period, str) else period
    start = _dt.datetime.combine(p.start, _dt.time.min)
    end = _dt.datetime.combine(p.end + _dt.timedelta(days=1), _dt.time.min)
    rep = ReceptionReport(p, by_category={c: 0 for c in CATEGORIES}, by_action={a: 0 for a in ACTIONS},
                          by_result={r: 0 for r in RESULTS})
    for r in Reception.select().where((Reception.visited_at >= start) & (Reception.visited_at < end)):
        rep.visits += 1
        rep.people += r.people
        rep.by_category[r.category] += 1
        rep.by_action[r.action] += 1
        if r.state == "closed" and r.closed_on and r.closed_on <= p.end:
            rep.by_result[r.result_code] = rep.by_result.get(r.result_code, 0) + 1
        else:
            rep.still_open += 1
    open_q = Reception.select().where((Reception.visited_at < end) & (
        Reception.state.in_(OPEN_STATES) | (Reception.closed_on > p.end)))
    for r in open_q.order_by(Reception.visited_at):
        if r.state == "closed":                  # closed only after the period
            where = f"Kết thúc sau kỳ (ngày {format_date(r.closed_on)})"
        else:
            where = STATE_VI[r.state] + (f" — {r.forward_to}" if r.state == "waiting" and r.forward_to
                                         else "")
        rep.open_cases.append((r.label, format_date(r.visited_at), r.name, where))
    y, m = p.start.year, p.start.month
    while _dt.date(y, m, 1) <= p.end:
        a, b = month_bounds(y, m)
        ds = days_between(a, b)
        rep.months.append(MonthDays(y, m, sum(d.state == "held" for d in ds),
                                    sum(d.state == "scheduled" for d in ds),
                                    sum(d.state == "cancelled" for d in ds)))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    rep.days = [(d.day, d.state, d.host) for d in days_between(p.start, p.end)]
    rep.days_held = sum(1 for d in rep.days if d[1] == "held")
    audit.append(actor, "report", TABLE, None, None, {"period": p.code})
    return rep


def report_rows(rep: ReceptionReport) -> list[list[str]]:
    """The report as a table (for the spreadsheet): section, item, count."""
    rows = [["Tổng", "Lượt tiếp", str(rep.visits)], ["Tổng", "Số người", str(rep.people)]]
    rows += [["Đối tượng", CATEGORY_VI[k], str(v)] for k, v in rep.by_category.items()]
    rows += [["Cách xử lý", ACTION_VI[k], str(v)] for k, v in rep.by_action.items()]
    rows += [["Kết quả", RESULT_VI.get(k, k), str(v)] for k, v in rep.by_result.items()]
    rows.append(["Kết quả", "Chưa kết thúc", str(rep.still_open)])
    rows += [["Ngày tiếp dân của Bí thư", f"Tháng {md.month}/{md.year}", str(md.held)] for md in rep.months]
    rows += [["Vụ việc chưa kết thúc", f"{c[0]} ({c[1]})", c[3]] for c in rep.open_cases]
    return rows


# --- the book as an export (oldest first) -----------------------------------------------------
BOOK_COLUMNS = labels.RECEPTION_COLUMNS


def book_rows(actor, *, year: int | None = None):
    """Every visit as a row of the book; the ID number column is empty for those who may not
    see ID numbers."""
    users.require(actor, "reception.view")
    show_ids = users.can(actor, "reception.view_ids")
    q = Reception.select()
    if year:
        q = q.where(Reception.year == int(year))
    return ([safe_cell(c) for c in _book_row(r, show_ids)]
            for r in q.order_by(Reception.year, Reception.number).iterator())


def _book_row(r: Reception, show_ids: bool) -> list[str]:
    return [r.label, format_datetime(r.visited_at), r.name, r.address,
            r.id_number if show_ids else "", CATEGORY_VI[r.category], str(r.people), r.content,
            r.handled_before, ACTION_VI[r.action], r.forward_to, r.received_by,
            f"{r.incoming.arrival_no}/{r.incoming.year}" if r.incoming is not None else "",
            r.outgoing.symbol if r.outgoing is not None else "", STATE_VI[r.state], _result_text(r),
            format_date(r.closed_on)]


def export_book(actor, fmt: str, out: Path | str, *, year: int | None = None) -> int:
    """The reception book as CSV or XLSX (the export is recorded in the audit log)."""
    from ..exports import write_csv, write_xlsx
    if fmt not in ("csv", "xlsx"):
        raise ValidationError("Định dạng không hỗ trợ (chọn csv hoặc xlsx).", "format")
    rows = book_rows(actor, year=year)
    n = (write_csv(out, BOOK_COLUMNS, rows) if fmt == "csv"
         else write_xlsx(out, BOOK_COLUMNS, rows, "Sổ tiếp khách"))
    audit.append(actor, "export", TABLE, None, None,
                 {"format": fmt, "rows": n, "year": year, "file": Path(out).name})
    return n


# --- statistics -----------------------------------------------------------------------------
_CATEGORY_WORDS = {"guest": "Khách", "member": "Đảng viên", "citizen": "Nhân dân"}


def _figures(start: _dt.date, end: _dt.date):
    """The front desk's figures for the office's statistics: visits by category, the cases
    still open at the end of the period, the head's reception days held."""
    from ..statistics import Figure
    lo = _dt.datetime.combine(start, _dt.time.min)
    hi = _dt.datetime.combine(end, _dt.time.max)
    visits = Reception.select().where((Reception.visited_at >= lo) & (Reception.visited_at <= hi))
    group = "Tiếp khách, tiếp đảng viên và nhân dân"
    out = [Figure(group, "Lượt tiếp", visits.count())]
    for c in CATEGORIES:
        n = visits.where(Reception.category == c).count()
        if n:
            out.append(Figure(group, _CATEGORY_WORDS[c], n, level=1))
    still_open = Reception.select().where(
        (Reception.visited_at <= hi)
        & (Reception.state.in_(OPEN_STATES) | (Reception.closed_on > end))).count()
    out.append(Figure(group, "Vụ việc chưa giải quyết xong cuối kỳ", still_open))
    held = ReceptionDay.select().where((ReceptionDay.day >= start) & (ReceptionDay.day <= end)
                                       & (ReceptionDay.state == "held")).count()
    out.append(Figure(group, "Ngày Bí thư tiếp dân", held))
    return out


def _register_figures() -> None:
    from .. import statistics
    statistics.register_figures("reception", _figures, order=50, permission="reception.view")


_register_figures()
