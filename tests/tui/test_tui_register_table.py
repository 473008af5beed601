"""The register table pages lazily: 10 000 rows in the source, a page or two fetched."""
from __future__ import annotations

from textual.app import App

from tui.widgets.register_table import Column, RegisterTable

from screen_size import SIZE


class FakeSource:
    """10 000 numbered documents, keyset-paged like a real register; records every fetch."""

    columns = [Column("Số", 6, "right"), Column("Trích yếu")]

    def __init__(self, n: int = 10_000):
        self.n = n
        self.calls: list[tuple] = []

    def fetch(self, after_key, limit):
        self.calls.append((after_key, limit))
        start = 0 if after_key is None else after_key + 1
        return [(i, [str(i + 1), f"Văn bản [số] {i + 1}"]) for i in range(start, min(start + limit, self.n))]


class TableApp(App):
    def __init__(self, source, **kw):
        super().__init__()
        self.source, self.kw, self.opened = source, kw, []

    def compose(self):
        yield RegisterTable(self.source, **self.kw)

    def on_register_table_opened(self, event: RegisterTable.Opened):
        self.opened.append(event.key)


async def test_only_a_page_or_two_of_ten_thousand_rows_are_fetched(shown):
    src = FakeSource()
    app = TableApp(src, page_size=100)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(RegisterTable)
        assert src.calls == [(None, 100)]                 # one page to start
        assert table.row_count == 100
        assert "Văn bản [số] 1" in shown(app)             # cells are text, never markup
        for _ in range(20):
            await pilot.press("down")
        assert len(src.calls) == 1                        # far from the end: nothing more
        for _ in range(4):
            await pilot.press("pagedown")
        await pilot.pause()
        # the cursor neared the end of what was loaded: the next page, after the last key
        assert src.calls == [(None, 100), (99, 100)]
        assert table.row_count == 200
        await pilot.press("end")
        await pilot.pause()
        assert len(src.calls) <= 3 and table.row_count <= 300
        assert table.row_count < src.n


async def test_enter_opens_the_record_under_the_cursor():
    src = FakeSource(50)
    app = TableApp(src, page_size=20)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.opened == [2]


async def test_short_source_is_read_once_and_end_is_known():
    src = FakeSource(30)
    app = TableApp(src, page_size=100)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(RegisterTable)
        assert table.exhausted and table.row_count == 30
        for _ in range(40):
            await pilot.press("down")
        assert len(src.calls) == 1


async def test_walking_to_the_end_reads_every_row_once():
    src = FakeSource(250)
    app = TableApp(src, page_size=100)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(RegisterTable)
        for _ in range(10):
            await pilot.press("pagedown")
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == 250 and table.exhausted
        assert table.keys == list(range(250))             # no row twice, none missing
        assert [c[0] for c in src.calls] == [None, 99, 199]
