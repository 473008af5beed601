"""Nhật ký thay đổi: newest first, details on Enter, filter with '/', chain check."""
from __future__ import annotations

from models import audit, users
from models.audit import AuditEntry
from models.db import db
from tui.screens.audit import AuditEntryDialog, AuditScreen

from screen_size import SIZE


async def open_audit(pilot):
    await pilot.press("f8")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AuditScreen)
    return pilot.app.screen.table


async def test_log_lists_newest_first_in_vietnamese(office, make_app, shown):
    users.update_user(office["admin"], office["viewer"].id, full_name="Hoàng Thị Lan Anh")
    last = AuditEntry.select().order_by(AuditEntry.seq.desc()).first()
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        table = await open_audit(pilot)
        assert table.keys[0] == last.seq                          # newest on top
        assert table.keys == sorted(table.keys, reverse=True)
        text = shown(app)
        assert "Sửa" in text and "Tài khoản" in text and "Tạo" in text
        await pilot.press("enter")                                 # details of the newest
        await pilot.pause()
        assert isinstance(app.screen, AuditEntryDialog)
        assert "full_name: Hoàng Thị Lan → Hoàng Thị Lan Anh" in shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)


async def test_filter_with_slash_and_clear_with_esc(office, make_app, type_text, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        table = await open_audit(pilot)
        everything = len(table.keys)
        await pilot.press("slash")
        await type_text(pilot, "office")
        await pilot.press("enter")
        await pilot.pause()
        assert len(table.keys) == 1                               # the office's creation
        assert "Đang lọc: “office”" in shown(app)
        await pilot.press("escape")                               # first Esc: drop the filter
        await pilot.pause()
        assert len(table.keys) == everything
        assert isinstance(app.screen, AuditScreen)
        await pilot.press("escape")                               # then back
        await pilot.pause()
        assert not isinstance(app.screen, AuditScreen)


async def test_chain_check_says_intact_or_names_the_broken_entry(office, make_app, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_audit(pilot)
        await pilot.press("k")
        await pilot.pause()
        n = AuditEntry.select().count()
        assert f"Nhật ký thay đổi nguyên vẹn: {n} mục." in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        # someone edits the database behind the program's back
        db.execute_sql("DROP TRIGGER audit_entry_no_update")
        db.execute_sql("UPDATE audit_entry SET username = 'ke_gian' WHERE seq = 3")
        await pilot.press("f5")
        await pilot.pause()
        assert "Nhật ký thay đổi bị can thiệp: mục số 3 — nội dung đã bị sửa." in shown(app)
    assert not audit.verify().ok


async def test_clerk_has_no_audit_log(office, make_app):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert not isinstance(app.screen, AuditScreen)
