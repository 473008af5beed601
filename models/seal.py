"""The seal log (sổ theo dõi sử dụng con dấu) and seal handovers.

The clerk keeps the seal and stamps only documents already signed by the competent person,
never blank sheets: every use points at an outgoing document, and a use for a document without
a signer (or whose number was cancelled) is refused.
"""
from __future__ import annotations

import datetime as _dt

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from . import audit, labels, users
from .db import BaseModel, db
from .documents import Outgoing, _as_date, _as_int, get_outgoing, signature_refusal
from .errors import ValidationError
from .registers import DataSource, _search_ids, id_filter, one_line
from .text import format_date, nfc


class SealUse(BaseModel):
    used_on = DateField(index=True)
    outgoing = ForeignKeyField(Outgoing, backref="seal_uses", on_delete="RESTRICT")
    symbol = CharField()                 # as it was: 15-BC/ĐU
    signer = CharField()                 # người ký, copied from the document
    stamped_by = CharField()             # người đóng dấu
    copies = IntegerField()              # số bản đóng dấu
    notes = TextField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "seal_use"


class SealHandover(BaseModel):
    handed_on = DateField(index=True)
    from_person = CharField()
    to_person = CharField()
    witness = CharField(default="")
    reason = TextField(default="")
    notes = TextField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "seal_handover"


SEAL_MODELS = [SealUse, SealHandover]


def stamp_refusal(doc: Outgoing) -> str | None:
    """Why this outgoing document may not be stamped now (Vietnamese), or None: the seal goes
    only on a document already signed by the competent person, never on a blank sheet."""
    if doc.status == "cancelled":
        return f"Số {doc.symbol} đã hủy: không đóng dấu."
    if not nfc(doc.signer):
        return (f"Văn bản {doc.symbol} chưa có người ký: chỉ đóng dấu văn bản đã được "
                "người có thẩm quyền ký, không đóng dấu khống.")
    if doc.signed_on is None:
        return f"Văn bản {doc.symbol} chưa ghi ngày ký: chỉ đóng dấu văn bản đã ký."
    blank = signature_refusal(doc)
    if blank:
        return blank[0].replace("không ký khống", "không đóng dấu khống")
    return None


def record_use(actor, outgoing, copies, *, used_on=None, stamped_by: str = "",
               notes: str = "", today: _dt.date | None = None) -> SealUse:
    """Log one stamping of a signed outgoing document: never a blank, never dated ahead."""
    users.require(actor, "seal.use")
    n = _as_int(copies, "copies", "Số bản đóng dấu")
    if not n:
        raise ValidationError("Số bản đóng dấu phải từ 1 trở lên.", "copies")
    today = today or _dt.date.today()
    used_on = _as_date(used_on, "used_on") or today
    if used_on > today:
        raise ValidationError(f"Ngày đóng dấu {format_date(used_on)} chưa đến (hôm nay "
                              f"{format_date(today)}): chỉ ghi lần đóng dấu đã làm.", "used_on")
    stamped_by = nfc(stamped_by) or getattr(actor, "full_name", "") or audit.actor_name(actor)
    with db.atomic():
        d = get_outgoing(outgoing.id if isinstance(outgoing, Outgoing) else outgoing)
        refusal = stamp_refusal(d)
        if refusal:
            raise ValidationError(refusal, "outgoing")
        if used_on < d.signed_on:
            raise ValidationError(f"Ngày đóng dấu ({format_date(used_on)}) trước ngày ký "
                                  f"({format_date(d.signed_on)}).", "used_on")
        u = SealUse.create(used_on=used_on, outgoing=d, symbol=d.symbol, signer=d.signer,
                           stamped_by=stamped_by, copies=n, notes=nfc(notes))
        audit.log_change(actor, "create", u)
        return u


