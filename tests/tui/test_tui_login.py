"""Logging in: right, wrong, locked after five wrong tries, disabled — every failure told in
the same words; locked or disabled only once the password was right."""
from __future__ import annotations

from models import users
from tui.screens.dashboard import DashboardScreen
from tui.screens.login import LoginScreen
from tui.widgets.fields import Field

from screen_size import SIZE

PASSWORD = "matkhau-2026"           # tests/conftest.py's office fixture


async def log_in(pilot, type_text, username: str, password: str) -> None:
    """Exactly the keys a person (and the start-up benchmark) uses: name, Tab, password, Enter."""
    app = pilot.app
    name = app.screen.query_one("#login-username", Field)
    if name.value != username:
        name.value = ""
        name.focus()
        await pilot.pause()
        await type_text(pilot, username)
        await pilot.press("tab")
    await type_text(pilot, password)
    await pilot.press("enter")
    await pilot.pause()


def login_error(app) -> str:
    return str(app.screen.query_one("#login-error").content)


async def test_login_with_the_right_password_opens_the_dashboard(office, make_app, type_text, shown):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert "ĐĂNG NHẬP" in shown(app) and "Đảng ủy xã Tân Lập" in shown(app)
        await log_in(pilot, type_text, "admin", PASSWORD)
        assert isinstance(app.screen, DashboardScreen)
        assert app.actor.username == "admin"
        text = shown(app)
        assert "Hôm nay" in text
        assert "admin (Quản trị)" in text
        assert "Thứ Năm, 05/03/2026" in text              # the frozen date, in the header


async def test_wrong_password_says_so_at_the_form(office, make_app, type_text, shown):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await log_in(pilot, type_text, "admin", "sai-mat-khau")
        assert isinstance(app.screen, LoginScreen)
        assert app.actor is None
        assert login_error(app) == "Sai tên đăng nhập hoặc mật khẩu."
        assert "Sai tên đăng nhập hoặc mật khẩu." in shown(app)
        assert "lần thử" not in shown(app)
        # the password is cleared and waits for another try
        pw = app.screen.query_one("#login-password", Field)
        assert pw.value == "" and app.focused is pw.input


async def test_five_wrong_tries_lock_the_account(office, make_app, type_text, shown):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(5):
            await log_in(pilot, type_text, "vanthu", "sai")
            assert login_error(app) == "Sai tên đăng nhập hoặc mật khẩu."
        # a wrong password says no more than before; the right one is told of the lock
        await log_in(pilot, type_text, "vanthu", "sai-nua")
        assert login_error(app) == "Sai tên đăng nhập hoặc mật khẩu."
        await log_in(pilot, type_text, "vanthu", PASSWORD)
        assert isinstance(app.screen, LoginScreen)
        assert login_error(app).startswith("Tài khoản tạm khóa do nhập sai quá 5 lần.")
        assert "Tài khoản tạm khóa" in shown(app)
    u = users.User.get(users.User.username == "vanthu")
    assert u.locked_until is not None


async def test_disabled_account_is_told_to_ask_the_admin(office, make_app, type_text):
    users.update_user(office["admin"], office["viewer"].id, active=False)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await log_in(pilot, type_text, "xem", "sai-mat-khau")
        assert login_error(app) == "Sai tên đăng nhập hoặc mật khẩu."   # a stranger learns nothing
        await log_in(pilot, type_text, "xem", PASSWORD)
        assert isinstance(app.screen, LoginScreen)
        assert "vô hiệu hóa" in login_error(app)


async def test_an_unknown_name_gets_the_same_words(office, make_app, type_text):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await log_in(pilot, type_text, "khong-ai", "sai-mat-khau")
        assert login_error(app) == "Sai tên đăng nhập hoặc mật khẩu."


async def test_logout_returns_to_login(office, make_app):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f9")                       # somewhere above the dashboard
        await pilot.pause()
        app.action_logout()
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert app.actor is None
        assert len(app.screen_stack) == 2
