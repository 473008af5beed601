"""The committee's own particulars and the office's settings.

Settings are a registry of typed, labelled defaults; what the user changed is stored in the
``setting`` table and every change is audited. Rules the office may set differently read
their value from here, never from a constant in logic.
"""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from typing import Any

from peewee import CharField, DateField, IntegerField, TextField

from . import audit
from .db import BaseModel, db
from .errors import NotFound, ValidationError
from .text import format_date, nfc, parse_date, require_text


class Office(BaseModel):
    id = IntegerField(primary_key=True)        # always 1
    name = CharField()                          # Đảng ủy xã Tân Lập
    superior = CharField()                      # Đảng bộ tỉnh Tuyên Quang
    body_abbr = CharField(default="ĐU")         # ĐU
    place = CharField()                         # Xã Tân Lập
    term_start = DateField()                    # nhiệm kỳ: day after the congress closed
    term_label = CharField(default="")          # 2025–2030

    class Meta:
        table_name = "office"


@dataclass(frozen=True)
class SettingDef:
    key: str
    label: str
    kind: str           # bool | int | str | path
    default: Any
    help: str = ""
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()      # a "str" setting that takes only these (and "")


SETTINGS: dict[str, SettingDef] = {}


def define_setting(key: str, label: str, kind: str, default: Any, help: str = "",
                   minimum: int | None = None, maximum: int | None = None,
                   choices: tuple[str, ...] = ()) -> SettingDef:
    """Modules call this at import to add their settings to the Settings screen."""
    d = SettingDef(key, label, kind, default, help, minimum, maximum, tuple(choices))
    SETTINGS[key] = d
    return d


define_setting("login.lock_minutes", "Thời gian khóa tài khoản sau 5 lần sai (phút)", "int", 15,
               minimum=1, maximum=1440)
define_setting("ui.mouse", "Dùng chuột (tắt để giảm dữ liệu qua SSH)", "bool", False,
               "Khi bật, mỗi lần di chuột trên bảng sẽ vẽ lại màn hình.")
define_setting("print.command", "Lệnh in (để trống: chỉ lưu tệp PDF)", "str", "lp",
               "Ví dụ: lp -d MayIn. Nếu máy không có lệnh này, chương trình cho biết nơi lưu tệp.")
# Party papers (ĐẢNG CỘNG SẢN VIỆT NAM heading): page margins in mm, A4
for _side, _label, _mm in (("top", "trên", 25), ("bottom", "dưới", 25), ("left", "trái", 35),
                           ("right", "phải", 15)):
    define_setting(f"print.margin_{_side}", f"Lề {_label} của văn bản Đảng (mm)", "int", _mm,
                   minimum=5, maximum=60)


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()           # JSON

    class Meta:
        table_name = "setting"


def get_office() -> Office | None:
    return Office.get_or_none(Office.id == 1)


def configured_office() -> Office:
    """The office, for a paper that prints its name; refused while the office is not set up
    (a command run before the program's first-run wizard)."""
    o = get_office()
    if o is None:
        raise NotFound("Văn phòng chưa được thiết lập; hãy mở chương trình để thiết lập trước.")
    return o


def is_configured() -> bool:
    return get_office() is not None


OFFICE_FIELDS = ("name", "superior", "body_abbr", "place", "term_start", "term_label")
_OFFICE_LABELS = {"name": "tên cấp ủy", "superior": "cấp ủy cấp trên", "body_abbr": "chữ viết tắt cơ quan",
                  "place": "địa danh", "term_start": "ngày bắt đầu nhiệm kỳ", "term_label": "nhiệm kỳ"}


def clean_office_fields(values: dict) -> dict:
    """Validate the office form; raises ValidationError naming the field."""
    out: dict[str, Any] = {}
    for f in ("name", "superior", "place"):
        out[f] = require_text(values.get(f), _OFFICE_LABELS[f], f, 200)
    abbr = nfc(values.get("body_abbr") or "ĐU")
    if not abbr or " " in abbr or len(abbr) > 12:
        raise ValidationError("Chữ viết tắt cơ quan là một cụm ngắn không dấu cách, ví dụ ĐU.", "body_abbr")
    out["body_abbr"] = abbr
    ts = values.get("term_start")
    out["term_start"] = ts if isinstance(ts, _dt.date) else parse_date(ts or "", "term_start")
    out["term_label"] = nfc(values.get("term_label") or "")
    return out


