"""Party dues (đảng phí): versioned rules, exemptions and reductions, what each member owes
for a month, payments, the 3-unpaid-months flag, and the remittance to the upper level.

Rules are data (``DuesRule``), one row per category and effective date; a month's dues use the
rule in force on the first day of that month. The rates of Quy định 01-QĐ/TW (in force
01/02/2026) are shipped: 1% of last month's insured salary (or sick/maternity allowance), 0.5%
of the pension, 5.000 đ for pupils and students; other members by a formula read from the
settings (a rate of a base: the member's declared income, or a fixed base such as the regional
minimum wage).

Exempt (miễn): 50 years of membership or more (worked out from the admission date), and, when
recorded with the reason, a social retirement allowance, a poor or near-poor household, a
serious illness. Reductions of 30/50/70% last at most 12 months and name who decided.

A cash payment gets its numbered receipt and its cash book line in the same transaction; a
payment on the National Public Service Portal gets neither. A member with 3 or more unpaid
months in a calendar year is flagged on "Hôm nay"; nobody is ever removed by the program.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Iterable, cast

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField)

from . import audit, cashbook, dashboard, labels, office, receipts, users, writes
from .db import BaseModel, db
from .errors import ValidationError
from .members import PAYING_STATUSES, Member, _get as _get_member, years_of_membership
from .money import format_money, parse_money
from .registers import DataSource, _search_ids, id_filter
from .text import format_date, nfc
from .writes import get_or_refuse

office.define_setting("dues.other_rate_bp", "Đảng phí đối tượng khác: tỷ lệ (phần vạn của mức "
                      "tính, 100 = 1%)", "int", 100, minimum=0, maximum=10000)
office.define_setting("dues.other_base", "Đảng phí đối tượng khác: mức tính cố định (đồng; 0 = "
                      "thu nhập khai báo của đảng viên)", "int", 0, minimum=0, maximum=10**9)
office.define_setting("dues.other_minimum", "Đảng phí đối tượng khác: mức tối thiểu mỗi tháng "
                      "(đồng)", "int", 5000, minimum=0, maximum=10**7)
office.define_setting("dues.rounding", "Làm tròn đảng phí đến (đồng)", "int", 100,
                      minimum=1, maximum=10000)
office.define_setting("dues.keep_percent", "Tỷ lệ đảng phí giữ lại ở cấp ủy (%), phần còn lại "
                      "nộp cấp trên", "int", 70, minimum=0, maximum=100)
office.define_setting("dues.remit_schedule", "Kỳ nộp đảng phí lên cấp trên (tháng hoặc quý)",
                      "str", "tháng", "Gõ “tháng” hoặc “quý”.")
office.define_setting("dues.remit_day", "Hạn nộp đảng phí lên cấp trên: ngày của tháng sau kỳ",
                      "int", 10, minimum=1, maximum=28)

UNPAID_FLAG = 3       # unpaid months in a calendar year that flag a member
REDUCTION_PERCENTS = (30, 50, 70)
REDUCTION_MAX_MONTHS = 12
METHODS = {"cash": "Tiền mặt", "portal": "Cổng Dịch vụ công quốc gia"}
EXEMPT_REASONS = {
    "membership_50": "Có từ 50 năm tuổi Đảng trở lên",
    "social_allowance": "Hưởng trợ cấp hưu trí xã hội",
    "poor_household": "Hộ nghèo, hộ cận nghèo",
    "serious_illness": "Mắc bệnh hiểm nghèo theo danh mục của Bộ Y tế",
    "other": "Lý do khác (ghi rõ)",
}


class DuesRule(BaseModel):
    effective_from = DateField(index=True)
    category = CharField()                 # members.CATEGORIES
    method = CharField()                   # percent | fixed | other
    rate_bp = IntegerField(default=0)      # basis points of the base: 100 = 1%
    amount = IntegerField(default=0)       # fixed đồng per month
    basis = CharField(default="")          # Quy định 01-QĐ/TW
    created_by = CharField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "dues_rule"


class DuesExemption(BaseModel):
    member = ForeignKeyField(Member, backref="exemptions", on_delete="CASCADE")
    member_id: int   # for the type checker only: no value, so no field
    percent = IntegerField()               # 100 = exempt; 30/50/70 = reduction
    reason_code = CharField(default="other")
    reason = TextField(default="")
    decided_by = CharField(default="")     # who decided (the committee, by decision …)
    decision_ref = CharField(default="")
    start_month = DateField()
    end_month = DateField(null=True)       # inclusive; None = until revoked (exemptions)
    revoked = BooleanField(default=False)
    created_by = CharField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "dues_exemption"


class DuesPayment(BaseModel):
    member = ForeignKeyField(Member, backref="payments", on_delete="RESTRICT")
    member_id: int   # for the type checker only: no value, so no field
    paid_on = DateField(index=True)
    method = CharField(default="cash")
    amount = IntegerField()                # the months' dues
    extra = IntegerField(default=0)        # voluntary, recorded separately
    payer = CharField(default="")
    receipt = ForeignKeyField(receipts.Receipt, null=True, backref="payments", on_delete="RESTRICT")
    receipt_id: int | None   # for the type checker only: no value, so no field
    cancelled = BooleanField(default=False)
    note = TextField(default="")
    created_by = CharField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "dues_payment"

    @property
    def total(self) -> int:
        return self.amount + self.extra


class PaymentMonth(BaseModel):
    payment = ForeignKeyField(DuesPayment, backref="months", on_delete="CASCADE")
    payment_id: int   # for the type checker only: no value, so no field
    member = ForeignKeyField(Member, on_delete="RESTRICT")
    member_id: int   # for the type checker only: no value, so no field
    month = DateField()                    # first day of the month paid for
    amount = IntegerField()
    cancelled = BooleanField(default=False)

    class Meta:
        table_name = "dues_payment_month"
        indexes = ((("month", "member"), False), (("member", "month"), False))


class Remittance(BaseModel):
    period_from = DateField()
    period_to = DateField()                # first day of the last month
    collected = IntegerField()
    portal = IntegerField(default=0)       # paid on the portal (not in the cash box)
    kept = IntegerField()
    remitted = IntegerField()
    keep_percent = IntegerField()
    remitted_on = DateField()
    cash_entry_id = IntegerField(null=True)
    note = TextField(default="")
    created_by = CharField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "dues_remittance"


DUES_MODELS = [DuesRule, DuesExemption, DuesPayment, PaymentMonth, Remittance]

# Quy định 01-QĐ/TW (03/02/2026), in force 01/02/2026
SHIPPED_RULES = [
    (_dt.date(2026, 2, 1), "insured", "percent", 100, 0, "Quy định 01-QĐ/TW"),
    (_dt.date(2026, 2, 1), "sick_leave", "percent", 100, 0, "Quy định 01-QĐ/TW"),
    (_dt.date(2026, 2, 1), "pensioner", "percent", 50, 0, "Quy định 01-QĐ/TW"),
    (_dt.date(2026, 2, 1), "student", "fixed", 0, 5000, "Quy định 01-QĐ/TW"),
    (_dt.date(2026, 2, 1), "other", "other", 0, 0, "Quy định 01-QĐ/TW (mức theo cài đặt)"),
]


def install(database) -> None:
    """Ship the rules in force (once; a table that has rules is left alone)."""
    if "dues_rule" not in database.get_tables():
        return
    if DuesRule.select().count():
        return
    for eff, cat, method, bp, amount, basis in SHIPPED_RULES:
        DuesRule.create(effective_from=eff, category=cat, method=method, rate_bp=bp, amount=amount,
                        basis=basis, created_by="hệ thống")


# --- months ----------------------------------------------------------------------------------
def month_start(d: _dt.date) -> _dt.date:
    return _dt.date(d.year, d.month, 1)


def next_month(d: _dt.date) -> _dt.date:
    return _dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def months_between(a: _dt.date, b: _dt.date) -> int:
    """Months from a to b inclusive (both first days)."""
    return (b.year - a.year) * 12 + b.month - a.month + 1


_MONTH_RE = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")


def parse_month(v, field: str = "month") -> _dt.date:
    """"02/2026", (2026, 2), a date → date(2026, 2, 1)."""
    if isinstance(v, _dt.date):
        return month_start(v)
    if isinstance(v, tuple):
        return _dt.date(int(v[0]), int(v[1]), 1)
    m = _MONTH_RE.match(nfc(v))
    if not m or not 1 <= int(m.group(1)) <= 12:
        raise ValidationError(f"Tháng phải viết dạng mm/yyyy, ví dụ 02/2026 (đã nhập “{v}”).", field)
    return _dt.date(int(m.group(2)), int(m.group(1)), 1)


def format_month(d: _dt.date) -> str:
    return f"{d.month:02d}/{d.year}"


def months_label(months: list[_dt.date]) -> str:
    """"01, 02, 03/2026" ; across years "12/2025, 01/2026"."""
    months = sorted(months)
    by_year: dict[int, list[int]] = {}
    for m in months:
        by_year.setdefault(m.year, []).append(m.month)
    return "; ".join(", ".join(f"{x:02d}" for x in ms) + f"/{y}" for y, ms in by_year.items())


# --- what a member owes --------------------------------------------------------------------------
@dataclass
class Due:
    member_id: int
    month: _dt.date
    full: int                 # by the rule, before exemption/reduction
    amount: int               # owed
    rule_id: int | None
    exempt: bool = False
    reduction: int = 0        # percent
    reason: str = ""          # exemption reason code


class Rules:
    """The rules, exemptions and settings loaded once, to work out many members' dues."""

    def __init__(self):
        self.rules: dict[str, list[DuesRule]] = {}
        for r in DuesRule.select().order_by(DuesRule.effective_from.desc(), DuesRule.id.desc()):
            self.rules.setdefault(r.category, []).append(r)
        self.exemptions: dict[int, list[DuesExemption]] = {}
        for e in DuesExemption.select().where(DuesExemption.revoked == False):  # noqa: E712
            self.exemptions.setdefault(e.member_id, []).append(e)
        self.other_bp = office.get_setting("dues.other_rate_bp")
        self.other_base = office.get_setting("dues.other_base")
        self.other_min = office.get_setting("dues.other_minimum")
        self.rounding = max(1, office.get_setting("dues.rounding"))
        self._cache: dict = {}

    def rule(self, category: str, month: _dt.date) -> DuesRule | None:
        key = (category, month)
        if key in self._cache:
            return self._cache[key]
        found = None
        for r in self.rules.get(category, ()):
            if r.effective_from <= month:
                found = r
                break
        self._cache[key] = found
        return found

    def _round(self, v: int) -> int:
        q = self.rounding
        return (v + q // 2) // q * q

    def full_amount(self, rule: DuesRule, base: int) -> int:
        if rule.method == "fixed":
            return rule.amount
        if rule.method == "percent":
            return self._round(base * rule.rate_bp // 10000)
        base = self.other_base or base
        return max(self.other_min, self._round(base * self.other_bp // 10000))

    def due(self, m: Member, month: _dt.date) -> Due | None:
        """None when the member owes nothing that month (not a member yet, left, no rule)."""
        month_end = next_month(month) - _dt.timedelta(days=1)
        if m.admitted_on and m.admitted_on > month_end:
            return None
        if m.status not in PAYING_STATUSES and (m.status_since is None or m.status_since <= month):
            return None
        rule = self.rule(m.category, month)
        if rule is None:
            return None
        full = self.full_amount(rule, m.base_amount or 0)
        if m.admitted_on and years_of_membership(m, month) >= 50:
            return Due(m.id, month, full, 0, rule.id, exempt=True, reason="membership_50")
        for e in self.exemptions.get(m.id, ()):
            if e.start_month <= month and (e.end_month is None or month <= e.end_month):
                if e.percent >= 100:
                    return Due(m.id, month, full, 0, rule.id, exempt=True, reason=e.reason_code)
                amount = self._round(full * (100 - e.percent) // 100)
                return Due(m.id, month, full, amount, rule.id, reduction=e.percent,
                           reason=e.reason_code)
        return Due(m.id, month, full, full, rule.id)


def expected_month(year: int, month: int, members=None, rules: Rules | None = None) -> dict[int, Due]:
    """Every member's dues for one month: {member id: Due} (members who owe nothing are left
    out; exempt ones are in with amount 0)."""
    rules = rules or Rules()
    mo = _dt.date(year, month, 1)
    q = members if members is not None else Member.select()
    out = {}
    for m in q:
        d = rules.due(m, mo)
        if d is not None:
            out[m.id] = d
    return out


def due_for(member, month) -> Due | None:
    return Rules().due(_get_member(member), parse_month(month))


# --- rules and exemptions (changing) ----------------------------------------------------------
def add_rule(actor, effective_from, category: str, *, rate_bp: int | None = None,
             amount: int | None = None, basis: str = "") -> DuesRule:
    """A new version of a category's rule, from a month on (earlier months keep theirs)."""
    from .members import CATEGORIES
    users.require(actor, "dues.edit")
    if category not in CATEGORIES:
        raise ValidationError("Không có đối tượng đóng đảng phí này.", "category")
    eff = parse_month(effective_from, "effective_from")
    if (rate_bp is None) == (amount is None):
        raise ValidationError("Ghi một trong hai: tỷ lệ phần trăm hoặc số tiền cố định.", "rate_bp")
    if rate_bp is not None and not 0 <= int(rate_bp) <= 10000:
        raise ValidationError("Tỷ lệ phải từ 0 đến 100%.", "rate_bp")
    with db.atomic():
        r = DuesRule.create(effective_from=eff, category=category,
                            method="percent" if rate_bp is not None else "fixed",
                            rate_bp=int(rate_bp or 0),
                            amount=parse_money(amount, "amount") if amount is not None else 0,
                            basis=nfc(basis)[:200], created_by=audit.actor_name(actor))
        audit.log_change(actor, "create", r)
        return r


def rules_table() -> list[DuesRule]:
    return list(DuesRule.select().order_by(DuesRule.category, DuesRule.effective_from))


def add_exemption(actor, member, *, percent: int, start_month, end_month=None,
                  reason_code: str = "other", reason: str = "", decided_by: str = "",
                  decision_ref: str = "") -> DuesExemption:
    """An exemption (percent 100, with its reason) or a reduction of 30/50/70% for at most 12
    months, naming who decided."""
    users.require(actor, "dues.edit")
    percent = int(percent)
    start = parse_month(start_month, "start_month")
    end = parse_month(end_month, "end_month") if end_month not in (None, "") else None
    reason_code = reason_code if reason_code in EXEMPT_REASONS else "other"
    reason, decided_by = nfc(reason)[:500], nfc(decided_by)[:200]
    if end and end < start:
        raise ValidationError("Tháng kết thúc trước tháng bắt đầu.", "end_month")
    if percent == 100:
        if reason_code == "other" and not reason:
            raise ValidationError("Ghi rõ lý do miễn đóng đảng phí.", "reason")
    elif percent in REDUCTION_PERCENTS:
        if end is None:
            raise ValidationError("Giảm đảng phí phải có tháng kết thúc (tối đa 12 tháng).", "end_month")
        if months_between(start, end) > REDUCTION_MAX_MONTHS:
            raise ValidationError(f"Giảm đảng phí tối đa {REDUCTION_MAX_MONTHS} tháng (đã ghi "
                                  f"{months_between(start, end)} tháng).", "end_month")
        if not reason:
            raise ValidationError("Ghi rõ lý do giảm đảng phí.", "reason")
    else:
        raise ValidationError("Mức giảm là 30%, 50% hoặc 70% (miễn: 100%).", "percent")
    if not decided_by:
        raise ValidationError("Ghi rõ ai quyết định miễn, giảm (cấp ủy, số quyết định).", "decided_by")
    with db.atomic():
        m = _get_member(member)
        for e in DuesExemption.select().where((DuesExemption.member == m.id)
                                              & (DuesExemption.revoked == False)):  # noqa: E712
            if e.start_month <= (end or _dt.date.max) and start <= (e.end_month or _dt.date.max):
                raise ValidationError(f"Đảng viên đã có miễn, giảm từ {format_month(e.start_month)}"
                                      " trùng thời gian này.", "start_month")
        e = DuesExemption.create(member=m, percent=percent, reason_code=reason_code, reason=reason,
                                 decided_by=decided_by, decision_ref=nfc(decision_ref)[:100],
                                 start_month=start, end_month=end,
                                 created_by=audit.actor_name(actor))
        audit.log_change(actor, "create", e)
        return e


def revoke_exemption(actor, exemption_id: int) -> DuesExemption:
    def fetch() -> DuesExemption:
        return get_or_refuse(DuesExemption, exemption_id, "Không có quyết định miễn, giảm này.")
    with writes.change(actor, "dues.edit", fetch, "update") as c:
        c.record.revoked = True
    return c.record


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


# --- one month's collection (the list, the sheet) -----------------------------------------------
@dataclass
class SheetRow:
    member_id: int
    full_name: str
    cell: str
    category: str
    base: int
    due: int
    exempt: bool
    reduction: int
    paid: int                 # 0 if unpaid
    paid_on: _dt.date | None
    receipt: str              # "0012/2026" or ""
    method: str


def _sheet_rows(members: list[Member], mo: _dt.date, rules: Rules) -> list[SheetRow]:
    ids = [m.id for m in members]
    paid: dict[int, PaymentMonth] = {}
    rlabels: dict[int | None, str] = {}
    if ids:
        q = (PaymentMonth.select(PaymentMonth, DuesPayment).join(DuesPayment)
             .where((PaymentMonth.month == mo) & (PaymentMonth.cancelled == False)  # noqa: E712
                    & (PaymentMonth.member.in_(ids))))
        for row in q:
            paid[row.member_id] = row
        rids = [row.payment.receipt_id for row in paid.values() if row.payment.receipt_id]
        rlabels = ({r.id: r.label for r in receipts.Receipt.select().where(receipts.Receipt.id.in_(rids))}
                   if rids else {})
    out = []
    for m in members:
        d = rules.due(m, mo)
        if d is None:
            continue
        pm = paid.get(m.id)
        out.append(SheetRow(m.id, m.full_name, m.cell, m.category, m.base_amount, d.amount, d.exempt,
                            d.reduction, pm.amount if pm else 0, pm.payment.paid_on if pm else None,
                            rlabels.get(pm.payment.receipt_id, "") if pm else "",
                            pm.payment.method if pm else ""))
    return out


def collection_sheet(actor, cell: str | None, year: int, month: int) -> list[SheetRow]:
    """A chi bộ's (or every member's) dues for a month, Vietnamese order."""
    users.require(actor, "dues.view")
    q = Member.select().order_by(Member.sort_key, Member.id)
    if cell:
        q = q.where(Member.cell == nfc(cell))
    return _sheet_rows(list(q), _dt.date(year, month, 1), Rules())


class DuesMonthSource(DataSource):
    """Members with their dues for one month. ``fetch`` cells: name, chi bộ, due, paid, receipt;
    ``row_flags(key)``: {"unpaid"} / {"exempt"} / {"paid"} for the screen's colours."""
    kind = "dues"
    title = "Thu đảng phí"
    columns = [labels.FULL_NAME, labels.CELL, labels.DUE, labels.PAID, labels.RECEIPT]
    widths = [0, 16, 11, 11, 10]
    descending = False
    permission = "dues.view"

    def __init__(self, actor, text: str | None = None, *, year: int, month: int,
                 cell: str | None = None):
        super().__init__(actor)
        self.month = _dt.date(year, month, 1)
        self.cell = cell
        self.ids = _search_ids(text, ["member"])
        self.rules = Rules()
        self._flags: dict = {}

    def query(self):
        q = Member.select()
        if self.cell:
            q = q.where(Member.cell == nfc(self.cell))
        if self.ids is not None:
            q = q.where(id_filter(Member.id, self.ids))
        return q

    def order_fields(self):
        return [Member.sort_key, Member.id]

    def fetch(self, after_key=None, limit: int = 50):
        out: list[tuple] = []
        key = after_key
        while len(out) < limit:
            members = self._page(key, limit, lean=False)
            if not members:
                break
            key = self.key_of(members[-1])
            by_id = {r.member_id: r for r in _sheet_rows(members, self.month, self.rules)}
            for m in members:
                r = by_id.get(m.id)
                if r is None:
                    continue
                k = self.key_of(m)
                self._flags[k] = ("exempt" if r.exempt else "paid" if r.paid else "unpaid")
                out.append((k, [r.full_name, r.cell, format_money(r.due, unit=False),
                                format_money(r.paid, unit=False) if r.paid else "", r.receipt]))
            if len(members) < limit:
                break
        return out[:limit]

    def row_flag(self, key) -> str:
        return self._flags.get(key, "")


# --- remittance and the report -----------------------------------------------------------------
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
    label = format_month(pf) if pf == pt else f"{format_month(pf)}–{format_month(pt)}"
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
            label = format_month(pf) if pf == pt else f"{format_month(pf)}–{format_month(pt)}"
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
    from .contacts import collation_string
    rep = DuesReport(pf, pt, sorted((r for r in by_cell.values() if r.members),
                                    key=lambda r: collation_string(r.cell)))
    rep.collected_cash, rep.collected_portal = t.collected_cash, t.collected_portal
    rep.kept, rep.remitted = split(t.collected)
    rep.keep_percent = office.get_setting("dues.keep_percent")
    rep.remitted_already = sum(r.remitted for r in Remittance.select().where(
        (Remittance.period_from >= pf) & (Remittance.period_to <= pt)))
    return rep


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
    from . import assets, exports, members as _members
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

    from .statistics import Figure
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
    from . import statistics
    statistics.register_figures("dues", _figures, order=30, permission="dues.view")


_register_figures()


def active_exemptions(member) -> list:
    """The exemptions and reductions of a member still in force (not revoked)."""
    mid = member.id if hasattr(member, "id") else member
    return list(DuesExemption.select().where((DuesExemption.member == mid)
                                             & (DuesExemption.revoked == False)))  # noqa: E712


def receipt_ids_for(member, month) -> list[int]:
    """The receipts of a member's payments that cover ``month`` (cancelled ones left out)."""
    mid = member.id if hasattr(member, "id") else member
    return [p.receipt_id for p in DuesPayment.select().join(PaymentMonth).where(
        (PaymentMonth.member == mid) & (PaymentMonth.month == month)
        & (PaymentMonth.cancelled == False)) if p.receipt_id]  # noqa: E712
