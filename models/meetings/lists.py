"""Reading a meeting, the list on screen, the export, the Hôm nay panel, search hits and figures."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .. import audit, dashboard, labels, search, users
from ..registers import DataSource, Found, _search_ids, id_filter, one_line, register_describer
from ..text import format_date
from .minutes import drafts
from .records import (AMENDMENT_KINDS, AgendaItem, Amendment, Attendee, KINDS, KIND_NAMES, Meeting,
                      MeetingDocument, MeetingDraft, Speech, Vote, full_title, get_meeting)


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
    from ..text import fold
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


# --- the audit log names these records as a clerk does ----------------------------------------
def meeting_name(m: Meeting) -> str:
    """"Hội nghị Ban Thường vụ Đảng ủy 15/03/2026": its kind and its date."""
    return f"{KIND_NAMES[m.kind]} {format_date(m.on_date)}"


def _meeting_of(model, record_id: str) -> tuple:
    """(the row, its meeting's name)."""
    row = model.get_by_id(int(record_id))
    return row, meeting_name(Meeting.get_by_id(row.meeting_id))


def _describe_meeting(record_id: str) -> str:
    return meeting_name(Meeting.get_by_id(int(record_id)))


def _describe_agenda_item(record_id: str) -> str:
    i, m = _meeting_of(AgendaItem, record_id)
    return f"mục “{one_line(i.title, 40)}” — {m}"


def _describe_document(record_id: str) -> str:
    d, m = _meeting_of(MeetingDocument, record_id)
    return f"tài liệu “{one_line(d.label, 40)}” — {m}"


def _describe_attendee(record_id: str) -> str:
    a, m = _meeting_of(Attendee, record_id)
    return f"{a.name} dự {m}"


def _describe_speech(record_id: str) -> str:
    s, m = _meeting_of(Speech, record_id)
    return f"phát biểu của {s.speaker} — {m}"


def _describe_vote(record_id: str) -> str:
    v, m = _meeting_of(Vote, record_id)
    return f"biểu quyết “{one_line(v.matter, 40)}” — {m}"


def _describe_amendment(record_id: str) -> str:
    a, m = _meeting_of(Amendment, record_id)
    return f"{AMENDMENT_KINDS.get(a.kind, a.kind).lower()} biên bản — {m}"


def _describe_draft(record_id: str) -> str:
    _, m = _meeting_of(MeetingDraft, record_id)
    return f"bản nháp biên bản — {m}"


for _table, _fn in (("meeting", _describe_meeting), ("meeting_agenda_item", _describe_agenda_item),
                    ("meeting_document", _describe_document), ("meeting_attendee", _describe_attendee),
                    ("meeting_speech", _describe_speech), ("meeting_vote", _describe_vote),
                    ("meeting_amendment", _describe_amendment), ("meeting_draft", _describe_draft)):
    audit.register_describer(_table, _fn)


# --- statistics -----------------------------------------------------------------------------
def _figures(start: _dt.date, end: _dt.date):
    from ..statistics import Figure
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
    from .. import statistics
    statistics.register_figures("meetings", _figures, order=40, permission="meetings.view")


_register_figures()
