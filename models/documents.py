"""Incoming and outgoing documents, their attachments and numbering.

This module holds the registers' data and the functions that change them; every change is
checked against the actor's role, runs in one write transaction and lands in the audit log.

Incoming (sổ đăng ký văn bản đến): arrival numbers are consecutive and restart each year
(setting ``incoming.number_reset_yearly``); a status walks chờ xử lý → đang xử lý → đã xử lý →
lưu hồ sơ and every step is kept with its date; corrections keep the old values and a reason in
the audit log; a cancelled entry keeps its number.

Outgoing (sổ đăng ký văn bản đi): each (body, type, term) is numbered from 01 for the whole term
(nhiệm kỳ), not per year; congress documents share one series. A number is first reserved, then
the document is issued once the nine mandatory elements are there; a reserved number not used is
cancelled with a reason and never given again.

Secrets: a Mật / Tối mật / Tuyệt mật document keeps metadata only; files are refused, and a
document marked secret later loses its stored files (recorded in the audit log). An outgoing
secret document keeps no text (its content stays on paper). A secret document's protected fields
(PROTECTED: summary, content, notes) never reach the audit log (written "đã ẩn" with a digest)
nor the search index (which holds only its number, type, sender or signer and recipients); a
document raised to secret has them hidden in the entries written before, too.
"""
from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass
from pathlib import Path

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField, fn)

from . import audit, search, users
from .contacts import Contact
from .db import BaseModel, db
from .errors import NotFound, ValidationError
from .filestore import FileStore, Staged
from .office import define_setting, get_office, get_setting
from .terms import Term, late_notice, term_for
from .text import fold, format_date, nfc, parse_date

URGENCY = ("Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc")
SECRECY = ("Thường", "Mật", "Tối mật", "Tuyệt mật")
SECRET_LEVELS = ("Mật", "Tối mật", "Tuyệt mật")

# incoming status: key -> label
INCOMING_STATUS = {
    "needs_details": "Cần bổ sung",
    "pending": "Chờ xử lý",
    "in_progress": "Đang xử lý",
    "done": "Đã xử lý",
    "filed": "Lưu hồ sơ",
    "cancelled": "Đã hủy",
}
STATUS_FLOW = ("pending", "in_progress", "done", "filed")   # the forward path
OPEN_STATUSES = ("needs_details", "pending", "in_progress")  # still waiting for someone

OUTGOING_STATUS = {
    "reserved": "Đã lấy số",
    "issued": "Đã phát hành",
    "cancelled": "Đã hủy số",
}
AUTHORITY = {"": "Ký trực tiếp", "T/M": "T/M (thay mặt)", "K/T": "K/T (ký thay)",
             "T/L": "T/L (thừa lệnh)"}

DEFAULT_DOC_TYPES = [
    ("NQ", "Nghị quyết"), ("QĐ", "Quyết định, quy định"), ("QĐi", "Quy định (một số)"),
    ("CT", "Chỉ thị"), ("KL", "Kết luận"), ("QC", "Quy chế"), ("HD", "Hướng dẫn"),
    ("TB", "Thông báo"), ("BC", "Báo cáo"), ("KH", "Kế hoạch"), ("CTr", "Chương trình"),
    ("TTr", "Tờ trình"), ("CV", "Công văn"), ("BB", "Biên bản"), ("BS", "Bản sao"),
    ("GGT", "Giấy giới thiệu"),
]
# keyed on the folded code, so every spelling (QyĐ, QyD, qyđ, QYD …) is caught
FORBIDDEN_TYPE_CODES = {"qyd": "“QyĐ” là chữ viết tắt của văn bản Nhà nước; văn bản của Đảng dùng “QĐ”."}
CONGRESS_SERIES = "*ĐH"        # series key of congress documents (not a type code)

define_setting("incoming.number_reset_yearly", "Số đến bắt đầu lại từ 1 mỗi năm", "bool", True)
define_setting("incoming.secret_own_numbers", "Sổ văn bản mật đến đánh số đến riêng", "bool", True,
               "Khi bật, văn bản mật đến lấy số theo sổ mật của nó, sổ thường không có chỗ trống "
               "để lộ ngày văn bản mật đến.")
SECRET_BOOK = "secret"
define_setting("calendar.holidays", "Ngày nghỉ lễ, Tết (dd/mm/yyyy, cách nhau bởi dấu phẩy)", "str", "",
               "Dùng để tính hạn vào sổ văn bản đến (chậm nhất ngày làm việc tiếp theo).")
define_setting("outgoing.congress_body", "Chữ viết tắt trong số ký hiệu văn bản đại hội", "str", "ĐH")

search.register_kind("incoming", 1, "Văn bản đến")
search.register_kind("outgoing", 2, "Văn bản đi")
search.register_kind("secret_incoming", 5, "Văn bản mật đến", restricted=True)
search.register_kind("secret_outgoing", 6, "Văn bản mật đi", restricted=True)

SECRET_TEXT_REFUSED = ("Văn bản mật chỉ được ghi thông tin vào sổ, không lưu nội dung trên máy tính: "
                       "hãy xóa nội dung, để ở bản giấy (chọn “Nội dung trên bản giấy”: Có).")
# a secret document's fields that say what it is about: never in the audit log or the index
PROTECTED = {"incoming": ("summary", "notes"), "outgoing": ("summary", "content", "notes")}
log = logging.getLogger("vanphong.files")

SECRET_FILE_REFUSED = ("Văn bản mật chỉ được ghi thông tin vào sổ; Luật Bảo vệ bí mật nhà nước cấm "
                       "soạn thảo, lưu giữ văn bản mật trên máy tính đã hoặc đang kết nối mạng, "
                       "nên không được đính kèm tệp.")


def is_secret(secrecy: str | None) -> bool:
    return secrecy in SECRET_LEVELS


class _RegisteredDocument:
    """What incoming and outgoing documents share: a status shown by its label, and secrecy."""
    STATUS_LABELS: dict[str, str] = {}

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


# --- shared helpers --------------------------------------------------------------------------
def _now() -> _dt.datetime:
    return _dt.datetime.now().replace(microsecond=0)


def _as_date(v, field: str, required: bool = False) -> _dt.date | None:
    if v is None or v == "":
        if required:
            raise ValidationError("Chưa nhập ngày (dd/mm/yyyy).", field)
        return None
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    return parse_date(str(v), field, required)


def _as_int(v, field: str, label: str) -> int | None:
    if v is None or v == "":
        return None
    try:
        n = int(v)
    except (TypeError, ValueError):
        raise ValidationError(f"{label} phải là một số nguyên.", field) from None
    if n < 0:
        raise ValidationError(f"{label} không được âm.", field)
    return n


