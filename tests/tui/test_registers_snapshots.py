"""Snapshots of the document registers at 80×24, 16 colours, the clock frozen at 05/03/2026
09:15: the incoming list (newest first, summary cut with an ellipsis, statuses in colour) and
form, the outgoing list, a document's detail, and the dialog that cancels a number with a reason.
Regenerate after a deliberate change with
``python3 -m pytest tests/tui/test_registers_snapshots.py --snapshot-update`` and look at them."""
from __future__ import annotations

import datetime as _dt

import pytest

from screen_size import SIZE, TODAY, screen_text
from registers_fixtures import directory, register, wait_until  # noqa: F401
from signing import sign

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


@pytest.fixture
def outgoing(office, directory):
    """An issued report, a signed notice not yet issued, a number just taken and one cancelled."""
    from models import documents, seal
    clerk = office["clerk"]
    on = _dt.date(2026, 3, 2)
    bc = documents.reserve_number(clerk, "BC", doc_date=on, copies=5,
                                  summary="Báo cáo sơ kết công tác xây dựng Đảng quý I năm 2026")
    documents.update_outgoing(clerk, bc, content_on_paper=True,
                              recipients=["Ban Thường vụ Tỉnh ủy Tuyên Quang", "Lưu VP"])
    sign(bc, "Phạm Văn Đức", signer_position="Bí thư", authority="T/M", authority_of="Đảng ủy",
         signed_on=on)
    seal.record_use(clerk, bc, 5, used_on=on, stamped_by="Trần Thị Mai")
    documents.issue_outgoing(clerk, bc, issued_at=_dt.datetime(2026, 3, 2, 16, 0))
    tb = documents.reserve_number(clerk, "TB", doc_date=_dt.date(2026, 3, 4), copies=12,
                                  summary="Thông báo lịch sinh hoạt chi bộ tháng 3 năm 2026")
    documents.update_outgoing(clerk, tb, recipients=["Các chi bộ trực thuộc"])
    sign(tb, "Nguyễn Thị Thu Hà", signer_position="Phó Bí thư", authority="T/M",
         authority_of="Đảng ủy", signed_on=_dt.date(2026, 3, 4))
    documents.reserve_number(clerk, "CV", doc_date=TODAY,
                                  summary="Đề nghị hướng dẫn chuyển sinh hoạt đảng tạm thời")
    documents.cancel_outgoing(clerk, documents.reserve_number(clerk, "CV", doc_date=TODAY),
                              "Lấy nhầm số, văn bản gộp vào công văn 01-CV/ĐU")
    return office


async def _opened(pilot, area: str, marker: str) -> None:
    pilot.app.open_area(area)
    await wait_until(pilot, lambda: marker in screen_text(pilot.app))


def test_outgoing_list(outgoing, make_app, snap_compare):
    app = make_app(user=outgoing["clerk"], clock=lambda: NOW)

    async def opened(pilot):
        await _opened(pilot, "outgoing", "02-CV/ĐU")
    assert snap_compare(app, run_before=opened, terminal_size=SIZE)


def test_outgoing_detail(outgoing, make_app, snap_compare):
    app = make_app(user=outgoing["clerk"], clock=lambda: NOW)

    async def opened(pilot):
        await _opened(pilot, "outgoing", "02-CV/ĐU")
        await pilot.press("down", "down", "down", "enter")          # 01-BC/ĐU, the oldest
        await wait_until(pilot, lambda: "Phát hành lúc" in screen_text(pilot.app))
    assert snap_compare(app, run_before=opened, terminal_size=SIZE)


def test_cancel_number_asks_the_reason(outgoing, make_app, snap_compare):
    app = make_app(user=outgoing["clerk"], clock=lambda: NOW)

    async def asked(pilot):
        from tui.screens.parts.dialogs import ReasonDialog
        await _opened(pilot, "outgoing", "02-CV/ĐU")
        await pilot.press("down", "enter")                          # 01-CV/ĐU, the number taken
        await wait_until(pilot, lambda: "Còn thiếu" in screen_text(pilot.app))
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReasonDialog))
        await pilot.press(*"Trùng nội dung với 01-CV")
        await wait_until(pilot, lambda: "với 01-CV" in screen_text(pilot.app))
    assert snap_compare(app, run_before=asked, terminal_size=SIZE)
