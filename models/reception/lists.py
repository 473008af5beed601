"""The book and the days as lists (keys and flags; the screen chooses the words), search hits, Hôm nay."""
from __future__ import annotations

import datetime as _dt

from .. import audit, dashboard, labels, search, users
from ..registers import DataSource, _search_ids, id_filter
from ..text import fold, format_date, format_datetime
from .days import month_outlook
from .records import OPEN_STATES, STATE_VI, Reception, ReceptionDay, ReceptionStep


# --- list sources (keys and flags; the screen chooses the words) ------------------------------
class ReceptionSource(DataSource):
    """The reception book, newest first. Cells: number, date-time, name, category key, content,
    action key, state key, the ID number ('' or None when hidden)."""
    kind = "reception"
    title = "Sổ tiếp khách"
    columns = [labels.RECEPTION_NO, labels.VISITED_AT, labels.VISITOR, labels.CATEGORY, labels.CONTENT,
               labels.ACTION, labels.CASE_STATE, labels.ID_NUMBER]
    widths = [7, 16, 20, 9, 0, 9, 12, 12]
    permission = "reception.view"

    def __init__(self, actor, text: str | None = None, *, year: int | None = None,
                 state: str | list[str] | None = None, category: str | None = None,
                 open_only: bool = False, today: _dt.date | None = None):
        super().__init__(actor)
        self.year, self.state, self.category, self.open_only = year, state, category, open_only
        self.show_ids = users.can(actor, "reception.view_ids")
        self.ids = _search_ids(text, ["reception"])

    def query(self):
        q = Reception.select()
        if self.year:
            q = q.where(Reception.year == int(self.year))
        if self.state:
            st = [self.state] if isinstance(self.state, str) else list(self.state)
            q = q.where(Reception.state.in_(st))
        if self.open_only:
            q = q.where(Reception.state.in_(OPEN_STATES))
        if self.category:
            q = q.where(Reception.category == self.category)
        if self.ids is not None:
            q = q.where(id_filter(Reception.id, self.ids))
        return q

    def order_fields(self):
        return [Reception.year, Reception.number, Reception.id]

    def cells(self, r: Reception) -> list:
        return [r.label, format_datetime(r.visited_at), r.name, r.category,
                " ".join(r.content.split()), r.action, r.state,
                r.id_number if self.show_ids else None]


class ReceptionDaySource(DataSource):
    """The head's reception days, newest first. Cells: date, weekday index, host, place, state."""
    kind = "reception_day"
    title = "Lịch tiếp dân"
    columns = ["Ngày", "Thứ", "Người tiếp", "Địa điểm", "Trạng thái"]
    widths = [10, 8, 20, 0, 12]
    permission = "reception.view"

    def __init__(self, actor, text: str | None = None, *, year: int | None = None,
                 today: _dt.date | None = None):
        super().__init__(actor)
        self.year = year
        self.text = fold(text) if text else ""

    def query(self):
        q = ReceptionDay.select()
        if self.year:
            y = int(self.year)
            q = q.where((ReceptionDay.day >= _dt.date(y, 1, 1)) & (ReceptionDay.day <= _dt.date(y, 12, 31)))
        return q

    def fetch(self, after_key=None, limit: int = 50):
        rows = super().fetch(after_key, limit)
        if self.text:       # a short list: filtered here, accents ignored
            rows = [r for r in rows if self.text in fold(" ".join(str(c) for c in r[1]))]
        return rows

    def order_fields(self):
        return [ReceptionDay.day, ReceptionDay.id]

    def cells(self, d: ReceptionDay) -> list:
        return [format_date(d.day), d.day.weekday(), d.host, d.place, d.state]


# --- search hits ------------------------------------------------------------------------------
def _describe(refs: list[int]):
    from ..registers import Found
    out = {}
    for r in Reception.select().where(Reception.id.in_(refs)):
        out[r.id] = Found("reception", r.id, search.KINDS["reception"].label, r.label,
                          format_date(r.visited_at), f"{r.name}: {' '.join(r.content.split())[:80]}")
    return out


def _register_describer() -> None:
    from ..registers import register_describer
    register_describer("reception", _describe, "reception.view")


_register_describer()


# --- the audit log names these records as a clerk does ----------------------------------------
# By the day and the visitor's name, read now from the book: every role that reads the log
# (audit.view) may read the book (reception.view), and an anonymised visitor is named as the
# book names them since. Never the ID number (reception.view_ids), the address or the matter.
def _describe_reception(record_id: str) -> str:
    r = Reception.get_by_id(int(record_id))
    return f"tiếp khách {format_date(r.visited_at)} — {r.name}"


def _describe_step(record_id: str) -> str:
    s = ReceptionStep.get_by_id(int(record_id))
    return f"{_describe_reception(str(s.reception_id))}: {STATE_VI.get(s.state, s.state).lower()}"


def _describe_day(record_id: str) -> str:
    d = ReceptionDay.get_by_id(int(record_id))
    return f"ngày tiếp dân {format_date(d.day)}" + (f" — {d.host}" if d.host else "")


audit.register_describer("reception", _describe_reception)
audit.register_describer("reception_step", _describe_step)
audit.register_describer("reception_day", _describe_day)


# --- Hôm nay ----------------------------------------------------------------------------------
def _panel_days(actor, today: _dt.date):
    if not users.can(actor, "reception.view"):
        return None
    o = month_outlook(today.year, today.month, today)
    if not o.short:
        return None
    lines = [f"Tháng {today.month}/{today.year}: đã tiếp {o.held} ngày, còn lịch {o.planned} ngày; "
             f"cần ít nhất {o.required} ngày."]
    lines.append(f"Cần xếp thêm {o.missing} ngày tiếp dân của Bí thư trong tháng.")
    return dashboard.Panel("Lịch tiếp dân của Bí thư chưa đủ", o.missing, lines,
                           area="reception_days", severity="warning")


def _panel_open(actor, today: _dt.date):
    if not users.can(actor, "reception.view"):
        return None
    q = Reception.select().where(Reception.state.in_(OPEN_STATES))
    n = q.count()
    if not n:
        return None
    lines = []
    for r in q.order_by(Reception.visited_at).limit(5):
        where = f" → {r.forward_to[:30]}" if r.state == "waiting" and r.forward_to else ""
        lines.append(f"Số {r.label} — {r.name[:30]}: {' '.join(r.content.split())[:40]}"
                     f" (tiếp {format_date(r.visited_at)}{where})")
    return dashboard.Panel("Vụ việc tiếp dân chưa kết thúc", n, lines, area="reception",
                           severity="info")


dashboard.register_panel(300, "reception.days", _panel_days)
dashboard.register_panel(310, "reception.open", _panel_open)
