"""The office's calendar: which days are working days (Saturdays, Sundays and the holidays
listed in the setting ``calendar.holidays`` are not) and the deadline arithmetic on them.
Registers, meetings, dues and reports count their deadlines here."""
from __future__ import annotations

import datetime as _dt

from .errors import ValidationError
from .office import define_setting, get_setting
from .text import parse_date

define_setting("calendar.holidays", "Ngày nghỉ lễ, Tết (dd/mm/yyyy, cách nhau bởi dấu phẩy)", "str", "",
               "Dùng để tính hạn vào sổ văn bản đến (chậm nhất ngày làm việc tiếp theo).")


WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def holidays() -> set[_dt.date]:
    out: set[_dt.date] = set()
    for part in str(get_setting("calendar.holidays") or "").replace(";", ",").split(","):
        part = part.strip()
        if part:
            try:
                d = parse_date(part)
            except ValidationError:
                continue
            assert d is not None     # a required date: parse_date gives one or refuses, never None
            out.add(d)
    return out


def is_working_day(d: _dt.date, off: set[_dt.date] | None = None) -> bool:
    off = holidays() if off is None else off
    return d.weekday() < 5 and d not in off


def next_working_day(d: _dt.date, off: set[_dt.date] | None = None) -> _dt.date:
    """The first working day after ``d`` (Saturdays, Sundays and listed holidays are off)."""
    off = holidays() if off is None else off
    n = d + _dt.timedelta(days=1)
    while not is_working_day(n, off):
        n += _dt.timedelta(days=1)
    return n
