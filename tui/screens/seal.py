"""Sổ con dấu: the seal log (every stamping of a signed outgoing document) and the seal's
handovers, one list at a time (T switches). F7/N records a stamping (choose the document;
an unsigned one is refused with the reason) or a handover. Enter on a stamping opens its
document. F6/I prints and X exports the list shown: the seal log (sổ theo dõi sử dụng con
dấu) or the book of handovers."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from models import documents, seal

from .. import strings as S
from ..widgets.dialogs import FormDialog
from ..widgets.fields import DateField, RequiredText, TextField, clean_fields
from .outgoing import open_outgoing
from .parts.columns import ColSpec
from .parts.filters import FilterSpec
from .parts.listing import RegisterListScreen
from .stamping import stamp


USE_COLUMNS = [ColSpec(0, S.COL_STAMPED_ON, 13), ColSpec(1, S.COL_DOCUMENT, 19),
               ColSpec(2, S.COL_SIGNER, 0), ColSpec(3, S.COL_STAMPED_BY, 14),
               ColSpec(4, S.COL_COPIES, 6, "right")]
HANDOVER_COLUMNS = [ColSpec(0, S.COL_HANDED_ON, 13), ColSpec(1, S.COL_FROM, 16), ColSpec(2, S.COL_TO, 16),
                    ColSpec(3, S.COL_WITNESS, 16, optional=True), ColSpec(4, S.COL_REASON, 0)]


class SealScreen(RegisterListScreen):
    TITLE_VI = S.AREA_SEAL
    TAKES_TODAY = False
    BINDINGS = [Binding("f7,n", "new", S.KEY_NEW, key_display="F7"),
                Binding("t", "switch", S.KEY_SWITCH, key_display="T")]
    KIND = "seal"

    def __init__(self, view: str = "uses"):
        super().__init__()
        self.view = view

    def on_mount(self) -> None:
        self.set_view(self.view, load=False)

    def set_view(self, view: str, load: bool = True) -> None:
        self.view = view
        self.filters, self.filter_labels = {}, []
        if view == "uses":
            self.KIND = "seal"
            self.SOURCE, self.COLUMNS = seal.SealSource, USE_COLUMNS
            self.FILTERS = [FilterSpec("year", S.FIELD_YEAR, "year")]
            title = S.SEAL_USES_TITLE
        else:
            self.KIND = "seal_handovers"
            self.SOURCE, self.COLUMNS = seal.SealHandoverSource, HANDOVER_COLUMNS
            self.FILTERS = []
            title = S.SEAL_HANDOVERS_TITLE
        self.set_title(title)
        keeper = seal.current_keeper()
        self.HINT = S.SEAL_HINT.format(keeper=keeper or S.SEAL_NO_KEEPER)
        self.refresh_bindings()
        if load:
            self.apply_filter(self.filter_text)

    def action_switch(self) -> None:
        self.set_view("handovers" if self.view == "uses" else "uses")

    def open_record(self, key) -> None:
        if self.view != "uses":
            return
        use = self.table.source.source.get(key)
        open_outgoing(self.app, use.outgoing_id)

    def action_new(self) -> None:
        if self.view == "uses":
            pick_and_stamp(self.app, lambda r: self.set_view("uses"))
        else:
            self.app.push_screen(HandoverDialog(self.app.today()),
                                 lambda r: r is not None and self.set_view("handovers"))


def pick_and_stamp(app, done) -> None:
    """F7/N in the seal log: choose the document first (signed ones are listed first)."""
    from ..widgets.picker import PickerDialog

    def lookup(t: str):
        rows = documents.OutgoingSource(app.actor, t or None, status=["reserved", "issued"],
                                        today=app.today()).rows(None, 30)
        return [(d.id, S.PICK_OUTGOING_LINE.format(symbol=d.symbol, summary=d.summary or "—",
                                                   signer=d.signer or S.NOT_SIGNED))
                for d in rows]

    def chosen(doc_id) -> None:
        if doc_id is not None:
            app.run_guarded(stamp, app, documents.get_outgoing(doc_id), done)
    app.push_screen(PickerDialog(S.PICK_OUTGOING, lookup), chosen)


class HandoverDialog(FormDialog):
    TITLE_VI = S.HANDOVER_TITLE
    AUTO_FOCUS = ".dialog-form Input"

    def __init__(self, today):
        super().__init__()
        self.today = today

    def compose_body(self) -> ComposeResult:
        yield RequiredText(S.FIELD_HANDOVER_FROM, "from_person", value=seal.current_keeper() or "")
        yield RequiredText(S.FIELD_HANDOVER_TO, "to_person")
        yield TextField(S.FIELD_WITNESS, "witness")
        yield DateField(S.FIELD_HANDOVER_DATE, "handed_on", value=self.today)
        yield TextField(S.FIELD_REASON, "reason")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        h = seal.record_handover(self.app.actor, v["from_person"], v["to_person"],
                                 handed_on=v["handed_on"], witness=v["witness"], reason=v["reason"])
        self.app.notify(S.HANDOVER_DONE.format(to=h.to_person))
        return h
