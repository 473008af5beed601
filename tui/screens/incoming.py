"""Sổ văn bản đến: the incoming register.

The list opens at the newest entries and pages lazily; `/` searches (accent-insensitive), F5/B
filters (year, status, type, handler, overdue), F7/N registers a document, Enter opens it,
F6/I prints the register book, X exports it. It updates by itself when the scanner intake
(running inside the program) registers a scan.

The detail shows every column of the register, the status steps and the attached files; from
there: transfer with ký nhận (F5/C), the next status step (F6/T), a correction with its reason
or, for a scan, its missing details (F7/S), cancel with a reason (H), open a file (M), attach
one (A), file it into a dossier (L). Every change goes through models.documents.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from models import documents
from models.errors import ValidationError
from models.text import format_date, format_datetime, nfc

from .. import strings as S
from ..widgets.contact_field import ContactField, contact_ids
from ..widgets.dialogs import FormDialog
from ..widgets.fields import (CycleField, DateField, IntField, RequiredText, TextField,
                              TimeField, clean_fields, focus_first_error)
from .parts.columns import ColSpec
from .parts.detail import kv, section
from .parts.documents import DocumentDetail, DocumentRegisterScreen, attachment_line
from .parts.filters import FilterSpec
from .parts.forms import FormScreen, yes_no


def number_label(doc) -> str:
    return f"{doc.arrival_no}/{doc.year}"


def _styled(value: str, style: str) -> Text:
    return Text(value, style=style, no_wrap=True, overflow="ellipsis")


STATUS_STYLE = {"needs_details": "bold yellow", "pending": "", "in_progress": "cyan",
                "done": "green", "filed": "green", "cancelled": "bright_black"}


def status_cell(cell) -> Text | str:
    """An overdue document's status → a red 'Quá hạn'; other statuses in their colour."""
    if "overdue" in cell.flags:
        return _styled(S.OVERDUE_SHORT, "bold red")
    style = STATUS_STYLE.get(cell.key, "")
    return _styled(cell, style) if style else cell


def status_options() -> list[tuple[str, Any]]:
    return ([(S.FILTER_ALL, None), (S.STATUS_OPEN, documents.OPEN_STATUSES)]
            + [(lbl, k) for k, lbl in documents.INCOMING_STATUS.items()])


def doc_type_names() -> list[str]:
    return documents.incoming_type_names()


def type_options() -> list[tuple[str, Any]]:
    return [(S.FILTER_ALL, None)] + [(n, n) for n in doc_type_names()]


INCOMING_COLUMNS = [
    ColSpec(0, S.COL_ARRIVAL_NO, 6, "right"),
    ColSpec(1, S.COL_ARRIVED, 10),
    ColSpec(2, S.COL_SENDER, 16),
    ColSpec(3, S.COL_DOC_NUMBER, 12, optional=True),
    ColSpec(4, S.COL_SUMMARY, 0),
    ColSpec(5, S.COL_HANDLER, 16, optional=True),
    ColSpec(6, S.COL_DEADLINE, 10, optional=True),
    ColSpec(7, S.COL_STATUS, 11),
]

INCOMING_FILTERS = [
    FilterSpec("year", S.FIELD_YEAR, "year"),
    FilterSpec("status", S.FIELD_STATUS, "choice", status_options),
    FilterSpec("doc_type", S.FIELD_DOC_TYPE, "choice", type_options),
    FilterSpec("handler", S.FIELD_HANDLER, "contact"),
    FilterSpec("overdue", S.FILTER_OVERDUE, "bool"),
]


_STATUS = documents.IncomingSource.column("status")
_SUMMARY = documents.IncomingSource.column("summary")


def decorate_incoming(cells: list) -> list:
    cells[_STATUS] = status_cell(cells[_STATUS])
    if "no_summary" in cells[_SUMMARY].flags:
        cells[_SUMMARY] = _styled(S.NO_SUMMARY_YET, "italic")
    return cells


