"""Hồ sơ: the dossiers of the office (code, title, year, retention, handover-to-archive due
date = end of the work + 1 year). Q (or the filters) shows only those overdue for handover;
F7/N opens a new one. Its detail lists the documents in it (Enter opens one); F7/S corrects it,
K records that the work ended, L that it was handed over to the archive, R takes a document
out (with a reason). A document goes in from its own screen (L)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from models import documents, dossiers
from models.documents import Incoming
from models.text import format_date, nfc

from .. import strings as S
from ..widgets.dialogs import FormDialog
from ..widgets.fields import DateField, IntField, RequiredText, TextField, clean_fields
from .parts.columns import ColSpec
from .parts.detail import DetailScreen, kv
from .parts.dialogs import ReasonDialog
from .parts.filters import FilterSpec
from .parts.listing import RegisterListScreen


DOSSIER_COLUMNS = [ColSpec(0, S.COL_CODE, 9), ColSpec(1, S.COL_TITLE, 0), ColSpec(2, S.COL_YEAR, 4),
                   ColSpec(3, S.COL_RETENTION, 9, optional=True), ColSpec(4, S.COL_HANDOVER_DUE, 11),
                   ColSpec(5, S.COL_STATE, 16)]
DOSSIER_FILTERS = [FilterSpec("year", S.FIELD_YEAR, "year"),
                   FilterSpec("overdue", S.FILTER_OVERDUE_DOSSIERS, "bool")]


_STATE = dossiers.DossierSource.column("state")


def decorate_dossier(cells: list) -> list:
    if "overdue" in cells[_STATE].flags:
        cells[_STATE] = Text(S.FILTER_OVERDUE_DOSSIERS, style="bold red", no_wrap=True, overflow="ellipsis")
    return cells


class DossierScreen(RegisterListScreen):
    TITLE_VI = S.AREA_DOSSIERS
    HINT = S.DOSSIER_HINT
    SOURCE = dossiers.DossierSource
    COLUMNS = DOSSIER_COLUMNS
    FILTERS = DOSSIER_FILTERS
    BINDINGS = [Binding("f7,n", "new", S.KEY_NEW, key_display="F7"),
                Binding("q", "toggle_overdue", S.FILTER_OVERDUE_DOSSIERS, key_display="Q")]

    def decorate(self, cells: list) -> list:
        return decorate_dossier(cells)

    def open_record(self, key) -> None:
        open_dossier(self.app, int(key[-1]))

    def action_new(self) -> None:
        def done(d) -> None:
            if d is not None:
                self.app.push_screen(DossierDetail(d.id))
        self.app.push_screen(DossierDialog(None, self.app.today()), done)

    def action_toggle_overdue(self) -> None:
        if self.filters.pop("overdue", None):
            self.filter_labels = [x for x in self.filter_labels if x != S.FILTER_OVERDUE_DOSSIERS]
        else:
            self.filters["overdue"] = True
            self.filter_labels.append(S.FILTER_OVERDUE_DOSSIERS)
        self.apply_filter(self.filter_text)


def open_dossier(app, ref: int) -> None:
    dossiers.get_dossier(ref)
    app.push_screen(DossierDetail(ref))


class DossierDialog(FormDialog):
    """A new dossier (``dossier`` None) or a correction of one."""

    AUTO_FOCUS = ".dialog-form Input"

    def __init__(self, dossier, today):
        super().__init__(S.DOSSIER_EDIT_TITLE.format(code=dossier.code) if dossier else S.DOSSIER_NEW_TITLE)
        self.dossier, self.today = dossier, today

    def compose_body(self) -> ComposeResult:
        d = self.dossier
        if d is None:
            yield IntField(S.FIELD_YEAR, "year", value=self.today.year, minimum=1945, maximum=2100)
            yield RequiredText(S.FIELD_DOSSIER_CODE, "code", value=dossiers.next_code(self.today.year),
                               max_len=40)
        yield RequiredText(S.FIELD_DOSSIER_TITLE, "title", value=d.title if d else "", max_len=500)
        yield TextField(S.FIELD_RETENTION, "retention", value=d.retention_label if d else "vĩnh viễn",
                        placeholder=S.FIELD_RETENTION_PH)
        yield TextField(S.FIELD_KEEPER, "keeper",
                        value=d.keeper if d else getattr(self.app.actor, "full_name", ""))
        yield DateField(S.FIELD_WORK_ENDED, "work_ended_on", value=d.work_ended_on if d else None,
                        required=False)
        yield TextField(S.FIELD_NOTES, "notes", value=d.notes if d else "")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        actor = self.app.actor
        if self.dossier is None:
            d = dossiers.create_dossier(actor, v["code"], v["title"], v["year"], v["retention"],
                                        keeper=v["keeper"], work_ended_on=v["work_ended_on"],
                                        notes=v["notes"])
            self.app.notify(S.DOSSIER_CREATED.format(code=d.code))
        else:
            d = dossiers.update_dossier(actor, self.dossier.id, title=v["title"],
                                        retention=v["retention"], keeper=v["keeper"],
                                        work_ended_on=v["work_ended_on"], notes=v["notes"])
            self.app.notify(S.DOSSIER_SAVED.format(code=d.code))
        return d


def doc_line(doc) -> str:
    if isinstance(doc, Incoming):
        return S.DOSSIER_DOC_IN.format(no=f"{doc.arrival_no}/{doc.year}", date=format_date(doc.arrived_at),
                                       summary=documents.shown_summary(doc))
    return S.DOSSIER_DOC_OUT.format(symbol=doc.symbol, date=format_date(doc.doc_date),
                                    summary=documents.shown_summary(doc))


class DossierDetail(DetailScreen):
    AUTO_FOCUS = "#dossier-docs"
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("f7,s", "edit", S.KEY_EDIT, key_display="F7"),
                Binding("k", "close_work", S.KEY_CLOSE_WORK, key_display="K"),
                Binding("l", "hand_over", S.KEY_HAND_OVER, key_display="L"),
                Binding("r", "remove_doc", S.KEY_REMOVE_DOC, key_display="R", show=False)]

    def __init__(self, dossier_id: int):
        super().__init__()
        self.dossier_id = dossier_id
        self.docs: list = []

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static("", id="detail-body")
        yield OptionList(id="dossier-docs", markup=False)
        yield Static("", id="detail-hint", classes="hint", markup=False)

    def load(self) -> None:
        self.dossier = dossiers.get_dossier(self.dossier_id)
        self.docs = [d for d in dossiers.documents_in(self.dossier)
                     if not getattr(d, "is_secret", False) or self.app.actor.can("secret.view")]
        self.set_title(S.DOSSIER_DETAIL_TITLE.format(code=self.dossier.code))
        ol = self.query_one("#dossier-docs", OptionList)
        ol.clear_options()
        if self.docs:
            ol.add_options([Option(doc_line(d), id=str(i)) for i, d in enumerate(self.docs)])
            ol.highlighted = 0
        else:
            ol.add_option(Option(S.DOSSIER_EMPTY, disabled=True))

    def render_body(self) -> Text:
        d = self.dossier
        t = Text()
        t.append(f"{d.code} — {d.title}\n", style="bold")
        kv(t, S.FIELD_YEAR, d.year)
        kv(t, S.FIELD_RETENTION, d.retention_label)
        kv(t, S.FIELD_KEEPER, d.keeper or "—")
        kv(t, S.FIELD_WORK_ENDED, format_date(d.work_ended_on) or S.WORK_GOING_ON)
        due = format_date(d.handover_due) or "—"
        overdue = d.is_overdue(self.app.today())
        kv(t, S.COL_HANDOVER_DUE, due + (f" — {S.OVERDUE_SHORT}" if overdue else ""),
           style="bold red" if overdue else "")
        kv(t, S.COL_STATE, d.state_label)
        if d.notes:
            kv(t, S.FIELD_NOTES, d.notes)
        t.append(S.DOSSIER_DOCS.format(n=len(self.docs)), style="bold cyan")
        return t

    def hint(self) -> str:
        return S.DOSSIER_DETAIL_HINT

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        doc = self.docs[int(event.option.id)]
        if isinstance(doc, Incoming):
            from .incoming import open_incoming
            self.app.run_guarded(open_incoming, self.app, doc.id)
        else:
            from .outgoing import open_outgoing
            self.app.run_guarded(open_outgoing, self.app, doc.id)

    def action_edit(self) -> None:
        self.app.push_screen(DossierDialog(self.dossier, self.app.today()), self.after)

    def action_close_work(self) -> None:
        d = self.dossier

        def do() -> None:
            dossiers.close_work(self.app.actor, d.id, self.app.today())
            self.refresh_detail()
        self.app.confirm(S.CLOSE_WORK_Q.format(code=d.code, date=format_date(self.app.today())), do)

    def action_hand_over(self) -> None:
        d = self.dossier

        def do() -> None:
            dossiers.hand_over(self.app.actor, d.id, self.app.today())
            self.refresh_detail()
        self.app.confirm(S.HAND_OVER_Q.format(code=d.code, date=format_date(self.app.today())), do)

    def action_remove_doc(self) -> None:
        ol = self.query_one("#dossier-docs", OptionList)
        if not self.docs or ol.highlighted is None:
            return
        doc = self.docs[ol.highlighted]

        def reason_given(reason) -> None:
            if reason is None:
                return
            self.app.run_guarded(dossiers.remove_document, self.app.actor, self.dossier.id, doc,
                                 nfc(reason))
            self.refresh_detail()
        self.app.push_screen(ReasonDialog(S.REMOVE_DOC_TITLE.format(doc=doc_line(doc)[:40]),
                                          S.REMOVE_DOC_QUESTION), reason_given)
