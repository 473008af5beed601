"""Snapshots of the front desk at 80×24, 16 colours, the clock frozen at 05/03/2026 09:15: the
reception book (states in colour) and the entry form filled from a returning visitor.
Regenerate after a deliberate change with
``python3 -m pytest tests/tui/test_reception_snapshots.py --snapshot-update`` and look at them."""
from __future__ import annotations

import datetime as _dt

import pytest

from screen_size import SIZE, TODAY, screen_text
from registers_fixtures import field, wait_until

NOW = _dt.datetime.combine(TODAY, _dt.time(9, 15))


@pytest.fixture
def book(office):
    from models import reception as R
    clerk = office["clerk"]
    a = R.receive(clerk, name="Nguyễn Văn Bình", address="Thôn Đồng Tâm", category="member",
                  content="Đề nghị chuyển sinh hoạt đảng tạm thời", visited_at=_dt.datetime(2026, 3, 2, 8, 0))
    R.close(clerk, a, "resolved", "Đã hướng dẫn thủ tục", closed_on=_dt.date(2026, 3, 3))
    R.receive(clerk, name="Hà Thị Oanh", address="Thôn Làng Mới", people=3,
              content="Phản ánh ô nhiễm từ cơ sở chăn nuôi trong khu dân cư", action="forward",
              forward_to="Ủy ban nhân dân xã Tân Lập", visited_at=_dt.datetime(2026, 3, 4, 14, 30))
    R.receive(clerk, name="Lê Văn Long", content="Hỏi thủ tục xác nhận hộ cận nghèo",
              visited_at=_dt.datetime(2026, 3, 5, 8, 45))
    return office


def test_reception_book(book, make_app, snap_compare):
    app = make_app(user=book["clerk"], clock=lambda: NOW)

    async def opened(pilot):
        pilot.app.open_area("reception")
        await wait_until(pilot, lambda: "Lê Văn Long" in screen_text(pilot.app))
    assert snap_compare(app, run_before=opened, terminal_size=SIZE)


def test_reception_form_filled_from_a_returning_visitor(book, make_app, snap_compare):
    app = make_app(user=book["clerk"], clock=lambda: NOW)

    async def typed(pilot):
        from tui.screens.reception import ReceptionForm
        from tui.widgets.picker import PickerDialog
        app = pilot.app
        app.open_area("reception")
        await wait_until(pilot, lambda: "Lê Văn Long" in screen_text(app))
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(app.screen, ReceptionForm)
                         and field(app.screen, "name").input.has_focus)
        form = app.screen
        await pilot.press(*"nguyen van b", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog) and "1 lần" in screen_text(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is form and "Đã điền theo" in screen_text(app))
    assert snap_compare(app, run_before=typed, terminal_size=SIZE)
