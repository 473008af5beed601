"""Sổ tiếp khách, tiếp đảng viên và nhân dân: the reception book, and the head's reception days.

The book opens at the newest visits; `/` searches (accents ignored), F5/B filters (year, state,
category, still open), F7/N receives a visitor, Enter opens the visit, F6/I prints the reception
report of a period, L opens the reception days.

Receiving a visitor who came before takes a few keys: type a few letters of the name and Enter,
choose the person in the list; name, address, category (and the ID number, for those who may
see it) are filled in and the cursor goes to the content.

The detail shows the visit and every step of its follow-up; from there: F5/C forwards, F6/T
moves it on, K closes it with the result, F7/S corrects it, V and R link the incoming petition
and the outgoing answer, E exports the person's visits for them, A anonymises them.

Why one file (over 600 lines): the book, its form, its detail and the reception days share the
state words and colours and the list export; the reception days (the last screen here) move to a
module of their own first when this grows.
"""
from __future__ import annotations

import datetime as _dt
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, Static

from models import reception as R
from models import users
from models.errors import ValidationError
from models.text import fold, format_date, format_datetime, nfc

from .. import strings as S
from ..widgets.contact_field import ContactField
from ..widgets.dialogs import FormDialog
from ..widgets.fields import (CycleField, DateField, Field, IntField, RequiredText, TextField,
                              TimeField, clean_fields)
from ..widgets.picker import PickerDialog
from .parts.columns import ColSpec
from .parts.detail import DetailScreen, kv, section
from .parts.dialogs import ReasonDialog
from .parts.filters import FilterSpec
from .parts.forms import FormScreen
from .parts.listing import RegisterListScreen

STATE_STYLE = {"open": "bold yellow", "in_progress": "cyan", "waiting": "magenta", "closed": "green"}
DAY_STYLE = {"scheduled": "", "held": "green", "cancelled": "bright_black"}


def _styled(value: str, style: str) -> Text:
    return Text(value, style=style, no_wrap=True, overflow="ellipsis")


def state_cell(state: str) -> Text:
    return _styled(S.RECEPTION_STATES[state], STATE_STYLE.get(state, ""))


# --- the book ----------------------------------------------------------------------------------
RECEPTION_COLUMNS = [
    ColSpec(0, S.COL_RECEPTION_NO, 8, "right"),
    # the day, always: a book without its dates could not be read at 80 columns (the time is
    # in the case itself)
    ColSpec(1, S.COL_RECEPTION_AT, 10),
    ColSpec(2, S.COL_VISITOR, 16),
    ColSpec(3, S.COL_CATEGORY, 9, optional=True),
    ColSpec(4, S.COL_CONTENT, 0),
    ColSpec(5, S.COL_ACTION, 10, optional=True),
    ColSpec(6, S.COL_CASE_STATE, 15),
]


def _state_options():
    return ([(S.FILTER_ALL, None), (S.RECEPTION_OPEN_FILTER, list(R.OPEN_STATES))]
            + [(S.RECEPTION_STATES[k], k) for k in R.STATES])


def _category_options():
    return [(S.FILTER_ALL, None)] + [(S.RECEPTION_CATEGORIES[k], k) for k in R.CATEGORIES]


RECEPTION_FILTERS = [
    FilterSpec("year", S.FIELD_YEAR, "year"),
    FilterSpec("state", S.FIELD_STATUS, "choice", _state_options),
    FilterSpec("category", S.FIELD_VISITOR_CATEGORY, "choice", _category_options),
]