class IncomingScreen(DocumentRegisterScreen):
    TITLE_VI = S.AREA_INCOMING
    HINT = S.INCOMING_HINT
    SOURCE = documents.IncomingSource
    COLUMNS = INCOMING_COLUMNS
    FILTERS = INCOMING_FILTERS
    KIND = "incoming"
    BINDINGS = [Binding("f7,n", "new", S.KEY_REGISTER, key_display="F7", tooltip=S.TIP_REGISTER),
                Binding("q", "toggle_overdue", S.FILTER_OVERDUE, show=False, tooltip=S.TIP_OVERDUE)]
    HELP_EXTRA = S.HELP_INCOMING

    def decorate(self, cells: list) -> list:
        return decorate_incoming(cells)

    def open_document(self, doc_id: int) -> None:
        open_incoming(self.app, doc_id)

    def action_new(self) -> None:
        self.app.push_screen(IncomingForm())

    def action_toggle_overdue(self) -> None:
        if self.filters.get("overdue"):
            self.filters.pop("overdue")
            self.filter_labels = [x for x in self.filter_labels if x != S.FILTER_OVERDUE]
        else:
            self.filters["overdue"] = True
            self.filter_labels.append(S.FILTER_OVERDUE)
        self.apply_filter(self.filter_text)

    def service_changed(self, key: str, kind: str, ref: Any) -> None:
        if key == "intake" and kind != "info":
            self.reload()


def open_incoming(app, ref: int) -> None:
    """Search opener and Enter on a row: the detail of one incoming document."""
    doc = documents.get_incoming(ref)
    documents.require_visible(app.actor, doc)
    app.push_screen(IncomingDetail(ref))


