"""Party members (đảng viên): who they are, their chi bộ, and what their dues are based on.

Member records are personal data about political affiliation: only the administrator, the
treasurer and the leaders see them (``members.view``), every opening of one member's record is
written to the audit log, and the search index keeps them as a restricted kind that a search
names only for those allowed.

Lists sort the Vietnamese way: by given name (the last word), then the rest, in Vietnamese
alphabet order with tones after the base letter (``Member.sort_key``, indexed).
"""
from __future__ import annotations

import datetime as _dt

from peewee import CharField, DateField, DateTimeField, IntegerField, TextField

from . import audit, labels, search, users
from .contacts import collation_string
from .db import BaseModel, db
from .errors import ValidationError
from .money import parse_money
from .registers import DataSource, _search_ids, id_filter
from .text import fold, format_date, nfc, parse_date, require_text
from .writes import get_or_refuse

search.register_kind("member", 7, "Đảng viên", restricted=True, table="party_member")

# dues category: what the monthly dues are computed from
CATEGORIES = {
    "insured": "Đóng BHXH bắt buộc (1% tiền lương tháng trước)",
    "sick_leave": "Nghỉ ốm, thai sản (1% trợ cấp)",
    "pensioner": "Hưu trí (0,5% lương hưu)",
    "student": "Học sinh, sinh viên",
    "other": "Đối tượng khác",
}
STATUSES = {
    "active": "Đang sinh hoạt",
    "exempt_activity": "Miễn sinh hoạt",
    "moved": "Chuyển đi",
    "deceased": "Từ trần",
    "removed": "Ra khỏi Đảng",
}
# statuses whose members owe dues for the month
PAYING_STATUSES = ("active", "exempt_activity")


class Member(BaseModel):
    full_name = CharField()
    sort_key = CharField(index=True)           # Vietnamese order, by given name
    birth_date = DateField(null=True)
    cell = CharField(index=True)               # chi bộ
    admitted_on = DateField(null=True)         # ngày vào Đảng
    official_on = DateField(null=True)         # ngày chính thức
    card_no = CharField(default="")            # số thẻ đảng viên
    category = CharField(default="insured")    # CATEGORIES
    base_amount = IntegerField(default=0)      # monthly salary / allowance / pension, đồng
    status = CharField(default="active", index=True)
    status_since = DateField(null=True)
    phone = CharField(default="")
    notes = TextField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "party_member"

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, self.category)

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)


MEMBER_MODELS = [Member]
FIELDS = ("full_name", "birth_date", "cell", "admitted_on", "official_on", "card_no", "category",
          "base_amount", "status", "status_since", "phone", "notes")
_DATES = ("birth_date", "admitted_on", "official_on", "status_since")
_LABELS = {"full_name": "họ và tên", "cell": "chi bộ"}


def member_sort_key(full_name: str) -> str:
    """The indexed sort key: Vietnamese order by given name, then the rest."""
    return collation_string(full_name, person=True)


def _as_date(v, field: str):
    if v is None or v == "":
        return None
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    return parse_date(str(v), field)


def _clean(values: dict) -> dict:
    out: dict = {}
    for k, v in values.items():
        if k not in FIELDS:
            raise ValidationError(f"Trường không có trong hồ sơ đảng viên: {k}.", k)
        if k in ("full_name", "cell"):
            out[k] = require_text(v, _LABELS[k], k, 120)
            if k == "cell":
                out[k] = known_cell(out[k])
        elif k in _DATES:
            out[k] = _as_date(v, k)
        elif k == "category":
            if v not in CATEGORIES:
                raise ValidationError("Chọn đối tượng đóng đảng phí.", k)
            out[k] = v
        elif k == "status":
            if v not in STATUSES:
                raise ValidationError("Chọn tình trạng sinh hoạt.", k)
            out[k] = v
        elif k == "base_amount":
            out[k] = parse_money(v if v not in (None, "") else 0, k)
        else:
            s = nfc(v)
            if len(s) > 2000:
                raise ValidationError("Nội dung quá dài (tối đa 2000 ký tự).", k)
            out[k] = s
    b, a, o = out.get("birth_date"), out.get("admitted_on"), out.get("official_on")
    if a and o and o < a:
        raise ValidationError("Ngày chính thức trước ngày vào Đảng.", "official_on")
    if b and a and a < b:
        raise ValidationError("Ngày vào Đảng trước ngày sinh.", "admitted_on")
    return out


def _index(m: Member) -> None:
    search.index("member", m.id, m.full_name, m.cell, m.card_no)


