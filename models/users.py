"""Accounts, roles and the permission check every changing function makes.

Passwords: hashlib.scrypt (memory-hard), stored as ``scrypt$n$r$p$salt$hash``; never in clear,
never logged. Five wrong tries lock an account for a while (setting ``login.lock_minutes``).
"""
from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import hmac
import os
import re

from peewee import BooleanField, CharField, DateTimeField, IntegerField

from . import audit
from .db import BaseModel, db
from .errors import LoginError, NotFound, PermissionDenied, ValidationError
from .text import nfc, require_text

ROLES = {
    "admin": "Quản trị",
    "clerk": "Văn thư",
    "treasurer": "Thủ quỹ",
    "leader": "Lãnh đạo",
    "viewer": "Chỉ xem",
}

ALL = frozenset(ROLES)
# permission -> (Vietnamese description, roles allowed)
PERMISSIONS: dict[str, tuple[str, frozenset[str]]] = {
    "office.edit": ("sửa thông tin cấp ủy", frozenset({"admin"})),
    "settings.edit": ("sửa cài đặt", frozenset({"admin"})),
    "users.manage": ("quản lý tài khoản", frozenset({"admin"})),
    "audit.view": ("xem nhật ký thay đổi", frozenset({"admin", "leader"})),
    "records.view": ("xem sổ sách", ALL),
    "documents.edit": ("vào sổ và sửa văn bản", frozenset({"admin", "clerk"})),
    "documents.approve": ("duyệt, ký văn bản", frozenset({"admin", "leader"})),
    # the secret book is handled by named people (the grant below), not by a role; leaders read it
    "secret.view": ("xem sổ văn bản mật", frozenset({"leader"})),
    "secret.edit": ("vào sổ, chuyển, in sổ văn bản mật", frozenset()),
    "directory.edit": ("sửa danh bạ phối hợp", frozenset({"admin", "clerk"})),
    "seal.use": ("đóng dấu", frozenset({"admin", "clerk"})),
    "seal.handover": ("ghi bàn giao con dấu", frozenset({"admin", "clerk", "leader"})),
    "dossiers.edit": ("lập hồ sơ", frozenset({"admin", "clerk"})),
    "doctypes.edit": ("sửa bảng tên loại văn bản", frozenset({"admin"})),
    "intake.run": ("nhận văn bản từ máy quét", frozenset({"admin", "clerk", "system"})),
    "dues.collect": ("thu đảng phí", frozenset({"admin", "treasurer"})),
    "cash.edit": ("ghi sổ quỹ", frozenset({"admin", "treasurer"})),
    "members.edit": ("sửa danh sách đảng viên", frozenset({"admin", "clerk"})),
    "meetings.edit": ("ghi biên bản hội nghị", frozenset({"admin", "clerk"})),
    "meetings.sign": ("ký biên bản", frozenset({"admin", "leader"})),
    "reception.edit": ("ghi sổ tiếp khách", frozenset({"admin", "clerk"})),
    "programs.edit": ("sửa chương trình công tác", frozenset({"admin", "clerk", "leader"})),
}

# permissions a per-person grant gives, whatever the role: handling the secret book
SECRET_HANDLER_PERMISSIONS = frozenset({"secret.view", "secret.edit"})

MAX_TRIES = 5
DEFAULT_LOCK_MINUTES = 15
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1   # 16 MiB per hash
_USERNAME_RE = re.compile(r"^[a-z0-9._-]{3,32}$")


class User(BaseModel):
    username = CharField(unique=True)
    full_name = CharField()
    role = CharField()
    password_hash = CharField()
    active = BooleanField(default=True)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField(default=_dt.datetime.now)
    secret_handler = BooleanField(default=False)   # granted by an admin: handles the secret book

    class Meta:
        table_name = "user_account"

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    def can(self, perm: str) -> bool:
        return can(self, perm)


class SystemActor:
    """The program itself (scanner intake run as a service): few, listed rights."""
    username = "hệ thống"
    full_name = "Hệ thống"
    role = "system"
    role_label = "Hệ thống"
    active = True
    id = None

    def can(self, perm: str) -> bool:
        return can(self, perm)


SYSTEM = SystemActor()