def _check_marks(clean: dict) -> None:
    if "urgency" in clean and clean["urgency"] not in URGENCY:
        raise ValidationError(f"Độ khẩn không hợp lệ: {clean['urgency']} (chọn: {', '.join(URGENCY)}).", "urgency")
    if "secrecy" in clean and clean["secrecy"] not in SECRECY:
        raise ValidationError(f"Độ mật không hợp lệ: {clean['secrecy']} (chọn: {', '.join(SECRECY)}).", "secrecy")


def _contact_ref(value) -> Contact | None:
    if value is None or value == "":
        return None
    if isinstance(value, Contact):
        return value
    c = Contact.get_or_none(Contact.id == int(value))
    if c is None:
        raise ValidationError(f"Không tìm thấy mục danh bạ (mã {value}).", "contact")
    return c


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


# --- working days and the late-registration warning -------------------------------------
WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def holidays() -> set[_dt.date]:
    out = set()
    for part in str(get_setting("calendar.holidays") or "").replace(";", ",").split(","):
        part = part.strip()
        if part:
            try:
                out.add(parse_date(part))
            except ValidationError:
                continue
    return out


def is_working_day(d: _dt.date, off: set[_dt.date] | None = None) -> bool:
    off = holidays() if off is None else off
    return d.weekday() < 5 and d not in off


def next_working_day(d: _dt.date, off: set[_dt.date] | None = None) -> _dt.date:
    """The first working day after ``d`` (Saturdays, Sundays and listed holidays are off)."""
    off = holidays() if off is None else off
    n = d + _dt.timedelta(days=1)
    while not is_working_day(n, off):
        n += _dt.timedelta(days=1)
    return n


def late_registration_warning(arrived_at: _dt.datetime | _dt.date,
                              registered_at: _dt.datetime | _dt.date | None = None) -> str | None:
    """A document is registered the day it arrives, at the latest the next working day.
    Returns the Vietnamese warning when registration is later than that, else None."""
    if arrived_at is None:
        return None
    a = arrived_at.date() if isinstance(arrived_at, _dt.datetime) else arrived_at
    r = registered_at or _dt.datetime.now()
    r = r.date() if isinstance(r, _dt.datetime) else r
    limit = next_working_day(a)
    if r <= limit:
        return None
    late = (r - limit).days
    return (f"Vào sổ muộn: văn bản đến ngày {format_date(a)} ({WEEKDAYS_VI[a.weekday()]}) phải vào sổ "
            f"chậm nhất ngày {format_date(limit)} ({WEEKDAYS_VI[limit.weekday()]}), nay là "
            f"{format_date(r)} — muộn {late} ngày.")


# --- incoming -------------------------------------------------------------------------------
_INCOMING_TEXT = ("sender", "doc_number", "doc_type", "summary", "urgency", "secrecy", "handler",
                  "received_by", "notes")
_INCOMING_EDITABLE = set(_INCOMING_TEXT) | {"doc_date", "pages", "copies", "deadline", "arrived_at",
                                            "transferred_at", "sender_contact", "handler_contact",
                                            "summary_consent"}
_INCOMING_LABELS = {"sender": "nơi gửi", "doc_number": "số, ký hiệu", "doc_date": "ngày văn bản",
                    "doc_type": "tên loại", "summary": "trích yếu", "pages": "số trang",
                    "copies": "số bản", "deadline": "hạn xử lý", "handler": "người xử lý"}


def _clean_incoming(fields: dict) -> dict:
    clean: dict = {}
    for k, v in fields.items():
        if k not in _INCOMING_EDITABLE:
            raise ValidationError(f"Trường không có trong sổ văn bản đến: {k}.", k)
        if k in _INCOMING_TEXT:
            clean[k] = nfc(v)
        elif k in ("doc_date", "deadline"):
            clean[k] = _as_date(v, k)
        elif k in ("pages", "copies"):
            clean[k] = _as_int(v, k, "Số trang" if k == "pages" else "Số bản")
        elif k in ("sender_contact", "handler_contact"):
            clean[k] = _contact_ref(v)
        elif k == "summary_consent":
            clean[k] = bool(v)
        else:
            clean[k] = v
    _check_marks(clean)
    for k in ("sender_contact", "handler_contact"):   # the text shown follows the directory pick
        c = clean.get(k)
        t = k.replace("_contact", "")
        if c is not None and not clean.get(t):
            clean[t] = c.name
    return clean


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


def arrival_book(secrecy: str | None) -> str:
    """The book a new incoming document is numbered in: the secret book numbers its own
    arrivals (setting), so the ordinary book has no gaps that date the secret ones."""
    return SECRET_BOOK if is_secret(secrecy) and get_setting("incoming.secret_own_numbers") else ""


def next_arrival_number(year: int, book: str = "") -> int:
    """The next số đến of ``book``: consecutive; per year unless the setting says otherwise."""
    q = Incoming.select(fn.MAX(Incoming.arrival_no)).where(Incoming.book == book)
    if get_setting("incoming.number_reset_yearly"):
        q = q.where(Incoming.year == year)
    return (q.scalar() or 0) + 1


def _step(actor, doc: Incoming, status: str, at: _dt.datetime, note: str = "") -> None:
    IncomingStatusChange.create(incoming=doc, status=status, at=at,
                                username=audit.actor_name(actor), note=nfc(note))


def register_incoming(actor, *, arrived_at: _dt.datetime | None = None, status: str = "pending",
                      source: str = "manual", registered_at: _dt.datetime | None = None,
                      **fields) -> Incoming:
    """Register one incoming document; assigns the next arrival number.

    ``status`` is "pending" (chờ xử lý) or "needs_details" (a scan waiting for its details).
    ``registered_at`` defaults to now (set it only when copying an old paper register in)."""
    users.require(actor, "intake.run" if source == "scan" else "documents.edit")
    if status not in ("pending", "needs_details"):
        raise ValidationError(f"Trạng thái ban đầu không hợp lệ: {status}.", "status")
    arrived_at = arrived_at or _now()
    if isinstance(arrived_at, _dt.date) and not isinstance(arrived_at, _dt.datetime):
        arrived_at = _dt.datetime.combine(arrived_at, _dt.time(8, 0))
    clean = _clean_incoming(fields)
    if clean.get("secrecy") in SECRET_LEVELS:
        users.require(actor, "secret.edit")
    registered_at = registered_at or _now()
    if registered_at < arrived_at - _dt.timedelta(minutes=5):
        if registered_at.date() == arrived_at.date():
            raise ValidationError(f"Giờ đến {arrived_at:%H:%M} muộn hơn giờ vào sổ "
                                  f"{registered_at:%H:%M} cùng ngày: văn bản phải đến trước khi "
                                  "vào sổ (kiểm tra lại giờ đến).", "arrived_at")
        raise ValidationError(f"Ngày đến {format_date(arrived_at)} sau ngày vào sổ "
                              f"{format_date(registered_at)}: văn bản phải đến trước khi vào sổ.",
                              "arrived_at")
    with db.atomic():
        year = arrived_at.year
        book = arrival_book(clean.get("secrecy"))
        no = next_arrival_number(year, book)
        d = Incoming(year=year, book=book, arrival_no=no, arrived_at=arrived_at, status=status,
                     status_changed_at=registered_at, registered_at=registered_at, source=source,
                     **clean)
        _tuyet_mat_rule(d)
        d.save()
        _step(actor, d, status, registered_at, "vào sổ")
        index_incoming(d)
        _log(actor, "create", d)
        return d


