"""The reports the office owes (báo cáo định kỳ và đột xuất), their due dates and reminders.

A report is owed for a period: a month, a quarter, six months, nine months, a year, or none
(ad hoc, with its own due date). ``generate_year`` makes a year's schedule from the settings: a
periodic report falls due a number of days after its period ends (``reports.due_<kind>``,
negative for "before the period ends", as when the month's report goes up on the 25th). Hôm
nay reminds of every report still open that falls due within ``reports.remind_days`` days, and
of every one past due. A report is answered by an outgoing document of the register
(``link_outgoing``): that marks it sent.
"""
from __future__ import annotations

import calendar
import datetime as _dt

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, TextField

from . import audit, dashboard, search, users
from .db import BaseModel, db
from .documents import Outgoing
from .errors import NotFound, ValidationError
from .office import define_setting, get_setting
from .registers import Found, register_describer
from .text import format_date, nfc, parse_date

KINDS = ("month", "quarter", "half", "nine", "year", "adhoc")
KIND_NAMES = {"month": "Báo cáo tháng", "quarter": "Báo cáo quý", "half": "Báo cáo 6 tháng",
              "nine": "Báo cáo 9 tháng", "year": "Báo cáo năm", "adhoc": "Báo cáo đột xuất"}
STATUSES = ("open", "sent", "dropped")
DEFAULT_DUE = {"month": -5, "quarter": -5, "half": -15, "nine": -15, "year": -30}
MAX_LINE = 300

search.register_kind("report", 32, "Báo cáo phải nộp", table="report_due")

define_setting("reports.remind_days", "Nhắc báo cáo trước hạn (ngày)", "int", 7, minimum=0, maximum=60)
for _k, _label in (("month", "tháng"), ("quarter", "quý"), ("half", "6 tháng"), ("nine", "9 tháng"),
                   ("year", "năm")):
    define_setting(f"reports.due_{_k}", f"Hạn báo cáo {_label}: số ngày sau khi hết kỳ (âm: trước)",
                   "int", DEFAULT_DUE[_k], minimum=-90, maximum=90)
define_setting("reports.recipient", "Nơi nhận báo cáo định kỳ", "str", "Ban Thường vụ Tỉnh ủy")


class Report(BaseModel):
    kind = CharField(index=True)                 # KINDS
    title = CharField()
    period_start = DateField(null=True)
    period_end = DateField(null=True)
    due_on = DateField(index=True)
    recipient = CharField(default="")            # gửi đến
    status = CharField(default="open", index=True)
    outgoing = ForeignKeyField(Outgoing, null=True, backref="+", on_delete="SET NULL")
    outgoing_id: int | None   # for the type checker only: no value, so no field
    sent_on = DateField(null=True)
    notes = TextField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)
    created_by = CharField(default="")

    class Meta:
        table_name = "report_due"
        indexes = ((("kind", "period_start"), False),)


REPORT_MODELS = [Report]


def _month_end(y: int, m: int) -> _dt.date:
    return _dt.date(y, m, calendar.monthrange(y, m)[1])


def periods_of_year(year: int) -> list[tuple[str, _dt.date, _dt.date, str]]:
    """Every periodic report of a year: (kind, start, end, title). The 6-month, 9-month and
    year reports stand instead of the quarter's report at their quarter's end."""
    out = []
    for m in range(1, 13):
        out.append(("month", _dt.date(year, m, 1), _month_end(year, m), f"Báo cáo tháng {m:02d}/{year}"))
    out.append(("quarter", _dt.date(year, 1, 1), _month_end(year, 3), f"Báo cáo quý I năm {year}"))
    out.append(("half", _dt.date(year, 1, 1), _month_end(year, 6), f"Báo cáo sơ kết 6 tháng đầu năm {year}"))
    out.append(("nine", _dt.date(year, 1, 1), _month_end(year, 9), f"Báo cáo 9 tháng năm {year}"))
    out.append(("year", _dt.date(year, 1, 1), _dt.date(year, 12, 31), f"Báo cáo tổng kết năm {year}"))
    return out


def due_date(kind: str, period_end: _dt.date) -> _dt.date:
    return period_end + _dt.timedelta(days=int(get_setting(f"reports.due_{kind}")))


def _index(r: Report) -> None:
    search.remove("report", r.id)
    search.index("report", r.id, r.title, r.recipient, r.notes)


def generate_year(actor, year: int, kinds: tuple[str, ...] = ("month", "quarter", "half", "nine", "year")
                  ) -> list[Report]:
    """The year's periodic reports with their due dates (those already there are kept)."""
    users.require(actor, "programs.edit")
    out = []
    recipient = nfc(get_setting("reports.recipient"))
    with db.atomic():
        for kind, start, end, title in periods_of_year(year):
            if kind not in kinds:
                continue
            if Report.select().where((Report.kind == kind) & (Report.period_start == start)
                                     & (Report.period_end == end)).exists():
                continue
            r = Report(kind=kind, title=title, period_start=start, period_end=end,
                       due_on=due_date(kind, end), recipient=recipient,
                       created_by=audit.actor_name(actor))
            r.save()
            audit.log_change(actor, "create", r, None)
            _index(r)
            out.append(r)
    return out


