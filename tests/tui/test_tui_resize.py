"""A register's columns follow the terminal's width: widened, the optional columns come in and
the summary takes the rest; narrowed, every column is back on the screen — at once, and for a
register covered by another screen while the terminal changed, when it comes back."""
from __future__ import annotations

from textual.widgets import DataTable

from tui.screens.incoming import IncomingDetail, IncomingScreen

from screen_size import SIZE
from registers_fixtures import directory, register, wait_until  # noqa: F401


def table_width(app) -> int:
    table = app.screen.query_one("#register-table", DataTable)
    return sum(c.get_render_width(table) for c in table.columns.values())


def header(app, shown) -> str:
    return shown(app).splitlines()[1]


async def test_columns_refit_when_the_terminal_is_resized(office, directory, make_app, shown):
    for i in range(3):
        register(office["clerk"], f"Hướng dẫn số {i}", doc_number=f"{i}-HD/HU")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, IncomingScreen)
        assert "Trạng thái" in header(app, shown) and "Số, ký hiệu" not in header(app, shown)
        assert table_width(app) <= 80
        await pilot.resize_terminal(120, 24)
        assert await wait_until(pilot, lambda: "Số, ký hiệu" in header(app, shown))
        assert 110 <= table_width(app) <= 120           # no 40 empty columns on the right
        await pilot.resize_terminal(80, 24)
        assert await wait_until(pilot, lambda: "Số, ký hiệu" not in header(app, shown))
        assert table_width(app) <= 80 and "Trạng thái" in header(app, shown)


async def test_a_register_resized_while_covered_refits_when_it_comes_back(office, directory,
                                                                         make_app, shown):
    register(office["clerk"], "Hướng dẫn thu Đảng phí", doc_number="125-HD/HU")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert "Số, ký hiệu" in header(app, shown)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IncomingDetail)
        await pilot.resize_terminal(80, 24)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, IncomingScreen)
        assert await wait_until(pilot, lambda: "Trạng thái" in header(app, shown))
        assert table_width(app) <= 80
