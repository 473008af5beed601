"""Sổ quỹ tiền mặt at 80×24, as the treasurer: a voucher dated after today is refused at its
date, a voucher is cancelled with a reason and the cursor stays on it, a cancelled line shows
"ĐÃ HỦY" with no amount in the money columns, the book opens at its newest lines."""
from __future__ import annotations

import datetime as _dt

from models import cashbook
from tui.screens.cashbook import CashBookScreen, ExpenseDialog
from tui.screens.parts.dialogs import ReasonDialog
from tui.widgets.dialogs import MessageDialog

from screen_size import SIZE
from registers_fixtures import wait_until

D = _dt.date


async def _open(app, pilot):
    app.open_area("cashbook")
    assert await wait_until(pilot, lambda: isinstance(app.screen, CashBookScreen))
    return app.screen


async def test_a_voucher_dated_after_today_is_refused_at_its_date(office, make_app, shown):
    cashbook.record_income(office["treasurer"], 500_000, "Thu khác", "Nguyễn Văn B", on=D(2026, 3, 1))
    app = make_app(user=office["treasurer"])                       # today: 05/03/2026
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        await pilot.press("n")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ExpenseDialog))
        await pilot.press(*"100000", "enter", *"Mua sổ", "enter", *"Cửa hàng", "enter")
        await pilot.press(*"31/12/2027", "ctrl+s")
        assert await wait_until(pilot, lambda: "31/12/2027 chưa đến" in shown(app)), shown(app)
        assert isinstance(app.screen, ExpenseDialog)
    assert cashbook.balance() == 500_000


async def test_cancel_a_voucher_cursor_stays_and_the_row_says_cancelled(office, make_app, shown):
    t = office["treasurer"]
    cashbook.record_income(t, 500_000, "Thu khác", "Nguyễn Văn B", on=D(2026, 1, 2))
    for i in range(40):                                           # more than a screen
        cashbook.record_expense(t, 1_000, f"Chi lặt vặt {i}", on=D(2026, 1, 3))
    cashbook.record_expense(t, 61_800, "Mua văn phòng phẩm nhầm", "Cửa hàng", on=D(2026, 3, 2))
    cashbook.record_expense(t, 2_000, "Chi cuối", on=D(2026, 3, 3))
    app = make_app(user=t)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        # it opens at the newest line
        assert await wait_until(pilot, lambda: "Chi cuối" in shown(app)), shown(app)
        assert "Thu khác" not in shown(app)
        await pilot.press("home")
        assert await wait_until(pilot, lambda: "Thu khác" in shown(app))
        await pilot.press("end")
        assert await wait_until(pilot, lambda: screen.table.cursor_row == len(screen.table.keys) - 1)
        await pilot.press("up", "h")                               # the voucher above the last
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog))
        await pilot.press(*"Ghi nhầm", "ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CashBookScreen))
        assert await wait_until(pilot, lambda: "ĐÃ HỦY 61.800" in shown(app))
        row = next(ln for ln in shown(app).splitlines() if "ĐÃ HỦY 61.800" in ln)
        assert "Mua văn" in row and row.count("61.800") == 1       # not in the Chi column
        key = screen.table.current_key
        assert cashbook.get_entry(screen.table.source.source.ref(key)).cancel_reason == "Ghi nhầm"
        # H again: said at once, no reason asked
        await pilot.press("h")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog))
        assert "đã hủy từ trước" in shown(app) and "Ghi nhầm" in shown(app)
    assert cashbook.balance() == 500_000 - 40_000 - 2_000