class ReceptionScreen(RegisterListScreen):
    TITLE_VI = S.AREA_RECEPTION
    HINT = S.RECEPTION_HINT
    SOURCE = R.ReceptionSource
    COLUMNS = RECEPTION_COLUMNS
    FILTERS = RECEPTION_FILTERS
    BINDINGS = [Binding("f7,n", "new", S.KEY_RECEIVE, key_display="F7"),
                Binding("f6,i", "report", S.KEY_REPORT, key_display="F6",
                        tooltip=S.TIP_RECEPTION_REPORT),
                Binding("l", "days", S.KEY_RECEPTION_DAYS, key_display="L", show=False,
                        tooltip=S.TIP_RECEPTION_DAYS),
                Binding("x", "export_list", S.KEY_EXPORT, key_display="X", show=False)]
    HELP_EXTRA = S.HELP_RECEPTION

    def decorate(self, cells: list) -> list:
        cells[1] = cells[1][:10]                    # dd/mm/yyyy of "dd/mm/yyyy hh:mm"
        cells[3] = S.RECEPTION_CATEGORIES[cells[3]]
        cells[5] = S.RECEPTION_ACTIONS[cells[5]]
        cells[6] = state_cell(cells[6])
        return cells

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "new":
            return users.can(self.app.actor, "reception.edit")
        return super().check_action(action, parameters)

    def open_record(self, key) -> None:
        self.app.push_screen(ReceptionDetail(int(key[-1])))

    def action_new(self) -> None:
        self.app.push_screen(ReceptionForm())

    def action_report(self) -> None:
        print_report(self.app)

    def action_days(self) -> None:
        self.app.push_screen(ReceptionDaysScreen())

    def action_export_list(self) -> None:
        export_list(self.app, S.EXPORT_RECEPTION_TITLE, "so-tiep-khach", R.export_book)


class ListExportDialog(FormDialog):
    """Export a list as CSV or Excel: format, year, file; dismisses with (rows, path)."""

    AUTO_FOCUS = ".dialog-form .field-input"
    SAVE_LABEL = S.DIALOG_EXPORT

    def __init__(self, title: str, stem: str, write, today: _dt.date):
        super().__init__(title)
        self.stem, self.write, self.today = stem, write, today

    def compose_body(self) -> ComposeResult:
        yield CycleField(S.FIELD_FORMAT, "fmt", [("CSV (UTF-8)", "csv"), ("Excel (xlsx)", "xlsx")])
        yield IntField(S.FIELD_YEAR, "year", value=self.today.year, minimum=1945, maximum=2100,
                       required=False, placeholder=S.FILTER_YEAR_PH)
        yield TextField(S.FIELD_EXPORT_PATH, "out", placeholder=S.EXPORT_PATH_PH)

    def save(self):
        from pathlib import Path
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        path = (Path(v["out"]).expanduser() if v["out"] else
                self.app.home.path / "exports" / f"{self.stem}-{v['year'] or 'tat-ca'}.{v['fmt']}")
        if not path.suffix:
            path = path.with_suffix("." + v["fmt"])
        try:
            n = self.write(self.app.actor, v["fmt"], path, year=v["year"])
        except OSError as e:
            raise ValidationError(S.EXPORT_FAILED.format(path=path, detail=e.strerror or e), "out") from None
        return n, path


def export_list(app, title: str, stem: str, write) -> None:
    """X: the export dialog, then where the file went."""
    def done(result) -> None:
        if result is not None:
            n, path = result
            app.show_message(S.EXPORT_DONE.format(n=n, path=path), S.EXPORT_DONE_TITLE)
    app.push_screen(ListExportDialog(title, stem, write, app.today()), done)


def open_reception(app, ref: int) -> None:
    users.require(app.actor, "reception.view")
    R.get(ref)
    app.push_screen(ReceptionDetail(ref))


# --- type-ahead over people seen before ----------------------------------------------------------
def visitor_line(v: R.Visitor) -> str:
    cat = S.RECEPTION_CATEGORIES[v.category]
    return S.VISITOR_LINE.format(name=v.name, address=v.address or "—", category=cat,
                                 visits=v.visits, last=format_date(v.last))


