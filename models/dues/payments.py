"""Payments (a cash one gets its receipt and cash book line), unpaid months and the flag on Hôm nay."""
from __future__ import annotations

import datetime as _dt
from typing import Iterable, cast

from .. import audit, cashbook, dashboard, receipts, users
from ..db import db
from ..errors import ValidationError
from ..members import Member, _get as _get_member
from ..money import format_money, parse_money
from ..text import nfc
from ..writes import get_or_refuse
from .records import DuesPayment, METHODS, PaymentMonth, UNPAID_FLAG
from .rules import Due, Rules, format_month, month_start, months_label, parse_month


# --- payments -------------------------------------------------------------------------------------
def paid_months(member_id: int, year: int | None = None) -> set[_dt.date]:
    q = PaymentMonth.select(PaymentMonth.month).where((PaymentMonth.member == member_id)
                                                      & (PaymentMonth.cancelled == False))  # noqa: E712
    if year:
        q = q.where((PaymentMonth.month >= _dt.date(year, 1, 1))
                    & (PaymentMonth.month <= _dt.date(year, 12, 1)))
    return {r.month for r in q}


def record_payment(actor, member, months, *, method: str = "cash", extra=0,
                   paid_on: _dt.date | None = None, payer: str = "", note: str = "") -> DuesPayment:
    """Record a member's dues for one or several months (each at the amount the rule in force
    that month gives), plus any voluntary extra, recorded separately. Cash gets a numbered
    receipt and a cash book line in the same transaction."""
    users.require(actor, "dues.collect")
    if method not in METHODS:
        raise ValidationError("Chọn hình thức nộp: tiền mặt hoặc Cổng Dịch vụ công.", "method")
    if isinstance(months, (str, _dt.date, tuple)):
        months = [months]
    mos = sorted({parse_month(m, "months") for m in months})
    if not mos:
        raise ValidationError("Chọn ít nhất một tháng.", "months")
    if len(mos) > 24:
        raise ValidationError("Mỗi lần ghi tối đa 24 tháng.", "months")
    extra = parse_money(extra if extra not in (None, "") else 0, "extra")
    paid_on = paid_on or _dt.date.today()
    with db.atomic():
        m = _get_member(member)
        rules = Rules()
        already = paid_months(m.id)
        dues: list[Due] = []
        for mo in mos:
            if mo in already:
                raise ValidationError(f"Tháng {format_month(mo)} đã nộp rồi.", "months")
            d = rules.due(m, mo)
            if d is None:
                raise ValidationError(f"Tháng {format_month(mo)}: {m.full_name} không phải đóng "
                                      "đảng phí (chưa vào Đảng, đã chuyển đi, hoặc chưa có mức "
                                      "đóng áp dụng).", "months")
            if d.amount == 0:
                raise ValidationError(f"Tháng {format_month(mo)}: {m.full_name} được miễn đóng "
                                      "đảng phí.", "months")
            dues.append(d)
        amount = sum(d.amount for d in dues)
        payer = nfc(payer) or m.full_name
        p = DuesPayment.create(member=m, paid_on=paid_on, method=method, amount=amount, extra=extra,
                               payer=payer[:200], note=nfc(note)[:500],
                               created_by=audit.actor_name(actor))
        PaymentMonth.insert_many([{"payment": p.id, "member": m.id, "month": d.month,
                                   "amount": d.amount} for d in dues]).execute()
        if method == "cash":
            label = months_label(mos)
            desc = f"Thu đảng phí tháng {label} của {m.full_name}"
            if extra:
                desc += f" (đóng góp tự nguyện {format_money(extra)})"
            e = cashbook.record_income(actor, amount + extra, desc, payer, on=paid_on, kind="dues",
                                       cell=m.cell, months=label)
            p.receipt_id = e.receipt_id
            p.save()
        audit.log_change(actor, "create", p)
        return p


def _on_receipt_cancelled(actor, r, override: bool) -> None:
    for p in DuesPayment.select().where((DuesPayment.receipt == r.id) & (DuesPayment.cancelled == False)):  # noqa: E712
        before = audit.snapshot(p)
        p.cancelled = True
        p.save()
        PaymentMonth.update(cancelled=True).where(PaymentMonth.payment == p.id).execute()
        audit.log_change(actor, "cancel", p, before)


receipts.on_cancel(_on_receipt_cancelled)


def cancel_portal_payment(actor, payment_id: int, reason: str) -> DuesPayment:
    """A portal payment recorded by mistake (a cash one is cancelled through its receipt)."""
    users.require(actor, "dues.collect")
    reason = nfc(reason)
    if len(reason) < 3:
        raise ValidationError("Ghi rõ lý do hủy.", "reason")
    with db.atomic():
        p = get_or_refuse(DuesPayment, payment_id, "Không có lần nộp này.")
        if p.receipt_id:
            receipts.cancel_receipt(actor, p.receipt_id, reason)
            return DuesPayment.get_by_id(p.id)
        before = audit.snapshot(p)
        p.cancelled, p.note = True, (p.note + f" Đã hủy: {reason}").strip()[:500]
        p.save()
        PaymentMonth.update(cancelled=True).where(PaymentMonth.payment == p.id).execute()
        audit.log_change(actor, "cancel", p, before)
        return p


