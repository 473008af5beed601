"""The reception book (sổ tiếp khách, tiếp đảng viên và nhân dân) and the head's reception days
(lịch tiếp dân của Bí thư).

Every visit gets a number that starts again at 1 each year. A case follows states until it is
closed with a result; every change of state is a ``ReceptionStep`` (when, who, what, note).

    r = receive(actor, name="Nguyễn Văn Bình", address="Thôn Đồng Tâm", category="citizen",
                content="Hỏi về cấp giấy chứng nhận", action="accept")
    forward(actor, r, "Ủy ban nhân dân xã Tân Lập", note="Chuyển giải quyết")
    close(actor, r, "resolved", "Đã cấp giấy chứng nhận")

The head of a commune committee receives citizens at least ``REQUIRED_DAYS`` days a month:
``month_outlook(year, month, today)`` says how the month stands, counting only the days that
belong to that month (a day scheduled for the 1st of next month does not save this one).

Personal data: the ID number is shown only to roles with ``reception.view_ids``. One person's
records can be exported for them (``export_person``) or anonymised (``anonymise_person``): name,
address and ID number are replaced, the case stays for the statistics. The audit log never holds
a visitor's name, address or ID number in clear: it holds a digest, so an anonymised person does
not live on in the log.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField)

from . import audit, dashboard, labels, search, users
from .db import BaseModel, db
from .documents import Incoming, Outgoing
from .errors import ValidationError
from .registers import DataSource, _search_ids, id_filter
from .text import fold, format_date, format_datetime, nfc, require_text
from .writes import get_or_refuse

# --- keys (the screens choose the words) ----------------------------------------------------
CATEGORIES = ("guest", "member", "citizen")          # khách, đảng viên, nhân dân
ACTIONS = ("accept", "guide", "forward")             # tiếp nhận, hướng dẫn, chuyển
STATES = ("open", "in_progress", "waiting", "closed")
OPEN_STATES = ("open", "in_progress", "waiting")
RESULTS = ("resolved", "explained", "unfounded", "withdrawn")
# which state may follow which (closing is allowed from every open state; a closed case may be
# reopened, which is recorded like any other step)
TRANSITIONS = {
    "open": {"in_progress", "waiting", "closed"},
    "in_progress": {"waiting", "closed"},
    "waiting": {"in_progress", "closed"},
    "closed": {"in_progress"},
}
DAY_STATES = ("scheduled", "held", "cancelled")
REQUIRED_DAYS = 2      # the head receives citizens at least 2 days a month

# Vietnamese for the messages models raise and the printed report (the screens have their own)
CATEGORY_VI = {"guest": "Khách", "member": "Đảng viên", "citizen": "Nhân dân"}
ACTION_VI = {"accept": "Tiếp nhận", "guide": "Hướng dẫn", "forward": "Chuyển"}
STATE_VI = {"open": "Mới tiếp", "in_progress": "Đang giải quyết", "waiting": "Chờ trả lời",
            "closed": "Đã kết thúc"}
RESULT_VI = {"resolved": "Đã giải quyết", "explained": "Đã giải thích, hướng dẫn",
             "unfounded": "Không có cơ sở giải quyết", "withdrawn": "Người đến rút yêu cầu"}

HIDDEN = "đã ẩn"                         # what the audit log says instead of a personal value
ANON_NAME = "Người được tiếp (đã ẩn)"
PERSONAL = ("name", "address", "id_number")
LIMITS = {"name": 120, "address": 250, "id_number": 20, "content": 4000, "handled_before": 1000,
          "forward_to": 250, "received_by": 120, "result": 2000, "note": 1000}

search.register_kind("reception", 20, "Sổ tiếp khách")


class Reception(BaseModel):
    year = IntegerField()
    number = IntegerField()
    visited_at = DateTimeField(index=True)
    name = CharField()
    address = CharField(default="")
    id_number = CharField(default="")                 # CCCD, optional
    category = CharField(default="citizen")           # CATEGORIES
    people = IntegerField(default=1)
    content = TextField()
    handled_before = TextField(default="")           # bodies that already handled it
    action = CharField(default="accept")              # ACTIONS
    forward_to = CharField(default="")                # to whom (action forward)
    received_by = CharField(default="")               # who received them
    incoming = ForeignKeyField(Incoming, null=True, backref="receptions", on_delete="SET NULL")
    incoming_id: int | None   # for the type checker only: no value, so no field
    outgoing = ForeignKeyField(Outgoing, null=True, backref="receptions", on_delete="SET NULL")
    outgoing_id: int | None   # for the type checker only: no value, so no field
    state = CharField(default="open", index=True)     # STATES
    result_code = CharField(default="")              # RESULTS, once closed
    result = TextField(default="")
    closed_on = DateField(null=True)
    anonymised = BooleanField(default=False)
    folded = CharField(default="", index=True)        # type-ahead: fold(name)
    folded_address = CharField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "reception"
        indexes = ((("year", "number"), True),)

    @property
    def label(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class ReceptionStep(BaseModel):
    reception = ForeignKeyField(Reception, backref="steps", on_delete="CASCADE")
    at = DateTimeField()
    state = CharField()
    action = CharField(default="")        # receive | state | forward | close | reopen | link
    note = TextField(default="")
    by = CharField(default="")            # the user's full name

    class Meta:
        table_name = "reception_step"


class ReceptionDay(BaseModel):
    day = DateField(index=True)
    host = CharField(default="")          # who receives: the Secretary (Bí thư)
    place = CharField(default="")
    state = CharField(default="scheduled")   # DAY_STATES
    notes = TextField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "reception_day"


RECEPTION_MODELS = [Reception, ReceptionStep, ReceptionDay]


# --- helpers ---------------------------------------------------------------------------------
def digest(value: str) -> str:
    """A short fingerprint of a personal value for the audit log (never the value itself)."""
    return "sha256:" + hashlib.sha256(("vanphong.reception:" + nfc(value)).encode("utf-8")).hexdigest()[:16]


def _audit_view(snap: dict) -> dict:
    """A snapshot as the audit log keeps it: personal values as digests."""
    out = dict(snap)
    for k in PERSONAL:
        if out.get(k):
            out[k] = digest(out[k])
    for k in ("folded", "folded_address"):
        out.pop(k, None)
    return out


def _log(actor, action: str, r: Reception, before: dict | None = None, extra: dict | None = None):
    after = _audit_view(audit.snapshot(r))
    if before is None:
        new = {**after, **(extra or {})}
        return audit.append(actor, action, Reception._meta.table_name, r.id, None, new)
    before = _audit_view(before)
    old = {k: v for k, v in before.items() if k in after and after[k] != v}
    new = {k: after[k] for k in old}
    if extra:
        new.update(extra)
    if not old and not extra:
        return None
    return audit.append(actor, action, Reception._meta.table_name, r.id, old, new)


def _text(values: dict, key: str, label: str, required: bool = False) -> str:
    v = nfc(values.get(key))
    if required:
        return require_text(v, label, key, LIMITS.get(key, 2000))
    if len(v) > LIMITS.get(key, 2000):
        raise ValidationError(f"{label[:1].upper()}{label[1:]} quá dài (tối đa {LIMITS[key]} ký tự).", key)
    return v


def _actor_name(actor) -> str:
    return getattr(actor, "full_name", "") or audit.actor_name(actor)


def _as_datetime(v, field: str) -> _dt.datetime:
    if v is None or v == "":
        return _dt.datetime.now().replace(second=0, microsecond=0)
    if isinstance(v, _dt.datetime):
        return v.replace(microsecond=0)
    if isinstance(v, _dt.date):
        return _dt.datetime.combine(v, _dt.time(8, 0))
    raise ValidationError("Ngày giờ tiếp không hợp lệ.", field)


def _doc_ref(model, value, field: str):
    if value in (None, "", 0):
        return None
    obj = value if isinstance(value, model) else model.get_or_none(model.id == int(value))
    if obj is None:
        raise ValidationError("Không tìm thấy văn bản để liên kết.", field)
    if getattr(obj, "is_secret", False):
        raise ValidationError("Không liên kết văn bản mật với sổ tiếp khách.", field)
    return obj


def _derive(r: Reception) -> None:
    r.folded = fold(r.name)
    r.folded_address = fold(r.address)


def _index(r: Reception) -> None:
    search.index("reception", r.id, f"{r.label} {r.name}", r.address, r.content, r.handled_before,
                 r.forward_to, r.received_by, r.result)


def _step(r: Reception, actor, action: str, note: str = "", at: _dt.datetime | None = None) -> ReceptionStep:
    # every step to the second: steps of one second then keep the order they were taken in (id)
    return ReceptionStep.create(reception=r, at=(at or _dt.datetime.now()).replace(microsecond=0),
                                state=r.state, action=action, note=nfc(note)[:LIMITS["note"]],
                                by=_actor_name(actor))


def next_number(year: int) -> int:
    last = (Reception.select(Reception.number).where(Reception.year == int(year))
            .order_by(Reception.number.desc()).first())
    return (last.number + 1) if last else 1


def _clean(values: dict, partial: bool = False) -> dict:
    out: dict = {}
    names = {"name": "họ tên người đến", "address": "địa chỉ", "id_number": "số CCCD",
              "content": "nội dung", "handled_before": "nơi đã giải quyết trước",
              "forward_to": "nơi chuyển đến", "received_by": "người tiếp"}
    for k, label in names.items():
        if partial and k not in values:
            continue
        out[k] = _text(values, k, label, required=k in ("name", "content"))
    if "id_number" in out and out["id_number"]:
        idn = out["id_number"].replace(" ", "")
        if not idn.isdigit() or len(idn) not in (9, 12):
            raise ValidationError("Số CCCD/CMND gồm 12 (hoặc 9) chữ số.", "id_number")
        out["id_number"] = idn
    if not partial or "category" in values:
        c = values.get("category") or "citizen"
        if c not in CATEGORIES:
            raise ValidationError("Đối tượng phải là khách, đảng viên hoặc nhân dân.", "category")
        out["category"] = c
    if not partial or "action" in values:
        a = values.get("action") or "accept"
        if a not in ACTIONS:
            raise ValidationError("Cách xử lý phải là tiếp nhận, hướng dẫn hoặc chuyển.", "action")
        out["action"] = a
    if not partial or "people" in values:
        p = values.get("people")
        try:
            p = 1 if p in (None, "") else int(p)
        except (TypeError, ValueError):
            raise ValidationError("Số người phải là một số nguyên.", "people") from None
        if not 1 <= p <= 500:
            raise ValidationError("Số người từ 1 đến 500.", "people")
        out["people"] = p
    return out


# --- the book ---------------------------------------------------------------------------------
def receive(actor, *, name: str, content: str, address: str = "", id_number: str = "",
            category: str = "citizen", people: int | None = 1, handled_before: str = "",
            action: str = "accept", forward_to: str = "", received_by: str = "",
            visited_at: _dt.datetime | None = None, incoming=None, outgoing=None,
            note: str = "") -> Reception:
    """Write one visit into the book with the next number of its year."""
    users.require(actor, "reception.edit")
    clean = _clean({"name": name, "content": content, "address": address, "id_number": id_number,
                    "category": category, "people": people, "handled_before": handled_before,
                    "action": action, "forward_to": forward_to, "received_by": received_by})
    if clean["action"] == "forward" and not clean["forward_to"]:
        raise ValidationError("Chuyển cho ai? Ghi nơi chuyển đến.", "forward_to")
    if clean["action"] != "forward":
        clean["forward_to"] = ""
    at = _as_datetime(visited_at, "visited_at")
    clean["received_by"] = clean["received_by"] or _actor_name(actor)
    with db.atomic():
        inc = _doc_ref(Incoming, incoming, "incoming")
        out = _doc_ref(Outgoing, outgoing, "outgoing")
        r = Reception(year=at.year, number=next_number(at.year), visited_at=at, incoming=inc,
                      outgoing=out, state="waiting" if clean["action"] == "forward" else "open",
                      **clean)
        _derive(r)
        r.save()
        _step(r, actor, "receive", note, at=at)
        _log(actor, "create", r)
        _index(r)
        return r


def get(reception_id: int) -> Reception:
    return get_or_refuse(Reception, int(reception_id), f"Không tìm thấy lượt tiếp (mã {reception_id}).")


def _load(actor, r, perm: str = "reception.edit") -> Reception:
    users.require(actor, perm)
    return get(r.id if isinstance(r, Reception) else r)


def update(actor, r, **values) -> Reception:
    """Correct the details of a visit (not its number, date or state)."""
    with db.atomic():
        r = _load(actor, r)
        if r.anonymised and any(k in values for k in PERSONAL):
            raise ValidationError("Lượt tiếp này đã được ẩn danh; không ghi lại thông tin cá nhân.", "name")
        if "id_number" in values and not users.can(actor, "reception.view_ids"):
            raise ValidationError("Tài khoản này không được xem, sửa số CCCD.", "id_number")
        clean = _clean(values, partial=True)
        before = audit.snapshot(r)
        for k, v in clean.items():
            setattr(r, k, v)
        if "incoming" in values:
            r.incoming = _doc_ref(Incoming, values["incoming"], "incoming")
        if "outgoing" in values:
            r.outgoing = _doc_ref(Outgoing, values["outgoing"], "outgoing")
        if r.action == "forward" and not r.forward_to:
            raise ValidationError("Chuyển cho ai? Ghi nơi chuyển đến.", "forward_to")
        _derive(r)
        r.save()
        _log(actor, "update", r, before)
        _index(r)
        return r


def set_state(actor, r, state: str, note: str = "", at: _dt.datetime | None = None) -> Reception:
    """Move an open case on (đang giải quyết, chờ trả lời); closing has its own function."""
    if state == "closed":
        raise ValidationError("Kết thúc vụ việc cần ghi kết quả.", "result")
    if state not in STATES:
        raise ValidationError(f"Trạng thái không hợp lệ: {state}.", "state")
    with db.atomic():
        r = _load(actor, r)
        if state not in TRANSITIONS[r.state]:
            raise ValidationError(f"Không chuyển được từ “{STATE_VI[r.state]}” sang “{STATE_VI[state]}”.",
                                  "state")
        before = audit.snapshot(r)
        reopening = r.state == "closed"
        r.state = state
        if reopening:
            r.closed_on = None
            r.result_code = ""
        r.save()
        _step(r, actor, "reopen" if reopening else "state", note, at)
        _log(actor, "update", r, before)
        return r


def forward(actor, r, to: str, note: str = "", at: _dt.datetime | None = None) -> Reception:
    """Send the case on to another body or person and wait for their answer."""
    to = nfc(to)
    if not to:
        raise ValidationError("Chuyển cho ai? Ghi nơi chuyển đến.", "forward_to")
    if len(to) > LIMITS["forward_to"]:
        raise ValidationError("Nơi chuyển đến quá dài.", "forward_to")
    with db.atomic():
        r = _load(actor, r)
        if r.state == "closed":
            raise ValidationError("Vụ việc đã kết thúc; mở lại trước khi chuyển.", "forward_to")
        before = audit.snapshot(r)
        r.action, r.forward_to, r.state = "forward", to, "waiting"
        r.save()
        _step(r, actor, "forward", note or to, at)
        _log(actor, "update", r, before)
        _index(r)
        return r


def close(actor, r, result_code: str, result: str, note: str = "",
          closed_on: _dt.date | None = None, outgoing=None) -> Reception:
    """Close the case with its result (and, if there is one, the outgoing answer)."""
    if result_code not in RESULTS:
        raise ValidationError("Chọn kết quả giải quyết.", "result_code")
    result = require_text(result, "kết quả giải quyết", "result", LIMITS["result"])
    with db.atomic():
        r = _load(actor, r)
        if r.state == "closed":
            raise ValidationError("Vụ việc đã kết thúc.", "result")
        on = closed_on or _dt.date.today()
        if on < r.visited_at.date():
            raise ValidationError("Ngày kết thúc trước ngày tiếp.", "closed_on")
        before = audit.snapshot(r)
        r.state, r.result_code, r.result, r.closed_on = "closed", result_code, result, on
        if outgoing is not None:
            r.outgoing = _doc_ref(Outgoing, outgoing, "outgoing")
        r.save()
        at = _dt.datetime.combine(on, _dt.datetime.now().time().replace(microsecond=0)) \
            if closed_on else None
        _step(r, actor, "close", note or result, at)
        _log(actor, "update", r, before)
        _index(r)
        return r


def steps(r) -> list[ReceptionStep]:
    rid = r.id if isinstance(r, Reception) else int(r)
    return list(ReceptionStep.select().where(ReceptionStep.reception == rid)
                .order_by(ReceptionStep.at, ReceptionStep.id))


def shown_id(actor, r: Reception) -> str | None:
    """The ID number as this person may see it: the number, '' when none, None when hidden."""
    if not users.can(actor, "reception.view_ids"):
        return None
    return r.id_number


# --- type-ahead over earlier visitors ---------------------------------------------------------
@dataclass
class Visitor:
    name: str
    address: str
    category: str
    id_number: str | None       # None: this person may not see ID numbers
    visits: int
    last: _dt.datetime


def find_visitors(actor, text: str, limit: int = 8) -> list[Visitor]:
    """People seen before whose name (or address) has words starting with every word typed,
    accents and case ignored ("nguyen van b" finds "Nguyễn Văn Bình"); one line per person
    (name and address), the latest visit's details, most recent first."""
    users.require(actor, "reception.view")
    toks = [t for t in search.tokens(text or "") if t]
    if not toks:
        return []
    q = Reception.select(Reception.name, Reception.address, Reception.category, Reception.id_number,
                         Reception.visited_at, Reception.folded, Reception.folded_address) \
        .where(Reception.anonymised == False)  # noqa: E712
    for t in toks:
        q = q.where(Reception.folded.startswith(t) | Reception.folded.contains(" " + t)
                    | Reception.folded_address.startswith(t) | Reception.folded_address.contains(" " + t))
    show_ids = users.can(actor, "reception.view_ids")
    seen: dict[tuple[str, str], Visitor] = {}
    for r in q.order_by(Reception.visited_at.desc()).limit(400):
        key = (r.folded, r.folded_address)
        if key in seen:
            seen[key].visits += 1
            continue
        if len(seen) >= limit:
            continue
        seen[key] = Visitor(r.name, r.address, r.category, r.id_number if show_ids else None, 1,
                            r.visited_at)
    whole = " ".join(toks)
    return sorted(seen.values(), key=lambda v: (not fold(v.name).startswith(whole), -v.last.timestamp()))


