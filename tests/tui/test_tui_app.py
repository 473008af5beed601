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

from screen_size import SIZE

HEAVY = ("reportlab", "keyring", "pypdf", "openpyxl", "watchdog")


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
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["login"] == ["LoginScreen", []]
    assert seen["dashboard"] == ["DashboardScreen", []]


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
