"""Sổ văn bản đi: the outgoing register.

F7/N reserves the next number of a type for the term (the dialog shows it: 15-BC/ĐU). The
detail lists the nine mandatory elements still missing; F7/S fills them in (summary, content,
recipients from the directory …), F5/K records the signature with its authority line (T/M,
K/T, T/L), D stamps it in the seal log (refused, with the reason, while unsigned), F6/P issues
it (refused with the list of what is missing), H cancels an unused number with a reason.
"""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from models.errors import VanphongError
from models import documents
from models.text import fold, format_date, format_datetime, parse_date

from .. import strings as S
from ..widgets.contact_field import ContactField, contact_ids
from ..widgets.dialogs import FormDialog
from ..widgets.fields import (CycleField, DateField, IntField, RequiredText, TextField,
                              clean_fields)
from .parts.columns import ColSpec
from .parts.detail import kv, section
from .parts.documents import DocumentDetail, DocumentRegisterScreen, attachment_line
from .parts.filters import FilterSpec
from .parts.forms import FormScreen, yes_no
from .stamping import stamp

STATUS_STYLE = {"reserved": "yellow", "issued": "green", "cancelled": "bright_black"}


def status_options() -> list[tuple[str, Any]]:
    return [(S.FILTER_ALL, None)] + [(lbl, k) for k, lbl in documents.OUTGOING_STATUS.items()]


def type_options(all_first: bool = True) -> list[tuple[str, Any]]:
    opts = [(f"{t.code} — {t.name}", t.code) for t in documents.list_doc_types()]
    return ([(S.FILTER_ALL, None)] + opts) if all_first else opts


OUTGOING_COLUMNS = [
    ColSpec(0, S.COL_SYMBOL, 11),
    ColSpec(1, S.COL_DOC_DATE, 12),
    ColSpec(2, S.COL_SUMMARY, 0),
    ColSpec(3, S.COL_SIGNER, 12, optional=True),
    ColSpec(4, S.COL_RECIPIENTS, 18, optional=True),
    ColSpec(5, S.COL_COPIES, 6, "right", optional=True),
    ColSpec(6, S.COL_STATUS, 12),
]

OUTGOING_FILTERS = [
    FilterSpec("year", S.FIELD_YEAR, "year"),
    FilterSpec("status", S.FIELD_STATUS, "choice", status_options),
    FilterSpec("type_code", S.FIELD_DOC_TYPE, "choice", type_options),
]


_STATUS = documents.OutgoingSource.column("status")


def decorate_outgoing(cells: list) -> list:
    style = STATUS_STYLE.get(cells[_STATUS].key, "")
    if style:
        cells[_STATUS] = Text(cells[_STATUS], style=style, no_wrap=True, overflow="ellipsis")
    return cells


class OutgoingScreen(DocumentRegisterScreen):
    TITLE_VI = S.AREA_OUTGOING
    HINT = S.OUTGOING_HINT
    SOURCE = documents.OutgoingSource
    COLUMNS = OUTGOING_COLUMNS
    FILTERS = OUTGOING_FILTERS
    KIND = "outgoing"
    BINDINGS = [Binding("f7,n", "new", S.KEY_RESERVE, key_display="F7", tooltip=S.TIP_RESERVE)]

    def decorate(self, cells: list) -> list:
        return decorate_outgoing(cells)

    def open_document(self, doc_id: int) -> None:
        open_outgoing(self.app, doc_id)

    def action_new(self) -> None:
        reserve(self.app)


def open_outgoing(app, ref: int) -> None:
    doc = documents.get_outgoing(ref)
    documents.require_visible(app.actor, doc)
    app.push_screen(OutgoingDetail(ref))


def reserve(app, secrecy: str = "Thường") -> None:
    """F7/N: take the next number; the new entry opens."""
    def done(doc) -> None:
        if doc is not None:
            app.push_screen(OutgoingDetail(doc.id))
    app.push_screen(ReserveDialog(secrecy), done)


