"""Taking the minutes live (opening, speeches, conclusions, votes) and saving them as typed."""
from __future__ import annotations

import datetime as _dt
import unicodedata

from .. import audit, users
from ..contacts import Contact
from ..db import db
from ..errors import ValidationError
from ..text import format_date
from .records import (AgendaItem, Attendee, MAX_TEXT, Meeting, MeetingDraft, Speech, Vote, _change, _count,
                      _index, _line, _long, _now, _write)


# --- taking the minutes ---------------------------------------------------------------------
def open_meeting(actor, meeting, at: _dt.datetime | None = None) -> Meeting:
    """The meeting starts: its opening time is recorded."""
    users.require(actor, "meetings.edit")
    with db.atomic():
        m = _write(actor, meeting)
        if m.status != "planned":
            raise ValidationError("Hội nghị đã khai mạc.", "status")
        at = (at or _now()).replace(microsecond=0)
        if at.date() != m.on_date:
            raise ValidationError(f"Hội nghị dự kiến họp ngày {format_date(m.on_date)}, không phải ngày "
                                  f"{format_date(at)}: sửa ngày họp trước khi khai mạc.", "on_date")
        before = audit.snapshot(m)
        m.status, m.opened_at = "open", at
        _change(actor, m, m, before, "open")
        return m


def add_speech(actor, meeting, speaker, text: str = "", *, item=None) -> Speech:
    """The next speech, in order; the text may come now or be typed (autosaved) after."""
    users.require(actor, "meetings.edit")
    if isinstance(speaker, (Attendee, Contact)):
        speaker = speaker.name
    who = _line(speaker, "người phát biểu", "speaker", required=True)
    body = _long(text, "nội dung phát biểu", "text")
    with db.atomic():
        m = _write(actor, meeting)
        n = Speech.select().where(Speech.meeting == m.id).count()
        s = Speech(meeting=m, position=n + 1, speaker=who, text=body,
                   item=_item_of(m, item))
        _change(actor, m, s, None)
        return s


def _item_of(m: Meeting, item) -> AgendaItem | None:
    if item is None:
        return None
    it = AgendaItem.get_or_none((AgendaItem.id == (item.id if isinstance(item, AgendaItem) else int(item)))
                                & (AgendaItem.meeting == m.id))
    if it is None:
        raise ValidationError("Nội dung không thuộc hội nghị này.", "item")
    return it


def set_speech(actor, speech, *, text: str | None = None, speaker: str | None = None) -> Speech:
    users.require(actor, "meetings.edit")
    with db.atomic():
        s = Speech.get_by_id(speech.id if isinstance(speech, Speech) else int(speech))
        m = _write(actor, s.meeting_id)
        before = audit.snapshot(s)
        if text is not None:
            s.text = _long(text, "nội dung phát biểu", "text")
        if speaker is not None:
            s.speaker = _line(speaker, "người phát biểu", "speaker", required=True)
        MeetingDraft.delete().where((MeetingDraft.meeting == m.id)
                                    & (MeetingDraft.field == f"speech:{s.id}")).execute()
        _change(actor, m, s, before)
        return s


def set_conclusion(actor, item, text: str) -> AgendaItem:
    """The chair's conclusion on one agenda item."""
    users.require(actor, "meetings.edit")
    with db.atomic():
        it = AgendaItem.get_by_id(item.id if isinstance(item, AgendaItem) else int(item))
        m = _write(actor, it.meeting_id)
        before = audit.snapshot(it)
        it.conclusion = _long(text, "kết luận", "conclusion")
        MeetingDraft.delete().where((MeetingDraft.meeting == m.id)
                                    & (MeetingDraft.field == f"conclusion:{it.id}")).execute()
        _change(actor, m, it, before)
        return it


def present_members(meeting) -> int:
    mid = meeting.id if isinstance(meeting, Meeting) else int(meeting)
    return Attendee.select().where((Attendee.meeting == mid) & (Attendee.role == "member")
                                   & (Attendee.attendance == "present")).count()


def check_vote(meeting, yes: int, no: int, abstain: int) -> None:
    """Every member present is counted once: tán thành + không tán thành + không biểu quyết
    = members present."""
    present = present_members(meeting)
    total = yes + no + abstain
    if present == 0:
        raise ValidationError("Chưa điểm danh: chưa có đồng chí nào có mặt để biểu quyết.", "yes")
    if total != present:
        raise ValidationError(
            f"Số biểu quyết ({yes} tán thành, {no} không tán thành, {abstain} không biểu quyết: "
            f"tổng {total}) phải bằng số đồng chí có mặt ({present}).", "yes")


