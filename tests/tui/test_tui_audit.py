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
        assert "Họ và tên: Hoàng Thị Lan → Hoàng Thị Lan Anh" in shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)


async def test_filter_with_slash_and_clear_with_esc(office, make_app, type_text, shown):
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        table = await open_audit(pilot)
        everything = len(table.keys)
        await pilot.press("slash")
        await type_text(pilot, "cap uy")                          # "Cấp ủy", as the log names it
        await pilot.press("enter")
        await pilot.pause()
        assert len(table.keys) == 1                               # the office's creation
        assert "Đang lọc: “cap uy”" in shown(app)
        await pilot.press("escape")                               # first Esc: drop the filter
        await pilot.pause()
        assert len(table.keys) == everything
        assert isinstance(app.screen, AuditScreen)
        await pilot.press("escape")                               # then back
        await pilot.pause()
        assert not isinstance(app.screen, AuditScreen)


async def test_the_filter_understands_the_clerks_words(office, make_app, type_text, shown):
    """"/" then words as the log shows them, typed without accents: a table's Vietnamese name
    ("dang vien"), a record's ("nguyen van an"), an action's ("sua"); the internal names find
    nothing."""
    from models import members
    from registers_fixtures import wait_until
    t = office["treasurer"]
    m = members.add_member(t, "Nguyễn Văn An", "Chi bộ Thôn 1")
    members.update_member(t, m.id, phone="0912345678")
    about = [e.seq for e in reversed(audit.entries_for("party_member", m.id))]
    updates = [e.seq for e in AuditEntry.select().where(AuditEntry.action == "update")
               .order_by(AuditEntry.seq.desc())]
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        table = await open_audit(pilot)
        everything = len(table.keys)

        async def search(words: str) -> None:
            await pilot.press("slash")
            await type_text(pilot, words)
            await pilot.press("enter")
            assert await wait_until(pilot, lambda: f"“{words}”" in shown(app))

        await search("dang vien")
        assert await wait_until(pilot, lambda: table.keys == about)
        assert "Đảng viên Nguyễn Văn An" in shown(app)
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: len(table.keys) == everything)
        await search("nguyen van an")                 # a record's name: the changes to it
        assert await wait_until(pilot, lambda: table.keys == about)
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: len(table.keys) == everything)
        await search("SUA")                                        # "Sửa": case ignored too
        assert await wait_until(pilot, lambda: table.keys == updates)
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: len(table.keys) == everything)
        await search("member")                         # in "party_member", which nobody sees
        assert await wait_until(pilot, lambda: "Không có mục nào khớp “member”." in shown(app))
        assert table.keys == []


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


def open_entry_of(app, pilot, seq):
    table = app.screen.table
    table.move_cursor(row=table.keys.index(seq))


def entry_text(app) -> str:
    """The whole of the open entry (it scrolls past 24 lines: what scrolling shows)."""
    from textual.widgets import Static
    assert isinstance(app.screen, AuditEntryDialog)
    return str(app.screen.query_one(".dialog-text Static", Static).content)


async def test_entries_are_in_the_clerks_words(office, make_app, shown):
    import datetime as _dt
    import re
    from models import exports
    from registers_fixtures import register
    doc = register(office["clerk"], "Hướng dẫn thu Đảng phí",
                   arrived=_dt.datetime(2026, 3, 5, 8, 30))
    created = AuditEntry.select().where(AuditEntry.table_name == "incoming").get()
    exports.print_rows(office["admin"], "incoming", date_from=_dt.date(2026, 1, 1),
                       date_to=_dt.date(2026, 3, 5))
    printed = AuditEntry.select().order_by(AuditEntry.seq.desc()).first()
    office_made = AuditEntry.select().where(AuditEntry.table_name == "office").get()
    app = make_app(user=office["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await open_audit(pilot)
        text = shown(app)
        assert f"Văn bản đến {doc.arrival_no}/2026" in text         # not "incoming 1"
        assert "Sổ văn bản đến" in text and "In" in text
        # the creation of the document: labels, dates, yes/no — no internal names
        open_entry_of(app, pilot, created.seq)
        await pilot.press("enter")
        await pilot.pause()
        assert "Văn bản đến 1/2026" in shown(app)
        detail = entry_text(app)
        assert "Ngày giờ đến: 05/03/2026 08:30" in detail
        assert "Được ghi trích yếu: Không" in detail
        assert "Trạng thái: Chờ xử lý" in detail or "Trạng thái:" in detail
        for internal in ("arrived_at", "summary_consent", "False", "True", "2026-03-05"):
            assert internal not in detail, internal
        await pilot.press("escape")
        await pilot.pause()
        # a printed book: which book, how many lines, from and to
        open_entry_of(app, pilot, printed.seq)
        await pilot.press("enter")
        await pilot.pause()
        assert "Sổ văn bản đến" in shown(app)
        detail = entry_text(app)
        assert "Số dòng: 1" in detail and "Từ ngày: 01/01/2026" in detail
        assert not re.search(r"\b(rows|from|to):", detail)
        await pilot.press("escape")
        await pilot.pause()
        open_entry_of(app, pilot, office_made.seq)
        await pilot.press("enter")
        await pilot.pause()
        detail = entry_text(app)
        assert "Chữ viết tắt cấp ủy: ĐU" in detail and "body_abbr" not in detail
        assert "Ngày bắt đầu nhiệm kỳ: 16/08/2025" in detail
