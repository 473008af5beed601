"""The front desk at 80×24, by keyboard: a returning visitor entered with the type-ahead, a new
one, forwarding and closing a case, the ID number hidden from a leader, the reception days'
warning, an ad-hoc request."""
from __future__ import annotations

import datetime as dt

from models import contacts, reception as R, tasks as T
from tui.screens.reception import (ReceptionDaysScreen, ReceptionDetail, ReceptionForm,
                                   ReceptionScreen)
from tui.screens.tasks import TaskForm, TasksScreen
from tui.widgets.dialogs import MessageDialog
from tui.widgets.picker import PickerDialog

from screen_size import SIZE, TODAY
from registers_fixtures import field, wait_until


def earlier_visit(clerk, **kw):
    kw.setdefault("name", "Nguyễn Văn Bình")
    kw.setdefault("address", "Thôn Đồng Tâm, xã Tân Lập")
    kw.setdefault("content", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất")
    return R.receive(clerk, visited_at=dt.datetime(2026, 1, 12, 8, 30), **kw)


async def open_book(pilot, app):
    """The book is open and its first page has come (an empty book has no row to wait for)."""
    app.open_area("reception")
    assert await wait_until(pilot, lambda: isinstance(app.screen, ReceptionScreen)
                            and app.screen.is_mounted and bool(app.screen.query("#register-table"))
                            and app.screen.table.fetches > 0)


async def test_returning_visitor_by_keyboard(office, make_app, shown):
    clerk = office["clerk"]
    earlier_visit(clerk, category="member", id_number="001203004567")
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await open_book(pilot, app)
        await wait_until(pilot, lambda: "Nguyễn Văn Bình" in shown(app))
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(app.screen, ReceptionForm))
        form = app.screen
        await wait_until(pilot, lambda: "Số sẽ cấp: 2/2026" in shown(app))
        await wait_until(pilot, lambda: field(form, "name").input.has_focus)   # date, time: now
        await pilot.press(*"nguyen van b")
        await wait_until(pilot, lambda: "Đã đến: Nguyễn Văn Bình" in shown(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog) and "1 lần" in shown(app))
        assert "Nguyễn Văn Bình, Thôn Đồng Tâm, xã Tân Lập · Đảng viên · 1 lần" in shown(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is form and field(form, "content").input.has_focus)
        assert field(form, "name").value == "Nguyễn Văn Bình"
        assert field(form, "address").value == "Thôn Đồng Tâm, xã Tân Lập"
        assert field(form, "category").value == "member"
        assert field(form, "id_number").value == "001203004567"
        await pilot.press(*"Hỏi tiến độ cấp giấy chứng nhận", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog) and "Đã ghi" in shown(app))
        assert "Đã ghi vào sổ tiếp khách số 2/2026: Nguyễn Văn Bình." in shown(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReceptionScreen))
        await wait_until(pilot, lambda: "Hỏi tiến độ cấp giấy" in shown(app))
        assert shown(app).splitlines()[2].split()[0] == "2/2026"
    r = R.Reception.get(R.Reception.number == 2)
    assert (r.name, r.category, r.id_number, r.state, r.received_by) == (
        "Nguyễn Văn Bình", "member", "001203004567", "open", "Trần Thị Mai")
    assert r.visited_at.date() == TODAY


async def test_a_new_visitor_goes_field_to_field(office, make_app, shown):
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_book(pilot, app)
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(app.screen, ReceptionForm))
        form = app.screen
        await wait_until(pilot, lambda: field(form, "name").input.has_focus)
        await pilot.press(*"Hà Thị Oanh")
        await wait_until(pilot, lambda: "Người mới (chưa đến lần nào)" in shown(app))
        await pilot.press("enter")                                     # no list: on to the address
        await wait_until(pilot, lambda: field(form, "address").input.has_focus)
        await pilot.press(*"Thôn Làng Mới", "enter", "enter", "enter", "2", "enter")
        await pilot.press(*"Phản ánh ô nhiễm", "enter", "enter")
        await pilot.press("right", "right", "enter")                   # action: forward
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: field(form, "forward_to").error != "")
        assert await wait_until(pilot, lambda: "Chuyển cho ai?" in shown(app))   # said at the field
    assert R.Reception.select().count() == 0


