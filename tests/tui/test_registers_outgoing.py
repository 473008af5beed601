"""Sổ văn bản đi at 80×24: reserving a number by type, the nine elements, signing with an
authority line, the seal refused while unsigned, issuing refused with what is missing, then
issued; an unused number cancelled with a reason."""
from __future__ import annotations

from models import documents, seal
from tui.screens.outgoing import OutgoingDetail, OutgoingForm, OutgoingScreen, ReserveDialog
from tui.widgets.dialogs import ConfirmDialog, ErrorDialog

from screen_size import SIZE
from registers_fixtures import directory, field  # noqa: F401


async def reserve_bc(pilot, app, shown):
    await pilot.press("f4")
    await pilot.pause()
    assert isinstance(app.screen, OutgoingScreen)
    await pilot.press("f7")
    await pilot.pause()
    assert isinstance(app.screen, ReserveDialog)
    assert "Số sẽ lấy: 01-CV/ĐU" in shown(app)                # công văn by default
    await pilot.press("b", "c")                                # the type, by its first letters
    await pilot.pause()
    assert "‹ BC — Báo cáo ›" in shown(app)
    assert "Số sẽ lấy: 01-BC/ĐU" in shown(app)
    await pilot.press("enter", "enter", "enter")               # congress: no; date: today
    await pilot.press(*"Báo cáo sơ kết công tác quý I năm 2026", "ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, OutgoingDetail)


async def test_reserve_then_issue_is_refused_with_what_is_missing(office, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await reserve_bc(pilot, app, shown)
        text = shown(app)
        assert "01-BC/ĐU" in text and "Đã lấy số" in text
        assert "Còn thiếu để phát hành" in text and "nơi nhận" in text
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        text = shown(app)
        assert "Chưa phát hành được 01-BC/ĐU: còn thiếu" in text
        assert "chữ ký" in text and "nơi nhận" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutgoingDetail)
    d = documents.Outgoing.get()
    assert (d.symbol, d.status, d.type_code) == ("01-BC/ĐU", "reserved", "BC")
    assert d.summary == "Báo cáo sơ kết công tác quý I năm 2026"


async def open_first_outgoing(pilot, app):
    await pilot.press("f4")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, OutgoingDetail)


async def test_seal_refused_while_unsigned_then_sign_stamp_fill_and_issue(office, directory,
                                                                          make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await reserve_bc(pilot, app, shown)
        await pilot.press("d")                                  # stamp it: not signed yet
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "chưa có người ký" in shown(app) and "không đóng dấu khống" in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f5")                                 # the clerk does not record signatures
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "quyền duyệt" in shown(app)
    app = make_app(user=office["leader"])                       # the leader records it
    async with app.run_test(size=SIZE) as pilot:
        await open_first_outgoing(pilot, app)
        await pilot.press("f5")                                 # Ký
        await pilot.pause()
        await pilot.press(*"duc", "enter")                      # Phạm Văn Đức, from the list
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert field(app.screen, "signer_position").value == "BÍ THƯ ĐẢNG ỦY"
        field(app.screen, "signer_position").value = "VĂN THƯ"  # a slip: refused at its field
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "không phải chức vụ ký văn bản" in field(app.screen, "signer_position").error
        field(app.screen, "signer_position").value = "BÍ THƯ"
        field(app.screen, "authority").focus()
        await pilot.press("right")                              # T/M
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OutgoingDetail)
        assert "T/M ĐẢNG ỦY · BÍ THƯ — Phạm Văn Đức" in shown(app)
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_first_outgoing(pilot, app)
        assert "T/M ĐẢNG ỦY · BÍ THƯ — Phạm Văn Đức" in shown(app)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"3", "ctrl+s")                      # 3 copies stamped
        await pilot.pause()
        assert "Đóng dấu: 05/03/2026 — 3 bản" in shown(app)
        await pilot.press("f7")                                 # the remaining elements
        await pilot.pause()
        assert isinstance(app.screen, OutgoingForm)
        field(app.screen, "content_on_paper").focus()
        await pilot.press("right", "enter")                     # the content is on paper
        await pilot.press(*"tinh uy tuyen", "enter")             # recipients from the directory
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Lưu Văn phòng Đảng ủy", "enter")   # not in the directory: as typed
        await pilot.pause()
        assert "+ Thêm vào danh bạ: “Lưu Văn phòng Đảng ủy”" in shown(app)
        await pilot.press("down", "enter")                      # the next line: as typed
        await pilot.pause()
        assert field(app.screen, "recipients").value == "Tỉnh ủy Tuyên Quang; Lưu Văn phòng Đảng ủy; "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OutgoingDetail)
        assert "Đủ 9 thành phần" in shown(app)
        await pilot.press("p", "enter")                         # P: the twin of F6
        await pilot.pause()
        assert "Đã phát hành" in shown(app)
    d = documents.Outgoing.get()
    assert d.status == "issued" and d.authority_lines() == ["T/M ĐẢNG ỦY", "BÍ THƯ"]
    assert [(r.name, r.contact_id) for r in sorted(d.recipient_rows, key=lambda r: r.position)] == [
        ("Tỉnh ủy Tuyên Quang", directory["Tỉnh ủy Tuyên Quang"].id), ("Lưu Văn phòng Đảng ủy", None)]
    assert [u.copies for u in seal.uses_for(d)] == [3]


async def test_an_unused_number_is_cancelled_with_a_reason(office, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await reserve_bc(pilot, app, shown)
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Chưa nhập lý do." in shown(app)
        await pilot.press(*"lấy nhầm loại văn bản", "ctrl+s")
        await pilot.pause()
        assert "Đã hủy số: lấy nhầm loại văn bản" in shown(app)
        await pilot.press("escape", "f7")                       # the next number is 02
        await pilot.pause()
        await pilot.press("b", "c")
        await pilot.pause()
        assert "Số sẽ lấy: 02-BC/ĐU" in shown(app)
    assert documents.Outgoing.get().status == "cancelled"


async def test_a_secret_outgoing_document_keeps_no_text_at_the_form(office, make_app, shown):
    """Marked Mật at the form: its text goes (the paper original has it); text typed into a
    secret document is refused under the content field, saying to keep it on paper."""
    d = documents.reserve_number(office["clerk"], "BC", summary="Báo cáo quý", content="Toàn văn báo cáo")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(OutgoingForm(d))
        await pilot.pause()
        field(app.screen, "secrecy").value = "Mật"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, OutgoingForm)
        d = documents.get_outgoing(d.id)
        assert (d.secrecy, d.content, d.content_on_paper) == ("Mật", "", True)
        app.push_screen(OutgoingForm(d))
        await pilot.pause()
        field(app.screen, "content").value = "Gõ lại toàn văn"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OutgoingForm)
        assert field(app.screen, "content").error == documents.SECRET_TEXT_REFUSED
        assert "bản giấy" in shown(app)
    assert documents.get_outgoing(d.id).content == ""
