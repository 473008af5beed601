"""The one-line header: where you are on the left, who and which day on the right."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from models.text import format_date

from .. import strings as S


def long_date(d) -> str:
    return S.TODAY_LONG.format(weekday=S.WEEKDAYS[d.weekday()], date=format_date(d))


class AppHeader(Static):
    """One widget, one line (every screen has it: kept cheap to build)."""

    DEFAULT_CSS = """
    AppHeader { height: 1; dock: top; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, title: str = ""):
        super().__init__("")
        self.title = title

    def on_mount(self) -> None:
        self.refresh_text()

    def on_resize(self) -> None:
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
        width = self.size.width or app.size.width
        gap = max(1, width - len(where) - len(who))
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(where, style="bold")
        t.append(" " * gap)
        t.append(who)
        self.update(t)
