"""The documents' tables, how one is fetched, who may see it, and what the audit log and
the search index keep of it (a secret document's protected fields never reach either)."""
from __future__ import annotations

import datetime as _dt

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField)

from .. import audit, search, users
from ..contacts import Contact
from ..db import BaseModel
from ..errors import ValidationError
from ..terms import Term
from ..text import format_date, nfc
from ..writes import get_or_refuse
from .common import (DEFAULT_DOC_TYPES, INCOMING_STATUS, OUTGOING_STATUS, PROTECTED, SECRET_LEVELS,
                     SECRET_TEXT_REFUSED, is_secret)


class _RegisteredDocument:
    """What incoming and outgoing documents share: a status shown by its label, and secrecy."""
    STATUS_LABELS: dict[str, str] = {}
    status: str     # for the type checker only: each model's own CharField
    secrecy: str

    @property
    def status_label(self) -> str:
        return self.STATUS_LABELS.get(self.status, self.status)

    @property
    def is_secret(self) -> bool:
        return is_secret(self.secrecy)


class StoredFile(BaseModel):
    """One file content in the office's file store (by SHA-256)."""
    sha256 = CharField(unique=True)
    rel_path = CharField()
    size = IntegerField()
    mime = CharField(default="")
    pages = IntegerField(null=True)
    text = TextField(default="")          # extracted text layer, for search and preview
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "stored_file"


class Incoming(_RegisteredDocument, BaseModel):
    year = IntegerField()                            # numbering year of the arrival number
    book = CharField(default="")                     # "" the ordinary book, "secret" the secret one
    arrival_no = IntegerField()                      # số đến (in its book)
    arrived_at = DateTimeField()                     # ngày, giờ đến
    registered_at = DateTimeField(default=_dt.datetime.now)
    sender = CharField(default="")                   # tác giả / nơi gửi (as shown)
    sender_contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="+")
    doc_number = CharField(default="")               # số, ký hiệu of the sender
    doc_date = DateField(null=True)
    doc_type = CharField(default="")                 # tên loại
    summary = TextField(default="")                  # trích yếu
    summary_consent = BooleanField(default=False)    # Tuyệt mật: summary recorded with consent
    urgency = CharField(default="Thường")
    secrecy = CharField(default="Thường", index=True)
    pages = IntegerField(null=True)
    copies = IntegerField(null=True)
    handler = CharField(default="")                  # người/đơn vị nhận xử lý (as shown)
    handler_contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="+")
    deadline = DateField(null=True, index=True)      # hạn xử lý
    transferred_at = DateTimeField(null=True)        # ngày chuyển
    received_by = CharField(default="")              # ký nhận: who signed for it
    status = CharField(default="pending", index=True)
    status_changed_at = DateTimeField(null=True)
    source = CharField(default="manual")             # manual | scan
    notes = TextField(default="")
    cancel_reason = TextField(default="")

    class Meta:
        table_name = "incoming"
        indexes = ((("year", "book", "arrival_no"), True),
                   (("arrived_at",), False))

    STATUS_LABELS = INCOMING_STATUS

    @property
    def late_warning(self) -> str | None:
        from .incoming import late_registration_warning  # the rule lives with the register
        return late_registration_warning(self.arrived_at, self.registered_at)

    @property
    def number_label(self) -> str:
        return str(self.arrival_no)


class IncomingStatusChange(BaseModel):
    """Each step of an incoming document, with its date (chờ xử lý → … → lưu hồ sơ)."""
    incoming = ForeignKeyField(Incoming, backref="steps", on_delete="CASCADE")
    status = CharField()
    at = DateTimeField()
    username = CharField(default="")
    note = TextField(default="")
    incoming_id: int   # for the type checker only: no value, so no field

    class Meta:
        table_name = "incoming_step"

    @property
    def status_label(self) -> str:
        return INCOMING_STATUS.get(self.status, self.status)


class DocType(BaseModel):
    """The editable table of type abbreviations (NQ, QĐ, BC …)."""
    code = CharField(unique=True)
    name = CharField()
    active = BooleanField(default=True)
    position = IntegerField(default=0)

    class Meta:
        table_name = "doc_type"


