"""The cash book (sổ quỹ tiền mặt): money in (phiếu thu) and out (phiếu chi), a running
balance, monthly totals and closing.

Money in always has a numbered receipt (models.receipts) made in the same transaction. Money
out gets a payment voucher number per year. A line that would take the balance below zero — at
its date or at any later line — is refused, unless an administrator overrides; the override is
written to the audit log with the balance it allowed. A line is never dated after today. A
line entered by mistake is cancelled with a reason — a receipt's through its receipt, a voucher
here (``cancel_entry``) —: it stays in the book, marked with who, when and why, and no longer
counts.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from peewee import BooleanField, CharField, DateField, DateTimeField, IntegerField, TextField, fn

from . import audit, dashboard, labels, receipts, users, writes
from .db import BaseModel, db
from .errors import NotFound, ValidationError
from .money import format_money, parse_money
from .registers import DataSource
from .text import format_date, nfc


class CashEntry(BaseModel):
    entry_date = DateField(index=True)
    direction = CharField()                    # in | out
    year = IntegerField()
    number = IntegerField()                    # receipt number (in) or voucher number (out)
    receipt_id = IntegerField(null=True, index=True)
    person = CharField(default="")             # người nộp / người nhận
    description = TextField()
    amount = IntegerField()
    cancelled = BooleanField(default=False)
    # who cancelled the line, when and why (migration 17; a receipt's line copies its receipt's)
    cancelled_by = CharField(default="")
    cancelled_at = DateTimeField(null=True)
    cancel_reason = TextField(default="")
    override_by = CharField(default="")        # who allowed it below zero
    created_by = CharField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "cash_entry"
        indexes = ((("entry_date", "id"), False),)

    @property
    def signed(self) -> int:
        return self.amount if self.direction == "in" else -self.amount

    @property
    def doc_label(self) -> str:
        prefix = "PT" if self.direction == "in" else "PC"
        return f"{prefix} {self.number:04d}/{self.year}"


CASH_MODELS = [CashEntry]


def _signed_sum(q) -> int:
    ins = q.where(CashEntry.direction == "in").select(fn.SUM(CashEntry.amount)).scalar() or 0
    outs = q.where(CashEntry.direction == "out").select(fn.SUM(CashEntry.amount)).scalar() or 0
    return int(ins) - int(outs)


def _live():
    return CashEntry.select().where(CashEntry.cancelled == False)  # noqa: E712


def balance(on: _dt.date | None = None) -> int:
    """The cash in hand at the end of ``on`` (or now)."""
    q = _live()
    if on is not None:
        q = q.where(CashEntry.entry_date <= on)
    return _signed_sum(q)


def lowest_balance_from(day: _dt.date) -> tuple[int, _dt.date | None]:
    """The lowest running balance at or after ``day`` and the date it happens."""
    running = balance(day - _dt.timedelta(days=1))
    low, low_on = running, None
    for e in _live().where(CashEntry.entry_date >= day).order_by(CashEntry.entry_date, CashEntry.id):
        running += e.signed
        if low_on is None or running < low:
            low, low_on = running, e.entry_date
    return low, low_on


class Overdrawn(ValidationError):
    """The book would go below zero: an administrator may still allow it (``override``)."""


def _guard(actor, day: _dt.date, override: bool, what: str) -> str:
    """Refuse (Overdrawn) if the book now goes below zero from ``day``; with an admin's
    override, log it and return the overrider's name."""
    low, low_on = lowest_balance_from(day)
    if low >= 0:
        return ""
    if not override:
        raise Overdrawn(
            f"{what} làm số dư quỹ âm ({format_money(low)} ngày {format_date(low_on)}). "
            "Chỉ quản trị viên được cho phép vượt số dư, và việc đó được ghi nhật ký.", "amount")
    users.require(actor, "cash.override")
    audit.append(actor, "override", "cash_entry", None, None,
                 {"what": what, "lowest_balance": low, "on": format_date(low_on)})
    return audit.actor_name(actor)


def _as_amount(v) -> int:
    n = parse_money(v, "amount")
    if n <= 0:
        raise ValidationError("Số tiền phải lớn hơn 0.", "amount")
    return n


def _entry_date(on: _dt.date | None, today: _dt.date | None, what: str) -> _dt.date:
    """The line's date (default today), refused when it is after today: money not yet taken or
    paid would change today's balance."""
    today = today or _dt.date.today()
    on = on or today
    if on > today:
        raise ValidationError(f"Ngày {format_date(on)} chưa đến: {what} chỉ ghi đến hôm nay "
                              f"({format_date(today)}).", "on")
    return on