# --- one person's data (export, anonymise) ----------------------------------------------------
def records_of(actor, name: str, address: str | None = None, id_number: str | None = None) -> list[Reception]:
    """Every visit of one person: the same name (accents and case ignored) and, when given, the
    same address or ID number."""
    users.require(actor, "reception.view")
    q = Reception.select().where((Reception.folded == fold(name)) & (Reception.anonymised == False))  # noqa: E712
    if address:
        q = q.where(Reception.folded_address == fold(address))
    if id_number:
        q = q.where(Reception.id_number == nfc(id_number).replace(" ", ""))
    return list(q.order_by(Reception.visited_at))


PERSON_COLUMNS = labels.PERSON_VISITS_COLUMNS


def safe_cell(v) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ gets a leading apostrophe."""
    s = "" if v is None else str(v)
    return "'" + s if s[:1] in ("=", "+", "-", "@") else s


def person_rows(records: list[Reception]) -> list[list[str]]:
    return [[safe_cell(c) for c in row] for row in _person_rows(records)]


def _person_rows(records: list[Reception]) -> list[list[str]]:
    return [[r.label, format_datetime(r.visited_at), r.name, r.address, r.id_number,
             CATEGORY_VI[r.category], str(r.people), r.content, r.handled_before,
             ACTION_VI[r.action], r.forward_to, r.received_by, STATE_VI[r.state],
             _result_text(r), format_date(r.closed_on)] for r in records]


def export_person(actor, records: list[Reception], out: Path | str, fmt: str, reason: str) -> int:
    """Write one person's visits for them (their right to their data), with the reason in the
    audit log. The file holds their ID number: it is for them."""
    from .exports import write_csv, write_xlsx
    users.require(actor, "reception.edit")
    users.require(actor, "reception.view_ids")
    reason = require_text(reason, "lý do", "reason", 500)
    if fmt not in ("csv", "xlsx"):
        raise ValidationError("Định dạng không hỗ trợ (chọn csv hoặc xlsx).", "format")
    if not records:
        raise ValidationError("Không có lượt tiếp nào của người này.", "name")
    rows = person_rows([get(r.id) for r in records])
    n = (write_csv(out, PERSON_COLUMNS, rows) if fmt == "csv"
         else write_xlsx(out, PERSON_COLUMNS, rows, "Lượt tiếp"))
    audit.append(actor, "export_person", Reception._meta.table_name, None, None,
                 {"records": [r.id for r in records], "person": digest(records[0].name),
                  "reason": reason, "format": fmt, "file": Path(out).name})
    return n


def anonymise_person(actor, records: list[Reception], reason: str) -> int:
    """Replace name, address and ID number of these visits; the cases stay (category, content,
    action, result) for the statistics. The audit entry says what was hidden, as "đã ẩn" and a
    digest, with the reason: never the old values."""
    users.require(actor, "reception.edit")
    reason = require_text(reason, "lý do", "reason", 500)
    if not records:
        raise ValidationError("Không có lượt tiếp nào của người này.", "name")
    n = 0
    with db.atomic():
        for rec in records:
            r = get(rec.id)
            if r.anonymised:
                continue
            old = {k: f"{HIDDEN} {digest(getattr(r, k))}" for k in PERSONAL if getattr(r, k)}
            r.name, r.address, r.id_number = ANON_NAME, "", ""
            r.anonymised = True
            _derive(r)
            r.save()
            _step(r, actor, "anonymise", f"Ẩn danh theo yêu cầu: {reason}")
            audit.append(actor, "anonymise", Reception._meta.table_name, r.id, old,
                         {"name": ANON_NAME, "address": "", "id_number": "", "reason": reason})
            _index(r)
            n += 1
    return n


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
    from .registers import Found
    out = {}
    for r in Reception.select().where(Reception.id.in_(refs)):
        out[r.id] = Found("reception", r.id, search.KINDS["reception"].label, r.label,
                          format_date(r.visited_at), f"{r.name}: {' '.join(r.content.split())[:80]}")
    return out


def _register_describer() -> None:
    from .registers import register_describer
    register_describer("reception", _describe, "reception.view")


_register_describer()


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


# --- reports: month, quarter, 6 months, 9 months, year ----------------------------------------
@dataclass(frozen=True)
class Period:
    kind: str          # month | quarter | half | nine | year
    year: int
    start: _dt.date
    end: _dt.date
    code: str          # 2026-11, 2026-Q3, 2026-H1, 2026-9M, 2026

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"Tháng {self.start.month} năm {self.year}"
        if self.kind == "quarter":
            q = (self.start.month - 1) // 3 + 1
            return f"Quý {['I', 'II', 'III', 'IV'][q - 1]} năm {self.year}"
        if self.kind == "half":
            return (f"6 tháng đầu năm {self.year}" if self.start.month == 1
                    else f"6 tháng cuối năm {self.year}")
        if self.kind == "nine":
            return f"9 tháng năm {self.year}"
        return f"Năm {self.year}"


def parse_period(text: str) -> Period:
    """'2026-11' (a month), '2026-Q3', '2026-H1' (6 months; H2 the second half), '2026-9M',
    '2026' (the year)."""
    s = nfc(text).upper().replace(" ", "")
    bad = ValidationError(f"Kỳ báo cáo không hợp lệ: “{text}” (ví dụ 2026-11, 2026-Q3, 2026-H1, "
                          "2026-9M, 2026).", "period")
    year_s, _, rest = s.partition("-")
    if not (year_s.isdigit() and len(year_s) == 4):
        raise bad
    y = int(year_s)
    if not 1945 <= y <= 2100:
        raise bad
    if not rest:
        return Period("year", y, _dt.date(y, 1, 1), _dt.date(y, 12, 31), s)
    if rest.isdigit() and 1 <= int(rest) <= 12:
        m = int(rest)
        a, b = month_bounds(y, m)
        return Period("month", y, a, b, f"{y}-{m:02d}")
    if rest in ("Q1", "Q2", "Q3", "Q4"):
        q = int(rest[1])
        return Period("quarter", y, _dt.date(y, 3 * q - 2, 1), month_bounds(y, 3 * q)[1], s)
    if rest in ("H1", "6M"):
        return Period("half", y, _dt.date(y, 1, 1), _dt.date(y, 6, 30), f"{y}-H1")
    if rest == "H2":
        return Period("half", y, _dt.date(y, 7, 1), _dt.date(y, 12, 31), s)
    if rest == "9M":
        return Period("nine", y, _dt.date(y, 1, 1), _dt.date(y, 9, 30), s)
    raise bad


@dataclass
class MonthDays:
    year: int
    month: int
    held: int
    scheduled: int       # scheduled, not (yet) held
    cancelled: int

    @property
    def short(self) -> bool:
        return self.held < REQUIRED_DAYS


@dataclass
class ReceptionReport:
    period: Period
    visits: int = 0
    people: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_action: dict[str, int] = field(default_factory=dict)
    by_result: dict[str, int] = field(default_factory=dict)   # of the visits, closed by the end
    still_open: int = 0                    # visits of the period not closed by its end
    open_cases: list[tuple[str, str, str, str]] = field(default_factory=list)  # all open at end
    months: list[MonthDays] = field(default_factory=list)
    days_held: int = 0
    days: list[tuple[_dt.date, str, str]] = field(default_factory=list)    # (day, state, host)


def report(actor, period: Period | str, today: _dt.date | None = None) -> ReceptionReport:
    """The reception report of a period: visits received in it by category and action, how
    many of them were closed by the period's end (by result) and how many were not; every case
    still open at the end (whenever received); the head's reception days month by month."""
    users.require(actor, "reception.view")
    p = parse_period(period) if isinstance(period, str) else period
    start = _dt.datetime.combine(p.start, _dt.time.min)
    end = _dt.datetime.combine(p.end + _dt.timedelta(days=1), _dt.time.min)
    rep = ReceptionReport(p, by_category={c: 0 for c in CATEGORIES}, by_action={a: 0 for a in ACTIONS},
                          by_result={r: 0 for r in RESULTS})
    for r in Reception.select().where((Reception.visited_at >= start) & (Reception.visited_at < end)):
        rep.visits += 1
        rep.people += r.people
        rep.by_category[r.category] += 1
        rep.by_action[r.action] += 1
        if r.state == "closed" and r.closed_on and r.closed_on <= p.end:
            rep.by_result[r.result_code] = rep.by_result.get(r.result_code, 0) + 1
        else:
            rep.still_open += 1
    open_q = Reception.select().where((Reception.visited_at < end) & (
        Reception.state.in_(OPEN_STATES) | (Reception.closed_on > p.end)))
    for r in open_q.order_by(Reception.visited_at):
        if r.state == "closed":                  # closed only after the period
            where = f"Kết thúc sau kỳ (ngày {format_date(r.closed_on)})"
        else:
            where = STATE_VI[r.state] + (f" — {r.forward_to}" if r.state == "waiting" and r.forward_to
                                         else "")
        rep.open_cases.append((r.label, format_date(r.visited_at), r.name, where))
    y, m = p.start.year, p.start.month
    while _dt.date(y, m, 1) <= p.end:
        a, b = month_bounds(y, m)
        ds = days_between(a, b)
        rep.months.append(MonthDays(y, m, sum(d.state == "held" for d in ds),
                                    sum(d.state == "scheduled" for d in ds),
                                    sum(d.state == "cancelled" for d in ds)))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    rep.days = [(d.day, d.state, d.host) for d in days_between(p.start, p.end)]
    rep.days_held = sum(1 for d in rep.days if d[1] == "held")
    audit.append(actor, "report", Reception._meta.table_name, None, None, {"period": p.code})
    return rep