# --- the form: register, correct, complete ------------------------------------------------------
class IncomingForm(FormScreen):
    """Register a document (``doc`` None), correct one (a reason is required), or give a scan
    its missing details (``complete``)."""

    def __init__(self, doc: documents.Incoming | None = None, *, complete: bool = False,
                 secrecy: str = "Thường"):
        super().__init__()
        self.doc = doc
        self.complete = complete
        self.default_secrecy = secrecy
        if doc is None:
            self.TITLE_VI = S.INCOMING_NEW_TITLE
        elif complete:
            self.TITLE_VI = S.INCOMING_COMPLETE_TITLE.format(no=number_label(doc))
        else:
            self.TITLE_VI = S.INCOMING_EDIT_TITLE.format(no=number_label(doc))

    def compose_form(self) -> ComposeResult:
        d = self.doc
        now = self.app.now()
        arrived = d.arrived_at if d else now
        names = doc_type_names()
        current_type = (d.doc_type if d else "") or ("Công văn" if "Công văn" in names else names[0])
        if current_type not in names:
            names.append(current_type)
        yield DateField(S.FIELD_ARRIVED_ON, "arrived_at", value=arrived.date())
        yield TimeField(S.FIELD_ARRIVED_TIME, "arrived_time", value=arrived.time())
        yield ContactField(S.FIELD_SENDER, "sender", value=d.sender if d else "",
                           contact_id=d.sender_contact_id if d else None, required=True)
        yield TextField(S.FIELD_DOC_NUMBER, "doc_number", value=d.doc_number if d else "",
                        placeholder=S.FIELD_DOC_NUMBER_PH)
        yield DateField(S.FIELD_DOC_DATE, "doc_date", value=d.doc_date if d else None, required=False)
        yield CycleField(S.FIELD_DOC_TYPE, "doc_type", [(n, n) for n in names], value=current_type)
        yield TextField(S.FIELD_SUMMARY, "summary", value=d.summary if d else "",
                        placeholder=S.FIELD_SUMMARY_PH)
        yield CycleField(S.FIELD_URGENCY, "urgency", [(u, u) for u in documents.URGENCY],
                         value=d.urgency if d else "Thường")
        yield CycleField(S.FIELD_SECRECY, "secrecy", [(u, u) for u in documents.SECRECY],
                         value=d.secrecy if d else self.default_secrecy)
        yield CycleField(S.FIELD_SUMMARY_CONSENT, "summary_consent", yes_no(),
                         value=bool(d.summary_consent) if d else False)
        yield IntField(S.FIELD_PAGES, "pages", value=d.pages if d and d.pages is not None else "",
                       minimum=0, maximum=100000, required=False)
        yield IntField(S.FIELD_COPIES, "copies", value=d.copies if d and d.copies is not None else "",
                       minimum=0, maximum=100000, required=False)
        yield ContactField(S.FIELD_HANDLER, "handler", value=d.handler if d else "",
                           contact_id=d.handler_contact_id if d else None, add_kind="person")
        yield DateField(S.FIELD_DEADLINE, "deadline", value=d.deadline if d else None, required=False)
        yield TextField(S.FIELD_NOTES, "notes", value=d.notes if d else "")
        if d is not None and not self.complete:
            yield RequiredText(S.FIELD_EDIT_REASON, "reason", max_len=500)

    def on_mount(self) -> None:
        self.update_info()

    def field_done(self, field) -> None:
        if field.field in ("arrived_at", "arrived_time"):
            self.update_info()

    def _arrived_at(self) -> _dt.datetime | None:
        try:
            day = self.field("arrived_at").parse(self.field("arrived_at").value)
            t = self.field("arrived_time").parse(self.field("arrived_time").value)
        except ValidationError:
            return None
        return _dt.datetime.combine(day, t) if day else None

    def update_info(self) -> None:
        """The number this document will get, and the late-registration warning."""
        info = self.query_one("#form-info", Static)
        arrived = self._arrived_at()
        lines: list[str] = []
        if self.doc is None and arrived is not None:
            no = documents.next_arrival_number(arrived.year)
            lines.append(S.INCOMING_NEXT_NUMBER.format(no=f"{no}/{arrived.year}"))
        elif self.doc is not None:
            lines.append(S.INCOMING_NUMBER_KEPT.format(no=number_label(self.doc)))
        if arrived is not None:
            registered = self.doc.registered_at if self.doc else self.app.now()
            warn = documents.late_registration_warning(arrived, registered)
            if warn:
                lines.append(warn)
        info.update(Text("\n".join(lines), style="yellow" if len(lines) > 1 else ""))

    def values(self) -> dict[str, Any] | None:
        v = clean_fields(self.form)
        summary = self.field("summary")
        if not nfc(summary.value) and self.field("secrecy").value != "Tuyệt mật":
            summary.show_error(S.SUMMARY_REQUIRED)      # with the other fields' errors, at once
        if v is None or summary.error:
            focus_first_error(self.form)
            return None
        ids = contact_ids(self.form)
        day, t = v.pop("arrived_at"), v.pop("arrived_time")
        v["arrived_at"] = _dt.datetime.combine(day, t)
        v["sender_contact"] = ids.get("sender")
        v["handler_contact"] = ids.get("handler")
        return v

    def save(self) -> None:
        v = self.values()
        if v is None:
            return
        actor = self.app.actor
        if self.doc is None:
            arrived_at = v.pop("arrived_at")
            doc = documents.register_incoming(actor, arrived_at=arrived_at,
                                              registered_at=self.app.now(), **v)
            msg = S.INCOMING_REGISTERED.format(no=number_label(doc))
            if doc.is_secret:
                msg += "\n" + S.INCOMING_REGISTERED_SECRET
            warn = documents.late_registration_warning(doc.arrived_at, doc.registered_at)
            if warn:
                msg += "\n\n" + warn
            self.app.go_back()
            self.app.show_message(msg, S.INCOMING_REGISTERED_TITLE)
            return
        reason = v.pop("reason", "")
        changes = self.changes(v)
        from models.filestore import FileStore
        store = FileStore(self.app.home.files)    # marked secret: its stored files go
        files = len(documents.attachments(self.doc))
        if self.complete:
            doc = documents.complete_details(actor, self.doc.id, store=store, **changes)
            self.app.notify(S.INCOMING_COMPLETED.format(no=number_label(self.doc)))
            self._files_removed(doc, files)
            self.app.go_back()
            return
        if not changes:
            self.app.notify(S.NOTHING_CHANGED)
            self.app.go_back()
            return
        doc = documents.update_incoming(actor, self.doc.id, reason=reason, store=store, **changes)
        self.app.notify(S.INCOMING_CORRECTED.format(no=number_label(self.doc)))
        self._files_removed(doc, files)
        self.app.go_back()

    def _files_removed(self, doc: documents.Incoming, before: int) -> None:
        gone = before - len(documents.attachments(doc))
        if gone > 0:
            self.app.notify(S.SECRET_FILES_REMOVED.format(n=gone), timeout=10)

    def changes(self, v: dict[str, Any]) -> dict[str, Any]:
        d = self.doc
        out = {}
        for k, new in v.items():
            if k == "arrived_at":
                old = d.arrived_at.replace(second=0, microsecond=0)
                if new != old:
                    out[k] = new
                continue
            old = getattr(d, k + "_id") if k.endswith("_contact") else getattr(d, k)
            if (old or None) != (new or None):
                out[k] = new
        return out