def first_run_setup(office_values: dict, admin_username: str, admin_full_name: str,
                    admin_password: str, admin_must_change: bool = False) -> Office:
    """The wizard: the office and its first administrator, together or not at all
    (``admin_must_change``: the password is known to others, as the demo's is)."""
    from . import users
    fields = clean_office_fields(office_values)
    with db.atomic():
        if is_configured() or users.has_users():
            raise ValidationError("Văn phòng đã được thiết lập.")
        admin = users.create_first_admin(admin_username, admin_full_name, admin_password,
                                         must_change=admin_must_change)
        o = Office.create(id=1, **fields)
        audit.log_change(admin, "create", o)
        from .terms import create_first_term
        create_first_term(admin, fields["term_start"], fields["term_label"])
        return o


def update_office(actor, values: dict) -> Office:
    from . import users
    users.require(actor, "office.edit")
    fields = clean_office_fields({**_office_dict(), **values})
    with db.atomic():
        o = get_office()
        if o is None:
            raise NotFound("Văn phòng chưa được thiết lập.")
        # the term's date and name are the current term's record: corrected there, so the
        # documents numbered in it stay in one series
        term_changes = {k: fields.pop(k) for k in ("term_start", "term_label")}
        before = audit.snapshot(o)
        for k, v in fields.items():
            setattr(o, k, v)
        o.save()
        audit.log_change(actor, "update", o, before)
        if (term_changes["term_start"], term_changes["term_label"]) != (o.term_start, o.term_label):
            from .terms import correct_term, require_current_term
            correct_term(actor, require_current_term(), start=term_changes["term_start"],
                         label=term_changes["term_label"])
            o = get_office()
            assert o is not None        # it was there a moment ago, in this transaction
        return o


def _office_dict() -> dict:
    o = get_office()
    return {f: getattr(o, f) for f in OFFICE_FIELDS} if o else {}


# --- settings ---------------------------------------------------------------------------
def get_setting(key: str) -> Any:
    """The setting's value, or its default when it was never set. One fixed statement, not a
    query built each time: the scanner intake reads a setting for every scan."""
    d = SETTINGS[key]
    database = db.obj
    row = database.execute_sql(f'SELECT value FROM setting WHERE "key" = {database.param}',
                               (key,)).fetchone()
    if row is None:
        return d.default
    return json.loads(row[0])


def parse_setting(key: str, raw: Any) -> Any:
    d = SETTINGS[key]
    if d.kind == "bool":
        if isinstance(raw, bool):
            return raw
        s = nfc(str(raw)).lower()
        if s in ("1", "true", "có", "co", "bật", "bat", "yes"):
            return True
        if s in ("0", "false", "không", "khong", "tắt", "tat", "no"):
            return False
        raise ValidationError("Chọn Có hoặc Không.", key)
    if d.kind == "int":
        try:
            v = int(nfc(str(raw)))
        except ValueError:
            raise ValidationError(f"{d.label}: cần một số nguyên.", key) from None
        if d.minimum is not None and v < d.minimum or d.maximum is not None and v > d.maximum:
            raise ValidationError(f"{d.label}: trong khoảng {d.minimum}–{d.maximum}.", key)
        return v
    if d.choices:
        choice = nfc(str(raw)).strip().lower()
        if choice and choice not in d.choices:
            raise ValidationError(f"{d.label}: chọn một trong {', '.join(d.choices)} (hoặc để trống).", key)
        return choice
    return nfc(str(raw))


def set_setting(actor, key: str, raw: Any) -> Any:
    from . import users
    users.require(actor, "settings.edit")
    value = parse_setting(key, raw)
    with db.atomic():
        old = get_setting(key)
        if old == value:
            return value
        row = Setting.get_or_none(Setting.key == key)
        if row is None:
            Setting.create(key=key, value=json.dumps(value, ensure_ascii=False))
        else:
            row.value = json.dumps(value, ensure_ascii=False)
            row.save()
        audit.append(actor, "update", "setting", key, {"value": old}, {"value": value})
    return value


def format_setting(key: str, value: Any) -> str:
    d = SETTINGS[key]
    if d.kind == "bool":
        return "Có" if value else "Không"
    if isinstance(value, _dt.date):
        return format_date(value)
    return str(value)


def _describe_setting(key: str) -> str:
    d = SETTINGS.get(key)
    return f"cài đặt “{d.label}”" if d is not None else f"cài đặt {key}"


def _describe_office(record_id: str) -> str:
    return "thông tin cấp ủy"


audit.register_describer("setting", _describe_setting)        # the audit log names the setting
audit.register_describer("office", _describe_office)
