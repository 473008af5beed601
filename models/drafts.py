"""Drafting an outgoing document (giúp cấp ủy xây dựng văn bản).

A draft holds what the document will say: its type (a code of the type table: CV, BC, KH …),
its summary (trích yếu; for a công văn the "V/v …"), its body, its recipients (one per line),
its signer and authority, and its date. Typing is saved as it goes (``autosave``: one short
transaction per change, so a killed program loses at most the last keystrokes).

``issue`` turns the draft into an entry of the outgoing register: the next number of its type
in the term (``documents.reserve_number``), the text, signer and recipients copied over, and the
printed PDF (made by the caller's ``render``, which this package does not import) attached as
the entry's file. The number, the entry and the file are one step: if the file cannot be made
or stored, no number is taken.

A secret document (Mật, Tối mật, Tuyệt mật) is never drafted or stored on a networked computer:
asking for one is refused with that reason.
"""
from __future__ import annotations

import datetime as _dt
import tempfile
from pathlib import Path
from typing import Callable

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from . import audit, documents, search, users
from .db import BaseModel, db
from .documents import Outgoing, get_doc_type, is_secret, reserve_number
from .errors import ValidationError
from .writes import get_or_refuse
from .registers import Found, one_line, register_describer
from .text import format_date, nfc

SECRET_REFUSED = ("Văn bản mật không được soạn thảo, lưu giữ trên máy tính nối mạng; hãy soạn "
                  "trên máy tính riêng không nối mạng theo quy định bảo vệ bí mật nhà nước.")
MAX_LINE = 300
MAX_BODY = 200_000
TEXT_FIELDS = ("summary", "body", "recipients", "signer", "signer_position", "authority",
               "authority_of", "notes")
AUTHORITIES = ("", "T/M", "K/T", "T/L")

search.register_kind("draft", 33, "Dự thảo văn bản", table="draft_document")


class Draft(BaseModel):
    type_code = CharField(default="CV")
    summary = TextField(default="")
    body = TextField(default="")
    recipients = TextField(default="")           # one per line
    signer = CharField(default="")
    signer_position = CharField(default="")      # BÍ THƯ
    authority = CharField(default="")            # "", T/M, K/T, T/L
    authority_of = CharField(default="")         # ĐẢNG ỦY
    doc_date = DateField(null=True)
    secrecy = CharField(default="Thường")
    urgency = CharField(default="Thường")
    status = CharField(default="draft", index=True)    # draft | issued
    outgoing = ForeignKeyField(Outgoing, null=True, backref="+", on_delete="SET NULL")
    outgoing_id: int | None   # for the type checker only: no value, so no field
    revision = IntegerField(default=0)
    notes = TextField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)
    updated_at = DateTimeField(default=_dt.datetime.now)
    created_by = CharField(default="")

    class Meta:
        table_name = "draft_document"

    def recipient_list(self) -> list[str]:
        return [r.strip() for r in self.recipients.split("\n") if r.strip()]


DRAFT_MODELS = [Draft]


def _refuse_secret(secrecy) -> str:
    s = nfc(secrecy) or "Thường"
    if is_secret(s):
        raise ValidationError(SECRET_REFUSED, "secrecy")
    if s not in documents.SECRECY:
        raise ValidationError("Độ mật không hợp lệ.", "secrecy")
    return s


def _clean(values: dict) -> dict:
    out: dict = {}
    for k, v in values.items():
        if k == "secrecy":
            out[k] = _refuse_secret(v)
        elif k == "type_code":
            out[k] = get_doc_type(nfc(v)).code
        elif k == "urgency":
            if v not in documents.URGENCY:
                raise ValidationError("Độ khẩn không hợp lệ.", "urgency")
            out[k] = v
        elif k == "doc_date":
            from .text import parse_date
            out[k] = v if isinstance(v, _dt.date) or v is None else parse_date(v or "", k, required=False)
        elif k == "body":
            s = nfc(v)
            if len(s) > MAX_BODY:
                raise ValidationError(f"Nội dung quá dài (tối đa {MAX_BODY} ký tự).", "body")
            out[k] = s
        elif k in ("summary", "recipients", "notes"):
            s = nfc(v).strip()
            if len(s) > 10 * MAX_LINE:
                raise ValidationError("Quá dài.", k)
            out[k] = s
        elif k in ("signer", "signer_position", "authority_of"):
            s = " ".join(nfc(v).split())
            if len(s) > MAX_LINE:
                raise ValidationError(f"Quá dài (tối đa {MAX_LINE} ký tự).", k)
            out[k] = s
        elif k == "authority":
            s = nfc(v).strip().upper()
            if s not in AUTHORITIES:
                raise ValidationError("Thẩm quyền ký là T/M, K/T, T/L hoặc để trống.", "authority")
            out[k] = s
        else:
            raise ValidationError(f"Trường không có trong dự thảo: {k}.", k)
    return out


def _index(d: Draft) -> None:
    search.remove("draft", d.id)
    search.index("draft", d.id, d.summary, d.body[:20000], d.recipients, d.signer)


def new_draft(actor, type_code: str = "CV", **values) -> Draft:
    users.require(actor, "documents.edit")
    clean = _clean({"type_code": type_code, **values})
    with db.atomic():
        d = Draft(created_by=audit.actor_name(actor), **clean)
        d.save()
        audit.log_change(actor, "create", d, None)
        _index(d)
        return d


