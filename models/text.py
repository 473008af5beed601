"""Vietnamese text, money and dates: the pure functions every module uses.

All text is stored NFC; search and sort keys are derived here and nowhere else.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from .errors import ValidationError


def nfc(s: str | None, *, strip: bool = True) -> str:
    """NFC-normalise and strip; None becomes ''. ``strip=False`` keeps the spaces: a file
    name is what it is."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s))
    return s.strip() if strip else s


def fold(s: str | None) -> str:
    """Search form: NFC → remove combining marks → đ→d → lower-case.

    "Đảng phí", "ĐẢNG PHÍ", "dang phi" and an NFD "Đảng phí" all fold to "dang phi".
    """
    if not s:
        return ""
    d = unicodedata.normalize("NFD", str(s))
    d = "".join(ch for ch in d if not unicodedata.combining(ch))
    d = d.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")
    return unicodedata.normalize("NFC", d).lower()


# --- Vietnamese collation -------------------------------------------------------------
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_BASE_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# tone order: none, huyền, sắc, hỏi, ngã, nặng  (a, à, á, ả, ã, ạ)
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
# marks that make a distinct letter rather than a tone
_LETTER_MARKS = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
                 ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}


def _letter_key(word: str) -> tuple[tuple, tuple]:
    primary: list = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", word.lower()):
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        tone = 0
        for m in marks:
            if (base, m) in _LETTER_MARKS:
                base = _LETTER_MARKS[(base, m)]
            elif m in _TONES:
                tone = _TONES[m]
        if base in _BASE_RANK:
            primary.append((0, _BASE_RANK[base]))
        else:
            primary.append((1, ord(base)))
        tones.append(tone)
    return tuple(primary), tuple(tones)


def vn_sort_key(text: str) -> tuple:
    """Key for Vietnamese alphabetical order (tones after the base letter)."""
    words = nfc(text).split()
    keys = [_letter_key(w) for w in words]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys)


def person_sort_key(full_name: str) -> tuple:
    """People sort by given name (last word), then by the rest: An < Bình."""
    words = nfc(full_name).split()
    if not words:
        return ((), ())
    given, rest = words[-1], " ".join(words[:-1])
    return vn_sort_key(given), vn_sort_key(rest)


# --- money: integer đồng ----------------------------------------------------------------
def format_money(amount: int, unit: bool = True) -> str:
    """1250000 → '1.250.000 đ'."""
    if not isinstance(amount, int):
        raise TypeError("money is integer đồng")
    s = f"{abs(amount):,}".replace(",", ".")
    if amount < 0:
        s = "-" + s
    return f"{s} đ" if unit else s


_MONEY_RE = re.compile(r"^-?\d{1,3}(\.\d{3})*$|^-?\d+$")


