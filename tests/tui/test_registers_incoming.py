"""Sổ văn bản đến at 80×24: registering by keyboard alone, finding without accents, the
detail's status steps, transfer, correction with its reason, cancel with its reason, a scan's
missing details, attached files, the late-registration warning."""
from __future__ import annotations

import json

from models import audit, contacts, documents, users
from tui.screens.incoming import IncomingDetail, IncomingForm, IncomingScreen
from tui.widgets.dialogs import ErrorDialog, MessageDialog
from tui.widgets.picker import PickerDialog

from screen_size import SIZE
from registers_fixtures import directory, field, register, type_as_typed, wait_until  # noqa: F401


async def open_incoming_list(pilot, app):
    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(app.screen, IncomingScreen)


async def test_register_a_document_by_keyboard_alone(office, directory, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        assert "Chưa có mục nào." in shown(app)
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, IncomingForm)
        assert "Số đến sẽ cấp: 1/2026" in shown(app)
        await pilot.press("enter", "enter")                    # arrival date and time: now
        await pilot.press(*"tinh uy", "enter")                # no exact match: the list opens
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        assert "Tỉnh ủy Tuyên Quang" in shown(app)
        await pilot.press("enter")                             # the first match
        await pilot.pause()
        assert field(app.screen, "sender").value == "Tỉnh ủy Tuyên Quang"
        await pilot.press(*"125-HD/HU", "enter")
        await pilot.press(*"01/03/2026", "enter")
        await pilot.press("h", "u", "enter")                    # type: Hướng dẫn
        await pilot.press(*"Hướng dẫn thu Đảng phí năm 2026", "enter")
        await pilot.press("enter", "enter", "enter")           # urgency, secrecy, consent
        await pilot.press("2", "enter", "1", "enter")          # pages, copies
        await pilot.press(*"nguyen thi thu", "enter")          # handler from the directory
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"20/03/2026", "enter", "enter")     # deadline, notes: saves
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "Đã vào sổ văn bản đến số 1/2026." in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IncomingScreen)
        row = shown(app).splitlines()[2]
        assert row.split()[0] == "1" and "Tỉnh ủy Tuyên Q…" in row and "Hướng dẫn thu Đảng" in row
    d = documents.Incoming.get()
    assert (d.arrival_no, d.year, d.sender, d.sender_contact_id) == (
        1, 2026, "Tỉnh ủy Tuyên Quang", directory["Tỉnh ủy Tuyên Quang"].id)
    assert (d.doc_number, d.doc_type, d.pages, d.copies) == ("125-HD/HU", "Hướng dẫn", 2, 1)
    assert d.summary == "Hướng dẫn thu Đảng phí năm 2026"
    assert d.handler == "Nguyễn Thị Thu Hà" and d.deadline.isoformat() == "2026-03-20"
    assert d.status == "pending"


