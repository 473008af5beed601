"""What was collected, the share remitted to the upper level, its deadline, and the dues report."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterable, cast

from .. import audit, cashbook, dashboard, office, users
from ..db import db
from ..errors import ValidationError
from ..members import Member
from ..money import format_money
from ..text import format_date, nfc
from .records import DuesPayment, PaymentMonth, Remittance
from .rules import Rules, format_month, month_start, next_month, parse_month


# --- remittance and the report -----------------------------------------------------------------
def period_label(period_from: _dt.date, period_to: _dt.date) -> str:
    """"03/2026", or "01/2026–03/2026" for a quarter."""
    return (format_month(period_from) if period_from == period_to
            else f"{format_month(period_from)}–{format_month(period_to)}")


def _period_months(period_from: _dt.date, period_to: _dt.date) -> tuple[_dt.date, _dt.date]:
    return period_from, next_month(period_to) - _dt.timedelta(days=1)


@dataclass
class Totals:
    collected_cash: int = 0
    collected_portal: int = 0
    extra: int = 0
    payments: int = 0

    @property
    def collected(self) -> int:
        return self.collected_cash + self.collected_portal


def collected_between(date_from: _dt.date, date_to: _dt.date, cell: str | None = None) -> Totals:
    t = Totals()
    q = DuesPayment.select(DuesPayment, Member).join(Member).where(
        (DuesPayment.cancelled == False) & (DuesPayment.paid_on >= date_from)  # noqa: E712
        & (DuesPayment.paid_on <= date_to))
    if cell:
        q = q.where(Member.cell == cell)
    for p in q:
        t.payments += 1
        t.extra += p.extra
        if p.method == "cash":
            t.collected_cash += p.amount + p.extra
        else:
            t.collected_portal += p.amount + p.extra
    return t


def split(collected: int) -> tuple[int, int]:
    """(kept, remitted) by the setting ``dues.keep_percent``."""
    keep = office.get_setting("dues.keep_percent")
    kept = collected * keep // 100
    return kept, collected - kept


def remit_deadline(period_to: _dt.date) -> _dt.date:
    n = next_month(period_to)
    return _dt.date(n.year, n.month, office.get_setting("dues.remit_day"))


def last_period(today: _dt.date) -> tuple[_dt.date, _dt.date]:
    """The last remittance period already over, by the setting ``dues.remit_schedule``
    (tháng: the previous month; quý: the previous quarter): (first month, last month)."""
    prev = month_start(month_start(today) - _dt.timedelta(days=1))
    if nfc(str(office.get_setting("dues.remit_schedule"))).lower().startswith("qu"):
        q_start = _dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        last = month_start(q_start - _dt.timedelta(days=1))
        return _dt.date(last.year, last.month - 2, 1), last
    return prev, prev


def remittance_due(today: _dt.date):
    """(period_from, period_to, deadline) of the last period not yet remitted, or None."""
    pf, pt = last_period(today)
    date_from, date_to = _period_months(pf, pt)
    if not DuesPayment.select().where((DuesPayment.cancelled == False)  # noqa: E712
                                      & (DuesPayment.paid_on >= date_from)
                                      & (DuesPayment.paid_on <= date_to)).exists():
        return None                                    # nothing collected: nothing to remit
    if Remittance.select().where((Remittance.period_from <= pt) & (Remittance.period_to >= pf)).exists():
        return None
    return pf, pt, remit_deadline(pt)


def _remit_panel(actor, today: _dt.date):
    if not users.can(actor, "dues.view"):
        return None
    due = remittance_due(today)
    if due is None:
        return None
    pf, pt, deadline = due
    label = period_label(pf, pt)
    return dashboard.Panel("Đảng phí chưa nộp cấp trên", 1,
                           [f"Kỳ {label}: hạn nộp {format_date(deadline)}"], area="dues",
                           severity="error" if today > deadline else "warning")


dashboard.register_panel(305, "dues.remittance", _remit_panel)


def record_remittance(actor, period_from, period_to=None, *, remitted_on: _dt.date | None = None,
                      note: str = "", override: bool = False) -> Remittance:
    """Remit the upper level's share of the cash collected in a period (a month or a quarter):
    the record, and a cash book payment for the cash part."""
    users.require(actor, "dues.collect")
    pf = parse_month(period_from, "period_from")
    pt = parse_month(period_to, "period_to") if period_to else pf
    if pt < pf:
        raise ValidationError("Kỳ kết thúc trước kỳ bắt đầu.", "period_to")
    remitted_on = remitted_on or _dt.date.today()
    with db.atomic():
        for r in Remittance.select():
            if r.period_from <= pt and pf <= r.period_to:
                raise ValidationError(f"Kỳ {format_month(r.period_from)}–{format_month(r.period_to)}"
                                      " đã nộp cấp trên.", "period_from")
        t = collected_between(*_period_months(pf, pt))
        kept, remitted = split(t.collected)
        cash_part = max(0, remitted - t.collected_portal)
        rem = Remittance.create(period_from=pf, period_to=pt, collected=t.collected,
                                portal=t.collected_portal, kept=kept, remitted=remitted,
                                keep_percent=office.get_setting("dues.keep_percent"),
                                remitted_on=remitted_on, note=nfc(note)[:500],
                                created_by=audit.actor_name(actor))
        if cash_part:
            label = period_label(pf, pt)
            o = office.get_office()
            e = cashbook.record_expense(actor, cash_part, f"Nộp đảng phí kỳ {label} lên cấp trên",
                                        o.superior if o else "", on=remitted_on, override=override)
            rem.cash_entry_id = e.id
            rem.save()
        audit.log_change(actor, "create", rem)
        return rem


@dataclass
class ReportRow:
    cell: str
    members: int
    due: int
    collected: int
    extra: int
    unpaid_members: int


@dataclass
class DuesReport:
    period_from: _dt.date
    period_to: _dt.date
    rows: list[ReportRow] = field(default_factory=list)
    collected_cash: int = 0
    collected_portal: int = 0
    kept: int = 0
    remitted: int = 0
    keep_percent: int = 0
    remitted_already: int = 0

    @property
    def total_due(self) -> int:
        return sum(r.due for r in self.rows)

    @property
    def total_collected(self) -> int:
        return sum(r.collected for r in self.rows)


def dues_report(actor, period_from, period_to=None) -> DuesReport:
    """Báo cáo thu nộp đảng phí for a month or a quarter: per chi bộ, what was owed for the
    period's months and what was paid for them; then cash and portal, kept and remitted."""
    users.require(actor, "dues.view")
    pf = parse_month(period_from, "period_from")
    pt = parse_month(period_to, "period_to") if period_to else pf
    rules = Rules()
    months = []
    mo = pf
    while mo <= pt:
        months.append(mo)
        mo = next_month(mo)
    paid: dict[tuple[int, _dt.date], int] = {}
    rows = (PaymentMonth.select(PaymentMonth.member, PaymentMonth.month, PaymentMonth.amount)
            .where((PaymentMonth.cancelled == False)  # noqa: E712
                   & (PaymentMonth.month >= pf) & (PaymentMonth.month <= pt)).tuples())
    for mid, mon, amt in cast(Iterable[tuple[int, _dt.date, int]], rows):
        paid[(mid, mon)] = amt
    by_cell: dict[str, ReportRow] = {}
    for m in Member.select():
        row = by_cell.setdefault(m.cell, ReportRow(m.cell, 0, 0, 0, 0, 0))
        counted = unpaid = False
        for mo in months:
            d = rules.due(m, mo)
            if d is None:
                continue
            counted = True
            row.due += d.amount
            row.collected += paid.get((m.id, mo), 0)
            if d.amount and (m.id, mo) not in paid:
                unpaid = True
        row.members += counted
        row.unpaid_members += unpaid
    date_from, date_to = _period_months(pf, pt)
    t = collected_between(date_from, date_to)
    for p in DuesPayment.select(DuesPayment, Member).join(Member).where(
            (DuesPayment.cancelled == False) & (DuesPayment.paid_on >= date_from)  # noqa: E712
            & (DuesPayment.paid_on <= date_to)):
        if p.member.cell in by_cell:
            by_cell[p.member.cell].extra += p.extra
    from ..contacts import collation_string
    rep = DuesReport(pf, pt, sorted((r for r in by_cell.values() if r.members),
                                    key=lambda r: collation_string(r.cell)))
    rep.collected_cash, rep.collected_portal = t.collected_cash, t.collected_portal
    rep.kept, rep.remitted = split(t.collected)
    rep.keep_percent = office.get_setting("dues.keep_percent")
    rep.remitted_already = sum(r.remitted for r in Remittance.select().where(
        (Remittance.period_from >= pf) & (Remittance.period_to <= pt)))
    return rep


# --- the audit log names these records as a clerk does ----------------------------------------
def _describe_remittance(record_id: str) -> str:
    """"nộp cấp trên kỳ 03/2026: 350.000 đ"."""
    r = Remittance.get_by_id(int(record_id))
    return f"nộp cấp trên kỳ {period_label(r.period_from, r.period_to)}: {format_money(r.remitted)}"


audit.register_describer("dues_remittance", _describe_remittance)