class VisitorField(Field):
    """The visitor's name. As it is typed, people seen before show under it (accents and case
    ignored); Enter (or ↓) on a name that matches someone opens the list to choose them, and
    the form fills in what it knows. A new name goes on to the next field."""

    BINDINGS = [Binding("down", "pick", S.KEY_PICK_VISITOR, key_display="↓", show=False)]

    class Picked(Message):
        def __init__(self, field: "VisitorField", visitor: R.Visitor):
            super().__init__()
            self.field = field
            self.visitor = visitor

        @property
        def control(self) -> "VisitorField":
            return self.field

    def __init__(self, label: str, field: str, **kw):
        kw.setdefault("placeholder", S.VISITOR_PLACEHOLDER)
        super().__init__(label, field, **kw)
        self.chosen: str | None = None           # fold(name) of the person taken from the list

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("", classes="field-matches", markup=False)

    def parse(self, text: str) -> str:
        return nfc(text)

    def _found(self, text: str, limit: int = 8) -> list[R.Visitor]:
        return R.find_visitors(self.app.actor, text, limit) if nfc(text) else []

    def on_input_changed(self, event: Input.Changed) -> None:
        line = self.query_one(".field-matches", Static)
        text = nfc(self.value)
        if not text or not self.input.has_focus or fold(text) == self.chosen:
            line.update("")
            self.remove_class("-matches")
            return
        found = self._found(text, 4)
        line.update(S.VISITOR_MATCHES.format(names=" · ".join(v.name for v in found[:3])
                                             + (" …" if len(found) > 3 else ""))
                    if found else S.VISITOR_NEW)
        self.add_class("-matches")

    def on_descendant_blur(self, event) -> None:
        self.query_one(".field-matches", Static).update("")
        self.remove_class("-matches")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()
        text = nfc(self.value)
        if text and fold(text) != self.chosen and self._found(text, 1):
            self.action_pick()
            return
        if self.is_valid():
            self.post_message(self.Submitted(self))

    def action_pick(self) -> None:
        text = nfc(self.value)
        found: dict[int, R.Visitor] = {}

        def lookup(t: str):
            found.clear()
            out = []
            for i, v in enumerate(self._found(t, 20)):
                found[i] = v
                out.append((("v", i), visitor_line(v)))
            return out

        def extras(t: str):
            t = nfc(t)
            return [(("new", t), S.VISITOR_NEW_LINE.format(name=t))] if t else []

        def chosen(result) -> None:
            if result is None:
                self.focus()
                return
            what, arg = result
            if what == "v":
                v = found[arg]
                self.value = v.name
                self.chosen = fold(v.name)
                self.dirty = True
                self.post_message(self.Picked(self, v))
            else:
                self.value = arg
                self.chosen = fold(arg)
                self.post_message(self.Submitted(self))
        self.app.push_screen(PickerDialog(S.PICK_VISITOR_TITLE, lookup, text=text, extras=extras),
                             chosen)


