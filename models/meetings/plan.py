"""Planning a meeting: kind, date, place, chair and recorder, agenda, documents used, attendees."""
from __future__ import annotations

from .. import audit, users
from ..contacts import Contact
from ..db import db
from ..documents import Incoming, Outgoing
from ..errors import ValidationError
from ..text import nfc
from .records import (ATTENDANCE, AgendaItem, Attendee, KINDS, MAX_LINE, Meeting, MeetingDocument, ROLES,
                      _change, _date, _line, _long, _time, _write)


# --- plan -----------------------------------------------------------------------------------
_PLAN = ("title", "place", "chair", "chair_position", "recorder", "recorder_position")
_PLAN_LABELS = {"title": "nội dung hội nghị", "place": "địa điểm", "chair": "người chủ trì",
                "chair_position": "chức vụ người chủ trì", "recorder": "thư ký",
                "recorder_position": "chức vụ thư ký"}


def _clean_plan(values: dict) -> dict:
    out: dict = {}
    for k, v in values.items():
        if k in _PLAN:
            out[k] = _line(v, _PLAN_LABELS[k], k)
        elif k == "kind":
            if v not in KINDS:
                raise ValidationError("Loại hội nghị không hợp lệ.", "kind")
            out[k] = v
        elif k == "on_date":
            out[k] = _date(v, "on_date")
        elif k == "start_time":
            out[k] = _time(v)
        elif k == "notes":
            out[k] = _long(v, "ghi chú", "notes")
        else:
            raise ValidationError(f"Trường không có trong hội nghị: {k}.", k)
    return out


def plan_meeting(actor, kind: str, on_date, *, agenda: list[str] | None = None,
                 members: list | None = None, guests: list | None = None,
                 documents: list | None = None, **values) -> Meeting:
    """A new meeting: kind, date, and what is known (time, place, chair, recorder, agenda,
    members invited, guests, documents used)."""
    users.require(actor, "meetings.edit")
    clean = _clean_plan({"kind": kind, "on_date": on_date, **values})
    if not clean.get("title"):
        clean["title"] = ""
    with db.atomic():
        m = Meeting(created_by=audit.actor_name(actor), **clean)
        _change(actor, m, m, None)
        for t in agenda or []:
            add_agenda_item(actor, m, t)
        for p in members or []:
            add_attendee(actor, m, *(p if isinstance(p, (tuple, list)) else (p,)))
        for p in guests or []:
            add_attendee(actor, m, *(p if isinstance(p, (tuple, list)) else (p,)), role="guest")
        for d in documents or []:
            add_document(actor, m, d)
        return m


def update_meeting(actor, meeting, **changes) -> Meeting:
    users.require(actor, "meetings.edit")
    clean = _clean_plan(changes)
    with db.atomic():
        m = _write(actor, meeting)
        before = audit.snapshot(m)
        for k, v in clean.items():
            setattr(m, k, v)
        _change(actor, m, m, before)
        return m


def add_agenda_item(actor, meeting, title: str) -> AgendaItem:
    users.require(actor, "meetings.edit")
    t = _line(title, "nội dung", "agenda", required=True)
    with db.atomic():
        m = _write(actor, meeting)
        n = AgendaItem.select().where(AgendaItem.meeting == m.id).count()
        it = AgendaItem(meeting=m, position=n + 1, title=t)
        _change(actor, m, it, None)
        return it


def add_document(actor, meeting, doc) -> MeetingDocument:
    """``doc``: an Incoming or Outgoing from the registers, or a name (a register number is
    looked up: see ``find_document``)."""
    users.require(actor, "meetings.edit")
    if isinstance(doc, str):
        doc = find_document(doc)
    with db.atomic():
        m = _write(actor, meeting)
        n = MeetingDocument.select().where(MeetingDocument.meeting == m.id).count()
        md = MeetingDocument(meeting=m, position=n + 1)
        if isinstance(doc, Incoming):
            md.incoming, md.label = doc, f"{doc.doc_number} ({doc.sender}): {doc.summary}".strip()
        elif isinstance(doc, Outgoing):
            md.outgoing, md.label = doc, f"{doc.symbol}: {doc.summary}"
        else:
            md.label = _line(doc, "tên tài liệu", "document", required=True)
        md.label = md.label[:MAX_LINE]
        _change(actor, m, md, None)
        return md


def find_document(ref: str):
    """A document named by its register number: "15-BC/ĐU" (outgoing) or "12/2026" (arrival
    number / year, incoming); otherwise the text itself, as the name of a paper document."""
    import re
    s = " ".join(nfc(ref).split())
    m = re.fullmatch(r"(\d+)/(\d{4})", s)
    if m:
        d: Incoming | Outgoing | None = Incoming.get_or_none(
            (Incoming.arrival_no == int(m.group(1))) & (Incoming.year == int(m.group(2))))
        if d is not None:
            return d
    d = Outgoing.get_or_none(Outgoing.symbol == s.upper()) or Outgoing.get_or_none(Outgoing.symbol == s)
    return d if d is not None else s


def add_attendee(actor, meeting, name, title: str = "", *, role: str = "member",
                 attendance: str = "invited", reason: str = "") -> Attendee:
    """A member of the committee (or, with role="guest", a guest) invited to the meeting.
    ``name`` may be a Contact from the directory."""
    users.require(actor, "meetings.edit")
    if role not in ROLES:
        raise ValidationError("Vai trò người dự không hợp lệ.", "role")
    contact = name if isinstance(name, Contact) else None
    if contact is not None:
        name, title = contact.name, title or contact.position
    n_ = _line(name, "họ tên người dự", "name", required=True)
    with db.atomic():
        m = _write(actor, meeting)
        if Attendee.select().where((Attendee.meeting == m.id) & (Attendee.name == n_)
                                   & (Attendee.role == role)).exists():
            raise ValidationError(f"{n_} đã có trong danh sách.", "name")
        n = Attendee.select().where(Attendee.meeting == m.id).count()
        a = Attendee(meeting=m, position=n + 1, name=n_, title=_line(title, "chức vụ", "title"),
                     role=role, contact=contact)
        _set_attendance(a, attendance, reason)
        _change(actor, m, a, None)
        return a


def _set_attendance(a: Attendee, attendance: str, reason: str) -> None:
    if attendance not in ATTENDANCE:
        raise ValidationError("Tình trạng dự họp không hợp lệ.", "attendance")
    reason = _line(reason, "lý do vắng", "reason")
    if attendance == "absent_excused" and not reason:
        raise ValidationError(f"Vắng có lý do: ghi lý do vắng của {a.name}.", "reason")
    a.attendance = attendance
    a.reason = reason if attendance.startswith("absent") else ""


def mark_attendance(actor, attendee, attendance: str, reason: str = "") -> Attendee:
    """Có mặt (present), vắng có lý do (absent_excused, with the reason), vắng không lý do."""
    users.require(actor, "meetings.edit")
    with db.atomic():
        a = Attendee.get_by_id(attendee.id if isinstance(attendee, Attendee) else int(attendee))
        m = _write(actor, a.meeting_id)
        before = audit.snapshot(a)
        _set_attendance(a, attendance, reason)
        _change(actor, m, a, before)
        return a
