"""The directory (added to on the spot from a form, and in its own screen), dossiers (overdue
for handover, filing a document), the seal log and its handovers — at 80×24, keys only."""
from __future__ import annotations

import datetime as _dt

from models import contacts, documents, dossiers, seal
from tui.screens.directory import DirectoryScreen
from tui.screens.dossiers import DossierDetail, DossierScreen
from tui.screens.incoming import IncomingForm
from tui.screens.outgoing import OutgoingDetail
from tui.screens.seal import SealScreen
from tui.widgets.contact_field import ContactDialog
from tui.widgets.picker import PickerDialog

from screen_size import SIZE
from registers_fixtures import directory, field, register  # noqa: F401
from signing import sign


async def test_a_sender_missing_from_the_directory_is_added_on_the_spot(office, directory,
                                                                        make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "f7", "enter", "enter")
        await pilot.pause()
        await pilot.press(*"Trường Chính trị tỉnh Tuyên Quang")
        await pilot.pause()
        assert "Không có trong danh bạ" in shown(app)             # said while typing
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        assert "+ Thêm vào danh bạ: “Trường Chính trị tỉnh Tuyên Quang”" in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactDialog)
        assert field(app.screen, "name").value == "Trường Chính trị tỉnh Tuyên Quang"
        field(app.screen, "abbr").value = "TCT"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IncomingForm)
        sender = field(app.screen, "sender")
        c = contacts.Contact.get(contacts.Contact.name == "Trường Chính trị tỉnh Tuyên Quang")
        assert sender.value == "Trường Chính trị tỉnh Tuyên Quang" and sender.contact_id == c.id
        assert app.focused is field(app.screen, "doc_number").input       # and on to the next field
    assert contacts.find_contacts("truong chinh tri")[0].abbr == "TCT"


async def test_typeahead_ignores_accents_and_shows_matches(office, directory, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "f7")                            # the form opens at Nơi gửi
        await pilot.press(*"DONG TAM")
        await pilot.pause()
        assert "Danh bạ: Chi bộ thôn Đồng Tâm" in shown(app)
        await pilot.press("down")                                # ↓ opens the list
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert field(app.screen, "sender").value == "Chi bộ thôn Đồng Tâm"
        assert app.focused is field(app.screen, "doc_number").input      # on to the next field
        await pilot.press(*"125-CV/TU")
        assert field(app.screen, "doc_number").value == "125-CV/TU"
        assert field(app.screen, "sender").value == "Chi bộ thôn Đồng Tâm"


