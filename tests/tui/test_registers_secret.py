"""Sổ văn bản mật: handled by the people an admin named (the clerk the committee assigned), read
by the leader, hidden from everyone else — another clerk, and the admin too until named;
metadata only — attaching a file is refused with the reason, before any file is asked for;
global search finds it only for those allowed."""
from __future__ import annotations

from models import documents, users
from tui.screens.incoming import IncomingDetail
from tui.screens.secret import SecretScreen
from tui.widgets.dialogs import ErrorDialog

from screen_size import SIZE
from registers_fixtures import register


async def test_the_secret_register_is_hidden_from_a_clerk_not_named_to_it(office, make_app, shown):
    register(office["clerk"], "Chỉ thị về bảo vệ bí mật nhà nước", secrecy="Mật")
    register(office["clerk"], "Công văn thường")
    other = users.create_user(office["admin"], "vanthu2", "Lý Thị Ngọc", "clerk", "matkhau-2026")
    app = make_app(user=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#dash-menu")
        labels = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert any("Văn bản đến" in x for x in labels)
        assert not any("Sổ văn bản mật" in x for x in labels)
        app.run_guarded(app.open_area, "secret")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "không có quyền xem sổ văn bản" in shown(app)
        await pilot.press("enter", "f3")
        await pilot.pause()
        text = shown(app)
        assert "Công văn thường" in text and "bảo vệ bí mật" not in text
        await pilot.press("ctrl+p", *"bi mat")                    # nor in the palette's hits
        await pilot.pause(0.5)
        assert "bảo vệ bí mật" not in shown(app)


async def test_the_named_clerk_sees_it_and_attaching_is_refused_with_the_reason(office, make_app,
                                                                                shown):
    register(office["clerk"], "Chỉ thị về bảo vệ bí mật nhà nước", secrecy="Mật")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_area("secret")
        await pilot.pause()
        assert isinstance(app.screen, SecretScreen)
        text = shown(app)
        assert "Sổ văn bản mật — đến" in text and "Chỉ thị về bảo vệ bí mật" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IncomingDetail)
        assert "[Mật]" in shown(app) and "chỉ ghi thông tin, không lưu tệp" in shown(app)
        await pilot.press("a")                                    # attach a file
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "không được đính kèm tệp" in shown(app)
        await pilot.press("enter", "escape", "t")                 # the outgoing part
        await pilot.pause()
        assert "Sổ văn bản mật — đi" in shown(app) and "Chưa có mục nào." in shown(app)
    assert documents.attachments(documents.Incoming.get()) == []


async def test_a_clerk_registers_a_secret_document_and_it_leaves_the_ordinary_list(office,
                                                                                  make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "f7")
        await pilot.pause()
        from registers_fixtures import field, type_as_typed
        await type_as_typed(pilot, app, "sender", "Tỉnh ủy Tuyên Quang")
        field(app.screen, "summary").value = "Kế hoạch bảo vệ bí mật"
        field(app.screen, "secrecy").value = "Tối mật"
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = shown(app)
        assert "Đã vào sổ văn bản đến số 1/2026." in text and "sổ văn bản mật" in text
        await pilot.press("enter")
        await pilot.pause()
        assert "Chưa có mục nào." in shown(app)
    d = documents.Incoming.get()
    assert d.secrecy == "Tối mật" and users.can(office["leader"], "secret.view")


async def test_search_finds_secret_documents_only_for_those_allowed(office, make_app, shown):
    """By their metadata (the sender), never by their text, which is not indexed."""
    register(office["clerk"], "Chỉ thị về bảo vệ bí mật nhà nước", secrecy="Mật", sender="Công an tỉnh")
    for role, found in (("leader", True), ("clerk", True), ("admin", False)):
        app = make_app(user=office[role])
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash")
            await pilot.pause()
            await pilot.press(*"bao ve bi mat", "enter")
            await pilot.pause()
            assert "Chỉ thị về bảo vệ bí mật" not in shown(app)
            await pilot.press("slash")
            await pilot.pause()
            app.screen.query_one("Input").value = ""
            await pilot.press(*"cong an tinh", "enter")
            await pilot.pause()
            # the hit names the number and the secrecy; its text is read by opening it
            assert ("Văn bản mật đến: Số đến 1/2026 (Mật)" in shown(app)) is found
            if found:
                await pilot.press("enter")
                await pilot.pause()
                assert isinstance(app.screen, IncomingDetail)
