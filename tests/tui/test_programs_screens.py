"""The staff side by keyboard at 80×24: plan next week's schedule (a morning and an afternoon)
and print it; the day's items on Hôm nay; draft a công văn, issue it (the next CV number, in the
outgoing register with its PDF); a secret level refused in the form; the reports and the
statistics screens."""
from __future__ import annotations

import datetime as dt
import sys

from models import documents as D, drafts as DR, office as office_mod, programs as P, reports as R
from tui.widgets.dialogs import ConfirmDialog, MessageDialog

from screen_size import SIZE, TODAY
from registers_fixtures import wait_until


def fake_printer(office, tmp_path):
    log = tmp_path / "printed.txt"
    script = tmp_path / "fake_lp.py"
    script.write_text(f"import sys\nopen({str(log)!r}, 'a').write(sys.argv[-1] + '\\n')\n")
    office_mod.set_setting(office["admin"], "print.command", f"{sys.executable} {script}")
    return log


async def test_plan_next_week_by_keyboard_and_print_it(office, make_app, shown, home, tmp_path):
    from tui.screens.programs import ScheduleDialog, ScheduleScreen
    log = fake_printer(office, tmp_path)
    clerk = office["clerk"]
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("schedule")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ScheduleScreen)
                                and "Lịch công tác tuần 10/2026" in shown(app))
        await pilot.press("right_square_bracket")                 # next week: 09/03 – 15/03
        assert await wait_until(pilot, lambda: "tuần 11/2026 (09/03/2026 – 15/03/2026)" in shown(app))
        text = shown(app)
        for day in ("T2 09/03", "T3 10/03", "T6 13/03", "CN 15/03"):
            assert day in text
        assert text.count("Sáng") >= 7 and text.count("Chiều") >= 7   # every half-day of the week

        await pilot.press("n")                                    # Monday morning (first row)
        assert await wait_until(pilot, lambda: isinstance(app.screen, ScheduleDialog))
        assert "Thêm lịch Thứ Hai 09/03/2026, buổi sáng" in shown(app)
        await pilot.press("enter", "enter", *"07:30", "enter", *"Giao ban Thường trực Đảng ủy", "enter",
                          *"Đ/c Phạm Văn Đức", "enter", *"Thường trực Đảng ủy", "enter",
                          *"Phòng họp Đảng ủy", "enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ScheduleScreen)
                                and "Giao ban Thường trực Đảng ủy" in shown(app))
        await pilot.press("down", "down", "down")                 # Tuesday afternoon
        await pilot.press("enter")                                # an empty half-day: a new entry
        assert await wait_until(pilot, lambda: isinstance(app.screen, ScheduleDialog))
        assert "Thứ Ba 10/03/2026, buổi chiều" in shown(app)
        await pilot.press("enter", "enter", *"14:00", "enter", *"Tiếp công dân định kỳ", "enter",
                          *"Đ/c Nguyễn Thị Thu Hà", "ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ScheduleScreen)
                                and "Tiếp công dân định kỳ" in shown(app))
        entries = P.week_entries(dt.date(2026, 3, 9))
        assert [(e.on_date, e.half, e.time, e.content, e.lead, e.place) for e in entries] == [
            (dt.date(2026, 3, 9), "am", "07:30", "Giao ban Thường trực Đảng ủy", "Đ/c Phạm Văn Đức",
             "Phòng họp Đảng ủy"),
            (dt.date(2026, 3, 10), "pm", "14:00", "Tiếp công dân định kỳ", "Đ/c Nguyễn Thị Thu Hà", "")]
        lines = shown(app).splitlines()
        mon = next(i for i, line in enumerate(lines) if "T2 09/03" in line)
        assert "Sáng" in lines[mon] and "07:30 Giao ban Thường trực Đảng ủy" in lines[mon]
        assert all(len(line.rstrip()) <= 80 for line in lines)

        await pilot.press("i")                                    # print
        assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog)
                                and "Đã gửi lịch công tác tuần 11/2026 tới máy in" in shown(app))
    pdf = home.printouts / "lich-cong-tac_2026-W11.pdf"
    assert log.read_text().strip() == str(pdf)
    from tests.pdfread import pages, squash
    text = squash(" ".join(pages(pdf.read_bytes())))
    assert "LỊCH CÔNG TÁC" in text and "Giao ban Thường trực Đảng ủy" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text


async def test_back_to_this_week_the_schedule_stands_on_today(office, make_app, shown):
    """T (this week) from another week opens at today's half-day, as the screen does when it
    opens and as [ and ] do for their week, not at the row the other week had."""
    from tui.screens.programs import ScheduleDialog, ScheduleScreen
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("schedule")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ScheduleScreen)
                                and "tuần 10/2026" in shown(app))
        await pilot.press("right_square_bracket")
        assert await wait_until(pilot, lambda: "tuần 11/2026" in shown(app))
        await pilot.press("down", "down", "down", "t")        # Tuesday afternoon, then this week
        assert await wait_until(pilot, lambda: "tuần 10/2026" in shown(app))
        await pilot.press("n")                                  # a new entry where it stands
        assert await wait_until(pilot, lambda: isinstance(app.screen, ScheduleDialog)
                                and "Thêm lịch" in shown(app))
        assert "Thêm lịch Thứ Năm 05/03/2026, buổi sáng" in shown(app)


async def test_todays_schedule_is_on_hom_nay(office, make_app, shown):
    P.add_schedule_entry(office["clerk"], TODAY, "am", "Họp Ban Thường vụ", time="08:00", place="Phòng họp")
    app = make_app(user=office["viewer"])
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_until(pilot, lambda: "08:00 Họp Ban Thường vụ" in shown(app))
        assert "Lịch công tác hôm nay (thứ năm)" in shown(app)