class Outgoing(_RegisteredDocument, BaseModel):
    term = ForeignKeyField(Term, null=True, backref="+", on_delete="RESTRICT")  # the number's term
    term_start = DateField()                         # mirror of the term's start (models.terms)
    body_abbr = CharField()                          # ĐU
    series = CharField()                             # type code, or CONGRESS_SERIES
    type_code = CharField()                          # BC
    number = IntegerField()
    symbol = CharField(index=True)                   # 15-BC/ĐU
    congress = BooleanField(default=False)
    doc_date = DateField(index=True)                 # ngày tháng văn bản
    summary = TextField(default="")                  # trích yếu (V/v … for công văn)
    summary_consent = BooleanField(default=False)
    content = TextField(default="")                  # text of the document, when kept here
    content_on_paper = BooleanField(default=False)   # the content exists on the paper original
    signer = CharField(default="")                   # người ký (as shown)
    signer_contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="+")
    signer_position = CharField(default="")          # BÍ THƯ / PHÓ BÍ THƯ
    authority = CharField(default="")                # "", T/M, K/T, T/L
    authority_of = CharField(default="")             # ĐẢNG ỦY (T/M ĐẢNG ỦY), BÍ THƯ (K/T BÍ THƯ)
    signed_on = DateField(null=True)
    recipients = TextField(default="")               # nơi nhận, one per line (as shown)
    copies = IntegerField(null=True)                 # số lượng bản
    filed_in = CharField(default="")                 # nơi lưu
    urgency = CharField(default="Thường")
    secrecy = CharField(default="Thường", index=True)
    notes = TextField(default="")
    status = CharField(default="reserved", index=True)
    issued_at = DateTimeField(null=True)
    cancel_reason = TextField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)
    created_by = CharField(default="")
    # not a column: what reserve_number tells the screen (a late paper of a term that has ended)
    notice: str | None = None

    class Meta:
        table_name = "outgoing"
        indexes = ((("body_abbr", "series", "term_start", "number"), True),
                   (("body_abbr", "series", "term", "number"), True))

    STATUS_LABELS = OUTGOING_STATUS

    @property
    def number_label(self) -> str:
        return self.symbol

    def recipient_list(self) -> list[str]:
        return [r for r in self.recipients.split("\n") if r.strip()]

    def authority_lines(self) -> list[str]:
        """The signature block's first lines: ['T/M ĐẢNG ỦY', 'BÍ THƯ']."""
        pos = nfc(self.signer_position).upper()
        if self.authority:
            return [f"{self.authority} {nfc(self.authority_of).upper()}".strip(), pos]
        return [pos] if pos else []


class OutgoingRecipient(BaseModel):
    outgoing = ForeignKeyField(Outgoing, backref="recipient_rows", on_delete="CASCADE")
    outgoing_id: int   # for the type checker only: no value, so no field
    position = IntegerField(default=0)
    name = CharField()                               # as shown: "Ban Tổ chức Tỉnh ủy"
    contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        table_name = "outgoing_recipient"


class Attachment(BaseModel):
    incoming = ForeignKeyField(Incoming, null=True, backref="attachments", on_delete="RESTRICT")
    outgoing = ForeignKeyField(Outgoing, null=True, backref="attachments", on_delete="RESTRICT")
    file = ForeignKeyField(StoredFile, null=True, backref="uses", on_delete="RESTRICT")
    sha256 = CharField(default="", index=True)       # kept after the file is purged
    size = IntegerField(null=True)
    original_name = CharField()
    added_at = DateTimeField(default=_dt.datetime.now)
    removed = BooleanField(default=False)
    removed_reason = TextField(default="")
    removed_at = DateTimeField(null=True)
    incoming_id: int | None   # for the type checker only: no value, so no field
    outgoing_id: int | None

    class Meta:
        table_name = "attachment"


REGISTER_MODELS = [StoredFile, DocType, Incoming, IncomingStatusChange, Outgoing,
                   OutgoingRecipient, Attachment]


def install(database) -> None:
    """Fill the type table with the defaults (once; the user edits it afterwards)."""
    if not database.table_exists("doc_type"):
        return
    if DocType.select().exists():
        return
    for i, (code, name) in enumerate(DEFAULT_DOC_TYPES):
        DocType.create(code=code, name=name, position=i)


