"""One person's data across the office: found, exported for them, anonymised where the law allows.

The personal-data law gives a person the right to see what the office holds about them, to have
it corrected, and to have it deleted where no other law requires it be kept. Here:

- ``find_person(actor, name)``: every record naming the person (accents and case ignored), area
  by area — each area registers a *source* (``register_source``) saying where its records name
  people and whether it may anonymise them;
- ``export_person(actor, name, path, reason)``: those records in one JSON file for the person
  (owner-only, written atomically), with the reason in the audit log;
- ``anonymise(actor, source, record_id, reason)``: only where the source allows it. The
  registers (incoming, outgoing, the seal log) are records the office must keep as they were
  written, so they are corrected through their own correction (with its reason), never erased;
  a directory entry for a person can be anonymised. The audit log records that it was done and
  why, without the erased values.

Only an administrator (``users.manage``) may do any of this: the search itself reveals data.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import json
from pathlib import Path
from typing import Callable

from . import audit, fsio, users
from .errors import NotFound, ValidationError
from .text import fold, nfc


@dataclasses.dataclass
class Found:
    source: str                 # key of the source
    area: str                   # Vietnamese name of the area
    record_id: int
    title: str                  # which record it is, in words
    fields: dict                # label -> value: the person's data in this record
    can_anonymise: bool = False


@dataclasses.dataclass
class Source:
    key: str
    area: str
    find: Callable[[str], list[Found]]          # folded name -> records
    anonymise: Callable[[object, int], list[str]] | None = None   # -> names of the fields erased


SOURCES: dict[str, Source] = {}
ANONYMOUS = "(đã ẩn danh)"


def register_source(key: str, area: str, find: Callable[[str], list[Found]],
                    anonymise: Callable[[object, int], list[str]] | None = None) -> None:
    SOURCES[key] = Source(key, area, find, anonymise)


def _needle(name: str) -> str:
    n = fold(nfc(name or "")).strip()
    if len(n) < 3:
        raise ValidationError("Nhập ít nhất 3 chữ của họ tên người cần tìm.", "name")
    return n


def _reason(reason: str) -> str:
    r = nfc(reason or "").strip()
    if len(r) < 5:
        raise ValidationError("Ghi rõ lý do (ví dụ: theo đơn đề nghị ngày …).", "reason")
    return r[:500]


def find_person(actor, name: str) -> list[Found]:
    users.require(actor, "users.manage")
    needle = _needle(name)
    out: list[Found] = []
    for src in SOURCES.values():
        out += src.find(needle)
    return out


def export_person(actor, name: str, path: Path | str, reason: str) -> tuple[Path, int]:
    """Write the person's records to ``path`` (JSON, UTF-8); returns (path, how many)."""
    users.require(actor, "users.manage")
    why = _reason(reason)
    found = find_person(actor, name)
    doc = {"person": nfc(name), "exported_at": _dt.datetime.now().replace(microsecond=0).isoformat(),
           "reason": why,
           "records": [{"area": f.area, "record": f.title, "data": f.fields} for f in found]}
    path = Path(path)
    fsio.atomic_write_text(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    audit.append(actor, "personal.export", "person", None, None,
                 {"person": nfc(name), "records": len(found), "reason": why})
    return path, len(found)


def anonymise(actor, source: str, record_id: int, reason: str) -> list[str]:
    """Erase the person from one record where its source allows it; returns the fields erased."""
    users.require(actor, "users.manage")
    why = _reason(reason)
    src = SOURCES.get(source)
    if src is None:
        raise NotFound(f"Không có vùng dữ liệu “{source}”.")
    if src.anonymise is None:
        raise ValidationError(f"{src.area} là sổ sách phải giữ nguyên như khi ghi: không ẩn danh được; "
                              "nếu sai, hãy sửa có ghi lý do.", "source")
    from .db import db
    with db.atomic():
        erased = src.anonymise(actor, record_id)
        audit.append(actor, "personal.anonymise", source, record_id, None,
                     {"fields": erased, "reason": why})
    return erased


# --- the sources of the areas built before this module ------------------------------------------
# (a new area registers its own source from its own module)
def _scan(model, columns: list[tuple[str, str]], needle: str, title: Callable, source: str, area: str,
          can_anonymise: bool = False, where=None) -> list[Found]:
    fields = [getattr(model, c) for c, _ in columns]
    q = model.select(model.id, *fields)
    if where is not None:
        q = q.where(where)
    out = []
    for row in q.tuples().iterator():
        values = dict(zip((c for c, _ in columns), row[1:], strict=True))
        hit = {label: values[c] for c, label in columns
               if values[c] and needle in fold(str(values[c]))}
        if hit:
            rec = model.get_by_id(row[0])
            out.append(Found(source, area, row[0], title(rec), hit, can_anonymise))
    return out


def _contacts(needle: str) -> list[Found]:
    from .contacts import Contact
    found = _scan(Contact, [("name", "Họ tên"), ("notes", "Ghi chú")], needle,
                  lambda c: f"Danh bạ: {c.name}", "contact", "Danh bạ", True,
                  where=Contact.kind == "person")
    for f in found:                              # the whole entry is the person's data
        c = Contact.get_by_id(f.record_id)
        f.fields = {"Họ tên": c.name, "Chức vụ": c.position, "Đơn vị": c.organisation,
                    "Điện thoại": c.phone, "Thư điện tử": c.email, "Địa chỉ": c.address,
                    "Ghi chú": c.notes}
    return found


def _anonymise_contact(actor, record_id: int) -> list[str]:
    from . import search
    from .contacts import Contact, _derive
    c = Contact.get_or_none((Contact.id == record_id) & (Contact.kind == "person"))
    if c is None:
        raise NotFound("Không có người này trong danh bạ.")
    erased = [f for f in ("name", "phone", "email", "address", "notes") if getattr(c, f)]
    c.name, c.phone, c.email, c.address, c.notes = f"{ANONYMOUS} #{c.id}", "", "", "", ""
    c.active = False
    _derive(c)
    c.save()
    search.remove("contact", c.id)
    return erased


def _accounts(needle: str) -> list[Found]:
    return _scan(users.User, [("full_name", "Họ tên"), ("username", "Tên đăng nhập")], needle,
                 lambda u: f"Tài khoản {u.username} ({u.role_label})", "user", "Tài khoản")


def _incoming(needle: str) -> list[Found]:
    from .documents import Incoming
    return _scan(Incoming, [("sender", "Nơi gửi"), ("handler", "Người xử lý"),
                            ("received_by", "Người ký nhận"), ("summary", "Trích yếu")], needle,
                 lambda d: f"Văn bản đến số {d.arrival_no}/{d.year}", "incoming", "Sổ văn bản đến")


def _outgoing(needle: str) -> list[Found]:
    from .documents import Outgoing
    return _scan(Outgoing, [("signer", "Người ký"), ("recipients", "Nơi nhận"), ("summary", "Trích yếu")],
                 needle, lambda d: f"Văn bản đi {getattr(d, 'symbol', '') or d.id}", "outgoing",
                 "Sổ văn bản đi")


def _seal(needle: str) -> list[Found]:
    from .seal import SealHandover, SealUse
    return (_scan(SealUse, [("signer", "Người ký"), ("stamped_by", "Người đóng dấu")], needle,
                  lambda s: f"Sổ con dấu: {s.symbol}", "seal", "Sổ con dấu")
            + _scan(SealHandover, [("from_person", "Người giao"), ("to_person", "Người nhận"),
                                   ("witness", "Người chứng kiến")], needle,
                    lambda h: f"Bàn giao con dấu #{h.id}", "seal_handover", "Sổ con dấu"))


register_source("contact", "Danh bạ", _contacts, _anonymise_contact)
register_source("user", "Tài khoản", _accounts)
register_source("incoming", "Sổ văn bản đến", _incoming)
register_source("outgoing", "Sổ văn bản đi", _outgoing)
register_source("seal", "Sổ con dấu", _seal)