def get_incoming(doc_id: int) -> Incoming:
    d = Incoming.get_or_none(Incoming.id == doc_id)
    if d is None:
        raise NotFound(f"Không tìm thấy văn bản đến (mã {doc_id}).")
    return d


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


def update_incoming(actor, doc, *, reason: str = "", store: FileStore | None = None,
                    **changes) -> Incoming:
    """Correct an entry. The old and new values and the reason go to the audit log; nothing is
    overwritten silently. The arrival number never changes. Raising the secrecy to Mật or above
    removes the stored files (``store`` is then needed when the document has files)."""
    users.require(actor, "documents.edit")
    reason = nfc(reason)
    clean = _clean_incoming(changes)
    with db.atomic():
        d = _doc(Incoming, doc)
        if d.status == "cancelled":
            raise ValidationError("Văn bản đã hủy, không sửa được.", "status")
        if d.is_secret or is_secret(clean.get("secrecy")):
            users.require(actor, "secret.edit")
        needs_reason = d.status != "needs_details"
        if needs_reason and not reason:
            raise ValidationError("Sửa thông tin đã vào sổ cần ghi lý do sửa.", "reason")
        if "arrived_at" in clean and clean["arrived_at"].year != d.year:
            raise ValidationError("Ngày đến mới thuộc năm khác với số đến; hãy hủy số này và vào sổ lại.",
                                  "arrived_at")
        before = audit.snapshot(d)
        becoming_secret = not d.is_secret and is_secret(clean.get("secrecy"))
        for k, v in clean.items():
            setattr(d, k, v)
        if d.secrecy == "Tuyệt mật" and not d.summary_consent and d.summary and becoming_secret \
                and "summary" not in clean:
            d.summary = ""           # marked Tuyệt mật: the summary is not kept without consent
        _tuyet_mat_rule(d)
        d.save()
        if becoming_secret:
            purge_secret_files(actor, d, store, reason)
        index_incoming(d)
        _log_correction(actor, d, before, reason)
        if becoming_secret:
            _hide_earlier_text(actor, d)
        return d


def _log_correction(actor, obj, before: dict, reason: str) -> None:
    after = audit.snapshot(obj)
    old = {k: v for k, v in before.items() if after.get(k) != v}
    if not old:
        return
    new = {k: after[k] for k in old}
    hide = _hidden(obj, before)
    old, new = audit.redact(old, hide), audit.redact(new, hide)
    if reason:
        new["_reason"] = reason
    audit.append(actor, "update", obj._meta.table_name, obj.id, old, new)


def complete_details(actor, doc, *, store: FileStore | None = None, **fields) -> Incoming:
    """A scan waiting for its details (Cần bổ sung) gets them and moves to chờ xử lý. Marked
    secret on the way, it loses its stored file (``store`` is then needed)."""
    users.require(actor, "documents.edit")
    with db.atomic():
        d = _doc(Incoming, doc)
        if d.status != "needs_details":
            raise ValidationError("Văn bản này không ở trạng thái “Cần bổ sung”.", "status")
        d = update_incoming(actor, d, store=store, **fields)
        missing = [lbl for k, lbl in (("sender", "nơi gửi"), ("summary", "trích yếu"))
                   if not getattr(d, k) and not (k == "summary" and d.secrecy == "Tuyệt mật")]
        if missing:
            raise ValidationError("Còn thiếu: " + ", ".join(missing) + ".", "summary" if "trích yếu" in missing else "sender")
        return set_status(actor, d, "pending", note="đã bổ sung thông tin")


def set_status(actor, doc, status: str, *, at: _dt.datetime | None = None, note: str = "") -> Incoming:
    """Move along chờ xử lý → đang xử lý → đã xử lý → lưu hồ sơ (steps may be skipped forward;
    going back needs a note). Each step is kept with its date."""
    users.require(actor, "documents.edit")
    if status not in INCOMING_STATUS or status == "cancelled":
        raise ValidationError(f"Trạng thái không hợp lệ: {status}.", "status")
    at = at or _now()
    with db.atomic():
        d = _doc(Incoming, doc)
        _require_handler_if_secret(actor, d)
        if d.status == "cancelled":
            raise ValidationError("Văn bản đã hủy.", "status")
        if d.status == status:
            return d
        if d.status == "needs_details" and status != "pending":
            raise ValidationError("Văn bản còn thiếu thông tin; hãy bổ sung trước.", "status")
        back = (d.status in STATUS_FLOW and status in STATUS_FLOW
                and STATUS_FLOW.index(status) < STATUS_FLOW.index(d.status))
        if back and not nfc(note):
            raise ValidationError("Chuyển trạng thái lùi lại cần ghi lý do.", "note")
        before = audit.snapshot(d)
        d.status = status
        d.status_changed_at = at
        d.save()
        _step(actor, d, status, at, note)
        _log_correction(actor, d, before, nfc(note))
        return d


def transfer(actor, doc, handler: str = "", *, handler_contact=None, received_by: str = "",
             transferred_at: _dt.datetime | None = None, deadline=None) -> Incoming:
    """Hand the document to its handler, who signs for it (ký nhận); it is then đang xử lý."""
    users.require(actor, "documents.edit")
    hc = _contact_ref(handler_contact)
    handler = nfc(handler) or (hc.name if hc else "")
    if not handler:
        raise ValidationError("Chưa chọn người hoặc đơn vị nhận xử lý.", "handler")
    received_by = nfc(received_by) or (hc.name if hc and hc.kind == "person" else "")
    if not received_by:
        raise ValidationError("Chưa ghi người ký nhận.", "received_by")
    at = transferred_at or _now()
    with db.atomic():
        d = _doc(Incoming, doc)
        _require_handler_if_secret(actor, d)
        if d.status in ("cancelled", "needs_details"):
            raise ValidationError("Chỉ chuyển được văn bản đã vào sổ đủ thông tin.", "status")
        before = audit.snapshot(d)
        d.handler, d.handler_contact, d.received_by, d.transferred_at = handler, hc, received_by, at
        if deadline not in (None, ""):
            d.deadline = _as_date(deadline, "deadline")
        d.save()
        _log(actor, "transfer", d, before)
        if d.status == "pending":
            set_status(actor, d, "in_progress", at=at, note=f"chuyển {handler}, {received_by} ký nhận")
        index_incoming(d)
        return get_incoming(d.id)


