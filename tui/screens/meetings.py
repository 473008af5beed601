"""Hội nghị, biên bản: the committee's meetings, newest first (F7/N a new one, Enter opens).

A meeting's screen shows its plan and the minutes so far, with one key per step of the
meeting: K opens it (the time is recorded), D takes attendance, G/F7 takes the minutes (the
editor saves every keystroke as it is typed), B records a vote, E closes it (the minutes take
their BB number), S marks them signed (locked), I/F6 prints them, P adds a phụ lục / đính
chính after signing, L files them into a dossier.
"""
from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from models import meetings
from models.text import format_date, nfc

from .. import strings as S
from ..widgets.dialogs import FormDialog
from ..widgets.fields import (CycleField, DateField, IntField, RequiredText, TextField,
                              TimeField, clean_fields)
from .base import AreaScreen
from .parts.columns import ColSpec
from .parts.detail import DetailScreen, kv, section
from .parts.dialogs import ReasonDialog
from .parts.listing import RegisterListScreen


MEETING_COLUMNS = [ColSpec(0, S.COL_DATE, 10),
                   ColSpec(1, S.COL_MEETING_TIME, 5, optional=True),
                   ColSpec(2, S.COL_MEETING_KIND, 13), ColSpec(3, S.COL_MEETING_TITLE, 0),
                   ColSpec(4, S.COL_MEETING_PLACE, 14, optional=True),
                   ColSpec(5, S.COL_MINUTES_NO, 11), ColSpec(6, S.COL_MEETING_STATUS, 10)]


def decorate_meeting(cells: list) -> list:
    """The source hands keys (kind, status); the words are chosen here."""
    cells = list(cells)
    cells[2] = S.MEETING_KINDS.get(cells[2], cells[2])
    cells[6] = S.MEETING_STATUS.get(cells[6], cells[6])
    return cells


class MeetingScreen(RegisterListScreen):
    TITLE_VI = S.AREA_MEETINGS
    HINT = S.MEETINGS_HINT
    SOURCE = meetings.MeetingSource
    COLUMNS = MEETING_COLUMNS
    TAKES_TODAY = False
    BINDINGS = [Binding("f7,n", "new", S.KEY_NEW, key_display="F7")]

    def decorate(self, cells: list) -> list:
        return decorate_meeting(cells)

    def open_record(self, key) -> None:
        open_meeting(self.app, int(key[-1]))

    def action_new(self) -> None:
        def done(m) -> None:
            if m is not None:
                self.app.push_screen(MeetingDetail(m.id))
        self.app.push_screen(MeetingDialog(self.app.today()), done)


def open_meeting(app, ref: int) -> None:
    meetings.get_meeting(ref)
    app.push_screen(MeetingDetail(ref))


_PERSON = re.compile(r"^(.*?)\s*(?:\((.*)\))?$")


def parse_people(text: str) -> list[tuple[str, str]]:
    """"Phạm Văn Đức (Bí thư); Lê Văn Hùng" → [("Phạm Văn Đức", "Bí thư"), ("Lê Văn Hùng", "")]."""
    out = []
    for part in nfc(text).split(";"):
        part = part.strip()
        if not part:
            continue
        m = _PERSON.match(part)
        out.append((m.group(1).strip(), (m.group(2) or "").strip()))
    return out


