"""The app as a program: light start, mouse off by default, errors shown in Vietnamese."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from models import office as office_mod
from models.errors import VanphongError
from tui.screens.audit import AuditScreen
from tui.screens.settings import SettingsScreen
from tui.widgets.dialogs import ErrorDialog

from tests.conftest import PASSWORD
from screen_size import SIZE

HEAVY = ("reportlab", "keyring", "pypdf", "openpyxl", "watchdog")


def _headless(script: str) -> dict:
    """Run ``script`` (an app run headless that prints what it saw as JSON on its last line) in
    a fresh interpreter: what loads at start-up is then the program's own, not the suite's."""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_start_up_imports_nothing_heavy(office, home):
    """Up to the login screen, and on to the dashboard, none of the heavy libraries load."""
    script = textwrap.dedent(f"""
        import json, sys
        from models.home import OfficeHome
        from tui.app import VanphongApp
        app = VanphongApp(OfficeHome({str(home.path)!r}))
        seen = {{}}
        def heavy():
            return sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))
        async def auto(pilot):
            await pilot.pause()
            seen["login"] = [type(app.screen).__name__, heavy()]
            from models import users
            app.login(users.User.get(users.User.username == "admin"))
            await pilot.pause()
            seen["dashboard"] = [type(app.screen).__name__, heavy()]
            app.exit()
        app.run(headless=True, size=(80, 24), auto_pilot=auto, mouse=False)
        print(json.dumps(seen))
    """)
    seen = _headless(script)
    assert seen["login"] == ["LoginScreen", []]
    assert seen["dashboard"] == ["DashboardScreen", []]


def test_the_tables_of_settings_and_backups_do_not_load_richs_emoji_table(office, home):
    """A column title given as a str is read as Rich markup, which loads Rich's emoji table
    (0.8 MiB, kept for the session) to replace :names: no title has; the screens give Text."""
    script = textwrap.dedent(f"""
        import json, sys
        from models.home import OfficeHome
        from tui.app import VanphongApp
        app = VanphongApp(OfficeHome({str(home.path)!r}))
        seen = {{}}
        async def auto(pilot):
            await pilot.pause()                 # the database opens after the first paint
            from models import users
            app.login(users.User.get(users.User.username == "admin"))
            await pilot.pause()
            for area in ("settings", "backups"):
                app.open_area(area)
                await pilot.pause()
                seen[area] = [type(app.screen).__name__, len(app.screen.query("DataTable")),
                              "rich._emoji_codes" in sys.modules]
                app.go_back()
                await pilot.pause()
            app.exit()
        app.run(headless=True, size=(80, 24), auto_pilot=auto, mouse=False)
        print(json.dumps(seen))
    """)
    seen = _headless(script)
    assert seen == {"settings": ["SettingsScreen", 3, False], "backups": ["BackupScreen", 1, False]}


def test_the_login_paints_before_the_database_opens_and_then_logs_in(office, home):
    """An office on this PC: the login screen is built before peewee and the office's models
    load (a start paints sooner), under the name remembered from the last start; once the
    database is open the name read from it replaces a stale one (and is remembered), and a
    login typed at once works."""
    from models.db import close_database
    office_mod.update_office(office["admin"], {"name": "Đảng ủy phường Hòa Bình"})
    home.name_file.write_text("Đảng ủy xã Tên Cũ\n", encoding="utf-8")
    close_database()
    script = textwrap.dedent(f"""
        import json, sys
        from models.home import OfficeHome
        from tui.app import VanphongApp
        from tui.screens.login import LoginScreen
        seen = {{}}
        mount = LoginScreen.on_mount
        def on_mount(self):
            seen["built"] = ["peewee" in sys.modules, str(self.query_one("#login-office").render())]
            mount(self)
        LoginScreen.on_mount = on_mount
        app = VanphongApp(OfficeHome({str(home.path)!r}))
        async def auto(pilot):
            await pilot.press(*"admin", "tab", *{PASSWORD!r}, "enter")
            await pilot.pause()
            seen["after"] = [type(app.screen).__name__, app.office_name]
            app.exit()
        app.run(headless=True, size=(80, 24), auto_pilot=auto, mouse=False)
        print(json.dumps(seen))
    """)
    seen = _headless(script)
    assert seen["built"] == [False, "Đảng ủy xã Tên Cũ"]
    assert seen["after"] == ["DashboardScreen", "Đảng ủy phường Hòa Bình"]
    assert home.last_known_name() == "Đảng ủy phường Hòa Bình"


def test_a_database_nobody_set_up_goes_from_the_login_to_the_wizard(home):
    """A wizard left half-way leaves a database without an office: the next start paints the
    login (a database file is there), then finds no office and shows the wizard instead."""
    from models.db import close_database
    close_database()
    script = textwrap.dedent(f"""
        import json
        from models.home import OfficeHome
        from tui.app import VanphongApp
        app = VanphongApp(OfficeHome({str(home.path)!r}))
        seen = {{}}
        async def auto(pilot):
            await pilot.pause()
            seen["then"] = [type(app.screen).__name__, len(app.screen_stack)]
            app.exit()
        app.run(headless=True, size=(80, 24), auto_pilot=auto, mouse=False)
        print(json.dumps(seen))
    """)
    seen = _headless(script)
    assert seen["then"] == ["WizardScreen", 2]


def test_run_tui_turns_the_mouse_off_unless_the_setting_says_so(office, home, monkeypatch):
    from tui.app import VanphongApp
    from tui.commands import core
    calls = []
    monkeypatch.setattr(VanphongApp, "run", lambda self, **kw: calls.append(kw))

    class Args:
        pass
    args = Args()
    args.home = str(home.path)
    core.run_tui(args)
    office_mod.set_setting(office["admin"], "ui.mouse", True)
    core.run_tui(args)
    assert calls == [{"mouse": False}, {"mouse": True}]


async def test_models_error_on_save_is_a_vietnamese_dialog(office, make_app, monkeypatch, shown):
    def refuse(actor, values):
        raise VanphongError("Cơ sở dữ liệu đang được sao lưu; hãy thử lại sau ít phút.")
    monkeypatch.setattr(office_mod, "update_office", refuse)
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "Cơ sở dữ liệu đang được sao lưu" in shown(app)
        assert "Traceback" not in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)      # and the program goes on


async def test_models_error_from_a_key_binding_is_a_dialog(office, make_app, monkeypatch, shown):
    from models import audit

    def broken():
        raise VanphongError("Không đọc được nhật ký thay đổi.")
    monkeypatch.setattr(audit, "verify", broken)
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert "Không đọc được nhật ký thay đổi." in shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        assert app.is_running


async def test_ctrl_q_quits(office, make_app):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