def cancel_incoming(actor, doc, reason: str) -> Incoming:
    """Cancel an entry (wrongly registered, duplicate …); the number stays, never reused."""
    users.require(actor, "documents.edit")
    reason = nfc(reason)
    if not reason:
        raise ValidationError("Hủy văn bản đến cần ghi lý do.", "reason")
    with db.atomic():
        d = _doc(Incoming, doc)
        _require_handler_if_secret(actor, d)
        if d.status == "cancelled":
            raise ValidationError("Văn bản này đã hủy.", "status")
        before = audit.snapshot(d)
        d.status, d.cancel_reason, d.status_changed_at = "cancelled", reason, _now()
        d.save()
        _step(actor, d, "cancelled", d.status_changed_at, reason)
        _log(actor, "cancel", d, before)
        index_incoming(d)
        return d


def status_history(doc) -> list[IncomingStatusChange]:
    did = doc.id if isinstance(doc, Incoming) else int(doc)
    return list(IncomingStatusChange.select().where(IncomingStatusChange.incoming == did)
                .order_by(IncomingStatusChange.at, IncomingStatusChange.id))


def is_overdue(doc: Incoming, today: _dt.date | None = None) -> bool:
    today = today or _dt.date.today()
    return doc.deadline is not None and doc.deadline < today and doc.status in OPEN_STATUSES


# --- attachments ---------------------------------------------------------------------------
def read_pdf_info(path: Path | str) -> tuple[int | None, str]:
    """(page count, text layer) of a PDF; (None, "") for anything pypdf cannot read."""
    from . import pdfinfo
    return pdfinfo.info(path)


def store_file(store: FileStore, path: Path | None, original_name: str, mime: str = "",
               pages: int | None = None, text: str = "", sha: str | None = None, *,
               staged: Staged | None = None) -> StoredFile:
    """Record a file in the store, once per content.

    The copy is staged (a temporary in the store, fsynced) before the write transaction, then
    linked into place inside it, after its row: a rollback or a crash leaves at worst a file no
    row points at, which ``remove_orphans`` removes, never a row without its file. A caller
    that runs its own transaction stages first (``store.staging``) and passes ``staged``."""
    if staged is None:
        with store.staging(path, sha=sha) as st:
            return store_file(store, None, original_name, mime, pages, text, staged=st)
    with db.atomic():
        sf = StoredFile.get_or_none(StoredFile.sha256 == staged.sha)
        if sf is None:
            sf = StoredFile.create(sha256=staged.sha, rel_path=staged.rel, size=staged.size,
                                   mime=mime, pages=pages, text=nfc(text))
        store.link(staged, sf.rel_path)   # a missing or damaged copy is replaced here
        return sf


def attach(actor, doc, sf: StoredFile, original_name: str) -> Attachment:
    """Attach a stored file to an incoming or outgoing document (several per document; the same
    content once per document). Refused for secret documents."""
    users.require(actor, "documents.edit" if getattr(actor, "role", "") != "system" else "intake.run")
    if doc.is_secret:
        raise ValidationError(SECRET_FILE_REFUSED, "attachment")
    with db.atomic():
        model = Incoming if isinstance(doc, Incoming) else Outgoing
        d = model.get_by_id(doc.id)
        if d.is_secret:
            raise ValidationError(SECRET_FILE_REFUSED, "attachment")
        owner = {"incoming": d} if model is Incoming else {"outgoing": d}
        fk = Attachment.incoming if model is Incoming else Attachment.outgoing
        existing = Attachment.get_or_none((fk == d.id) & (Attachment.file == sf.id)
                                          & (Attachment.removed == False))  # noqa: E712
        if existing is not None:
            return existing
        a = Attachment.create(file=sf, sha256=sf.sha256, size=sf.size,
                              original_name=nfc(original_name), **owner)
        audit.log_change(actor, "create", a)
        if model is Incoming:
            index_incoming(d)
        else:
            index_outgoing(d)
        return a


def check_attachable(doc) -> None:
    """Raise the refusal (Vietnamese, field ``attachment``) when no file may be attached to
    ``doc`` — a secret document keeps metadata only. Lets a screen say so before asking for
    a file."""
    if doc.is_secret:
        raise ValidationError(SECRET_FILE_REFUSED, "attachment")
    if doc.status == "cancelled":
        raise ValidationError("Văn bản đã hủy, không đính kèm tệp được.", "attachment")


def attach_file(actor, store: FileStore, doc, path: Path | str, original_name: str | None = None) -> Attachment:
    """Store a file and attach it; the secret check comes first, so nothing is stored for a
    secret document. Page count and text layer are read from PDFs."""
    if doc.is_secret:
        raise ValidationError(SECRET_FILE_REFUSED, "attachment")
    users.require(actor, "documents.edit")
    path = Path(path)
    pages, text = read_pdf_info(path) if path.suffix.lower() == ".pdf" else (None, "")
    mime = "application/pdf" if path.suffix.lower() == ".pdf" else ""
    sf = store_file(store, path, original_name or path.name, mime=mime, pages=pages, text=text)
    return attach(actor, doc, sf, original_name or path.name)


def attachments(doc, include_removed: bool = False) -> list[Attachment]:
    fk = Attachment.incoming if isinstance(doc, Incoming) else Attachment.outgoing
    q = Attachment.select().where(fk == doc.id)
    if not include_removed:
        q = q.where(Attachment.removed == False)  # noqa: E712
    return list(q.order_by(Attachment.id))


def attachment_path(store: FileStore, att: Attachment) -> Path:
    if att.file is None:
        raise NotFound(f"Tệp “{att.original_name}” đã bị xóa khỏi kho ({att.removed_reason}).")
    return store.path(att.file.rel_path)


def attachment_info(store: FileStore, att: Attachment) -> tuple[Path, int | None, str]:
    """(path in the store, page count, extracted text); read from the PDF when not yet known."""
    p = attachment_path(store, att)
    sf = att.file
    if sf.pages is None and p.suffix.lower() == ".pdf" and p.exists():
        pages, text = read_pdf_info(p)
        with db.atomic():
            sf.pages, sf.text = pages, text or sf.text
            sf.save()
    return p, sf.pages, sf.text