class MeetingDialog(FormDialog):
    """A new meeting (kind, date and time, place, chair, recorder, agenda, members, guests), or
    the plan of one corrected (``meeting``), with agenda items and people added."""

    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, today, meeting=None):
        super().__init__(S.MEETING_EDIT_TITLE.format(date=format_date(meeting.on_date)) if meeting
                         else S.MEETING_NEW_TITLE)
        self.today, self.meeting = today, meeting

    def compose_body(self) -> ComposeResult:
        m = self.meeting
        yield CycleField(S.FIELD_MEETING_KIND, "kind", S.MEETING_KIND_OPTIONS, value=m.kind if m else None)
        yield DateField(S.FIELD_MEETING_DATE, "on_date", value=m.on_date if m else self.today)
        yield TimeField(S.FIELD_MEETING_TIME, "start_time", value=(m.start_time if m else "") or "08:00")
        yield TextField(S.FIELD_MEETING_TITLE, "title", value=m.title if m else "")
        yield TextField(S.FIELD_MEETING_PLACE, "place", value=m.place if m else "")
        yield TextField(S.FIELD_CHAIR, "chair", value=m.chair if m else "")
        yield TextField(S.FIELD_CHAIR_POSITION, "chair_position", value=m.chair_position if m else "")
        yield TextField(S.FIELD_RECORDER, "recorder",
                        value=m.recorder if m else getattr(self.app.actor, "full_name", ""))
        yield TextField(S.FIELD_RECORDER_POSITION, "recorder_position",
                        value=m.recorder_position if m else "")
        yield TextField(S.FIELD_AGENDA_MORE if m else S.FIELD_AGENDA, "agenda",
                        placeholder=S.FIELD_AGENDA_PH)
        yield TextField(S.FIELD_MEMBERS_MORE if m else S.FIELD_MEMBERS, "members",
                        placeholder=S.FIELD_MEMBERS_PH)
        yield TextField(S.FIELD_GUESTS_MORE if m else S.FIELD_GUESTS, "guests",
                        placeholder=S.FIELD_MEMBERS_PH)
        yield TextField(S.FIELD_DOCUMENTS_MORE if m else S.FIELD_DOCUMENTS, "documents",
                        placeholder=S.FIELD_DOCUMENTS_PH)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        actor = self.app.actor
        agenda = [a.strip() for a in nfc(v["agenda"]).split(";") if a.strip()]
        docs = [d.strip() for d in nfc(v["documents"]).split(";") if d.strip()]
        plan = dict(start_time=v["start_time"].strftime("%H:%M"), title=v["title"], place=v["place"],
                    chair=v["chair"], chair_position=v["chair_position"], recorder=v["recorder"],
                    recorder_position=v["recorder_position"])
        if self.meeting is None:
            m = meetings.plan_meeting(actor, v["kind"], v["on_date"], agenda=agenda,
                                      members=parse_people(v["members"]),
                                      guests=parse_people(v["guests"]), documents=docs, **plan)
            self.app.notify(S.MEETING_CREATED.format(date=format_date(m.on_date)))
            return m
        m = meetings.update_meeting(actor, self.meeting.id, kind=v["kind"], on_date=v["on_date"], **plan)
        for a in agenda:
            meetings.add_agenda_item(actor, m.id, a)
        for name, title in parse_people(v["members"]):
            meetings.add_attendee(actor, m.id, name, title)
        for name, title in parse_people(v["guests"]):
            meetings.add_attendee(actor, m.id, name, title, role="guest")
        for d in docs:
            meetings.add_document(actor, m.id, d)
        self.app.notify(S.MEETING_SAVED)
        return m


