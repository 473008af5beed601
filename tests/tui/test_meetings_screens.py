"""Taking the minutes of a meeting by keyboard at 80×24, as the recorder does: open the
meeting, take attendance, type speeches (speaker by type-ahead) and conclusions, record a
vote, close it (the minutes take their BB number), print them; signed minutes are read-only."""
from __future__ import annotations

import datetime as dt
import sys

from models import meetings as M, office as office_mod
from tui.screens.meetings import AttendanceScreen, MeetingDetail, VoteDialog
from tui.screens.minutes_editor import MinutesEditor
from tui.screens.parts.dialogs import ReasonDialog
from tui.widgets.dialogs import ConfirmDialog, MessageDialog

from screen_size import SIZE
from registers_fixtures import wait_until


def detail_body(app):
    """The text a detail screen shows (as last rendered into it, scrolled or not)."""
    from textual.widgets import Static
    return app.screen.query_one("#detail-body", Static)


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 3, 5, 8, 5)

    def __call__(self):
        return self.now


async def open_meeting_screen(app, pilot):
    from tui.screens.meetings import MeetingDetail
    app.open_area("meetings")
    await pilot.pause()
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, MeetingDetail))


async def test_taking_minutes_by_keyboard_then_printing(office, make_app, shown, home, tmp_path):
    from tests.models.meetings_helpers import planned
    clerk = office["clerk"]
    m = planned(clerk)
    log = tmp_path / "printed.txt"
    script = tmp_path / "fake_lp.py"
    script.write_text(f"import sys\nopen({str(log)!r}, 'a').write(sys.argv[-1] + '\\n')\n")
    office_mod.set_setting(office["admin"], "print.command", f"{sys.executable} {script}")
    clock = Clock()
    app = make_app(user=clerk, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting_screen(app, pilot)
        assert await wait_until(pilot, lambda: "chưa điểm danh" in shown(app))

        await pilot.press("k")                                    # khai mạc 08:05
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog)
                                and "08:05" in shown(app))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: M.get_meeting(m).status == "open")

        await pilot.press("d")                                    # điểm danh
        assert await wait_until(pilot, lambda: isinstance(app.screen, AttendanceScreen))
        await pilot.press("c", "c", "c", "v")                     # 3 present, the 4th excused:
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog))
        await pilot.press(*"Đi công tác", "enter")                 # the reason
        assert await wait_until(pilot, lambda: isinstance(app.screen, AttendanceScreen)
                                and "vắng có lý do: Đi công tác" in shown(app))
        await pilot.press("k", "c")                               # 5th absent, the guest present
        assert await wait_until(pilot, lambda: "vắng không lý do" in shown(app)
                                and len([a for a in M.meeting_view(clerk, m).guests
                                         if a.attendance == "present"]) == 1)
        text = shown(app)
        assert "[v] Nguyễn Văn An (Ủy viên) — vắng có lý do: Đi công tác" in text
        assert "[k] Hoàng Thị Lan (Ủy viên) — vắng không lý do" in text
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MeetingDetail))

        await pilot.press("g")                                    # the editor
        assert await wait_until(pilot, lambda: isinstance(app.screen, MinutesEditor))
        await pilot.press(*"duc")                                 # type-ahead, accents optional
        assert await wait_until(pilot, lambda: "→ Phạm Văn Đức" in shown(app))
        await pilot.press("enter", *"Quán triệt nhiệm vụ quý I; đề nghị phát biểu thẳng thắn?")
        await pilot.press("f5", *"hùng", "enter", *"Đồng ý, bổ sung chỉ tiêu đảng viên mới.")
        await pilot.press("ctrl+t", *"Thông qua báo cáo quý I.")              # conclusion, item 1
        await pilot.press("ctrl+r", "f6", *"Giao Văn phòng hoàn thiện kế hoạch.")  # item 2
        assert await wait_until(pilot, lambda: app.screen.saved_seq == app.screen.seq)
        assert await wait_until(pilot, lambda: "Kết luận của chủ trì — nội dung 2" in shown(app))
        await pilot.press("escape")                               # settled into the minutes
        assert await wait_until(pilot, lambda: isinstance(app.screen, MeetingDetail))
        v = M.meeting_view(clerk, m)
        assert [(s.speaker, s.text) for s in v.speeches] == [
            ("Phạm Văn Đức", "Quán triệt nhiệm vụ quý I; đề nghị phát biểu thẳng thắn?"),
            ("Lê Văn Hùng", "Đồng ý, bổ sung chỉ tiêu đảng viên mới.")]
        assert [i.conclusion for i in v.agenda] == ["Thông qua báo cáo quý I.",
                                                    "Giao Văn phòng hoàn thiện kế hoạch."]
        assert M.drafts(m) == {}

        await pilot.press("b")                                    # vote: 3 present by default
        assert await wait_until(pilot, lambda: isinstance(app.screen, VoteDialog))
        await pilot.press(*"Thông qua báo cáo quý I", "ctrl+s")
        assert await wait_until(pilot, lambda: len(M.meeting_view(clerk, m).votes) == 1)
        vote_line = "3 tán thành, 0 không tán thành, 0 không biểu quyết"
        assert await wait_until(pilot, lambda: isinstance(app.screen, MeetingDetail)   # dialog gone,
                                and vote_line in str(detail_body(app).content))        # minutes read again
        await pilot.press("end")                                  # the bottom of the minutes
        assert await wait_until(pilot, lambda: vote_line in " ".join(shown(app).split()))

        clock.now = dt.datetime(2026, 3, 5, 10, 40)
        await pilot.press("e", "enter")                           # bế mạc: takes 01-BB/ĐU
        assert await wait_until(pilot, lambda: M.get_meeting(m).number == "01-BB/ĐU")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MeetingDetail)   # read again
                                and "Số biên bản: 01-BB/ĐU" in str(detail_body(app).content))
        await pilot.press("home")
        assert await wait_until(pilot, lambda: "Số biên bản: 01-BB/ĐU" in shown(app)
                                and "Bế mạc: 10:40" in shown(app))

        await pilot.press("i")                                    # in biên bản
        assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog), 30)
        await pilot.pause()                                       # painted
        assert await wait_until(pilot, lambda: "Đã gửi" in shown(app))
        assert "Đã gửi biên bản 01-BB/ĐU tới máy in" in shown(app)
    pdf = home.printouts / "bien-ban_01-bb-du.pdf"
    assert log.read_text().split() == [str(pdf)]
    from tests.pdfread import pages, squash
    text = squash(" ".join(pages(pdf.read_bytes())))
    for s in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Số 01-BB/ĐU", "BIÊN BẢN",
              "Đồng chí Phạm Văn Đức phát biểu: Quán triệt nhiệm vụ quý I",
              "Vắng có lý do: đồng chí Nguyễn Văn An (Đi công tác)",
              "Hội nghị kết thúc vào hồi 10 giờ 40 phút cùng ngày"):
        assert s in text, s