def purge_secret_files(actor, doc, store: FileStore | None, reason: str = "") -> int:
    """Remove a secret document's files: the attachment rows are kept (name, checksum, why
    removed), the content leaves the store unless a non-secret document still uses it, and each
    removal is recorded in the audit log. The rows change in the caller's transaction; the files
    themselves are deleted only once it has committed (a rollback keeps them, a crash in between
    leaves orphans for ``remove_orphans``). Returns the number of attachments removed."""
    atts = attachments(doc)
    if not atts:
        return 0
    if store is None:
        raise ValueError("purge_secret_files needs the office's FileStore")
    removed = 0
    why = f"văn bản được đánh dấu {doc.secrecy}: không lưu tệp văn bản mật"
    with db.atomic():
        for a in atts:
            sf = a.file
            a.removed, a.removed_reason, a.removed_at, a.file = True, why, _now(), None
            a.save()
            removed += 1
            deleted = False
            if sf is not None:
                still_used = (Attachment.select().where((Attachment.file == sf.id)
                                                        & (Attachment.removed == False))  # noqa: E712
                              .exists())
                if not still_used:
                    _drop_stored_file(sf)
                    remove_after_commit(store, sf.rel_path)
                    deleted = True
            audit.append(actor, "purge_secret_file", "attachment", a.id,
                         {"original_name": a.original_name, "sha256": a.sha256},
                         {"removed": True, "file_deleted": deleted, "_reason": reason or why})
    return removed


def _drop_stored_file(sf: StoredFile) -> None:
    """Delete the row of a content no attachment uses any more. Records that point at it only
    to say where the content was (the scanner intake's ledger, which keeps the checksum so the
    same bytes stay a duplicate) let go of it first."""
    for field in StoredFile._meta.backrefs:
        if field is not Attachment.file and field.null:
            field.model.update({field: None}).where(field == sf.id).execute()
    sf.delete_instance()


# --- files without rows ------------------------------------------------------------------------
ORPHAN_TEMP_AGE = _dt.timedelta(hours=6)   # a staging copy older than this belongs to no one


def remove_after_commit(store: FileStore, rel: str) -> None:
    """Delete the stored file ``rel`` once the current transaction has committed, if no row
    points at it then (at once when there is no transaction). A rollback keeps it; a failure
    or a crash leaves an orphan for ``remove_orphans``."""
    def remove() -> None:
        try:
            _remove_unreferenced(store, [rel])
        except Exception:     # the commit stands; the file waits for the next sweep
            log.exception("could not remove %s from the file store after commit", rel)
    db.after_commit(remove)


def _referenced(rels: list[str]) -> set[str]:
    out: set[str] = set()
    for i in range(0, len(rels), 500):
        q = StoredFile.select(StoredFile.rel_path).where(StoredFile.rel_path.in_(rels[i:i + 500]))
        out.update(r for (r,) in q.tuples())
    return out


def _remove_unreferenced(store: FileStore, rels: list[str]) -> list[str]:
    """Under the write lock (no desk links a file meanwhile): delete those of ``rels`` that
    no row points at."""
    gone = []
    with db.atomic():
        keep = _referenced(rels)
        for rel in rels:
            if rel not in keep and store.remove(rel):
                gone.append(rel)
    return gone


@dataclass(frozen=True)
class Orphan:
    rel: str            # path inside the store
    size: int
    temporary: bool     # a staging copy that was never linked (a crashed or rolled-back copy)


def find_orphans(store: FileStore, now: _dt.datetime | None = None,
                 temp_age: _dt.timedelta = ORPHAN_TEMP_AGE) -> list[Orphan]:
    """Files in the store that no row points at: left by a transaction that rolled back after
    linking its file, or by a crash between a commit and the removal of its files; and staging
    copies older than ``temp_age``. Younger staging copies may be another desk's copy in
    progress and are left alone. Reads only; ``remove_orphans`` removes them."""
    now_ts = (now or _dt.datetime.now()).timestamp()
    entries = list(store.entries())
    known = _referenced([e.rel for e in entries if not e.temporary])
    out = []
    for e in entries:
        if e.temporary:
            if now_ts - e.mtime >= temp_age.total_seconds():
                out.append(Orphan(e.rel, e.size, True))
        elif e.rel not in known:
            out.append(Orphan(e.rel, e.size, False))
    return out


def remove_orphans(store: FileStore, actor=None, now: _dt.datetime | None = None,
                   temp_age: _dt.timedelta = ORPHAN_TEMP_AGE) -> list[Orphan]:
    """Remove what ``find_orphans`` finds (each one checked again under the write lock) and
    record the removal in the audit log. Run at start and by the office check."""
    found = find_orphans(store, now, temp_age)
    if not found:
        return []
    gone: list[Orphan] = []
    with db.atomic():
        keep = _referenced([o.rel for o in found if not o.temporary])
        for o in found:
            if o.rel in keep:
                continue
            if store.remove(o.rel):
                gone.append(o)
        if gone:
            files = [o.rel for o in gone]
            audit.append(actor or users.SYSTEM, "remove_orphan_files", "stored_file", None, None,
                         {"count": len(gone), "bytes": sum(o.size for o in gone),
                          "files": files[:100] + (["…"] if len(files) > 100 else [])})
    return gone


# --- document types -------------------------------------------------------------------------
def _check_type_code(code: str) -> str:
    code = nfc(code)
    if not code or " " in code or len(code) > 8:
        raise ValidationError("Chữ viết tắt tên loại là một cụm ngắn không dấu cách, ví dụ BC.", "code")
    if fold(code) in FORBIDDEN_TYPE_CODES:
        raise ValidationError(FORBIDDEN_TYPE_CODES[fold(code)], "code")
    return code


def find_doc_type(code: str) -> DocType | None:
    """The type a typed code stands for: the exact code, else the one equal to it ignoring case
    and accents ("bc", "Bc" → BC; "qd" → QĐ). One table, one series per type."""
    code = nfc(code)
    t = DocType.get_or_none(DocType.code == code)
    if t is not None:
        return t
    key = fold(code)
    return next((t for t in DocType.select().order_by(DocType.id) if fold(t.code) == key), None)


def list_doc_types(include_inactive: bool = False) -> list[DocType]:
    q = DocType.select()
    if not include_inactive:
        q = q.where(DocType.active == True)  # noqa: E712
    return list(q.order_by(DocType.position, DocType.code))


INCOMING_EXTRA_TYPES = ("Giấy mời", "Công điện")   # sent by other bodies, not in the Party's table


def incoming_type_names() -> list[str]:
    """Type names offered when registering an incoming document: the type table's, the ones
    other bodies commonly send (Giấy mời …), then any other name already in the register."""
    names = [t.name for t in list_doc_types()] + list(INCOMING_EXTRA_TYPES)
    used = Incoming.select(Incoming.doc_type).where(Incoming.doc_type != "").distinct()
    seen = set(names)
    for r in used.order_by(Incoming.doc_type):
        if r.doc_type not in seen:
            names.append(r.doc_type)
            seen.add(r.doc_type)
    return names


def get_doc_type(code: str) -> DocType:
    code = _check_type_code(code)
    t = find_doc_type(code)
    if t is None:
        raise ValidationError(f"Không có tên loại viết tắt “{code}” trong bảng tên loại văn bản.", "type_code")
    return t