class MeetingDetail(DetailScreen):
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("g,f7", "take_minutes", S.KEY_TAKE_MINUTES, key_display="G"),
                Binding("f5,c", "edit", S.KEY_EDIT, key_display="F5", show=False),
                Binding("k", "open_meeting", S.KEY_OPEN_MEETING, key_display="K"),
                Binding("d", "attendance", S.KEY_ATTENDANCE, key_display="D"),
                Binding("b", "vote", S.KEY_VOTE, key_display="B"),
                Binding("e", "close_meeting", S.KEY_CLOSE_MEETING, key_display="E"),
                Binding("s", "sign", S.KEY_SIGN, key_display="S"),
                Binding("i,f6", "print", S.KEY_PRINT_MINUTES, key_display="I"),
                Binding("p", "amend", S.KEY_AMEND, key_display="P", show=False),
                Binding("l", "file", S.KEY_FILE, key_display="L", show=False)]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id

    def load(self) -> None:
        self.view = meetings.meeting_view(self.app.actor, self.meeting_id)
        m = self.view.meeting
        self.set_title(S.MEETING_DETAIL_TITLE.format(date=format_date(m.on_date),
                                                     kind=S.MEETING_KINDS[m.kind]))

    def render_body(self) -> Text:
        v = self.view
        m = v.meeting
        t = Text()
        t.append(meetings.full_title(m) + "\n",
                 style="bold")
        kv(t, S.COL_MINUTES_NO, m.number or S.MEETING_NO_NUMBER)
        kv(t, S.COL_MEETING_STATUS, S.MEETING_STATUS[m.status])
        kv(t, S.FIELD_MEETING_DATE, f"{format_date(m.on_date)} {m.start_time}".strip())
        kv(t, S.FIELD_MEETING_PLACE, m.place or "—")
        kv(t, S.FIELD_CHAIR, ", ".join(x for x in (m.chair, m.chair_position) if x) or "—")
        kv(t, S.FIELD_RECORDER, ", ".join(x for x in (m.recorder, m.recorder_position) if x) or "—")
        if m.opened_at:
            kv(t, S.MEETING_OPENED_AT, m.opened_at.strftime("%H:%M"))
        if m.closed_at:
            kv(t, S.MEETING_CLOSED_AT, m.closed_at.strftime("%H:%M"))
        section(t, S.MEETING_ATTENDANCE.format(present=len(v.present), total=len(v.members)))
        for a in v.members:
            t.append(f"  {a.name}" + (f" ({a.title})" if a.title else "")
                     + f" — {S.ATTENDANCE_WORDS[a.attendance]}"
                     + (f": {a.reason}" if a.reason else "") + "\n")
        if v.guests:
            section(t, S.MEETING_GUESTS)
            for a in v.guests:
                t.append(f"  {a.name}" + (f" ({a.title})" if a.title else "") + "\n")
        if v.documents:
            section(t, S.MEETING_DOCUMENTS)
            for d in v.documents:
                t.append(f"  {d.label}\n")
        section(t, S.MEETING_AGENDA)
        for it in v.agenda:
            t.append(f"{it.position}. {it.title}\n", style="bold")
            for s in (s for s in v.speeches if s.item_id == it.id):
                t.append(f"  {s.position}. {s.speaker}: ", style="italic")
                t.append(" ".join(v.speech_text(s).split())[:300] + "\n")
            c = v.conclusion(it)
            t.append(f"  {S.MEETING_CONCLUSION}: ", style="bold")
            t.append((" ".join(c.split())[:300] or S.MEETING_NO_CONCLUSION) + "\n")
        loose = [s for s in v.speeches if s.item_id is None]
        for s in loose:
            t.append(f"  {s.position}. {s.speaker}: ", style="italic")
            t.append(" ".join(v.speech_text(s).split())[:300] + "\n")
        if v.votes:
            section(t, S.MEETING_VOTES)
            for vote in v.votes:
                t.append("  " + S.MEETING_VOTE_LINE.format(matter=" ".join(vote.matter.split())[:100],
                                                           yes=vote.yes, no=vote.no,
                                                           abstain=vote.abstain) + "\n")
        if v.amendments:
            section(t, S.MEETING_AMENDMENTS)
            for a in v.amendments:
                t.append(f"  {S.MEETING_AMENDMENT_KINDS[a.kind]} {format_date(a.created_at)}: "
                         + " ".join(a.text.split())[:200] + "\n")
        return t

    def hint(self) -> str:
        return S.MEETING_DETAIL_HINT

    # --- keys -------------------------------------------------------------------------------
    def action_take_minutes(self) -> None:
        from .minutes_editor import MinutesEditor
        meetings.get_meeting(self.meeting_id)
        self.app.push_screen(MinutesEditor(self.meeting_id))

    def action_edit(self) -> None:
        self.app.push_screen(MeetingDialog(self.app.today(), self.view.meeting), self.after)

    def action_open_meeting(self) -> None:
        now = self.app.now()

        def do() -> None:
            meetings.open_meeting(self.app.actor, self.meeting_id, now)
            self.refresh_detail()
        self.app.confirm(S.OPEN_MEETING_Q.format(time=now.strftime("%H:%M")), do)

    def action_attendance(self) -> None:
        self.app.push_screen(AttendanceScreen(self.meeting_id))

    def action_vote(self) -> None:
        self.app.push_screen(VoteDialog(self.view), self.after)

    def action_close_meeting(self) -> None:
        now = self.app.now()

        def do() -> None:
            m = meetings.close_meeting(self.app.actor, self.meeting_id, now)
            self.refresh_detail()
            self.app.notify(S.MEETING_CLOSED_MSG.format(number=m.number))
        self.app.confirm(S.CLOSE_MEETING_Q.format(time=now.strftime("%H:%M")), do)

    def action_sign(self) -> None:
        def do() -> None:
            m = meetings.sign_minutes(self.app.actor, self.meeting_id, self.app.today())
            self.refresh_detail()
            self.app.notify(S.MEETING_SIGNED_MSG.format(number=m.number))
        self.app.confirm(S.SIGN_Q.format(number=self.view.meeting.number), do)

    def action_print(self) -> None:
        print_minutes(self.app, self.meeting_id)

    def action_amend(self) -> None:
        self.app.push_screen(AmendDialog(self.view.meeting), self.after)

    def action_file(self) -> None:
        self.app.push_screen(FileDialog(self.view.meeting), self.after)