def report_rows(rep: ReceptionReport) -> list[list[str]]:
    """The report as a table (for the spreadsheet): section, item, count."""
    rows = [["Tổng", "Lượt tiếp", str(rep.visits)], ["Tổng", "Số người", str(rep.people)]]
    rows += [["Đối tượng", CATEGORY_VI[k], str(v)] for k, v in rep.by_category.items()]
    rows += [["Cách xử lý", ACTION_VI[k], str(v)] for k, v in rep.by_action.items()]
    rows += [["Kết quả", RESULT_VI.get(k, k), str(v)] for k, v in rep.by_result.items()]
    rows.append(["Kết quả", "Chưa kết thúc", str(rep.still_open)])
    rows += [["Ngày tiếp dân của Bí thư", f"Tháng {md.month}/{md.year}", str(md.held)] for md in rep.months]
    rows += [["Vụ việc chưa kết thúc", f"{c[0]} ({c[1]})", c[3]] for c in rep.open_cases]
    return rows


# --- the book as an export (oldest first) -----------------------------------------------------
BOOK_COLUMNS = labels.RECEPTION_COLUMNS


def book_rows(actor, *, year: int | None = None):
    """Every visit as a row of the book; the ID number column is empty for those who may not
    see ID numbers."""
    users.require(actor, "reception.view")
    show_ids = users.can(actor, "reception.view_ids")
    q = Reception.select()
    if year:
        q = q.where(Reception.year == int(year))
    return ([safe_cell(c) for c in _book_row(r, show_ids)]
            for r in q.order_by(Reception.year, Reception.number).iterator())


