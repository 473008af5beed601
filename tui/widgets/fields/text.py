"""Fields typed as text: free and required text, password, date, money, whole numbers, year, time."""
from __future__ import annotations

import datetime as _dt
from typing import Any

from models.errors import ValidationError
from models.money import parse_money      # also "1,25tr" when it can mean one amount only
from models.text import (YEAR_MAX, YEAR_MIN, format_date, format_money, nfc,
                         parse_date, require_text)

from ... import strings as S
from .base import Field


class TextField(Field):
    """Optional free text (NFC, trimmed)."""


class RequiredText(Field):
    """Text that must be given: "Chưa nhập tên cấp ủy." when empty."""

    def __init__(self, label: str, field: str = "", *, max_len: int = 200, **kw):
        super().__init__(label, field, **kw)
        self.max_len = max_len

    def parse(self, text: str) -> str:
        noun = self.label[:1].lower() + self.label[1:]
        return require_text(text, noun, self.field, self.max_len)


class PasswordField(Field):
    """A password: hidden, kept exactly as typed."""

    def __init__(self, label: str, field: str = "password", **kw):
        kw.setdefault("password", True)
        super().__init__(label, field, **kw)

    def parse(self, text: str) -> str:
        return text


class DateField(Field):
    """A date typed dd/mm/yyyy (also d/m/yyyy, dd.mm.yyyy)."""

    WHOLE = True

    def __init__(self, label: str, field: str = "", *, required: bool = True, **kw):
        kw.setdefault("placeholder", S.DATE_PLACEHOLDER)
        self.required = required
        super().__init__(label, field, **kw)

    def format(self, v: Any) -> str:
        if isinstance(v, _dt.date):
            return format_date(v)
        return super().format(v)

    def parse(self, text: str) -> _dt.date | None:
        return parse_date(text, self.field, self.required)

    def after_valid(self) -> None:
        d = self.parse(self.value)
        if d is not None and self.value != format_date(d):
            self.input.value = format_date(d)
            self.dirty = False


class MoneyField(Field):
    """Integer đồng, shown with '.' thousands separators: 1.250.000."""

    def __init__(self, label: str, field: str = "", *, required: bool = True, **kw):
        kw.setdefault("placeholder", S.MONEY_PLACEHOLDER)
        self.required = required
        super().__init__(label, field, **kw)

    def format(self, v: Any) -> str:
        if isinstance(v, int) and not isinstance(v, bool):
            return format_money(v, unit=False)
        return super().format(v)

    def parse(self, text: str) -> int | None:
        if not self.required and not nfc(text):
            return None
        return parse_money(text, self.field)

    def after_valid(self) -> None:
        v = self.parse(self.value)
        if v is not None and self.value != format_money(v, unit=False):
            self.input.value = format_money(v, unit=False)
            self.dirty = False


class IntField(Field):
    """A whole number, optionally within bounds (``required=False``: empty gives None)."""

    def __init__(self, label: str, field: str = "", *, minimum: int | None = None,
                 maximum: int | None = None, required: bool = True, **kw):
        super().__init__(label, field, **kw)
        self.minimum, self.maximum = minimum, maximum
        self.required = required

    def parse(self, text: str) -> int | None:
        s = nfc(text).replace(".", "")
        if not s and not self.required:
            return None
        if not s:
            raise ValidationError(S.INT_MISSING.format(label=self.label.lower()), self.field)
        try:
            v = int(s)
        except ValueError:
            raise ValidationError(S.INT_REQUIRED, self.field) from None
        if (self.minimum is not None and v < self.minimum) or (self.maximum is not None and v > self.maximum):
            raise ValidationError(S.INT_RANGE.format(minimum=self.minimum, maximum=self.maximum),
                                  self.field)
        return v


class YearField(IntField):
    """A year an office's papers can bear (1900–2100 unless narrower bounds are given)."""

    def __init__(self, label: str, field: str = "year", *, minimum: int = YEAR_MIN,
                 maximum: int = YEAR_MAX, **kw):
        super().__init__(label, field, minimum=max(minimum, YEAR_MIN),
                         maximum=min(maximum, YEAR_MAX), **kw)


class TimeField(Field):
    """A time of day typed hh:mm (also h:mm, hh.mm, hhmm)."""

    WHOLE = True

    def __init__(self, label: str, field: str = "", **kw):
        kw.setdefault("placeholder", S.TIME_PLACEHOLDER)
        super().__init__(label, field, **kw)

    def format(self, v: Any) -> str:
        if isinstance(v, _dt.time):
            return v.strftime("%H:%M")
        return super().format(v)

    def parse(self, text: str) -> _dt.time:
        s = nfc(text).replace(".", ":").replace("h", ":").rstrip(":")
        if s.isdigit() and len(s) in (3, 4):
            s = f"{s[:-2]}:{s[-2:]}"
        try:
            h, m = (int(x) for x in s.split(":"))
            return _dt.time(h, m)
        except (ValueError, TypeError):
            raise ValidationError(S.TIME_INVALID, self.field) from None

    def after_valid(self) -> None:
        t = self.parse(self.value)
        if self.value != t.strftime("%H:%M"):
            self.input.value = t.strftime("%H:%M")
            self.dirty = False