def can(actor, perm: str) -> bool:
    if actor is None or not getattr(actor, "active", False):
        return False
    entry = PERMISSIONS.get(perm)
    if entry is None:
        raise KeyError(f"unknown permission {perm!r}")
    return actor.role in entry[1] or (
        perm in SECRET_HANDLER_PERMISSIONS and bool(getattr(actor, "secret_handler", False)))


def require(actor, perm: str) -> None:
    """Raise PermissionDenied (Vietnamese) unless ``actor`` may do ``perm``."""
    if can(actor, perm):
        return
    what = PERMISSIONS[perm][0]
    if actor is None:
        raise PermissionDenied(f"Cần đăng nhập để {what}.")
    if not getattr(actor, "active", False):
        raise PermissionDenied(f"Tài khoản {actor.username} đã bị khóa, không được {what}.")
    raise PermissionDenied(
        f"Tài khoản {actor.username} (vai trò {getattr(actor, 'role_label', actor.role)}) "
        f"không có quyền {what}.")


# --- passwords ---------------------------------------------------------------------------
def hash_password(password: str) -> str:
    salt = os.urandom(16)
    h = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                       maxmem=64 * 1024 * 1024, dklen=32)
    b = lambda x: base64.b64encode(x).decode("ascii")  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b(salt)}${b(h)}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, h = stored.split("$")
        if scheme != "scrypt":
            return False
        want = base64.b64decode(h)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n),
                             r=int(r), p=int(p), maxmem=64 * 1024 * 1024, dklen=len(want))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, want)


def validate_password(password: str, field: str = "password") -> None:
    if len(password) < 8:
        raise ValidationError("Mật khẩu cần ít nhất 8 ký tự.", field)


def _validate_username(username: str) -> str:
    u = nfc(username).lower()
    if not _USERNAME_RE.match(u):
        raise ValidationError("Tên đăng nhập gồm 3–32 chữ cái không dấu, số, dấu chấm, gạch ngang.", "username")
    return u


def _user_snapshot(u: User) -> dict:
    return audit.snapshot(u, exclude=("password_hash",))


def _create(actor, username: str, full_name: str, role: str, password: str) -> User:
    username = _validate_username(username)
    full_name = require_text(full_name, "họ và tên", "full_name", 120)
    if role not in ROLES:
        raise ValidationError(f"Vai trò không hợp lệ: {role}.", "role")
    validate_password(password)
    if User.select().where(User.username == username).exists():
        raise ValidationError(f"Tên đăng nhập “{username}” đã có.", "username")
    u = User.create(username=username, full_name=full_name, role=role,
                    password_hash=hash_password(password))
    audit.append(actor if actor is not None else u, "create", "user_account", u.id, None, _user_snapshot(u))
    return u


def has_users() -> bool:
    return User.select().exists()


def create_first_admin(username: str, full_name: str, password: str) -> User:
    """Only while the office has no account at all (first-run wizard)."""
    with db.atomic():
        if has_users():
            raise PermissionDenied("Đã có tài khoản quản trị; hãy đăng nhập.")
        return _create(None, username, full_name, "admin", password)


def create_user(actor, username: str, full_name: str, role: str, password: str) -> User:
    require(actor, "users.manage")
    with db.atomic():
        return _create(actor, username, full_name, role, password)


def update_user(actor, user_id: int, *, full_name: str | None = None, role: str | None = None,
                active: bool | None = None) -> User:
    require(actor, "users.manage")
    with db.atomic():
        u = User.get_or_none(User.id == user_id)
        if u is None:
            raise NotFound("Không tìm thấy tài khoản.")
        before = _user_snapshot(u)
        if full_name is not None:
            u.full_name = require_text(full_name, "họ và tên", "full_name", 120)
        if role is not None:
            if role not in ROLES:
                raise ValidationError(f"Vai trò không hợp lệ: {role}.", "role")
            if u.role == "admin" and role != "admin" and _admins_left(excluding=u.id) == 0:
                raise ValidationError("Phải còn ít nhất một tài khoản quản trị.", "role")
            u.role = role
        if active is not None:
            if not active and u.role == "admin" and _admins_left(excluding=u.id) == 0:
                raise ValidationError("Không thể khóa tài khoản quản trị cuối cùng.", "active")
            u.active = active
        u.save()
        audit.log_change(actor, "update", u, before, exclude=("password_hash",))
        return u


