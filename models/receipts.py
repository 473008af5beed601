"""Receipts (phiếu thu): numbered per year, cancelled with a reason, reprinted with a count.

A receipt is created inside the transaction that saves the money it acknowledges (a dues
payment, another cash income), so there is never a receipt for a payment that was not saved,
nor a number lost to a failed save. Numbers run 1, 2, 3… within a calendar year; a cancelled
receipt keeps its number and stays in the book, marked with the reason.

Printing asks ``for_print``: it counts the printing (the first is the original, later ones say
"Bản in lại") and hands the printout a plain ``ReceiptView``.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Callable

from peewee import CharField, DateField, DateTimeField, IntegerField, TextField, fn

from . import audit, office, users
from .db import BaseModel, db
from .errors import NotFound, ValidationError
from .money import amount_in_words
from .text import nfc

office.define_setting("receipts.paper", "Khổ giấy in phiếu thu (A4: hai liên một trang; A5: mỗi "
                      "liên một trang)", "str", "A4", "Gõ A4 hoặc A5.")


class Receipt(BaseModel):
    year = IntegerField()
    number = IntegerField()
    issued_on = DateField(index=True)
    payer = CharField()                      # họ tên người nộp tiền
    cell = CharField(default="")             # chi bộ
    reason = TextField()                     # lý do nộp: Nộp đảng phí tháng 01, 02/2026
    months = CharField(default="")           # "01/2026, 02/2026" (dues receipts)
    amount = IntegerField()
    kind = CharField(default="dues")         # dues | other
    status = CharField(default="valid")      # valid | cancelled
    cancel_reason = TextField(default="")
    cancelled_by = CharField(default="")
    cancelled_at = DateTimeField(null=True)
    print_count = IntegerField(default=0)
    created_by = CharField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "receipt"
        indexes = ((("year", "number"), True),)

    @property
    def label(self) -> str:
        return f"{self.number:04d}/{self.year}"

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


RECEIPT_MODELS = [Receipt]

# called inside the cancelling transaction: fn(actor, receipt, override) — the cash book drops its
# line, dues marks the payment cancelled
_CANCEL_HOOKS: list[Callable] = []


def on_cancel(fn_: Callable) -> None:
    if fn_ not in _CANCEL_HOOKS:
        _CANCEL_HOOKS.append(fn_)


def next_number(year: int) -> int:
    n = Receipt.select(fn.MAX(Receipt.number)).where(Receipt.year == year).scalar()
    return (n or 0) + 1


def issue(actor, *, issued_on: _dt.date, payer: str, amount: int, reason: str, cell: str = "",
          months: str = "", kind: str = "dues") -> Receipt:
    """A new numbered receipt. Call inside the transaction that saves the money."""
    if not isinstance(amount, int) or amount <= 0:
        raise ValidationError("Số tiền trên phiếu thu phải lớn hơn 0.", "amount")
    payer = nfc(payer)
    if not payer:
        raise ValidationError("Chưa ghi người nộp tiền.", "payer")
    with db.atomic():
        r = Receipt.create(year=issued_on.year, number=next_number(issued_on.year),
                           issued_on=issued_on, payer=payer[:200], cell=nfc(cell)[:200],
                           reason=nfc(reason)[:500], months=nfc(months)[:200], amount=amount,
                           kind=kind, created_by=audit.actor_name(actor))
        audit.log_change(actor, "create", r)
        return r


def get_receipt(number: int, year: int) -> Receipt:
    r = Receipt.get_or_none((Receipt.year == int(year)) & (Receipt.number == int(number)))
    if r is None:
        raise NotFound(f"Không có phiếu thu số {int(number)} năm {int(year)}.")
    return r


def cancel_receipt(actor, receipt: Receipt | int, reason: str, *, override: bool = False) -> Receipt:
    """Cancel a receipt: it stays in the book with the reason; what it acknowledged is undone
    (the cash book line, the dues months) in the same transaction."""
    users.require(actor, "cash.edit")
    reason = nfc(reason)
    if len(reason) < 3:
        raise ValidationError("Ghi rõ lý do hủy phiếu thu.", "reason")
    with db.atomic():
        rid = receipt.id if isinstance(receipt, Receipt) else int(receipt)
        r = Receipt.get_or_none(Receipt.id == rid)
        if r is None:
            raise NotFound("Không có phiếu thu này.")
        if r.cancelled:
            raise ValidationError(f"Phiếu thu số {r.label} đã hủy từ trước.", "reason")
        before = audit.snapshot(r)
        r.status = "cancelled"
        r.cancel_reason = reason[:500]
        r.cancelled_by = audit.actor_name(actor)
        r.cancelled_at = _dt.datetime.now().replace(microsecond=0)
        r.save()
        audit.log_change(actor, "cancel", r, before)
        for hook in _CANCEL_HOOKS:
            hook(actor, r, override)
        return r


@dataclass
class ReceiptView:
    """What a printed receipt shows: plain values, no database."""
    year: int
    number: int
    issued_on: _dt.date
    payer: str
    cell: str
    reason: str
    months: str
    amount: int
    amount_words: str
    reprint: bool
    cancelled: bool
    cancel_reason: str = ""
    treasurer: str = ""
    extra_lines: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.number:04d}/{self.year}"


def view(r: Receipt, reprint: bool, treasurer: str = "") -> ReceiptView:
    return ReceiptView(r.year, r.number, r.issued_on, r.payer, r.cell, r.reason, r.months, r.amount,
                       amount_in_words(r.amount), reprint, r.cancelled, r.cancel_reason, treasurer)


def for_print(actor, receipts: list[Receipt | int]) -> list[ReceiptView]:
    """Receipts about to be printed, in the order given: each printing is counted and audited,
    one transaction for the batch. A receipt printed before comes back marked as a reprint."""
    users.require(actor, "dues.view")
    ids = [r.id if isinstance(r, Receipt) else int(r) for r in receipts]
    out: list[ReceiptView] = []
    with db.atomic():
        rows = {r.id: r for r in Receipt.select().where(Receipt.id.in_(ids))}
        # the treasurer who signs is the one who took the money, not whoever prints it again
        names = {u.username: u.full_name for u in users.User.select(users.User.username, users.User.full_name)
                 .where(users.User.username.in_({r.created_by for r in rows.values()}))}
        for rid in ids:
            r = rows.get(rid)
            if r is None:
                raise NotFound(f"Không có phiếu thu mã {rid}.")
            out.append(view(r, r.print_count > 0, names.get(r.created_by, "")))
        Receipt.update(print_count=Receipt.print_count + 1).where(Receipt.id.in_(ids)).execute()
        audit.append(actor, "print", "receipt", ids[0] if len(ids) == 1 else None, None,
                     {"receipts": [f"{rows[i].number}/{rows[i].year}" for i in ids][:50],
                      "count": len(ids)})
    return out


def _describe_receipt(record_id: str) -> str:
    r = Receipt.get_by_id(int(record_id))
    return f"phiếu thu {r.label} — {r.payer}"


audit.register_describer("receipt", _describe_receipt)     # the audit log names the receipt


def receipts_between(date_from: _dt.date, date_to: _dt.date) -> list[Receipt]:
    return list(Receipt.select().where((Receipt.issued_on >= date_from)
                                       & (Receipt.issued_on <= date_to))
                .order_by(Receipt.year, Receipt.number))