class ReserveDialog(FormDialog):
    """Lấy số: the type decides the series (numbered from 01 for the whole term)."""

    TITLE_VI = S.RESERVE_TITLE
    AUTO_FOCUS = ".dialog-form .field-input"
    SAVE_LABEL = S.DIALOG_RESERVE

    def __init__(self, secrecy: str = "Thường"):
        super().__init__()
        self.secrecy = secrecy

    def compose_body(self) -> ComposeResult:
        opts = type_options(all_first=False)
        default = "CV" if any(v == "CV" for _, v in opts) else opts[0][1]
        yield CycleField(S.FIELD_DOC_TYPE, "type_code", opts, value=default)
        yield CycleField(S.FIELD_CONGRESS, "congress", yes_no(), value=False)
        yield DateField(S.FIELD_DOC_DATE, "doc_date", value=self.app.today())
        yield TextField(S.FIELD_SUMMARY, "summary", placeholder=S.FIELD_OUT_SUMMARY_PH)
        yield CycleField(S.FIELD_SECRECY, "secrecy", [(x, x) for x in documents.SECRECY],
                         value=self.secrecy)
        yield Static("", id="next-symbol", markup=False)

    def on_mount(self) -> None:
        self.show_next()

    def on_cycle_changed(self, event) -> None:
        self.show_next()

    def on_input_changed(self, event) -> None:
        if self.query_one(DateField) in event.input.ancestors:     # the date picks the term
            self.show_next()

    def show_next(self) -> None:
        v = {f.field: f.value for f in self.query(CycleField)}
        date_field = self.query_one(DateField)
        try:
            doc_date = parse_date(date_field.value, "doc_date")     # the term the date falls in
        except Exception:
            doc_date = None
        try:
            symbol = documents.next_symbol(v["type_code"], congress=bool(v["congress"]),
                                           doc_date=doc_date)
        except Exception:                         # the preview never stops the dialog
            symbol = "?"
        self.query_one("#next-symbol", Static).update(S.NEXT_SYMBOL.format(symbol=symbol))

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        doc = documents.reserve_number(self.app.actor, v["type_code"], congress=bool(v["congress"]),
                                       doc_date=v["doc_date"], summary=v["summary"],
                                       secrecy=v["secrecy"])
        self.app.notify(S.RESERVED.format(symbol=doc.symbol), timeout=8)
        if getattr(doc, "notice", None):
            self.app.notify(doc.notice, severity="warning", timeout=12)
        return doc


class OutgoingForm(FormScreen):
    """Fill in or correct the elements of an outgoing document (after issue: with a reason)."""

    def __init__(self, doc: documents.Outgoing):
        super().__init__()
        self.doc = doc
        self.TITLE_VI = S.OUTGOING_EDIT_TITLE.format(symbol=doc.symbol)

    def compose_form(self) -> ComposeResult:
        d = self.doc
        yield DateField(S.FIELD_DOC_DATE, "doc_date", value=d.doc_date)
        yield TextField(S.FIELD_SUMMARY, "summary", value=d.summary, placeholder=S.FIELD_OUT_SUMMARY_PH)
        yield TextField(S.FIELD_CONTENT, "content", value=d.content, placeholder=S.FIELD_CONTENT_PH)
        yield CycleField(S.FIELD_CONTENT_ON_PAPER, "content_on_paper", yes_no(),
                         value=bool(d.content_on_paper))
        rec = ContactField(S.FIELD_RECIPIENTS, "recipients", value=d.recipient_list(), multi=True)
        for r in d.recipient_rows:
            if r.contact_id:
                rec.chosen[fold(r.name)] = r.contact_id
        yield rec
        yield IntField(S.FIELD_COPIES, "copies", value=d.copies if d.copies is not None else "",
                       minimum=0, maximum=100000, required=False)
        yield TextField(S.FIELD_FILED_IN, "filed_in", value=d.filed_in, placeholder=S.FIELD_FILED_IN_PH)
        yield CycleField(S.FIELD_URGENCY, "urgency", [(u, u) for u in documents.URGENCY], value=d.urgency)
        yield CycleField(S.FIELD_SECRECY, "secrecy", [(u, u) for u in documents.SECRECY], value=d.secrecy)
        yield CycleField(S.FIELD_SUMMARY_CONSENT, "summary_consent", yes_no(),
                         value=bool(d.summary_consent))
        yield TextField(S.FIELD_NOTES, "notes", value=d.notes)
        if d.status == "issued":
            yield RequiredText(S.FIELD_EDIT_REASON, "reason", max_len=500)

    def save(self) -> None:
        from models.filestore import FileStore
        v = clean_fields(self.form)
        if v is None:
            return
        reason = v.pop("reason", "")
        d = self.doc
        changes: dict[str, Any] = {}
        old_recipients = [(r.name, r.contact_id)
                          for r in sorted(d.recipient_rows, key=lambda r: r.position)]
        for k, new in v.items():
            if k == "recipients":
                if list(new) != old_recipients:
                    changes[k] = new
            elif (getattr(d, k) or None) != (new or None):
                changes[k] = new
        if not changes:
            self.app.notify(S.NOTHING_CHANGED)
            self.app.go_back()
            return
        documents.update_outgoing(self.app.actor, d.id, reason=reason,
                                  store=FileStore(self.app.home.files), **changes)
        self.app.notify(S.OUTGOING_SAVED.format(symbol=d.symbol))
        self.app.go_back()


