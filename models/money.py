"""Money: integer đồng, typed the ways a treasurer types it, shown and written out in words.

    parse_money("1.250.000") == parse_money("1250000") == parse_money("1,25tr") == 1250000
    format_money(1250000) == "1.250.000 đ"
    amount_in_words(1005000) == "Một triệu không trăm linh năm nghìn đồng"

Shorthand with a unit (``tr``/``triệu``, ``k``/``nghìn``/``ngàn``, ``tỷ``) is accepted only when
it can mean one thing: "1,25tr" is 1.250.000 đ, but "1.250tr" could be 1.250 triệu or 1,25
triệu, so it is refused with the reason. Amounts are never negative here and never have a
fraction of a đồng.

The words follow the accounting form used on receipts and in the cash book: groups of three,
"không trăm" for an empty hundreds place inside the number, "linh" for an empty tens place,
"mốt" for 1 after twenty and up, "lăm" for 5 after ten and up, "tư" for 4 after twenty and up;
billions read recursively ("một nghìn không trăm linh năm tỷ"), ending in "đồng".
"""
from __future__ import annotations

import re

from .errors import ValidationError
from .text import format_money, nfc

__all__ = ["format_money", "parse_money", "amount_in_words", "MAX_AMOUNT"]

MAX_AMOUNT = 999_999_999_999_999          # under a million billion đồng: far past any office cash

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_BILLION = 1_000_000_000

# --- words --------------------------------------------------------------------------------


def _tens_units(t: int, u: int, has_before: bool) -> list[str]:
    """The last two digits of a group; ``has_before``: something was read before them in this
    number (a hundreds place, or a higher group), so a lone unit reads "linh năm"."""
    if t == 0:
        if u == 0:
            return []
        return ["linh", _DIGITS[u]] if has_before else [_DIGITS[u]]
    if t == 1:
        words = ["mười"]
        if u == 5:
            words.append("lăm")
        elif u:
            words.append(_DIGITS[u])
        return words
    words = [_DIGITS[t], "mươi"]
    if u == 1:
        words.append("mốt")
    elif u == 4:
        words.append("tư")
    elif u == 5:
        words.append("lăm")
    elif u:
        words.append(_DIGITS[u])
    return words


def _group(n: int, inner: bool) -> list[str]:
    """One group of three digits (1..999). ``inner``: a higher group came before it, so every
    place is read: 5 → "không trăm linh năm", 21 → "không trăm hai mươi mốt"."""
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    words: list[str] = []
    if h or inner:
        words += [_DIGITS[h], "trăm"]
    words += _tens_units(t, u, bool(words))
    return words


def _below_billion(n: int, inner: bool) -> list[str]:
    words: list[str] = []
    for scale, name in ((1_000_000, "triệu"), (1_000, "nghìn"), (1, "")):
        g, n = divmod(n, scale)
        if g:
            words += _group(g, inner or bool(words))
            if name:
                words.append(name)
    return words


def _words(n: int, inner: bool = False) -> list[str]:
    if n >= _BILLION:
        high, low = divmod(n, _BILLION)
        words = _words(high, inner) + ["tỷ"]
        if low:
            words += _below_billion(low, True)
        return words
    return _below_billion(n, inner)


def amount_in_words(amount: int) -> str:
    """``105000`` → "Một trăm linh năm nghìn đồng"; 0 → "Không đồng"."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("money is integer đồng")
    if amount < 0:
        raise ValueError("amount_in_words: negative amount")
    if amount > MAX_AMOUNT:
        raise ValueError("amount_in_words: amount too large")
    words = _words(amount) if amount else ["không"]
    s = " ".join(words + ["đồng"])
    return s[0].upper() + s[1:]


# --- parsing --------------------------------------------------------------------------------
_UNITS = {
    "tr": 1_000_000, "triệu": 1_000_000, "trieu": 1_000_000, "m": 1_000_000,
    "k": 1_000, "nghìn": 1_000, "nghin": 1_000, "ngàn": 1_000, "ngan": 1_000,
    "tỷ": _BILLION, "tỉ": _BILLION, "ty": _BILLION, "ti": _BILLION,
}
_CURRENCY = ("đồng", "dong", "vnđ", "vnd", "đ")
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_SHORT = re.compile(r"^(\d+)(?:([.,])(\d+))?([^\d.,]+)$")

EXAMPLE = "Ví dụ: 1250000, 1.250.000 hoặc 1,25tr"


def parse_money(text: str | int | None, field: str | None = None) -> int:
    """Integer đồng from what was typed; a ValidationError in Vietnamese says why not."""
    if isinstance(text, int) and not isinstance(text, bool):
        if text < 0:
            raise ValidationError("Số tiền không được âm.", field)
        return text
    raw = nfc(None if text is None else str(text))
    s = raw.lower().replace(" ", "").replace("\u00a0", "")
    for c in _CURRENCY:
        if s.endswith(c) and len(s) > len(c):
            s = s[: -len(c)]
            break
    if not s or s in _CURRENCY:
        raise ValidationError("Chưa nhập số tiền.", field)
    if s.startswith("-"):
        raise ValidationError("Số tiền không được âm.", field)
    if _PLAIN.match(s):
        value = int(s)
    elif _GROUPED.match(s):
        value = int(s.replace(".", ""))
    else:
        value = _parse_short(raw, s, field)
    if value > MAX_AMOUNT:
        raise ValidationError("Số tiền quá lớn.", field)
    return value


def _parse_short(raw: str, s: str, field: str | None) -> int:
    m = _SHORT.match(s)
    if not m:
        if "," in s and not any(u in s for u in _UNITS):
            raise ValidationError(
                f"Số tiền tính bằng đồng, không có phần lẻ (đã nhập “{raw}”); dấu phẩy chỉ dùng với "
                f"đơn vị như 1,25tr, hàng nghìn ngăn bằng dấu chấm. {EXAMPLE}", field)
        raise ValidationError(f"Số tiền không hợp lệ: “{raw}”. {EXAMPLE}", field)
    whole, sep, frac, unit = m.groups()
    scale = _UNITS.get(unit)
    if scale is None:
        raise ValidationError(f"Không hiểu đơn vị “{unit}” trong “{raw}” (dùng tr, triệu, k, "
                              f"nghìn hoặc tỷ). {EXAMPLE}", field)
    if sep and len(frac) == 3:
        value_a = int(whole + frac) * scale
        value_b = int(whole) * scale + int(frac) * scale // 1000
        raise ValidationError(
            f"“{raw}” có hai cách hiểu: {format_money(value_a)} hoặc {format_money(value_b)}. "
            "Hãy gõ đủ số (ví dụ 1250000) hoặc dùng dấu phẩy thập phân với một hoặc hai chữ số "
            "(1,25tr).", field)
    if not sep:
        return int(whole) * scale
    num = int(whole + frac) * scale
    den = 10 ** len(frac)
    if num % den:
        raise ValidationError(f"“{raw}” không tròn đồng. {EXAMPLE}", field)
    return num // den
