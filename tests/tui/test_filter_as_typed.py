"""The register's `/` filter follows each keystroke: the rows shown are those matching what is
typed so far, before Enter; Enter goes to the rows, Esc clears."""
from __future__ import annotations

from models import documents
from tui.screens.incoming import IncomingScreen

from screen_size import SIZE
from registers_fixtures import wait_until  # noqa: F401


async def test_each_keystroke_of_the_filter_shows_its_matches(office, make_app, shown):
    clerk = office["clerk"]
    for summary in ("Hướng dẫn thu, nộp Đảng phí", "Kế hoạch tổ chức hội nghị", "Đề án chuyển đổi số"):
        documents.register_incoming(clerk, sender="Huyện ủy Yên Sơn", summary=summary)
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, IncomingScreen)
        await pilot.press("slash", "t")
        await pilot.pause()
        text = shown(app)              # "t": thu …, tổ chức …
        assert "Hướng dẫn thu, nộp Đảng" in text and "Kế hoạch tổ chức hội nghị" in text
        assert "Đề án chuyển đổi số" not in text
        await pilot.press("h")
        await pilot.pause()
        text = shown(app)              # "th": thu … only
        assert "Hướng dẫn thu, nộp Đảng" in text and "Kế hoạch tổ chức hội nghị" not in text
        assert app.focused.id == "register-filter"             # still typing
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert "Kế hoạch tổ chức hội nghị" in shown(app)        # empty filter: every row
        await pilot.press(*"zzz")
        await pilot.pause()
        assert "Kế hoạch tổ chức hội nghị" not in shown(app) and "Đề án" not in shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Kế hoạch tổ chức hội nghị" in shown(app)