# --- the entry form ------------------------------------------------------------------------------
class ReceptionForm(FormScreen):
    """Receive a visitor (``rec`` None) or correct a visit."""

    def __init__(self, rec: R.Reception | None = None):
        super().__init__()
        self.rec = rec
        self.TITLE_VI = (S.RECEPTION_NEW_TITLE if rec is None
                         else S.RECEPTION_EDIT_TITLE.format(no=rec.label))

    @property
    def show_ids(self) -> bool:
        return users.can(self.app.actor, "reception.view_ids")

    def compose_form(self) -> ComposeResult:
        r = self.rec
        at = r.visited_at if r else self.app.now()
        if r is None:
            yield DateField(S.FIELD_RECEPTION_DATE, "visited_on", value=at.date())
            yield TimeField(S.FIELD_RECEPTION_TIME, "visited_time", value=at.time())
        yield VisitorField(S.FIELD_VISITOR, "name", value=r.name if r else "")
        yield TextField(S.FIELD_ADDRESS, "address", value=r.address if r else "")
        if self.show_ids:
            yield TextField(S.FIELD_ID_NUMBER, "id_number", value=r.id_number if r else "",
                            placeholder=S.FIELD_ID_NUMBER_PH)
        yield CycleField(S.FIELD_VISITOR_CATEGORY, "category",
                         [(S.RECEPTION_CATEGORIES[k], k) for k in R.CATEGORIES],
                         value=r.category if r else "citizen")
        yield IntField(S.FIELD_PEOPLE, "people", value=r.people if r else 1, minimum=1, maximum=500)
        yield RequiredText(S.FIELD_CONTENT, "content", value=r.content if r else "", max_len=4000)
        yield TextField(S.FIELD_HANDLED_BEFORE, "handled_before", value=r.handled_before if r else "",
                        placeholder=S.FIELD_HANDLED_BEFORE_PH)
        yield CycleField(S.FIELD_RECEPTION_ACTION, "action",
                         [(S.RECEPTION_ACTIONS[k], k) for k in R.ACTIONS],
                         value=r.action if r else "accept")
        yield ContactField(S.FIELD_FORWARD_TO, "forward_to", value=r.forward_to if r else "",
                           strict=False, placeholder=S.FIELD_FORWARD_TO_PH)
        yield TextField(S.FIELD_RECEIVED_BY_PERSON, "received_by",
                        value=r.received_by if r else getattr(self.app.actor, "full_name", ""))

    def on_mount(self, event) -> None:
        # date and time are now: start at the name, at once (a key typed right after F7 must
        # land there), and not FormScreen's first field
        if self.rec is None:
            event.prevent_default()
            self.set_focus(self.field("name").control)
        self.update_info()

    def field_done(self, field) -> None:
        if field.field in ("visited_on", "visited_time"):
            self.update_info()

    def update_info(self) -> None:
        info = self.query_one("#form-info", Static)
        if self.rec is not None:
            info.update(S.RECEPTION_NUMBER_KEPT.format(no=self.rec.label))
            return
        try:
            day = self.field("visited_on").parse(self.field("visited_on").value)
        except ValidationError:
            return
        info.update(S.RECEPTION_NEXT_NUMBER.format(no=f"{R.next_number(day.year)}/{day.year}"))

    def on_visitor_field_picked(self, event: VisitorField.Picked) -> None:
        event.stop()
        v = event.visitor
        self.field("address").value = v.address
        self.field("category").value = v.category
        if self.show_ids and v.id_number is not None:
            self.field("id_number").value = v.id_number
        self.query_one("#form-info", Static).update(
            S.VISITOR_FILLED.format(name=v.name, visits=v.visits, last=format_date(v.last)))
        c = self.field("content")
        self.screen.set_focus(c.control)

    def save(self) -> None:
        v = clean_fields(self.form)
        if v is None:
            return
        actor = self.app.actor
        if self.rec is None:
            at = _dt.datetime.combine(v.pop("visited_on"), v.pop("visited_time"))
            r = R.receive(actor, visited_at=at, **v)
            self.app.go_back()
            self.app.show_message(S.RECEPTION_SAVED.format(no=r.label, name=r.name),
                                  S.RECEPTION_SAVED_TITLE)
            return
        changes = {k: new for k, new in v.items() if (getattr(self.rec, k) or "") != (new or "")}
        if not changes:
            self.app.notify(S.NOTHING_CHANGED)
            self.app.go_back()
            return
        R.update(actor, self.rec.id, **changes)
        self.app.notify(S.RECEPTION_CORRECTED.format(no=self.rec.label))
        self.app.go_back()


# --- the detail and its follow-up ------------------------------------------------------------------
class ForwardDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form Input"
    SAVE_LABEL = S.DIALOG_FORWARD

    def __init__(self, rec: R.Reception):
        super().__init__(S.FORWARD_TITLE.format(no=rec.label))
        self.rec = rec

    def compose_body(self) -> ComposeResult:
        yield ContactField(S.FIELD_FORWARD_TO, "forward_to", value=self.rec.forward_to, strict=False,
                           required=True)
        yield TextField(S.FIELD_STEP_NOTE, "note", placeholder=S.FIELD_STEP_NOTE_PH)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        r = R.forward(self.app.actor, self.rec.id, v["forward_to"], v["note"], at=self.app.now())
        self.app.notify(S.FORWARDED.format(no=r.label, to=r.forward_to))
        return r


class StateDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, rec: R.Reception):
        super().__init__(S.RECEPTION_STATE_TITLE.format(no=rec.label,
                                                        state=S.RECEPTION_STATES[rec.state]))
        self.rec = rec

    def compose_body(self) -> ComposeResult:
        options = [(S.RECEPTION_STATES[k], k) for k in R.STATES
                   if k in R.TRANSITIONS[self.rec.state] and k != "closed"]
        yield CycleField(S.FIELD_NEW_STATUS, "state", options)
        yield TextField(S.FIELD_STEP_NOTE, "note", placeholder=S.FIELD_STEP_NOTE_PH)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        r = R.set_state(self.app.actor, self.rec.id, v["state"], v["note"], at=self.app.now())
        self.app.notify(S.RECEPTION_STATE_DONE.format(no=r.label, state=S.RECEPTION_STATES[r.state]))
        return r


class CloseDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"
    SAVE_LABEL = S.DIALOG_CLOSE_CASE

    def __init__(self, rec: R.Reception, today: _dt.date):
        super().__init__(S.CLOSE_CASE_TITLE.format(no=rec.label))
        self.rec, self.today = rec, today

    def compose_body(self) -> ComposeResult:
        default = "explained" if self.rec.action == "guide" else "resolved"
        yield CycleField(S.FIELD_RESULT_CODE, "result_code",
                         [(S.RECEPTION_RESULTS[k], k) for k in R.RESULTS], value=default)
        yield RequiredText(S.FIELD_RESULT, "result", max_len=2000)
        yield DateField(S.FIELD_CLOSED_ON, "closed_on", value=self.today)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        r = R.close(self.app.actor, self.rec.id, v["result_code"], v["result"],
                    closed_on=v["closed_on"])
        self.app.notify(S.CASE_CLOSED.format(no=r.label))
        return r


class PersonExportDialog(FormDialog):
    """Export one person's visits for them: format, file, the reason (logged)."""

    AUTO_FOCUS = ".dialog-form .field-input"
    SAVE_LABEL = S.DIALOG_EXPORT

    def __init__(self, records: list[R.Reception]):
        super().__init__(S.PERSON_EXPORT_TITLE.format(name=records[0].name, n=len(records)))
        self.records = records

    def compose_body(self) -> ComposeResult:
        yield CycleField(S.FIELD_FORMAT, "fmt", [("CSV (UTF-8)", "csv"), ("Excel (xlsx)", "xlsx")])
        yield TextField(S.FIELD_EXPORT_PATH, "out", placeholder=S.EXPORT_PATH_PH)
        yield RequiredText(S.FIELD_REASON, "reason", max_len=500)

    def save(self):
        from pathlib import Path
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        out = Path(v["out"]).expanduser() if v["out"] else (
            self.app.home.path / "exports" / f"tiep-dan-{self.records[0].id}.{v['fmt']}")
        if not out.suffix:
            out = out.with_suffix("." + v["fmt"])
        try:
            n = R.export_person(self.app.actor, self.records, out, v["fmt"], v["reason"])
        except OSError as e:
            raise ValidationError(S.EXPORT_FAILED.format(path=out, detail=e.strerror or e), "out") from None
        return n, out