async def test_form_errors_are_said_at_the_field(office, directory, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("ctrl+s")                              # nothing typed
        await pilot.pause()
        assert isinstance(app.screen, IncomingForm)
        assert field(app.screen, "sender").error == "Chưa nhập nơi gửi."
        assert "Chưa nhập nơi gửi." in shown(app)
        f = field(app.screen, "doc_date")
        f.focus()
        await pilot.press(*"31/02/2026", "enter")
        await pilot.pause()
        assert f.error and f.error in shown(app)                 # a date that does not exist
    assert documents.Incoming.select().count() == 0


async def test_late_registration_is_warned_before_and_after_saving(office, directory, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        await pilot.press("f7")
        await pilot.pause()
        # the form opens at Nơi gửi; back to the date, which is selected whole: typing replaces it
        await pilot.press("shift+tab", "shift+tab", *"27/02/2026", "enter")   # Friday; today Thu 05/03
        await pilot.pause()
        assert "Vào sổ muộn" in shown(app)
        await pilot.press("enter", *"TU", "enter")               # the abbreviation is exact
        await pilot.pause()
        assert field(app.screen, "sender").contact_id == directory["Tỉnh ủy Tuyên Quang"].id
        field(app.screen, "summary").value = "Công văn đến muộn"
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = shown(app)
        assert "Đã vào sổ văn bản đến số 1/2026." in text and "Vào sổ muộn" in text


async def test_find_by_summary_typed_without_accents(office, make_app, shown):
    clerk = office["clerk"]
    register(clerk, "Hướng dẫn thu, nộp Đảng phí năm 2026")
    register(clerk, "Kế hoạch tổ chức hội nghị")
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        assert "Kế hoạch tổ chức hội nghị" in shown(app)
        await pilot.press("slash", *"dang phi", "enter")
        await pilot.pause()
        text = shown(app)
        assert "Hướng dẫn thu, nộp Đảng p…" in text           # the summary, cut to fit 80
        assert "Kế hoạch tổ chức hội nghị" not in text
        assert "Đang lọc: “dang phi”" in text
        await pilot.press("enter")                               # opens the one found
        await pilot.pause()
        assert isinstance(app.screen, IncomingDetail)
        assert "Văn bản đến số 1/2026" in shown(app)
        await pilot.press("escape", "escape")                    # back; Esc clears the search
        await pilot.pause()
        assert "Kế hoạch tổ chức hội nghị" in shown(app)


async def test_filters_year_status_and_overdue(office, make_app, shown):
    import datetime as dt
    clerk = office["clerk"]
    register(clerk, "Văn bản cũ năm trước", arrived=dt.datetime(2025, 12, 1, 8, 0))
    late = register(clerk, "Văn bản đã quá hạn", deadline=dt.date(2026, 3, 1))
    register(clerk, "Văn bản còn hạn", deadline=dt.date(2026, 3, 30))
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        assert "Quá hạn" in shown(app)                           # the overdue one, in the list
        await pilot.press("q")                                   # overdue only
        await pilot.pause()
        text = shown(app)
        assert "Văn bản đã quá hạn" in text and "Văn bản còn hạn" not in text
        assert "Đang lọc: Quá hạn" in text
        await pilot.press("q", "f5")                             # the filter dialog
        await pilot.pause()
        await pilot.press(*"2025", "ctrl+s")
        await pilot.pause()
        text = shown(app)
        assert "Văn bản cũ năm trước" in text and "Văn bản còn hạn" not in text
        assert "Năm 2025" in text
        await pilot.press("f5", "f5")                            # F5 in the dialog: clear all
        await pilot.pause()
        assert "Văn bản còn hạn" in shown(app) and "Văn bản cũ năm trước" in shown(app)
    assert late.status == "pending"


async def test_the_signer_follows_the_handler_chosen_again_and_a_wrong_deadline_is_said(
        office, directory, make_app, shown):
    import datetime as dt
    clerk = office["clerk"]
    register(clerk, "Báo cáo sơ kết quý I", doc_date=dt.date(2026, 3, 2))
    app = make_app(user=clerk, clock=lambda: dt.datetime(2026, 3, 5, 10, 0))
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        await pilot.press("enter", "f5")
        await pilot.pause()
        await pilot.press(*"pham van", "enter")
        await pilot.pause()
        await pilot.press("enter")                               # Phạm Văn Đức from the list
        await pilot.pause()
        assert field(app.screen, "received_by").value == "Phạm Văn Đức"
        field(app.screen, "handler").focus()
        await pilot.press("ctrl+u", *"thu ha", "enter")
        await pilot.pause()
        await pilot.press("enter")                               # Nguyễn Thị Thu Hà instead
        await pilot.pause()
        assert field(app.screen, "received_by").value == "Nguyễn Thị Thu Hà"   # not Đức still
        field(app.screen, "deadline").focus()
        await pilot.press(*"01/01/2020", "ctrl+s")
        await pilot.pause()
        assert field(app.screen, "deadline").error.startswith("Hạn xử lý 01/01/2020 trước ngày")
    assert documents.Incoming.get().deadline is None


async def test_transfer_and_status_steps(office, directory, make_app, shown):
    import datetime as dt
    clerk = office["clerk"]
    register(clerk, "Báo cáo sơ kết quý I")
    app = make_app(user=clerk, clock=lambda: dt.datetime(2026, 3, 5, 10, 0))
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IncomingDetail)
        assert "Chờ xử lý" in shown(app)
        await pilot.press("f5")                                  # Chuyển xử lý
        await pilot.pause()
        await pilot.press(*"pham van", "enter")
        await pilot.pause()
        await pilot.press("enter")                               # Phạm Văn Đức from the list
        await pilot.pause()
        assert field(app.screen, "received_by").value == "Phạm Văn Đức"   # a person signs himself
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = shown(app)
        assert "Đang xử lý" in text and "ký nhận: Phạm Văn Đức" in text
        await pilot.press("f6")                                  # next step: Đã xử lý
        await pilot.pause()
        assert "‹ Đã xử lý ›" in shown(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("t")                                   # the twin: Lưu hồ sơ
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = shown(app)
        steps = text[text.index("Các bước xử lý"):]
        order = [steps.index(s) for s in ("Chờ xử lý", "Đang xử lý", "Đã xử lý", "Lưu hồ sơ")]
        assert order == sorted(order)
        await pilot.press("f6")                                  # going back needs a note
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Chuyển trạng thái lùi lại cần ghi lý do." in shown(app)
    d = documents.Incoming.get()
    assert d.status == "filed" and d.received_by == "Phạm Văn Đức"
    assert [s.status for s in documents.status_history(d)] == ["pending", "in_progress", "done", "filed"]


async def test_a_correction_needs_its_reason_and_lands_in_the_audit_log(office, make_app, shown):
    clerk = office["clerk"]
    d = register(clerk, "Báo cáo kết qủa thu đảng phí")         # a typo to correct
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, IncomingForm)
        summary = field(app.screen, "summary")
        summary.value = "Báo cáo kết quả thu đảng phí"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IncomingForm)              # never silent: a reason first
        assert field(app.screen, "reason").error == "Chưa nhập lý do sửa."
        await pilot.press(*"sửa lỗi chính tả", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IncomingDetail)
        assert "Báo cáo kết quả thu đảng phí" in shown(app)
    entry = next(e for e in audit.recent(office["admin"], limit=20)
                 if e.action == "update" and e.table_name == "incoming" and e.record_id == str(d.id))
    new = json.loads(entry.new)
    assert new["summary"] == "Báo cáo kết quả thu đảng phí"
    assert new["_reason"] == "sửa lỗi chính tả"
    assert json.loads(entry.old)["summary"] == "Báo cáo kết qủa thu đảng phí"


