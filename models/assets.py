"""The office's assets (tài sản) and inventory checks (kiểm kê).

An asset has a code, a name, a quantity and a unit value (integer đồng), the date acquired,
where it is, its condition and who uses it. An inventory check records, for each asset, how
many were found, missing and damaged; it is saved whole or not at all.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from . import audit, labels, users
from .contacts import collation_string
from .db import BaseModel, db
from .errors import NotFound, ValidationError
from .money import format_money, parse_money
from .registers import DataSource
from .text import format_date, nfc, require_text

CONDITIONS = {"good": "Tốt", "worn": "Đã cũ, dùng được", "broken": "Hỏng", "liquidated": "Đã thanh lý"}


class Asset(BaseModel):
    code = CharField(unique=True)
    name = CharField()
    sort_key = CharField(index=True, default="")
    quantity = IntegerField(default=1)
    unit = CharField(default="cái")
    unit_value = IntegerField(default=0)
    acquired_on = DateField(null=True)
    location = CharField(default="")
    condition = CharField(default="good")
    user_name = CharField(default="")          # người sử dụng
    notes = TextField(default="")
    active = BooleanField(default=True)
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "asset"

    @property
    def total_value(self) -> int:
        return self.quantity * self.unit_value

    @property
    def condition_label(self) -> str:
        return CONDITIONS.get(self.condition, self.condition)


class InventoryCheck(BaseModel):
    checked_on = DateField(index=True)
    checked_by = CharField()
    note = TextField(default="")
    created_by = CharField(default="")
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "inventory_check"


class InventoryItem(BaseModel):
    check = ForeignKeyField(InventoryCheck, backref="items", on_delete="CASCADE")
    check_id: int   # for the type checker only: no value, so no field
    asset = ForeignKeyField(Asset, on_delete="RESTRICT")
    expected = IntegerField()
    found = IntegerField()
    missing = IntegerField(default=0)
    damaged = IntegerField(default=0)
    note = TextField(default="")

    class Meta:
        table_name = "inventory_item"


ASSET_MODELS = [Asset, InventoryCheck, InventoryItem]
FIELDS = ("code", "name", "quantity", "unit", "unit_value", "acquired_on", "location", "condition",
          "user_name", "notes")


def _int(v, field: str, label: str) -> int:
    try:
        n = int(v)
    except (TypeError, ValueError):
        raise ValidationError(f"{label} phải là số nguyên.", field) from None
    if n < 0 or n > 10**6:
        raise ValidationError(f"{label} trong khoảng 0–1.000.000.", field)
    return n


def _clean(values: dict) -> dict:
    out: dict[str, Any] = {}
    for k, v in values.items():
        if k not in FIELDS:
            raise ValidationError(f"Trường không có trong sổ tài sản: {k}.", k)
        if k == "code":
            out[k] = require_text(v, "mã tài sản", k, 30)
        elif k == "name":
            out[k] = require_text(v, "tên tài sản", k, 200)
        elif k == "quantity":
            out[k] = _int(v, k, "Số lượng")
        elif k == "unit_value":
            out[k] = parse_money(v if v not in (None, "") else 0, k)
        elif k == "acquired_on":
            from .text import parse_date
            out[k] = v if isinstance(v, _dt.date) or v in (None, "") else parse_date(str(v), k)
            out[k] = out[k] or None
        elif k == "condition":
            if v not in CONDITIONS:
                raise ValidationError("Chọn tình trạng tài sản.", k)
            out[k] = v
        else:
            out[k] = nfc(v)[:500]
    return out


def add_asset(actor, code: str, name: str, **values) -> Asset:
    users.require(actor, "assets.edit")
    clean = _clean({"code": code, "name": name, **values})
    with db.atomic():
        if Asset.get_or_none(Asset.code == clean["code"]):
            raise ValidationError(f"Mã tài sản {clean['code']} đã có.", "code")
        a = Asset.create(sort_key=collation_string(clean["name"]), **clean)
        audit.log_change(actor, "create", a)
        return a


def update_asset(actor, asset_id: int, **values) -> Asset:
    users.require(actor, "assets.edit")
    with db.atomic():
        a = get_asset(asset_id)
        clean = _clean(values)
        before = audit.snapshot(a)
        for k, v in clean.items():
            setattr(a, k, v)
        a.sort_key = collation_string(a.name)
        a.save()
        audit.log_change(actor, "update", a, before)
        return a


def get_asset(asset_id) -> Asset:
    a = Asset.get_or_none(Asset.id == asset_id)
    if a is None:
        raise NotFound(f"Không có tài sản số {asset_id}.")
    return a


def assets_in_use() -> list[Asset]:
    """The assets still on the books (not written off), by code: what an inventory counts."""
    return list(Asset.select().where(Asset.active == True).order_by(Asset.code))  # noqa: E712


def record_inventory(actor, checked_on: _dt.date, checked_by: str, counts: dict[int, dict],
                     note: str = "") -> InventoryCheck:
    """``counts``: {asset id: {"found": n, "damaged": n, "note": ""}}; an asset left out is
    counted as found whole. Missing = expected − found."""
    users.require(actor, "assets.edit")
    checked_by = require_text(checked_by, "người kiểm kê", "checked_by", 200)
    with db.atomic():
        c = InventoryCheck.create(checked_on=checked_on, checked_by=checked_by, note=nfc(note)[:1000],
                                  created_by=audit.actor_name(actor))
        for a in assets_in_use():
            got = counts.get(a.id, {})
            found = _int(got.get("found", a.quantity), "found", "Số lượng thực tế")
            damaged = _int(got.get("damaged", 0), "damaged", "Số hỏng")
            if damaged > found:
                raise ValidationError(f"{a.code}: số hỏng lớn hơn số tìm thấy.", "damaged")
            InventoryItem.create(check=c, asset=a, expected=a.quantity, found=found,
                                 missing=max(0, a.quantity - found), damaged=damaged,
                                 note=nfc(got.get("note", ""))[:300])
        audit.log_change(actor, "create", c)
        return c


def latest_check() -> InventoryCheck | None:
    return (InventoryCheck.select()
            .order_by(InventoryCheck.checked_on.desc(), InventoryCheck.id.desc()).first())


@dataclass
class InventoryLine:
    code: str
    name: str
    unit: str
    unit_value: int
    expected: int
    found: int
    missing: int
    damaged: int
    note: str


def inventory_lines(check: InventoryCheck) -> list[InventoryLine]:
    q = (InventoryItem.select(InventoryItem, Asset).join(Asset)
         .where(InventoryItem.check == check.id).order_by(Asset.code))
    return [InventoryLine(i.asset.code, i.asset.name, i.asset.unit, i.asset.unit_value, i.expected,
                          i.found, i.missing, i.damaged, i.note) for i in q]


class AssetSource(DataSource):
    kind = "asset"
    title = "Tài sản"
    columns = [labels.ASSET_CODE, labels.ASSET_NAME, labels.QUANTITY, labels.UNIT_PRICE, labels.LOCATION,
               labels.CONDITION]
    widths = [8, 0, 4, 11, 14, 10]
    descending = False

    def __init__(self, actor, text: str | None = None):
        super().__init__(actor)
        self.text = nfc(text)

    def query(self):
        q = Asset.select().where(Asset.active == True)  # noqa: E712
        if self.text:
            q = q.where(Asset.name.contains(self.text) | Asset.code.contains(self.text))
        return q

    def order_fields(self):
        return [Asset.code, Asset.id]

    def cells(self, a: Asset) -> list[str]:
        return [a.code, a.name, str(a.quantity), format_money(a.unit_value, unit=False), a.location,
                a.condition_label]


def export_rows():
    for a in Asset.select().order_by(Asset.code):
        yield [a.code, a.name, a.unit, str(a.quantity), str(a.unit_value), str(a.total_value),
               format_date(a.acquired_on), a.location, a.condition_label, a.user_name, a.notes]


EXPORT_HEADERS = labels.ASSET_COLUMNS


# --- the audit log names these records as a clerk does ----------------------------------------
def _describe_asset(record_id: str) -> str:
    a = Asset.get_by_id(int(record_id))
    return f"tài sản {a.code} — {a.name}"


def _describe_check(record_id: str) -> str:
    c = InventoryCheck.get_by_id(int(record_id))
    return f"kiểm kê tài sản ngày {format_date(c.checked_on)}"


def _describe_item(record_id: str) -> str:
    i = InventoryItem.get_by_id(int(record_id))
    return f"{_describe_check(str(i.check_id))}: {i.asset.code} — {i.asset.name}"


audit.register_describer("asset", _describe_asset)
audit.register_describer("inventory_check", _describe_check)
audit.register_describer("inventory_item", _describe_item)
