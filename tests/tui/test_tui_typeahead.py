"""Forms by keyboard at 80×24: keys typed ahead (a burst over a slow SSH line) land in the
field they were typed for; no field opens with its text selected; a wrong value's error shows
under it, goes as soon as it is right, and every wrong field is shown at once on save."""
from __future__ import annotations

from textual import events

from tui.screens.dashboard import DashboardScreen
from tui.screens.incoming import IncomingForm, IncomingScreen
from tui.screens.login import LoginScreen
from tui.widgets.fields import Field

from screen_size import SIZE
from registers_fixtures import directory, field, wait_until  # noqa: F401

PASSWORD = "matkhau-2026"           # tests/conftest.py's office fixture


def burst(app, *keys: str) -> None:
    """Every key handed to the app at once, as a burst read from the terminal (no pause
    between them for the app to catch up)."""
    for key in keys:
        char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def test_login_typed_in_one_burst_logs_in(office, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        burst(app, *"admin", "tab", *PASSWORD, "enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))


async def test_login_pressed_in_one_call_logs_in(office, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"admin", "tab", *PASSWORD, "enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))


async def test_shift_tab_typed_ahead_goes_back_a_field(office, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, *"adm", "tab", *"xyz", "shift+tab", *"in")
        name = app.screen.query_one("#login-username", Field)
        password = app.screen.query_one("#login-password", Field)
        assert await wait_until(pilot, lambda: name.value == "admin")
        assert password.value == "xyz"
        assert app.focused is name.input


async def open_form(pilot, app) -> IncomingForm:
    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(app.screen, IncomingScreen)
    await pilot.press("f7")
    await pilot.pause()
    assert isinstance(app.screen, IncomingForm)
    return app.screen


async def test_incoming_form_keys_typed_ahead_land_in_their_fields(office, directory, make_app):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        field(form, "doc_number").focus()
        await pilot.pause()
        burst(app, *"125-HD/HU", "tab", *"01/03/2026", "enter", "tab", *"Hướng dẫn", "shift+tab",
              "shift+tab", "ctrl+u", *"04/03/2026")
        assert await wait_until(pilot, lambda: field(form, "summary").value == "Hướng dẫn"
                                and field(form, "doc_date").value == "04/03/2026")
        assert field(form, "doc_number").value == "125-HD/HU"
        # the same through Pilot, one call
        field(form, "notes").focus()
        await pilot.pause()
        await pilot.press(*"ghi", "shift+tab", "ctrl+u", *"20/03/2026", "tab", *" chú")
        assert field(form, "deadline").value == "20/03/2026"
        assert field(form, "notes").value == "ghi chú"


async def test_a_new_form_starts_at_its_first_empty_field_and_text_is_never_wiped(office, directory,
                                                                                   make_app):
    """The date and time a new entry comes filled with are suggestions: the cursor starts at Nơi
    gửi (typing "Văn phòng" went on the end of the date: "02/12/2026Văn phòng"). Coming back
    to a whole date selects it, so a date typed replaces it; text is never selected (a letter
    typed would wipe it): the cursor goes to its end."""
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        arrived, sender = field(form, "arrived_at"), field(form, "sender")
        assert app.focused is sender.input
        assert arrived.value == "05/03/2026" and field(form, "arrived_time").value
        await pilot.press("shift+tab", "shift+tab", *"04/03/2026")
        assert app.focused is arrived.input and arrived.value == "04/03/2026"
        await pilot.press("x")                       # a date not whole: the cursor stays at its end
        assert arrived.value == "04/03/2026x"
        await pilot.press("backspace", "tab", "shift+tab", "1")
        assert arrived.value == "1"                  # whole again: selected, replaced
        summary = field(form, "summary")
        summary.focus()
        await pilot.press(*"Báo cáo", "tab", "shift+tab", *" quý I")
        assert summary.value == "Báo cáo quý I"      # appended, nothing wiped


async def test_enter_on_a_wrong_value_moves_on_and_keeps_the_error(office, directory, make_app,
                                                                    shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        field(form, "doc_date").focus()
        await pilot.pause()
        await pilot.press(*"31/02/2026", "enter", "h", "u", "enter", *"V/v hướng dẫn")
        await pilot.pause()
        assert field(form, "doc_date").value == "31/02/2026"          # nothing appended to it
        assert field(form, "doc_date").error == "Không có ngày 31/02/2026."
        assert "Không có ngày 31/02/2026." in shown(app)
        assert field(form, "summary").value == "V/v hướng dẫn"


async def test_save_shows_every_error_at_once_and_each_goes_when_fixed(office, directory,
                                                                      make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        arrived = field(form, "arrived_at")
        arrived.value = "31/02/2026"
        field(form, "doc_date").value = "1/13/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IncomingForm)
        errors = {f.field: f.error for f in form.query(Field) if f.error}
        assert set(errors) == {"arrived_at", "sender", "doc_date", "summary"}, errors
        assert "Chưa nhập trích yếu" in errors["summary"] or errors["summary"]
        # the first wrong field has the cursor, its text selected: typing replaces it
        assert app.focused is arrived.input
        await pilot.press(*"05/03/2026")
        assert arrived.value == "05/03/2026"
        assert arrived.error == ""                   # gone as soon as the value is right
        field(form, "summary").focus()
        await pilot.pause()
        await pilot.press(*"Hướng dẫn")
        assert field(form, "summary").error == ""
        assert "Chưa nhập trích yếu" not in shown(app)
