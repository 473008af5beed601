"""Incoming and outgoing documents, their attachments and numbering (domain.md §1–§2).

This module holds the registers' data and the functions that change them; every change is
checked against the actor's role, runs in one write transaction and lands in the audit log.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField, fn)

from . import audit, search, users
from .db import BaseModel, db
from .errors import NotFound, ValidationError
from .filestore import FileStore
from .office import define_setting, get_setting
from .text import nfc

URGENCY = ("Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc")
SECRECY = ("Thường", "Mật", "Tối mật", "Tuyệt mật")

# incoming status: key -> label
INCOMING_STATUS = {
    "needs_details": "Cần bổ sung",
    "pending": "Chờ xử lý",
    "in_progress": "Đang xử lý",
    "done": "Đã xử lý",
    "filed": "Lưu hồ sơ",
    "cancelled": "Đã hủy",
}

define_setting("incoming.number_reset_yearly", "Số đến bắt đầu lại từ 1 mỗi năm", "bool", True)

search.register_kind("incoming", 1, "Văn bản đến")


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


class Incoming(BaseModel):
    year = IntegerField()                            # numbering year of the arrival number
    arrival_no = IntegerField()                      # số đến
    arrived_at = DateTimeField()                     # ngày, giờ đến
    registered_at = DateTimeField(default=_dt.datetime.now)
    sender = CharField(default="")                   # tác giả / nơi gửi
    doc_number = CharField(default="")               # số, ký hiệu of the sender
    doc_date = DateField(null=True)
    doc_type = CharField(default="")
    summary = TextField(default="")                  # trích yếu
    urgency = CharField(default="Thường")
    secrecy = CharField(default="Thường")
    pages = IntegerField(null=True)
    copies = IntegerField(null=True)
    handler = CharField(default="")                  # người/đơn vị nhận xử lý
    deadline = DateField(null=True)
    transferred_at = DateTimeField(null=True)
    received_by = CharField(default="")              # ký nhận
    status = CharField(default="pending", index=True)
    status_changed_at = DateTimeField(null=True)
    source = CharField(default="manual")             # manual | scan
    notes = TextField(default="")
    cancel_reason = TextField(default="")

    class Meta:
        table_name = "incoming"
        indexes = ((("year", "arrival_no"), True),)

    @property
    def status_label(self) -> str:
        return INCOMING_STATUS.get(self.status, self.status)


class Attachment(BaseModel):
    incoming = ForeignKeyField(Incoming, null=True, backref="attachments", on_delete="RESTRICT")
    file = ForeignKeyField(StoredFile, backref="uses", on_delete="RESTRICT")
    original_name = CharField()
    added_at = DateTimeField(default=_dt.datetime.now)
    removed = BooleanField(default=False)
    removed_reason = TextField(default="")

    class Meta:
        table_name = "attachment"


def _index_incoming(d: Incoming) -> None:
    title = f"Số đến {d.arrival_no}/{d.year}: {d.summary or '(chưa có trích yếu)'}"
    search.index("incoming", d.id, title, d.sender, d.doc_number, d.doc_type, d.handler, d.notes)


def next_arrival_number(year: int) -> int:
    """The next số đến: consecutive; per year unless the setting says otherwise."""
    q = Incoming.select(fn.MAX(Incoming.arrival_no))
    if get_setting("incoming.number_reset_yearly"):
        q = q.where(Incoming.year == year)
    return (q.scalar() or 0) + 1


def register_incoming(actor, *, arrived_at: _dt.datetime | None = None, status: str = "pending",
                      source: str = "manual", **fields) -> Incoming:
    """Register one incoming document; assigns the next arrival number."""
    users.require(actor, "intake.run" if source == "scan" else "documents.edit")
    arrived_at = arrived_at or _dt.datetime.now().replace(microsecond=0)
    clean = {k: (nfc(v) if isinstance(v, str) else v) for k, v in fields.items()}
    for k in ("urgency",):
        if clean.get(k, "Thường") not in URGENCY:
            raise ValidationError(f"Độ khẩn không hợp lệ: {clean[k]}.", k)
    if clean.get("secrecy", "Thường") not in SECRECY:
        raise ValidationError(f"Độ mật không hợp lệ: {clean['secrecy']}.", "secrecy")
    with db.atomic():
        year = arrived_at.year
        no = next_arrival_number(year)
        d = Incoming.create(year=year, arrival_no=no, arrived_at=arrived_at, status=status,
                            status_changed_at=arrived_at, source=source, **clean)
        _index_incoming(d)
        audit.log_change(actor, "create", d)
        return d


def store_file(store: FileStore, path: Path, original_name: str, mime: str = "",
               pages: int | None = None, text: str = "", sha: str | None = None) -> StoredFile:
    """Copy a file into the store (atomic) and record it once per content."""
    sha, rel, size = store.put(path, sha=sha)
    with db.atomic():
        sf = StoredFile.get_or_none(StoredFile.sha256 == sha)
        if sf is None:
            sf = StoredFile.create(sha256=sha, rel_path=rel, size=size, mime=mime, pages=pages,
                                   text=nfc(text))
        return sf


def attach(actor, doc: Incoming, sf: StoredFile, original_name: str) -> Attachment:
    users.require(actor, "documents.edit" if getattr(actor, "role", "") != "system" else "intake.run")
    if doc.secrecy != "Thường":
        raise ValidationError(
            "Văn bản mật chỉ được ghi thông tin vào sổ; luật bảo vệ bí mật nhà nước cấm lưu tệp "
            "văn bản mật trên máy tính có kết nối mạng.", "attachment")
    with db.atomic():
        a = Attachment.create(incoming=doc, file=sf, original_name=nfc(original_name))
        audit.log_change(actor, "create", a)
        return a


def get_incoming(doc_id: int) -> Incoming:
    d = Incoming.get_or_none(Incoming.id == doc_id)
    if d is None:
        raise NotFound(f"Không tìm thấy văn bản đến (mã {doc_id}).")
    return d