def record_income(actor, amount, description: str, person: str, *, on: _dt.date | None = None,
                  kind: str = "other", cell: str = "", months: str = "",
                  today: _dt.date | None = None) -> CashEntry:
    """Money in: a numbered receipt and its cash book line, together. ``on`` (default today)
    may not be after ``today`` (default the computer's date)."""
    users.require(actor, "cash.edit")
    amount = _as_amount(amount)
    description = nfc(description)
    if not description:
        raise ValidationError("Chưa ghi nội dung thu.", "description")
    on = _entry_date(on, today, "phiếu thu")
    with db.atomic():
        r = receipts.issue(actor, issued_on=on, payer=person, amount=amount, reason=description,
                           cell=cell, months=months, kind=kind)
        e = CashEntry.create(entry_date=on, direction="in", year=r.year, number=r.number,
                             receipt_id=r.id, person=r.payer, description=description[:500],
                             amount=amount, created_by=audit.actor_name(actor))
        audit.log_change(actor, "create", e)
        return e


def record_expense(actor, amount, description: str, person: str = "", *,
                   on: _dt.date | None = None, override: bool = False,
                   today: _dt.date | None = None) -> CashEntry:
    """Money out (phiếu chi). Refused if the balance would go below zero, unless an
    administrator overrides (logged), and when ``on`` is after ``today`` (default the
    computer's date)."""
    users.require(actor, "cash.edit")
    amount = _as_amount(amount)
    description = nfc(description)
    if not description:
        raise ValidationError("Chưa ghi nội dung chi.", "description")
    on = _entry_date(on, today, "phiếu chi")
    with db.atomic():
        n = CashEntry.select(fn.MAX(CashEntry.number)).where(
            (CashEntry.direction == "out") & (CashEntry.year == on.year)).scalar() or 0
        e = CashEntry.create(entry_date=on, direction="out", year=on.year, number=n + 1,
                             person=nfc(person)[:200], description=description[:500],
                             amount=amount, created_by=audit.actor_name(actor))
        who = _guard(actor, on, override, f"Khoản chi {format_money(amount)}")
        if who:
            e.override_by = who
            e.save()
        audit.log_change(actor, "create", e)
        return e


def _on_receipt_cancelled(actor, r, override: bool) -> None:
    e = CashEntry.get_or_none(CashEntry.receipt_id == r.id)
    if e is None or e.cancelled:
        return
    before = audit.snapshot(e)
    e.cancelled = True
    e.cancelled_by, e.cancelled_at, e.cancel_reason = r.cancelled_by, r.cancelled_at, r.cancel_reason
    e.save()
    who = _guard(actor, e.entry_date, override, f"Hủy phiếu thu {r.label}")
    if who:
        e.override_by = who
        e.save()
    audit.log_change(actor, "cancel", e, before)


receipts.on_cancel(_on_receipt_cancelled)


class AlreadyCancelled(ValidationError):
    """The line was cancelled before: nothing to do (the screen says so without asking why)."""


def cancel_entry(actor, entry: CashEntry | int, reason: str, *, override: bool = False) -> CashEntry:
    """Cancel a line entered by mistake, with a reason: a receipt's line through its receipt
    (receipts.cancel_receipt: the dues months are undone too), a payment voucher here. The line
    stays in the book, marked with who, when and why, and no longer counts."""
    eid = entry.id if isinstance(entry, CashEntry) else int(entry)
    e = get_entry(eid)
    if e.cancelled:
        raise AlreadyCancelled(f"{e.doc_label} đã hủy từ trước.", "reason")
    if e.receipt_id is not None:
        receipts.cancel_receipt(actor, e.receipt_id, reason, override=override)
        return get_entry(eid)
    reason = nfc(reason)
    with writes.change(actor, "cash.edit", lambda: get_entry(eid), "cancel", reason=reason,
                       reason_missing="Ghi rõ lý do hủy phiếu chi.") as c:
        if len(c.reason) < 3:
            raise ValidationError("Ghi rõ lý do hủy phiếu chi.", "reason")
        if c.record.cancelled:
            raise AlreadyCancelled(f"{c.record.doc_label} đã hủy từ trước.", "reason")
        c.record.cancelled = True
        c.record.cancelled_by = audit.actor_name(actor)
        c.record.cancelled_at = _dt.datetime.now().replace(microsecond=0)
        c.record.cancel_reason = c.reason[:500]
    return c.record


def _describe_entry(record_id: str) -> str:
    """"PC 0003/2026 150.000 đ — Nguyễn Văn An": the voucher, the amount, who paid or was paid."""
    e = CashEntry.get_by_id(int(record_id))
    return f"{e.doc_label} {format_money(e.amount)}" + (f" — {e.person}" if e.person else "")


audit.register_describer("cash_entry", _describe_entry)       # the audit log names the line


# --- reading ------------------------------------------------------------------------------------
@dataclass
class BookLine:
    entry: CashEntry
    balance: int          # after this line (a cancelled line leaves it unchanged)