class ReceptionDetail(DetailScreen):
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("f5,c", "forward", S.KEY_TRANSFER, key_display="F5"),
                Binding("f6,t", "state", S.KEY_STATUS, key_display="F6"),
                Binding("k", "close_case", S.KEY_CLOSE_CASE, key_display="K"),
                Binding("f7,s", "edit", S.KEY_EDIT, key_display="F7"),
                Binding("v", "link_incoming", S.KEY_LINK_INCOMING, key_display="V", show=False),
                Binding("r", "link_outgoing", S.KEY_LINK_OUTGOING, key_display="R", show=False),
                Binding("e", "export_person", S.KEY_EXPORT_PERSON, key_display="E", show=False),
                Binding("a", "anonymise", S.KEY_ANONYMISE, key_display="A", show=False)]

    def __init__(self, rec_id: int):
        super().__init__()
        self.rec_id = rec_id
        self.rec: R.Reception | None = None

    def load(self) -> None:
        self.rec = R.get(self.rec_id)
        users.require(self.app.actor, "reception.view")
        self.steps = R.steps(self.rec)
        self.set_title(S.RECEPTION_DETAIL_TITLE.format(no=self.rec.label))

    def render_body(self) -> Text:
        r = self.rec
        t = Text()
        t.append(f"{S.RECEPTION_DETAIL_TITLE.format(no=r.label)}   ", style="bold")
        t.append(S.RECEPTION_STATES[r.state], style=STATE_STYLE.get(r.state, ""))
        t.append("\n")
        kv(t, S.FIELD_RECEPTION_AT, format_datetime(r.visited_at))
        kv(t, S.FIELD_VISITOR, r.name + (f" {S.ANONYMISED_MARK}" if r.anonymised else ""))
        kv(t, S.FIELD_ADDRESS, r.address or "—")
        idn = R.shown_id(self.app.actor, r)
        kv(t, S.FIELD_ID_NUMBER, S.ID_HIDDEN if idn is None else (idn or "—"))
        kv(t, S.FIELD_VISITOR_CATEGORY, S.PEOPLE_LINE.format(category=S.RECEPTION_CATEGORIES[r.category],
                                                     n=r.people))
        kv(t, S.FIELD_CONTENT, r.content)
        kv(t, S.FIELD_HANDLED_BEFORE, r.handled_before or "—")
        action = S.RECEPTION_ACTIONS[r.action] + (f" → {r.forward_to}" if r.forward_to else "")
        kv(t, S.FIELD_RECEPTION_ACTION, action)
        kv(t, S.FIELD_RECEIVED_BY_PERSON, r.received_by or "—")
        if r.incoming_id:
            d = r.incoming
            kv(t, S.LINKED_INCOMING, f"{d.arrival_no}/{d.year} — {d.summary}")
        if r.outgoing_id:
            kv(t, S.LINKED_OUTGOING, f"{r.outgoing.symbol} — {r.outgoing.summary}")
        if r.state == "closed":
            kv(t, S.FIELD_RESULT_CODE, S.RESULT_LINE.format(result=S.RECEPTION_RESULTS.get(r.result_code, ""),
                                                       text=r.result, on=format_date(r.closed_on)),
               style="green")
        section(t, S.STEPS)
        for st in self.steps:
            t.append(f"  {format_datetime(st.at)}  ")
            t.append(f"{S.RECEPTION_STEPS.get(st.action, st.action):<12}",
                     style=STATE_STYLE.get(st.state, ""))
            t.append(f" {st.by}" + (f" — {st.note}" if st.note else "") + "\n")
        return t

    def hint(self) -> str:
        closed = self.rec is not None and self.rec.state == "closed"
        return S.RECEPTION_CLOSED_HINT if closed else S.RECEPTION_DETAIL_HINT

    def check_action(self, action: str, parameters) -> bool | None:
        r = self.rec
        if action in ("forward", "state", "close_case", "edit", "link_incoming", "link_outgoing",
                      "export_person", "anonymise"):
            if not users.can(self.app.actor, "reception.edit"):
                return False
        if r is not None:
            if action in ("forward", "close_case") and r.state == "closed":
                return False
            if action in ("export_person", "anonymise") and r.anonymised:
                return False
        return True

    def action_forward(self) -> None:
        self.app.push_screen(ForwardDialog(self.rec), self.after)

    def action_state(self) -> None:
        self.app.push_screen(StateDialog(self.rec), self.after)

    def action_close_case(self) -> None:
        self.app.push_screen(CloseDialog(self.rec, self.app.today()), self.after)

    def action_edit(self) -> None:
        self.app.push_screen(ReceptionForm(self.rec))

    def _link(self, which: str) -> None:
        def chosen(doc_id) -> None:
            if doc_id is None:
                return
            r = self.app.run_guarded(R.update, self.app.actor, self.rec.id, **{which: doc_id})
            if r is not None:
                self.app.notify(S.LINKED.format(no=r.label))
                self.refresh_detail()
        pick_document(self.app, which, chosen)

    def action_link_incoming(self) -> None:
        self._link("incoming")

    def action_link_outgoing(self) -> None:
        self._link("outgoing")

    def _person(self) -> list[R.Reception]:
        r = self.rec
        return R.records_of(self.app.actor, r.name, r.address or None)

    def action_export_person(self) -> None:
        users.require(self.app.actor, "reception.view_ids")

        def done(result) -> None:
            if result is not None:
                n, path = result
                self.app.show_message(S.PERSON_EXPORTED.format(n=n, path=path), S.EXPORT_DONE_TITLE)
        self.app.push_screen(PersonExportDialog(self._person()), done)

    def action_anonymise(self) -> None:
        records = self._person()

        def reason_given(reason) -> None:
            if reason is None:
                return
            n = self.app.run_guarded(R.anonymise_person, self.app.actor, records, reason)
            if n is not None:
                self.app.notify(S.ANONYMISED.format(n=n))
                self.refresh_detail()
        self.app.push_screen(ReasonDialog(S.ANONYMISE_TITLE.format(name=self.rec.name),
                                          S.ANONYMISE_QUESTION.format(n=len(records))), reason_given)


