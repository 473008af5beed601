"""The registers as rows with the register book's Vietnamese column headers, and small writers
for CSV and Excel. The printed register book (printouts.registers) uses the same rows, so the
screen, the spreadsheet and the paper always agree.

Kinds: the ordinary incoming and outgoing registers, the secret register's two books
(``secret_incoming``, ``secret_outgoing``), the seal log (``seal``) and the seal's handovers
(``seal_handovers``), and the directory.

Rows hold typed values (int, date, datetime, str, None): each writer shows them its own way —
CSV as dd/mm/yyyy text, Excel as real numbers and dates shown dd/mm/yyyy, so a spreadsheet sorts
and sums them. Every text cell that a spreadsheet would read as a formula (it starts with
``= + - @``, a tab or a carriage return) is written with a leading apostrophe, in every export:
a sender, a summary or a scanner subfolder's name is data, never a formula.

Secret documents (Mật and above) are never written into an ordinary book or export; they have
their own books, for those allowed to see the secret register (``secret.view``) only. Those
books hold the register's metadata (there are no files to hold), and a Tuyệt mật summary only
when consent was given (models.documents.shown_summary). The seal log names the stamped
document; for a secret one it does not copy the summary.
"""
from __future__ import annotations

import csv
import datetime as _dt
from pathlib import Path
from typing import Iterable, Iterator

from . import audit, labels, users
from .contacts import export_rows
from .documents import SECRET_LEVELS, Incoming, Outgoing, shown_summary
from .errors import ValidationError
from .fsio import PRIVATE_DIR, atomic_open, atomic_path
from .seal import SealHandover, SealUse
from .text import format_date, format_datetime

INCOMING_COLUMNS = labels.INCOMING_COLUMNS
OUTGOING_COLUMNS = labels.OUTGOING_COLUMNS
SEAL_COLUMNS = labels.SEAL_COLUMNS
SEAL_HANDOVER_COLUMNS = labels.SEAL_HANDOVER_COLUMNS
COLUMNS = {"incoming": INCOMING_COLUMNS, "outgoing": OUTGOING_COLUMNS,
           "secret_incoming": INCOMING_COLUMNS, "secret_outgoing": OUTGOING_COLUMNS,
           "seal": SEAL_COLUMNS, "seal_handovers": SEAL_HANDOVER_COLUMNS,
           "directory": labels.DIRECTORY_COLUMNS}
TITLES = {"incoming": "Sổ đăng ký văn bản đến", "outgoing": "Sổ đăng ký văn bản đi",
          "secret_incoming": "Sổ đăng ký văn bản mật đến",
          "secret_outgoing": "Sổ đăng ký văn bản mật đi",
          "seal": "Sổ theo dõi sử dụng con dấu", "seal_handovers": "Sổ bàn giao con dấu",
          "directory": "Danh bạ phối hợp"}
SECRET_BOOKS = ("secret_incoming", "secret_outgoing")
FORMATS = ("csv", "xlsx")
# the seal log's summary cell for a stamped secret document: the log is not a secret book
SEAL_SECRET_SUMMARY = "(Văn bản mật — không ghi trích yếu)"


def as_text(v) -> str:
    """A cell's value as the register shows it in words: a date dd/mm/yyyy, a date and time
    dd/mm/yyyy HH:MM, a number in digits, nothing as an empty string."""
    if v is None:
        return ""
    if isinstance(v, _dt.datetime):
        return format_datetime(v)
    if isinstance(v, _dt.date):
        return format_date(v)
    return str(v)


# what makes a spreadsheet read a cell as a formula (OWASP, CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(s: str) -> str:
    """A text cell as data, never a formula: one that starts with ``= + - @``, a tab or a
    carriage return gets a leading apostrophe (``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``)."""
    return "'" + s if s.startswith(FORMULA_STARTS) else s


def _date_of(v: _dt.datetime | None) -> _dt.date | None:
    return v.date() if v is not None else None


def incoming_row(d: Incoming) -> list:
    notes = d.notes
    if d.status == "cancelled":
        notes = f"Đã hủy: {d.cancel_reason}" + (f". {notes}" if notes else "")
    return [d.arrival_no, d.arrived_at, d.sender, d.doc_number, d.doc_date, d.doc_type,
            shown_summary(d), d.urgency, d.secrecy, d.pages, d.copies, d.handler, d.deadline,
            _date_of(d.transferred_at), d.received_by, notes]