async def test_cancel_needs_a_reason_and_the_number_stays(office, make_app, shown):
    clerk = office["clerk"]
    register(clerk, "Giấy mời trùng")
    register(clerk, "Văn bản thứ hai")
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        await pilot.press("down", "enter")                       # number 1 (newest first)
        await pilot.pause()
        assert "Văn bản đến số 1/2026" in shown(app)
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Chưa nhập lý do." in shown(app)
        await pilot.press(*"vào sổ trùng với số 2", "ctrl+s")
        await pilot.pause()
        text = shown(app)
        assert "Đã hủy: vào sổ trùng với số 2" in text
        await pilot.press("escape")
        await pilot.pause()
        rows = shown(app).splitlines()[2:4]
        assert rows[1].split()[0] == "1" and "Đã hủy" in rows[1]  # still in the register
    assert documents.Incoming.get(documents.Incoming.arrival_no == 1).status == "cancelled"
    assert documents.next_arrival_number(2026) == 3


async def test_a_scan_gets_its_missing_details(office, make_app, shown):
    doc = documents.register_incoming(users.SYSTEM, status="needs_details", source="scan")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        assert "Cần bổ sung" in shown(app) and "(chưa có trích yếu)" in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Bản quét cần bổ sung" in shown(app)
        assert "F6 Trạng thái" not in shown(app)                 # no steps before the details
        await pilot.press("s")                                   # S: the twin of F7
        await pilot.pause()
        assert isinstance(app.screen, IncomingForm)
        field(app.screen, "sender").value = "Tỉnh ủy"              # half typed: not saved
        field(app.screen, "summary").value = "Chỉ thị về công tác bảo vệ bí mật nhà nước"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Chưa chọn trong danh bạ" in shown(app)
        await type_as_typed(pilot, app, "sender", "Tỉnh ủy Tuyên Quang")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IncomingDetail)
        assert "Chờ xử lý" in shown(app)
    d = documents.get_incoming(doc.id)
    assert d.status == "pending" and d.sender == "Tỉnh ủy Tuyên Quang"


async def test_attached_file_is_shown_when_there_is_no_display(office, make_app, shown, tmp_path,
                                                               monkeypatch, home):
    from models.filestore import FileStore
    from test_tui_services import pdf_bytes
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    clerk = office["clerk"]
    d = register(clerk, "Công văn có tệp")
    p = tmp_path / "cv-125.pdf"
    p.write_bytes(pdf_bytes("attached"))
    documents.attach_file(clerk, FileStore(home.files), d, p)
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert "cv-125.pdf — 1 trang" in shown(app)
        await pilot.press("m")
        await pilot.pause()
        text = shown(app)
        assert "Tệp cv-125.pdf" in text and "Số trang: 1" in text
        assert str(home.files)[:40] in text.replace("\n", "")