def get_draft(draft) -> Draft:
    did = draft.id if isinstance(draft, Draft) else int(draft)
    return get_or_refuse(Draft, did, f"Không tìm thấy dự thảo (mã {did}).")


def _editable(d: Draft) -> None:
    if d.status == "issued":
        symbol = d.outgoing.symbol if d.outgoing is not None else ""
        raise ValidationError(f"Dự thảo đã ban hành thành văn bản {symbol}; không sửa được.", "status")


def update_draft(actor, draft, **changes) -> Draft:
    """Save the form (audited)."""
    users.require(actor, "documents.edit")
    clean = _clean(changes)
    with db.atomic():
        d = get_draft(draft)
        _editable(d)
        before = audit.snapshot(d)
        for k, v in clean.items():
            setattr(d, k, v)
        d.revision += 1
        d.updated_at = _dt.datetime.now().replace(microsecond=0)
        d.save()
        audit.log_change(actor, "update", d, before)
        _index(d)
        return d


def autosave(actor, draft, **changes) -> Draft:
    """Save as typed: the same checks, one short transaction, not audited keystroke by
    keystroke (``update_draft`` or ``issue`` audit the settled text)."""
    users.require(actor, "documents.edit")
    clean = _clean(changes)
    with db.atomic():
        d = get_draft(draft)
        _editable(d)
        for k, v in clean.items():
            setattr(d, k, v)
        d.updated_at = _dt.datetime.now().replace(microsecond=0)
        d.save()
        return d


def drafts(include_issued: bool = False) -> list[Draft]:
    q = Draft.select().order_by(Draft.updated_at.desc(), Draft.id.desc())
    if not include_issued:
        q = q.where(Draft.status == "draft")
    return list(q)


def missing(d: Draft) -> list[str]:
    out = []
    if not nfc(d.summary):
        out.append("trích yếu")
    if not nfc(d.body):
        out.append("nội dung")
    if not d.recipient_list():
        out.append("nơi nhận")
    if not nfc(d.signer):
        out.append("người ký")
    if not nfc(d.signer_position):
        out.append("chức vụ người ký")
    return out


def register_summary(d: Draft) -> str:
    """The summary as the register keeps it: a công văn's is its "V/v …" line."""
    s = " ".join(nfc(d.summary).split())
    if d.type_code.upper() == "CV" and s and not s.lower().startswith("v/v"):
        s = f"V/v {s}"
    return s


def issue(actor, draft, store, render: Callable[[Draft, str, _dt.date], bytes], *,
          doc_date: _dt.date | None = None) -> Outgoing:
    """Take the next number of the draft's type, record it in the outgoing register with the
    draft's text, signer and recipients, and attach the printed document (``render(draft,
    symbol, date)`` → PDF bytes). Nothing is taken when anything fails."""
    users.require(actor, "documents.edit")
    d = get_draft(draft)
    _editable(d)
    _refuse_secret(d.secrecy)
    gaps = missing(d)
    if gaps:
        raise ValidationError("Chưa ban hành được dự thảo: còn thiếu " + ", ".join(gaps) + ".", "status")
    on = doc_date or d.doc_date or _dt.date.today()
    summary = register_summary(d)
    with db.atomic():
        o = reserve_number(actor, d.type_code, doc_date=on, summary=summary, content=d.body,
                           signer=d.signer, signer_position=d.signer_position,
                           authority=d.authority, authority_of=d.authority_of,
                           urgency=d.urgency, recipients=d.recipient_list(), secrecy="Thường")
        pdf = render(d, o.symbol, on)
        from .fsio import atomic_write_bytes
        safe = o.symbol.replace("/", "-")
        with tempfile.TemporaryDirectory(prefix="vanphong-draft-") as tmp:
            path = atomic_write_bytes(Path(tmp) / f"{safe}.pdf", pdf)
            documents.attach_file(actor, store, o, path, f"{safe}.pdf")
        before = audit.snapshot(d)
        d.status, d.outgoing, d.doc_date = "issued", o, on
        d.updated_at = _dt.datetime.now().replace(microsecond=0)
        d.save()
        audit.log_change(actor, "issue", d, before)
        _index(d)
        return o


def _describe(refs: list[int]) -> dict[int, Found]:
    return {d.id: Found("draft", d.id, search.KINDS["draft"].label,
                        d.outgoing.symbol if d.outgoing is not None else "", format_date(d.updated_at.date()),
                        d.summary[:120])
            for d in Draft.select().where(Draft.id.in_(refs))}


register_describer("draft", _describe, "documents.edit")   # drafts: those who write them


def _describe_draft(record_id: str) -> str:
    """"dự thảo văn bản đi 15-BC/ĐU" once issued, else "dự thảo BC: V/v …". A draft is never
    secret (refused), and its entries in the log already hold its summary in clear."""
    d = Draft.get_by_id(int(record_id))
    if d.outgoing_id:
        return f"dự thảo {audit.describe('outgoing', d.outgoing_id) or 'văn bản đi'}"
    return f"dự thảo {d.type_code}: {one_line(d.summary, 50) or '(chưa có trích yếu)'}"


audit.register_describer("draft_document", _describe_draft)   # the audit log names the draft
