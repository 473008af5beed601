"""The documents' vocabulary: urgency, secrecy and status keys, settings, messages, and
the small input helpers every document function uses."""
from __future__ import annotations

import datetime as _dt
import logging

from .. import search
from ..contacts import Contact
from ..errors import ValidationError
from ..office import define_setting
from ..text import parse_date

URGENCY = ("Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc")
SECRECY = ("Thường", "Mật", "Tối mật", "Tuyệt mật")
SECRET_LEVELS = ("Mật", "Tối mật", "Tuyệt mật")

# incoming status: key -> label
INCOMING_STATUS = {
    "needs_details": "Cần bổ sung",
    "pending": "Chờ xử lý",
    "in_progress": "Đang xử lý",
    "done": "Đã xử lý",
    "filed": "Lưu hồ sơ",
    "cancelled": "Đã hủy",
}
STATUS_FLOW = ("pending", "in_progress", "done", "filed")   # the forward path
OPEN_STATUSES = ("needs_details", "pending", "in_progress")  # still waiting for someone

OUTGOING_STATUS = {
    "reserved": "Đã lấy số",
    "issued": "Đã phát hành",
    "cancelled": "Đã hủy số",
}
AUTHORITY = {"": "Ký trực tiếp", "T/M": "T/M (thay mặt)", "K/T": "K/T (ký thay)",
             "T/L": "T/L (thừa lệnh)"}

DEFAULT_DOC_TYPES = [
    ("NQ", "Nghị quyết"), ("QĐ", "Quyết định, quy định"), ("QĐi", "Quy định (một số)"),
    ("CT", "Chỉ thị"), ("KL", "Kết luận"), ("QC", "Quy chế"), ("HD", "Hướng dẫn"),
    ("TB", "Thông báo"), ("BC", "Báo cáo"), ("KH", "Kế hoạch"), ("CTr", "Chương trình"),
    ("TTr", "Tờ trình"), ("CV", "Công văn"), ("BB", "Biên bản"), ("BS", "Bản sao"),
    ("GGT", "Giấy giới thiệu"),
]
# keyed on the folded code, so every spelling (QyĐ, QyD, qyđ, QYD …) is caught
FORBIDDEN_TYPE_CODES = {"qyd": "“QyĐ” là chữ viết tắt của văn bản Nhà nước; văn bản của Đảng dùng “QĐ”."}
CONGRESS_SERIES = "*ĐH"        # series key of congress documents (not a type code)

define_setting("incoming.number_reset_yearly", "Số đến bắt đầu lại từ 1 mỗi năm", "bool", True)
define_setting("incoming.secret_own_numbers", "Sổ văn bản mật đến đánh số đến riêng", "bool", True,
               "Khi bật, văn bản mật đến lấy số theo sổ mật của nó, sổ thường không có chỗ trống "
               "để lộ ngày văn bản mật đến.")
SECRET_BOOK = "secret"

search.register_kind("incoming", 1, "Văn bản đến")
search.register_kind("outgoing", 2, "Văn bản đi")
search.register_kind("secret_incoming", 5, "Văn bản mật đến", restricted=True, table="incoming")
search.register_kind("secret_outgoing", 6, "Văn bản mật đi", restricted=True, table="outgoing")

SECRET_TEXT_REFUSED = ("Văn bản mật chỉ được ghi thông tin vào sổ, không lưu nội dung trên máy tính: "
                       "hãy xóa nội dung, để ở bản giấy (chọn “Nội dung trên bản giấy”: Có).")
# a secret document's fields that say what it is about: never in the audit log or the index
PROTECTED = {"incoming": ("summary", "notes"), "outgoing": ("summary", "content", "notes")}
log = logging.getLogger("vanphong.files")

SECRET_FILE_REFUSED = ("Văn bản mật chỉ được ghi thông tin vào sổ; Luật Bảo vệ bí mật nhà nước cấm "
                       "soạn thảo, lưu giữ văn bản mật trên máy tính đã hoặc đang kết nối mạng, "
                       "nên không được đính kèm tệp.")


def is_secret(secrecy: str | None) -> bool:
    return secrecy in SECRET_LEVELS


# --- shared helpers --------------------------------------------------------------------------
def _now() -> _dt.datetime:
    return _dt.datetime.now().replace(microsecond=0)


def _as_date(v, field: str, required: bool = False) -> _dt.date | None:
    if v is None or v == "":
        if required:
            raise ValidationError("Chưa nhập ngày (dd/mm/yyyy).", field)
        return None
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    return parse_date(str(v), field, required)


def _as_int(v, field: str, label: str) -> int | None:
    if v is None or v == "":
        return None
    try:
        n = int(v)
    except (TypeError, ValueError):
        raise ValidationError(f"{label} phải là một số nguyên.", field) from None
    if n < 0:
        raise ValidationError(f"{label} không được âm.", field)
    return n


def _check_marks(clean: dict) -> None:
    if "urgency" in clean and clean["urgency"] not in URGENCY:
        raise ValidationError(f"Độ khẩn không hợp lệ: {clean['urgency']} (chọn: {', '.join(URGENCY)}).",
                              "urgency")
    if "secrecy" in clean and clean["secrecy"] not in SECRECY:
        raise ValidationError(f"Độ mật không hợp lệ: {clean['secrecy']} (chọn: {', '.join(SECRECY)}).",
                              "secrecy")


def _contact_ref(value) -> Contact | None:
    if value is None or value == "":
        return None
    if isinstance(value, Contact):
        return value
    c = Contact.get_or_none(Contact.id == int(value))
    if c is None:
        raise ValidationError(f"Không tìm thấy mục danh bạ (mã {value}).", "contact")
    return c