async def test_directory_screen_adds_corrects_and_retires(office, directory, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("directory")
        await pilot.pause()
        assert isinstance(app.screen, DirectoryScreen)
        text = shown(app)
        assert text.index("Phạm Văn Đức") < text.index("Nguyễn Thị Thu Hà")   # by given name
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Hội Nông dân xã Tân Lập", "ctrl+s")
        await pilot.pause()
        assert "Hội Nông dân xã Tân Lập" in shown(app)
        await pilot.press("slash", *"nong dan", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactDialog)
        field(app.screen, "phone").value = "0207 3866 020"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "0207 3866 020" in shown(app)
        await pilot.press("h", "enter")                            # retire it
        await pilot.pause()
        assert "Hội Nông dân" not in shown(app)
    c = contacts.Contact.get(contacts.Contact.name == "Hội Nông dân xã Tân Lập")
    assert (c.phone, c.active) == ("0207 3866 020", False)


async def test_dossiers_overdue_filter_and_filing_a_document(office, make_app, shown):
    admin, clerk = office["admin"], office["clerk"]
    dossiers.create_dossier(admin, "2024-01", "Hồ sơ kết nạp đảng viên năm 2024", 2024,
                            work_ended_on=_dt.date(2024, 12, 31))
    dossiers.create_dossier(admin, "2026-01", "Tập văn bản đến năm 2026", 2026)
    register(clerk, "Hướng dẫn lập hồ sơ")
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("dossiers")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        assert "Quá hạn nộp lưu" in shown(app)
        await pilot.press("q")                                    # overdue for handover only
        await pilot.pause()
        text = shown(app)
        assert "2024-01" in text and "2026-01" not in text
        await pilot.press("f3", "enter", "l")                     # from the document: file it
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        assert "2026-01 — Tập văn bản đến năm 2026 (2026)" in shown(app)
        await pilot.press(*"2026", "enter")
        await pilot.pause()
        text = shown(app)
        assert "Lưu hồ sơ" in text and "Hồ sơ: 2026-01" in text
        app.open_area("dossiers")
        await pilot.pause()
        await pilot.press("slash", *"van ban den", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DossierDetail)
        assert "Đến 1/2026" in shown(app) and "Hướng dẫn lập hồ sơ" in shown(app)
    assert documents.Incoming.get().status == "filed"


async def test_seal_log_a_stamping_chosen_from_the_list_and_a_handover(office, make_app, shown):
    clerk = office["clerk"]
    unsigned = documents.reserve_number(clerk, "TB", doc_date=_dt.date(2026, 3, 5),
                                        summary="Thông báo lịch họp")
    signed = documents.reserve_number(clerk, "BC", doc_date=_dt.date(2026, 3, 5), summary="Báo cáo tháng 2")
    sign(signed, "Phạm Văn Đức", signer_position="BÍ THƯ", authority="T/M",
                               signed_on=_dt.date(2026, 3, 5))
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("seal")
        await pilot.pause()
        assert isinstance(app.screen, SealScreen) and "Chưa có mục nào" in shown(app)
        await pilot.press("f7", *"thong bao", "enter")            # the unsigned one: refused
        await pilot.pause()
        assert "chưa có người ký" in shown(app)
        await pilot.press("enter", "n", *"bao cao", "enter")
        await pilot.pause()
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SealScreen)
        assert "01-BC/ĐU" in shown(app) and "Phạm Văn Đức" in shown(app)
        await pilot.press("enter")                                # the stamped document
        await pilot.pause()
        assert isinstance(app.screen, OutgoingDetail)
        await pilot.press("escape", "t", "f7")                    # handovers
        await pilot.pause()
        await pilot.press(*"Trần Thị Mai", "enter", *"Lý Thị Ngọc", "enter", "enter", "enter",
                          *"nghỉ phép", "enter")
        await pilot.pause()
        assert "Lý Thị Ngọc" in shown(app) and "Người giữ dấu: Lý Thị Ngọc" in shown(app)
    assert [u.outgoing_id for u in seal.SealUse.select()] == [signed.id]
    assert seal.current_keeper() == "Lý Thị Ngọc" and unsigned.status == "reserved"


async def test_a_namesake_is_confirmed_with_the_existing_entrys_position_and_unit(office, directory,
                                                                                   make_app, shown):
    from tui.widgets.dialogs import ConfirmDialog
    contacts.update_contact(office["admin"], directory["Phạm Văn Đức"].id,
                            organisation="Đảng ủy xã Tân Lập")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("directory")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Phạm Văn Đức")
        field(app.screen, "kind").value = "person"
        field(app.screen, "position").value = "Trưởng thôn Khuôn Khoai"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)             # asked, not refused
        text = shown(app)
        assert "Trùng họ tên" in text and "Bí thư Đảng ủy" in text and "Đảng ủy xã Tân Lập" in text
        await pilot.press("escape")                              # no: back to the form, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, ContactDialog)
        assert len(contacts.same_name_entries("person", "Phạm Văn Đức")) == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")                               # yes: another person, same name
        await pilot.pause()
        assert isinstance(app.screen, DirectoryScreen)
        assert "Trưởng thôn Khu…" in shown(app) and shown(app).count("Phạm Văn Đức") == 2
        # a name that differs by one accent is simply another person: no question
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Nguyễn Thị Thu Hạ")
        field(app.screen, "kind").value = "person"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DirectoryScreen)
    assert [c.position for c in contacts.same_name_entries("person", "Phạm Văn Đức")] == [
        "Bí thư Đảng ủy", "Trưởng thôn Khuôn Khoai"]
    assert contacts.Contact.get(contacts.Contact.name == "Nguyễn Thị Thu Hạ").kind == "person"
