"""The registers stay current without a key pressed: a scan dropped into the scanner folder
(the intake running inside the TUI) appears in the open incoming list and in Máy quét; and a
hit of the global search opens the record it names."""
from __future__ import annotations

import datetime as _dt

from models import contacts, documents, dossiers
from models import office as office_mod
from tui.screens.dossiers import DossierDetail
from tui.screens.incoming import IncomingDetail, IncomingScreen
from tui.screens.intake import IntakeScreen
from tui.screens.outgoing import OutgoingDetail
from tui.widgets.contact_field import ContactDialog

from screen_size import SIZE
from registers_fixtures import register, wait_until
from test_tui_services import pdf_bytes


def intake_settings(office, inbox):
    admin = office["admin"]
    office_mod.set_setting(admin, "intake.inbox", str(inbox))
    office_mod.set_setting(admin, "intake.quiet_seconds", 1)
    office_mod.set_setting(admin, "intake.polling", True)


async def test_a_scan_appears_in_the_open_incoming_list_without_a_key(office, make_app, tmp_path, shown):
    inbox = tmp_path / "scans"
    inbox.mkdir()
    intake_settings(office, inbox)
    register(office["clerk"], "Văn bản đã có từ trước")
    app = make_app(user=office["clerk"], services=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            assert isinstance(app.screen, IncomingScreen)
            assert await wait_until(pilot, lambda: "intake" in app.running_services, 5)
            table = app.screen.table
            assert table.row_count == 1
            (inbox / "giay-moi.pdf").write_bytes(pdf_bytes("live-list"))
            # no key pressed from here on
            assert await wait_until(pilot, lambda: table.row_count == 2, 20)
            row = shown(app).splitlines()[2]
            assert row.split()[0] == "2" and "Cần bổ sung" in row
            assert isinstance(app.screen, IncomingScreen)
    finally:
        app.stop_services()


async def test_intake_screen_lists_new_scans_and_refused_files(office, make_app, tmp_path, shown):
    inbox = tmp_path / "scans"
    inbox.mkdir()
    intake_settings(office, inbox)
    app = make_app(user=office["clerk"], services=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert await wait_until(pilot, lambda: "intake" in app.running_services, 5)
            app.open_area("intake")
            await pilot.pause()
            assert isinstance(app.screen, IntakeScreen)
            assert "Đang nhận bản quét từ" in shown(app)
            (inbox / "cong-van.pdf").write_bytes(pdf_bytes("live-intake"))
            assert await wait_until(pilot, lambda: "cong-van.pdf" in shown(app), 20)
            (inbox / "ghi-chu.txt").write_text("không phải bản quét")
            await pilot.press("t")                               # the refused files
            assert await wait_until(pilot, lambda: "ghi-chu.txt" in shown(app), 20)
            await pilot.press("enter")                           # why, and where it is now
            await pilot.pause()
            text = shown(app)
            assert "Tệp bị từ chối: ghi-chu.txt" in text and "failed" in text
            await pilot.press("x")                               # dealt with
            await pilot.pause()
            assert await wait_until(pilot, lambda: "ghi-chu.txt" not in shown(app), 5)
            await pilot.press("t", "enter")                      # the scan: its details
            await pilot.pause()
            assert isinstance(app.screen, IncomingDetail)
            assert "cong-van.pdf" in shown(app)
    finally:
        app.stop_services()


async def test_search_hits_open_their_records(office, make_app, shown):
    clerk, admin = office["clerk"], office["admin"]
    register(clerk, "Hướng dẫn thu, nộp Đảng phí năm 2026")
    documents.reserve_number(clerk, "BC", doc_date=_dt.date(2026, 3, 5), summary="Báo cáo Đảng phí quý I")
    contacts.add_contact(admin, "Ban Tuyên giáo Đảng phí", "body")
    dossiers.create_dossier(admin, "2026-01", "Hồ sơ Đảng phí năm 2026", 2026)
    expected = {"Văn bản đến": IncomingDetail, "Văn bản đi": OutgoingDetail,
                "Danh bạ": ContactDialog, "Hồ sơ": DossierDetail}
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"dang phi", "enter")
        await pilot.pause()
        assert "4 kết quả" in shown(app)
        hits = app.screen.hits
        for i, h in enumerate(hits):
            app.screen.query_one("#search-results").highlighted = i
            app.screen.query_one("#search-results").focus()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, expected[h.label]), h.label
            await pilot.press("escape")
            await pilot.pause()
        # the palette offers the records directly too
        await pilot.press("ctrl+p", *"nop dang phi")
        await pilot.pause(0.6)
        assert "Văn bản đến: Số đến 1/2026: Hướng dẫn thu, nộp Đảng phí" in shown(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, IncomingDetail)