async def test_forward_then_close_from_the_detail(office, make_app, shown):
    clerk = office["clerk"]
    contacts.add_contact(office["admin"], "Công an xã Tân Lập", "body", abbr="CA xã", group="government")
    r = earlier_visit(clerk)
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await open_book(pilot, app)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceptionDetail)
                                and "Mới tiếp" in shown(app) and "Lượt tiếp 1/2026" in shown(app))
        await pilot.press("f5")
        assert await wait_until(pilot, lambda: "Chuyển vụ việc số 1/2026" in shown(app))
        await pilot.press(*"ca xa", "enter")
        assert await wait_until(pilot, lambda: field(app.screen, "forward_to").value
                                == "Công an xã Tân Lập")      # taken from the directory
        await pilot.press(*"Xác minh việc lấn chiếm", "enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceptionDetail)
                                and "Chờ trả lời" in shown(app)
                                and "Chuyển → Công an xã Tân Lập" in shown(app))
        await pilot.press("k")
        assert await wait_until(pilot, lambda: "Kết thúc vụ việc số 1/2026" in shown(app))
        await pilot.press("enter", *"Công an xã đã xử lý, người dân đồng ý", "enter", "enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceptionDetail)
                                and "Đã kết thúc" in shown(app) and "Chuyển đi" in shown(app))
        text = shown(app)
        assert "Kết quả: Đã giải quyết: Công an xã đã xử lý" in text and "05/03/2026)" in text
        assert "Chuyển đi" in text and "Trần Thị Mai — Xác minh việc lấn chiếm" in text
        # closed: the hint no longer offers F5 (chuyển) and K (kết thúc), which do nothing now
        assert "F6 trạng thái · F7 sửa" in text and "F5 chuyển" not in text and "K kết thúc" not in text
    r = R.get(r.id)
    assert (r.state, r.forward_to, r.result_code, r.closed_on) == (
        "closed", "Công an xã Tân Lập", "resolved", TODAY)
    assert [s.action for s in R.steps(r)] == ["receive", "forward", "close"]


async def test_leader_sees_the_case_not_the_id_number(office, make_app, shown):
    earlier_visit(office["clerk"], id_number="001203004567")
    app = make_app(user=office["leader"])
    async with app.run_test(size=SIZE) as pilot:
        await open_book(pilot, app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReceptionDetail) and "Số CCCD" in shown(app))
        text = shown(app)
        assert "Nguyễn Văn Bình" in text and "001203004567" not in text
        assert "(ẩn — tài khoản này không xem số CCCD)" in text
        assert "F5 Chuyển" not in text and "K Kết thúc" not in text     # no editing keys


async def test_reception_days_say_the_month_is_short(office, make_app, shown):
    R.schedule_day(office["clerk"], dt.date(2026, 3, 3), host="Phạm Văn Đức", state="held")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("reception_days")
        await wait_until(pilot, lambda: isinstance(app.screen, ReceptionDaysScreen))
        await wait_until(pilot, lambda: "03/03/2026" in shown(app))
        assert "Tháng 3/2026: đã tiếp 1, còn lịch 0; cần ít nhất 2 ngày. Cần xếp thêm 1 ngày!" in shown(app)
        await pilot.press("f7")
        await pilot.press("ctrl+u", *"26/03/2026", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReceptionDaysScreen)
                         and "26/03/2026" in shown(app))
        await wait_until(pilot, lambda: "đã tiếp 1, còn lịch 1" in shown(app))
        assert "Cần xếp thêm" not in shown(app)


async def test_ad_hoc_request_by_keyboard_and_overdue(office, make_app, shown):
    T.add_task(office["clerk"], asked_by="Phạm Văn Đức", what="Báo cáo nhanh gửi Tỉnh ủy",
               asked_on=dt.date(2026, 3, 1), deadline=dt.date(2026, 3, 3))
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("tasks")
        await wait_until(pilot, lambda: isinstance(app.screen, TasksScreen))
        await wait_until(pilot, lambda: "Báo cáo nhanh" in shown(app))
        assert "Quá hạn" in shown(app).splitlines()[2]
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm))
        await pilot.press(*"Nguyễn Thị Thu Hà", "enter", *"Chuẩn bị phòng họp", "enter",
                          *"Văn phòng", "enter", "enter", *"06/03/2026", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TasksScreen)
                         and "Chuẩn bị phòng" in shown(app))
    t = T.Task.get(T.Task.what == "Chuẩn bị phòng họp")
    assert (t.asked_by, t.assignee, t.asked_on, t.deadline, t.status) == (
        "Nguyễn Thị Thu Hà", "Văn phòng", TODAY, dt.date(2026, 3, 6), "open")


