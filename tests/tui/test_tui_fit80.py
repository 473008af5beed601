"""At 80 columns every area's header and footer fit: the header shortens the date, then the
role, then the office's name (never runs the title into the user name); the footer shows fewer
keys, always F1 (which lists them all)."""
from __future__ import annotations

import re

import pytest

from tui import areas
from tui.widgets.header import header_parts

from screen_size import SIZE, TODAY


class Actor:
    username, role_label = "vanthu", "Quản trị"


@pytest.mark.parametrize("width, right", [
    (120, "vanthu (Quản trị) · Thứ Năm, 05/03/2026 "),
    (80, "vanthu (Quản trị) · 05/03/2026 "),
    (70, "vanthu (Quản trị) "),
    (55, "vanthu "),
])
def test_header_shortens_the_date_then_the_role(width, right):
    left, got = header_parts("Đảng ủy xã Tân Lập", "Vào sổ văn bản đến", Actor(), TODAY, width)
    assert got == right
    assert len(left) + len(got) + 2 <= width


def test_header_drops_the_office_name_last():
    left, right = header_parts("Đảng ủy xã Tân Lập", "Vào sổ văn bản đến", Actor(), TODAY, 30)
    assert left == " Vào sổ văn bản đến" and right == "vanthu "


async def test_every_area_header_and_footer_fit_at_80(office, make_app, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key, area in sorted(areas.AREAS.items()):
            if key == "dashboard" or not areas.allowed(app.actor, area.permission):
                continue
            app.open_area(key)
            await pilot.pause()
            await pilot.pause()
            lines = shown(app).splitlines()
            head, foot = lines[0], lines[-1]
            assert re.search(r"\S  +admin \(Quản trị\)", head), (key, head)   # a gap before the user
            assert "05/03/2026" in head or len(head.split("›")[-1]) > 30, (key, head)
            assert "F1 Trợ giúp" in foot, (key, foot)
        # the register form: the longest title
        app.open_area("incoming")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        head = shown(app).splitlines()[0]
        assert "Vào sổ văn bản đến" in head and re.search(r"\S  +admin", head), head
