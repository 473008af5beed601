"""Meetings' vocabulary and tables, fetching one, and the steps every change shares."""
from __future__ import annotations

import datetime as _dt

from peewee import (CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, ModelSelect, TextField)

from .. import audit, search
from ..contacts import Contact
from ..db import BaseModel
from ..documents import Incoming, Outgoing
from ..errors import NotFound, ValidationError
from ..writes import get_or_refuse
from ..office import get_office
from ..text import format_date, nfc, one_line, parse_date, parse_time


KINDS = ("bch", "btv", "tt", "chibo")
# the formal names, as the minutes print them (the screens' words live in tui.strings)
KIND_NAMES = {"bch": "Hội nghị Ban Chấp hành Đảng bộ", "btv": "Hội nghị Ban Thường vụ Đảng ủy",
              "tt": "Họp Thường trực Đảng ủy", "chibo": "Sinh hoạt chi bộ"}
STATUSES = ("planned", "open", "closed", "signed")
ATTENDANCE = ("present", "absent_excused", "absent_unexcused", "invited")
ROLES = ("member", "guest")
AMENDMENT_KINDS = {"phu_luc": "Phụ lục", "dinh_chinh": "Đính chính"}
BB = "BB"
MAX_TEXT = 100_000         # a speech, a conclusion
MAX_LINE = 300             # names, places, titles

search.register_kind("meeting", 13, "Hội nghị, biên bản")


# --- models ---------------------------------------------------------------------------------
class Meeting(BaseModel):
    kind = CharField(index=True)                 # KINDS
    title = CharField(default="")                # nội dung chính: "Sơ kết quý I năm 2026"
    on_date = DateField(index=True)
    start_time = CharField(default="")           # planned "08:00"
    place = CharField(default="")
    chair = CharField(default="")
    chair_position = CharField(default="")
    recorder = CharField(default="")
    recorder_position = CharField(default="")
    status = CharField(default="planned", index=True)
    opened_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True)
    minutes = ForeignKeyField(Outgoing, null=True, backref="+", on_delete="RESTRICT")   # BB entry
    minutes_id: int | None   # for the type checker only: no value, so no field
    number = CharField(default="", index=True)   # "03-BB/ĐU", copied from the register entry
    signed_on = DateField(null=True)
    signed_by = CharField(default="")
    notes = TextField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)
    created_by = CharField(default="")
    # the rows pointing here (peewee's backrefs), for the type checker only: no value, so no field
    agenda: ModelSelect[AgendaItem]
    attendees: ModelSelect[Attendee]
    speeches: ModelSelect[Speech]

    class Meta:
        table_name = "meeting"

    @property
    def locked(self) -> bool:
        return self.status == "signed"


class AgendaItem(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="agenda", on_delete="CASCADE")
    meeting_id: int   # for the type checker only: no value, so no field
    position = IntegerField(default=0)
    title = TextField()
    conclusion = TextField(default="")          # kết luận của chủ trì

    class Meta:
        table_name = "meeting_agenda_item"


class MeetingDocument(BaseModel):
    """A document used at the meeting, linked from the registers (or just named)."""
    meeting = ForeignKeyField(Meeting, backref="documents", on_delete="CASCADE")
    position = IntegerField(default=0)
    incoming = ForeignKeyField(Incoming, null=True, backref="+", on_delete="SET NULL")
    outgoing = ForeignKeyField(Outgoing, null=True, backref="+", on_delete="SET NULL")
    label = CharField()

    class Meta:
        table_name = "meeting_document"


class Attendee(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="attendees", on_delete="CASCADE")
    meeting_id: int   # for the type checker only: no value, so no field
    position = IntegerField(default=0)
    name = CharField()
    title = CharField(default="")                # chức vụ
    role = CharField(default="member")           # member (of the committee) | guest
    attendance = CharField(default="invited")    # ATTENDANCE
    reason = CharField(default="")
    contact = ForeignKeyField(Contact, null=True, backref="+", on_delete="SET NULL")

    class Meta:
        table_name = "meeting_attendee"


class Speech(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="speeches", on_delete="CASCADE")
    meeting_id: int   # for the type checker only: no value, so no field
    position = IntegerField(default=0)
    item = ForeignKeyField(AgendaItem, null=True, backref="speeches", on_delete="SET NULL")
    speaker = CharField()
    text = TextField(default="")

    class Meta:
        table_name = "meeting_speech"


class Vote(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="votes", on_delete="CASCADE")
    position = IntegerField(default=0)
    item = ForeignKeyField(AgendaItem, null=True, backref="votes", on_delete="SET NULL")
    matter = TextField()
    yes = IntegerField(default=0)
    no = IntegerField(default=0)
    abstain = IntegerField(default=0)            # không biểu quyết

    class Meta:
        table_name = "meeting_vote"