# --- what the audit log and the index need of a document ----------------------------
def _secret_content_rule(doc: "Outgoing", clean: dict) -> None:
    """A secret outgoing document keeps no text: typed text is refused; a document raised to
    secret gives its text up (the paper original has it)."""
    if not doc.is_secret or not nfc(doc.content):
        return
    if "content" in clean:
        raise ValidationError(SECRET_TEXT_REFUSED, "content")
    doc.content = ""
    doc.content_on_paper = True


def _hidden(doc, before: dict | None = None) -> tuple[str, ...]:
    """The fields the audit log hides for this change: a secret document's (or one that was)."""
    if doc.is_secret or (before is not None and is_secret(before.get("secrecy"))):
        return PROTECTED[doc._meta.table_name]
    return ()


def _log(actor, action: str, doc, before: dict | None = None) -> None:
    audit.log_change(actor, action, doc, before, hide=_hidden(doc, before))


def _log_correction(actor, obj, before: dict, reason: str) -> None:
    after = audit.snapshot(obj)
    old = {k: v for k, v in before.items() if after.get(k) != v}
    if not old:
        return
    new = {k: after[k] for k in old}
    hide = _hidden(obj, before)
    shown_old, shown_new = audit.redact(old, hide), audit.redact(new, hide)
    assert shown_old is not None and shown_new is not None      # dicts in, dicts out
    if reason:
        shown_new["_reason"] = reason
    audit.append(actor, "update", obj._meta.table_name, obj.id, shown_old, shown_new)


def _hide_earlier_text(actor, doc) -> None:
    """Raised to secret: its text written in earlier entries (while it was ordinary) is hidden;
    the log is re-anchored and says so."""
    table = doc._meta.table_name
    audit.redact_history(actor, {(table, str(doc.id)): PROTECTED[table]},
                         f"văn bản {doc.number_label} được nâng độ mật lên {doc.secrecy}: ẩn nội "
                         "dung trong nhật ký")


def _tuyet_mat_rule(doc) -> None:
    """Tuyệt mật: the summary is recorded only when consent was given."""
    if doc.secrecy == "Tuyệt mật" and not doc.summary_consent and nfc(doc.summary):
        raise ValidationError("Văn bản Tuyệt mật chỉ ghi trích yếu khi đã có ý kiến đồng ý; "
                              "hãy đánh dấu “Đã được đồng ý ghi trích yếu” hoặc để trống trích yếu.",
                              "summary")


def _deadline_rule(doc) -> None:
    """A handling deadline before the document's own date is a slip of the keys (01/01/2020
    for 01/01/2027): no document asks for work done before it was written. One before its
    arrival is not refused: a document that came late may bring a deadline already past."""
    if doc.deadline is not None and doc.doc_date is not None and doc.deadline < doc.doc_date:
        raise ValidationError(f"Hạn xử lý {format_date(doc.deadline)} trước ngày của văn bản "
                              f"({format_date(doc.doc_date)}): kiểm tra lại hạn.", "deadline")


def get_incoming(doc_id: int) -> Incoming:
    return get_or_refuse(Incoming, doc_id, f"Không tìm thấy văn bản đến (mã {doc_id}).")


def _doc(model, doc_or_id):
    if isinstance(doc_or_id, model):
        return model.get_by_id(doc_or_id.id)   # fresh row inside the transaction
    return get_incoming(doc_or_id) if model is Incoming else get_outgoing(doc_or_id)


def _require_handler_if_secret(actor, d) -> None:
    """A secret document is moved (transferred, cancelled, its status changed) only by the
    people named to the secret book."""
    if d.is_secret:
        users.require(actor, "secret.edit")


def visible(actor, doc) -> bool:
    """Whether ``actor`` may see this document at all (secret ones need secret.view)."""
    if not users.can(actor, "records.view") and not users.can(actor, "intake.run"):
        return False
    return not doc.is_secret or users.can(actor, "secret.view")


