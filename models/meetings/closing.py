"""Closing a meeting, numbering its minutes in the BB series, signing, amending, filing."""
from __future__ import annotations

import datetime as _dt

from .. import audit, users
from ..db import db
from ..documents import Outgoing, get_doc_type, reserve_number
from ..errors import ValidationError
from ..text import nfc
from .minutes import drafts, settle
from .records import (AMENDMENT_KINDS, Amendment, BB, Meeting, MeetingDraft, _change, _date, _long, _now,
                      _write, full_title, get_meeting)


# --- closing, numbering, signing ------------------------------------------------------------
def missing_contents(meeting) -> list[str]:
    """What the minutes still lack (in Vietnamese), by the required contents of minutes."""
    m = get_meeting(meeting)
    out = []
    if m.opened_at is None:
        out.append("giờ khai mạc")
    if not m.place:
        out.append("địa điểm")
    if not m.chair:
        out.append("người chủ trì")
    if not m.recorder:
        out.append("thư ký")
    items = list(m.agenda)
    if not items:
        out.append("nội dung (chương trình) hội nghị")
    members = [a for a in m.attendees if a.role == "member"]
    if not members:
        out.append("danh sách thành phần dự họp")
    undecided = [a.name for a in members if a.attendance == "invited"]
    if undecided:
        out.append("điểm danh (" + ", ".join(undecided[:5]) + (" …" if len(undecided) > 5 else "") + ")")
    texts = drafts(m)
    no_conclusion = [str(i.position) for i in items
                     if not nfc(texts.get(f"conclusion:{i.id}", i.conclusion))]
    if no_conclusion:
        out.append("kết luận của chủ trì ở nội dung " + ", ".join(no_conclusion))
    if m.closed_at is None:
        out.append("giờ bế mạc")
    return out


def close_meeting(actor, meeting, at: _dt.datetime | None = None) -> Meeting:
    """The meeting ends: its closing time is recorded, the drafts are settled and the minutes
    take the next number of the term's BB series (shared with the outgoing register)."""
    users.require(actor, "meetings.edit")
    settle(actor, meeting)
    with db.atomic():
        m = _write(actor, meeting)
        if m.status == "planned":
            raise ValidationError("Hội nghị chưa khai mạc.", "status")
        if m.status != "open":
            raise ValidationError("Hội nghị đã bế mạc.", "status")
        at = (at or _now()).replace(microsecond=0)
        if m.opened_at and at < m.opened_at:
            raise ValidationError("Giờ bế mạc trước giờ khai mạc.", "closed_at")
        before = audit.snapshot(m)
        m.closed_at = at
        missing = [x for x in missing_contents(m) if x != "giờ bế mạc"]
        if missing:
            raise ValidationError("Chưa bế mạc được: biên bản còn thiếu " + "; ".join(missing) + ".",
                                  "status")
        if m.minutes_id is None:
            get_doc_type(BB)
            entry = reserve_number(actor, BB, doc_date=m.on_date,
                                   summary=full_title(m),
                                   signer=m.chair, signer_position=m.chair_position,
                                   filed_in="Văn phòng Đảng ủy")
            m.minutes, m.number = entry, entry.symbol
        m.status = "closed"
        _change(actor, m, m, before, "close")
        return m


def sign_minutes(actor, meeting, signed_on=None) -> Meeting:
    """The chair and the recorder have signed: the minutes are locked from now on."""
    users.require(actor, "meetings.sign")
    with db.atomic():
        m = get_meeting(meeting)
        if m.locked:
            raise ValidationError(f"Biên bản {m.number} đã ký.", "status")
        if m.status != "closed":
            raise ValidationError("Chỉ ký biên bản sau khi hội nghị bế mạc.", "status")
        if MeetingDraft.select().where(MeetingDraft.meeting == m.id).exists():
            raise ValidationError("Còn nội dung đang gõ chưa lưu vào biên bản; mở biên bản để lưu.",
                                  "status")
        on = _date(signed_on, "signed_on", required=False) or _dt.date.today()
        before = audit.snapshot(m)
        m.status, m.signed_on, m.signed_by = "signed", on, audit.actor_name(actor)
        if m.minutes_id:
            e = Outgoing.get_by_id(m.minutes_id)
            eb = audit.snapshot(e)
            e.signed_on, e.signer, e.signer_position = on, m.chair, m.chair_position.upper()
            e.content_on_paper = True
            e.save()
            audit.log_change(actor, "sign", e, eb)
        _change(actor, m, m, before, "sign")
        return m


def add_amendment(actor, meeting, kind: str, text: str) -> Amendment:
    """A phụ lục or đính chính of signed minutes: a new record linked to them."""
    users.require(actor, "meetings.edit")
    if kind not in AMENDMENT_KINDS:
        raise ValidationError("Chọn phụ lục hoặc đính chính.", "kind")
    body = _long(text, "nội dung", "text")
    if not body:
        raise ValidationError("Chưa nhập nội dung phụ lục, đính chính.", "text")
    with db.atomic():
        m = get_meeting(meeting)
        if not m.locked:
            raise ValidationError("Biên bản chưa ký: sửa thẳng vào biên bản.", "status")
        a = Amendment(meeting=m, kind=kind, text=body, created_by=audit.actor_name(actor))
        _change(actor, m, a, None)
        return a


def file_minutes(actor, meeting, dossier):
    """Put the signed minutes (their BB entry in the register) into a dossier."""
    from .. import dossiers
    m = get_meeting(meeting)
    if not m.locked:
        raise ValidationError("Chỉ lập hồ sơ biên bản đã ký.", "status")
    return dossiers.add_document(actor, dossier, Outgoing.get_by_id(m.minutes_id))
