"""Exports of members and payments, and the dues' figures in the statistics."""
from __future__ import annotations

import datetime as _dt

from .. import audit, cashbook, labels, receipts, users
from ..errors import ValidationError
from ..members import PAYING_STATUSES, Member
from ..text import format_date
from .records import DuesPayment, METHODS, PaymentMonth
from .remittance import collected_between
from .rules import Rules, expected_month, month_start, months_label, next_month


# --- exports --------------------------------------------------------------------------------------
PAYMENT_HEADERS = labels.PAYMENT_COLUMNS


def payment_rows(year: int | None = None):
    q = (DuesPayment.select(DuesPayment, Member).join(Member)
         .order_by(DuesPayment.paid_on, DuesPayment.id))
    if year:
        q = q.where((DuesPayment.paid_on >= _dt.date(year, 1, 1))
                    & (DuesPayment.paid_on <= _dt.date(year, 12, 31)))
    rlabels = {r.id: r.label for r in receipts.Receipt.select(receipts.Receipt.id, receipts.Receipt.year,
                                                               receipts.Receipt.number)}
    for p in q.iterator():
        mos = [pm.month for pm in PaymentMonth.select(PaymentMonth.month).where(PaymentMonth.payment == p.id)]
        yield [format_date(p.paid_on), p.member.full_name, p.member.cell, months_label(mos),
               str(p.amount), str(p.extra), METHODS.get(p.method, p.method),
               rlabels.get(p.receipt_id, ""), "Đã hủy" if p.cancelled else ""]


EXPORT_KINDS = {"members": "danh sách đảng viên", "dues": "các lần nộp đảng phí",
                "cashbook": "sổ quỹ tiền mặt", "assets": "sổ tài sản"}


def export(actor, kind: str, fmt: str, out, *, year: int | None = None) -> int:
    """Write one of the treasurer's books as CSV or XLSX (models.exports writers); audited.
    Members and dues hold personal data: ``members.view`` / ``dues.view`` only."""
    from .. import assets, exports, members as _members
    if fmt not in ("csv", "xlsx"):
        raise ValidationError(f"Định dạng không hỗ trợ: {fmt} (chọn csv hoặc xlsx).", "format")
    if kind == "members":
        users.require(actor, "members.view")
        headers, rows, title = _members.EXPORT_HEADERS, _members.export_rows(), "Đảng viên"
    elif kind == "dues":
        users.require(actor, "dues.view")
        headers, rows, title = PAYMENT_HEADERS, payment_rows(year), "Đảng phí"
    elif kind == "cashbook":
        users.require(actor, "dues.view")
        headers, rows, title = cashbook.EXPORT_HEADERS, cashbook.export_rows(year), "Sổ quỹ"
    elif kind == "assets":
        users.require(actor, "records.view")
        headers, rows, title = assets.EXPORT_HEADERS, assets.export_rows(), "Tài sản"
    else:
        raise ValidationError(f"Không có sổ “{kind}” (chọn: {', '.join(EXPORT_KINDS)}).", "kind")
    n = (exports.write_csv(out, headers, rows) if fmt == "csv"
         else exports.write_xlsx(out, headers, rows, title))
    from pathlib import Path
    audit.append(actor, "export", kind, None, None,
                 {"format": fmt, "rows": n, "year": year, "file": Path(out).name})
    return n


# --- statistics -----------------------------------------------------------------------------
def _figures(start: _dt.date, end: _dt.date):
    """Members at the period's end; dues owed for the months inside the period against what was
    paid for those months; money received in the period."""
    from peewee import fn

    from ..statistics import Figure
    members = Member.select().where(Member.status.in_(PAYING_STATUSES)).count()
    months, mo = [], month_start(start)
    if mo < start:
        mo = next_month(mo)
    while mo <= end:
        months.append(mo)
        mo = next_month(mo)
    rules = Rules()
    expected = sum(d.amount for m in months for d in expected_month(m.year, m.month, rules=rules).values())
    paid = (PaymentMonth.select(fn.COALESCE(fn.SUM(PaymentMonth.amount), 0))
            .where(PaymentMonth.month.in_(months) & (PaymentMonth.cancelled == False))  # noqa: E712
            .scalar()) if months else 0
    received = collected_between(start, end)
    return [Figure("Đảng viên, đảng phí", "Đảng viên (đang sinh hoạt, miễn sinh hoạt)", members),
            Figure("Đảng viên, đảng phí", f"Đảng phí phải thu ({len(months)} tháng)", expected, "đ"),
            Figure("Đảng viên, đảng phí", "Đảng phí đã thu cho các tháng đó", int(paid or 0), "đ", level=1),
            Figure("Đảng viên, đảng phí", "Tiền đảng phí nhận trong kỳ", received.collected, "đ")]


def _register_figures() -> None:
    from .. import statistics
    statistics.register_figures("dues", _figures, order=30, permission="dues.view")


_register_figures()