def outgoing_row(d: Outgoing) -> list:
    from .documents import DocType
    t = DocType.get_or_none(DocType.code == d.type_code)
    notes = d.notes
    if d.status == "cancelled":
        notes = f"Đã hủy số: {d.cancel_reason}" + (f". {notes}" if notes else "")
    elif d.status == "reserved":
        notes = "Chưa phát hành" + (f". {notes}" if notes else "")
    return [d.symbol, d.doc_date, t.name if t else d.type_code, shown_summary(d), d.signer,
            "; ".join(d.recipient_list()), d.filed_in, d.copies, d.urgency, d.secrecy, notes]


def _range(year: int | None, date_from: _dt.date | None, date_to: _dt.date | None):
    if year:
        y = int(year)
        date_from = max(date_from or _dt.date(y, 1, 1), _dt.date(y, 1, 1))
        date_to = min(date_to or _dt.date(y, 12, 31), _dt.date(y, 12, 31))
    if date_from and date_to and date_from > date_to:
        raise ValidationError("Ngày bắt đầu sau ngày kết thúc.", "date_from")
    return date_from, date_to


def seal_row(n: int, u: SealUse) -> list:
    """Line ``n`` of the seal log; ``u.outgoing`` is the stamped document."""
    d = u.outgoing
    summary = SEAL_SECRET_SUMMARY if d.is_secret else d.summary
    return [n, u.used_on, u.symbol, summary, u.signer, u.stamped_by, u.copies, u.notes]


def seal_handover_row(n: int, h: SealHandover) -> list:
    return [n, h.handed_on, h.from_person, h.to_person, h.witness, h.reason, h.notes]


def _incoming_rows(date_from, date_to, secret: bool) -> Iterator[list]:
    q = Incoming.select().where(Incoming.secrecy.in_(SECRET_LEVELS) if secret
                                else Incoming.secrecy == "Thường")
    if date_from:
        q = q.where(Incoming.arrived_at >= _dt.datetime.combine(date_from, _dt.time.min))
    if date_to:
        q = q.where(Incoming.arrived_at < _dt.datetime.combine(date_to + _dt.timedelta(days=1), _dt.time.min))
    for d in q.order_by(Incoming.year, Incoming.arrival_no).iterator():
        yield incoming_row(d)


def _between(q, field, date_from, date_to):
    """``q`` limited to ``date_from`` ≤ field ≤ ``date_to`` (a date field; either may be None)."""
    if date_from:
        q = q.where(field >= date_from)
    if date_to:
        q = q.where(field <= date_to)
    return q


def _outgoing_rows(date_from, date_to, secret: bool) -> Iterator[list]:
    q = Outgoing.select().where(Outgoing.secrecy.in_(SECRET_LEVELS) if secret
                                else Outgoing.secrecy == "Thường")
    q = _between(q, Outgoing.doc_date, date_from, date_to)
    for d in q.order_by(Outgoing.doc_date, Outgoing.id).iterator():
        yield outgoing_row(d)


def _seal_rows(date_from, date_to) -> Iterator[list]:
    q = _between(SealUse.select(SealUse, Outgoing).join(Outgoing), SealUse.used_on, date_from,
                 date_to)
    for n, u in enumerate(q.order_by(SealUse.used_on, SealUse.id).iterator(), start=1):
        yield seal_row(n, u)


def _seal_handover_rows(date_from, date_to) -> Iterator[list]:
    q = _between(SealHandover.select(), SealHandover.handed_on, date_from, date_to)
    for n, h in enumerate(q.order_by(SealHandover.handed_on, SealHandover.id).iterator(), start=1):
        yield seal_handover_row(n, h)


_ROWS = {
    "incoming": lambda f, t: _incoming_rows(f, t, secret=False),
    "outgoing": lambda f, t: _outgoing_rows(f, t, secret=False),
    "secret_incoming": lambda f, t: _incoming_rows(f, t, secret=True),
    "secret_outgoing": lambda f, t: _outgoing_rows(f, t, secret=True),
    "seal": _seal_rows,
    "seal_handovers": _seal_handover_rows,
    "directory": lambda f, t: export_rows(),
}


def _check_kind(kind: str) -> None:
    if kind not in COLUMNS:
        raise ValidationError(f"Không có sổ “{kind}” (chọn: {', '.join(COLUMNS)}).", "kind")


def book_rows(actor, kind: str, *, year: int | None = None, date_from: _dt.date | None = None,
              date_to: _dt.date | None = None) -> Iterator[list]:
    """The rows of a register book, in register order (oldest first). The checks are made
    here, at the call, not at the first row: a secret book for someone who may not see the
    secret register raises PermissionDenied before anything is read or written."""
    _check_kind(kind)
    users.require(actor, "records.view")
    if kind in SECRET_BOOKS:
        users.require(actor, "secret.view")
    date_from, date_to = _range(year, date_from, date_to)
    return _ROWS[kind](date_from, date_to)