# --- the detail -------------------------------------------------------------------------------
class TransferDialog(FormDialog):
    """Chuyển xử lý: to whom, who signs for it (ký nhận), by when."""

    AUTO_FOCUS = ".dialog-form Input"
    SAVE_LABEL = S.DIALOG_TRANSFER

    def __init__(self, doc: documents.Incoming):
        super().__init__(S.TRANSFER_TITLE.format(no=number_label(doc)))
        self.doc = doc

    def compose_body(self) -> ComposeResult:
        d = self.doc
        yield ContactField(S.FIELD_HANDLER, "handler", value=d.handler,
                           contact_id=d.handler_contact_id, add_kind="person", required=True)
        yield TextField(S.FIELD_RECEIVED_BY, "received_by", value=d.received_by,
                        placeholder=S.FIELD_RECEIVED_BY_PH)
        yield DateField(S.FIELD_DEADLINE, "deadline", value=d.deadline, required=False)

    def on_mount(self) -> None:
        h = self.doc.handler_contact
        self._signer = h.name if h is not None and h.kind == "person" else ""
        if self._signer and not self.doc.received_by:
            self.received_by.value = self._signer    # a person usually signs for himself

    @property
    def received_by(self) -> TextField:
        return next(f for f in self.query(TextField) if f.field == "received_by")

    def on_contact_field_picked(self, event: ContactField.Picked) -> None:
        """A person chosen signs for himself: the signer follows the handler, unless someone
        else was written there (a deputy signing for the head)."""
        now = nfc(self.received_by.value)
        if event.contact.kind == "person" and (not now or now == self._signer):
            self.received_by.value = event.contact.name
            self._signer = event.contact.name

    def save(self):
        form = self.query_one(".dialog-form")
        v = clean_fields(form)
        if v is None:
            return None
        doc = documents.transfer(self.app.actor, self.doc.id, handler=v["handler"],
                                 handler_contact=contact_ids(form).get("handler"),
                                 received_by=v["received_by"], transferred_at=self.app.now(),
                                 deadline=v["deadline"])
        self.app.notify(S.TRANSFERRED.format(no=number_label(doc), handler=doc.handler,
                                             received_by=doc.received_by))
        return doc


class StatusDialog(FormDialog):
    """The next step: chờ xử lý → đang xử lý → đã xử lý → lưu hồ sơ (back needs a note)."""

    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, doc: documents.Incoming):
        super().__init__(S.STATUS_TITLE.format(no=number_label(doc), status=doc.status_label))
        self.doc = doc

    def compose_body(self) -> ComposeResult:
        flow = documents.STATUS_FLOW
        cur = self.doc.status
        options = [(documents.INCOMING_STATUS[k], k) for k in flow if k != cur]
        nxt = None
        if cur in flow and flow.index(cur) + 1 < len(flow):
            nxt = flow[flow.index(cur) + 1]
        yield CycleField(S.FIELD_NEW_STATUS, "status", options, value=nxt)
        yield TextField(S.FIELD_STATUS_NOTE, "note", placeholder=S.FIELD_STATUS_NOTE_PH)
        yield Static(S.STATUS_HINT, classes="hint")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        doc = documents.set_status(self.app.actor, self.doc.id, v["status"], at=self.app.now(),
                                   note=v["note"])
        self.app.notify(S.STATUS_CHANGED.format(no=number_label(doc), status=doc.status_label))
        return doc


