"""A meeting with its minutes taken, for the meetings tests."""
from __future__ import annotations

import datetime as dt

from models import meetings as M

MEMBERS = [("Phạm Văn Đức", "Bí thư"), ("Lê Văn Hùng", "Phó Bí thư"), ("Trần Thị Mai", "Ủy viên"),
           ("Nguyễn Văn An", "Ủy viên"), ("Hoàng Thị Lan", "Ủy viên")]


def planned(actor, on=dt.date(2026, 3, 5), kind="btv", **kw) -> M.Meeting:
    return M.plan_meeting(actor, kind, on, title=kw.pop("title", "Sơ kết công tác quý I năm 2026"),
                          start_time="08:00", place="Hội trường Đảng ủy xã Tân Lập",
                          chair="Phạm Văn Đức", chair_position="Bí thư Đảng ủy",
                          recorder="Trần Thị Mai", recorder_position="Văn phòng Đảng ủy",
                          agenda=["Báo cáo kết quả quý I", "Kế hoạch quý II"], members=MEMBERS,
                          guests=[("Đỗ Minh Tâm", "Chuyên viên Ban Tổ chức Tỉnh ủy")], **kw)


def taken(actor, on=dt.date(2026, 3, 5), **kw) -> M.Meeting:
    """Planned, opened, attendance taken, speeches, conclusions and a vote; not yet closed."""
    m = planned(actor, on, **kw)
    M.open_meeting(actor, m, dt.datetime.combine(on, dt.time(8, 5)))
    v = M.meeting_view(actor, m)
    for a in v.members[:3]:
        M.mark_attendance(actor, a, "present")
    M.mark_attendance(actor, v.members[3], "absent_excused", "Đi công tác tại Tỉnh ủy")
    M.mark_attendance(actor, v.members[4], "absent_unexcused")
    M.mark_attendance(actor, v.guests[0], "present")
    items = v.agenda
    M.add_speech(actor, m, "Phạm Văn Đức", "Quán triệt nhiệm vụ trọng tâm quý I; đề nghị các đồng chí "
                 "nêu rõ khó khăn, vướng mắc.", item=items[0])
    M.add_speech(actor, m, "Lê Văn Hùng", "Thống nhất với báo cáo; đề nghị bổ sung chỉ tiêu phát triển "
                 "đảng viên mới.", item=items[0])
    M.set_conclusion(actor, items[0], "Thông qua báo cáo kết quả quý I, có bổ sung ý kiến.")
    M.set_conclusion(actor, items[1], "Giao Văn phòng hoàn thiện kế hoạch quý II, trình ngày 15/3.")
    M.record_vote(actor, m, "Thông qua báo cáo kết quả quý I", 3, 0, 0, item=items[0])
    return M.get_meeting(m)
