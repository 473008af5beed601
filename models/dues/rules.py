"""Months, what a member owes for a month (rules, exemptions, reductions), and changing them."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .. import audit, office, users, writes
from ..db import db
from ..errors import ValidationError
from ..members import PAYING_STATUSES, Member, _get as _get_member, years_of_membership
from ..money import parse_money
from ..text import check_text, nfc
from ..writes import get_or_refuse
from .records import DuesExemption, DuesRule, EXEMPT_REASONS, REDUCTION_MAX_MONTHS, REDUCTION_PERCENTS


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
    if not m:
        raise ValidationError(f"Tháng phải viết dạng mm/yyyy, ví dụ 02/2026 (đã nhập “{v}”).", field)
    if not 1 <= int(m.group(1)) <= 12:          # the form is right: the month is not
        raise ValidationError(f"Không có tháng {m.group(1)}: tháng từ 01 đến 12 (đã nhập “{v}”).",
                              field)
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
        for r in (DuesRule.select().where(DuesRule.cancelled_at.is_null())     # cancelled: never
                  .order_by(DuesRule.effective_from.desc(), DuesRule.id.desc())):
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
RULE_BASIS_MISSING = ("Ghi căn cứ của mức đóng: số, ký hiệu văn bản quy định (ví dụ Quy định "
                      "01-QĐ/TW).")


@dataclass
class NewRule:
    """A rule checked before it is saved: what the confirmation says, and what is written."""
    effective_from: _dt.date
    category: str
    method: str              # percent | fixed
    rate_bp: int
    amount: int
    basis: str
    members: int             # members of the category who pay now
    replaces: DuesRule | None    # the rule in force that month until now


def check_rule(actor, effective_from, category: str, *, rate_bp: int | None = None,
               amount: int | None = None, basis: str = "") -> NewRule:
    """Every check of ``add_rule``, without saving: a refusal names its field."""
    from ..members import CATEGORIES
    users.require(actor, "dues.edit")
    if category not in CATEGORIES:
        raise ValidationError("Không có đối tượng đóng đảng phí này.", "category")
    eff = parse_month(effective_from, "effective_from")
    if (rate_bp is None) == (amount is None):
        raise ValidationError("Ghi một trong hai: tỷ lệ phần trăm hoặc số tiền cố định.", "rate_bp")
    if rate_bp is not None and not 0 <= int(rate_bp) <= 10000:
        raise ValidationError("Tỷ lệ phải từ 0 đến 100%.", "rate_bp")
    money = parse_money(amount, "amount") if amount is not None else 0
    basis = check_text(nfc(basis), "căn cứ", "basis", 200)
    if not basis:
        raise ValidationError(RULE_BASIS_MISSING, "basis")
    same = (DuesRule.select().where((DuesRule.category == category) & (DuesRule.effective_from == eff)
                                    & DuesRule.cancelled_at.is_null()).first())
    if same is not None:
        raise ValidationError(f"Đối tượng này đã có mức đóng từ tháng {format_month(eff)} (căn cứ: "
                              f"{same.basis or 'không ghi'}). Muốn sửa thì hủy mức đó, ghi lý do, "
                              "rồi thêm mức mới.", "effective_from")
    n = (Member.select().where((Member.category == category)
                               & Member.status.in_(PAYING_STATUSES)).count())
    return NewRule(eff, category, "percent" if rate_bp is not None else "fixed", int(rate_bp or 0),
                   money, basis, n, Rules().rule(category, eff))


def add_rule(actor, effective_from, category: str, *, rate_bp: int | None = None,
             amount: int | None = None, basis: str = "") -> DuesRule:
    """A new version of a category's rule, from a month on (earlier months keep theirs); its
    basis (the document that sets it) is required."""
    with db.atomic():
        n = check_rule(actor, effective_from, category, rate_bp=rate_bp, amount=amount, basis=basis)
        r = DuesRule.create(effective_from=n.effective_from, category=n.category, method=n.method,
                            rate_bp=n.rate_bp, amount=n.amount, basis=n.basis,
                            created_by=audit.actor_name(actor))
        audit.log_change(actor, "create", r)
        return r


def cancel_rule(actor, rule_id: int, reason: str) -> DuesRule:
    """Cancel a rule entered by mistake: kept with who, when and why, and from now on no month
    uses it (the rule before it applies again)."""
    def fetch() -> DuesRule:
        return get_or_refuse(DuesRule, rule_id, "Không có mức đóng đảng phí này.")
    reason = check_text(reason, "lý do", "reason", 500)
    with writes.change(actor, "dues.edit", fetch, "cancel", reason=reason,
                       reason_missing="Hủy mức đóng đảng phí cần ghi lý do.") as c:
        r = c.record
        if r.cancelled:
            raise ValidationError(f"Mức đóng từ tháng {format_month(r.effective_from)} này đã hủy "
                                  f"từ trước (lý do: {r.cancel_reason}).", "reason")
        r.cancelled_at = _dt.datetime.now().replace(microsecond=0)
        r.cancelled_by = audit.actor_name(actor)
        r.cancel_reason = c.reason
    return c.record


def rules_table() -> list[DuesRule]:
    """Every rule, cancelled ones too (marked), by category and effective month."""
    return list(DuesRule.select().order_by(DuesRule.category, DuesRule.effective_from, DuesRule.id))


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


def active_exemptions(member) -> list:
    """The exemptions and reductions of a member still in force (not revoked)."""
    mid = member.id if hasattr(member, "id") else member
    return list(DuesExemption.select().where((DuesExemption.member == mid)
                                             & (DuesExemption.revoked == False)))  # noqa: E712


# --- the audit log names these records as a clerk does ----------------------------------------
def _describe_rule(record_id: str) -> str:
    from ..members import CATEGORIES
    r = DuesRule.get_by_id(int(record_id))
    return f"mức đảng phí từ {format_month(r.effective_from)}: {CATEGORIES.get(r.category, r.category)}"


def _describe_exemption(record_id: str) -> str:
    """"giảm 50% đảng phí — Nguyễn Văn An từ 03/2026"; never the reason (it may be an illness)."""
    e = DuesExemption.get_by_id(int(record_id))
    what = "miễn đảng phí" if e.percent == 100 else f"giảm {e.percent}% đảng phí"
    return f"{what} — {e.member.full_name} từ {format_month(e.start_month)}"


audit.register_describer("dues_rule", _describe_rule)
audit.register_describer("dues_exemption", _describe_exemption)