def add_doc_type(actor, code: str, name: str) -> DocType:
    users.require(actor, "doctypes.edit")
    code = _check_type_code(code)
    name = nfc(name)
    if not name:
        raise ValidationError("Chưa nhập tên loại văn bản.", "name")
    with db.atomic():
        same = find_doc_type(code)
        if same is not None:
            msg = (f"Bảng tên loại đã có “{same.code}” ({same.name})" if same.code == code else
                   f"“{code}” trùng với tên loại đã có “{same.code}” ({same.name}) khi bỏ dấu và "
                   "không phân biệt chữ hoa, chữ thường: dùng “" + same.code + "”")
            raise ValidationError(msg + ".", "code")
        pos = (DocType.select(fn.MAX(DocType.position)).scalar() or 0) + 1
        t = DocType.create(code=code, name=name, position=pos)
        audit.log_change(actor, "create", t)
        return t


def update_doc_type(actor, code: str, *, name: str | None = None, active: bool | None = None) -> DocType:
    """Rename or retire a type; the code itself never changes (numbers already use it)."""
    users.require(actor, "doctypes.edit")
    with db.atomic():
        t = get_doc_type(code)
        before = audit.snapshot(t)
        if name is not None:
            if not nfc(name):
                raise ValidationError("Chưa nhập tên loại văn bản.", "name")
            t.name = nfc(name)
        if active is not None:
            t.active = bool(active)
        t.save()
        audit.log_change(actor, "update", t, before)
        return t


# --- outgoing -------------------------------------------------------------------------------
def get_outgoing(doc_id: int) -> Outgoing:
    d = Outgoing.get_or_none(Outgoing.id == doc_id)
    if d is None:
        raise NotFound(f"Không tìm thấy văn bản đi (mã {doc_id}).")
    return d


def make_symbol(number: int, type_code: str, body_abbr: str) -> str:
    """15, BC, ĐU → '15-BC/ĐU'."""
    return f"{number:02d}-{type_code}/{body_abbr}"


def next_outgoing_number(type_code: str, *, congress: bool = False, body_abbr: str | None = None,
                         term: Term | None = None) -> int:
    """The next number of this series in ``term`` (default: the term today falls in): never a
    number used or cancelled. The series hangs on the term record, not on its dates."""
    o = get_office()
    body = body_abbr or _congress_body(congress) or o.body_abbr
    term = term or term_for(_dt.date.today())
    series = CONGRESS_SERIES if congress else type_code
    q = Outgoing.select(fn.MAX(Outgoing.number)).where(
        (Outgoing.body_abbr == body) & (Outgoing.series == series) & (Outgoing.term == term.id))
    return (q.scalar() or 0) + 1


def next_symbol(type_code: str, *, congress: bool = False, doc_date: _dt.date | None = None) -> str:
    """The number and symbol the next reservation of this type would get: '15-BC/ĐU'."""
    o = get_office()
    if o is None:
        raise ValidationError("Văn phòng chưa được thiết lập (tên cấp ủy, nhiệm kỳ).", "office")
    t = get_doc_type(type_code)
    body = _congress_body(congress) or o.body_abbr
    term = term_for(doc_date or _dt.date.today())
    return make_symbol(next_outgoing_number(t.code, congress=congress, body_abbr=body, term=term),
                       t.code, body)


def _congress_body(congress: bool) -> str | None:
    if not congress:
        return None
    return nfc(get_setting("outgoing.congress_body")) or None


_OUT_TEXT = ("summary", "content", "signer", "signer_position", "authority", "authority_of",
             "filed_in", "urgency", "secrecy", "notes")
_OUT_EDITABLE = set(_OUT_TEXT) | {"doc_date", "signed_on", "copies", "signer_contact",
                                  "summary_consent", "content_on_paper", "recipients"}


def _clean_outgoing(fields: dict) -> dict:
    clean: dict = {}
    for k, v in fields.items():
        if k not in _OUT_EDITABLE:
            raise ValidationError(f"Trường không có trong sổ văn bản đi: {k}.", k)
        if k in _OUT_TEXT:
            clean[k] = nfc(v)
        elif k in ("doc_date", "signed_on"):
            clean[k] = _as_date(v, k, required=(k == "doc_date"))
        elif k == "copies":
            clean[k] = _as_int(v, k, "Số lượng bản")
        elif k == "signer_contact":
            clean[k] = _contact_ref(v)
        elif k in ("summary_consent", "content_on_paper"):
            clean[k] = bool(v)
        elif k == "recipients":
            clean[k] = v          # handled by _set_recipients
    _check_marks(clean)
    if "authority" in clean:
        a = clean["authority"].upper().replace(" ", "")
        if a not in AUTHORITY:
            raise ValidationError("Thể thức ký: để trống, T/M, K/T hoặc T/L (có dấu gạch chéo).", "authority")
        clean["authority"] = a
    if "authority_of" in clean:
        clean["authority_of"] = clean["authority_of"].upper()
    if "signer_position" in clean:
        clean["signer_position"] = clean["signer_position"].upper()
    c = clean.get("signer_contact")
    if c is not None and not clean.get("signer"):
        clean["signer"] = c.name
    if c is not None and not clean.get("signer_position") and c.position:
        clean["signer_position"] = nfc(c.position).upper()
    return clean


def _set_recipients(d: Outgoing, recipients) -> None:
    """``recipients``: a list of names, Contacts, or (name, contact) pairs; or one text, one per
    line or separated by ';'."""
    if isinstance(recipients, str):
        recipients = [r for part in recipients.split("\n") for r in part.split(";")]
    rows = []
    for r in recipients or []:
        contact = None
        if isinstance(r, Contact):
            name, contact = r.name, r
        elif isinstance(r, (tuple, list)):
            name, contact = nfc(r[0]), _contact_ref(r[1])
            name = name or (contact.name if contact else "")
        else:
            name = nfc(r).lstrip("-– ").rstrip(",;.")
        if name:
            rows.append((name, contact))
    OutgoingRecipient.delete().where(OutgoingRecipient.outgoing == d.id).execute()
    for i, (name, contact) in enumerate(rows):
        OutgoingRecipient.create(outgoing=d, position=i, name=name, contact=contact)
    d.recipients = "\n".join(n for n, _ in rows)


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


