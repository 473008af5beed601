"""The menu (F10 / Ctrl+O) from any screen: every area this user may open, with its keys, and
the actions (change password, log out, help, quit). Dismisses with ("area"|"action", key)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList

from .. import strings as S
from ..widgets.menu_list import MenuList
from .dashboard import menu_options


class MenuScreen(ModalScreen):
    BINDINGS = [Binding("escape", "close", S.KEY_CLOSE, key_display="Esc")]
    AUTO_FOCUS = "#menu-list"

    def compose(self) -> ComposeResult:
        with Vertical(id="menu-box", classes="dialog-box") as box:
            box.border_title = S.MENU_TITLE
            yield MenuList(*menu_options(self.app.actor, wide=True), id="menu-list", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, key = (event.option.id or "").partition(":")
        self.dismiss((kind, key))

    def action_close(self) -> None:
        self.dismiss(None)
