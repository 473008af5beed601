"""The reception book: receiving a visitor, updating, the states of a matter, forwarding, closing."""
from __future__ import annotations

import datetime as _dt

from .. import audit, users
from ..db import db
from ..documents import Incoming, Outgoing
from ..errors import ValidationError
from ..text import nfc, require_text
from ..writes import get_or_refuse
from .records import (LIMITS, PERSONAL, RESULTS, Reception, ReceptionStep, STATES, STATE_VI, TRANSITIONS,
                      _actor_name, _as_datetime, _clean, _derive, _doc_ref, _index, _log, _step, next_number)


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