def record_vote(actor, meeting, matter: str, yes, no=0, abstain=0, *, item=None) -> Vote:
    users.require(actor, "meetings.edit")
    what = _long(matter, "vấn đề biểu quyết", "matter")
    if not what:
        raise ValidationError("Chưa nhập vấn đề biểu quyết.", "matter")
    y, n, a = (_count(yes, "Tán thành", "yes"), _count(no, "Không tán thành", "no"),
               _count(abstain, "Không biểu quyết", "abstain"))
    with db.atomic():
        m = _write(actor, meeting)
        check_vote(m, y, n, a)
        pos = Vote.select().where(Vote.meeting == m.id).count()
        v = Vote(meeting=m, position=pos + 1, matter=what, yes=y, no=n, abstain=a,
                 item=_item_of(m, item))
        _change(actor, m, v, None)
        return v


# --- autosave -------------------------------------------------------------------------------
def _field_owner(m: Meeting, field: str):
    kind, _, ref = field.partition(":")
    try:
        if kind == "speech":
            s = Speech.get_or_none((Speech.id == int(ref)) & (Speech.meeting == m.id))
            return s, "text"
        if kind == "conclusion":
            it = AgendaItem.get_or_none((AgendaItem.id == int(ref)) & (AgendaItem.meeting == m.id))
            return it, "conclusion"
        if kind == "notes" and not ref:
            return m, "notes"
    except ValueError:
        pass
    return None, ""


def autosave(actor, meeting, field: str, text: str, seq: int = 0) -> MeetingDraft:
    """Save what is typed in one field now (its own short transaction). ``seq`` is the editor's
    change counter: an older save arriving late never overwrites a newer one."""
    users.require(actor, "meetings.edit")
    # as typed: NFC, but not stripped — a space typed before the terminal closed is kept, so the
    # next word typed after reopening is not glued to the last one
    body = unicodedata.normalize("NFC", str(text or ""))
    if len(body) > MAX_TEXT:
        raise ValidationError(f"Nội dung quá dài (tối đa {MAX_TEXT} ký tự).", field)
    with db.atomic():
        m = _write(actor, meeting)
        owner, _ = _field_owner(m, field)
        if owner is None:
            raise ValidationError(f"Không có ô nội dung {field} trong hội nghị này.", "field")
        d = MeetingDraft.get_or_none((MeetingDraft.meeting == m.id) & (MeetingDraft.field == field))
        if d is None:
            return MeetingDraft.create(meeting=m, field=field, text=body, seq=seq,
                                       saved_at=_dt.datetime.now())
        if seq and d.seq and seq < d.seq:
            return d
        MeetingDraft.update(text=body, seq=seq, saved_at=_dt.datetime.now()).where(
            MeetingDraft.id == d.id).execute()
        d.text, d.seq = body, seq
        return d


def drafts(meeting) -> dict[str, str]:
    mid = meeting.id if isinstance(meeting, Meeting) else int(meeting)
    return {d.field: d.text for d in MeetingDraft.select().where(MeetingDraft.meeting == mid)}


def settle(actor, meeting) -> int:
    """Move every draft into its record (audited); returns how many fields changed."""
    users.require(actor, "meetings.edit")
    n = 0
    with db.atomic():
        m = _write(actor, meeting)
        for d in list(MeetingDraft.select().where(MeetingDraft.meeting == m.id)):
            owner, attr = _field_owner(m, d.field)
            if owner is not None and getattr(owner, attr) != d.text:
                before = audit.snapshot(owner)
                setattr(owner, attr, d.text)
                owner.save()
                audit.log_change(actor, "update", owner, before)
                n += 1
            d.delete_instance()
        _index(m)
    return n


def last_typed_field(meeting) -> str | None:
    """The field typed in last (its draft saved last): where the editor reopens."""
    mid = meeting.id if hasattr(meeting, "id") else meeting
    last = (MeetingDraft.select().where(MeetingDraft.meeting == mid)
            .order_by(MeetingDraft.saved_at.desc(), MeetingDraft.id.desc()).first())
    return last.field if last else None