def lines(date_from: _dt.date, date_to: _dt.date) -> tuple[int, list[BookLine]]:
    """(opening balance, lines with running balance) for a period, book order."""
    opening = balance(date_from - _dt.timedelta(days=1))
    running = opening
    out = []
    q = (CashEntry.select().where((CashEntry.entry_date >= date_from) & (CashEntry.entry_date <= date_to))
         .order_by(CashEntry.entry_date, CashEntry.id))
    for e in q:
        if not e.cancelled:
            running += e.signed
        out.append(BookLine(e, running))
    return opening, out


@dataclass
class MonthTotal:
    year: int
    month: int
    opening: int
    income: int
    expense: int

    @property
    def closing(self) -> int:
        return self.opening + self.income - self.expense


def month_totals(year: int, actor=None) -> list[MonthTotal]:
    """Each month of ``year``: opening, money in, money out, closing."""
    if actor is not None:
        users.require(actor, "dues.view")
    out = []
    for m in range(1, 13):
        start = _dt.date(year, m, 1)
        end = _dt.date(year + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1)
        q = _live().where((CashEntry.entry_date >= start) & (CashEntry.entry_date <= end))
        inc = q.where(CashEntry.direction == "in").select(fn.SUM(CashEntry.amount)).scalar() or 0
        exp = q.where(CashEntry.direction == "out").select(fn.SUM(CashEntry.amount)).scalar() or 0
        out.append(MonthTotal(year, m, balance(start - _dt.timedelta(days=1)), int(inc), int(exp)))
    return out


def get_entry(entry_id: int) -> CashEntry:
    e = CashEntry.get_or_none(CashEntry.id == entry_id)
    if e is None:
        raise NotFound(f"Không có dòng sổ quỹ số {entry_id}.")
    return e


class CashBookSource(DataSource):
    """The cash book, oldest first, with the running balance. Cells: date, voucher, content,
    in, out, balance; ``flags(key)`` says whether a line is cancelled (the screen colours it)."""
    kind = "cash"
    title = "Sổ quỹ tiền mặt"
    columns = [labels.ENTRY_DATE, labels.VOUCHER, labels.DESCRIPTION, labels.CASH_IN, labels.CASH_OUT,
               labels.BALANCE]
    widths = [10, 12, 0, 11, 11, 12]
    descending = False
    permission = "dues.view"

    def __init__(self, actor, text: str | None = None, *, year: int | None = None):
        super().__init__(actor)
        self.year = year
        self.text = nfc(text)

    def query(self):
        q = CashEntry.select()
        if self.year:
            q = q.where((CashEntry.entry_date >= _dt.date(self.year, 1, 1))
                        & (CashEntry.entry_date <= _dt.date(self.year, 12, 31)))
        if self.text:
            q = q.where(CashEntry.description.contains(self.text) | CashEntry.person.contains(self.text))
        return q

    def order_fields(self):
        return [CashEntry.entry_date, CashEntry.id]

    def fetch(self, after_key=None, limit: int = 50):
        rows = self._page(after_key, limit, lean=False)
        if not rows:
            return []
        first = rows[0]
        running = _signed_sum(_live().where(
            (CashEntry.entry_date < first.entry_date)
            | ((CashEntry.entry_date == first.entry_date) & (CashEntry.id < first.id))))
        out = []
        for e in rows:
            if not e.cancelled:
                running += e.signed
            out.append((self.key_of(e), [
                format_date(e.entry_date), e.doc_label, e.description,
                format_money(e.amount, unit=False) if e.direction == "in" else "",
                format_money(e.amount, unit=False) if e.direction == "out" else "",
                format_money(running, unit=False)]))
        return out

    def flags(self, key) -> set[str]:
        e = CashEntry.get_or_none(CashEntry.id == self.ref(key))
        return {"cancelled"} if e is not None and e.cancelled else set()


def _panel(actor, today: _dt.date):
    if not users.can(actor, "dues.view"):
        return None
    b = balance()
    return dashboard.Panel("Tồn quỹ tiền mặt", b, [f"Số dư đến hôm nay: {format_money(b)}"],
                           area="cashbook", severity="error" if b < 0 else "info")


dashboard.register_panel(310, "cashbook.balance", _panel)


EXPORT_HEADERS = labels.CASHBOOK_COLUMNS


def export_rows(year: int | None = None):
    date_from = _dt.date(year, 1, 1) if year else _dt.date(1900, 1, 1)
    date_to = _dt.date(year, 12, 31) if year else _dt.date(9999, 12, 31)
    _, book = lines(date_from, date_to)
    for ln in book:
        e = ln.entry
        if e.cancelled:
            note = f"Đã hủy: {e.cancel_reason}" if e.cancel_reason else "Đã hủy"
        else:
            note = f"Chi vượt số dư, {e.override_by} cho phép" if e.override_by else ""
        yield [format_date(e.entry_date), e.doc_label, e.person, e.description,
               str(e.amount) if e.direction == "in" else "", str(e.amount) if e.direction == "out" else "",
               str(ln.balance), note]