def reserve_number(actor, type_code: str, *, number: int | None = None, congress: bool = False,
                   body_abbr: str | None = None, doc_date=None, **fields) -> Outgoing:
    """Take the next number of a series (or, with ``number``, record one already given on paper:
    a number taken before is refused). The entry stays "Đã lấy số" until issued or cancelled.
    Meetings take their BB numbers here too."""
    users.require(actor, "documents.edit")
    o = get_office()
    if o is None:
        raise ValidationError("Văn phòng chưa được thiết lập (tên cấp ủy, nhiệm kỳ).", "office")
    t = get_doc_type(type_code)
    if not t.active:
        raise ValidationError(f"Tên loại “{t.code}” đã ngừng dùng.", "type_code")
    recipients = fields.pop("recipients", None)
    clean = _clean_outgoing({**fields, "doc_date": doc_date or _dt.date.today()})
    if is_secret(clean.get("secrecy")):
        users.require(actor, "secret.edit")
    body = nfc(body_abbr) if body_abbr else (_congress_body(congress) or o.body_abbr)
    series = CONGRESS_SERIES if congress else t.code
    with db.atomic():
        term = term_for(clean["doc_date"])          # refused when the date is in no known term
        nxt = next_outgoing_number(t.code, congress=congress, body_abbr=body, term=term)
        if number is None:
            number = nxt
        else:
            number = _as_int(number, "number", "Số văn bản")
            if not number:
                raise ValidationError("Số văn bản bắt đầu từ 01.", "number")
            taken = Outgoing.get_or_none((Outgoing.body_abbr == body) & (Outgoing.series == series)
                                         & (Outgoing.term == term.id)
                                         & (Outgoing.number == number))
            if taken is not None:
                state = "đã hủy, không dùng lại" if taken.status == "cancelled" else "đã dùng"
                raise ValidationError(f"Số {taken.symbol} {state} trong nhiệm kỳ này "
                                      f"(số tiếp theo: {nxt:02d}).", "number")
        d = Outgoing(term=term, term_start=term.start, body_abbr=body, series=series, type_code=t.code,
                     number=number, symbol=make_symbol(number, t.code, body), congress=congress,
                     created_by=audit.actor_name(actor), **clean)
        _tuyet_mat_rule(d)
        _secret_content_rule(d, clean)
        d.save()
        if recipients is not None:
            _set_recipients(d, recipients)
            d.save()
        index_outgoing(d)
        _log(actor, "create", d)
        d.notice = late_notice(term)     # for the screen: a late paper of a term that has ended
        return d


register_outgoing = reserve_number


# what only record_signature writes: who signed, in which capacity, when
SIGNATURE_FIELDS = frozenset({"signer", "signer_contact", "signer_position", "authority",
                              "authority_of", "signed_on"})


def update_outgoing(actor, doc, *, reason: str = "", store: FileStore | None = None,
                    **changes) -> Outgoing:
    """Fill in or correct an outgoing entry. Number, type and series never change (cancel and
    take a new number instead). After issue, a correction needs a reason."""
    users.require(actor, "documents.edit")
    signing = sorted(SIGNATURE_FIELDS & set(changes))
    if signing:
        raise ValidationError("Người ký và ngày ký chỉ ghi bằng “Ghi chữ ký” (F5), do người có quyền "
                              "duyệt văn bản ghi, cho người có thẩm quyền ký.", signing[0])
    return _update_outgoing(actor, doc, reason, store, changes)


def _update_outgoing(actor, doc, reason: str, store: FileStore | None, changes: dict,
                     secret_perm: str = "secret.edit") -> Outgoing:
    """update_outgoing once the caller's own permission was checked (editing, or signing: a
    leader who may read a secret document records its signature without editing the book)."""
    reason = nfc(reason)
    recipients = changes.pop("recipients", None)
    clean = _clean_outgoing(changes)
    with db.atomic():
        d = _doc(Outgoing, doc)
        if d.status == "cancelled":
            raise ValidationError("Số văn bản này đã hủy, không sửa được.", "status")
        if d.is_secret or is_secret(clean.get("secrecy")):
            users.require(actor, secret_perm)
        if d.status == "issued" and not reason:
            raise ValidationError("Sửa văn bản đã phát hành cần ghi lý do sửa.", "reason")
        if "doc_date" in clean and d.term_id is not None and term_for(clean["doc_date"]).id != d.term_id:
            raise ValidationError(
                f"Ngày {format_date(clean['doc_date'])} thuộc nhiệm kỳ khác với số {d.symbol} đã lấy: "
                "hủy số này và lấy số mới trong nhiệm kỳ của ngày đó.", "doc_date")
        before = audit.snapshot(d)
        becoming_secret = not d.is_secret and is_secret(clean.get("secrecy"))
        for k, v in clean.items():
            setattr(d, k, v)
        if d.secrecy == "Tuyệt mật" and not d.summary_consent and d.summary and becoming_secret \
                and "summary" not in clean:
            d.summary = ""
        _tuyet_mat_rule(d)
        _secret_content_rule(d, clean)
        if recipients is not None:
            _set_recipients(d, recipients)
        d.save()
        if becoming_secret:
            purge_secret_files(actor, d, store, reason)
        index_outgoing(d)
        _log_correction(actor, d, before, reason)
        if becoming_secret:
            _hide_earlier_text(actor, d)
        return d


def signature_refusal(doc: Outgoing, field: str = "status") -> tuple[str, str] | None:
    """Why ``doc`` cannot be signed yet (Vietnamese, and the field it belongs to): the competent
    person signs a document with its type and summary, never a blank."""
    if doc.status == "cancelled":
        return f"Số {doc.symbol} đã hủy: không ghi chữ ký.", "status"
    if not doc.type_code:
        return f"Văn bản {doc.symbol} chưa có tên loại: không ký văn bản chưa rõ thể loại.", "type_code"
    summary_ok = bool(nfc(doc.summary)) or (doc.secrecy == "Tuyệt mật" and not doc.summary_consent)
    if not summary_ok:
        return (f"Văn bản {doc.symbol} chưa có trích yếu nội dung: không ký khống; "
                "hãy ghi trích yếu trước (phím F7 — Sửa)."), "summary"
    return None


def check_may_sign(actor, doc) -> None:
    """Raise, before any form is shown, when ``actor`` may not record a signature on ``doc``
    (no right to approve, or a blank)."""
    users.require(actor, "documents.approve")
    d = _doc(Outgoing, doc)
    refusal = signature_refusal(d)
    if refusal:
        raise ValidationError(*refusal)


def _signer_contact(signer: str, signer_contact) -> Contact | None:
    if signer_contact is not None:
        return _contact_ref(signer_contact)
    from .contacts import resolve
    return resolve(None, signer, kind="person")


