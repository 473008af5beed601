"""The office home as the program makes it: the first-run wizard creates an office nobody else
on the PC can read, and an old open home is tightened with one notification."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from models.db import close_database
from tui.screens.login import LoginScreen
from tui.screens.wizard import WizardScreen

from screen_size import SIZE, TODAY
from test_tui_wizard import fill_admin, fill_office

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


class Args:
    def __init__(self, home: Path):
        self.home = str(home)


def open_to_others(root: Path) -> list[str]:
    return [f"{oct(stat.S_IMODE(p.lstat().st_mode))} {p}" for p in [root, *root.rglob("*")]
            if p.lstat().st_mode & 0o077]


@pytest.fixture
def shell_umask():
    old = os.umask(0o022)            # what a terminal usually has
    yield
    os.umask(old)


async def test_the_wizard_makes_an_office_nobody_else_can_read(tmp_path, shell_umask, type_text):
    from tui.app import VanphongApp
    from tui.commands import office_home
    from models.db import open_database
    home = office_home(Args(tmp_path / "new-office"), create=True, notice=False)  # as run_tui does
    open_database(home.db_url, defer_load=True)     # as the app does in a fresh process
    app = VanphongApp(home, today=TODAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, WizardScreen)
            await fill_office(pilot, type_text)
            await fill_admin(pilot, type_text)
            await pilot.pause()
            assert isinstance(app.screen, LoginScreen)
            assert not [n for n in app._notifications if "Đã khóa" in n.message]  # nothing to tighten
    finally:
        close_database()
    assert home.db_path.is_file()
    assert open_to_others(home.path) == []


async def test_an_old_open_home_is_tightened_with_one_notification(tmp_path, shell_umask):
    from models.db import open_database
    from models.home import OfficeHome
    from tui.app import VanphongApp
    from tui.commands import office_home
    old = OfficeHome(tmp_path / "old").ensure()
    open_database(old.db_url)
    close_database()
    for p in [old.path, *old.path.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    home = office_home(Args(old.path), create=False, notice=False)
    open_database(home.db_url, defer_load=True)
    app = VanphongApp(home, today=TODAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            said = [n.message for n in app._notifications if "Đã khóa" in n.message]
            assert len(said) == 1 and "Đã khóa thư mục văn phòng" in said[0]
    finally:
        close_database()
    assert open_to_others(home.path) == []
