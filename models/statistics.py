"""The office's own figures for any period (số liệu thống kê), for its reports.

This module knows no area. Each area adds its figures from its own module, as it adds its panel
to Hôm nay::

    statistics.register_figures("meetings", _figures, order=40, permission="meetings.view")

where ``_figures(start, end)`` returns ``Figure`` rows for the days ``start`` … ``end``
(inclusive). ``figures`` gathers them in order, leaving out the areas the user may not see.
Rows carry numbers; the screen, the PDF and the spreadsheet choose how to show them.
"""
from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass
from typing import Callable

from . import labels, users
from .errors import ValidationError


@dataclass
class Figure:
    group: str            # "Văn bản đến"
    label: str            # "Tổng số", "Theo loại: Công văn", …
    value: int
    unit: str = ""        # "đ" for money
    level: int = 0        # 0 a headline, 1 a breakdown under it


@dataclass
class Source:
    key: str
    fn: Callable[[_dt.date, _dt.date], list[Figure]]
    order: int
    permission: str


_SOURCES: dict[str, Source] = {}


def register_figures(key: str, fn: Callable[[_dt.date, _dt.date], list[Figure]], *, order: int = 100,
                     permission: str = "records.view") -> None:
    """An area's figures (a later registration under the same key replaces the earlier)."""
    _SOURCES[key] = Source(key, fn, order, permission)


def sources() -> list[str]:
    return [s.key for s in sorted(_SOURCES.values(), key=lambda s: (s.order, s.key))]


def check_period(start: _dt.date, end: _dt.date) -> None:
    """A period runs forwards: the refusal a form shows on its last day otherwise."""
    if end < start:
        raise ValidationError("Ngày cuối kỳ trước ngày đầu kỳ.", "end")


def figures(actor, start: _dt.date, end: _dt.date) -> list[Figure]:
    check_period(start, end)
    users.require(actor, "records.view")
    out: list[Figure] = []
    for s in sorted(_SOURCES.values(), key=lambda s: (s.order, s.key)):
        if users.can(actor, s.permission):
            out += s.fn(start, end)
    return out


def period(kind: str, year: int, n: int = 1) -> tuple[_dt.date, _dt.date]:
    """month n, quarter n, half (6 months) / nine (9 months) / year of ``year``."""
    if kind == "month":
        if not 1 <= n <= 12:
            raise ValidationError("Tháng từ 1 đến 12.", "month")
        return _dt.date(year, n, 1), _dt.date(year, n, calendar.monthrange(year, n)[1])
    if kind == "quarter":
        if not 1 <= n <= 4:
            raise ValidationError("Quý từ 1 đến 4.", "quarter")
        m = 3 * n
        return _dt.date(year, m - 2, 1), _dt.date(year, m, calendar.monthrange(year, m)[1])
    if kind == "half":
        return _dt.date(year, 1, 1), _dt.date(year, 6, 30)
    if kind == "nine":
        return _dt.date(year, 1, 1), _dt.date(year, 9, 30)
    if kind == "year":
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    raise ValidationError("Kỳ thống kê: tháng, quý, 6 tháng, 9 tháng, năm.", "period")


def format_value(f: Figure) -> str:
    s = f"{f.value:,}".replace(",", ".")
    return f"{s} {f.unit}".strip()


EXPORT_COLUMNS = labels.STATISTICS_COLUMNS


def export_rows(figs: list[Figure]):
    for f in figs:
        yield [f.group, ("   " if f.level else "") + f.label, f.value, f.unit]