async def test_attached_file_opens_in_the_system_viewer_when_there_is_a_display(
        office, make_app, tmp_path, monkeypatch, home):
    from models.filestore import FileStore
    from test_tui_services import pdf_bytes
    from tui.screens.parts import fileview
    opened = []
    monkeypatch.setattr(fileview, "system_viewer", lambda: ["xdg-open"])
    monkeypatch.setattr(fileview.subprocess, "Popen", lambda argv, **kw: opened.append(argv))
    clerk = office["clerk"]
    d = register(clerk, "Công văn có tệp")
    p = tmp_path / "cv-126.pdf"
    p.write_bytes(pdf_bytes("viewer"))
    documents.attach_file(clerk, FileStore(home.files), d, p)
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        await pilot.press("enter", "m")
        await pilot.pause()
        assert isinstance(app.screen, IncomingDetail)
    assert len(opened) == 1 and opened[0][0] == "xdg-open" and opened[0][1].endswith(".pdf")


async def test_a_viewer_may_look_but_not_change(office, make_app, shown):
    register(office["clerk"], "Thông báo kết luận")
    app = make_app(user=office["viewer"])
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press(*"thử", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "không có quyền" in shown(app)
    assert documents.Incoming.get().status == "pending"
    assert contacts.Contact.select().count() == 0



async def _mark_a_dropped_scan_secret(pilot, app, shown):
    await open_incoming_list(pilot, app)
    await pilot.press("enter")
    await pilot.pause()
    assert "scan045.pdf — 1 trang" in shown(app)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, IncomingForm)
    field(app.screen, "summary").value = "Kế hoạch bảo vệ bí mật nhà nước năm 2026"
    field(app.screen, "secrecy").query_one(".field-input").focus()
    await pilot.press("right")                                   # Thường → Mật
    await pilot.pause()
    assert field(app.screen, "secrecy").value == "Mật"
    await pilot.press("ctrl+s")


def _drop_a_scan(home, tmp_path):
    from intake.service import IntakeService
    from test_tui_services import pdf_bytes
    inbox = tmp_path / "scans"
    (inbox / "Tỉnh ủy").mkdir(parents=True)
    (inbox / "Tỉnh ủy" / "scan045.pdf").write_bytes(pdf_bytes("ke hoach bao ve"))
    assert IntakeService(home, inbox, quiet=0.3).run_once()["registered"] == 1
    assert len([p for p in home.files.rglob("*") if p.is_file()]) == 1


async def test_a_dropped_scan_marked_secret_in_its_form_loses_its_file(office, make_app, shown,
                                                                        home, tmp_path):
    """The clerk named to the secret book completes a scan's details and marks it Mật: the record
    and its steps stay,
    its only stored file leaves the computer, and she is told."""
    from test_tui_services import toasts
    _drop_a_scan(home, tmp_path)
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _mark_a_dropped_scan_secret(pilot, app, shown)
        assert await wait_until(pilot, lambda: isinstance(app.screen, IncomingDetail)
                                and "[Mật]" in shown(app)), shown(app)
        text = shown(app)
        assert "Chờ xử lý" in text and "scan045.pdf — đã xóa" in text
        assert "Các bước xử lý" in text and "  Cần bổ sung  " in text    # its history stays
        assert await wait_until(pilot, lambda: "1 tệp đính kèm đã được xóa khỏi máy"
                                in toasts(shown(app)))
    assert not any(p.is_file() for p in home.files.rglob("*"))
    [doc] = documents.Incoming.select().where(documents.Incoming.source == "scan")
    assert doc.secrecy == "Mật" and doc.summary.startswith("Kế hoạch")
    assert [s.status for s in documents.status_history(doc)] == ["needs_details", "pending"]

async def test_the_handler_picker_finds_people_by_position(office, directory, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_incoming_list(pilot, app)
        await pilot.press("f7")
        await pilot.pause()
        field(app.screen, "handler").focus()
        await pilot.pause()
        await pilot.press(*"pho bi thu")
        await pilot.pause()
        assert "Nguyễn Thị Thu Hà" in shown(app)                  # the matches under the field
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        assert "Nguyễn Thị Thu Hà — Phó Bí thư" in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert field(app.screen, "handler").contact_id == directory["Nguyễn Thị Thu Hà"].id
