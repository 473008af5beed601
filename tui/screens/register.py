"""The base of every register screen (sổ): a lazily paged table, `/` to filter, Enter to open.

A register of a later area is a subclass with two methods:

    class IncomingScreen(RegisterScreen):
        TITLE_VI = "Sổ văn bản đến"
        def make_source(self, text):               # text: the filter typed after '/', or ''
            return IncomingSource(self.app.actor, text)
        def open_record(self, key):                # Enter on a row
            self.app.push_screen(IncomingDetail(key))

Extra keys go in BINDINGS as usual (F-key with its Ctrl/letter twin: "f7,ctrl+n").
After a change, ``self.reload()`` reloads the table from the start.
"""
from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from .. import strings as S
from ..widgets.fields import TextInput
from ..widgets.register_table import RegisterSource, RegisterTable
from .base import AreaScreen


class RegisterScreen(AreaScreen):
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("slash", "filter", S.KEY_FILTER, key_display="/", tooltip=S.TIP_FILTER)]
    AUTO_FOCUS = "#register-table"
    PAGE_SIZE = 100
    HINT = ""

    def __init__(self):
        super().__init__()
        self.filter_text = ""

    def compose_body(self) -> ComposeResult:
        yield TextInput(placeholder=S.FILTER_PLACEHOLDER, id="register-filter")
        yield RegisterTable(page_size=self.PAGE_SIZE, id="register-table")
        yield Static(self.HINT, id="register-status", markup=False)

    # --- for subclasses ------------------------------------------------------------------------
    def make_source(self, text: str) -> RegisterSource:
        raise NotImplementedError

    def open_record(self, key: Any) -> None:
        """Enter on a row."""

    # --- behaviour ---------------------------------------------------------------------------------
    @property
    def table(self) -> RegisterTable:
        return self.query_one("#register-table", RegisterTable)

    def on_mount(self) -> None:
        self.app.run_guarded(lambda: self.table.set_source(self.make_source("")))

    def reload(self) -> None:
        self.app.run_guarded(self.table.reload)

    def refit(self) -> None:
        """Columns fitted to the terminal's width again (make_source fits them): after a
        resize, and on coming back to a screen resized while it was covered."""
        if self.is_attached and self.table.source is not None:
            self.app.run_guarded(lambda: self.table.refit(self.make_source(self.filter_text)))

    def on_resize(self, event) -> None:
        self.refit()

    def on_screen_resume(self) -> None:
        self.refit()

    def on_register_table_opened(self, event: RegisterTable.Opened) -> None:
        event.stop()
        self.app.run_guarded(self.open_record, event.key)

    def on_register_table_loaded(self, event: RegisterTable.Loaded) -> None:
        event.stop()
        status = self.query_one("#register-status", Static)
        if event.rows == 0:
            status.update(S.TABLE_EMPTY_FILTER.format(text=self.filter_text) if self.filter_text
                          else S.TABLE_EMPTY)
        elif self.filter_text:
            status.update(S.FILTER_ACTIVE.format(text=self.filter_text))
        else:
            status.update(self.HINT)

    def action_filter(self) -> None:
        f = self.query_one("#register-filter", Input)
        f.add_class("-shown")
        f.value = self.filter_text
        f.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The list follows the filter as it is typed: each keystroke shows the first page of
        what matches so far (a page costs a page, however many rows match); Enter goes to the
        rows."""
        if event.input.id != "register-filter" or not event.input.has_focus:
            return
        event.stop()
        text = event.value.strip()
        if text == self.filter_text:
            return
        self.filter_text = text
        self.app.run_guarded(lambda: self.table.set_source(self.make_source(text)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "register-filter":
            return
        event.stop()
        self.apply_filter(event.value.strip())

    def apply_filter(self, text: str) -> None:
        self.filter_text = text
        f = self.query_one("#register-filter", Input)
        if not text:
            f.remove_class("-shown")
        self.app.run_guarded(lambda: self.table.set_source(self.make_source(text)))
        self.table.focus()

    def action_back(self) -> None:
        f = self.query_one("#register-filter", Input)
        if f.has_focus or self.filter_text:
            f.value = ""
            self.apply_filter("")
            return
        super().action_back()