class SignDialog(FormDialog):
    """Ghi chữ ký: who signed, in which capacity (T/M, K/T, T/L), on which day."""

    AUTO_FOCUS = ".dialog-form Input"

    def __init__(self, doc: documents.Outgoing, today):
        super().__init__(S.SIGN_TITLE.format(symbol=doc.symbol))
        self.doc, self.today = doc, today

    def compose_body(self) -> ComposeResult:
        d = self.doc
        yield ContactField(S.FIELD_SIGNER, "signer", value=d.signer, contact_id=d.signer_contact_id,
                           kind="person", add_kind="person", required=True)
        yield TextField(S.FIELD_SIGNER_POSITION, "signer_position", value=d.signer_position,
                        placeholder=S.FIELD_SIGNER_POSITION_PH)
        yield CycleField(S.FIELD_AUTHORITY, "authority",
                         [(label, k) for k, label in documents.AUTHORITY.items()], value=d.authority)
        yield TextField(S.FIELD_AUTHORITY_OF, "authority_of", value=d.authority_of,
                        placeholder=S.FIELD_AUTHORITY_OF_PH)
        yield DateField(S.FIELD_SIGNED_ON, "signed_on", value=d.signed_on or self.today)
        yield Static(S.SIGN_HINT, classes="hint")

    def on_contact_field_picked(self, event: ContactField.Picked) -> None:
        pos = next(f for f in self.query(TextField) if f.field == "signer_position")
        if event.contact.position and not pos.value.strip():
            pos.value = event.contact.position.upper()

    def save(self):
        form = self.query_one(".dialog-form")
        v = clean_fields(form)
        if v is None:
            return None
        doc = documents.record_signature(self.app.actor, self.doc.id, v["signer"],
                                         signer_position=v["signer_position"],
                                         authority=v["authority"], authority_of=v["authority_of"],
                                         signed_on=v["signed_on"],
                                         signer_contact=contact_ids(form).get("signer"),
                                         today=self.app.today())
        self.app.notify(S.SIGNED.format(symbol=doc.symbol, signer=doc.signer))
        return doc


