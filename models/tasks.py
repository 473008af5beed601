"""Ad-hoc requests (việc đột xuất): jobs the committee or its leaders hand the office outside the
work program — who asked, what, for whom, by when, how it stands, notes, and links to the
documents (incoming, outgoing) or the meeting it came from or led to.

    t = add_task(actor, asked_by="Phạm Văn Đức", what="Chuẩn bị báo cáo nhanh về ...",
                 assignee="Văn phòng", deadline=date(2026, 3, 10))
    set_status(actor, t, "done", note="Đã gửi báo cáo")

A request past its deadline and not done (nor cancelled) is overdue; the overdue ones show on
Hôm nay. Meetings live in another area: a request keeps the meeting's id and its title as text,
so it needs nothing from that module.
"""
from __future__ import annotations

import datetime as _dt

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from . import audit, dashboard, labels, search, users
from .db import BaseModel, db
from .documents import Incoming, Outgoing
from .errors import ValidationError
from .registers import DataSource, _search_ids, id_filter, one_line
from .text import format_date, nfc, require_text
from .writes import get_or_refuse, linked_record

STATUSES = ("open", "in_progress", "done", "cancelled")
OPEN_STATUSES = ("open", "in_progress")
STATUS_VI = {"open": "Chưa làm", "in_progress": "Đang làm", "done": "Đã xong", "cancelled": "Đã hủy"}
LIMITS = {"asked_by": 120, "what": 2000, "assignee": 120, "notes": 2000, "meeting_label": 250}

search.register_kind("task", 21, "Việc đột xuất")


class Task(BaseModel):
    asked_on = DateField(index=True)
    asked_by = CharField()                 # who asked: a leader, the standing committee …
    what = TextField()
    assignee = CharField(default="")       # for whom / who does it
    deadline = DateField(null=True, index=True)
    status = CharField(default="open", index=True)
    notes = TextField(default="")
    incoming = ForeignKeyField(Incoming, null=True, backref="tasks", on_delete="SET NULL")
    outgoing = ForeignKeyField(Outgoing, null=True, backref="tasks", on_delete="SET NULL")
    meeting_ref = IntegerField(null=True)   # the meeting's id in the meetings area
    meeting_label = CharField(default="")   # its title as shown when linked
    done_on = DateField(null=True)
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "task"

    def is_overdue(self, today: _dt.date) -> bool:
        return self.deadline is not None and self.deadline < today and self.status in OPEN_STATUSES


TASK_MODELS = [Task]


def _doc(model, value, field: str):
    return linked_record(model, value, field, "Không tìm thấy văn bản để liên kết.")


def _clean(values: dict, partial: bool = False) -> dict:
    out: dict = {}
    for k, label, required in (("asked_by", "người giao việc", True), ("what", "nội dung công việc", True),
                               ("assignee", "người thực hiện", False), ("notes", "ghi chú", False),
                               ("meeting_label", "hội nghị liên quan", False)):
        if partial and k not in values:
            continue
        v = nfc(values.get(k))
        if required:
            v = require_text(v, label, k, LIMITS[k])
        elif len(v) > LIMITS[k]:
            raise ValidationError(f"{label[:1].upper()}{label[1:]} quá dài (tối đa {LIMITS[k]} ký tự).", k)
        out[k] = v
    for k in ("asked_on", "deadline"):
        if k in values:
            v = values[k]
            if v is not None and not isinstance(v, _dt.date):
                raise ValidationError("Ngày phải viết dạng dd/mm/yyyy.", k)
            out[k] = v.date() if isinstance(v, _dt.datetime) else v
    if "meeting_ref" in values:
        out["meeting_ref"] = int(values["meeting_ref"]) if values["meeting_ref"] not in (None, "") else None
    return out


def _index(t: Task) -> None:
    search.index("task", t.id, t.what[:120], t.asked_by, t.assignee, t.notes, t.meeting_label)


def add_task(actor, *, asked_by: str, what: str, assignee: str = "", deadline: _dt.date | None = None,
             asked_on: _dt.date | None = None, notes: str = "", incoming=None, outgoing=None,
             meeting_ref: int | None = None, meeting_label: str = "") -> Task:
    users.require(actor, "tasks.edit")
    clean = _clean({"asked_by": asked_by, "what": what, "assignee": assignee, "notes": notes,
                    "deadline": deadline, "asked_on": asked_on or _dt.date.today(),
                    "meeting_ref": meeting_ref, "meeting_label": meeting_label})
    if clean["deadline"] and clean["deadline"] < clean["asked_on"]:
        raise ValidationError("Hạn hoàn thành trước ngày giao việc.", "deadline")
    with db.atomic():
        t = Task.create(incoming=_doc(Incoming, incoming, "incoming"),
                        outgoing=_doc(Outgoing, outgoing, "outgoing"), **clean)
        audit.log_change(actor, "create", t)
        _index(t)
        return t


def get_task(task_id: int) -> Task:
    return get_or_refuse(Task, int(task_id), f"Không tìm thấy việc đột xuất (mã {task_id}).")


def update_task(actor, task, **values) -> Task:
    users.require(actor, "tasks.edit")
    clean = _clean(values, partial=True)
    with db.atomic():
        t = get_task(task.id if isinstance(task, Task) else task)
        before = audit.snapshot(t)
        for k, v in clean.items():
            setattr(t, k, v)
        if "incoming" in values:
            t.incoming = _doc(Incoming, values["incoming"], "incoming")
        if "outgoing" in values:
            t.outgoing = _doc(Outgoing, values["outgoing"], "outgoing")
        if t.deadline and t.deadline < t.asked_on:
            raise ValidationError("Hạn hoàn thành trước ngày giao việc.", "deadline")
        t.save()
        audit.log_change(actor, "update", t, before)
        _index(t)
        return t


