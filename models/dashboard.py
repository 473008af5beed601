"""What the dashboard ("Hôm nay") shows, gathered from every area of the office.

Each area registers a panel: a function that, given the acting user and today's date, returns
a ``Panel`` (a title, a count and a few lines). The TUI renders them in order; it knows nothing
of what is inside.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Panel:
    title: str
    count: int
    lines: list[str] = field(default_factory=list)
    area: str = ""            # the TUI area to open on Enter (tui.areas key)
    severity: str = "info"    # info | warning | error


_PANELS: list[tuple[int, str, Callable]] = []


def register_panel(order: int, key: str, fn: Callable[[object, _dt.date], Panel | None]) -> None:
    global _PANELS
    _PANELS = [p for p in _PANELS if p[1] != key]
    _PANELS.append((order, key, fn))
    _PANELS.sort(key=lambda p: p[0])


def panels(actor, today: _dt.date | None = None) -> list[Panel]:
    today = today or _dt.date.today()
    out = []
    for _, _, f in _PANELS:
        p = f(actor, today)
        if p is not None:
            out.append(p)
    return out
