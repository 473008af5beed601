"""Hôm nay tells the administrator about backups and problems found; the daily duties run
as a service after login without holding up the dashboard."""
from __future__ import annotations

import pytest

from models import dashboard, safety
from tui.screens.dashboard import DashboardScreen

from screen_size import SIZE


@pytest.fixture
def safety_panel_only(monkeypatch):
    monkeypatch.setattr(dashboard, "_PANELS", [])
    dashboard.register_panel(0, "safety.backup", safety._panel)


async def test_admin_sees_no_backup_yet_clerk_sees_nothing(office, make_app, shown, safety_panel_only):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        text = shown(app)
        assert "An toàn dữ liệu" in text and "Chưa có bản sao lưu nào." in text
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "An toàn dữ liệu" not in shown(app)


async def test_last_backup_age_is_shown(office, home, make_app, shown, safety_panel_only, monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring
    from keyring.backends import fail
    keyring.set_keyring(fail.Keyring())
    from models import backup
    backup.create_backup(home, home.path.parent / "b.vpbak")
    app = make_app(user=office["admin"])          # today frozen weeks after the backup
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = shown(app)
        assert "Sao lưu gần nhất" in text and "-" not in text.split("Sao lưu gần nhất")[1].split(")")[0]