async def test_editor_reopens_on_the_field_typed_last(office, make_app, shown):
    from tests.models.meetings_helpers import planned
    clerk = office["clerk"]
    m = planned(clerk)
    s = M.add_speech(clerk, m, "Lê Văn Hùng", "", item=M.meeting_view(clerk, m).agenda[0])
    M.add_speech(clerk, m, "Phạm Văn Đức", "Ý kiến sau")
    M.autosave(clerk, m, f"speech:{s.id}", "Đang nói dở về chỉ tiêu", seq=7)   # a killed session
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting_screen(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        text = shown(app)
        assert "Phát biểu 1: Lê Văn Hùng" in text and "Đang nói dở về chỉ tiêu" in text
        await pilot.press(*" năm 2026")                           # the cursor is at the end
        assert await wait_until(pilot, lambda: app.screen.saved_seq == app.screen.seq > 0)
        assert M.drafts(m)[f"speech:{s.id}"] == "Đang nói dở về chỉ tiêu năm 2026"


async def test_signed_minutes_open_read_only(office, make_app, shown):
    from tests.models.meetings_helpers import taken
    clerk = office["clerk"]
    m = M.close_meeting(clerk, taken(clerk), dt.datetime(2026, 3, 5, 10, 30))
    M.sign_minutes(office["leader"], m)
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting_screen(app, pilot)
        assert "Tình trạng: Đã ký" in shown(app)
        await pilot.press("g")
        await pilot.pause()
        before = M.meeting_view(clerk, m).speeches[-1].text
        await pilot.press(*"thêm chữ")
        await pilot.pause()
        assert M.drafts(m) == {} and M.meeting_view(clerk, m).speeches[-1].text == before
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("k")                                    # cannot reopen
        await pilot.press("enter")
        await pilot.pause()
        assert "đã ký, không sửa được" in shown(app)


async def test_plan_a_meeting_by_keyboard_then_correct_it(office, make_app, shown):
    from tui.screens.meetings import MeetingDetail
    clerk = office["clerk"]
    app = make_app(user=clerk)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("meetings")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("right", "enter")                       # Ban Chấp hành; on to the date
        await pilot.press("enter", "enter")                       # 05/03/2026, 08:00
        await pilot.press(*"Sơ kết quý I", "enter", *"Hội trường", "enter", *"Phạm Văn Đức", "enter",
                          *"Bí thư", "enter", "enter", *"Văn phòng", "enter",
                          *"Báo cáo quý I; Kế hoạch quý II", "enter",
                          *"Phạm Văn Đức (Bí thư); Lê Văn Hùng (Phó Bí thư)", "enter", "enter",
                          *"Dự thảo báo cáo quý I", "enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MeetingDetail))
        m = M.Meeting.get()
        assert (m.kind, m.title, m.chair, m.recorder) == ("bch", "Sơ kết quý I", "Phạm Văn Đức",
                                                          "Trần Thị Mai")
        v = M.meeting_view(clerk, m)
        assert [i.title for i in v.agenda] == ["Báo cáo quý I", "Kế hoạch quý II"]
        assert [(a.name, a.title) for a in v.members] == [("Phạm Văn Đức", "Bí thư"),
                                                          ("Lê Văn Hùng", "Phó Bí thư")]
        assert [d.label for d in v.documents] == ["Dự thảo báo cáo quý I"]

        await pilot.press("c")                                    # correct the plan
        await pilot.pause()
        await pilot.press("enter", *["backspace"] * 10, *"06/03/2026", "enter")
        for _ in range(8):
            await pilot.press("enter")
        await pilot.press(*"Hoàng Thị Lan (Ủy viên)", "enter", "enter", "enter")
        assert await wait_until(pilot, lambda: M.get_meeting(m).on_date == dt.date(2026, 3, 6))
        await pilot.pause()
        assert "Hoàng Thị Lan (Ủy viên) — chưa điểm danh" in shown(app)
