"""Dossiers (hồ sơ): code, title, year, retention, the documents in it, and the date it is due
for handover to the archive — the end of the work plus one year.

Filing an incoming document into a dossier moves it to "Lưu hồ sơ".
"""
from __future__ import annotations

import datetime as _dt
import re

from peewee import (CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField,
                    fn)

from . import audit, dashboard, search, users
from .db import BaseModel, db
from .documents import Incoming, Outgoing, _as_date, set_status
from .errors import NotFound, ValidationError
from .registers import Cell, DataSource, Found, _search_ids, id_filter, one_line, register_describer
from .text import format_date, nfc, require_text
from .writes import get_or_refuse

PERMANENT = "vĩnh viễn"

search.register_kind("dossier", 4, "Hồ sơ")


class Dossier(BaseModel):
    code = CharField(unique=True)                 # ký hiệu hồ sơ: 2026-03
    title = CharField()                           # tiêu đề hồ sơ
    year = IntegerField(index=True)
    retention_years = IntegerField(null=True)     # None = vĩnh viễn
    keeper = CharField(default="")                # người lập hồ sơ
    work_ended_on = DateField(null=True)          # the work the dossier is about ended
    handed_over_on = DateField(null=True)         # nộp lưu vào lưu trữ
    notes = TextField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "dossier"

    @property
    def retention_label(self) -> str:
        return PERMANENT.capitalize() if self.retention_years is None else f"{self.retention_years} năm"

    @property
    def handover_due(self) -> _dt.date | None:
        """End of the work + 1 year (29 February falls back to 28)."""
        e = self.work_ended_on
        if e is None:
            return None
        try:
            return e.replace(year=e.year + 1)
        except ValueError:
            return e.replace(year=e.year + 1, day=28)

    def is_overdue(self, today: _dt.date | None = None) -> bool:
        today = today or _dt.date.today()
        due = self.handover_due
        return self.handed_over_on is None and due is not None and due < today

    @property
    def state_label(self) -> str:
        if self.handed_over_on:
            return f"Đã nộp lưu {format_date(self.handed_over_on)}"
        if self.work_ended_on:
            return "Đã kết thúc"
        return "Đang mở"


class DossierItem(BaseModel):
    """A document in a dossier. A document sits in one dossier at a time."""
    dossier = ForeignKeyField(Dossier, backref="items", on_delete="RESTRICT")
    dossier_id: int   # for the type checker only: no value, so no field
    incoming = ForeignKeyField(Incoming, null=True, unique=True, backref="+", on_delete="RESTRICT")
    incoming_id: int | None   # for the type checker only: no value, so no field
    outgoing = ForeignKeyField(Outgoing, null=True, unique=True, backref="+", on_delete="RESTRICT")
    outgoing_id: int | None   # for the type checker only: no value, so no field
    added_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "dossier_item"


DOSSIER_MODELS = [Dossier, DossierItem]

_RET_RE = re.compile(r"^(\d{1,3})\s*(năm)?$")


def parse_retention(text) -> int | None:
    """'vĩnh viễn' → None; '10 năm' / '10' / 10 → 10."""
    if text is None:
        return None
    if isinstance(text, int):
        if text <= 0:
            raise ValidationError("Thời hạn bảo quản phải lớn hơn 0 năm.", "retention")
        return text
    s = nfc(str(text)).lower()
    if s in (PERMANENT, "vinh vien", ""):
        return None
    m = _RET_RE.match(s)
    if not m or int(m.group(1)) <= 0:
        raise ValidationError("Thời hạn bảo quản: “vĩnh viễn” hoặc số năm, ví dụ “10 năm”.", "retention")
    return int(m.group(1))


def _index(d: Dossier) -> None:
    search.index("dossier", d.id, f"Hồ sơ {d.code}: {d.title}", d.keeper, d.notes, str(d.year))


def create_dossier(actor, code: str, title: str, year: int, retention="vĩnh viễn", *,
                   keeper: str = "", work_ended_on=None, notes: str = "") -> Dossier:
    users.require(actor, "dossiers.edit")
    code = require_text(code, "ký hiệu hồ sơ", "code", 40)
    title = require_text(title, "tiêu đề hồ sơ", "title", 500)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError("Năm hồ sơ phải là một số, ví dụ 2026.", "year") from None
    if not 1945 <= year <= 2100:
        raise ValidationError("Năm hồ sơ không hợp lệ.", "year")
    ret = parse_retention(retention)
    with db.atomic():
        if Dossier.select().where(Dossier.code == code).exists():
            raise ValidationError(f"Đã có hồ sơ ký hiệu “{code}”.", "code")
        d = Dossier.create(code=code, title=title, year=year, retention_years=ret, keeper=nfc(keeper),
                           work_ended_on=_as_date(work_ended_on, "work_ended_on"), notes=nfc(notes))
        _index(d)
        audit.log_change(actor, "create", d)
        return d