async def test_anonymise_a_person_from_the_detail(office, make_app, shown):
    from models import audit
    clerk = office["clerk"]
    earlier_visit(clerk, id_number="001203004567")
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await open_book(pilot, app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReceptionDetail) and "Mới tiếp" in shown(app))
        await pilot.press("a")
        await wait_until(pilot, lambda: "Ẩn danh: Nguyễn Văn Bình" in shown(app))
        await pilot.press(*"Theo đơn đề nghị ngày 01/03/2026", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReceptionDetail)
                         and "Người được tiếp (đã ẩn) (đã ẩn danh)" in shown(app))
        assert "Nguyễn Văn Bình" not in shown(app) and "Ẩn danh" in shown(app)
    log = " ".join((e.old or "") + (e.new or "") for e in audit.AuditEntry.select())
    assert "Nguyễn Văn Bình" not in log and "001203004567" not in log
    assert "Theo đơn đề nghị ngày 01/03/2026" in log


async def test_report_of_the_month_from_the_book(office, make_app, shown, home):
    from models import office as office_mod
    from registers_fixtures import message_painted
    earlier_visit(office["clerk"])
    office_mod.set_setting(office["admin"], "print.command", "lenh-in-khong-co")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_book(pilot, app)
        await pilot.press("f6")
        await wait_until(pilot, lambda: "Kỳ báo cáo" in shown(app))
        await pilot.press("ctrl+u", *"2026-01", "ctrl+s")
        assert await wait_until(pilot, lambda: message_painted(app), 30)
        assert "Đã lưu báo cáo tháng 1 năm 2026 (1 lượt tiếp)" in shown(app)
    assert (home.printouts / "bao-cao-tiep-dan_2026-01.pdf").exists()


async def test_link_a_request_to_the_incoming_document_it_came_from(office, make_app, shown):
    from registers_fixtures import register
    doc = register(office["clerk"], "Công văn về kiểm tra cơ sở chăn nuôi")
    t = T.add_task(office["clerk"], asked_by="Phạm Văn Đức", what="Kiểm tra cơ sở chăn nuôi",
                   asked_on=dt.date(2026, 3, 5))
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("tasks")
        await wait_until(pilot, lambda: isinstance(app.screen, TasksScreen)
                         and "Kiểm tra cơ sở" in shown(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm)
                         and "Trạng thái: Chưa làm" in shown(app))
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog) and "chăn nuôi" in shown(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm)
                         and "văn bản đến 1/2026" in shown(app))
    assert T.get_task(t.id).incoming_id == doc.id


async def test_export_the_book_from_the_list(office, make_app, shown, home):
    import csv
    from registers_fixtures import message_painted
    earlier_visit(office["clerk"], id_number="001203004567")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_book(pilot, app)
        await pilot.press("x")
        await wait_until(pilot, lambda: "Xuất sổ tiếp khách" in shown(app))
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: message_painted(app), 30)
        assert "Đã xuất 1 dòng" in shown(app)
    rows = list(csv.reader((home.path / "exports" / "so-tiep-khach-2026.csv").open(encoding="utf-8-sig")))
    assert rows[1][:5] == ["1/2026", "12/01/2026 08:30", "Nguyễn Văn Bình", "Thôn Đồng Tâm, xã Tân Lập",
                           "001203004567"]


async def test_the_form_is_at_the_name_as_soon_as_it_is_mounted(office, make_app, shown):
    """A key typed right after F7 must land in the name: the focus is there when the form is
    mounted, not one refresh later (the date field got the first letter in a terminal)."""
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_book(pilot, app)
        form = ReceptionForm()
        await app.push_screen(form)
        assert app.focused is field(form, "name").input
        await pilot.press(*"dang")
        assert field(form, "name").value == "dang" and field(form, "visited_on").value == "05/03/2026"
