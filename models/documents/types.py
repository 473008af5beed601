"""Tên loại văn bản: the Party's table of document types and their abbreviations."""
from __future__ import annotations

from peewee import fn

from .. import audit, users
from ..db import db
from ..errors import ValidationError
from ..text import fold, nfc
from .common import FORBIDDEN_TYPE_CODES
from .records import DocType, Incoming


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
        raise ValidationError(f"Không có tên loại viết tắt “{code}” trong bảng tên loại văn bản.",
                              "type_code")
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