def print_rows(actor, kind: str, *, date_from: _dt.date | None = None,
               date_to: _dt.date | None = None) -> list[list]:
    """The rows of a book about to be printed. The printing is recorded in the audit log — who
    took which register on paper, for which period — as an export is: paper leaves the office's
    control as a file does (the secret register above all)."""
    rows = list(book_rows(actor, kind, date_from=date_from, date_to=date_to))
    audit.append(actor, "print", kind, None, None,
                 {"rows": len(rows), "from": format_date(date_from), "to": format_date(date_to)})
    return rows


# --- writers ----------------------------------------------------------------------------------
def _folder_for(out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)


def csv_cell(v) -> str:
    """A value as a CSV field: dates dd/mm/yyyy, text neutralised."""
    return neutralise(v) if isinstance(v, str) else as_text(v)


def write_csv(out: Path | str, headers: list[str], rows: Iterable[list]) -> int:
    """UTF-8 with a byte-order mark, so Excel shows Vietnamese correctly. Returns rows written."""
    out = Path(out)
    _folder_for(out)
    n = 0
    with atomic_open(out, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([csv_cell(h) for h in headers])
        for r in rows:
            w.writerow([csv_cell(v) for v in r])
            n += 1
    return n


DATE_FORMAT = "DD/MM/YYYY"
# the most characters an Excel cell holds; a longer text is cut there and says so (CSV and the
# printed book keep it whole)
EXCEL_CELL_MAX = 32_767
EXCEL_CUT = "… (cắt bớt: một ô Excel chứa tối đa 32 767 ký tự; tệp CSV có đủ)"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


def write_xlsx(out: Path | str, headers: list[str], rows: Iterable[list], title: str = "Sổ") -> int:
    """An Excel workbook: numbers are numbers, dates are dates shown dd/mm/yyyy, text is text
    (neutralised, and without the control characters a workbook cannot hold)."""
    from openpyxl import Workbook                      # lazy: only when exporting
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    out = Path(out)

    def value(v):
        if isinstance(v, str):
            v = neutralise(ILLEGAL_CHARACTERS_RE.sub("", v))
            if len(v) > EXCEL_CELL_MAX:              # Excel would call the workbook damaged
                v = v[:EXCEL_CELL_MAX - len(EXCEL_CUT)] + EXCEL_CUT
        return v

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([value(h) for h in headers])
    for c in ws[1]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [max(8, len(h) + 2) for h in headers]
    n = 0
    for r in rows:
        ws.append([value(v) for v in r])
        n += 1
        for i, v in enumerate(r):
            if isinstance(v, _dt.datetime):
                ws.cell(n + 1, i + 1).number_format = DATETIME_FORMAT
            elif isinstance(v, _dt.date):
                ws.cell(n + 1, i + 1).number_format = DATE_FORMAT
            widths[i] = min(60, max(widths[i], len(as_text(v)) + 2))
    for i, w in enumerate(widths):
        ws.column_dimensions[_col_letter(i + 1)].width = w
    ws.freeze_panes = "A2"
    _folder_for(out)
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return n


def _col_letter(i: int) -> str:
    s = ""
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def export_target(path: Path | str, fmt: str) -> tuple[str, Path]:
    """The format and file of an export: a file ending in .csv or .xlsx is written in that
    format whatever was chosen (a name says what the file holds); any other name gets the
    chosen format's ending."""
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix, path
    if fmt not in FORMATS:
        raise ValidationError(f"Định dạng không hỗ trợ: {fmt} (chọn csv hoặc xlsx).", "format")
    return fmt, path.with_name(f"{path.name}.{fmt}")


def export(actor, kind: str, fmt: str, out: Path | str, *, year: int | None = None,
           date_from: _dt.date | None = None, date_to: _dt.date | None = None) -> int:
    """Write one register (a kind of COLUMNS) as CSV or XLSX; returns rows written."""
    if fmt not in FORMATS:
        raise ValidationError(f"Định dạng không hỗ trợ: {fmt} (chọn csv hoặc xlsx).", "format")
    _check_kind(kind)
    rows = book_rows(actor, kind, year=year, date_from=date_from, date_to=date_to)
    headers = COLUMNS[kind]
    n = (write_csv(out, headers, rows) if fmt == "csv"
         else write_xlsx(out, headers, rows, TITLES[kind]))
    audit.append(actor, "export", kind, None, None,
                 {"format": fmt, "rows": n, "year": year, "file": Path(out).name})
    return n
