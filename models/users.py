"""Accounts, roles and the permission check every changing function makes.

Passwords: hashlib.scrypt (memory-hard), stored as ``scrypt$n$r$p$salt$hash``; never in clear,
never logged. Five wrong tries lock an account for a while (setting ``login.lock_minutes``).

A login never tells who exists: an unknown name, a wrong password, a locked or a disabled account
all get the same message after the same work (one scrypt hash, against a dummy hash when there is
no such account). Only the right password learns that the account is locked or disabled.

A password someone else chose (an administrator creating the account or resetting it, the demo's)
must be changed at the first login: ``must_change_password`` stays set until the user chooses
their own.
"""
from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import hmac
import math
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
    "members.edit": ("sửa danh sách đảng viên", frozenset({"admin", "treasurer"})),
    "members.view": ("xem danh sách đảng viên", frozenset({"admin", "treasurer", "leader"})),
    "dues.view": ("xem sổ thu nộp đảng phí", frozenset({"admin", "treasurer", "leader"})),
    "dues.edit": ("sửa mức đảng phí, miễn giảm", frozenset({"admin", "treasurer"})),
    "cash.override": ("cho phép chi quá số dư quỹ", frozenset({"admin"})),
    "assets.edit": ("sửa sổ tài sản, kiểm kê", frozenset({"admin", "treasurer"})),
    "meetings.view": ("xem hội nghị, biên bản", ALL),
    "meetings.edit": ("ghi biên bản hội nghị", frozenset({"admin", "clerk"})),
    "meetings.sign": ("ký biên bản", frozenset({"admin", "leader"})),
    "reception.edit": ("ghi sổ tiếp khách", frozenset({"admin", "clerk"})),
    "reception.view": ("xem sổ tiếp khách", frozenset({"admin", "clerk", "leader"})),
    # the front desk checks who came; nobody else needs a citizen's ID number
    "reception.view_ids": ("xem số CCCD của người đến", frozenset({"admin", "clerk"})),
    "tasks.edit": ("ghi việc đột xuất", frozenset({"admin", "clerk", "leader"})),
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
    must_change_password = BooleanField(default=False)   # set by someone else: change at login
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


# passwords anyone would try first, and the demo office's (printed in the README)
WEAK_PASSWORDS = frozenset({
    "12345678", "123456789", "1234567890", "87654321", "11111111", "00000000", "password",
    "password1", "matkhau1", "matkhau123", "abc12345", "abcd1234", "qwerty123", "qwertyui",
    "iloveyou", "vanphong", "vanphong2026", "dangcongsan", "admin123", "admin1234",
})


def validate_password(password: str, field: str = "password") -> None:
    if len(password) < 8:
        raise ValidationError("Mật khẩu cần ít nhất 8 ký tự.", field)


def validate_new_password(password: str, username: str, field: str = "new_password") -> None:
    """A password the user chooses for themself: long enough and not one anyone would guess."""
    validate_password(password, field)
    folded = password.lower()
    if (folded in WEAK_PASSWORDS or len(set(password)) < 4 or password.isdigit()
            or (username and username.lower() in folded)):
        raise ValidationError("Mật khẩu này quá dễ đoán (toàn chữ số, lặp lại, chứa tên đăng nhập "
                              "hoặc là mật khẩu quen thuộc). Hãy chọn mật khẩu khác.", field)


def _validate_username(username: str) -> str:
    u = nfc(username).lower()
    if not _USERNAME_RE.match(u):
        raise ValidationError("Tên đăng nhập gồm 3–32 chữ cái không dấu, số, dấu chấm, gạch ngang.",
                              "username")
    return u


def _user_snapshot(u: User) -> dict:
    return audit.snapshot(u, exclude=("password_hash",))


def _create(actor, username: str, full_name: str, role: str, password: str,
            must_change: bool) -> User:
    username = _validate_username(username)
    full_name = require_text(full_name, "họ và tên", "full_name", 120)
    if role not in ROLES:
        raise ValidationError(f"Vai trò không hợp lệ: {role}.", "role")
    if must_change:
        validate_password(password)
    else:                          # the owner chose it (the first administrator): not an easy one
        validate_new_password(password, username, "password")
    if User.select().where(User.username == username).exists():
        raise ValidationError(f"Tên đăng nhập “{username}” đã có.", "username")
    u = User.create(username=username, full_name=full_name, role=role,
                    password_hash=hash_password(password), must_change_password=must_change)
    audit.append(actor if actor is not None else u, "create", "user_account", u.id, None, _user_snapshot(u))
    return u


def has_users() -> bool:
    return User.select().exists()


def create_first_admin(username: str, full_name: str, password: str,
                       must_change: bool = False) -> User:
    """Only while the office has no account at all (first-run wizard: the administrator chose
    the password; the demo passes ``must_change``, its password is printed for everyone)."""
    with db.atomic():
        if has_users():
            raise PermissionDenied("Đã có tài khoản quản trị; hãy đăng nhập.")
        return _create(None, username, full_name, "admin", password, must_change)


