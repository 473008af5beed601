"""Going anywhere: the command palette (Ctrl+P), global search, the help screen (F1 / ?)."""
from __future__ import annotations

from models import search
from tui import areas
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen
from tui.screens.palette import VanphongPalette
from tui.screens.search import SearchScreen
from tui.screens.settings import SettingsScreen

from screen_size import SIZE


async def test_palette_opens_and_goes_to_settings_without_accents(office, make_app, type_text, shown,
                                                                  monkeypatch):
    # the foundation's areas only: later areas (the registers …) fill the palette's first page
    monkeypatch.setattr(areas, "AREAS", {k: v for k, v in areas.AREAS.items()
                                         if k in ("dashboard", "search", "audit", "settings")})
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, VanphongPalette)
        text = shown(app)
        assert "Mở: Cài đặt" in text and "Mở: Nhật ký thay đổi" in text
        await type_text(pilot, "cai dat")                 # typed without accents
        await pilot.pause(0.4)
        assert "Mở: Cài đặt" in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)


async def test_palette_offers_only_what_the_user_may_open(office, make_app, shown):
    app = make_app(user=office["viewer"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        text = shown(app)
        assert "Mở: Hôm nay" in text
        assert "Mở: Cài đặt" not in text


async def test_palette_search_entry_runs_global_search(office, make_app, type_text, shown):
    search.index("incoming", 7, "Số đến 7/2026: Hướng dẫn thu Đảng phí năm 2026", "Tỉnh ủy Tuyên Quang")
    search.index("incoming", 8, "Số đến 8/2026: Kế hoạch hội nghị", "Đảng ủy xã")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await type_text(pilot, "dang phi")
        await pilot.pause(0.4)
        assert "Tìm kiếm: dang phi" in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        text = shown(app)
        assert "Hướng dẫn thu Đảng phí năm 2026" in text
        assert "Kế hoạch hội nghị" not in text
        assert "1 kết quả cho “dang phi”." in text


async def test_search_hit_opens_with_the_registered_opener(office, make_app, type_text, monkeypatch):
    opened = []
    monkeypatch.setitem(areas.OPENERS, "incoming", lambda app, ref: opened.append(ref))
    search.index("incoming", 42, "Số đến 42/2026: Công văn về Đảng phí", "")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")                          # '/' on the dashboard searches
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "ĐẢNG PHÍ")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")                          # open the highlighted hit
        await pilot.pause()
        assert opened == [42]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_search_without_hits_says_so(office, make_app, type_text, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await type_text(pilot, "khongcogi")
        await pilot.press("enter")
        await pilot.pause()
        assert "Không tìm thấy “khongcogi”." in shown(app)


async def test_help_lists_the_screens_keys_and_the_global_ones(office, make_app, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = shown(app)
        assert "Phím của màn hình Cài đặt" in text
        assert "Ctrl+S" in text and "Lưu" in text             # this screen's key
        assert "Esc" in text and "Quay lại" in text
        assert "F9 / Ctrl+G" in text                           # an area with its twin
        assert "F8 / Ctrl+L" in text
        assert "F1" in text and "Ctrl+P" in text and "Ctrl+Q" in text    # ("?" types here)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)


async def test_question_mark_opens_help_but_types_in_a_field(office, make_app, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")                   # on the dashboard: help
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Phím của màn hình Hôm nay" in shown(app)
        assert "Tìm kiếm trong mọi sổ" in shown(app)           # the dashboard's '/'
        await pilot.press("question_mark")                   # ? again closes it
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("end", "question_mark")            # in the name field: a '?'
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.focused.value.endswith("?")


async def test_footer_shows_the_screens_keys(office, make_app, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        footer = shown(app).splitlines()[-1]
        assert "^s Lưu" in footer and "Esc Quay lại" in footer and "F1 Trợ giúp" in footer


async def test_f1_in_a_dialog_lists_the_dialogs_keys(office, make_app, shown):
    from tui.screens.users import OwnPasswordDialog
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_change_password()
        await pilot.pause()
        assert isinstance(app.screen, OwnPasswordDialog)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = shown(app)
        assert "Ctrl+S" in text and "Lưu" in text and "Đóng" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OwnPasswordDialog)


async def test_screen_covered_during_a_resize_comes_back_at_the_new_size(office, make_app, shown):
    """A screen under another one is not laid out while covered (tui.app._background_screens);
    it must still come back whole at the terminal's new size."""
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"cai dat")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        lines = shown(app).splitlines()
        assert len(lines) == 30
        assert lines[0].rstrip().endswith("05/03/2026")      # the header's date at the right edge
        assert len(lines[0].rstrip()) > 80
        assert "F1" in lines[29], lines[29]                  # the footer on the new last line


async def test_a_search_cut_short_says_there_are_more(office, make_app, type_text, shown):
    """"100 kết quả" was said of the newest 100 matches of a register (all a search ranks):
    there were 201."""
    from models.search import RANK_WINDOW
    for i in range(1, 2 * RANK_WINDOW + 2):
        search.index("incoming", i, f"Số đến {i}/2026: Công văn về Đảng phí", "Tỉnh ủy")
    search.index("incoming", 900, "Số đến 900/2026: Kế hoạch hội nghị", "")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_area("search")
        await pilot.pause()
        await type_text(pilot, "dang phi")
        await pilot.press("enter")
        await pilot.pause()
        said = " ".join(shown(app).split())
        assert f"{RANK_WINDOW} kết quả đầu cho “dang phi”, còn nữa: gõ thêm chữ để thu hẹp." in said
        app.screen.run_search("ke hoach")
        await pilot.pause()
        assert "1 kết quả cho “ke hoach”." in " ".join(shown(app).split())
        assert "còn nữa" not in shown(app)
