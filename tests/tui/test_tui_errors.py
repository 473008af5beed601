"""An error nobody expected while saving — the database locked by another desk's long write, a
bug — is a Vietnamese dialog over the form, which stays open with what was typed; the traceback
goes to the office's error log, whose path the dialog gives."""
from __future__ import annotations

import sqlite3

import peewee
import pytest

from models import contacts
from models import office as office_mod
from tui.screens.settings import SettingsScreen
from tui.widgets.dialogs import ErrorDialog
from tui.widgets.fields import Field

from screen_size import SIZE

FAILURES = {
    "locked": (lambda: peewee.OperationalError("database is locked"), "Cơ sở dữ liệu đang bận"),
    "sqlite-locked": (lambda: sqlite3.OperationalError("database is locked"), "Cơ sở dữ liệu đang bận"),
    "bug": (lambda: RuntimeError("boom in save"), "lỗi không lường trước"),
}


def _dialog_text(app) -> str:
    return str(app.screen.query_one("#dialog-message").render())


@pytest.mark.parametrize("failure", list(FAILURES))
async def test_a_failing_save_on_a_screen_form_keeps_the_form(office, home, make_app, monkeypatch,
                                                             failure, type_text):
    make_error, said = FAILURES[failure]

    def fail(actor, values):
        raise make_error()
    monkeypatch.setattr(office_mod, "update_office", fail)
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        name = app.screen.query_one("#office-form Input")
        name.value = ""
        await type_text(pilot, "Đảng ủy phường Mới")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        text = _dialog_text(app)
        assert said in text
        assert str(home.error_log) in text
        assert "Traceback" not in text and "OperationalError" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)          # the form is still there …
        assert app.screen.query_one("#office-form Input").value == "Đảng ủy phường Mới"  # … as typed
        assert app.is_running
    log = home.error_log.read_text(encoding="utf-8")
    assert "Traceback" in log and type(make_error()).__name__ in log
    assert home.error_log.stat().st_mode & 0o077 == 0


async def test_a_failing_save_in_a_form_dialog_keeps_the_dialog(office, home, make_app,
                                                                monkeypatch, type_text):
    def fail(*a, **kw):
        raise peewee.OperationalError("database is locked")
    monkeypatch.setattr(contacts, "add_contact", fail)
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("directory")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        form = app.screen
        await type_text(pilot, "UBND xã Tân Lập")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "Cơ sở dữ liệu đang bận" in _dialog_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert form.query(Field).first().value == "UBND xã Tân Lập"
    assert "database is locked" in home.error_log.read_text(encoding="utf-8")


async def test_an_export_the_system_refuses_is_said_in_vietnamese(office, make_app, monkeypatch):
    """The export dialog's message carries no English OS text."""
    from models import exports
    from tui.screens.parts.dialogs import ExportDialog

    def refuse(*a, **kw):
        raise PermissionError(13, "Permission denied", "/srv/chung/so-den.csv")
    monkeypatch.setattr(exports, "export", refuse)
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)               # still open, to choose again
        said = [f.error for f in app.screen.query(Field) if f.error]
        assert len(said) == 1 and said[0].endswith(": không có quyền.")
        assert "Permission" not in said[0]


async def test_a_printout_that_fails_unexpectedly_is_a_dialog_not_a_crash(office, home, make_app,
                                                                        monkeypatch):
    from tui import printing
    from tui.screens.parts.dialogs import PrintDialog

    from registers_fixtures import wait_until

    def broken(*a, **kw):
        raise RuntimeError("layout failed")
    monkeypatch.setattr(printing, "print_register_book", broken)
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "f6")
        await pilot.pause()
        assert isinstance(app.screen, PrintDialog)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog), 30)
        assert "lỗi không lường trước" in _dialog_text(app)
        assert app.is_running
    assert "layout failed" in home.error_log.read_text(encoding="utf-8")
