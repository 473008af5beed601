"""Stamping a signed outgoing document with the seal (sổ theo dõi sử dụng con dấu): what D on
the document's detail and F7/N in the seal log both open. It sits below both screens, so the
outgoing register and the seal log each import it and neither imports the other's module back."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from models import seal

from .. import strings as S
from ..widgets.dialogs import FormDialog
from ..widgets.fields import DateField, IntField, TextField, clean_fields


def stamp(app, doc, done) -> None:
    """D on an outgoing document: refused at once, with the reason, when it is not signed."""
    from models import users
    users.require(app.actor, "seal.use")
    refusal = seal.stamp_refusal(doc)
    if refusal:
        app.show_error(refusal, S.SEAL_REFUSED_TITLE)
        return
    app.push_screen(SealUseDialog(doc, app.today()), done)


class SealUseDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form Input"

    def __init__(self, doc, today):
        super().__init__(S.SEAL_USE_TITLE.format(symbol=doc.symbol))
        self.doc, self.today = doc, today

    def compose_body(self) -> ComposeResult:
        yield Static(S.SEAL_USE_INTRO.format(symbol=self.doc.symbol, signer=self.doc.signer),
                     classes="question", markup=False)
        yield IntField(S.FIELD_SEAL_COPIES, "copies", value=self.doc.copies or "", minimum=1,
                       maximum=100000)
        yield DateField(S.FIELD_SEAL_DATE, "used_on", value=self.today)
        yield TextField(S.FIELD_STAMPED_BY, "stamped_by", value=getattr(self.app.actor, "full_name", ""))
        yield TextField(S.FIELD_NOTES, "notes")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        u = seal.record_use(self.app.actor, self.doc.id, v["copies"], used_on=v["used_on"],
                            stamped_by=v["stamped_by"], notes=v["notes"], today=self.app.today())
        self.app.notify(S.SEAL_USED_DONE.format(symbol=u.symbol, copies=u.copies))
        return u
