"""Committee meetings and their minutes (biên bản).

A meeting is planned (kind, date, time, place, chair, recorder, agenda, documents used from the
registers, invited members and guests), then its minutes are taken live: attendance (present;
absent with or without a reason), speeches in order, the chair's conclusion on each agenda item,
votes per matter (tán thành / không tán thành / không biểu quyết, whose total must equal the
members present), opening and closing time. Closing the meeting numbers the minutes in the term's
**BB** series, the same series the outgoing register uses (``documents.reserve_number``), so a
BB number is never given twice. Marking the minutes signed locks them: nothing of a signed
meeting changes again; a later change is a new linked record (phụ lục or đính chính). Signed
minutes can be filed into a dossier (they are the register's BB entry).

Typing is saved as it is typed: ``autosave`` writes one draft row per text field (a speech, a
conclusion) in its own short transaction, so a killed program loses at most the keystrokes
after the last save, and ``meeting_view`` shows the drafts over the saved text. ``settle``
moves the drafts into the records through the audited write path (when the editor leaves a
field, and always before closing or signing). Drafts are not audited one keystroke at a time:
the audit log gets the settled text.

Every change: permission → NFC → one ``IMMEDIATE`` transaction → snapshot → save → audit →
search index. Rows handed to the screens carry keys (``kind``, ``status``, ``attendance``), and
the screens choose the words.
"""
from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass, field

from peewee import (CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, ModelSelect, TextField)

from . import audit, dashboard, labels, search, users
from .contacts import Contact
from .db import BaseModel, db
from .documents import Incoming, Outgoing, get_doc_type, reserve_number
from .errors import NotFound, ValidationError
from .office import get_office
from .registers import DataSource, Found, _search_ids, id_filter, register_describer
from .text import format_date, nfc, parse_date, parse_time

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
    s = " ".join(nfc(v).split())
    if required and not s:
        raise ValidationError(f"Chưa nhập {label}.", field)
    if len(s) > MAX_LINE:
        raise ValidationError(f"{label[:1].upper()}{label[1:]} quá dài (tối đa {MAX_LINE} ký tự).", field)
    return s


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
    from .text import fold
    kind = KIND_NAMES[m.kind]
    title = " ".join(m.title.split())
    if not title:
        return kind
    if fold(title).startswith(" ".join(fold(kind).split()[:2])):
        return title
    return f"{kind} — {title}"


def get_meeting(meeting) -> Meeting:
    mid = meeting.id if isinstance(meeting, Meeting) else int(meeting)
    m = Meeting.get_or_none(Meeting.id == mid)
    if m is None:
        raise NotFound(f"Không tìm thấy hội nghị (mã {mid}).")
    return m


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
    from . import dossiers
    m = get_meeting(meeting)
    if not m.locked:
        raise ValidationError("Chỉ lập hồ sơ biên bản đã ký.", "status")
    return dossiers.add_document(actor, dossier, Outgoing.get_by_id(m.minutes_id))


# --- reading --------------------------------------------------------------------------------
@dataclass
class MinutesView:
    """Everything the minutes hold, drafts shown over the saved text; plain data."""
    meeting: Meeting
    agenda: list[AgendaItem]
    members: list[Attendee]
    guests: list[Attendee]
    documents: list[MeetingDocument]
    speeches: list[Speech]
    votes: list[Vote]
    amendments: list[Amendment]
    texts: dict[str, str] = field(default_factory=dict)   # field -> current text

    def speech_text(self, s: Speech) -> str:
        return self.texts.get(f"speech:{s.id}", s.text)

    def conclusion(self, it: AgendaItem) -> str:
        return self.texts.get(f"conclusion:{it.id}", it.conclusion)

    @property
    def present(self) -> list[Attendee]:
        return [a for a in self.members if a.attendance == "present"]

    @property
    def absent(self) -> list[Attendee]:
        return [a for a in self.members if a.attendance.startswith("absent")]


def meeting_view(actor, meeting) -> MinutesView:
    users.require(actor, "meetings.view")
    m = get_meeting(meeting)
    atts = list(Attendee.select().where(Attendee.meeting == m.id).order_by(Attendee.position))
    return MinutesView(
        meeting=m,
        agenda=list(AgendaItem.select().where(AgendaItem.meeting == m.id).order_by(AgendaItem.position)),
        members=[a for a in atts if a.role == "member"],
        guests=[a for a in atts if a.role == "guest"],
        documents=list(MeetingDocument.select().where(MeetingDocument.meeting == m.id)
                       .order_by(MeetingDocument.position)),
        speeches=list(Speech.select().where(Speech.meeting == m.id).order_by(Speech.position)),
        votes=list(Vote.select().where(Vote.meeting == m.id).order_by(Vote.position)),
        amendments=list(Amendment.select().where(Amendment.meeting == m.id).order_by(Amendment.id)),
        texts=drafts(m))


def speaker_names(meeting, prefix: str = "") -> list[str]:
    """For type-ahead: the members and guests of the meeting whose name has a word starting
    with ``prefix`` (accents optional; "thu ha" finds Nguyễn Thị Thu Hà)."""
    from .text import fold
    mid = meeting.id if isinstance(meeting, Meeting) else int(meeting)
    p = fold(prefix)
    names = [a.name for a in Attendee.select().where(Attendee.meeting == mid).order_by(Attendee.position)]
    if not p:
        return names
    p = " ".join(p.split())
    return [n for n in names if (" " + " ".join(fold(n).split())).find(" " + p) >= 0]


def upcoming(today: _dt.date, days: int = 7) -> list[Meeting]:
    return list(Meeting.select().where((Meeting.on_date >= today)
                                       & (Meeting.on_date < today + _dt.timedelta(days=days))
                                       & (Meeting.status.in_(("planned", "open"))))
                .order_by(Meeting.on_date, Meeting.start_time, Meeting.id))