async def test_draft_a_cong_van_issue_it_and_find_it_in_the_register(office, make_app, shown, home):
    from tui.screens.drafts import DraftEditor, DraftsScreen
    clerk = office["clerk"]
    D.reserve_number(clerk, "CV", doc_date=TODAY, summary="V/v trước")
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("drafts")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await pilot.press("n")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DraftEditor))
        assert "CV — Công văn" in shown(app) and "F9/^G ban hành" in shown(app)
        await pilot.press("tab", *"đôn đốc nộp báo cáo quý I", "tab", *"Các chi bộ trực thuộc; Lưu Văn phòng",
                          "tab", *"Phạm Văn Đức", "tab", *"Bí thư", "tab", "right", "tab", *"Đảng ủy",
                          "tab", "tab", *"Đề nghị các chi bộ nộp báo cáo.")
        assert await wait_until(pilot, lambda: DR.drafts()[0].body == "Đề nghị các chi bộ nộp báo cáo.")
        d = DR.drafts()[0]
        assert (d.summary, d.signer, d.authority, d.authority_of) == (
            "đôn đốc nộp báo cáo quý I", "Phạm Văn Đức", "T/M", "Đảng ủy")
        assert d.recipient_list() == ["Các chi bộ trực thuộc", "Lưu Văn phòng"]
        await pilot.press("f6")                                   # the layout, from the body too
        assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog)
                                and "DỰ THẢO" in shown(app))
        assert DR.get_draft(d).body == "Đề nghị các chi bộ nộp báo cáo."      # F6 kept the text
        await pilot.press("enter")
        await pilot.press("f9")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: DR.get_draft(d).status == "issued")
        assert await wait_until(pilot, lambda: "02-CV/ĐU" in shown(app))
        o = DR.get_draft(d).outgoing
        assert o.symbol == "02-CV/ĐU" and o.summary == "V/v đôn đốc nộp báo cáo quý I"
        assert [a.original_name for a in D.attachments(o)] == ["02-CV-ĐU.pdf"]
        app.open_area("outgoing")
        assert await wait_until(pilot, lambda: "02-CV/ĐU" in shown(app) and "V/v đôn đốc" in shown(app))


async def test_a_secret_level_is_refused_in_the_form(office, make_app, shown):
    from tui.screens.drafts import DraftEditor
    d = DR.new_draft(office["clerk"], "CV", summary="V/v nhân sự")
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(DraftEditor(d.id))
        assert await wait_until(pilot, lambda: isinstance(app.screen, DraftEditor) and app.screen.ready)
        for _ in range(7):
            await pilot.press("tab")
        await pilot.press("right")                                 # Thường → Mật
        assert await wait_until(pilot, lambda: "không được soạn thảo, lưu giữ trên máy tính nối mạng"
                                in shown(app))
        assert DR.get_draft(d).secrecy == "Thường"


async def test_reports_and_statistics_screens(office, make_app, shown):
    from tui.screens.programs import ReportsScreen, StatisticsScreen
    R.generate_year(office["clerk"], 2026)
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("reports")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReportsScreen)
                                and "Báo cáo phải nộp năm 2026" in shown(app))
        text = shown(app)
        assert "26/03/2026  Sắp đến hạn" in text or "26/03/2026  Chưa nộp" in text
        assert "23/02/2026  Quá hạn" in text and "Báo cáo tháng 02/2026" in text
        app.open_area("statistics")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StatisticsScreen)
                                and "Từ 01/03/2026 đến 31/03/2026" in shown(app))
        await pilot.press("y")
        assert await wait_until(pilot, lambda: "Từ 01/01/2026 đến 31/12/2026" in shown(app))
        assert "Tổng số văn bản đến" in shown(app) and "Hội nghị đã tổ chức" in shown(app)


async def test_carry_unfinished_items_to_next_month_by_key(office, make_app, shown):
    from tui.screens.programs import ProgramScreen, ProgramsScreen
    a = office["admin"]
    year = P.program_for(a, "year", TODAY, "Chương trình công tác năm 2026")
    P.add_item(a, year, "Hội nghị Ban Chấp hành quý I", deadline=dt.date(2026, 3, 31), lead="Ban Chấp hành")
    march = P.program_for(a, "month", TODAY)
    done = P.add_item(a, march, "Sinh hoạt chi bộ tháng 3")
    P.set_status(a, done, "done")
    P.add_item(a, march, "Kiểm tra chi bộ thôn Nà Hu", lead="Ủy ban Kiểm tra")
    app = make_app(user=a)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("programs")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ProgramsScreen)
                                and "Tháng 03/2026" in shown(app))
        text = shown(app)
        assert text.index("Năm 2026") < text.index("Tháng 03/2026")          # the larger period first
        await pilot.press("down", "enter")                                    # the month's program
        assert await wait_until(pilot, lambda: isinstance(app.screen, ProgramScreen)
                                and "Kiểm tra chi bộ thôn Nà Hu" in shown(app))
        await pilot.press("g")                                                # take the year's item
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog)
                                and "Lấy 1 việc" in shown(app))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "Hội nghị Ban Chấp hành quý I" in shown(app))
        await pilot.press("c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog)
                                and "Chuyển 2 việc chưa xong sang tháng 04/2026?" in shown(app))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "[→]" in shown(app))
        april = P.find_program("month", dt.date(2026, 4, 1))
        moved = P.items(april)
        assert sorted(i.content for i in moved) == ["Hội nghị Ban Chấp hành quý I",
                                                    "Kiểm tra chi bộ thôn Nà Hu"]
        assert all(P.get_item(i.carried_from_id).program_id == march.id for i in moved)
        assert "[x]" in shown(app)                                            # the done one stays
