"""Sổ văn bản mật: Mật, Tối mật and Tuyệt mật documents, metadata only (no file, no text on a
networked computer) — for those allowed to see it (secret.view). T switches between incoming
and outgoing; F7/N adds one (secrecy Mật by default); Enter opens it. Files are refused:
attaching says why. F6/I prints and X exports the book shown (sổ đăng ký văn bản mật đến or đi)."""
from __future__ import annotations

from textual.binding import Binding

from models import documents

from .. import strings as S
from .parts.columns import ViewSource, fit_columns
from .parts.documents import DocumentRegisterScreen
from .incoming import INCOMING_COLUMNS, INCOMING_FILTERS, decorate_incoming
from .outgoing import OUTGOING_COLUMNS, OUTGOING_FILTERS, decorate_outgoing


class SecretScreen(DocumentRegisterScreen):
    TITLE_VI = S.SECRET_INCOMING_TITLE
    BINDINGS = [Binding("f7,n", "new", S.KEY_NEW, key_display="F7"),
                Binding("t", "switch", S.KEY_SWITCH, key_display="T")]
    KIND = "secret_incoming"

    def __init__(self, which: str = "incoming"):
        super().__init__()
        self.which = which
        self.HINT = S.SECRET_HINT

    def on_mount(self) -> None:
        self.set_which(self.which, load=False)

    def set_which(self, which: str, load: bool = True) -> None:
        self.which = which
        self.KIND = f"secret_{which}"
        self.filters, self.filter_labels = {}, []
        self.FILTERS = INCOMING_FILTERS if which == "incoming" else OUTGOING_FILTERS
        title = S.SECRET_INCOMING_TITLE if which == "incoming" else S.SECRET_OUTGOING_TITLE
        self.set_title(title)
        self.refresh_bindings()
        if load:
            self.apply_filter(self.filter_text)

    def make_source(self, text: str):
        kw = self.source_kwargs()
        if self.which == "incoming":
            src = documents.IncomingSource(self.app.actor, text or None, secret=True, **kw)
            return ViewSource(src, fit_columns(INCOMING_COLUMNS, self.app.size.width), decorate_incoming)
        src = documents.OutgoingSource(self.app.actor, text or None, secret=True, **kw)
        return ViewSource(src, fit_columns(OUTGOING_COLUMNS, self.app.size.width), decorate_outgoing)

    def action_switch(self) -> None:
        self.set_which("outgoing" if self.which == "incoming" else "incoming")

    def open_document(self, doc_id: int) -> None:
        if self.which == "incoming":
            from .incoming import open_incoming
            open_incoming(self.app, doc_id)
        else:
            from .outgoing import open_outgoing
            open_outgoing(self.app, doc_id)

    def action_new(self) -> None:
        if self.which == "incoming":
            from .incoming import IncomingForm
            self.app.push_screen(IncomingForm(secrecy="Mật"))
        else:
            from .outgoing import reserve
            reserve(self.app, secrecy="Mật")
