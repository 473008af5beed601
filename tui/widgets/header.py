"""The one-line header: where you are on the left, who and which day on the right."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from models.text import format_date

from .. import strings as S


def long_date(d) -> str:
    return S.TODAY_LONG.format(weekday=S.WEEKDAYS[d.weekday()], date=format_date(d))


class AppHeader(Horizontal):
    DEFAULT_CSS = """
    AppHeader { height: 1; dock: top; }
    AppHeader > #header-where { width: 1fr; }
    AppHeader > #header-who { width: auto; }
    """

    def __init__(self, title: str = ""):
        super().__init__()
        self.title = title

    def compose(self) -> ComposeResult:
        yield Label("", id="header-where", markup=False)
        yield Label("", id="header-who", markup=False)

    def on_mount(self) -> None:
        self.refresh_text()

    def refresh_text(self) -> None:
        app = self.app
        office = getattr(app, "office_name", "") or S.APP_NAME
        where = f" {office}" + (f" › {self.title}" if self.title else "")
        actor = getattr(app, "actor", None)
        who = ""
        if actor is not None:
            who = S.HEADER_USER.format(username=actor.username, role=actor.role_label) + " · "
        who += long_date(app.today()) + " "
        self.query_one("#header-where", Label).update(where)
        self.query_one("#header-who", Label).update(who)
