"""Dues' settings, vocabulary and tables, and the rules shipped with the program."""
from __future__ import annotations

import datetime as _dt

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField)

from .. import office, receipts
from ..db import BaseModel
from ..members import Member


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
    # a rule entered by mistake is cancelled, never deleted: kept with who, when and why, and no
    # longer used for any month (migration 16)
    cancelled_at = DateTimeField(null=True)
    cancelled_by = CharField(default="")
    cancel_reason = TextField(default="")

    class Meta:
        table_name = "dues_rule"

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


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
    if DuesRule.select(DuesRule.id).exists():     # the id only: read by migration 6 too
        return
    for eff, cat, method, bp, amount, basis in SHIPPED_RULES:
        DuesRule.create(effective_from=eff, category=cat, method=method, rate_bp=bp, amount=amount,
                        basis=basis, created_by="hệ thống")
