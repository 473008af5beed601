"""The one-line header: where you are on the left, who and which day on the right."""
from __future__ import annotations

from rich.cells import cell_len
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
        width = self.size.width or app.size.width
        where, who = header_parts(getattr(app, "office_name", "") or S.APP_NAME, self.title,
                                  getattr(app, "actor", None), app.today(), width)
        gap = max(1, width - cell_len(where) - cell_len(who))
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(where, style="bold")
        t.append(" " * gap)
        t.append(who)
        self.update(t)


def header_parts(office: str, title: str, actor, today, width: int) -> tuple[str, str]:
    """The left (where) and right (who, which day) of the header, shortened until they fit
    ``width`` with a gap: the date first (weekday, then the date), then the role, then the
    office's name; the screen's title is kept longest (the line ends in … if even it is too
    long)."""
    day_long, day_short = long_date(today), format_date(today)
    if actor is not None:
        user, role = actor.username, actor.role_label
        withrole = S.HEADER_USER.format(username=user, role=role)
        rights = [f"{withrole} · {day_long}", f"{withrole} · {day_short}", withrole, user]
    else:
        rights = [day_long, day_short, ""]
    here = f" › {title}" if title else ""
    lefts = [f" {office}{here}", f" {title}" if title else f" {office}"]
    for left in lefts:
        for right in rights:
            right = f"{right} " if right else ""
            if cell_len(left) + cell_len(right) + 2 <= width:
                return left, right
    return lefts[-1], (f"{rights[-1]} " if rights[-1] else "")
