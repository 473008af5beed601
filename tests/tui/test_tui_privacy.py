"""What a screen must not tell: the forced password change after a login with a password
someone else set, and secret scans kept from those who may not see the secret register."""
from __future__ import annotations

import datetime as dt

from models import documents as D
from models import users
from tui.screens.dashboard import DashboardScreen
from tui.screens.intake import IntakeScreen
from tui.screens.login import ChangePasswordScreen, LoginScreen
from tui.widgets.fields import Field

from screen_size import SIZE
from test_tui_login import PASSWORD, log_in, login_error

NEW = "Sổ-công-văn-2026"


async def _type_new(pilot, type_text, first: str, second: str) -> None:
    await type_text(pilot, first)
    await pilot.press("enter")
    await type_text(pilot, second)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_password_set_by_the_admin_is_changed_at_the_first_login(office, make_app, type_text,
                                                                         shown):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await log_in(pilot, type_text, "vanthu", PASSWORD)
        assert isinstance(app.screen, ChangePasswordScreen)
        assert app.actor is None                                 # not in before choosing one
        text = shown(app)
        assert "ĐỔI MẬT KHẨU" in text and "do người khác đặt" in text
        # the old one is refused
        await _type_new(pilot, type_text, PASSWORD, PASSWORD)
        assert isinstance(app.screen, ChangePasswordScreen)
        assert "khác mật khẩu cũ" in login_error(app)
        # a weak one is refused
        await _type_new(pilot, type_text, "12345678", "12345678")
        assert "quá dễ đoán" in login_error(app) and "quá dễ đoán" in shown(app)
        # two different ones are refused, and said (emptying the second box cleared the words)
        await _type_new(pilot, type_text, NEW, NEW + "x")
        assert isinstance(app.screen, ChangePasswordScreen)
        await pilot.pause()
        said = " ".join(shown(app).replace("│", " ").split())
        assert "Hai lần nhập mật khẩu không giống nhau." in said
        assert app.focused is app.screen.query_one("#new-password2", Field).input
        # a good one, twice: in
        first = app.screen.query_one("#new-password", Field)
        first.value = ""
        first.focus()
        await pilot.pause()
        await _type_new(pilot, type_text, NEW, NEW)
        assert isinstance(app.screen, DashboardScreen)
        assert app.actor.username == "vanthu"
    u = users.authenticate("vanthu", NEW)
    assert not u.must_change_password


async def test_escape_from_the_change_goes_back_to_the_login(office, make_app, type_text):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await log_in(pilot, type_text, "bithu", PASSWORD)
        assert isinstance(app.screen, ChangePasswordScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen) and app.actor is None
    assert users.User.get(users.User.username == "bithu").must_change_password


async def _intake_rows(app, pilot, shown) -> str:
    app.push_screen(IntakeScreen())
    await pilot.pause()
    await pilot.pause()
    return shown(app)


async def test_the_scanner_screen_hides_secret_scans_from_one_not_named_to_the_secret_book(
        office, make_app, shown):
    admin = office["clerk"]                 # the clerk named to the secret book registers them
    D.register_incoming(admin, source="scan", status="needs_details", arrived_at=dt.datetime(2026, 3, 5, 9),
                        sender="Huyện ủy")
    D.register_incoming(admin, source="scan", status="needs_details", arrived_at=dt.datetime(2026, 3, 5, 10),
                        sender="Công an tỉnh", secrecy="Mật")
    for role, sees in (("admin", False), ("leader", True)):
        app = make_app(user=office[role])
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            dash = shown(app)
            text = await _intake_rows(app, pilot, shown)
            assert isinstance(app.screen, IntakeScreen)
            assert "Huyện ủy" in text
            assert ("Công an tỉnh" in text) is sees, role
            assert ("05/03/2026 10:00" in text) is sees, role
            assert ("05/03/2026 10:00" in dash) is sees, role