def create_user(actor, username: str, full_name: str, role: str, password: str) -> User:
    """An administrator opens an account; its owner changes the password at the first login."""
    require(actor, "users.manage")
    with db.atomic():
        return _create(actor, username, full_name, role, password, must_change=True)


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
    """Admins reset anyone's (the owner must change it at the next login); a user changes their
    own with the old password, to one that is not the old one and not easy to guess."""
    u = User.get_or_none(User.id == user_id)
    if u is None:
        raise NotFound("Không tìm thấy tài khoản.")
    own = actor is not None and getattr(actor, "id", None) == u.id
    if own:
        if old_password is None or not check_password(old_password, u.password_hash):
            raise ValidationError("Mật khẩu cũ không đúng.", "old_password")
        if new_password == old_password:
            raise ValidationError("Mật khẩu mới phải khác mật khẩu cũ.", "new_password")
        validate_new_password(new_password, u.username)
    else:
        require(actor, "users.manage")
        validate_password(new_password, "new_password")
    with db.atomic():
        u.password_hash = hash_password(new_password)
        u.failed_logins = 0
        u.locked_until = None
        u.must_change_password = not own
        u.save()
        audit.append(actor, "password", "user_account", u.id, None,
                     {"password": "(đã đổi)" if own else "(đặt lại, phải đổi khi đăng nhập)"})


LOGIN_FAILED = "Sai tên đăng nhập hoặc mật khẩu."
_dummy: list[str] = []


def _dummy_hash() -> str:
    """A stored hash with today's parameters, random salt and random digest (no password has
    it): checking against it costs an unknown name the same scrypt work as a known one, and
    making it costs nothing."""
    if not _dummy:
        b = lambda x: base64.b64encode(x).decode("ascii")  # noqa: E731
        _dummy.append(f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b(os.urandom(16))}${b(os.urandom(32))}")
    return _dummy[0]


def lock_minutes_left(locked_until: _dt.datetime, now: _dt.datetime) -> int:
    """Whole minutes until the lock ends, rounded up: 15 for a lock of exactly 15 minutes."""
    return max(1, math.ceil((locked_until - now).total_seconds() / 60))


def authenticate(username: str, password: str, now: _dt.datetime | None = None,
                 lock_minutes: int | None = None) -> User:
    """Return the user, or raise LoginError in Vietnamese.

    Every failure (no such name, wrong password, locked, disabled) costs one scrypt hash and says
    the same ``LOGIN_FAILED`` — unless the password was right: then a locked account is told for
    how long, a disabled one to ask the administrator. Wrong tries on an account in use are
    counted; the fifth locks it (recorded in the audit log)."""
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
        right = check_password(password, u.password_hash if u is not None else _dummy_hash())
        locked = u is not None and u.locked_until is not None and u.locked_until > now
        if u is None:
            error = LOGIN_FAILED
        elif not right:
            error = LOGIN_FAILED
            if u.active and not locked:
                u.failed_logins += 1
                if u.failed_logins >= MAX_TRIES:
                    u.locked_until = now + _dt.timedelta(minutes=lock_minutes)
                    u.failed_logins = 0
                    audit.append(u, "lock", "user_account", u.id, None,
                                 {"locked_until": u.locked_until.isoformat()})
                u.save()
        elif not u.active:
            error = "Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ quản trị."
        elif locked:
            assert u.locked_until is not None   # `locked` says so
            error = (f"Tài khoản tạm khóa do nhập sai quá {MAX_TRIES} lần. Thử lại sau "
                     f"{lock_minutes_left(u.locked_until, now)} phút, hoặc nhờ quản trị mở khóa.")
        else:
            u.failed_logins = 0
            u.locked_until = None
            u.save()
            audit.append(u, "login", "user_account", u.id)
    if error is not None:
        raise LoginError(error)
    assert u is not None                # no user is an error above
    return u


def refuse_if_must_change(user: User) -> None:
    """For logins outside the app (the command line): a password someone else set is changed in
    the app first, where the new one is checked and typed twice."""
    if getattr(user, "must_change_password", False):
        raise LoginError(f"Tài khoản {user.username} đang dùng mật khẩu do người khác đặt. Hãy "
                         "đăng nhập vào chương trình (lệnh vanphong) để đổi mật khẩu trước khi "
                         "dùng dòng lệnh.")


def unlock(actor, user_id: int) -> User:
    """An administrator ends a lock after too many wrong tries (recorded in the audit log)."""
    require(actor, "users.manage")
    with db.atomic():
        u = User.get_or_none(User.id == user_id)
        if u is None:
            raise NotFound("Không tìm thấy tài khoản.")
        before = _user_snapshot(u)
        u.locked_until = None
        u.failed_logins = 0
        u.save()
        audit.log_change(actor, "unlock", u, before, exclude=("password_hash",))
        return u


def list_users() -> list[User]:
    return list(User.select().order_by(User.username))


def _describe_user(record_id: str) -> str:
    u = User.get_by_id(int(record_id))
    return f"tài khoản {u.username} ({u.full_name})"


audit.register_describer("user_account", _describe_user)     # the audit log names the account