def parse_money(text: str, field: str | None = None) -> int:
    """'1.250.000', '1250000', '1.250.000 đ' → 1250000. Decimals are refused."""
    s = nfc(text).replace(" ", "")
    for suffix in ("đồng", "đ", "VNĐ", "VND", "vnđ", "vnd"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
            break
    if not s:
        raise ValidationError("Chưa nhập số tiền.", field)
    if "," in s:
        raise ValidationError("Số tiền tính bằng đồng, không có phần lẻ; dùng dấu chấm ngăn cách "
                              "hàng nghìn (ví dụ 1.250.000).", field)
    if not _MONEY_RE.match(s):
        raise ValidationError(f"Số tiền không hợp lệ: “{text}”. Ví dụ đúng: 1.250.000", field)
    return int(s.replace(".", ""))


# --- dates: dd/mm/yyyy ------------------------------------------------------------------
def format_date(d: _dt.date | None) -> str:
    if d is None:
        return ""
    return d.strftime("%d/%m/%Y")


def format_datetime(d: _dt.datetime | None) -> str:
    if d is None:
        return ""
    return d.strftime("%d/%m/%Y %H:%M")


_DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


# The years an office's papers can bear: anything else is a typing slip (9999, 0, 20266).
YEAR_MIN, YEAR_MAX = 1900, 2100
# Text a person types into one field: longer is a paste gone wrong, not a trích yếu.
FIELD_MAX = 20_000


def check_year(year: int, field: str | None = None) -> int:
    """``year`` if it is one an office's papers can bear (1900–2100); a ValidationError else."""
    if not isinstance(year, int) or isinstance(year, bool) or not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(f"Năm phải từ {YEAR_MIN} đến {YEAR_MAX} (đã nhập {year}).", field)
    return year


def check_text(text: str | None, label: str = "", field: str | None = None,
               max_len: int = FIELD_MAX) -> str:
    """Refuse what no one means to type: a NUL character (it cuts text short in other programs
    and in SQLite's functions) and text longer than ``max_len`` characters."""
    s = text or ""
    what = f"{label[:1].upper()}{label[1:]}" if label else "Nội dung"
    if "\x00" in s:
        raise ValidationError(f"{what} có ký tự NUL (ký tự điều khiển không in được); hãy gõ lại.",
                              field)
    if len(s) > max_len:
        raise ValidationError(f"{what} quá dài (tối đa {max_len} ký tự, đã có {len(s)}).", field)
    return s


def parse_date(text: str, field: str | None = None, required: bool = True) -> _dt.date | None:
    """'05/03/2026' (also 5/3/2026, 05.03.2026, 05-03-2026) → date(2026, 3, 5); years outside
    1900–2100 are refused (a slip, never a date in a register)."""
    s = nfc(text)
    if not s:
        if required:
            raise ValidationError("Chưa nhập ngày (dd/mm/yyyy).", field)
        return None
    m = _DATE_RE.match(s)
    if not m:
        raise ValidationError(f"Ngày phải viết dạng dd/mm/yyyy, ví dụ 05/03/2026 (đã nhập “{text}”).", field)
    day, month, year = (int(g) for g in m.groups())
    try:
        d = _dt.date(year, month, day)
    except ValueError:
        raise ValidationError(f"Không có ngày {day:02d}/{month:02d}/{year}.", field) from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(f"Ngày {day:02d}/{month:02d}/{year:04d} nằm ngoài khoảng năm "
                              f"{YEAR_MIN}–{YEAR_MAX}.", field)
    return d


def formal_date(place: str, d: _dt.date) -> str:
    """'Xã Tân Lập, ngày 05 tháng 3 năm 2026' (Party format, HD 36)."""
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {day} tháng {month} năm {d.year}"


def require_text(text: str | None, label: str, field: str | None = None, max_len: int = 2000) -> str:
    s = nfc(text)
    if not s:
        raise ValidationError(f"Chưa nhập {label}.", field)
    check_text(s, label, field, max(max_len, FIELD_MAX))     # a NUL; the length is said below
    if len(s) > max_len:
        raise ValidationError(f"{label[:1].upper()}{label[1:]} quá dài (tối đa {max_len} ký tự).", field)
    return s


def one_line(v, label: str, field: str, required: bool = False, max_len: int = 300) -> str:
    """A name, place or title typed on one line: NFC, runs of spaces made one, refused (at
    ``field``) when required and empty or longer than ``max_len``."""
    s = " ".join(nfc(v).split())
    if required and not s:
        raise ValidationError(f"Chưa nhập {label}.", field)
    if len(s) > max_len:
        raise ValidationError(f"{label[:1].upper()}{label[1:]} quá dài (tối đa {max_len} ký tự).", field)
    return s


def parse_time(v, field: str = "time") -> str:
    """A time of day as typed ("8h", "8.30", "08:30", "14") → "HH:MM"; "" for nothing typed."""
    s = nfc(v).replace("h", ":").replace(".", ":")
    if not s:
        return ""
    parts = s.split(":")
    try:
        hh, mm = int(parts[0]), int(parts[1] or 0) if len(parts) > 1 else 0
        if len(parts) > 2 or not (0 <= hh < 24 and 0 <= mm < 60):
            raise ValueError
    except ValueError:
        raise ValidationError(f"Giờ viết dạng 08:00 (đã nhập “{v}”).", field) from None
    return f"{hh:02d}:{mm:02d}"
