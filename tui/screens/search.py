"""Tìm kiếm: one box over every register (models.search.query), accent- and case-blind.
Enter in the box searches; Enter on a hit opens it with its area's opener."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from models import search

from .. import strings as S
from ..widgets.fields import TextInput
from .base import AreaScreen


SHOWN = 200             # results shown at most: beyond, the clerk types more words


class SearchScreen(AreaScreen):
    TITLE_VI = S.AREA_SEARCH
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("slash", "focus_input", S.KEY_SEARCH, key_display="/")]
    AUTO_FOCUS = "#search-input"
    HELP_EXTRA = S.HELP_SEARCH

    def __init__(self, query: str = ""):
        super().__init__()
        self.initial_query = query
        self.hits: list[search.Hit] = []

    def compose_body(self) -> ComposeResult:
        yield TextInput(value=self.initial_query, placeholder=S.SEARCH_PLACEHOLDER, id="search-input")
        yield Static(S.SEARCH_HINT, id="search-status", markup=False)
        yield OptionList(id="search-results", markup=False)

    def on_mount(self) -> None:
        if self.initial_query.strip():
            self.run_search(self.initial_query)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_search(event.value)

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#search-input") and self.hits:
            event.stop()
            self.query_one("#search-results").focus()

    def run_search(self, text: str) -> None:
        q = text.strip()
        results = self.query_one("#search-results", OptionList)
        status = self.query_one("#search-status", Static)
        results.clear_options()
        if not q:
            self.hits = []
            status.update(S.SEARCH_HINT)
            return
        from models import registers
        kinds = registers.searchable_kinds(self.app.actor)     # the secret registers if allowed
        # "100 kết quả" was said of a list cut at the newest matches: there were more
        found = (self.app.run_guarded(search.query_more, q, kinds, SHOWN) if kinds else None)
        self.hits, more = found or ([], False)
        if not self.hits:
            status.update(S.SEARCH_NONE.format(query=q))
            return
        status.update((S.SEARCH_COUNT_MORE if more else S.SEARCH_COUNT).format(n=len(self.hits), query=q))
        results.add_options([Option(f"{h.label}: {h.title}", id=str(i)) for i, h in enumerate(self.hits)])
        results.highlighted = 0
        results.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        h = self.hits[int(event.option.id)]
        self.app.open_record(h.kind, h.ref)

    def action_focus_input(self) -> None:
        self.query_one("#search-input").focus()