def _book_row(r: Reception, show_ids: bool) -> list[str]:
    return [r.label, format_datetime(r.visited_at), r.name, r.address,
            r.id_number if show_ids else "", CATEGORY_VI[r.category], str(r.people), r.content,
            r.handled_before, ACTION_VI[r.action], r.forward_to, r.received_by,
            f"{r.incoming.arrival_no}/{r.incoming.year}" if r.incoming is not None else "",
            r.outgoing.symbol if r.outgoing is not None else "", STATE_VI[r.state], _result_text(r),
            format_date(r.closed_on)]


def _result_text(r: Reception) -> str:
    word = RESULT_VI.get(r.result_code, "")
    return f"{word}: {r.result}" if word and r.result else (word or r.result)


def export_book(actor, fmt: str, out: Path | str, *, year: int | None = None) -> int:
    """The reception book as CSV or XLSX (the export is recorded in the audit log)."""
    from .exports import write_csv, write_xlsx
    if fmt not in ("csv", "xlsx"):
        raise ValidationError("Định dạng không hỗ trợ (chọn csv hoặc xlsx).", "format")
    rows = book_rows(actor, year=year)
    n = (write_csv(out, BOOK_COLUMNS, rows) if fmt == "csv"
         else write_xlsx(out, BOOK_COLUMNS, rows, "Sổ tiếp khách"))
    audit.append(actor, "export", Reception._meta.table_name, None, None,
                 {"format": fmt, "rows": n, "year": year, "file": Path(out).name})
    return n


