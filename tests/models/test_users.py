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


def _lock(username: str, now: dt.datetime) -> None:
    for _ in range(users.MAX_TRIES):
        with pytest.raises(LoginError):
            users.authenticate(username, "sai", now=now)


def _failure(username: str, password: str, now: dt.datetime) -> str:
    with pytest.raises(LoginError) as e:
        users.authenticate(username, password, now=now)
    return e.value.message


@pytest.fixture
def scrypt_calls(monkeypatch):
    """Every scrypt hash the login computes (the cost of a try), counted."""
    import hashlib
    calls = []
    real = hashlib.scrypt

    def counting(*a, **kw):
        calls.append(1)
        return real(*a, **kw)
    monkeypatch.setattr(users.hashlib, "scrypt", counting)
    return calls


def test_every_failure_says_the_same_and_costs_one_hash(office, scrypt_calls):
    """An unknown name, a wrong password, a locked and a disabled account cannot be told apart:
    the same words, and one scrypt hash each (not a timing: the work done)."""
    now = dt.datetime(2026, 11, 26, 9, 0)
    _lock("thuquy", now)
    users.update_user(office["admin"], office["viewer"].id, active=False)
    seen = {}
    for case, name in (("unknown", "khong-co"), ("wrong", "vanthu"), ("locked", "thuquy"),
                       ("disabled", "xem")):
        scrypt_calls.clear()
        seen[case] = _failure(name, "sai-mat-khau", now + dt.timedelta(minutes=1))
        assert len(scrypt_calls) == 1, case
    assert set(seen.values()) == {users.LOGIN_FAILED}
    assert "lần thử" not in users.LOGIN_FAILED
    scrypt_calls.clear()
    assert users.authenticate("bithu", PASSWORD, now=now).role == "leader"
    assert len(scrypt_calls) == 1


def test_five_wrong_tries_lock_the_account_told_only_with_the_right_password(office):
    now = dt.datetime(2026, 11, 26, 9, 0)
    _lock("vanthu", now)
    # a wrong password on the locked account: the same words as any failure, no more tries counted
    assert _failure("vanthu", "sai", now + dt.timedelta(minutes=1)) == users.LOGIN_FAILED
    # the right password learns it is locked, and for how long
    msg = _failure("vanthu", PASSWORD, now)
    assert msg.startswith("Tài khoản tạm khóa do nhập sai quá 5 lần. Thử lại sau 15 phút")
    assert "15 phút" in msg and "16 phút" not in msg
    assert "Thử lại sau 10 phút" in _failure("vanthu", PASSWORD, now + dt.timedelta(minutes=5))
    assert "Thử lại sau 1 phút" in _failure("vanthu", PASSWORD, now + dt.timedelta(minutes=14, seconds=59))
    # and accepted once the lock ends
    assert users.authenticate("vanthu", PASSWORD, now=now + dt.timedelta(minutes=15)).role == "clerk"


@pytest.mark.parametrize("left,minutes", [(dt.timedelta(minutes=15), 15),
                                          (dt.timedelta(minutes=14, seconds=1), 15),
                                          (dt.timedelta(minutes=14), 14),
                                          (dt.timedelta(seconds=1), 1)])
def test_lock_minutes_round_up_to_whole_minutes(left, minutes):
    now = dt.datetime(2026, 11, 26, 9, 0)
    assert users.lock_minutes_left(now + left, now) == minutes


def test_admin_unlocks_an_account(office):
    now = dt.datetime.now()
    _lock("vanthu", now)
    with pytest.raises(PermissionDenied):
        users.unlock(office["clerk"], office["clerk"].id)
    users.unlock(office["admin"], office["clerk"].id)
    assert users.authenticate("vanthu", PASSWORD).role == "clerk"


def test_a_password_someone_else_set_must_be_changed(office):
    admin, clerk = office["admin"], office["clerk"]
    assert not admin.must_change_password                     # chose their own in the wizard
    assert users.authenticate("vanthu", PASSWORD).must_change_password   # the admin chose it
    # the old one, a weak one, the user's own name: refused
    for bad, why in ((PASSWORD, "khác mật khẩu cũ"), ("12345678", "dễ đoán"),
                     ("vanphong2026", "dễ đoán"), ("vanthu-99", "dễ đoán"), ("aaaaaaaa", "dễ đoán")):
        with pytest.raises(ValidationError, match=why):
            users.set_password(clerk, clerk.id, bad, old_password=PASSWORD)
    users.set_password(clerk, clerk.id, "Sổ-đến-2026!", old_password=PASSWORD)
    assert not users.authenticate("vanthu", "Sổ-đến-2026!").must_change_password
    # an administrator's reset: to be changed again
    users.set_password(admin, clerk.id, "dat-lai-2026")
    assert users.authenticate("vanthu", "dat-lai-2026").must_change_password


def test_the_demo_accounts_must_change_their_printed_password(home, demo_filled):
    demo_filled(dt.date(2026, 3, 5))
    assert all(u.must_change_password for u in users.list_users())


def test_lock_time_is_a_setting(office):
    office_mod.set_setting(office["admin"], "login.lock_minutes", "30")
    now = dt.datetime(2026, 11, 26, 9, 0)
    _lock("xem", now)
    with pytest.raises(LoginError, match="30 phút"):
        users.authenticate("xem", PASSWORD, now=now)


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


def test_the_first_administrator_may_not_choose_an_easy_password(home):
    with pytest.raises(ValidationError) as e:
        users.create_first_admin("quantri", "Nguyễn Văn A", "12345678")
    assert e.value.field == "password" and "dễ đoán" in e.value.message
    assert not users.has_users()
    assert not users.create_first_admin("quantri", "Nguyễn Văn A", PASSWORD).must_change_password