def payments_of(member_id: int) -> list[DuesPayment]:
    return list(DuesPayment.select().where(DuesPayment.member == member_id)
                .order_by(DuesPayment.paid_on.desc(), DuesPayment.id.desc()))


def receipt_of(payment: DuesPayment | int) -> receipts.Receipt | None:
    p = payment if isinstance(payment, DuesPayment) else DuesPayment.get_by_id(payment)
    return receipts.Receipt.get_or_none(receipts.Receipt.id == p.receipt_id) if p.receipt_id else None


# --- unpaid -------------------------------------------------------------------------------------
def _ended_months(year: int, today: _dt.date) -> list[_dt.date]:
    last = month_start(today)          # the current month is not over yet
    return [_dt.date(year, m, 1) for m in range(1, 13) if _dt.date(year, m, 1) < last]


def unpaid_months(member, year: int, today: _dt.date | None = None,
                  rules: Rules | None = None) -> list[_dt.date]:
    """Months of ``year`` already over for which the member owed dues and has not paid."""
    today = today or _dt.date.today()
    m = member if isinstance(member, Member) else _get_member(member)
    rules = rules or Rules()
    paid = paid_months(m.id, year)
    out = []
    for mo in _ended_months(year, today):
        d = rules.due(m, mo)
        if d is not None and d.amount > 0 and mo not in paid:
            out.append(mo)
    return out


def flagged_members(actor, year: int | None = None, today: _dt.date | None = None
                    ) -> list[tuple[Member, int]]:
    """Members with UNPAID_FLAG or more unpaid months in the calendar year (never removed:
    the chi bộ decides), Vietnamese order."""
    users.require(actor, "dues.view")
    today = today or _dt.date.today()
    year = year or today.year
    rules = Rules()
    months = _ended_months(year, today)
    if len(months) < UNPAID_FLAG:
        return []
    paid: dict[int, set] = {}
    rows = PaymentMonth.select(PaymentMonth.member, PaymentMonth.month).where(
        (PaymentMonth.cancelled == False) & (PaymentMonth.month >= months[0])  # noqa: E712
        & (PaymentMonth.month <= months[-1])).tuples()
    for r in cast(Iterable[tuple[int, _dt.date]], rows):
        paid.setdefault(r[0], set()).add(r[1])
    out = []
    for m in Member.select().order_by(Member.sort_key, Member.id):
        got = paid.get(m.id, set())
        if len(months) - len(got) < UNPAID_FLAG:
            continue                                   # cannot have 3 unpaid months
        n = 0
        for mo in months:
            d = rules.due(m, mo)
            if d is not None and d.amount > 0 and mo not in got:
                n += 1
        if n >= UNPAID_FLAG:
            out.append((m, n))
    return out


def _panel(actor, today: _dt.date):
    if not users.can(actor, "dues.view"):
        return None
    flagged = flagged_members(actor, today.year, today)
    if not flagged:
        return None
    return dashboard.Panel(f"Đảng viên chưa đóng đảng phí từ {UNPAID_FLAG} tháng trở lên "
                           f"(năm {today.year})", len(flagged),
                           [f"{m.full_name} — {m.cell}: {n} tháng" for m, n in flagged[:5]],
                           area="dues", severity="warning")


dashboard.register_panel(300, "dues.unpaid", _panel)


def receipt_ids_for(member, month) -> list[int]:
    """The receipts of a member's payments that cover ``month`` (cancelled ones left out)."""
    mid = member.id if hasattr(member, "id") else member
    return [p.receipt_id for p in DuesPayment.select().join(PaymentMonth).where(
        (PaymentMonth.member == mid) & (PaymentMonth.month == month)
        & (PaymentMonth.cancelled == False)) if p.receipt_id]  # noqa: E712


# --- the audit log names these records as a clerk does ----------------------------------------
def _describe_payment(record_id: str) -> str:
    """"đảng phí tháng 01, 02/2026 — Nguyễn Văn An (phiếu thu 0012/2026)"."""
    p = DuesPayment.get_by_id(int(record_id))
    months = months_label([pm.month for pm in PaymentMonth.select(PaymentMonth.month)
                           .where(PaymentMonth.payment == p.id)])
    r = receipt_of(p)
    return (f"đảng phí tháng {months} — {p.member.full_name}"
            + (f" (phiếu thu {r.label})" if r is not None else f" ({METHODS[p.method]})"))


def _describe_payment_month(record_id: str) -> str:
    pm = PaymentMonth.get_by_id(int(record_id))
    return f"đảng phí tháng {format_month(pm.month)} — {pm.member.full_name}"


audit.register_describer("dues_payment", _describe_payment)
audit.register_describer("dues_payment_month", _describe_payment_month)
