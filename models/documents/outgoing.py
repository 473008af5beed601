"""Sổ đăng ký văn bản đi: reserving numbers, signing, issuing and cancelling."""
from __future__ import annotations

import datetime as _dt

from peewee import fn

from .. import audit, users, writes
from ..contacts import Contact
from ..db import db
from ..errors import ValidationError
from ..filestore import FileStore
from ..office import define_setting, get_office, get_setting
from ..terms import Term, late_notice, term_for
from ..text import format_date, nfc
from .files import attachments, purge_secret_files
from .common import (AUTHORITY, CONGRESS_SERIES, _as_date, _as_int, _check_marks, _contact_ref,
                     _now, is_secret)
from .records import (Outgoing, OutgoingRecipient, _doc, _hide_earlier_text, _log, _log_correction,
                      _require_handler_if_secret, _secret_content_rule, _tuyet_mat_rule,
                      index_outgoing)
from .types import get_doc_type

define_setting("outgoing.congress_body", "Chữ viết tắt trong số ký hiệu văn bản đại hội", "str", "ĐH")


def make_symbol(number: int, type_code: str, body_abbr: str) -> str:
    """15, BC, ĐU → '15-BC/ĐU'."""
    return f"{number:02d}-{type_code}/{body_abbr}"


def next_outgoing_number(type_code: str, *, congress: bool = False, body_abbr: str | None = None,
                         term: Term | None = None) -> int:
    """The next number of this series in ``term`` (default: the term today falls in): never a
    number used or cancelled. The series hangs on the term record, not on its dates."""
    body = body_abbr or _congress_body(congress)
    if not body:                         # the office's own abbreviation
        o = get_office()
        if o is None:
            raise ValidationError("Văn phòng chưa được thiết lập (tên cấp ủy, nhiệm kỳ).", "office")
        body = o.body_abbr
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
    from ..contacts import resolve
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
    from ..contacts import is_signing_position
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
        fields["authority_of"] = default_authority_of(authority, o.name if o else "")
    return _update_outgoing(actor, d, "ghi chữ ký" if d.status == "issued" else "", None, fields,
                            secret_perm="secret.view")


def default_authority_of(authority: str, office_name: str) -> str:
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
    from ..seal import SealUse  # late: seal's models point at Outgoing
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
        missing.append("quyền hạn, chức vụ, họ tên và chữ ký người có thẩm quyền (thiếu "
                       + ", ".join(sign) + ")")
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
    with writes.change(actor, "documents.edit", lambda: _doc(Outgoing, doc), "cancel",
                       reason=reason, reason_missing="Hủy số văn bản cần ghi lý do.",
                       log=_log, index=index_outgoing) as c:
        d = c.record
        _require_handler_if_secret(actor, d)
        if d.status == "cancelled":
            raise ValidationError(f"Số {d.symbol} đã hủy.", "status")
        if d.status == "issued":
            raise ValidationError(f"Văn bản {d.symbol} đã phát hành, không hủy số được; "
                                  "hãy ban hành văn bản thu hồi hoặc thay thế.", "status")
        d.status, d.cancel_reason = "cancelled", c.reason
    return d