def visible_only(actor, query, model=None):
    """``query`` narrowed to the documents ``visible`` lets ``actor`` see: the same rule as a
    query, for every list, panel and count (``model``: Incoming unless the query is of Outgoing)."""
    model = model or Incoming
    if not users.can(actor, "records.view") and not users.can(actor, "intake.run"):
        return query.where(model.id.is_null())          # nothing
    if users.can(actor, "secret.view"):
        return query
    return query.where(model.secrecy.not_in(SECRET_LEVELS))


def require_visible(actor, doc) -> None:
    if doc.is_secret:
        users.require(actor, "secret.view")
    else:
        users.require(actor, "records.view")


def get_outgoing(doc_id: int) -> Outgoing:
    return get_or_refuse(Outgoing, doc_id, f"Không tìm thấy văn bản đi (mã {doc_id}).")


def _search_text(doc) -> str:
    """Attachment text, for search: only for non-secret documents."""
    if doc.is_secret:
        return ""
    q = (StoredFile.select(StoredFile.text).join(Attachment)
         .where((Attachment.removed == False)  # noqa: E712
                & ((Attachment.incoming == doc.id) if isinstance(doc, Incoming)
                   else (Attachment.outgoing == doc.id))))
    return " ".join(s.text for s in q)[:20000]


def index_incoming(d: Incoming) -> None:
    search.remove("incoming", d.id)
    search.remove("secret_incoming", d.id)
    if d.is_secret:      # metadata only: no summary, no notes, no file text
        search.index("secret_incoming", d.id, f"Số đến {d.arrival_no}/{d.year} ({d.secrecy})",
                     d.sender, d.doc_number, d.doc_type, d.handler)
        return
    title = f"Số đến {d.arrival_no}/{d.year}: {d.summary or '(chưa có trích yếu)'}"
    search.index("incoming", d.id, title, d.sender, d.doc_number, d.doc_type, d.handler, d.notes,
                 _search_text(d))


def index_outgoing(d: Outgoing) -> None:
    search.remove("outgoing", d.id)
    search.remove("secret_outgoing", d.id)
    recipients = d.recipients.replace("\n", " ")
    if d.is_secret:      # metadata only: no summary, content or notes
        search.index("secret_outgoing", d.id, f"{d.symbol} ({d.secrecy})", d.signer, recipients,
                     d.filed_in, d.type_code)
        return
    title = f"{d.symbol}: {d.summary or '(chưa có trích yếu)'}"
    search.index("outgoing", d.id, title, d.signer, recipients, d.filed_in, d.notes,
                 d.type_code, _search_text(d))


# --- the audit log names these records as a clerk does ----------------------------------------
def _describe_incoming(record_id: str) -> str:
    d = Incoming.get_by_id(int(record_id))
    return f"văn bản đến {d.arrival_no}/{d.year}"


def _describe_outgoing(record_id: str) -> str:
    d = Outgoing.get_by_id(int(record_id))
    return f"văn bản đi {d.symbol}" if d.symbol else f"văn bản đi (mã {d.id})"


def _describe_attachment(record_id: str) -> str:
    a = Attachment.get_by_id(int(record_id))
    owner = (_describe_incoming(str(a.incoming_id)) if a.incoming_id
             else _describe_outgoing(str(a.outgoing_id)) if a.outgoing_id else "")
    return f"tệp “{a.original_name}”" + (f" của {owner}" if owner else "")


def _describe_doc_type(record_id: str) -> str:
    t = DocType.get_by_id(int(record_id))
    return f"loại văn bản {t.name}"


def _describe_incoming_step(record_id: str) -> str:
    """"văn bản đến 12/2026: Đang xử lý" — the step's status, never its note."""
    s = IncomingStatusChange.get_by_id(int(record_id))
    return f"{_describe_incoming(str(s.incoming_id))}: {s.status_label}"


def _describe_outgoing_recipient(record_id: str) -> str:
    r = OutgoingRecipient.get_by_id(int(record_id))
    return f"{_describe_outgoing(str(r.outgoing_id))}: nơi nhận {r.name}"


audit.register_describer("incoming", _describe_incoming)
audit.register_describer("outgoing", _describe_outgoing)
audit.register_describer("attachment", _describe_attachment)
audit.register_describer("doc_type", _describe_doc_type)
audit.register_describer("incoming_step", _describe_incoming_step)
audit.register_describer("outgoing_recipient", _describe_outgoing_recipient)