def record_signature(actor, doc, signer: str = "", *, signer_position: str = "", authority: str = "",
                     authority_of: str = "", signed_on=None, signer_contact=None,
                     today: _dt.date | None = None) -> Outgoing:
    """Record that the competent person signed (the paper original carries the signature).

    Refused, with the reason at its field: a user without the right to record signatures; a
    document without type or summary (a blank); a signer who is not in the directory as
    one of the committee's leaders (Bí thư, Phó Bí thư, Ủy viên Ban Thường vụ) or someone they
    delegated; a signing position that is not such a leader's; a signing date in the future."""
    users.require(actor, "documents.approve")
    today = today or _dt.date.today()
    d = _doc(Outgoing, doc)
    refusal = signature_refusal(d)
    if refusal:
        raise ValidationError(*refusal)
    if not nfc(signer) and signer_contact is None:
        raise ValidationError("Chưa ghi người ký.", "signer")
    c = _signer_contact(signer, signer_contact)
    name = nfc(signer) or (c.name if c else "")
    if c is None or c.kind != "person":
        raise ValidationError(
            f"“{name}” không có trong danh bạ là người có thẩm quyền ký: chọn Bí thư, Phó Bí thư, "
            "Ủy viên Ban Thường vụ hoặc người được ủy quyền ký từ danh bạ.", "signer")
    if not c.active:
        raise ValidationError(f"“{c.name}” đã thôi trong danh bạ: không ghi là người ký.", "signer")
    if not c.may_sign:
        raise ValidationError(
            f"{c.name} ({c.position or 'chưa ghi chức vụ'}) không có thẩm quyền ký văn bản của cấp "
            "ủy: chỉ Bí thư, Phó Bí thư, Ủy viên Ban Thường vụ hoặc người được ủy quyền (ghi trong "
            "danh bạ) mới ký.", "signer")
    position = nfc(signer_position) or nfc(c.position)
    if not position:
        raise ValidationError("Chưa ghi chức vụ người ký.", "signer_position")
    from .contacts import is_signing_position
    if not is_signing_position(position) and not c.signing_delegated:
        raise ValidationError(
            f"Chức vụ “{position}” không phải chức vụ ký văn bản của cấp ủy (Bí thư, Phó Bí thư, "
            "Ủy viên Ban Thường vụ).", "signer_position")
    signed = _as_date(signed_on, "signed_on") or today
    if signed > today:
        raise ValidationError(f"Ngày ký {format_date(signed)} chưa đến (hôm nay "
                              f"{format_date(today)}): chỉ ghi chữ ký đã ký.", "signed_on")
    fields = {"signer": name, "signer_position": position, "authority": authority,
              "authority_of": authority_of, "signed_on": signed, "signer_contact": c}
    if authority and not nfc(authority_of):
        o = get_office()
        fields["authority_of"] = _default_authority_of(authority, o.name if o else "")
    return _update_outgoing(actor, d, "ghi chữ ký" if d.status == "issued" else "", None, fields,
                            secret_perm="secret.view")


def _default_authority_of(authority: str, office_name: str) -> str:
    """T/M ĐẢNG ỦY (the collective), K/T BÍ THƯ (the one signed for), T/L ĐẢNG ỦY."""
    if authority == "K/T":
        return "BÍ THƯ"
    words = nfc(office_name).split()
    for n in (3, 2):    # "Ban Thường vụ", "Đảng ủy", "Chi bộ"
        head = " ".join(words[:n])
        if head.lower() in ("ban thường vụ", "đảng ủy", "chi bộ", "đảng bộ"):
            return head.upper()
    return "ĐẢNG ỦY"


def missing_elements(doc: Outgoing) -> list[str]:
    """Which of the nine mandatory elements (HD 36-HD/VPTW) are not yet there, in Vietnamese."""
    from .seal import SealUse    # late: seal's models point at Outgoing
    o = get_office()
    missing = []
    if o is None:
        missing += ["tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM” và tên cơ quan ban hành (chưa thiết lập văn phòng)"]
    elif not nfc(o.name):
        missing.append("tên cơ quan ban hành")
    if not doc.number or not doc.symbol:
        missing.append("số và ký hiệu")
    if o is None or not nfc(o.place) or doc.doc_date is None:
        missing.append("địa danh và ngày tháng năm ban hành")
    summary_ok = bool(nfc(doc.summary)) or (doc.secrecy == "Tuyệt mật" and not doc.summary_consent)
    if not doc.type_code or not summary_ok:
        missing.append("tên loại và trích yếu nội dung")
    if not (nfc(doc.content) or doc.content_on_paper or attachments(doc)):
        missing.append("nội dung văn bản")
    sign = []
    if doc.authority and not doc.authority_of:
        sign.append("thể thức đề ký")
    if not doc.signer_position:
        sign.append("chức vụ")
    if not doc.signer:
        sign.append("họ tên")
    if doc.signed_on is None:
        sign.append("chữ ký")
    if sign:
        missing.append("quyền hạn, chức vụ, họ tên và chữ ký người có thẩm quyền (thiếu " + ", ".join(sign) + ")")
    if not SealUse.select().where(SealUse.outgoing == doc.id).exists():
        missing.append("dấu của cơ quan ban hành (chưa ghi sổ đóng dấu)")
    if not doc.recipient_list():
        missing.append("nơi nhận")
    return missing


def issue_outgoing(actor, doc, *, issued_at: _dt.datetime | None = None) -> Outgoing:
    """Mark as issued (phát hành): only with all nine mandatory elements present."""
    users.require(actor, "documents.edit")
    with db.atomic():
        d = _doc(Outgoing, doc)
        if d.status == "issued":
            raise ValidationError(f"Văn bản {d.symbol} đã phát hành.", "status")
        if d.status == "cancelled":
            raise ValidationError(f"Số {d.symbol} đã hủy, không phát hành được.", "status")
        if d.is_secret:
            users.require(actor, "secret.edit")
        missing = missing_elements(d)
        if missing:
            raise ValidationError(f"Chưa phát hành được {d.symbol}: còn thiếu " + "; ".join(missing) + ".",
                                  "status")
        before = audit.snapshot(d)
        d.status, d.issued_at = "issued", issued_at or _now()
        d.save()
        _log(actor, "issue", d, before)
        return d


def cancel_outgoing(actor, doc, reason: str) -> Outgoing:
    """Cancel a reserved number that will not be used; it is never given again."""
    users.require(actor, "documents.edit")
    reason = nfc(reason)
    if not reason:
        raise ValidationError("Hủy số văn bản cần ghi lý do.", "reason")
    with db.atomic():
        d = _doc(Outgoing, doc)
        _require_handler_if_secret(actor, d)
        if d.status == "cancelled":
            raise ValidationError(f"Số {d.symbol} đã hủy.", "status")
        if d.status == "issued":
            raise ValidationError(f"Văn bản {d.symbol} đã phát hành, không hủy số được; "
                                  "hãy ban hành văn bản thu hồi hoặc thay thế.", "status")
        before = audit.snapshot(d)
        d.status, d.cancel_reason = "cancelled", reason
        d.save()
        _log(actor, "cancel", d, before)
        index_outgoing(d)
        return d


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


audit.register_describer("incoming", _describe_incoming)
audit.register_describer("outgoing", _describe_outgoing)
audit.register_describer("attachment", _describe_attachment)
audit.register_describer("doc_type", _describe_doc_type)
