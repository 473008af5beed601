"""Ctrl+Q with unsaved typing asks first, as Esc does: in a full-screen form, a form dialog
and the wizard; with nothing typed it leaves at once."""
from __future__ import annotations

from tui.screens.incoming import IncomingForm
from tui.screens.wizard import WizardScreen
from tui.widgets.dialogs import ConfirmDialog, FormDialog

from screen_size import SIZE
from registers_fixtures import field


async def ask_to_quit(pilot, app, shown) -> None:
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert app.is_running
    assert isinstance(app.screen, ConfirmDialog)
    assert "Thoát chương trình? Những gì vừa nhập mà chưa lưu sẽ mất." in " ".join(shown(app).split())


async def test_ctrl_q_in_a_half_filled_form_asks(office, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, IncomingForm)
        field(app.screen, "doc_number").focus()
        await pilot.pause()
        await pilot.press(*"125-HD/HU")
        await ask_to_quit(pilot, app, shown)
        await pilot.press("escape")                      # no: the typing is still there
        await pilot.pause()
        assert isinstance(app.screen, IncomingForm)
        assert field(app.screen, "doc_number").value == "125-HD/HU"
        await ask_to_quit(pilot, app, shown)
        await pilot.press("enter")                       # yes
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_twice_leaves(office, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("x")
        await ask_to_quit(pilot, app, shown)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_in_a_form_dialog_asks(office, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f5")                          # the filters dialog
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"2025")
        await ask_to_quit(pilot, app, shown)


async def test_ctrl_q_in_the_wizard_asks(make_app, shown):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        await pilot.press(*"Đảng ủy xã")
        await ask_to_quit(pilot, app, shown)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)


async def test_ctrl_q_with_nothing_typed_leaves_at_once(office, make_app):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, IncomingForm)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_on_the_login_leaves_at_once(office, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"adm")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