def add_member(actor, full_name: str, cell: str, **values) -> Member:
    users.require(actor, "members.edit")
    clean = _clean({"full_name": full_name, "cell": cell, **values})
    with db.atomic():
        m = Member.create(sort_key=member_sort_key(clean["full_name"]), **clean)
        audit.log_change(actor, "create", m)
        _index(m)
        return m


def update_member(actor, member_id: int, **values) -> Member:
    users.require(actor, "members.edit")
    with db.atomic():
        m = _get(member_id)
        clean = _clean({"full_name": m.full_name, "cell": m.cell, **values})
        before = audit.snapshot(m)
        for k, v in clean.items():
            setattr(m, k, v)
        m.sort_key = member_sort_key(m.full_name)
        m.save()
        audit.log_change(actor, "update", m, before)
        _index(m)
        return m


def _get(member_id) -> Member:
    mid = member_id.id if isinstance(member_id, Member) else member_id
    return get_or_refuse(Member, mid, f"Không có đảng viên số {mid}.")


def get_member(actor, member_id, *, log_view: bool = True) -> Member:
    """One member's record, for showing it: the viewing is logged (personal data). A screen
    that reads the record again while it stays open (after a correction) passes
    ``log_view=False``: one opening, one entry."""
    users.require(actor, "members.view")
    m = _get(member_id)
    if log_view:
        audit.append(actor, "view", "party_member", m.id)
    return m


def known_cell(name: str) -> str:
    """A chi bộ typed as another member's is already written, marks, case and spaces aside
    ("chi bo thon dong tam"), takes that spelling: one chi bộ is one line of the dues lists and
    reports, not two. A name no member has yet is a new chi bộ, kept as typed."""
    want = " ".join(fold(name).split())
    return next((c for c in cells() if " ".join(fold(c).split()) == want), name)


def cells() -> list[str]:
    """The chi bộ names in use, in Vietnamese order."""
    names = [r.cell for r in Member.select(Member.cell).distinct()]
    return sorted(names, key=lambda s: collation_string(s))


def years_of_membership(m: Member, on: _dt.date) -> int:
    if not m.admitted_on:
        return 0
    a = m.admitted_on
    return on.year - a.year - ((on.month, on.day) < (a.month, a.day))


def sorted_members(members) -> list[Member]:
    return sorted(members, key=lambda m: (m.sort_key, m.id))


# --- the list ---------------------------------------------------------------------------------
class MemberSource(DataSource):
    """Danh sách đảng viên, Vietnamese order. Cells are plain data; the screen adds words."""
    kind = "member"
    title = "Đảng viên"
    columns = [labels.FULL_NAME, labels.BIRTH_DATE, labels.CELL, labels.ADMITTED_ON, labels.MEMBER_STATUS]
    widths = [0, 10, 16, 10, 14]
    descending = False
    permission = "members.view"

    def __init__(self, actor, text: str | None = None, *, cell: str | None = None,
                 include_left: bool = False):
        super().__init__(actor)
        self.cell, self.include_left = cell, include_left
        self.ids = _search_ids(text, ["member"])

    def query(self):
        q = Member.select()
        if self.cell:
            q = q.where(Member.cell == nfc(self.cell))
        if not self.include_left:
            q = q.where(Member.status.in_(PAYING_STATUSES))
        if self.ids is not None:
            q = q.where(id_filter(Member.id, self.ids))
        return q

    def order_fields(self):
        return [Member.sort_key, Member.id]

    def cells(self, m: Member) -> list[str]:
        return [m.full_name, format_date(m.birth_date), m.cell, format_date(m.admitted_on),
                m.status_label]


def _describe(refs: list[int]):
    from .registers import Found
    return {m.id: Found("member", m.id, "Đảng viên", m.card_no, format_date(m.birth_date),
                        f"{m.full_name} — {m.cell}")
            for m in Member.select().where(Member.id.in_(refs))}


def _register_describer() -> None:
    from .registers import register_describer
    register_describer("member", _describe, "members.view")


_register_describer()


def _describe_member(record_id: str) -> str:
    """The audit log names a member by full name: every role that reads the log (audit.view)
    may read the members' list (members.view); a house test keeps it so."""
    return f"đảng viên {Member.get_by_id(int(record_id)).full_name}"


audit.register_describer("party_member", _describe_member)


EXPORT_HEADERS = labels.MEMBER_COLUMNS


def export_rows():
    """Every member, Vietnamese order (the caller has checked ``members.view``)."""
    for m in Member.select().order_by(Member.sort_key, Member.id).iterator():
        yield [m.full_name, format_date(m.birth_date), m.cell, format_date(m.admitted_on),
               format_date(m.official_on), m.card_no, m.category_label, str(m.base_amount),
               m.status_label, m.phone, m.notes]
