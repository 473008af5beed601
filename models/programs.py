"""Work programs (chương trình công tác) and the leaders' weekly schedule (lịch công tác tuần).

A program belongs to one period: a week, a month, a quarter, a year or the full term (toàn
khóa); there is at most one program per period. Its items say what is to be done (content),
who leads it, who takes part, when (a day and a half-day, or a deadline), where, and how it
stands (planned, done, carried over, dropped).

- **Carry-over**: an item still planned when its period ends is carried to the next period's
  program by ``carry_over``: the new item points back at the old one (``carried_from``) and the
  old one is marked ``carried`` — never copied by hand, never carried twice.
- **Building down**: ``propose`` lists the items of the enclosing program (the term's for a
  year, the year's for a quarter or a month, the month's for a week) whose deadline or day falls
  in the period and that the period has not taken yet; ``adopt`` takes them, each linked to its
  source (``source``).
- **The weekly schedule** is the week's program: items with a day and a half-day (morning or
  afternoon), shown as a grid and printed as an A4 landscape table.

Every change: permission → NFC → transaction → save → audit → search index.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from . import audit, dashboard, search, users
from .db import BaseModel, db
from .errors import NotFound, ValidationError
from .registers import Found, register_describer
from .registers import one_line as cut
from .text import format_date, nfc, one_line, parse_date, parse_time

PERIODS = ("week", "month", "quarter", "year", "term")
PERIOD_NAMES = {"week": "tuần", "month": "tháng", "quarter": "quý", "year": "năm", "term": "toàn khóa"}
# which program a period's items are proposed from
PARENT = {"week": "month", "month": "year", "quarter": "year", "year": "term"}
ITEM_STATUSES = ("planned", "done", "carried", "dropped")
HALVES = ("am", "pm")            # buổi sáng, buổi chiều
HALF_NAMES = {"am": "Sáng", "pm": "Chiều", "": ""}
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
MAX_LINE = 300
MAX_TEXT = 5000

search.register_kind("program_item", 31, "Chương trình, lịch công tác", table="work_program_item")


class Program(BaseModel):
    period = CharField(index=True)              # PERIODS
    start = DateField(index=True)
    end = DateField()
    title = CharField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)
    created_by = CharField(default="")

    class Meta:
        table_name = "work_program"
        indexes = ((("period", "start"), True),)


class ProgramItem(BaseModel):
    program = ForeignKeyField(Program, backref="items", on_delete="CASCADE")
    position = IntegerField(default=0)
    content = TextField()
    lead = CharField(default="")                # chủ trì / người phụ trách
    participants = CharField(default="")        # thành phần
    on_date = DateField(null=True, index=True)  # the day (schedule)
    half = CharField(default="")                # am | pm | ""
    time = CharField(default="")                # "08:00"
    deadline = DateField(null=True, index=True)
    place = CharField(default="")
    status = CharField(default="planned", index=True)
    carried_from = ForeignKeyField("self", null=True, backref="carried_to", on_delete="SET NULL")
    carried_from_id: int | None   # for the type checker only: no value, so no field
    source = ForeignKeyField("self", null=True, backref="adopted_as", on_delete="SET NULL")
    source_id: int | None   # for the type checker only: no value, so no field
    notes = TextField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "work_program_item"

    @property
    def when(self) -> _dt.date | None:
        return self.on_date or self.deadline


PROGRAM_MODELS = [Program, ProgramItem]


# --- periods --------------------------------------------------------------------------------
def _month_end(y: int, m: int) -> _dt.date:
    return _dt.date(y, m, calendar.monthrange(y, m)[1])


def term_bounds(d: _dt.date) -> tuple[_dt.date, _dt.date]:
    """The term the day falls in (five years from its start when its end is not known)."""
    from .terms import term_for
    t = term_for(d)
    end = t.end or _dt.date(t.start.year + 5, t.start.month, t.start.day) - _dt.timedelta(days=1)
    return t.start, end


def bounds(period: str, d: _dt.date) -> tuple[_dt.date, _dt.date]:
    """First and last day of the period of ``period`` kind holding the day ``d``."""
    if period == "week":
        s = d - _dt.timedelta(days=d.weekday())
        return s, s + _dt.timedelta(days=6)
    if period == "month":
        return d.replace(day=1), _month_end(d.year, d.month)
    if period == "quarter":
        q0 = (d.month - 1) // 3 * 3 + 1
        return _dt.date(d.year, q0, 1), _month_end(d.year, q0 + 2)
    if period == "year":
        return _dt.date(d.year, 1, 1), _dt.date(d.year, 12, 31)
    if period == "term":
        return term_bounds(d)
    raise ValidationError("Kỳ chương trình không hợp lệ (tuần, tháng, quý, năm, toàn khóa).", "period")


_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.I)


def parse_week(text: str) -> _dt.date:
    """"2026-W49" (ISO week) → its Monday; a date (dd/mm/yyyy) → the Monday of its week."""
    s = nfc(text)
    m = _WEEK.match(s)
    if m:
        try:
            return _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            raise ValidationError(f"Không có tuần {s} (tuần viết dạng 2026-W49).", "week") from None
    try:
        d = parse_date(s, "week", required=True)
    except ValidationError:
        raise ValidationError(f"Tuần viết dạng 2026-W49 hoặc một ngày trong tuần (đã nhập “{s[:20]}”).",
                              "week") from None
    assert d is not None                # required=True
    return d - _dt.timedelta(days=d.weekday())


def week_label(monday: _dt.date) -> str:
    y, w, _ = monday.isocalendar()
    return (f"Tuần {w:02d}/{y} (từ {format_date(monday)} đến "
            f"{format_date(monday + _dt.timedelta(days=6))})")


def period_label(p: Program, short: bool = False) -> str:
    if p.period == "week":
        if short:
            y, w, _ = p.start.isocalendar()
            return f"Tuần {w:02d}/{y} ({p.start:%d/%m}–{p.end:%d/%m})"
        return week_label(p.start)
    if p.period == "month":
        return f"Tháng {p.start.month:02d}/{p.start.year}"
    if p.period == "quarter":
        return f"Quý {(p.start.month - 1) // 3 + 1}/{p.start.year}"
    if p.period == "year":
        return f"Năm {p.start.year}"
    return f"Toàn khóa {p.start.year}–{p.end.year}"


def next_start(period: str, start: _dt.date) -> _dt.date:
    _, end = bounds(period, start)
    return end + _dt.timedelta(days=1)


# --- programs -------------------------------------------------------------------------------
def get_program(program) -> Program:
    pid = program.id if isinstance(program, Program) else int(program)
    p = Program.get_or_none(Program.id == pid)
    if p is None:
        raise NotFound(f"Không tìm thấy chương trình công tác (mã {pid}).")
    return p


def find_program(period: str, d: _dt.date) -> Program | None:
    start, _ = bounds(period, d)
    return Program.get_or_none((Program.period == period) & (Program.start == start))


def program_for(actor, period: str, d: _dt.date, title: str = "") -> Program:
    """The program of the period holding ``d``, made when there is none yet."""
    users.require(actor, "programs.edit")
    if period not in PERIODS:
        raise ValidationError("Kỳ chương trình không hợp lệ (tuần, tháng, quý, năm, toàn khóa).", "period")
    start, end = bounds(period, d)
    with db.atomic():
        p = Program.get_or_none((Program.period == period) & (Program.start == start))
        if p is not None:
            return p
        p = Program(period=period, start=start, end=end, title=_line(title, "tên chương trình", "title"),
                    created_by=audit.actor_name(actor))
        p.save()
        audit.log_change(actor, "create", p, None)
        return p


def programs(period: str | None = None) -> list[Program]:
    """The larger periods first (term, year, quarter, month, week), newest first in each."""
    q = Program.select()
    if period:
        q = q.where(Program.period == period)
    rank = {k: i for i, k in enumerate(reversed(PERIODS))}
    return sorted(q, key=lambda p: (rank.get(p.period, 9), -p.start.toordinal(), p.id))


def items(program) -> list[ProgramItem]:
    p = get_program(program)
    return list(ProgramItem.select().where(ProgramItem.program == p.id)
                .order_by(ProgramItem.on_date.is_null(), ProgramItem.on_date, ProgramItem.half,
                          ProgramItem.time, ProgramItem.deadline, ProgramItem.position, ProgramItem.id))


# --- items ----------------------------------------------------------------------------------
def _line(v, label: str, field: str, required: bool = False) -> str:
    return one_line(v, label, field, required, MAX_LINE)


def _time(v) -> str:
    return parse_time(v, "time")


def _date(v, field: str) -> _dt.date | None:
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date) or v is None:
        return v
    return parse_date(v or "", field, required=False)


_LABELS = {"content": "nội dung", "lead": "người chủ trì", "participants": "thành phần",
           "place": "địa điểm"}


def _clean(values: dict) -> dict:
    out: dict = {}
    for k, v in values.items():
        if k == "content":
            s = " ".join(nfc(v).split())
            if not s:
                raise ValidationError("Chưa nhập nội dung công việc.", "content")
            if len(s) > MAX_TEXT:
                raise ValidationError(f"Nội dung quá dài (tối đa {MAX_TEXT} ký tự).", "content")
            out[k] = s
        elif k in ("lead", "participants", "place"):
            out[k] = _line(v, _LABELS[k], k)
        elif k in ("on_date", "deadline"):
            out[k] = _date(v, k)
        elif k == "half":
            v = v or ""
            if v not in (*HALVES, ""):
                raise ValidationError("Buổi là sáng hoặc chiều.", "half")
            out[k] = v
        elif k == "time":
            out[k] = _time(v)
        elif k == "status":
            if v not in ITEM_STATUSES:
                raise ValidationError("Trạng thái công việc không hợp lệ.", "status")
            out[k] = v
        elif k == "notes":
            out[k] = nfc(v)[:MAX_TEXT]
        else:
            raise ValidationError(f"Trường không có trong chương trình công tác: {k}.", k)
    if out.get("time") and not out.get("half"):
        out["half"] = "am" if int(out["time"][:2]) < 12 else "pm"
    return out


def _check_in_period(p: Program, it: ProgramItem) -> None:
    for f, label in (("on_date", "Ngày"), ("deadline", "Thời hạn")):
        d = getattr(it, f)
        if d is not None and not (p.start <= d <= p.end) and not (f == "deadline" and d > p.end):
            raise ValidationError(f"{label} {format_date(d)} không thuộc {period_label(p).lower()}.", f)


def _index(it: ProgramItem) -> None:
    search.remove("program_item", it.id)
    search.index("program_item", it.id, it.content, it.lead, it.participants, it.place)


def add_item(actor, program, content: str, **values) -> ProgramItem:
    users.require(actor, "programs.edit")
    clean = _clean({"content": content, **values})
    with db.atomic():
        p = get_program(program)
        pos = (ProgramItem.select().where(ProgramItem.program == p.id).count())
        it = ProgramItem(program=p, position=pos + 1, **clean)
        _check_in_period(p, it)
        it.save()
        audit.log_change(actor, "create", it, None)
        _index(it)
        return it


def get_item(item) -> ProgramItem:
    iid = item.id if isinstance(item, ProgramItem) else int(item)
    it = ProgramItem.get_or_none(ProgramItem.id == iid)
    if it is None:
        raise NotFound(f"Không tìm thấy công việc (mã {iid}).")
    return it


def update_item(actor, item, **changes) -> ProgramItem:
    users.require(actor, "programs.edit")
    clean = _clean(changes)
    with db.atomic():
        it = get_item(item)
        if it.status == "carried" and set(clean) - {"notes"}:
            raise ValidationError("Công việc đã chuyển sang kỳ sau; hãy sửa ở kỳ sau.", "status")
        before = audit.snapshot(it)
        for k, v in clean.items():
            setattr(it, k, v)
        _check_in_period(it.program, it)
        it.save()
        audit.log_change(actor, "update", it, before)
        _index(it)
        return it


def set_status(actor, item, status: str) -> ProgramItem:
    return update_item(actor, item, status=status)


def delete_item(actor, item) -> None:
    users.require(actor, "programs.edit")
    with db.atomic():
        it = get_item(item)
        if ProgramItem.select().where(ProgramItem.carried_from == it.id).exists():
            raise ValidationError("Công việc đã chuyển sang kỳ sau, không xóa được.", "status")
        before = audit.snapshot(it)
        audit.log_change(actor, "delete", it, before)
        search.remove("program_item", it.id)
        it.delete_instance()


def unfinished(program) -> list[ProgramItem]:
    return [i for i in items(program) if i.status == "planned"]


def carry_over(actor, program) -> list[ProgramItem]:
    """Carry every item still planned to the next period's program (made when missing): each
    new item links back to the one it continues, which becomes ``carried``. Days of the old
    period are dropped (the next period plans its own day); a deadline already passed moves to
    the end of the next period."""
    users.require(actor, "programs.edit")
    with db.atomic():
        p = get_program(program)
        nxt = program_for(actor, p.period, next_start(p.period, p.start))
        out = []
        for it in unfinished(p):
            before = audit.snapshot(it)
            deadline = it.deadline if it.deadline and it.deadline >= nxt.start else (
                nxt.end if it.deadline or it.on_date else None)
            new = ProgramItem(program=nxt, position=ProgramItem.select().where(
                ProgramItem.program == nxt.id).count() + 1, content=it.content, lead=it.lead,
                participants=it.participants, place=it.place, deadline=deadline,
                carried_from=it, source=it.source, notes=it.notes)
            new.save()
            audit.log_change(actor, "create", new, None)
            _index(new)
            it.status = "carried"
            it.save()
            audit.log_change(actor, "update", it, before)
            out.append(new)
        return out


def carried_chain(item) -> list[ProgramItem]:
    """The item and every earlier period it was carried from, oldest first."""
    it = get_item(item)
    chain = [it]
    while chain[0].carried_from_id is not None:
        chain.insert(0, ProgramItem.get_by_id(chain[0].carried_from_id))
    return chain


def propose(program) -> list[ProgramItem]:
    """Items of the enclosing program (term → year, year → quarter and month, month → week)
    whose day or deadline falls in this period, or that have no date at all (for the year from
    the term: the whole term's undated items), not yet taken into this program."""
    p = get_program(program)
    parent_kind = PARENT.get(p.period)
    if parent_kind is None:
        return []
    parent = find_program(parent_kind, p.start)
    if parent is None:
        return []
    taken = {i.source_id for i in ProgramItem.select().where(
        (ProgramItem.program == p.id) & ProgramItem.source.is_null(False))}
    out = []
    for it in items(parent):
        if it.id in taken or it.status in ("dropped", "carried"):
            continue
        w = it.when
        if (w is not None and p.start <= w <= p.end) or (w is None and p.period in ("year", "month")):
            out.append(it)
    return out


def adopt(actor, program, proposed: list) -> list[ProgramItem]:
    """Take proposed items into this program, each linked to its source."""
    users.require(actor, "programs.edit")
    out = []
    with db.atomic():
        p = get_program(program)
        for src in proposed:
            s = get_item(src)
            if ProgramItem.select().where((ProgramItem.program == p.id)
                                          & (ProgramItem.source == s.id)).exists():
                continue
            out.append(add_item(actor, p, s.content, lead=s.lead, participants=s.participants,
                                place=s.place,
                                on_date=s.on_date if s.on_date and p.start <= s.on_date <= p.end else None,
                                deadline=s.deadline if s.deadline and s.deadline >= p.start else None))
            ProgramItem.update(source=s.id).where(ProgramItem.id == out[-1].id).execute()
            out[-1] = ProgramItem.get_by_id(out[-1].id)
    return out


# --- the weekly schedule --------------------------------------------------------------------
def add_schedule_entry(actor, on_date, half: str, content: str, **values) -> ProgramItem:
    """One entry of the leaders' week: a day, a half-day, who leads, what, where."""
    d = _date(on_date, "on_date")
    if d is None:
        raise ValidationError("Chưa nhập ngày.", "on_date")
    p = program_for(actor, "week", d)
    return add_item(actor, p, content, on_date=d, half=half or "am", **values)


def week_entries(monday: _dt.date) -> list[ProgramItem]:
    monday = monday - _dt.timedelta(days=monday.weekday())
    return list(ProgramItem.select().where(
        (ProgramItem.on_date >= monday) & (ProgramItem.on_date <= monday + _dt.timedelta(days=6))
        & (ProgramItem.status != "dropped"))
        .order_by(ProgramItem.on_date, ProgramItem.half, ProgramItem.time, ProgramItem.id))


def week_grid(monday: _dt.date) -> list[tuple[_dt.date, str, list[ProgramItem]]]:
    """Fourteen cells (Monday morning … Sunday afternoon), each with its entries."""
    monday = monday - _dt.timedelta(days=monday.weekday())
    by: dict[tuple[_dt.date | None, str], list[ProgramItem]] = {}
    for it in week_entries(monday):
        by.setdefault((it.on_date, it.half or "am"), []).append(it)
    return [(monday + _dt.timedelta(days=i), h, by.get((monday + _dt.timedelta(days=i), h), []))
            for i in range(7) for h in HALVES]


def day_entries(d: _dt.date) -> list[ProgramItem]:
    return [it for it in week_entries(d) if it.on_date == d]


def entry_line(it: ProgramItem) -> str:
    """"08:00 Họp Ban Thường vụ — Đ/c Phạm Văn Đức (Hội trường)"."""
    head = it.time or HALF_NAMES.get(it.half, "")
    s = f"{head} {it.content}".strip()
    if it.lead:
        s += f" — {it.lead}"
    if it.place:
        s += f" ({it.place})"
    return s


# --- Hôm nay --------------------------------------------------------------------------------
def _panel_today(actor, today: _dt.date):
    if not users.can(actor, "records.view"):
        return None
    es = day_entries(today)
    lines = [entry_line(e)[:76] for e in es[:6]]
    return dashboard.Panel(f"Lịch công tác hôm nay ({WEEKDAY_NAMES[today.weekday()].lower()})",
                           len(es), lines, area="schedule")


dashboard.register_panel(135, "programs.today", _panel_today)


def _describe(refs: list[int]) -> dict[int, Found]:
    out = {}
    for it in ProgramItem.select().where(ProgramItem.id.in_(refs)):
        out[it.id] = Found("program_item", it.id, search.KINDS["program_item"].label,
                           period_label(it.program), format_date(it.when) if it.when else "",
                           it.content[:120])
    return out


register_describer("program_item", _describe, "records.view")


# --- the audit log names these records as a clerk does ----------------------------------------
def _program_name(p: Program) -> str:
    """"chương trình công tác tháng 03/2026"."""
    label = period_label(p, short=True)
    return f"chương trình công tác {label[:1].lower()}{label[1:]}"


def _describe_program(record_id: str) -> str:
    return _program_name(Program.get_by_id(int(record_id)))


def _describe_item(record_id: str) -> str:
    it = ProgramItem.get_by_id(int(record_id))
    return f"“{cut(it.content, 50)}” — {_program_name(it.program)}"


audit.register_describer("work_program", _describe_program)
audit.register_describer("work_program_item", _describe_item)
