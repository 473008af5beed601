"""A register (sổ) as a table that pages lazily from the database.

The table never asks for all rows: it asks its *source* for one page after the last key it has
(keyset paging, so page 1 000 costs what page 1 costs), and asks for the next page only when the
cursor comes near the end of what is loaded.

A source is any object with

    columns: list[Column | str]
    def fetch(self, after_key, limit) -> list[tuple[key, list[cell]]]

``after_key`` is None for the first page, else the key of the last row received; ``key`` is
whatever identifies a record (an id, or a tuple such as (year, arrival_no) — it must match the
source's sort order). A page shorter than ``limit`` means the end. Cells are str (shown as
plain text, never markup) or rich Text.

    class IncomingSource:
        columns = [Column("Số đến", 7), Column("Ngày đến", 10), Column("Trích yếu")]
        def fetch(self, after_key, limit):
            return [(d.id, [str(d.arrival_no), format_date(d.arrived_at), d.summary])
                    for d in documents.incoming_page(actor, after_key, limit)]

Enter on a row posts ``RegisterTable.Opened(key)``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable


@dataclass(frozen=True)
class Column:
    label: str
    width: int | None = None        # cells; None: as wide as the widest loaded value
    justify: str = "left"           # left | right


class RegisterSource(Protocol):
    columns: Sequence[Column | str]

    def fetch(self, after_key: Any, limit: int) -> list[tuple[Any, Sequence[Any]]]: ...


class RegisterTable(DataTable):
    """DataTable fed page by page from a RegisterSource."""

    DEFAULT_CSS = """
    RegisterTable { height: 1fr; }
    """

    class Opened(Message):
        """Enter on a row: ``key`` is the source's key of that record."""

        def __init__(self, table: "RegisterTable", key: Any):
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> "RegisterTable":
            return self.table

    class Loaded(Message):
        """A page arrived (``rows`` is how many rows are now loaded)."""

        def __init__(self, table: "RegisterTable", rows: int, exhausted: bool):
            super().__init__()
            self.table = table
            self.rows = rows
            self.exhausted = exhausted

        @property
        def control(self) -> "RegisterTable":
            return self.table

    def __init__(self, source: RegisterSource | None = None, *, page_size: int = 100,
                 prefetch: int | None = None, id: str | None = None, classes: str | None = None):
        super().__init__(cursor_type="row", zebra_stripes=False, id=id, classes=classes)
        self.source = source
        self.page_size = page_size
        self.prefetch = prefetch if prefetch is not None else max(10, page_size // 4)
        self.keys: list[Any] = []
        self.exhausted = False
        self.fetches = 0                 # pages asked for since the source was set
        self._loading = False

    # --- the source ----------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.source is not None:
            self.set_source(self.source)

    def set_source(self, source: RegisterSource) -> None:
        """Show another source (a new filter): clear, then load its first page."""
        self.source = source
        self._loading = True            # clearing moves the cursor: do not fetch meanwhile
        try:
            self.clear(columns=True)
            self.keys = []
            self.exhausted = False
            self.fetches = 0
            for col in self._columns():
                self.add_column(Text(col.label, justify=col.justify), width=col.width)
        finally:
            self._loading = False
        self.load_more()

    def layout(self, source: RegisterSource | None = None) -> list[tuple[str, Any, str]]:
        """The columns (label, width, justify) of ``source`` (default: the one shown)."""
        src = self.source if source is None else source
        cols = src.columns if src is not None else []
        return [(c.label, c.width, c.justify) if isinstance(c, Column) else (str(c), None, "left")
                for c in cols]

    def refit(self, source: RegisterSource) -> bool:
        """The same rows laid out again (columns fitted to a new terminal width): show
        ``source`` when its columns differ from those shown, keeping the cursor's row.
        False when nothing had to change."""
        if self.source is None or self.layout(source) == self.layout():
            return False
        self.source = source
        self.reload()
        return True

    def reload(self) -> None:
        """Load again from the start, keeping the cursor where it was when possible."""
        row = self.cursor_row
        if self.source is not None:
            self.set_source(self.source)
            while row >= len(self.keys) - 1 and not self.exhausted:
                self.load_more()
            if self.keys:
                self.move_cursor(row=min(row, len(self.keys) - 1))

    def load_more(self) -> int:
        """Fetch the next page; returns how many rows came."""
        if self.source is None or self.exhausted or self._loading:
            return 0
        self._loading = True            # adding rows moves the cursor: no fetch from in here
        try:
            after = self.keys[-1] if self.keys else None
            page = self.source.fetch(after, self.page_size)
            self.fetches += 1
            if len(page) < self.page_size:
                self.exhausted = True
            columns = self._columns()
            for key, cells in page:
                self.keys.append(key)
                # a source may carry cells past the shown columns: those are not shown
                self.add_row(*(self._cell(c, col) for c, col in zip(cells, columns, strict=False)))
        finally:
            self._loading = False
        self.post_message(self.Loaded(self, len(self.keys), self.exhausted))
        return len(page)

    def _columns(self) -> list[Column]:
        cols = self.source.columns if self.source is not None else []
        return [c if isinstance(c, Column) else Column(str(c)) for c in cols]

    @staticmethod
    def _cell(value: Any, col: Column) -> Any:
        if isinstance(value, Text):
            return value
        return Text("" if value is None else str(value), justify=col.justify, no_wrap=True,
                    overflow="ellipsis")

    # --- the cursor --------------------------------------------------------------------------
    @property
    def current_key(self) -> Any:
        if not self.keys or self.cursor_row < 0 or self.cursor_row >= len(self.keys):
            return None
        return self.keys[self.cursor_row]

    def watch_cursor_coordinate(self, old, new) -> None:
        super().watch_cursor_coordinate(old, new)
        self._near_end(new.row)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # scrolled (wheel, scrollbar) near the end of what is loaded
        if self.max_scroll_y and new_value >= self.max_scroll_y - self.prefetch:
            self._near_end(len(self.keys) - 1)

    def _near_end(self, row: int) -> None:
        if not self.exhausted and row >= len(self.keys) - self.prefetch:
            self.load_more()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = self.current_key
        if key is not None:
            self.post_message(self.Opened(self, key))
