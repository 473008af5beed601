"""Snapshots of the key screens at 80×24, 16 colours, date frozen at 05/03/2026.

These show the shell's own look: the dashboard and menu are drawn from the foundation's areas
and panels only, so a later module adding its own does not move these pictures (its screens get
snapshots of their own). Regenerate after a deliberate change with
``python3 -m pytest tests/tui/test_tui_snapshots.py --snapshot-update`` and look at the SVGs.
"""
from __future__ import annotations

import pytest

from models import dashboard
from tui import areas

from screen_size import SIZE

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


def test_dashboard(office, make_app, foundation_only, snap_compare):
    assert snap_compare(make_app(user=office["admin"]), terminal_size=SIZE)


def test_settings(office, make_app, foundation_only, snap_compare):
    assert snap_compare(make_app(user=office["admin"]), press=["f9"], terminal_size=SIZE)


def test_help(office, make_app, foundation_only, snap_compare):
    assert snap_compare(make_app(user=office["admin"]), press=["f1"], terminal_size=SIZE)
