"""Cài đặt: the office's particulars, the settings registry, accounts — each saved through models
and written to the audit log."""
from __future__ import annotations

import json

from models import audit, users
from models import office as office_mod
from models.audit import AuditEntry
from tui.screens.settings import SettingsScreen
from tui.screens.users import AddUserDialog, EditUserDialog, ResetPasswordDialog
from tui.widgets.fields import Field, unsaved_typing

from registers_fixtures import wait_until
from screen_size import SIZE


def field(screen, name: str) -> Field:
    return [f for f in screen.query(Field) if f.field == name][0]


async def open_settings(pilot):
    await pilot.press("f9")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SettingsScreen)


async def show_tab(pilot, tab_id: str):
    """Shift+Tab up to the row of tabs, then → until the tab is shown (as a person does)."""
    tabs = pilot.app.screen.query_one("#settings-tabs")
    await pilot.press("shift+tab")
    for _ in range(4):
        if tabs.active == tab_id:
            break
        await pilot.press("right")
    await pilot.press("tab")
    await pilot.pause()
    assert tabs.active == tab_id


async def test_edit_office_name_saves_audits_and_shows_in_header(office, make_app, type_text, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        name = field(app.screen, "name")
        assert app.focused is name.input                 # the cursor starts on the name
        assert name.value == "Đảng ủy xã Tân Lập"
        await pilot.press("end", "ctrl+u")               # clear the line
        await type_text(pilot, "Đảng ủy phường Hòa Bình")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Đảng ủy phường Hòa Bình ›" in shown(app)     # the header now says so
    assert office_mod.get_office().name == "Đảng ủy phường Hòa Bình"
    e = AuditEntry.select().order_by(AuditEntry.seq.desc()).first()
    assert (e.username, e.action, e.table_name) == ("admin", "update", "office")
    assert json.loads(e.old) == {"name": "Đảng ủy xã Tân Lập"}
    assert json.loads(e.new) == {"name": "Đảng ủy phường Hòa Bình"}
    assert audit.verify().ok


async def test_once_saved_leaving_does_not_ask_to_discard(office, make_app, type_text, shown):
    from tui.widgets.dialogs import ConfirmDialog
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await pilot.press("end")
        await type_text(pilot, " mới")
        await pilot.press("ctrl+q")                       # typed, not saved: asked
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Những gì vừa nhập mà chưa lưu sẽ mất." in " ".join(shown(app).split())
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
        await show_tab(pilot, "tab-settings")
        await pilot.press("end", "backspace", "0", "ctrl+s")   # 15 → 10 minutes
        await pilot.pause()
        # both tabs saved: nothing to lose, Ctrl+Q would just leave
        assert not any(unsaved_typing(s) for s in app.screen_stack)
    assert office_mod.get_office().name == "Đảng ủy xã Tân Lập mới"
    assert office_mod.get_setting("login.lock_minutes") == 10


async def test_empty_name_and_bad_date_are_refused_under_their_fields(office, make_app, shown):
    app = make_app(user=office["admin"])
    before = AuditEntry.select().count()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        field(app.screen, "name").value = "   "
        field(app.screen, "term_start").value = "16/13/2025"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert field(app.screen, "name").error == "Chưa nhập tên cấp ủy."
        assert field(app.screen, "term_start").error == "Không có ngày 16/13/2025."
        text = shown(app)
        assert "Chưa nhập tên cấp ủy." in text and "Không có ngày 16/13/2025." in text
        assert app.focused is field(app.screen, "name").input     # the first wrong field
    assert office_mod.get_office().name == "Đảng ủy xã Tân Lập"
    assert AuditEntry.select().count() == before


async def test_settings_are_drawn_by_kind_and_saved(office, make_app, type_text, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await show_tab(pilot, "tab-settings")
        screen = app.screen
        # every registered setting has a field
        assert {f.field for f in screen.query_one("#settings-form").query(Field)} == set(office_mod.SETTINGS)
        lock = field(screen, "login.lock_minutes")
        assert app.focused is lock.input
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "abc")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert lock.error == "Cần một số nguyên."
        await pilot.press("ctrl+u")
        await type_text(pilot, "5000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert lock.error == "Cần một số nguyên trong khoảng 1–1440."
        await pilot.press("ctrl+u")
        await type_text(pilot, "30")
        await pilot.press("tab")                          # to the mouse switch
        await pilot.press("space")
        assert await wait_until(pilot, lambda: "[x] Có" in shown(app))
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert office_mod.get_setting("login.lock_minutes") == 30
    assert office_mod.get_setting("ui.mouse") is True
    changed = {e.record_id for e in AuditEntry.select().where(AuditEntry.table_name == "setting")}
    assert changed == {"login.lock_minutes", "ui.mouse"}


async def test_admin_adds_a_user_edits_role_and_resets_password(office, make_app, type_text, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await show_tab(pilot, "tab-users")
        assert "thuquy" in shown(app) and "Thủ quỹ" in shown(app)
        # F7: add an account
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, AddUserDialog)
        await type_text(pilot, "ketoan")
        await pilot.press("enter")
        await type_text(pilot, "Đỗ Thị Hạnh")
        await pilot.press("enter")
        field(app.screen, "role").value = "treasurer"
        field(app.screen, "password").focus()
        await pilot.pause()
        await type_text(pilot, "matkhau-moi-1")
        await pilot.press("enter")
        await type_text(pilot, "matkhau-moi-1")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "ketoan" in shown(app)
        u = users.User.get(users.User.username == "ketoan")
        assert (u.full_name, u.role) == ("Đỗ Thị Hạnh", "treasurer")
        # Enter on the row: change role and lock the account
        table = app.screen.query_one("#users-table")
        table.move_cursor(row=[x.username for x in users.list_users()].index("ketoan"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditUserDialog)
        field(app.screen, "role").value = "viewer"
        field(app.screen, "active").focus()
        await pilot.pause()
        await pilot.press("space")                        # untick "Đang dùng"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "Đã khóa" in shown(app)
        # F6: a new password
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ResetPasswordDialog)
        await type_text(pilot, "ngan")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "ngan")
        await pilot.press("enter")
        await pilot.pause()
        assert field(app.screen, "new_password").error == "Mật khẩu cần ít nhất 8 ký tự."
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
    u = users.User.get(users.User.username == "ketoan")
    assert (u.role, u.active) == ("viewer", False)
    assert users.check_password("matkhau-moi-1", u.password_hash)
    assert audit.verify().ok


async def test_last_admin_cannot_be_locked_message_in_the_dialog(office, make_app, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await show_tab(pilot, "tab-users")
        table = app.screen.query_one("#users-table")
        table.move_cursor(row=[x.username for x in users.list_users()].index("admin"))
        await pilot.press("enter")
        await pilot.pause()
        field(app.screen, "active").value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditUserDialog)
        assert field(app.screen, "active").error == "Không thể khóa tài khoản quản trị cuối cùng."
    assert users.User.get(users.User.username == "admin").active


async def test_viewer_cannot_reach_settings(office, make_app):
    app = make_app(user=office["viewer"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        # opening it anyway (e.g. from an old shortcut) says why, in Vietnamese
        app.run_guarded(app.open_area, "settings")
        await pilot.pause()
        assert "không có quyền sửa cài đặt" in str(app.screen.query_one("#dialog-message").content)


async def test_anyone_changes_their_own_password_from_the_menu(office, make_app, type_text):
    from tui.screens.menu import MenuScreen
    from tui.screens.users import OwnPasswordDialog
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)
        menu = app.screen.query_one("#menu-list")
        target = next(i for i in range(menu.option_count)
                      if menu.get_option_at_index(i).id == "action:password")
        for _ in range(target):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OwnPasswordDialog)
        await type_text(pilot, "sai-roi-nhe")
        await pilot.press("enter")
        await type_text(pilot, "matkhau-moi-2")
        await pilot.press("enter")
        await type_text(pilot, "matkhau-moi-2")
        await pilot.press("enter")
        await pilot.pause()
        assert field(app.screen, "old_password").error == "Mật khẩu cũ không đúng."
        field(app.screen, "old_password").value = "matkhau-2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, OwnPasswordDialog)
    u = users.User.get(users.User.username == "vanthu")
    assert users.check_password("matkhau-moi-2", u.password_hash)


async def test_admin_unlocks_a_locked_account_with_u(office, make_app, shown):
    import datetime as dt
    from tests.conftest import PASSWORD
    from models.errors import LoginError
    now = dt.datetime.now()
    for _ in range(users.MAX_TRIES):
        try:
            users.authenticate("vanthu", "sai", now=now)
        except LoginError:
            pass
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await show_tab(pilot, "tab-users")
        assert "Tạm khóa đến" in shown(app)
        table = app.screen.query_one("#users-table")
        table.move_cursor(row=[x.username for x in users.list_users()].index("vanthu"))
        await pilot.press("u")
        await pilot.pause()
        assert "Tạm khóa đến" not in shown(app)
    assert users.authenticate("vanthu", PASSWORD).username == "vanthu"
    assert [e.action for e in audit.entries_for("user_account", office["clerk"].id)][-2] == "unlock"


async def test_admin_grants_the_secret_book_to_a_named_clerk_by_keyboard(office, make_app, shown):
    from tui.widgets.dialogs import ConfirmDialog
    from models import documents
    import datetime as dt
    second = users.create_user(office["admin"], "vanthu2", "Lý Thị Ngọc", "clerk", "matkhau-2026")
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await show_tab(pilot, "tab-users")
        table = app.screen.query_one("#users-table")
        assert "Sổ mật" in shown(app) and "Được giao" in shown(app)      # vanthu holds it
        row = [x.username for x in users.list_users()].index("vanthu2")
        await pilot.press(*["down"] * (row - table.cursor_row))
        assert table.cursor_row == row
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Lý Thị Ngọc (vanthu2)" in shown(app) and "sổ văn bản mật" in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert shown(app).count("Được giao") == 2
        assert users.User.get_by_id(second.id).secret_handler
        line = next(x for x in shown(app).splitlines() if "vanthu2" in x)
        assert "Được giao" in line                                    # the whole row fits 80 columns
        await pilot.press("m")                                        # the letter twin withdraws it
        await pilot.pause()
        assert "Thôi giao" in shown(app)
        await pilot.press("escape")                                   # … not this time
        await pilot.pause()
        assert users.User.get_by_id(second.id).secret_handler
    e = audit.entries_for("user_account", second.id)[-1]
    assert (e.username, e.action) == ("admin", "grant_secret")
    # and the grant is what lets her register a secret document
    documents.register_incoming(users.User.get_by_id(second.id), arrived_at=dt.datetime(2026, 3, 5, 9),
                                sender="Tỉnh ủy", summary="Kín", secrecy="Mật")


async def test_admin_adds_a_type_in_settings_and_another_spelling_is_refused_at_its_field(
        office, make_app, shown):
    from models import documents
    from tui.screens.doctypes import AddDocTypeDialog
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await show_tab(pilot, "tab-doctypes")
        assert "TTr" in shown(app) and "Tờ trình" in shown(app)
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, AddDocTypeDialog)
        await pilot.press(*"ttr", "enter", *"Tờ trình khác", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AddDocTypeDialog)
        assert "trùng với tên loại đã có “TTr”" in field(app.screen, "code").error
        field(app.screen, "code").value = "QyD"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "QĐ" in field(app.screen, "code").error
        field(app.screen, "code").value = "ĐA"
        field(app.screen, "name").value = "Đề án"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen) and "Đề án" in shown(app)
    assert documents.get_doc_type("da").name == "Đề án"


async def test_a_clerk_has_no_type_table_tab(office, make_app):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.run_guarded(app.open_area, "settings")
        await pilot.pause()
        assert not app.screen.query("#tab-doctypes")


async def test_an_admin_who_names_herself_sees_the_secret_register_at_once(office, make_app, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await show_tab(pilot, "tab-users")
        assert app.screen.query_one("#users-table").cursor_row == 0          # admin, first
        assert not app.actor.can("secret.view")
        await pilot.press("f5", "enter")
        await pilot.pause()
        assert app.actor.can("secret.view")
        await pilot.press("escape")
        await pilot.pause()
        app.open_area("secret")
        await pilot.pause()
        assert "Sổ văn bản mật" in shown(app)