def pick_document(app, which: str, done) -> None:
    """Choose an incoming (``which`` "incoming": a petition) or outgoing document (an answer)
    from the registers, by search; ``done(doc_id | None)``. Secret documents are not offered."""
    from models import documents
    src = documents.IncomingSource if which == "incoming" else documents.OutgoingSource

    def lookup(t: str):
        rows = src(app.actor, t or None).rows(None, 30)
        if which == "incoming":
            return [(d.id, f"{d.arrival_no}/{d.year}  {format_date(d.arrived_at)}  {d.summary}")
                    for d in rows if not d.is_secret]
        return [(d.id, f"{d.symbol}  {format_date(d.doc_date)}  {d.summary}")
                for d in rows if not d.is_secret]
    title = S.PICK_PETITION if which == "incoming" else S.PICK_ANSWER
    app.push_screen(PickerDialog(title, lookup), done)


# --- the report ----------------------------------------------------------------------------------
class ReportDialog(FormDialog):
    """Which period to report: a month, quarter, 6 or 9 months, a year."""

    AUTO_FOCUS = ".dialog-form Input"
    SAVE_LABEL = S.DIALOG_PRINT

    def __init__(self, today: _dt.date):
        super().__init__(S.REPORT_TITLE)
        self.today = today

    def compose_body(self) -> ComposeResult:
        yield TextField(S.FIELD_PERIOD, "period", value=f"{self.today.month:02d}/{self.today.year}")
        yield Static(S.REPORT_HINT, classes="hint", markup=False)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        return R.parse_period(v["period"])


def print_report(app) -> None:
    """F6 in the book: the period, then the report saved under printouts and sent to the printer."""
    def chosen(period) -> None:
        if period is None:
            return
        app.run_guarded(_print, app, period)
    app.push_screen(ReportDialog(app.today()), chosen)


def _print(app, period: R.Period) -> None:
    from models import office
    rep = R.report(app.actor, period)
    o = office.get_office()
    command = str(office.get_setting("print.command") or "")
    home, today = app.home, app.today()

    def work() -> None:
        from pathlib import Path

        from models import fsio
        from printouts.reception import reception_report

        from ..printing import send_to_printer
        try:
            path = Path(home.printouts) / f"bao-cao-tiep-dan_{period.code}.pdf"
            fsio.atomic_write_bytes(path, reception_report(rep, o, today))
        except OSError as e:
            app.call_from_thread(app.show_error, S.PRINT_FAILED.format(detail=e.strerror or e))
            return
        sent, problem = send_to_printer(command, path)
        label = period.label[:1].lower() + period.label[1:]
        msg = (S.REPORT_SENT if sent else S.REPORT_SAVED).format(period=label, path=path,
                                                                  n=rep.visits, problem=problem)
        app.call_from_thread(app.show_message, msg, S.REPORT_DONE_TITLE)
    app.run_worker(work, thread=True, group="print")


