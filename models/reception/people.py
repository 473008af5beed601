"""Earlier visitors as a type-ahead, and one person's data: found, exported, anonymised."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from .. import audit, labels, search, users
from ..db import db
from ..errors import ValidationError
from ..text import fold, format_date, format_datetime, nfc, require_text
from .book import get
from .records import (ACTION_VI, ANON_NAME, CATEGORY_VI, HIDDEN, PERSONAL, Reception, STATE_VI, TABLE,
                      _derive, _index, _result_text, _step, digest, safe_cell)


# --- type-ahead over earlier visitors ---------------------------------------------------------
@dataclass
class Visitor:
    name: str
    address: str
    category: str
    id_number: str | None       # None: this person may not see ID numbers
    visits: int
    last: _dt.datetime


def find_visitors(actor, text: str, limit: int = 8) -> list[Visitor]:
    """People seen before whose name (or address) has words starting with every word typed,
    accents and case ignored ("nguyen van b" finds "Nguyễn Văn Bình"); one line per person
    (name and address), the latest visit's details, most recent first."""
    users.require(actor, "reception.view")
    toks = [t for t in search.tokens(text or "") if t]
    if not toks:
        return []
    q = Reception.select(Reception.name, Reception.address, Reception.category, Reception.id_number,
                         Reception.visited_at, Reception.folded, Reception.folded_address) \
        .where(Reception.anonymised == False)  # noqa: E712
    for t in toks:
        q = q.where(Reception.folded.startswith(t) | Reception.folded.contains(" " + t)
                    | Reception.folded_address.startswith(t) | Reception.folded_address.contains(" " + t))
    show_ids = users.can(actor, "reception.view_ids")
    seen: dict[tuple[str, str], Visitor] = {}
    for r in q.order_by(Reception.visited_at.desc()).limit(400):
        key = (r.folded, r.folded_address)
        if key in seen:
            seen[key].visits += 1
            continue
        if len(seen) >= limit:
            continue
        seen[key] = Visitor(r.name, r.address, r.category, r.id_number if show_ids else None, 1,
                            r.visited_at)
    whole = " ".join(toks)
    return sorted(seen.values(), key=lambda v: (not fold(v.name).startswith(whole), -v.last.timestamp()))


# --- one person's data (export, anonymise) ----------------------------------------------------
def records_of(actor, name: str, address: str | None = None, id_number: str | None = None) -> list[Reception]:
    """Every visit of one person: the same name (accents and case ignored) and, when given, the
    same address or ID number."""
    users.require(actor, "reception.view")
    q = Reception.select().where((Reception.folded == fold(name)) & (Reception.anonymised == False))  # noqa: E712
    if address:
        q = q.where(Reception.folded_address == fold(address))
    if id_number:
        q = q.where(Reception.id_number == nfc(id_number).replace(" ", ""))
    return list(q.order_by(Reception.visited_at))


PERSON_COLUMNS = labels.PERSON_VISITS_COLUMNS


def person_rows(records: list[Reception]) -> list[list[str]]:
    return [[safe_cell(c) for c in row] for row in _person_rows(records)]


def _person_rows(records: list[Reception]) -> list[list[str]]:
    return [[r.label, format_datetime(r.visited_at), r.name, r.address, r.id_number,
             CATEGORY_VI[r.category], str(r.people), r.content, r.handled_before,
             ACTION_VI[r.action], r.forward_to, r.received_by, STATE_VI[r.state],
             _result_text(r), format_date(r.closed_on)] for r in records]


def export_person(actor, records: list[Reception], out: Path | str, fmt: str, reason: str) -> int:
    """Write one person's visits for them (their right to their data), with the reason in the
    audit log. The file holds their ID number: it is for them."""
    from ..exports import write_csv, write_xlsx
    users.require(actor, "reception.edit")
    users.require(actor, "reception.view_ids")
    reason = require_text(reason, "lý do", "reason", 500)
    if fmt not in ("csv", "xlsx"):
        raise ValidationError("Định dạng không hỗ trợ (chọn csv hoặc xlsx).", "format")
    if not records:
        raise ValidationError("Không có lượt tiếp nào của người này.", "name")
    rows = person_rows([get(r.id) for r in records])
    n = (write_csv(out, PERSON_COLUMNS, rows) if fmt == "csv"
         else write_xlsx(out, PERSON_COLUMNS, rows, "Lượt tiếp"))
    audit.append(actor, "export_person", TABLE, None, None,
                 {"records": [r.id for r in records], "person": digest(records[0].name),
                  "reason": reason, "format": fmt, "file": Path(out).name})
    return n


def anonymise_person(actor, records: list[Reception], reason: str) -> int:
    """Replace name, address and ID number of these visits; the cases stay (category, content,
    action, result) for the statistics. The audit entry says what was hidden, as "đã ẩn" and a
    digest, with the reason: never the old values."""
    users.require(actor, "reception.edit")
    reason = require_text(reason, "lý do", "reason", 500)
    if not records:
        raise ValidationError("Không có lượt tiếp nào của người này.", "name")
    n = 0
    with db.atomic():
        for rec in records:
            r = get(rec.id)
            if r.anonymised:
                continue
            old = {k: f"{HIDDEN} {digest(getattr(r, k))}" for k in PERSONAL if getattr(r, k)}
            r.name, r.address, r.id_number = ANON_NAME, "", ""
            r.anonymised = True
            _derive(r)
            r.save()
            _step(r, actor, "anonymise", f"Ẩn danh theo yêu cầu: {reason}")
            audit.append(actor, "anonymise", TABLE, r.id, old,
                         {"name": ANON_NAME, "address": "", "id_number": "", "reason": reason})
            _index(r)
            n += 1
    return n