def add_adhoc(actor, title: str, due_on, recipient: str = "", notes: str = "") -> Report:
    users.require(actor, "programs.edit")
    t = " ".join(nfc(title).split())
    if not t:
        raise ValidationError("Chưa nhập tên báo cáo.", "title")
    if len(t) > MAX_LINE:
        raise ValidationError(f"Tên báo cáo quá dài (tối đa {MAX_LINE} ký tự).", "title")
    d = due_on if isinstance(due_on, _dt.date) else parse_date(due_on or "", "due_on", required=True)
    with db.atomic():
        r = Report(kind="adhoc", title=t, due_on=d, recipient=" ".join(nfc(recipient).split())[:MAX_LINE],
                   notes=nfc(notes), created_by=audit.actor_name(actor))
        r.save()
        audit.log_change(actor, "create", r, None)
        _index(r)
        return r


def get_report(report) -> Report:
    rid = report.id if isinstance(report, Report) else int(report)
    r = Report.get_or_none(Report.id == rid)
    if r is None:
        raise NotFound(f"Không tìm thấy báo cáo (mã {rid}).")
    return r


def link_outgoing(actor, report, outgoing) -> Report:
    """The outgoing document that answered the report (a BC of the register): the report is sent."""
    users.require(actor, "programs.edit")
    with db.atomic():
        r = get_report(report)
        d: Outgoing | None
        if isinstance(outgoing, Outgoing):
            d = outgoing
        elif isinstance(outgoing, str) and not outgoing.strip().isdigit():
            d = Outgoing.get_or_none(Outgoing.symbol == nfc(outgoing).upper().replace(" ", ""))
            if d is None:
                raise NotFound(f"Sổ văn bản đi không có số {outgoing}.")
        else:
            d = Outgoing.get_or_none(Outgoing.id == int(outgoing))
            if d is None:
                raise NotFound(f"Không tìm thấy văn bản đi (mã {outgoing}).")
        if d.status == "cancelled":
            raise ValidationError(f"Số {d.symbol} đã hủy, không dùng để trả lời báo cáo.", "outgoing")
        before = audit.snapshot(r)
        r.outgoing, r.status, r.sent_on = d, "sent", d.doc_date
        r.save()
        audit.log_change(actor, "update", r, before)
        return r


def set_status(actor, report, status: str) -> Report:
    users.require(actor, "programs.edit")
    if status not in STATUSES:
        raise ValidationError("Trạng thái báo cáo không hợp lệ.", "status")
    with db.atomic():
        r = get_report(report)
        before = audit.snapshot(r)
        r.status = status
        if status != "sent":
            r.outgoing, r.sent_on = None, None
        r.save()
        audit.log_change(actor, "update", r, before)
        return r


def state(r: Report, today: _dt.date) -> str:
    """A key for the screen: sent, dropped, overdue, due_soon, open."""
    if r.status != "open":
        return r.status
    if r.due_on < today:
        return "overdue"
    if r.due_on <= today + _dt.timedelta(days=int(get_setting("reports.remind_days"))):
        return "due_soon"
    return "open"


def reports(year: int | None = None, *, open_only: bool = False) -> list[Report]:
    q = Report.select().order_by(Report.due_on, Report.id)
    if year:
        q = q.where((Report.due_on >= _dt.date(year, 1, 1)) & (Report.due_on <= _dt.date(year, 12, 31)))
    if open_only:
        q = q.where(Report.status == "open")
    return list(q)


def reminders(today: _dt.date) -> list[Report]:
    """Open reports past due, and those falling due within the reminder window."""
    ahead = today + _dt.timedelta(days=int(get_setting("reports.remind_days")))
    return list(Report.select().where((Report.status == "open") & (Report.due_on <= ahead))
                .order_by(Report.due_on, Report.id))


def _panel(actor, today: _dt.date):
    if not users.can(actor, "records.view"):
        return None
    rs = reminders(today)
    if not rs:
        return None
    late = [r for r in rs if r.due_on < today]
    lines = [("Quá hạn " if r.due_on < today else "Hạn ") + f"{format_date(r.due_on)}: {r.title}"[:70]
             for r in rs[:5]]
    return dashboard.Panel("Báo cáo sắp đến hạn", len(rs), lines, area="reports",
                           severity="warning" if late else "info")


dashboard.register_panel(150, "reports.due", _panel)


def _describe(refs: list[int]) -> dict[int, Found]:
    return {r.id: Found("report", r.id, search.KINDS["report"].label,
                        r.outgoing.symbol if r.outgoing is not None else "", format_date(r.due_on), r.title)
            for r in Report.select().where(Report.id.in_(refs))}


register_describer("report", _describe, "records.view")


def _describe_report(record_id: str) -> str:
    """"Báo cáo tháng 03/2026 (hạn 25/03/2026)"."""
    r = Report.get_by_id(int(record_id))
    return f"{r.title} (hạn {format_date(r.due_on)})"


audit.register_describer("report_due", _describe_report)    # the audit log names the report