# --- the head's reception days --------------------------------------------------------------------
DAY_COLUMNS = [ColSpec(0, S.COL_DATE, 10), ColSpec(1, S.COL_WEEKDAY, 8), ColSpec(2, S.COL_HOST, 16),
               ColSpec(3, S.COL_PLACE, 0), ColSpec(4, S.COL_STATUS, 10)]


class ReceptionDaysScreen(RegisterListScreen):
    TITLE_VI = S.AREA_RECEPTION_DAYS
    SOURCE = R.ReceptionDaySource
    COLUMNS = DAY_COLUMNS
    FILTERS = [FilterSpec("year", S.FIELD_YEAR, "year")]
    BINDINGS = [Binding("f7,n", "new", S.KEY_NEW_DAY, key_display="F7", tooltip=S.TIP_NEW_RECEPTION_DAY)]
    HELP_EXTRA = S.HELP_RECEPTION_DAYS

    def on_mount(self) -> None:
        self.HINT = self.outlook_line()         # (RegisterScreen's on_mount loads the table)

    def outlook_line(self) -> str:
        today = self.app.today()
        o = R.month_outlook(today.year, today.month, today)
        line = S.DAYS_OUTLOOK.format(month=today.month, year=today.year, held=o.held,
                                     planned=o.planned, required=o.required)
        return line + (" " + S.DAYS_SHORT.format(n=o.missing) if o.short else "")

    def decorate(self, cells: list) -> list:
        cells[1] = S.WEEKDAYS[cells[1]]
        cells[4] = _styled(S.DAY_STATES[cells[4]], DAY_STYLE.get(cells[4], ""))
        return cells

    def on_screen_resume(self) -> None:
        self.HINT = self.outlook_line()         # (the base reloads the table after this)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "new":
            return users.can(self.app.actor, "reception.edit")
        return super().check_action(action, parameters)

    def action_new(self) -> None:
        self.app.push_screen(DayDialog(self.app.today()), self._changed)

    def open_record(self, key) -> None:
        if users.can(self.app.actor, "reception.edit"):
            d = R.ReceptionDay.get_by_id(int(key[-1]))
            self.app.push_screen(DayStateDialog(d), self._changed)

    def _changed(self, result) -> None:
        if result is not None:
            self.HINT = self.outlook_line()
            self.reload()


class DayDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form Input"
    TITLE_VI = S.DAY_NEW_TITLE

    def __init__(self, today: _dt.date):
        super().__init__()
        self.today = today

    def compose_body(self) -> ComposeResult:
        yield DateField(S.FIELD_DAY, "day", value=self.today)
        yield TextField(S.FIELD_HOST, "host", value=S.DEFAULT_HOST)
        yield TextField(S.FIELD_DAY_PLACE, "place")
        yield CycleField(S.FIELD_STATUS, "state", [(S.DAY_STATES[k], k) for k in R.DAY_STATES],
                         value="scheduled")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        d = R.schedule_day(self.app.actor, v["day"], host=v["host"], place=v["place"], state=v["state"])
        self.app.notify(S.DAY_SAVED.format(day=format_date(d.day)))
        return d


class DayStateDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, day: R.ReceptionDay):
        super().__init__(S.DAY_STATE_TITLE.format(day=format_date(day.day)))
        self.day = day

    def compose_body(self) -> ComposeResult:
        nxt = "held" if self.day.state == "scheduled" else self.day.state
        yield CycleField(S.FIELD_STATUS, "state", [(S.DAY_STATES[k], k) for k in R.DAY_STATES], value=nxt)
        yield TextField(S.FIELD_NOTES, "notes", value=self.day.notes)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        d = R.set_day_state(self.app.actor, self.day.id, v["state"], v["notes"])
        self.app.notify(S.DAY_SAVED.format(day=format_date(d.day)))
        return d

