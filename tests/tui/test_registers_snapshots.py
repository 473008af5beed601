"""Snapshots of the incoming register at 80×24, 16 colours, the clock frozen at 05/03/2026
09:15: the list (newest first, summary cut with an ellipsis, statuses in colour) and the form.
Regenerate after a deliberate change with
``python3 -m pytest tests/tui/test_registers_snapshots.py --snapshot-update`` and look at them."""
from __future__ import annotations

import datetime as _dt

import pytest

from screen_size import SIZE, TODAY
from registers_fixtures import directory, register  # noqa: F401

NOW = _dt.datetime.combine(TODAY, _dt.time(9, 15))


@pytest.fixture
def filled(office, directory):
    from models import documents, users
    clerk = office["clerk"]
    register(clerk, "Hướng dẫn thu, nộp Đảng phí năm 2026", sender="Ban Tổ chức Tỉnh ủy Tuyên Quang",
             arrived=_dt.datetime(2026, 3, 2, 8, 0), deadline=_dt.date(2026, 3, 4))
    d = register(clerk, "Kế hoạch tổ chức Hội nghị sơ kết công tác quý I", sender="Tỉnh ủy Tuyên Quang",
                 arrived=_dt.datetime(2026, 3, 3, 14, 0))
    documents.transfer(clerk, d, "Phạm Văn Đức", received_by="Phạm Văn Đức",
                       transferred_at=_dt.datetime(2026, 3, 3, 15, 0))
    register(clerk, "Giấy mời dự lễ kỷ niệm ngày thành lập Đảng", sender="Văn phòng Tỉnh ủy Tuyên Quang",
             arrived=_dt.datetime(2026, 3, 4, 10, 0))
    documents.register_incoming(users.SYSTEM, status="needs_details", source="scan",
                                arrived_at=_dt.datetime(2026, 3, 5, 7, 45),
                                registered_at=_dt.datetime(2026, 3, 5, 7, 45))
    return office


def test_incoming_list(filled, make_app, snap_compare):
    app = make_app(user=filled["clerk"], clock=lambda: NOW)
    assert snap_compare(app, press=["f3"], terminal_size=SIZE)


def test_incoming_form(filled, make_app, snap_compare):
    async def typed(pilot):
        await pilot.press("f3", "f7")
        await pilot.pause()
        await pilot.press("enter", "enter", *"tinh", "ctrl+s")      # a match shown, an error
        await pilot.pause()
    app = make_app(user=filled["clerk"], clock=lambda: NOW)
    assert snap_compare(app, run_before=typed, terminal_size=SIZE)
