"""Accounts, roles, login and lock-out; permission refusals live in models."""
import datetime as dt

import pytest

from models import office as office_mod
from models import users
from models.errors import LoginError, PermissionDenied, ValidationError
from tests.conftest import PASSWORD


def test_passwords_are_scrypt_hashes_never_clear(office):
    u = users.User.get(users.User.username == "admin")
    assert u.password_hash.startswith("scrypt$") and PASSWORD not in u.password_hash
    assert users.check_password(PASSWORD, u.password_hash)
    assert not users.check_password("sai-mat-khau", u.password_hash)


def test_login_right_and_wrong(office):
    assert users.authenticate("ADMIN", PASSWORD).username == "admin"
    with pytest.raises(LoginError, match="Sai tên đăng nhập hoặc mật khẩu"):
        users.authenticate("admin", "sai")
    with pytest.raises(LoginError, match="Sai tên đăng nhập"):
        users.authenticate("khong-co", "sai")


def test_five_wrong_tries_lock_the_account_for_a_while(office):
    now = dt.datetime(2026, 11, 26, 9, 0)
    for i in range(4):
        with pytest.raises(LoginError, match=f"còn {4 - i} lần"):
            users.authenticate("vanthu", "sai", now=now)
    with pytest.raises(LoginError, match="bị khóa 15 phút"):
        users.authenticate("vanthu", "sai", now=now)
    # even the right password is refused while locked
    with pytest.raises(LoginError, match="tạm khóa"):
        users.authenticate("vanthu", PASSWORD, now=now + dt.timedelta(minutes=5))
    # and accepted after the lock ends
    assert users.authenticate("vanthu", PASSWORD, now=now + dt.timedelta(minutes=16)).role == "clerk"


def test_lock_time_is_a_setting(office):
    office_mod.set_setting(office["admin"], "login.lock_minutes", "30")
    now = dt.datetime(2026, 11, 26, 9, 0)
    for _ in range(4):
        with pytest.raises(LoginError):
            users.authenticate("xem", "sai", now=now)
    with pytest.raises(LoginError, match="30 phút"):
        users.authenticate("xem", "sai", now=now)


@pytest.mark.parametrize("role", ["clerk", "treasurer", "leader", "viewer"])
def test_only_admin_manages_users_settings_and_office(office, role):
    actor = office[role]
    with pytest.raises(PermissionDenied, match="không có quyền quản lý tài khoản"):
        users.create_user(actor, "moi", "Người Mới", "viewer", "matkhau-moi-1")
    with pytest.raises(PermissionDenied, match="không có quyền sửa cài đặt"):
        office_mod.set_setting(actor, "login.lock_minutes", 5)
    with pytest.raises(PermissionDenied, match="sửa thông tin cấp ủy"):
        office_mod.update_office(actor, {"name": "X"})


def test_viewer_may_not_register_documents_but_clerk_may(office):
    from models import documents
    with pytest.raises(PermissionDenied, match="Chỉ xem"):
        documents.register_incoming(office["viewer"], sender="Huyện ủy", summary="V/v thử")
    d = documents.register_incoming(office["clerk"], sender="Huyện ủy", summary="V/v thử")
    assert d.arrival_no == 1


def test_deactivated_user_is_refused_everywhere(office):
    admin = office["admin"]
    clerk = users.update_user(admin, office["clerk"].id, active=False)
    with pytest.raises(LoginError, match="vô hiệu hóa"):
        users.authenticate("vanthu", PASSWORD)
    assert not clerk.can("documents.edit")


def test_last_admin_cannot_be_demoted(office):
    admin = office["admin"]
    with pytest.raises(ValidationError, match="ít nhất một tài khoản quản trị"):
        users.update_user(admin, admin.id, role="clerk")


def test_first_admin_only_once(office):
    with pytest.raises(PermissionDenied):
        users.create_first_admin("admin2", "Ai Đó", "matkhau-2222")


def test_bad_username_and_short_password_name_the_field(office):
    with pytest.raises(ValidationError) as e:
        users.create_user(office["admin"], "Tên Có Dấu", "X Y", "viewer", "matkhau-dai")
    assert e.value.field == "username"
    with pytest.raises(ValidationError) as e:
        users.create_user(office["admin"], "nguoimoi", "X Y", "viewer", "ngan")
    assert e.value.field == "password"