class Amendment(BaseModel):
    """A change to signed minutes: never an edit, a new record linked to them."""
    meeting = ForeignKeyField(Meeting, backref="amendments", on_delete="RESTRICT")
    kind = CharField()                           # AMENDMENT_KINDS
    text = TextField()
    created_at = DateTimeField(default=_dt.datetime.now)
    created_by = CharField(default="")

    class Meta:
        table_name = "meeting_amendment"


class MeetingDraft(BaseModel):
    """What is being typed into one text field, saved keystroke by keystroke."""
    meeting = ForeignKeyField(Meeting, backref="drafts", on_delete="CASCADE")
    field = CharField()                          # "speech:12", "conclusion:3", "notes"
    text = TextField(default="")
    seq = IntegerField(default=0)                # the editor's change counter
    saved_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "meeting_draft"
        indexes = ((("meeting", "field"), True),)


MEETING_MODELS = [Meeting, AgendaItem, MeetingDocument, Attendee, Speech, Vote, Amendment,
                  MeetingDraft]


# --- helpers --------------------------------------------------------------------------------
def _now() -> _dt.datetime:
    return _dt.datetime.now().replace(microsecond=0)


def _line(v, label: str, field: str, required: bool = False) -> str:
    return one_line(v, label, field, required, MAX_LINE)


def _long(v, label: str, field: str) -> str:
    s = nfc(v)
    if len(s) > MAX_TEXT:
        raise ValidationError(f"{label[:1].upper()}{label[1:]} quá dài (tối đa {MAX_TEXT} ký tự).", field)
    return s


def _time(v, field: str = "start_time") -> str:
    return parse_time(v, field)


def _date(v, field: str, required: bool = True) -> _dt.date | None:
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    return parse_date(v or "", field, required=required)


def _count(v, label: str, field: str) -> int:
    try:
        n = int(nfc(str(v)) or 0)
    except ValueError:
        raise ValidationError(f"{label}: cần một số nguyên.", field) from None
    if n < 0 or n > 100_000:
        raise ValidationError(f"{label}: không hợp lệ.", field)
    return n


def full_title(m: Meeting) -> str:
    """"Hội nghị Ban Thường vụ Đảng ủy — Sơ kết quý I"; a title that already says what kind of
    meeting it is ("Sinh hoạt chi bộ thôn Đồng Tâm tháng 3") stands alone."""
    from ..text import fold
    kind = KIND_NAMES[m.kind]
    title = " ".join(m.title.split())
    if not title:
        return kind
    if fold(title).startswith(" ".join(fold(kind).split()[:2])):
        return title
    return f"{kind} — {title}"


def get_meeting(meeting) -> Meeting:
    mid = meeting.id if isinstance(meeting, Meeting) else int(meeting)
    return get_or_refuse(Meeting, mid, f"Không tìm thấy hội nghị (mã {mid}).")


def find_by_number(number: str) -> Meeting:
    """The meeting whose minutes carry this number: "03-BB/ĐU", or just "3" in this term."""
    s = nfc(number).upper().replace(" ", "")
    m = Meeting.get_or_none(Meeting.number == s)
    if m is None and s.isdigit():
        o = get_office()
        assert o is not None            # a meeting exists, so the office is set up
        q = (Meeting.select().join(Outgoing, on=(Meeting.minutes == Outgoing.id))
             .where((Outgoing.number == int(s)) & (Outgoing.series == BB)
                    & (Outgoing.term_start == o.term_start)))
        m = q.first()
    if m is None:
        raise NotFound(f"Không có biên bản số {number}.")
    return m


def _editable(m: Meeting) -> None:
    if m.locked:
        raise ValidationError(f"Biên bản {m.number} đã ký, không sửa được; hãy lập phụ lục "
                              "hoặc đính chính.", "status")


def _index(m: Meeting) -> None:
    search.remove("meeting", m.id)
    speakers = " ".join(s.speaker for s in m.speeches)
    items = " ".join(i.title for i in m.agenda)
    search.index("meeting", m.id, f"{m.number or format_date(m.on_date)}: {KIND_NAMES[m.kind]} — {m.title}",
                 m.place, m.chair, m.recorder, items, speakers)


def _change(actor, m: Meeting, obj, before: dict | None, action: str = "update") -> None:
    """The tail of every write: save, audit, re-index the meeting."""
    obj.save()
    audit.log_change(actor, "create" if before is None else action, obj, before)
    _index(m)


def _write(actor, meeting, *, allow_locked: bool = False) -> Meeting:
    """Inside an open transaction: the meeting, re-read, checked editable."""
    m = get_meeting(meeting)
    if not allow_locked:
        _editable(m)
    return m
