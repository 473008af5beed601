"""First run: the set-up wizard, filled by keyboard."""
from __future__ import annotations

from models import audit, office, users
from tui.screens.login import LoginScreen
from tui.screens.wizard import WizardScreen
from tui.widgets.fields import Field

from registers_fixtures import wait_until
from screen_size import SIZE


def field(app, name: str) -> Field:
    return [f for f in app.screen.query(Field) if f.field == name][0]


async def fill_office(pilot, type_text, term_start="16/08/2025"):
    """Type the office part as a person would: text, Enter, next field."""
    await type_text(pilot, "Đảng ủy xã Tân Lập")
    await pilot.press("enter")
    await type_text(pilot, "Đảng bộ tỉnh Tuyên Quang")
    await pilot.press("enter")
    await pilot.press("enter")                       # keep the default "ĐU"
    await type_text(pilot, "Xã Tân Lập")
    await pilot.press("enter")
    await type_text(pilot, term_start)
    await pilot.press("enter")


async def fill_admin(pilot, type_text, password2="matkhau-2026"):
    await type_text(pilot, "2025-2030")
    await pilot.press("enter")
    await type_text(pilot, "admin")
    await pilot.press("enter")
    await type_text(pilot, "Nguyễn Thị Hoa")
    await pilot.press("enter")
    await type_text(pilot, "matkhau-2026")
    await pilot.press("enter")
    await type_text(pilot, password2)
    await pilot.press("enter")                       # Enter on the last field saves


async def test_wizard_shows_when_office_not_configured(make_app, shown):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        text = shown(app)
        assert "Thiết lập ban đầu" in text
        assert "Tài khoản quản trị đầu tiên" in text
        # the cursor starts in the first field
        assert app.focused is field(app, "name").input


async def test_bad_date_shows_error_under_the_field_and_stays(make_app, type_text, shown):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_until(pilot, lambda: isinstance(app.screen, WizardScreen))
        date_field = field(app, "term_start")
        date_field.focus()
        await pilot.pause()
        await type_text(pilot, "31/02/2025")
        await pilot.press("enter")
        assert date_field.error == "Không có ngày 31/02/2025."
        assert await wait_until(pilot, lambda: "Không có ngày 31/02/2025." in shown(app))   # painted
        # right under the field: the error's line is the line after the input's
        err = date_field.query_one(".field-error")
        assert err.region.y == date_field.input.region.y + 1
        assert err.content_region.x == date_field.input.region.x        # aligned with the input
        # Enter on a wrong value goes on (what is typed next is for the next field); the
        # error stays under the wrong one
        assert app.focused is field(app, "term_label").input
        assert date_field.error == "Không có ngày 31/02/2025."
        # a date in the wrong form says what form is wanted
        date_field.value = ""
        date_field.focus()
        await pilot.pause()
        await type_text(pilot, "2025-13")
        await pilot.press("enter")
        assert "dd/mm/yyyy" in date_field.error
        assert not office.is_configured()


async def test_wizard_success_creates_office_and_admin_then_login(make_app, type_text, shown):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill_office(pilot, type_text, term_start="16/8/2025")
        assert field(app, "term_start").value == "16/08/2025"      # tidied once valid
        await fill_admin(pilot, type_text)
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        # the new username is filled in, the cursor waits in the password
        assert field(app, "username").value == "admin"
        assert app.focused is field(app, "password").input
        assert "Đảng ủy xã Tân Lập" in shown(app)
    o = office.get_office()
    assert (o.name, o.superior, o.body_abbr, o.place) == (
        "Đảng ủy xã Tân Lập", "Đảng bộ tỉnh Tuyên Quang", "ĐU", "Xã Tân Lập")
    assert o.term_start.isoformat() == "2025-08-16" and o.term_label == "2025-2030"
    admin = users.User.get(users.User.username == "admin")
    assert admin.role == "admin" and admin.full_name == "Nguyễn Thị Hoa"
    assert users.check_password("matkhau-2026", admin.password_hash)
    assert audit.verify().ok


async def test_passwords_that_differ_are_refused(make_app, type_text, shown):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for name, value in [("name", "Đảng ủy xã Tân Lập"), ("superior", "Đảng bộ tỉnh Tuyên Quang"),
                            ("place", "Xã Tân Lập"), ("term_start", "16/08/2025"),
                            ("username", "admin"), ("full_name", "Nguyễn Thị Hoa"),
                            ("password", "matkhau-2026")]:
            field(app, name).value = value
        field(app, "password2").focus()
        await pilot.pause()
        await type_text(pilot, "matkhau-2027")
        await pilot.press("enter")
        assert isinstance(app.screen, WizardScreen)
        assert field(app, "password2").error == "Hai lần nhập mật khẩu không giống nhau."
        # shown once painted (the error is set at once; a loaded machine paints it a moment later)
        assert await wait_until(pilot, lambda: "Hai lần nhập mật khẩu không giống nhau." in shown(app))
    assert not office.is_configured() and not users.has_users()


async def test_models_error_lands_under_its_field(make_app, type_text):
    """A rule checked by models (username form) is shown under the field it names."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for f in ("name", "superior", "place"):
            field(app, f).value = "Xã Tân Lập"
        field(app, "term_start").value = "16/08/2025"
        field(app, "username").value = "Quản trị viên"
        field(app, "full_name").value = "Nguyễn Thị Hoa"
        field(app, "password").value = "matkhau-2026"
        field(app, "password2").value = "matkhau-2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Tên đăng nhập gồm" in field(app, "username").error
        assert app.focused is field(app, "username").input
    assert not office.is_configured()
