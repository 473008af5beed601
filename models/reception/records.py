"""The reception book's keys and tables, and the helpers every change shares (an audit entry
without personal values, the search index, a safe export cell)."""
from __future__ import annotations

import datetime as _dt
import hashlib

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField)

from .. import audit, search
from ..db import BaseModel
from ..documents import Incoming, Outgoing
from ..errors import ValidationError
from ..text import fold, nfc, require_text
from ..writes import linked_record


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
    reception_id: int   # for the type checker only: no value, so no field
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
TABLE = Reception._meta.table_name     # the book's name in the audit log


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
    return linked_record(model, value, field, "Không tìm thấy văn bản để liên kết.",
                         "Không liên kết văn bản mật với sổ tiếp khách.")


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

def safe_cell(v) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ gets a leading apostrophe."""
    s = "" if v is None else str(v)
    return "'" + s if s[:1] in ("=", "+", "-", "@") else s


def _result_text(r: Reception) -> str:
    word = RESULT_VI.get(r.result_code, "")
    return f"{word}: {r.result}" if word and r.result else (word or r.result)
