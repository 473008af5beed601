"""The cash book's rules: no line dated after today, a payment voucher cancelled with a reason
(kept, marked, no longer counted), a cancelled line saying who, when and why."""
from __future__ import annotations

import datetime as _dt

import pytest

from models import audit, cashbook, receipts
from models.errors import PermissionDenied, ValidationError

D = _dt.date


def test_a_voucher_or_a_receipt_dated_after_today_is_refused(office):
    t = office["treasurer"]
    cashbook.record_income(t, 500_000, "Thu khác", "Nguyễn Văn B", on=D(2026, 3, 1), today=D(2026, 3, 5))
    with pytest.raises(ValidationError) as err:
        cashbook.record_expense(t, 100_000, "Mua sổ", "Cửa hàng", on=D(2027, 12, 31), today=D(2026, 3, 5))
    assert err.value.field == "on" and "31/12/2027 chưa đến" in err.value.message
    with pytest.raises(ValidationError) as err:
        cashbook.record_income(t, 100_000, "Thu khác", "C", on=D(2026, 3, 6), today=D(2026, 3, 5))
    assert err.value.field == "on" and "phiếu thu" in err.value.message
    # the computer's date when no today is given
    with pytest.raises(ValidationError):
        cashbook.record_expense(t, 100_000, "Mua sổ", on=_dt.date.today() + _dt.timedelta(days=1))
    assert cashbook.balance() == 500_000 and receipts.Receipt.select().count() == 1
    cashbook.record_expense(t, 100_000, "Mua sổ", on=D(2026, 3, 5), today=D(2026, 3, 5))   # today itself
    assert cashbook.balance() == 400_000


def test_a_voucher_is_cancelled_with_a_reason_kept_marked_and_no_longer_counted(office):
    t = office["treasurer"]
    cashbook.record_income(t, 300_000, "Thu khác", "A", on=D(2026, 3, 1))
    e = cashbook.record_expense(t, 120_000, "Chi nhầm", "B", on=D(2026, 3, 2))
    assert cashbook.balance() == 180_000
    with pytest.raises(ValidationError):
        cashbook.cancel_entry(t, e, "  ")
    with pytest.raises(PermissionDenied):
        cashbook.cancel_entry(office["clerk"], e, "Ghi nhầm")
    cashbook.cancel_entry(t, e.id, "Ghi nhầm số tiền")
    got = cashbook.get_entry(e.id)
    assert got.cancelled and got.cancel_reason == "Ghi nhầm số tiền"
    assert got.cancelled_by == "thuquy" and got.cancelled_at is not None
    assert cashbook.balance() == 300_000
    assert [m.month for m in cashbook.month_totals(2026) if m.expense] == []
    _, lines = cashbook.lines(D(2026, 1, 1), D(2026, 12, 31))
    assert [(ln.entry.id, ln.balance) for ln in lines][-1] == (e.id, 300_000)    # still in the book
    assert [x.action for x in audit.entries_for("cash_entry", e.id)] == ["create", "cancel"]
    with pytest.raises(cashbook.AlreadyCancelled):
        cashbook.cancel_entry(t, e, "Lần nữa")
    assert any(r[-1] == "Đã hủy: Ghi nhầm số tiền" for r in cashbook.export_rows(2026))


def test_a_receipt_line_is_cancelled_through_its_receipt_and_keeps_who_and_why(office):
    t = office["treasurer"]
    e = cashbook.record_income(t, 61_800, "Thu đảng phí", "A", on=D(2026, 3, 1))
    cashbook.cancel_entry(t, e, "Thu trùng")
    r = receipts.Receipt.get_by_id(e.receipt_id)
    got = cashbook.get_entry(e.id)
    assert r.cancelled and r.cancel_reason == "Thu trùng"
    assert got.cancelled and got.cancel_reason == "Thu trùng" and got.cancelled_by == "thuquy"
    assert cashbook.balance() == 0
