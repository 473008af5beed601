"""Errors the program shows to a person: every message is Vietnamese and complete."""
from __future__ import annotations

import errno as _errno


class VanphongError(Exception):
    """Base of every expected failure; ``str(e)`` is the message for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(VanphongError):
    """Bad input; ``field`` names the form field the message belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class PermissionDenied(VanphongError):
    pass


class NotFound(VanphongError):
    pass


class LoginError(VanphongError):
    pass


class OfficeMissing(VanphongError):
    """The folder given as the office home holds no office (a mistyped ``--home``)."""


# --- turning a low-level failure into one Vietnamese phrase ------------------------------------
_ERRNO_VI = {getattr(_errno, name): text for name, text in (      # not every name on every OS
    ("ENOENT", "không tồn tại"),
    ("EACCES", "không có quyền"),
    ("EPERM", "không có quyền"),
    ("EROFS", "ổ đĩa chỉ đọc"),
    ("ENOSPC", "ổ đĩa đã đầy"),
    ("EDQUOT", "đã hết hạn mức dung lượng"),
    ("ENOTDIR", "một phần của đường dẫn không phải là thư mục"),
    ("EISDIR", "đó là một thư mục, không phải tệp"),
    ("EEXIST", "đã có một tệp trùng tên"),
    ("ENAMETOOLONG", "tên quá dài"),
    ("EIO", "lỗi đọc ghi ổ đĩa"),
    ("EBUSY", "đang bị chương trình khác dùng"),
    ("EMFILE", "mở quá nhiều tệp cùng lúc"),
    ("EXDEV", "khác ổ đĩa"),
) if hasattr(_errno, name)}


def os_error_text(e: OSError) -> str:
    """What went wrong with a file or folder, in Vietnamese (never the English OS text)."""
    text = _ERRNO_VI.get(getattr(e, "errno", None))
    if text:
        return text
    return f"lỗi hệ thống số {e.errno}" if getattr(e, "errno", None) else "lỗi hệ thống"


def os_error_message(e: OSError, path=None, doing: str = "ghi") -> str:
    """One sentence: 'Không ghi được /x/y.csv: thư mục không tồn tại.'"""
    where = path if path is not None else (getattr(e, "filename", None) or "")
    reason = os_error_text(e)
    if isinstance(e, FileNotFoundError) and doing == "ghi":
        reason = "thư mục chứa tệp không tồn tại"
    return f"Không {doing} được {where}: {reason}.".replace(" : ", ": ")


DATABASE_BUSY = ("Cơ sở dữ liệu đang bận: một người khác đang ghi (ví dụ đang nhập danh bạ). "
                 "Chưa lưu được gì; hãy thử lại sau ít phút.")


def is_database_busy(e: BaseException | None) -> bool:
    """SQLite 'database is locked' / 'database table is locked' / busy (also through peewee)."""
    seen = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        name = type(e).__name__
        text = str(e).lower()
        if name in ("OperationalError", "DatabaseError") and ("locked" in text or "busy" in text):
            return True
        e = e.__cause__ or e.__context__
    return False


def is_database_error(e: BaseException) -> bool:
    """An error from the database layer (peewee, sqlite3, psycopg2)."""
    mod = type(e).__module__ or ""
    return (mod.startswith(("peewee", "sqlite3", "psycopg")) or type(e).__name__ in
            ("OperationalError", "DatabaseError", "IntegrityError", "InterfaceError"))