# --- statistics -----------------------------------------------------------------------------
_CATEGORY_WORDS = {"guest": "Khách", "member": "Đảng viên", "citizen": "Nhân dân"}


def _figures(start: _dt.date, end: _dt.date):
    """The front desk's figures for the office's statistics: visits by category, the cases
    still open at the end of the period, the head's reception days held."""
    from .statistics import Figure
    lo = _dt.datetime.combine(start, _dt.time.min)
    hi = _dt.datetime.combine(end, _dt.time.max)
    visits = Reception.select().where((Reception.visited_at >= lo) & (Reception.visited_at <= hi))
    group = "Tiếp khách, tiếp đảng viên và nhân dân"
    out = [Figure(group, "Lượt tiếp", visits.count())]
    for c in CATEGORIES:
        n = visits.where(Reception.category == c).count()
        if n:
            out.append(Figure(group, _CATEGORY_WORDS[c], n, level=1))
    still_open = Reception.select().where(
        (Reception.visited_at <= hi)
        & (Reception.state.in_(OPEN_STATES) | (Reception.closed_on > end))).count()
    out.append(Figure(group, "Vụ việc chưa giải quyết xong cuối kỳ", still_open))
    held = ReceptionDay.select().where((ReceptionDay.day >= start) & (ReceptionDay.day <= end)
                                       & (ReceptionDay.state == "held")).count()
    out.append(Figure(group, "Ngày Bí thư tiếp dân", held))
    return out


def _register_figures() -> None:
    from . import statistics
    statistics.register_figures("reception", _figures, order=50, permission="reception.view")


_register_figures()