def set_status(actor, task, status: str, note: str = "", on: _dt.date | None = None) -> Task:
    """Move a request on; a note is added to its notes with the date."""
    users.require(actor, "tasks.edit")
    if status not in STATUSES:
        raise ValidationError(f"Trạng thái không hợp lệ: {status}.", "status")
    with db.atomic():
        t = get_task(task.id if isinstance(task, Task) else task)
        before = audit.snapshot(t)
        on = on or _dt.date.today()
        t.status = status
        t.done_on = on if status == "done" else None
        note = nfc(note)
        if note:
            line = f"{format_date(on)}: {note}"
            t.notes = (t.notes + "\n" + line).strip()[-LIMITS["notes"]:]
        t.save()
        audit.log_change(actor, "update", t, before)
        _index(t)
        return t


def overdue(today: _dt.date) -> list[Task]:
    return list(Task.select().where((Task.deadline < today) & Task.status.in_(OPEN_STATUSES))
                .order_by(Task.deadline, Task.id))


class TaskSource(DataSource):
    """Ad-hoc requests, newest first. Cells: asked on, asked by, what, assignee, deadline,
    status key, overdue flag."""
    kind = "task"
    title = "Việc đột xuất"
    columns = [labels.ASKED_ON, labels.ASKED_BY, labels.TASK, labels.ASSIGNEE, labels.DEADLINE,
               labels.TASK_STATUS, "Quá hạn"]
    widths = [10, 16, 0, 14, 10, 10, 0]

    def __init__(self, actor, text: str | None = None, *, status: str | list[str] | None = None,
                 overdue: bool = False, year: int | None = None, today: _dt.date | None = None):
        super().__init__(actor)
        self.status, self.overdue, self.year = status, overdue, year
        self.today = today or _dt.date.today()
        self.ids = _search_ids(text, ["task"])

    def query(self):
        q = Task.select()
        if self.status:
            st = [self.status] if isinstance(self.status, str) else list(self.status)
            q = q.where(Task.status.in_(st))
        if self.overdue:
            q = q.where((Task.deadline < self.today) & Task.status.in_(OPEN_STATUSES))
        if self.year:
            y = int(self.year)
            q = q.where((Task.asked_on >= _dt.date(y, 1, 1)) & (Task.asked_on <= _dt.date(y, 12, 31)))
        if self.ids is not None:
            q = q.where(id_filter(Task.id, self.ids))
        return q

    def order_fields(self):
        return [Task.asked_on, Task.id]

    def cells(self, t: Task) -> list:
        return [format_date(t.asked_on), t.asked_by, " ".join(t.what.split()), t.assignee,
                format_date(t.deadline), t.status, t.is_overdue(self.today)]


EXPORT_COLUMNS = labels.TASK_COLUMNS


def export_rows(actor, *, year: int | None = None):
    from .reception import safe_cell
    users.require(actor, "records.view")
    q = Task.select()
    if year:
        q = q.where((Task.asked_on >= _dt.date(int(year), 1, 1))
                    & (Task.asked_on <= _dt.date(int(year), 12, 31)))
    rows = q.order_by(Task.asked_on, Task.id).iterator()
    return ([safe_cell(c) for c in [str(n), format_date(t.asked_on), t.asked_by, t.what, t.assignee,
                                    format_date(t.deadline), STATUS_VI[t.status], format_date(t.done_on),
                                    f"{t.incoming.arrival_no}/{t.incoming.year}" if t.incoming_id else "",
                                    t.outgoing.symbol if t.outgoing_id else "", t.meeting_label, t.notes]]
            for n, t in enumerate(rows, start=1))


def export_tasks(actor, fmt: str, out, *, year: int | None = None) -> int:
    """The ad-hoc requests as CSV or XLSX (the export is recorded in the audit log)."""
    from pathlib import Path

    from .exports import write_csv, write_xlsx
    if fmt not in ("csv", "xlsx"):
        raise ValidationError("Định dạng không hỗ trợ (chọn csv hoặc xlsx).", "format")
    rows = export_rows(actor, year=year)
    n = (write_csv(out, EXPORT_COLUMNS, rows) if fmt == "csv"
         else write_xlsx(out, EXPORT_COLUMNS, rows, "Việc đột xuất"))
    audit.append(actor, "export", Task._meta.table_name, None, None,
                 {"format": fmt, "rows": n, "year": year, "file": Path(out).name})
    return n


def _describe(refs: list[int]):
    from .registers import Found
    out = {}
    for t in Task.select().where(Task.id.in_(refs)):
        out[t.id] = Found("task", t.id, search.KINDS["task"].label, "", format_date(t.asked_on),
                          f"{' '.join(t.what.split())[:80]} ({STATUS_VI[t.status].lower()})")
    return out


def _register_describer() -> None:
    from .registers import register_describer
    register_describer("task", _describe)


_register_describer()


def _describe_task(record_id: str) -> str:
    """"việc “Chuẩn bị hội trường cho hội nghị”": what was asked, on one line, cut short."""
    return f"việc “{one_line(Task.get_by_id(int(record_id)).what, 60)}”"


audit.register_describer("task", _describe_task)       # the audit log names the request


def _panel_overdue(actor, today: _dt.date):
    if not users.can(actor, "records.view"):
        return None
    od = overdue(today)
    if not od:
        return None
    lines = [f"{' '.join(t.what.split())[:45]} — {t.assignee[:20] or 'chưa giao'} "
             f"(hạn {format_date(t.deadline)})" for t in od[:5]]
    return dashboard.Panel("Việc đột xuất quá hạn", len(od), lines, area="tasks", severity="error")


dashboard.register_panel(320, "tasks.overdue", _panel_overdue)
