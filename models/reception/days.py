"""The head's reception days (tiếp dân định kỳ): scheduling, holding, a month's outlook."""
from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass

from .. import audit, users
from ..db import db
from ..errors import ValidationError
from ..text import format_date, nfc
from ..writes import get_or_refuse
from .records import DAY_STATES, REQUIRED_DAYS, ReceptionDay


# --- the head's reception days ----------------------------------------------------------------
def _clean_day(day, state: str) -> _dt.date:
    if state not in DAY_STATES:
        raise ValidationError("Trạng thái ngày tiếp không hợp lệ.", "state")
    if not isinstance(day, _dt.date):
        raise ValidationError("Chưa nhập ngày tiếp (dd/mm/yyyy).", "day")
    return day.date() if isinstance(day, _dt.datetime) else day


def schedule_day(actor, day: _dt.date, *, host: str = "", place: str = "", state: str = "scheduled",
                 notes: str = "") -> ReceptionDay:
    """Put a reception day of the head on the calendar (or record one already held)."""
    users.require(actor, "reception.edit")
    day = _clean_day(day, state)
    with db.atomic():
        if ReceptionDay.select().where((ReceptionDay.day == day)
                                       & (ReceptionDay.state != "cancelled")).exists():
            raise ValidationError(f"Ngày {format_date(day)} đã có trong lịch tiếp dân.", "day")
        d = ReceptionDay.create(day=day, host=nfc(host)[:120], place=nfc(place)[:200], state=state,
                                notes=nfc(notes)[:1000])
        audit.log_change(actor, "create", d)
        return d


def set_day_state(actor, day_id: int, state: str, notes: str | None = None) -> ReceptionDay:
    users.require(actor, "reception.edit")
    if state not in DAY_STATES:
        raise ValidationError("Trạng thái ngày tiếp không hợp lệ.", "state")
    with db.atomic():
        d = get_or_refuse(ReceptionDay, int(day_id), f"Không tìm thấy ngày tiếp dân (mã {day_id}).")
        before = audit.snapshot(d)
        d.state = state
        if notes is not None:
            d.notes = nfc(notes)[:1000]
        d.save()
        audit.log_change(actor, "update", d, before)
        return d


def month_bounds(year: int, month: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(year, month, 1), _dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass
class MonthOutlook:
    year: int
    month: int
    held: int               # days held in the month
    planned: int            # days still scheduled in the month, from today on
    required: int = REQUIRED_DAYS

    @property
    def expected(self) -> int:
        return self.held + self.planned

    @property
    def short(self) -> bool:
        """Heading below the required days: held plus still planned is not enough."""
        return self.expected < self.required

    @property
    def missing(self) -> int:
        return max(0, self.required - self.expected)


def month_outlook(year: int, month: int, today: _dt.date) -> MonthOutlook:
    """How month ``year-month`` stands on ``today``: days held in it, and days scheduled in it
    that can still happen (on or after today, and inside the month: next month's days never count
    for this one). A month already past counts only what was held."""
    first, last = month_bounds(year, month)
    held = ReceptionDay.select().where((ReceptionDay.day >= first) & (ReceptionDay.day <= last)
                                       & (ReceptionDay.state == "held")).count()
    planned = 0
    if today <= last:
        planned = ReceptionDay.select().where((ReceptionDay.day >= max(first, today))
                                              & (ReceptionDay.day <= last)
                                              & (ReceptionDay.state == "scheduled")).count()
    return MonthOutlook(year, month, held, planned)


def days_between(date_from: _dt.date, date_to: _dt.date) -> list[ReceptionDay]:
    return list(ReceptionDay.select().where((ReceptionDay.day >= date_from) & (ReceptionDay.day <= date_to))
                .order_by(ReceptionDay.day))