def get_dossier(dossier_id: int) -> Dossier:
    return get_or_refuse(Dossier, dossier_id, f"Không tìm thấy hồ sơ (mã {dossier_id}).")


def dossier_by_code(code: str) -> Dossier:
    """The dossier of this code (as typed on a form: "01-HS"), or the refusal naming it."""
    d = Dossier.get_or_none(Dossier.code == nfc(code).strip())
    if d is None:
        raise ValidationError(f"Không có hồ sơ ký hiệu {nfc(code).strip()}.", "code")
    return d


def update_dossier(actor, dossier, **changes) -> Dossier:
    users.require(actor, "dossiers.edit")
    with db.atomic():
        d = get_dossier(dossier.id if isinstance(dossier, Dossier) else dossier)
        before = audit.snapshot(d)
        for k, v in changes.items():
            if k == "title":
                d.title = require_text(v, "tiêu đề hồ sơ", "title", 500)
            elif k == "retention":
                d.retention_years = parse_retention(v)
            elif k in ("keeper", "notes"):
                setattr(d, k, nfc(v))
            elif k in ("work_ended_on", "handed_over_on"):
                setattr(d, k, _as_date(v, k))
            else:
                raise ValidationError(f"Không sửa được trường {k} của hồ sơ.", k)
        d.save()
        _index(d)
        audit.log_change(actor, "update", d, before)
        return d


def close_work(actor, dossier, ended_on=None) -> Dossier:
    """The work is over: the handover is due one year later."""
    return update_dossier(actor, dossier, work_ended_on=ended_on or _dt.date.today())


def hand_over(actor, dossier, on=None) -> Dossier:
    d = get_dossier(dossier.id if isinstance(dossier, Dossier) else dossier)
    if d.handed_over_on:
        raise ValidationError(f"Hồ sơ {d.code} đã nộp lưu ngày {format_date(d.handed_over_on)}.",
                              "handed_over_on")
    on = _as_date(on, "handed_over_on") or _dt.date.today()
    changes = {"handed_over_on": on}
    if d.work_ended_on is None:
        changes["work_ended_on"] = on
    return update_dossier(actor, d, **changes)


def add_document(actor, dossier, doc) -> DossierItem:
    """Put an incoming or outgoing document into a dossier (an incoming one becomes Lưu hồ sơ)."""
    users.require(actor, "dossiers.edit")
    with db.atomic():
        d = get_dossier(dossier.id if isinstance(dossier, Dossier) else dossier)
        if d.handed_over_on:
            raise ValidationError(f"Hồ sơ {d.code} đã nộp lưu, không thêm văn bản được.", "dossier")
        fk: ForeignKeyField
        if isinstance(doc, Incoming):
            fk, key = DossierItem.incoming, "incoming"
        elif isinstance(doc, Outgoing):
            fk, key = DossierItem.outgoing, "outgoing"
        else:
            raise TypeError("doc must be Incoming or Outgoing")
        doc = type(doc).get_by_id(doc.id)
        if doc.status == "cancelled":
            raise ValidationError("Văn bản đã hủy, không lập hồ sơ.", "doc")
        old = DossierItem.get_or_none(fk == doc.id)
        if old is not None:
            if old.dossier_id == d.id:
                return old
            raise ValidationError(f"Văn bản đã nằm trong hồ sơ {old.dossier.code}; hãy rút ra trước.", "doc")
        item = DossierItem.create(dossier=d, **{key: doc})
        audit.log_change(actor, "create", item)
        if key == "incoming" and doc.status not in ("filed", "needs_details"):
            set_status(actor, doc, "filed", note=f"lưu hồ sơ {d.code}")
        return item


def remove_document(actor, dossier, doc, reason: str) -> None:
    users.require(actor, "dossiers.edit")
    reason = nfc(reason)
    if not reason:
        raise ValidationError("Rút văn bản khỏi hồ sơ cần ghi lý do.", "reason")
    with db.atomic():
        d = get_dossier(dossier.id if isinstance(dossier, Dossier) else dossier)
        if d.handed_over_on:
            raise ValidationError(f"Hồ sơ {d.code} đã nộp lưu.", "dossier")
        fk = DossierItem.incoming if isinstance(doc, Incoming) else DossierItem.outgoing
        item = DossierItem.get_or_none((DossierItem.dossier == d.id) & (fk == doc.id))
        if item is None:
            raise NotFound("Văn bản không nằm trong hồ sơ này.")
        audit.append(actor, "delete", "dossier_item", item.id, audit.snapshot(item), {"_reason": reason})
        item.delete_instance()
        if isinstance(doc, Incoming):
            doc = Incoming.get_by_id(doc.id)
            if doc.status == "filed":
                set_status(actor, doc, "done", note=f"rút khỏi hồ sơ {d.code}: {reason}")


