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


# --- the duties in a child process, after login -------------------------------------------------
def toasts(screen_text: str) -> str:
    """The notifications' text (drawn at the right after '▌'), joined across their lines."""
    return " ".join(line.split("▌", 1)[1].strip() for line in screen_text.splitlines() if "▌" in line)


@pytest.fixture
def services_office(office, home, tmp_path, monkeypatch):
    """An office on its day's first start, the backups going to a folder of the test's own;
    the scanner intake off (not this test's business); no password store."""
    from models import office as office_mod
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    office_mod.set_setting(office["admin"], "backup.folder", str(tmp_path / "usb"))
    office_mod.set_setting(office["admin"], "intake.run_in_tui", False)
    assert not (home.path / safety.DAY_NAME).exists()
    return office


async def test_after_login_the_days_backup_is_made_by_a_child(services_office, home, tmp_path,
                                                              make_app, shown, safety_panel_only,
                                                              monkeypatch):
    import os

    from models import backup
    from registers_fixtures import wait_until

    def refuse(*a, **kw):                         # only another process can make the backup
        raise AssertionError("ran in the program's own process")
    monkeypatch.setattr(safety, "at_start", refuse)
    monkeypatch.setattr(backup, "create_backup", refuse)
    app = make_app(user=services_office["admin"], services=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert await wait_until(pilot, lambda: "Đã tự sao lưu vào" in toasts(shown(app)), 30)
        assert await wait_until(pilot, lambda: "Sao lưu gần nhất" in shown(app), 5)
        handle = app.running_services["safety"]
        handle._thread.join(30)
        assert handle.child.pid not in (None, os.getpid()) and handle.child.returncode == 0
    made = backup.list_backups(tmp_path / "usb")
    assert len(made) == 1 and str(made[0]).startswith(str(tmp_path / "usb"))


async def test_closing_the_program_during_the_childs_backup_leaves_nothing_half_made(
        services_office, home, tmp_path, make_app, monkeypatch):
    from models import backup
    from registers_fixtures import wait_until
    from tests.safety.child_helpers import endless_backup, reading
    big, usb = endless_backup(services_office, home, tmp_path)
    monkeypatch.setattr(safety, "TERM_GRACE", 0.2)      # it cannot stop in time: killed soon
    app = make_app(user=services_office["admin"], services=True)
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_until(pilot, lambda: "safety" in app.running_services and reading(
            app.running_services["safety"].child.pid, big), 30)    # the backup is under way
        handle = app.running_services["safety"]
    handle._thread.join(30)                       # the app closed: its services were stopped
    assert not handle._thread.is_alive() and handle.child.signalled.is_set() and handle.child.killed
    assert list(usb.iterdir()) == [] and list(home.path.glob(".backup-snapshot-*")) == []
    assert backup.last_backup(home) is None and not (home.path / safety.DAY_NAME).exists()
