"""A list to choose from while typing: the box at the top filters (the caller's ``lookup``
decides how: accent-insensitive directory search, documents by search index …), ↑ ↓ move in the
list without leaving the box, Enter takes the highlighted line, Esc closes with None.

    def lookup(text):                          # -> [(key, label)]
        return [(c.id, c.label) for c in contacts.find_contacts(text, 20)]
    app.push_screen(PickerDialog("Chọn nơi gửi", lookup, text="huyen uy"), chosen)

``extras(text)`` adds lines after the matches (e.g. "Thêm vào danh bạ: “…”"); their keys are
whatever the caller recognises.
"""
from __future__ import annotations

from typing import Any, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from models.errors import VanphongError

from .. import strings as S
from .dialogs import Dialog
from .fields import TextInput

Lookup = Callable[[str], list[tuple[Any, str]]]


class PickerDialog(Dialog):
    BINDINGS = [Binding("escape", "cancel", S.KEY_CLOSE, key_display="Esc"),
                Binding("down", "move(1)", S.KEY_DOWN, show=False),
                Binding("up", "move(-1)", S.KEY_UP, show=False),
                Binding("pagedown", "move(8)", S.KEY_DOWN, show=False),
                Binding("pageup", "move(-8)", S.KEY_UP, show=False),
                Binding("f1", "app.help", S.KEY_HELP, key_display="F1", show=False)]
    AUTO_FOCUS = "#picker-input"

    def __init__(self, title: str, lookup: Lookup, *, text: str = "",
                 extras: Lookup | None = None, hint: str = S.PICKER_HINT):
        super().__init__(title)
        self.lookup, self.extras = lookup, extras
        self.initial, self.hint = text, hint
        self.keys: list[Any] = []

    def compose_body(self) -> ComposeResult:
        yield TextInput(value=self.initial, placeholder=S.PICKER_PLACEHOLDER, id="picker-input")
        yield OptionList(id="picker-list", markup=False)
        yield Static(self.hint, classes="hint", markup=False)

    def on_mount(self) -> None:
        self.fill(self.initial)

    @property
    def options(self) -> OptionList:
        return self.query_one("#picker-list", OptionList)

    def fill(self, text: str) -> None:
        try:
            rows = list(self.lookup(text))
        except VanphongError as e:
            rows = []
            self.app.show_error(e)
        if self.extras is not None:
            rows += list(self.extras(text))
        self.keys = [k for k, _ in rows]
        ol = self.options
        ol.clear_options()
        if rows:
            ol.add_options([Option(label, id=str(i)) for i, (_, label) in enumerate(rows)])
            ol.highlighted = 0
        else:
            ol.add_option(Option(S.PICKER_NONE, disabled=True))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.choose(self.options.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)

    def choose(self, index: int | None) -> None:
        if index is None or not (0 <= index < len(self.keys)):
            return
        self.dismiss(self.keys[index])

    def action_move(self, delta: int) -> None:
        ol = self.options
        if not self.keys:
            return
        cur = ol.highlighted if ol.highlighted is not None else 0
        ol.highlighted = max(0, min(len(self.keys) - 1, cur + delta))