# --- the list -------------------------------------------------------------------------------
class MeetingSource(DataSource):
    """Meetings newest first, paged by keyset on (date, id). Cells: date, time, kind key,
    title, place, minutes number, status key — the screen turns the keys into words."""
    kind = "meeting"
    title = "Hội nghị"
    columns = [labels.MEETING_DATE, labels.MEETING_TIME, labels.MEETING_KIND, labels.MEETING_TITLE,
               labels.MEETING_PLACE, labels.MINUTES_NO, labels.MEETING_STATUS]
    widths = [10, 5, 10, 0, 14, 10, 10]
    key_columns = {2: "kind", 6: "status"}       # columns that hold keys, not words
    permission = "meetings.view"

    def __init__(self, actor, text: str | None = None, *, kind: str | None = None,
                 year: int | None = None, status: str | None = None):
        super().__init__(actor)
        self.meeting_kind, self.year, self.status = kind, year, status
        self.ids = _search_ids(text, ["meeting"])

    def query(self):
        q = Meeting.select()
        if self.meeting_kind:
            q = q.where(Meeting.kind == self.meeting_kind)
        if self.status:
            q = q.where(Meeting.status == self.status)
        if self.year:
            y = int(self.year)
            q = q.where((Meeting.on_date >= _dt.date(y, 1, 1)) & (Meeting.on_date <= _dt.date(y, 12, 31)))
        if self.ids is not None:
            q = q.where(id_filter(Meeting.id, self.ids))
        return q

    def order_fields(self):
        return [Meeting.on_date, Meeting.id]

    def cells(self, m: Meeting) -> list[str]:
        return [format_date(m.on_date), m.start_time, m.kind, " ".join(m.title.split()), m.place,
                m.number, m.status]


# --- export ---------------------------------------------------------------------------------
EXPORT_COLUMNS = labels.MEETING_COLUMNS
STATUS_NAMES = {"planned": "Dự kiến", "open": "Đang họp", "closed": "Đã bế mạc", "signed": "Đã ký"}


def _cell(s: str) -> str:
    """A spreadsheet never runs a cell as a formula: = + - @ at the start get a quote."""
    s = " ".join((s or "").split())
    return "'" + s if s[:1] in ("=", "+", "-", "@") else s


def export_rows(actor, year: int | None = None):
    """One row per meeting, oldest first (for CSV / Excel)."""
    users.require(actor, "meetings.view")
    q = Meeting.select().order_by(Meeting.on_date, Meeting.id)
    if year:
        q = q.where((Meeting.on_date >= _dt.date(year, 1, 1)) & (Meeting.on_date <= _dt.date(year, 12, 31)))
    for m in q:
        members = [a for a in m.attendees if a.role == "member"]
        yield [format_date(m.on_date), m.start_time, KIND_NAMES[m.kind], _cell(m.title),
               _cell(m.place), _cell(m.chair), _cell(m.recorder), m.number,
               str(sum(a.attendance == "present" for a in members)),
               str(sum(a.attendance.startswith("absent") for a in members)),
               m.opened_at.strftime("%H:%M") if m.opened_at else "",
               m.closed_at.strftime("%H:%M") if m.closed_at else "", STATUS_NAMES[m.status]]


# --- Hôm nay --------------------------------------------------------------------------------
def _panel_upcoming(actor, today: _dt.date):
    if not users.can(actor, "meetings.view"):
        return None
    ms = upcoming(today)
    lines = [f"{format_date(m.on_date)} {m.start_time} — {KIND_NAMES[m.kind]}"
             + (f": {' '.join(m.title.split())[:50]}" if m.title else "")
             + (f" ({m.place[:30]})" if m.place else "") for m in ms[:5]]
    return dashboard.Panel("Hội nghị trong tuần", len(ms), lines, area="meetings")


dashboard.register_panel(140, "meetings.upcoming", _panel_upcoming)


def _describe(refs: list[int]) -> dict[int, Found]:
    """A meeting in the global search: its minutes' number, its date, what it was."""
    return {m.id: Found("meeting", m.id, search.KINDS["meeting"].label, m.number,
                        format_date(m.on_date), full_title(m))
            for m in Meeting.select().where(Meeting.id.in_(refs))}


register_describer("meeting", _describe, "meetings.view")


# --- statistics -----------------------------------------------------------------------------
def _figures(start: _dt.date, end: _dt.date):
    from .statistics import Figure
    held = Meeting.select().where((Meeting.on_date >= start) & (Meeting.on_date <= end)
                                  & Meeting.status.in_(("open", "closed", "signed")))
    out = [Figure("Hội nghị", "Hội nghị đã tổ chức", held.count())]
    for k in KINDS:
        n = held.where(Meeting.kind == k).count()
        if n:
            out.append(Figure("Hội nghị", KIND_NAMES[k], n, level=1))
    signed = Meeting.select().where((Meeting.signed_on >= start) & (Meeting.signed_on <= end)
                                    & (Meeting.status == "signed")).count()
    out.append(Figure("Hội nghị", "Biên bản đã ký", signed))
    return out


def _register_figures() -> None:
    from . import statistics
    statistics.register_figures("meetings", _figures, order=40, permission="meetings.view")


_register_figures()


def last_typed_field(meeting) -> str | None:
    """The field typed in last (its draft saved last): where the editor reopens."""
    mid = meeting.id if hasattr(meeting, "id") else meeting
    last = (MeetingDraft.select().where(MeetingDraft.meeting == mid)
            .order_by(MeetingDraft.saved_at.desc(), MeetingDraft.id.desc()).first())
    return last.field if last else None