class OutgoingDetail(DocumentDetail):
    BINDINGS = [Binding("f5,k", "sign", S.KEY_SIGN, key_display="F5"),
                Binding("f6,p", "issue", S.KEY_ISSUE, key_display="F6"),
                Binding("f7,s", "edit", S.KEY_EDIT, key_display="F7"),
                Binding("d", "stamp", S.KEY_SEAL, key_display="D"),
                Binding("h", "cancel_number", S.KEY_CANCEL_NUMBER, key_display="H", show=False),
                *DocumentDetail.FILE_KEYS]
    CANCELLED_LOCKS = ("sign", "issue", "edit", "stamp", "cancel_number")

    def get(self, doc_id: int):
        return documents.get_outgoing(doc_id)

    def load_more(self, d) -> None:
        from models import seal
        self.uses = seal.uses_for(d)
        self.missing = documents.missing_elements(d) if d.status == "reserved" else []
        self.type_name = next((t.name for t in documents.list_doc_types(True) if t.code == d.type_code),
                              d.type_code)
        self.set_title(S.OUTGOING_DETAIL_TITLE.format(symbol=d.symbol))

    def render_body(self) -> Text:
        d = self.doc
        t = Text()
        t.append(f"{d.symbol}   ", style="bold")
        t.append(d.status_label, style=STATUS_STYLE.get(d.status, "bold"))
        if d.is_secret:
            t.append(f"  [{d.secrecy}]", style="bold red")
        t.append("\n")
        kv(t, S.FIELD_DOC_DATE, format_date(d.doc_date))
        kv(t, S.FIELD_DOC_TYPE, f"{d.type_code} — {self.type_name}"
           + (f" ({S.CONGRESS_SERIES})" if d.congress else ""))
        kv(t, S.FIELD_SUMMARY, documents.shown_summary(d) or "—")
        content = S.CONTENT_ON_PAPER if d.content_on_paper else ""
        if d.content:
            body = " ".join(d.content.split())
            content = (body[:200] + "…" if len(body) > 200 else body) + (f" {content}" if content else "")
        kv(t, S.FIELD_CONTENT, content or "—")
        if d.signer:
            lines = " · ".join(x for x in d.authority_lines() if x)
            kv(t, S.SIGNATURE, S.SIGNATURE_LINE.format(lines=lines or "—", signer=d.signer,
                                                      date=format_date(d.signed_on) or "—"))
        else:
            kv(t, S.SIGNATURE, S.NOT_SIGNED, style="yellow")
        kv(t, S.FIELD_RECIPIENTS, "; ".join(d.recipient_list()) or "—")
        kv(t, S.COPIES_FILED, S.COPIES_FILED_LINE.format(copies=d.copies if d.copies is not None else "—",
                                                         filed_in=d.filed_in or "—"))
        kv(t, S.MARKS_OUT, f"{d.urgency} · {d.secrecy}")
        if d.notes:
            kv(t, S.FIELD_NOTES, d.notes)
        for u in self.uses:
            kv(t, S.SEAL_USED, S.SEAL_USE_LINE.format(date=format_date(u.used_on), copies=u.copies,
                                                      by=u.stamped_by))
        if self.dossier is not None:
            kv(t, S.IN_DOSSIER, f"{self.dossier.code} — {self.dossier.title}")
        if d.issued_at:
            kv(t, S.ISSUED_AT, format_datetime(d.issued_at), style="green")
        if d.status == "cancelled":
            t.append(S.NUMBER_CANCELLED_LINE.format(reason=d.cancel_reason) + "\n", style="bold red")
        if self.missing:
            section(t, S.MISSING_TITLE)
            for m in self.missing:
                t.append(f"  - {m}\n", style="yellow")
        elif d.status == "reserved":
            section(t, S.READY_TITLE)
        section(t, S.ATTACHMENTS)
        if d.is_secret:
            t.append(S.SECRET_NO_FILES + "\n", style="italic")
        if not self.atts:
            t.append(S.NO_ATTACHMENTS + "\n")
        for i, a in enumerate(self.atts, 1):
            t.append(attachment_line(i, a) + "\n", style="bright_black" if a.removed else "")
        return t

    def hint(self) -> str:
        return S.OUTGOING_DETAIL_HINT

    def check_action(self, action: str, parameters) -> bool | None:
        if self.doc is not None and self.doc.status == "issued" and action in ("issue",
                                                                               "cancel_number"):
            return False
        return super().check_action(action, parameters)

    def action_sign(self) -> None:
        try:
            documents.check_may_sign(self.app.actor, self.doc.id)
        except VanphongError as e:
            self.app.show_error(e)
            return
        self.app.push_screen(SignDialog(self.doc, self.app.today()), self.after)

    def action_edit(self) -> None:
        self.app.push_screen(OutgoingForm(self.doc))

    def action_issue(self) -> None:
        doc = self.doc

        def issue() -> None:
            d = documents.issue_outgoing(self.app.actor, doc.id)
            self.app.notify(S.ISSUED.format(symbol=d.symbol))
            self.refresh_detail()
        self.app.confirm(S.ISSUE_QUESTION.format(symbol=doc.symbol), issue)

    def action_stamp(self) -> None:
        stamp(self.app, self.doc, self.after)

    def action_cancel_number(self) -> None:
        self.cancel_with_reason(S.CANCEL_NUMBER_TITLE.format(symbol=self.doc.symbol),
                                S.CANCEL_NUMBER_QUESTION, documents.cancel_outgoing,
                                lambda d: S.NUMBER_CANCELLED.format(symbol=d.symbol))
