"""Sao lưu, as the administrator uses it: the backups in the folder newest first with where the
key is; F5 backs up now and F6/K checks the chosen one, each in a child process while the clerk
goes on, told when done; Hôm nay's "An toàn dữ liệu" opens it; closing the program during such a
backup leaves nothing half-made."""
from __future__ import annotations

import pytest

from models import backup, dashboard, office as office_mod, safety
from tui import areas
from tui.screens.backups import BackupScreen
from tui.screens.dashboard import DashboardScreen

from registers_fixtures import wait_until
from screen_size import SIZE
from test_tui_safety import toasts


@pytest.fixture
def usb(office, home, tmp_path, monkeypatch):
    """Backups to a folder of the test's own; no password store (the key goes in a file)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring
    from keyring.backends import fail
    keyring.set_keyring(fail.Keyring())
    folder = tmp_path / "usb"
    office_mod.set_setting(office["admin"], "backup.folder", str(folder))
    return folder


def table_rows(app) -> list[str]:
    from textual.widgets import DataTable
    t = app.screen.query_one("#backup-table", DataTable)
    return [" ".join(str(c) for c in t.get_row_at(i)) for i in range(t.row_count)]


async def test_the_backups_newest_first_then_one_made_and_one_checked(office, home, usb, make_app, shown):
    first = backup.create_backup(home).path
    second = backup.create_backup(home).path
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.open_area("backups")
        await pilot.pause()
        assert isinstance(app.screen, BackupScreen)
        text = " ".join(shown(app).split())                # long paths wrap at the spaces
        assert f"Thư mục sao lưu: {usb}" in text and "Khóa sao lưu (mã" in text
        assert "Tự sao lưu lần mở đầu tiên mỗi ngày; giữ 14 bản" in text
        rows = table_rows(app)
        assert [r.split()[-1] for r in rows] == [second.name, first.name]
        made = backup.kept_backups(usb)[0].made
        assert rows[0].startswith(f"{made:%d/%m/%Y %H:%M:%S} ")
        await pilot.press("f5")
        assert "Đang sao lưu" in shown(app)
        assert await wait_until(pilot, lambda: len(table_rows(app)) == 3, 30)
        assert "Đã sao lưu vào" in toasts(shown(app))
        newest = backup.kept_backups(usb)[0].path
        assert table_rows(app)[0].endswith(newest.name) and newest not in (first, second)
        assert "Đang sao lưu" not in shown(app)
        await pilot.press("down", "k")                   # the second newest, checked whole
        assert await wait_until(pilot, lambda: "nguyên vẹn" in toasts(shown(app)), 30)
        assert f"{second.name}nguyênvẹn" in "".join(toasts(shown(app)).split())   # toasts wrap
    assert app.running_services == {}                   # the task ended; closing stopped nothing


async def test_a_missing_folder_says_so_and_hom_nays_warning_opens_here(office, home, usb, make_app,
                                                                      shown, monkeypatch):
    monkeypatch.setattr(dashboard, "_PANELS", [])
    dashboard.register_panel(0, "safety.backup", safety._panel)
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and "Chưa có bản sao lưu nào." in shown(app)
        await pilot.press("tab", "enter")                # from the menu to the panel; Enter
        await pilot.pause()
        assert isinstance(app.screen, BackupScreen)
        text = " ".join(shown(app).split())                # long paths wrap at the spaces
        assert f"Thư mục sao lưu {usb} chưa có hoặc chưa kết nối (USB chưa cắm?)" in text
        assert "Chưa có lần sao lưu nào." in text and "nhấn F5 (hoặc B) để sao lưu ngay" in text
        await pilot.press("k")
        nothing = "Chưa có bản sao lưu nào để kiểm tra."
        assert await wait_until(pilot, lambda: nothing in toasts(shown(app)), 5)


def test_only_those_who_keep_the_settings_see_it(office):
    keys = lambda who: [a.key for a in areas.visible_areas(office[who])]   # noqa: E731
    assert "backups" in keys("admin") and "backups" not in keys("clerk")


async def test_closing_the_program_during_a_backup_asked_for_leaves_nothing_half_made(
        office, home, tmp_path, make_app, monkeypatch):
    from tests.safety.child_helpers import endless_backup, reading
    big, folder = endless_backup(office, home, tmp_path)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setattr(safety, "TERM_GRACE", 0.2)      # it cannot stop in time: killed soon
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("backups")
        await pilot.pause()
        await pilot.press("b")
        assert await wait_until(pilot, lambda: "backup" in app.running_services and reading(
            app.running_services["backup"].child.pid, big), 30)    # the backup is under way
        handle = app.running_services["backup"]
    handle._thread.join(30)                       # the app closed: the task was stopped
    assert not handle.running and handle.child.signalled.is_set() and handle.child.killed
    assert list(folder.iterdir()) == [] and list(home.path.glob(".backup-snapshot-*")) == []
    assert backup.last_backup(home) is None
