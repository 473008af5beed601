"""Snapshots of the key screens at 80×24, 16 colours, date frozen at 05/03/2026.

Hôm nay is shown as the clerk sees it on a fixed office (fixed date, fixed documents): every
area's menu entry and real panels, so an area that adds or changes its panel moves this picture
on purpose. Settings and help show the shell's own look, drawn from the foundation's areas and
panels only (a later module's screens get snapshots of their own). Regenerate after a deliberate
change with
``python3 -m pytest tests/tui/test_tui_snapshots.py --snapshot-update`` and look at the SVGs.
"""
from __future__ import annotations

import datetime as _dt

import pytest

from models import dashboard
from tui import areas

from screen_size import SIZE, TODAY
from registers_fixtures import register

FOUNDATION_AREAS = ("dashboard", "search", "audit", "settings")


@pytest.fixture
def foundation_only(monkeypatch):
    monkeypatch.setattr(areas, "AREAS", {k: v for k, v in areas.AREAS.items() if k in FOUNDATION_AREAS})
    monkeypatch.setattr(dashboard, "_PANELS",
                        [p for p in dashboard._PANELS if p[1].startswith("foundation.")])


def test_wizard(home, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_wizard_with_a_wrong_date(home, make_app, snap_compare):
    async def wrong_date(pilot):
        await pilot.pause()
        f = [f for f in pilot.app.screen.query("DateField")][0]
        f.focus()
        await pilot.pause()
        await pilot.press(*"31/02/2025", "enter")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=wrong_date)


def test_login(office, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE)


@pytest.fixture
def busy_office(office):
    """A clerk's morning: a scan waiting for its details, documents arrived today and earlier,
    one past its deadline, a dossier overdue for the archive."""
    from models import documents, dossiers, users
    clerk = office["clerk"]
    register(clerk, "Hướng dẫn thu, nộp Đảng phí năm 2026", sender="Ban Tổ chức Tỉnh ủy Tuyên Quang",
             arrived=_dt.datetime(2026, 2, 23, 8, 0), deadline=_dt.date(2026, 3, 2),
             handler="Phạm Văn Đức")
    register(clerk, "Kế hoạch tổ chức Hội nghị sơ kết công tác quý I", sender="Tỉnh ủy Tuyên Quang",
             arrived=_dt.datetime(2026, 3, 3, 14, 0))
    register(clerk, "Giấy mời dự lễ kỷ niệm ngày thành lập Đoàn", sender="Văn phòng Tỉnh ủy Tuyên Quang",
             arrived=_dt.datetime(2026, 3, 5, 8, 10))
    documents.register_incoming(users.SYSTEM, status="needs_details", source="scan",
                                arrived_at=_dt.datetime(2026, 3, 5, 7, 45),
                                registered_at=_dt.datetime(2026, 3, 5, 7, 45))
    dossiers.create_dossier(office["admin"], "2024-01", "Hồ sơ kết nạp đảng viên năm 2024", 2024,
                            work_ended_on=_dt.date(2024, 12, 31))
    return office


def test_dashboard(busy_office, make_app, snap_compare):
    app = make_app(user=busy_office["clerk"],
                   clock=lambda: _dt.datetime.combine(TODAY, _dt.time(9, 15)))
    assert snap_compare(app, terminal_size=SIZE)


def test_settings(office, make_app, foundation_only, snap_compare):
    assert snap_compare(make_app(user=office["admin"]), press=["f9"], terminal_size=SIZE)


def test_help(office, make_app, foundation_only, snap_compare):
    assert snap_compare(make_app(user=office["admin"]), press=["f1"], terminal_size=SIZE)