# --- attendance -----------------------------------------------------------------------------
class AttendanceScreen(AreaScreen):
    """The members one per line: C present, V absent with a reason (asked), K absent without."""

    AUTO_FOCUS = "#attendance"
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("c", "mark('present')", S.KEY_PRESENT, key_display="C"),
                Binding("v", "mark('absent_excused')", S.KEY_ABSENT_EXCUSED, key_display="V"),
                Binding("k", "mark('absent_unexcused')", S.KEY_ABSENT_UNEXCUSED, key_display="K")]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id
        self.people: list = []

    def compose_body(self) -> ComposeResult:
        yield OptionList(id="attendance", markup=False)
        yield Static(S.ATTENDANCE_HINT, classes="hint", markup=False)

    def on_mount(self) -> None:
        self.app.run_guarded(self.load)

    def load(self, keep: int | None = None) -> None:
        v = meetings.meeting_view(self.app.actor, self.meeting_id)
        self.people = v.members + v.guests
        self.set_title(S.ATTENDANCE_TITLE.format(n=len(v.members)))
        ol = self.query_one("#attendance", OptionList)
        ol.clear_options()
        marks = {"present": "[x]", "invited": "[ ]", "absent_excused": "[v]", "absent_unexcused": "[k]"}
        ol.add_options([Option(S.ATTENDANCE_LINE.format(
            mark=marks[a.attendance], name=a.name, title=f" ({a.title})" if a.title else "",
            state=S.ATTENDANCE_WORDS[a.attendance] + (f": {a.reason}" if a.reason else "")),
            id=str(i)) for i, a in enumerate(self.people)])
        if self.people:
            ol.highlighted = min(keep or 0, len(self.people) - 1)

    def action_mark(self, attendance: str) -> None:
        ol = self.query_one("#attendance", OptionList)
        if not self.people or ol.highlighted is None:
            return
        i = ol.highlighted
        a = self.people[i]

        def mark(reason: str = "") -> None:
            meetings.mark_attendance(self.app.actor, a.id, attendance, reason)
            self.load(i + 1)                      # on to the next person

        if attendance == "absent_excused":
            self.app.push_screen(ReasonDialog(S.ATTENDANCE_REASON_TITLE.format(name=a.name),
                                              S.ATTENDANCE_REASON_Q),
                                 lambda r: r is not None and self.app.run_guarded(mark, nfc(r)))
            return
        self.app.run_guarded(mark)