class IncomingDetail(DocumentDetail):
    BINDINGS = [Binding("f5,c", "transfer", S.KEY_TRANSFER, key_display="F5"),
                Binding("f6,t", "status", S.KEY_STATUS, key_display="F6"),
                Binding("f7,s", "edit", S.KEY_EDIT, key_display="F7"),
                Binding("h", "cancel_doc", S.KEY_CANCEL_DOC, key_display="H"),
                *DocumentDetail.FILE_KEYS]
    CANCELLED_LOCKS = ("transfer", "status", "edit", "cancel_doc")

    def get(self, doc_id: int):
        return documents.get_incoming(doc_id)

    def load_more(self, d) -> None:
        from models import scans
        self.steps = documents.status_history(d)
        self.scan = scans.scan_of(d.id)
        self.set_title(S.INCOMING_DETAIL_TITLE.format(no=number_label(d)))

    def render_body(self) -> Text:
        d = self.doc
        t = Text()
        t.append(f"{S.INCOMING_DETAIL_TITLE.format(no=number_label(d))}   ", style="bold")
        t.append(d.status_label, style=STATUS_STYLE.get(d.status, "") or "bold")
        if documents.is_overdue(d, self.app.today()):
            t.append(f"  {S.OVERDUE_SHORT}", style="bold red")
        if d.is_secret:
            t.append(f"  [{d.secrecy}]", style="bold red")
        t.append("\n")
        kv(t, S.FIELD_ARRIVED_AT, S.ARRIVED_REGISTERED.format(
            arrived=format_datetime(d.arrived_at), registered=format_datetime(d.registered_at)))
        kv(t, S.FIELD_SENDER, d.sender)
        kv(t, S.FIELD_DOC_NUMBER, S.NUMBER_AND_DATE.format(number=d.doc_number or "—",
                                                             date=format_date(d.doc_date) or "—"))
        kv(t, S.FIELD_DOC_TYPE, d.doc_type)
        kv(t, S.FIELD_SUMMARY, documents.shown_summary(d) or S.NO_SUMMARY_YET)
        kv(t, S.MARKS, S.MARKS_LINE.format(urgency=d.urgency, secrecy=d.secrecy,
                                           pages=d.pages if d.pages is not None else "—",
                                           copies=d.copies if d.copies is not None else "—"))
        kv(t, S.FIELD_HANDLER, d.handler or S.NOT_ASSIGNED)
        deadline = format_date(d.deadline) or "—"
        kv(t, S.FIELD_DEADLINE, deadline,
           style="bold red" if documents.is_overdue(d, self.app.today()) else "")
        if d.transferred_at or d.received_by:
            kv(t, S.TRANSFER_LINE, S.TRANSFERRED_LINE.format(
                at=format_datetime(d.transferred_at) or "—", received_by=d.received_by or "—"))
        if d.notes:
            kv(t, S.FIELD_NOTES, d.notes)
        if self.dossier is not None:
            kv(t, S.IN_DOSSIER, f"{self.dossier.code} — {self.dossier.title}")
        if self.scan is not None:
            kv(t, S.SCAN_FILE, S.SCAN_LINE.format(name=self.scan.name,
                                                  at=format_datetime(self.scan.taken_at)))
        warn = d.late_warning
        if warn:
            t.append(warn + "\n", style="yellow")
        if d.status == "cancelled":
            t.append(S.CANCELLED_LINE.format(reason=d.cancel_reason) + "\n", style="bold red")
        section(t, S.STEPS)
        for st in self.steps:
            t.append(f"  {format_datetime(st.at)}  ")
            t.append(f"{st.status_label:<12}", style=STATUS_STYLE.get(st.status, ""))
            t.append(f" {st.username}" + (f" — {st.note}" if st.note else "") + "\n")
        section(t, S.ATTACHMENTS)
        if d.is_secret:
            t.append(S.SECRET_NO_FILES + "\n", style="italic")
        if not self.atts:
            t.append(S.NO_ATTACHMENTS + "\n")
        for i, a in enumerate(self.atts, 1):
            t.append(attachment_line(i, a) + "\n", style="bright_black" if a.removed else "")
        return t

    def hint(self) -> str:
        if self.doc is not None and self.doc.status == "needs_details":
            return S.INCOMING_DETAIL_HINT_SCAN
        return S.INCOMING_DETAIL_HINT

    def check_action(self, action: str, parameters) -> bool | None:
        if self.doc is not None and self.doc.status == "needs_details" and action in ("transfer",
                                                                                      "status"):
            return False                       # the details first (F7)
        return super().check_action(action, parameters)

    def action_transfer(self) -> None:
        self.app.push_screen(TransferDialog(self.doc), self.after)

    def action_status(self) -> None:
        if self.doc.status == "needs_details":
            self.app.show_error(S.COMPLETE_FIRST)
            return
        self.app.push_screen(StatusDialog(self.doc), self.after)

    def action_edit(self) -> None:
        self.app.push_screen(IncomingForm(self.doc, complete=self.doc.status == "needs_details"))

    def action_cancel_doc(self) -> None:
        self.cancel_with_reason(S.CANCEL_INCOMING_TITLE.format(no=number_label(self.doc)),
                                S.CANCEL_INCOMING_QUESTION, documents.cancel_incoming,
                                lambda d: S.INCOMING_CANCELLED.format(no=number_label(d)))
