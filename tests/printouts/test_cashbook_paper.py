"""The printed cash book: a cancelled line's amount is out of the money columns (said in the
content with the reason), so each column adds up to its total."""
from __future__ import annotations

import datetime as _dt

from models import cashbook, office as office_mod
from tests.pdfread import squash, text

D = _dt.date


def test_a_cancelled_line_is_out_of_the_money_columns_and_the_columns_add_up(office):
    from printouts import dues as P
    t = office["treasurer"]
    cashbook.record_income(t, 100_000, "Thu khác", "A", on=D(2026, 4, 1))
    e = cashbook.record_income(t, 61_800, "Thu đảng phí", "B", on=D(2026, 4, 2))
    v = cashbook.record_expense(t, 16_200, "Mua sổ", "C", on=D(2026, 4, 3))
    cashbook.record_expense(t, 10_000, "Mua bút", "C", on=D(2026, 4, 4))
    cashbook.cancel_entry(t, e, "Thu trùng")
    cashbook.cancel_entry(t, v, "Ghi nhầm")
    opening, lines = cashbook.lines(D(2026, 4, 1), D(2026, 4, 30))
    s = squash(text(P.cash_book(opening, lines, office_mod.get_office(), D(2026, 4, 1), D(2026, 4, 30))))
    assert squash("(đã hủy: 61.800 đ — Thu trùng)") in s
    assert squash("(đã hủy: 16.200 đ — Ghi nhầm)") in s
    assert s.count("61.800") == 1 and s.count("16.200") == 1       # only in the content
    # the Thu column holds 100.000 and its total is 100.000; the Chi column 10.000 and 10.000
    assert squash("Cộng phát sinh / số dư cuối kỳ 100.000 10.000 90.000") in s
    assert "ĐÃ HỦY" not in s