# --- dialogs --------------------------------------------------------------------------------
class VoteDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, view):
        self.view = view
        super().__init__(S.VOTE_TITLE.format(present=len(view.present)))

    def compose_body(self) -> ComposeResult:
        yield RequiredText(S.FIELD_VOTE_MATTER, "matter", max_len=2000)
        items = [(S.VOTE_NO_ITEM, None)] + [(f"{i.position}. {i.title[:40]}", i.id)
                                            for i in self.view.agenda]
        yield CycleField(S.FIELD_VOTE_ITEM, "item", items)
        yield IntField(S.FIELD_VOTE_YES, "yes", value=len(self.view.present), minimum=0)
        yield IntField(S.FIELD_VOTE_NO, "no", value=0, minimum=0)
        yield IntField(S.FIELD_VOTE_ABSTAIN, "abstain", value=0, minimum=0)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        return meetings.record_vote(self.app.actor, self.view.meeting.id, v["matter"], v["yes"] or 0,
                                    v["no"] or 0, v["abstain"] or 0, item=v["item"])


class AmendDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, meeting):
        self.meeting = meeting
        super().__init__(S.AMEND_TITLE.format(number=meeting.number))

    def compose_body(self) -> ComposeResult:
        yield CycleField(S.FIELD_AMEND_KIND, "kind", [(w, k) for k, w in S.MEETING_AMENDMENT_KINDS.items()])
        yield RequiredText(S.FIELD_AMEND_TEXT, "text", max_len=20000)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        a = meetings.add_amendment(self.app.actor, self.meeting.id, v["kind"], v["text"])
        self.app.notify(S.AMEND_SAVED.format(kind=S.MEETING_AMENDMENT_KINDS[a.kind].lower(),
                                             number=self.meeting.number))
        return a


class FileDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, meeting):
        self.meeting = meeting
        super().__init__(S.FILE_MINUTES_TITLE.format(number=meeting.number))

    def compose_body(self) -> ComposeResult:
        yield RequiredText(S.FIELD_DOSSIER, "code", max_len=40)

    def save(self):
        from models import dossiers
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        d = dossiers.dossier_by_code(v["code"])
        item = meetings.file_minutes(self.app.actor, self.meeting.id, d)
        self.app.notify(S.MINUTES_FILED.format(number=self.meeting.number, code=d.code))
        return item


# --- printing -------------------------------------------------------------------------------
def print_minutes(app, meeting_id: int) -> None:
    """Read the minutes here, render, save and send to the printer in a thread; say the result."""
    from models import office
    from tui.commands.meetings import minutes_file_name
    view = meetings.meeting_view(app.actor, meeting_id)
    o = office.get_office()
    command = str(office.get_setting("print.command") or "")
    number = view.meeting.number or S.MINUTES_DRAFT_NUMBER
    app.notify(S.MINUTES_PRINT_WORKING.format(number=number))
    path = app.home.printouts / minutes_file_name(number)

    def work() -> None:
        from printouts.minutes import minutes

        from ..printing import save_pdf, send_to_printer
        try:
            save_pdf(path, minutes(view, o))
        except OSError as e:
            app.call_from_thread(app.show_error, S.PRINT_FAILED.format(detail=e.strerror or e))
            return
        sent, problem = send_to_printer(command, path)
        msg = (S.MINUTES_PRINT_SENT.format(number=number, path=path) if sent
               else S.MINUTES_PRINT_SAVED.format(number=number, path=path, problem=problem))
        app.call_from_thread(app.show_message, msg, S.MINUTES_PRINT_TITLE)
    app.run_worker(work, thread=True, group="print")
