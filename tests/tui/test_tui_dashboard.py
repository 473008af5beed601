"""Hôm nay: panels from models.dashboard, the menu of areas, moving around."""
from __future__ import annotations

import pytest

from models import dashboard
from models.dashboard import Panel
from tui.screens.audit import AuditScreen
from tui.screens.dashboard import DashboardScreen, PanelBox
from tui.screens.menu import MenuScreen
from tui.screens.settings import SettingsScreen

from screen_size import SIZE, TODAY


@pytest.fixture
def only_panels(monkeypatch):
    """Replace the registered panels (other modules add theirs) for one test."""
    def use(*fns):
        monkeypatch.setattr(dashboard, "_PANELS", [])
        for i, fn in enumerate(fns):
            dashboard.register_panel(i, f"test.{i}", fn)
    return use


async def test_zero_panels_shows_a_friendly_line(office, make_app, only_panels, shown):
    only_panels()
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "Hôm nay không có việc gì cần chú ý." in shown(app)


async def test_panels_are_drawn_generically_and_enter_opens_their_area(office, make_app,
                                                                       only_panels, shown):
    seen = {}

    def overdue(actor, today):
        seen["args"] = (actor.username, today)
        return Panel("Văn bản quá hạn xử lý", 2, ["Số đến 12: Báo cáo quý I", "Số đến 15: Công văn"],
                     area="audit", severity="warning")

    only_panels(overdue, lambda actor, today: None)      # a panel may have nothing to say
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert seen["args"] == ("admin", TODAY)           # the actor and the (frozen) day
        text = shown(app)
        assert "Văn bản quá hạn xử lý" in text
        assert "Số đến 12: Báo cáo quý I" in text
        assert len(app.screen.query(PanelBox)) == 1
        await pilot.press("tab")                           # from the menu to the panels
        assert isinstance(app.focused, PanelBox)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        await pilot.press("escape")                        # Esc goes back
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_foundation_panels_for_admin(office, make_app, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = shown(app)
        assert "Tài khoản" in text and "5 tài khoản đang dùng." in text
        assert "Thay đổi hôm nay" in text


async def test_menu_lists_only_areas_the_user_may_open(office, make_app, shown):
    app = make_app(user=office["viewer"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#dash-menu")
        labels = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert any("Hôm nay" in x for x in labels)
        assert not any("Cài đặt" in x for x in labels)
        assert not any("Nhật ký thay đổi" in x for x in labels)
        assert "5 tài khoản đang dùng." not in shown(app)     # the accounts panel is for admins
        await pilot.press("f9")                                 # not theirs: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_menu_enter_opens_an_area_and_f_key_twins_work(office, make_app):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#dash-menu")
        target = next(i for i in range(menu.option_count)
                      if menu.get_option_at_index(i).id == "area:settings")
        for _ in range(target):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("ctrl+t")                          # the twin of F2: back to "Hôm nay"
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("ctrl+l")                          # the twin of F8
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        await pilot.press("ctrl+g")                          # the twin of F9, from another area
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert len(app.screen_stack) == 3                    # areas do not pile up
        await pilot.press("ctrl+o")                          # the twin of F10: the menu
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)


async def test_a_models_error_in_a_panel_is_said_in_place_not_a_crash(office, make_app, only_panels,
                                                                    shown):
    from models.errors import VanphongError

    def broken(actor, today):
        raise VanphongError("Không đọc được sổ văn bản đến.")

    only_panels(broken)
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "Không đọc được sổ văn bản đến." in shown(app)
        await pilot.press("f9")                               # the rest still works
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "Không đọc được sổ văn bản đến." in shown(app)


async def test_back_on_hom_nay_the_panels_are_brought_up_to_date_in_place(office, make_app,
                                                                         only_panels, shown):
    """The usual return from an area: the same panels, new figures — the boxes are updated, not
    composed again (and the focused one keeps the focus); a panel that appears is shown too."""
    state = {"n": 2, "extra": False}

    def waiting(actor, today):
        n = state["n"]
        return Panel("Văn bản chờ giao xử lý", n, [f"Số đến {i}" for i in range(1, n + 1)],
                     area="audit", severity="warning" if n else "info")

    def extra(actor, today):
        return Panel("Việc quá hạn", 1, ["Chuẩn bị hội trường"]) if state["extra"] else None

    only_panels(waiting, extra)
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one(PanelBox)
        assert box.has_class("-warning") and "Số đến 2" in shown(app)
        await pilot.press("tab")                           # the panel has the focus
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        state["n"] = 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.query_one(PanelBox) is box       # the same box, up to date
        assert box.has_class("-zero") and box.has_class("-info") and not box.has_class("-warning")
        assert "Số đến 2" not in shown(app) and "Văn bản chờ giao xử lý" in shown(app)
        assert app.focused is box
        await pilot.press("enter")
        await pilot.pause()
        state["extra"] = True                              # a panel that had nothing now has
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen.query(PanelBox)) == 2
        assert "Chuẩn bị hội trường" in shown(app)


def test_typing_a_name_reaches_its_entry_marks_and_case_ignored():
    from tui.widgets.menu_list import jump
    labels = ["Hôm nay", "Văn bản đến", "Văn bản đi", "Soạn văn bản", "Sổ con dấu", "Đảng viên",
              "Thu đảng phí", "Sổ quỹ tiền mặt", "Cài đặt"]
    assert jump(labels, "cai", 0) == 8
    assert jump(labels, "CÀI", 0) == 8
    assert jump(labels, "d", 0) == 5                     # đ is d; a name starting so comes first
    assert jump(labels, "dang p", 0) == 6               # then a later word: "Thu đảng phí"
    assert jump(labels, "so q", 0) == 7
    assert jump(labels, "van ban di", 0) == 2
    assert jump(labels, "s", 3) == 4                     # one letter: from the next entry …
    assert jump(labels, "ss", 4) == 7                    # … the same letter again: the next one
    assert jump(labels, "sss", 7) == 3                   # and round from the top
    assert jump(labels, "so", 3) == 3                    # a name being typed stays where it is
    assert jump(labels, "s", None) == 3
    assert jump(labels, "zz", 0) is None and jump(labels, " ", 0) is None


async def test_typing_in_the_menu_jumps_to_the_entry_and_enter_opens_it(office, make_app, shown,
                                                                         monkeypatch):
    from tui.widgets import menu_list
    monkeypatch.setattr(menu_list, "TYPED_PAUSE", 600.0)   # a loaded machine is no slow typist
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        menu = app.screen.query_one("#dash-menu")
        assert app.focused is menu
        await pilot.press(*"cai")                              # typed without its marks
        assert menu.get_option_at_index(menu.highlighted).id == "area:settings"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("f10")                               # the F10 menu the same way
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)
        await pilot.press(*"nhat ky")
        listing = app.screen.query_one("#menu-list")
        assert listing.get_option_at_index(listing.highlighted).id == "area:audit"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
