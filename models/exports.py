"""The registers as rows with the register book's Vietnamese column headers, and small writers
for CSV and Excel. The printed register book (printouts.registers) uses the same rows, so the
screen, the spreadsheet and the paper always agree.

Ordinary registers only: secret documents (Mật and above) live in the secret register and are
never written into an ordinary book or export.
"""
from __future__ import annotations

import csv
import datetime as _dt
import os
from pathlib import Path
from typing import Iterable, Iterator

from . import audit, users
from .contacts import EXPORT_HEADERS, export_rows
from .documents import Incoming, Outgoing
from .errors import ValidationError
from .text import format_date, format_datetime

INCOMING_COLUMNS = ["Số đến", "Ngày đến", "Nơi gửi", "Số, ký hiệu", "Ngày văn bản", "Tên loại",
                    "Trích yếu", "Độ khẩn", "Độ mật", "Số trang", "Số bản", "Người nhận xử lý",
                    "Hạn xử lý", "Ngày chuyển", "Ký nhận", "Ghi chú"]
OUTGOING_COLUMNS = ["Số, ký hiệu", "Ngày văn bản", "Tên loại", "Trích yếu", "Người ký",
                    "Nơi nhận", "Nơi lưu", "Số bản", "Độ khẩn", "Độ mật", "Ghi chú"]
COLUMNS = {"incoming": INCOMING_COLUMNS, "outgoing": OUTGOING_COLUMNS, "directory": EXPORT_HEADERS}
TITLES = {"incoming": "Sổ đăng ký văn bản đến", "outgoing": "Sổ đăng ký văn bản đi",
          "directory": "Danh bạ phối hợp"}
FORMATS = ("csv", "xlsx")


def _n(v) -> str:
    return "" if v is None else str(v)


def incoming_row(d: Incoming) -> list[str]:
    notes = d.notes
    if d.status == "cancelled":
        notes = f"Đã hủy: {d.cancel_reason}" + (f". {notes}" if notes else "")
    return [str(d.arrival_no), format_datetime(d.arrived_at), d.sender, d.doc_number,
            format_date(d.doc_date), d.doc_type, d.summary, d.urgency, d.secrecy, _n(d.pages),
            _n(d.copies), d.handler, format_date(d.deadline), format_date(d.transferred_at),
            d.received_by, notes]


def outgoing_row(d: Outgoing) -> list[str]:
    from .documents import DocType
    t = DocType.get_or_none(DocType.code == d.type_code)
    notes = d.notes
    if d.status == "cancelled":
        notes = f"Đã hủy số: {d.cancel_reason}" + (f". {notes}" if notes else "")
    elif d.status == "reserved":
        notes = "Chưa phát hành" + (f". {notes}" if notes else "")
    return [d.symbol, format_date(d.doc_date), t.name if t else d.type_code, d.summary, d.signer,
            "; ".join(d.recipient_list()), d.filed_in, _n(d.copies), d.urgency, d.secrecy, notes]


def _range(year: int | None, date_from: _dt.date | None, date_to: _dt.date | None):
    if year:
        y = int(year)
        date_from = max(date_from or _dt.date(y, 1, 1), _dt.date(y, 1, 1))
        date_to = min(date_to or _dt.date(y, 12, 31), _dt.date(y, 12, 31))
    if date_from and date_to and date_from > date_to:
        raise ValidationError("Ngày bắt đầu sau ngày kết thúc.", "date_from")
    return date_from, date_to


def book_rows(actor, kind: str, *, year: int | None = None, date_from: _dt.date | None = None,
              date_to: _dt.date | None = None) -> Iterator[list[str]]:
    """The rows of an ordinary register book, in register order (oldest first)."""
    users.require(actor, "records.view")
    date_from, date_to = _range(year, date_from, date_to)
    if kind == "incoming":
        q = Incoming.select().where(Incoming.secrecy == "Thường")
        if date_from:
            q = q.where(Incoming.arrived_at >= _dt.datetime.combine(date_from, _dt.time.min))
        if date_to:
            q = q.where(Incoming.arrived_at < _dt.datetime.combine(date_to + _dt.timedelta(days=1), _dt.time.min))
        for d in q.order_by(Incoming.year, Incoming.arrival_no).iterator():
            yield incoming_row(d)
    elif kind == "outgoing":
        q = Outgoing.select().where(Outgoing.secrecy == "Thường")
        if date_from:
            q = q.where(Outgoing.doc_date >= date_from)
        if date_to:
            q = q.where(Outgoing.doc_date <= date_to)
        for d in q.order_by(Outgoing.doc_date, Outgoing.id).iterator():
            yield outgoing_row(d)
    elif kind == "directory":
        yield from export_rows()
    else:
        raise ValidationError(f"Không có sổ “{kind}” (chọn: incoming, outgoing, directory).", "kind")


# --- writers ----------------------------------------------------------------------------------
def _atomic_target(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    return out.with_name(f".{out.name}.{os.getpid()}.tmp")


def write_csv(out: Path | str, headers: list[str], rows: Iterable[list[str]]) -> int:
    """UTF-8 with a byte-order mark, so Excel shows Vietnamese correctly. Returns rows written."""
    out = Path(out)
    tmp = _atomic_target(out)
    n = 0
    try:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(headers)
            for r in rows:
                w.writerow(r)
                n += 1
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return n


def write_xlsx(out: Path | str, headers: list[str], rows: Iterable[list[str]], title: str = "Sổ") -> int:
    from openpyxl import Workbook                      # lazy: only when exporting
    from openpyxl.styles import Alignment, Font
    out = Path(out)
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = title[:31]
    ws.append(headers)
    for c in ws[1]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [max(8, len(h) + 2) for h in headers]
    n = 0
    for r in rows:
        ws.append(r)
        n += 1
        for i, v in enumerate(r):
            widths[i] = min(60, max(widths[i], len(v or "") + 2))
    for i, w in enumerate(widths):
        ws.column_dimensions[_col_letter(i + 1)].width = w
    ws.freeze_panes = "A2"
    tmp = _atomic_target(out)
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return n


def _col_letter(i: int) -> str:
    s = ""
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def export(actor, kind: str, fmt: str, out: Path | str, *, year: int | None = None,
           date_from: _dt.date | None = None, date_to: _dt.date | None = None) -> int:
    """Write one register (incoming, outgoing, directory) as CSV or XLSX; returns rows written."""
    if fmt not in FORMATS:
        raise ValidationError(f"Định dạng không hỗ trợ: {fmt} (chọn csv hoặc xlsx).", "format")
    if kind not in COLUMNS:
        raise ValidationError(f"Không có sổ “{kind}” (chọn: incoming, outgoing, directory).", "kind")
    rows = book_rows(actor, kind, year=year, date_from=date_from, date_to=date_to)
    headers = COLUMNS[kind]
    n = (write_csv(out, headers, rows) if fmt == "csv"
         else write_xlsx(out, headers, rows, TITLES[kind]))
    audit.append(actor, "export", kind, None, None,
                 {"format": fmt, "rows": n, "year": year, "file": Path(out).name})
    return n
