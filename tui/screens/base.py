"""What every full screen has: the header line, the footer of keys, Esc to go back, and the
wiring that shows a models error under its field or in a dialog.

A screen of a later area:

    class IncomingScreen(RegisterScreen):        # or AreaScreen for a form
        TITLE_VI = S.AREA_INCOMING
        HELP_EXTRA = [("F5 / Ctrl+R", "Chuyển xử lý")]   # keys not in BINDINGS, for F1
        def compose_body(self): ...
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from models.errors import ValidationError

from .. import strings as S
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader


class BaseScreen(Screen):
    TITLE_VI = ""                                  # shown in the header and on the help screen
    HELP_EXTRA: list[tuple[str, str]] = []         # (keys, what they do) beyond BINDINGS

    def compose(self) -> ComposeResult:
        yield AppHeader(self.TITLE_VI)
        yield from self.compose_body()
        yield AppFooter(compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def refresh_header(self) -> None:
        for h in self.query(AppHeader):
            h.refresh_text()

    def set_title(self, title: str) -> None:
        """A new title in the header (a screen that switches lists, a record once read)."""
        if self.TITLE_VI != title:
            self.TITLE_VI = title
            for h in self.query(AppHeader):
                h.title = title
                h.refresh_text()

    def on_screen_resume(self) -> None:
        self.refresh_header()

    def on_unmount(self) -> None:
        self.app.screen_closed()          # its memory is given back once the user pauses

    def office_changed(self) -> None:
        """The office's name read from the database differs from the one shown."""
        self.refresh_header()

    def show_validation_error(self, err: ValidationError) -> bool:
        from ..widgets.fields import show_validation_error
        return show_validation_error(self, err)


class AreaScreen(BaseScreen):
    """A screen opened from the menu: Esc goes back to where you came from."""

    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc")]

    def action_back(self) -> None:
        self.app.go_back()
