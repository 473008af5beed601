"""Sổ đăng ký văn bản đến: registering, correcting, moving and cancelling an arrival."""
from __future__ import annotations

import datetime as _dt

from peewee import fn

from .. import audit, calendar, users, writes
from ..db import db
from ..errors import ValidationError
from ..filestore import FileStore
from ..office import get_setting
from ..text import format_date, nfc
from .files import purge_secret_files
from .common import (INCOMING_STATUS, OPEN_STATUSES, SECRET_BOOK, SECRET_LEVELS, STATUS_FLOW,
                     _as_date, _as_int, _check_marks, _contact_ref, _now, is_secret)
from .records import (Incoming, IncomingStatusChange, _deadline_rule, _doc, _hide_earlier_text,
                      _log, _log_correction, _require_handler_if_secret, _tuyet_mat_rule,
                      get_incoming, index_incoming)


def late_registration_warning(arrived_at: _dt.datetime | _dt.date,
                              registered_at: _dt.datetime | _dt.date | None = None) -> str | None:
    """A document is registered the day it arrives, at the latest the next working day.
    Returns the Vietnamese warning when registration is later than that, else None."""
    if arrived_at is None:
        return None
    a = arrived_at.date() if isinstance(arrived_at, _dt.datetime) else arrived_at
    r = registered_at or _dt.datetime.now()
    r = r.date() if isinstance(r, _dt.datetime) else r
    limit = calendar.next_working_day(a)
    if r <= limit:
        return None
    late = (r - limit).days
    day = calendar.WEEKDAYS_VI
    return (f"Vào sổ muộn: văn bản đến ngày {format_date(a)} ({day[a.weekday()]}) phải vào sổ "
            f"chậm nhất ngày {format_date(limit)} ({day[limit.weekday()]}), nay là "
            f"{format_date(r)} — muộn {late} ngày.")


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
        _deadline_rule(d)
        d.save()
        _step(actor, d, status, registered_at, "vào sổ")
        index_incoming(d)
        _log(actor, "create", d)
        return d


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
        if "deadline" in clean or "doc_date" in clean:      # an old entry is not held up by it
            _deadline_rule(d)
        d.save()
        if becoming_secret:
            purge_secret_files(actor, d, store, reason)
        index_incoming(d)
        _log_correction(actor, d, before, reason)
        if becoming_secret:
            _hide_earlier_text(actor, d)
        return d


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
            raise ValidationError("Còn thiếu: " + ", ".join(missing) + ".",
                                  "summary" if "trích yếu" in missing else "sender")
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
        old_deadline = d.deadline
        d.handler, d.handler_contact, d.received_by, d.transferred_at = handler, hc, received_by, at
        if deadline not in (None, ""):
            d.deadline = _as_date(deadline, "deadline")
            _deadline_rule(d)
        d.save()
        _log(actor, "transfer", d, before)
        to = f"{handler}, {received_by} ký nhận"
        if d.deadline is not None and d.deadline != old_deadline:
            to += f", hạn {format_date(d.deadline)}"
        if d.status == "pending":
            set_status(actor, d, "in_progress", at=at, note=f"chuyển {to}")
        else:                       # handed on again: a step of its own, not only the audit log
            _step(actor, d, d.status, at, f"chuyển lại {to}")
        index_incoming(d)
        return get_incoming(d.id)


def cancel_incoming(actor, doc, reason: str) -> Incoming:
    """Cancel an entry (wrongly registered, duplicate …); the number stays, never reused."""
    with writes.change(actor, "documents.edit", lambda: _doc(Incoming, doc), "cancel",
                       reason=reason, reason_missing="Hủy văn bản đến cần ghi lý do.",
                       log=_log, index=index_incoming) as c:
        d = c.record
        _require_handler_if_secret(actor, d)
        if d.status == "cancelled":
            raise ValidationError("Văn bản này đã hủy.", "status")
        d.status, d.cancel_reason, d.status_changed_at = "cancelled", c.reason, _now()
        _step(actor, d, "cancelled", d.status_changed_at, c.reason)
    return d


def status_history(doc) -> list[IncomingStatusChange]:
    did = doc.id if isinstance(doc, Incoming) else int(doc)
    return list(IncomingStatusChange.select().where(IncomingStatusChange.incoming == did)
                .order_by(IncomingStatusChange.at, IncomingStatusChange.id))


def is_overdue(doc: Incoming, today: _dt.date | None = None) -> bool:
    today = today or _dt.date.today()
    return doc.deadline is not None and doc.deadline < today and doc.status in OPEN_STATUSES