def set_secret_handler(actor, user_id: int, granted: bool) -> User:
    """Grant (or withdraw) the handling of the secret book to one named person; an admin does
    it, and the audit log records who, to whom, when."""
    require(actor, "users.manage")
    with db.atomic():
        u = User.get_or_none(User.id == user_id)
        if u is None:
            raise NotFound("Không tìm thấy tài khoản.")
        if granted and not u.active:
            raise ValidationError(f"Tài khoản {u.username} đã bị khóa: không giao sổ văn bản mật.",
                                  "secret_handler")
        if bool(u.secret_handler) == bool(granted):
            return u
        before = _user_snapshot(u)
        u.secret_handler = bool(granted)
        u.save()
        audit.log_change(actor, "grant_secret" if granted else "revoke_secret", u, before,
                         exclude=("password_hash",))
        return u


def secret_handlers() -> list[User]:
    return list(User.select().where((User.secret_handler == True) & (User.active == True))  # noqa: E712
                .order_by(User.username))


def _admins_left(excluding: int) -> int:
    return (User.select().where((User.role == "admin") & (User.active == True)  # noqa: E712
                                & (User.id != excluding)).count())


def set_password(actor, user_id: int, new_password: str, old_password: str | None = None) -> None:
    """Admins reset anyone's; a user changes their own with the old password."""
    u = User.get_or_none(User.id == user_id)
    if u is None:
        raise NotFound("Không tìm thấy tài khoản.")
    own = actor is not None and getattr(actor, "id", None) == u.id
    if own:
        if old_password is None or not check_password(old_password, u.password_hash):
            raise ValidationError("Mật khẩu cũ không đúng.", "old_password")
    else:
        require(actor, "users.manage")
    validate_password(new_password, "new_password")
    with db.atomic():
        u.password_hash = hash_password(new_password)
        u.failed_logins = 0
        u.locked_until = None
        u.save()
        audit.append(actor, "password", "user_account", u.id, None, {"password": "(đã đổi)"})


def authenticate(username: str, password: str, now: _dt.datetime | None = None,
                 lock_minutes: int | None = None) -> User:
    """Return the user, or raise LoginError with the reason in Vietnamese."""
    from . import office
    now = now or _dt.datetime.now()
    if lock_minutes is None:
        lock_minutes = int(office.get_setting("login.lock_minutes"))
    uname = nfc(username).lower()
    # the outcome is decided and stored in one transaction, raised after it commits:
    # a failed try must be counted, not rolled back with the exception
    error: str | None = None
    with db.atomic():
        u = User.get_or_none(User.username == uname)
        if u is None:
            # same cost as a real check, so a wrong name is not told apart by timing
            check_password(password, "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")
            error = "Sai tên đăng nhập hoặc mật khẩu."
        elif not u.active:
            error = "Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ quản trị."
        elif u.locked_until is not None and u.locked_until > now:
            mins = max(1, int((u.locked_until - now).total_seconds() // 60) + 1)
            error = f"Tài khoản tạm khóa do nhập sai quá {MAX_TRIES} lần. Thử lại sau {mins} phút."
        elif not check_password(password, u.password_hash):
            u.failed_logins += 1
            if u.failed_logins >= MAX_TRIES:
                u.locked_until = now + _dt.timedelta(minutes=lock_minutes)
                u.failed_logins = 0
                audit.append(u, "lock", "user_account", u.id, None,
                             {"locked_until": u.locked_until.isoformat()})
                error = f"Nhập sai {MAX_TRIES} lần: tài khoản bị khóa {lock_minutes} phút."
            else:
                error = f"Sai tên đăng nhập hoặc mật khẩu (còn {MAX_TRIES - u.failed_logins} lần thử)."
            u.save()
        else:
            u.failed_logins = 0
            u.locked_until = None
            u.save()
            audit.append(u, "login", "user_account", u.id)
    if error is not None:
        raise LoginError(error)
    return u


def list_users() -> list[User]:
    return list(User.select().order_by(User.username))
