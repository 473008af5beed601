"""The minutes printed in the Party format and read back: heading, BB number, every required
content (chair, recorder, attendance with absentees and reasons, agenda, speeches in order,
conclusions, votes, closing time, signatures), page numbers, the amendments after signing."""
from __future__ import annotations

import datetime as dt

from models import meetings as M, office as office_mod
from printouts.minutes import minutes
from tests.models.meetings_helpers import taken
from tests.pdfread import MM, pages, pieces, squash


def signed(office, speeches: int = 0):
    clerk = office["clerk"]
    m = taken(clerk)
    item = M.meeting_view(clerk, m).agenda[1]
    for i in range(speeches):
        M.add_speech(clerk, m, "Lê Văn Hùng", f"Ý kiến số {i + 1} về phát triển đảng viên mới. " * 12,
                     item=item)
    m = M.close_meeting(clerk, m, dt.datetime(2026, 3, 5, 10, 30))
    M.sign_minutes(office["leader"], m, dt.date(2026, 3, 5))
    return M.get_meeting(m)


def test_minutes_hold_every_required_content(office):
    m = signed(office)
    data = minutes(M.meeting_view(office["viewer"], m), office_mod.get_office())
    text = squash(" ".join(pages(data)))
    for s in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY XÃ TÂN LẬP", "Số 01-BB/ĐU",
              "Xã Tân Lập, ngày 05 tháng 3 năm 2026", "BIÊN BẢN",
              "Hội nghị Ban Thường vụ Đảng ủy — Sơ kết công tác quý I năm 2026",
              "Vào hồi 08 giờ 05 phút, ngày 05/03/2026, tại Hội trường Đảng ủy xã Tân Lập",
              "Chủ trì: đồng chí Phạm Văn Đức, Bí thư Đảng ủy",
              "Thư ký: đồng chí Trần Thị Mai, Văn phòng Đảng ủy",
              "Tổng số: 5 đồng chí; có mặt: 3 đồng chí; vắng mặt: 2 đồng chí",
              "Vắng có lý do: đồng chí Nguyễn Văn An (Đi công tác tại Tỉnh ủy)",
              "Vắng không có lý do: đồng chí Hoàng Thị Lan",
              "Khách mời: đồng chí Đỗ Minh Tâm, Chuyên viên Ban Tổ chức Tỉnh ủy",
              "1. Báo cáo kết quả quý I", "2. Kế hoạch quý II",
              "Kết luận của đồng chí chủ trì: Thông qua báo cáo kết quả quý I",
              "3/3 đồng chí tán thành (100,0%); 0 không tán thành; 0 không biểu quyết",
              "Hội nghị kết thúc vào hồi 10 giờ 30 phút cùng ngày",
              "THƯ KÝ", "CHỦ TRÌ HỘI NGHỊ"):
        assert s in text, s
    first = text.index("Đồng chí Phạm Văn Đức phát biểu")
    assert first < text.index("Đồng chí Lê Văn Hùng phát biểu") < text.index("Kết luận của đồng chí chủ trì")


def test_long_minutes_flow_with_page_numbers_and_layout(office):
    m = signed(office, speeches=60)
    data = minutes(M.meeting_view(office["viewer"], m), office_mod.get_office())
    text = pages(data)
    assert len(text) >= 5
    ps = pieces(data)
    h = 842
    heading = next(p for p in ps if p.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert heading.page == 1 and heading.x > 595 / 2 - 20
    assert not [p for p in ps if p.page == 1 and p.y > h - 25 * MM]       # nothing above page 1's text
    for n in range(2, len(text) + 1):
        assert [p for p in ps if p.page == n and p.text == str(n) and p.y > h - 25 * MM], n
    body = [p for p in ps if p.page == 3 and not p.text.isdigit()]
    assert min(p.x for p in body) >= 35 * MM - 0.6
    assert "Ý kiến số 60" in squash(" ".join(text))
    last = squash(text[-1])
    assert "Trần Thị Mai" in last and "Phạm Văn Đức" in last


def test_amendments_print_after_the_signed_minutes(office):
    m = signed(office)
    M.add_amendment(office["clerk"], m, "dinh_chinh", "Đồng chí Hùng đề nghị kết nạp 5 đảng viên mới.")
    text = pages(minutes(M.meeting_view(office["viewer"], m), office_mod.get_office()))
    last = squash(text[-1])
    assert "ĐÍNH CHÍNH BIÊN BẢN SỐ 01-BB/ĐU" in last and "kết nạp 5 đảng viên mới" in last
    assert "ĐÍNH CHÍNH" not in squash(" ".join(text[:-1]))


def test_draft_minutes_print_without_crashing(office):
    """A meeting still being typed prints what is there, gaps shown with dots."""
    from tests.models.meetings_helpers import planned
    m = planned(office["clerk"])
    text = squash(" ".join(pages(minutes(M.meeting_view(office["viewer"], m), office_mod.get_office()))))
    assert "Vào hồi …………" in text and "BIÊN BẢN" in text