def record_handover(actor, from_person: str, to_person: str, *, handed_on=None, witness: str = "",
                    reason: str = "", notes: str = "") -> SealHandover:
    """Record that the seal passed from one keeper to another."""
    users.require(actor, "seal.handover")
    from_person, to_person = nfc(from_person), nfc(to_person)
    if not from_person or not to_person:
        raise ValidationError("Ghi rõ người giao và người nhận con dấu.",
                              "to_person" if from_person else "from_person")
    if from_person == to_person:
        raise ValidationError("Người giao và người nhận con dấu phải khác nhau.", "to_person")
    handed_on = _as_date(handed_on, "handed_on") or _dt.date.today()
    with db.atomic():
        h = SealHandover.create(handed_on=handed_on, from_person=from_person, to_person=to_person,
                                witness=nfc(witness), reason=nfc(reason), notes=nfc(notes))
        audit.log_change(actor, "create", h)
        return h


def current_keeper() -> str | None:
    h = SealHandover.select().order_by(SealHandover.handed_on.desc(), SealHandover.id.desc()).first()
    return h.to_person if h else None


def uses_for(outgoing) -> list[SealUse]:
    oid = outgoing.id if isinstance(outgoing, Outgoing) else int(outgoing)
    return list(SealUse.select().where(SealUse.outgoing == oid).order_by(SealUse.id))


def handovers() -> list[SealHandover]:
    return list(SealHandover.select().order_by(SealHandover.handed_on.desc(), SealHandover.id.desc()))


def _describe_seal_use(record_id: str) -> str:
    u = SealUse.get_by_id(int(record_id))
    return f"đóng dấu văn bản {u.symbol}"


def _describe_seal_handover(record_id: str) -> str:
    h = SealHandover.get_by_id(int(record_id))
    return f"bàn giao con dấu {h.from_person} → {h.to_person}"


audit.register_describer("seal_use", _describe_seal_use)       # the audit log names the entry
audit.register_describer("seal_handover", _describe_seal_handover)


# --- the seal log and the handovers as lists ----------------------------------------------------
class SealSource(DataSource):
    kind = "seal"
    title = "Sổ đóng dấu"
    columns = [labels.STAMPED_ON, labels.STAMPED_DOCUMENT, labels.SIGNER, labels.STAMPED_BY, labels.COPIES]
    widths = [10, 14, 0, 18, 6]

    def __init__(self, actor, text: str | None = None, *, year: int | None = None):
        super().__init__(actor)
        self.year = year
        kinds = ["outgoing", "secret_outgoing"] if users.can(actor, "secret.view") else ["outgoing"]
        self.ids = _search_ids(text, kinds)      # by the stamped document

    def query(self):
        q = SealUse.select()
        if self.ids is not None:
            q = q.where(id_filter(SealUse.outgoing, self.ids))
        if self.year:
            y = int(self.year)
            q = q.where((SealUse.used_on >= _dt.date(y, 1, 1)) & (SealUse.used_on <= _dt.date(y, 12, 31)))
        return q

    def order_fields(self):
        return [SealUse.used_on, SealUse.id]

    def cells(self, u: SealUse) -> list[str]:
        return [format_date(u.used_on), u.symbol, u.signer, u.stamped_by, str(u.copies)]


class SealHandoverSource(DataSource):
    kind = "seal_handover"
    title = "Bàn giao con dấu"
    columns = [labels.HANDED_ON, labels.HANDED_BY, labels.HANDED_TO, labels.WITNESS, labels.REASON]
    widths = [10, 18, 18, 18, 0]

    def __init__(self, actor, text: str | None = None):
        super().__init__(actor)
        self.text = nfc(text)

    def query(self):
        if self.text:
            return SealHandover.select().where(SealHandover.from_person.contains(self.text)
                                               | SealHandover.to_person.contains(self.text)
                                               | SealHandover.reason.contains(self.text))
        return SealHandover.select()

    def order_fields(self):
        return [SealHandover.handed_on, SealHandover.id]

    def cells(self, h: SealHandover) -> list[str]:
        return [format_date(h.handed_on), h.from_person, h.to_person, h.witness, one_line(h.reason)]