def documents_in(dossier) -> list:
    """The dossier's documents (Incoming and Outgoing rows), in the order they were filed."""
    did = dossier.id if isinstance(dossier, Dossier) else int(dossier)
    out = []
    for it in DossierItem.select().where(DossierItem.dossier == did).order_by(DossierItem.id):
        out.append(it.incoming if it.incoming_id else it.outgoing)
    return out


def dossier_of(doc) -> Dossier | None:
    fk = DossierItem.incoming if isinstance(doc, Incoming) else DossierItem.outgoing
    it = DossierItem.get_or_none(fk == doc.id)
    return it.dossier if it else None


def overdue_dossiers(today: _dt.date | None = None) -> list[Dossier]:
    """Dossiers whose handover to the archive is past due (end of work + 1 year)."""
    today = today or _dt.date.today()
    q = Dossier.select().where(Dossier.handed_over_on.is_null() & Dossier.work_ended_on.is_null(False))
    out = [d for d in q if d.is_overdue(today)]
    out.sort(key=lambda d: (d.handover_due, d.code))
    return out


def next_code(year: int) -> str:
    """A suggestion: '2026-07' after six dossiers of 2026."""
    n = Dossier.select(fn.COUNT(Dossier.id)).where(Dossier.year == year).scalar() or 0
    while True:
        n += 1
        code = f"{year}-{n:02d}"
        if not Dossier.select().where(Dossier.code == code).exists():
            return code


def _describe_dossier(record_id: str) -> str:
    d = Dossier.get_by_id(int(record_id))
    return f"hồ sơ {d.code} — {d.title}"


def _describe_dossier_item(record_id: str) -> str:
    item = DossierItem.get_by_id(int(record_id))
    return f"văn bản trong hồ sơ {item.dossier.code}"


audit.register_describer("dossier", _describe_dossier)        # the audit log names the dossier
audit.register_describer("dossier_item", _describe_dossier_item)


# --- the dossiers as a list, their hits in the global search, their Hôm nay panel ---------------
class DossierSource(DataSource):
    kind = "dossier"
    title = "Hồ sơ"
    columns = ["Ký hiệu", "Tiêu đề hồ sơ", "Năm", "Thời hạn bảo quản", "Hạn nộp lưu", "Tình trạng"]
    widths = [9, 0, 5, 10, 10, 18]
    fields = ["code", "title", "year", "retention", "handover_due", "state"]

    def __init__(self, actor, text: str | None = None, *, year: int | None = None,
                 overdue: bool = False, today: _dt.date | None = None):
        super().__init__(actor)
        self.year, self.overdue = year, overdue
        self.today = today or _dt.date.today()
        self.ids = _search_ids(text, ["dossier"])

    def query(self):
        q = Dossier.select()
        if self.year:
            q = q.where(Dossier.year == int(self.year))
        if self.overdue:
            ids = [d.id for d in overdue_dossiers(self.today)]
            q = q.where(Dossier.id.in_(ids))
        if self.ids is not None:
            q = q.where(id_filter(Dossier.id, self.ids))
        return q

    def order_fields(self):
        return [Dossier.year, Dossier.id]

    def cells(self, d: Dossier) -> list[str]:
        state = "handed_over" if d.handed_over_on else "ended" if d.work_ended_on else "open"
        return [d.code, one_line(d.title), str(d.year), d.retention_label, format_date(d.handover_due),
                Cell(d.state_label, state, "overdue" if d.is_overdue(self.today) else "")]


def _found_dossiers(refs: list[int]) -> dict[int, Found]:
    out = {}
    for d in Dossier.select().where(Dossier.id.in_(refs)):
        n = DossierItem.select().where(DossierItem.dossier == d.id).count()
        out[d.id] = Found("dossier", d.id, search.KINDS["dossier"].label, d.code, str(d.year),
                          f"{d.title} ({n} văn bản, {d.retention_label.lower()})")
    return out


register_describer("dossier", _found_dossiers)


def _panel_dossiers(actor, today: _dt.date):
    if not users.can(actor, "records.view"):
        return None
    od = overdue_dossiers(today)
    if not od:
        return None
    return dashboard.Panel("Hồ sơ quá hạn nộp lưu", len(od),
                           [f"{d.code} — {one_line(d.title, 50)} (hạn {format_date(d.handover_due)})"
                            for d in od[:5]],
                           area="dossiers", severity="warning")


dashboard.register_panel(130, "registers.dossiers", _panel_dossiers)
