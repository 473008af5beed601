"""Meetings and minutes: the plan, attendance, speeches in order, conclusions, votes checked
against attendance, BB numbers shared with the outgoing register and counted per term, the lock
after signing with linked amendments, autosaved drafts, filing into a dossier."""
from __future__ import annotations

import datetime as dt

import pytest

from models import audit, documents as D, dossiers, meetings as M, search
from models.errors import PermissionDenied, ValidationError
from tests.models.meetings_helpers import planned, taken


def test_plan_holds_what_the_minutes_need(office):
    clerk = office["clerk"]
    doc = D.reserve_number(clerk, "BC", doc_date=dt.date(2026, 3, 1), summary="Báo cáo quý I")
    m = planned(clerk, documents=[doc, "Dự thảo kế hoạch quý II"])
    v = M.meeting_view(office["viewer"], m)
    assert [i.title for i in v.agenda] == ["Báo cáo kết quả quý I", "Kế hoạch quý II"]
    assert [a.name for a in v.members][:2] == ["Phạm Văn Đức", "Lê Văn Hùng"]
    assert [a.name for a in v.guests] == ["Đỗ Minh Tâm"]
    assert v.documents[0].outgoing_id == doc.id and v.documents[0].label.startswith("01-BC/ĐU")
    assert v.documents[1].label == "Dự thảo kế hoạch quý II"
    assert m.start_time == "08:00" and m.status == "planned"
    inc = D.register_incoming(clerk, arrived_at=dt.datetime(2026, 3, 2, 9), sender="Văn phòng Tỉnh ủy",
                              doc_number="20-CV/VPTU", doc_type="Công văn", summary="V/v lịch họp")
    M.add_document(clerk, m, f"{inc.arrival_no}/2026")
    M.add_document(clerk, m, "01-bc/đu")
    docs = M.meeting_view(clerk, m).documents
    assert docs[2].incoming_id == inc.id and docs[3].outgoing_id == doc.id
    assert audit.entries_for("meeting", m.id)
    assert [h.ref for h in search.query("so ket quy i", kinds=["meeting"])] == [m.id]
    from models import registers
    found = [f for f in registers.search_all(office["viewer"], "sơ kết") if f.kind == "meeting"]
    assert [(f.ref, f.date, f.summary) for f in found] == [
        (m.id, "05/03/2026", "Hội nghị Ban Thường vụ Đảng ủy — Sơ kết công tác quý I năm 2026")]


def test_permissions(office):
    with pytest.raises(PermissionDenied):
        planned(office["viewer"])
    m = planned(office["clerk"])
    M.meeting_view(office["viewer"], m)          # every role may read
    with pytest.raises(PermissionDenied):
        M.mark_attendance(office["leader"], M.meeting_view(office["leader"], m).members[0], "present")


def test_attendance_absent_with_reason_needs_the_reason(office):
    m = planned(office["clerk"])
    a = M.meeting_view(office["clerk"], m).members[0]
    with pytest.raises(ValidationError, match="lý do"):
        M.mark_attendance(office["clerk"], a, "absent_excused", "")
    M.mark_attendance(office["clerk"], a, "absent_excused", "  Ốm  ")
    assert M.Attendee.get_by_id(a.id).reason == "Ốm"


def test_speeches_keep_their_order_and_text_is_nfc(office):
    clerk = office["clerk"]
    m = planned(clerk)
    import unicodedata
    for i, who in enumerate(["Phạm Văn Đức", "Lê Văn Hùng", "Phạm Văn Đức"]):
        M.add_speech(clerk, m, unicodedata.normalize("NFD", who), f"Ý kiến thứ {i + 1}")
    v = M.meeting_view(clerk, m)
    assert [(s.position, s.speaker, s.text) for s in v.speeches] == [
        (1, "Phạm Văn Đức", "Ý kiến thứ 1"), (2, "Lê Văn Hùng", "Ý kiến thứ 2"),
        (3, "Phạm Văn Đức", "Ý kiến thứ 3")]
    assert M.speaker_names(m, "hung") == ["Lê Văn Hùng"]
    assert M.speaker_names(m, "ph") == ["Phạm Văn Đức"]
    assert M.speaker_names(m, "van hu") == ["Lê Văn Hùng"] and M.speaker_names(m, "an") == ["Nguyễn Văn An"]


def test_vote_counts_are_checked_against_the_members_present(office):
    clerk = office["clerk"]
    m = planned(clerk)
    with pytest.raises(ValidationError, match="điểm danh"):
        M.record_vote(clerk, m, "Thông qua", 3, 0, 0)
    v = M.meeting_view(clerk, m)
    for a in v.members[:4]:
        M.mark_attendance(clerk, a, "present")
    M.mark_attendance(clerk, v.guests[0], "present")          # guests do not vote
    with pytest.raises(ValidationError, match=r"tổng 5\) phải bằng số đồng chí có mặt \(4\)"):
        M.record_vote(clerk, m, "Thông qua", 4, 1, 0)
    with pytest.raises(ValidationError, match="tổng 3"):
        M.record_vote(clerk, m, "Thông qua", 2, 1, 0)
    with pytest.raises(ValidationError, match="số nguyên"):
        M.record_vote(clerk, m, "Thông qua", "bốn", 0, 0)
    vote = M.record_vote(clerk, m, "Thông qua nghị quyết quý II", "3", "0", "1")
    assert (vote.yes, vote.no, vote.abstain) == (3, 0, 1)


def test_close_numbers_minutes_in_the_bb_series_shared_with_the_register(office):
    clerk = office["clerk"]
    first = D.reserve_number(clerk, "BB", summary="Biên bản bàn giao tài sản")   # 01-BB/ĐU by hand
    m1 = M.close_meeting(clerk, taken(clerk), dt.datetime(2026, 3, 5, 10, 30))
    assert m1.number == "02-BB/ĐU" and m1.status == "closed"
    entry = D.Outgoing.get_by_id(m1.minutes_id)
    assert entry.type_code == "BB" and entry.symbol == "02-BB/ĐU"
    assert "Hội nghị Ban Thường vụ" in entry.summary
    assert D.next_symbol("BB") == "03-BB/ĐU"          # the register's next BB is after the minutes
    m2 = M.close_meeting(clerk, taken(clerk, dt.date(2026, 4, 2)), dt.datetime(2026, 4, 2, 11, 0))
    assert m2.number == "03-BB/ĐU"
    assert D.next_symbol("BC") == "01-BC/ĐU"          # other series untouched
    assert M.find_by_number("3").id == m2.id and M.find_by_number("02-bb/đu").id == m1.id
    assert first.symbol == "01-BB/ĐU"


def test_bb_numbers_restart_with_a_new_term_not_a_new_year(office):
    clerk, admin = office["clerk"], office["admin"]
    a = M.close_meeting(clerk, taken(clerk, dt.date(2025, 12, 20)), dt.datetime(2025, 12, 20, 11))
    b = M.close_meeting(clerk, taken(clerk, dt.date(2026, 1, 8)), dt.datetime(2026, 1, 8, 11))
    assert (a.number, b.number) == ("01-BB/ĐU", "02-BB/ĐU")          # a new year goes on
    from models import terms
    terms.open_term(admin, dt.date(2026, 6, 1), "2026–2031")         # after the congress
    c = M.close_meeting(clerk, taken(clerk, dt.date(2026, 9, 1)), dt.datetime(2026, 9, 1, 11))
    assert c.number == "01-BB/ĐU"                                     # a new term starts again
    assert D.Outgoing.get_by_id(c.minutes_id).term_start == dt.date(2026, 6, 1)


def test_close_refuses_incomplete_minutes_and_says_what_is_missing(office):
    clerk = office["clerk"]
    m = planned(clerk)
    with pytest.raises(ValidationError, match="chưa khai mạc"):
        M.close_meeting(clerk, m)
    with pytest.raises(ValidationError, match="sửa ngày họp"):
        M.open_meeting(clerk, m, dt.datetime(2026, 3, 4, 8))         # not the day it was planned for
    M.open_meeting(clerk, m, dt.datetime(2026, 3, 5, 8))
    with pytest.raises(ValidationError) as e:
        M.close_meeting(clerk, m, dt.datetime(2026, 3, 5, 10))
    msg = str(e.value)
    assert "điểm danh (Phạm Văn Đức" in msg and "kết luận của chủ trì ở nội dung 1, 2" in msg
    assert M.get_meeting(m).number == "" and D.next_symbol("BB") == "01-BB/ĐU"  # no number taken
    with pytest.raises(ValidationError, match="trước giờ khai mạc"):
        M.close_meeting(clerk, taken(clerk), dt.datetime(2026, 3, 5, 7))


def test_minutes_contents_complete(office):
    clerk = office["clerk"]
    m = M.close_meeting(clerk, taken(clerk), dt.datetime(2026, 3, 5, 10, 30))
    assert M.missing_contents(m) == []
    v = M.meeting_view(clerk, m)
    assert m.opened_at == dt.datetime(2026, 3, 5, 8, 5) and m.closed_at == dt.datetime(2026, 3, 5, 10, 30)
    assert [a.name for a in v.present] == ["Phạm Văn Đức", "Lê Văn Hùng", "Trần Thị Mai"]
    assert [(a.name, a.attendance, a.reason) for a in v.absent] == [
        ("Nguyễn Văn An", "absent_excused", "Đi công tác tại Tỉnh ủy"),
        ("Hoàng Thị Lan", "absent_unexcused", "")]
    assert [v.conclusion(i) for i in v.agenda][0].startswith("Thông qua báo cáo")
    assert len(v.speeches) == 2 and len(v.votes) == 1


def test_signed_minutes_are_locked_and_changes_are_linked_amendments(office):
    clerk, leader = office["clerk"], office["leader"]
    m = M.close_meeting(clerk, taken(clerk), dt.datetime(2026, 3, 5, 10, 30))
    with pytest.raises(PermissionDenied):
        M.sign_minutes(clerk, m)
    with pytest.raises(ValidationError, match="chưa ký"):
        M.add_amendment(clerk, m, "phu_luc", "Bổ sung")            # not signed yet: edit instead
    M.sign_minutes(leader, m, dt.date(2026, 3, 6))
    m = M.get_meeting(m)
    assert m.locked and m.signed_on == dt.date(2026, 3, 6)
    v = M.meeting_view(clerk, m)
    for change in (lambda: M.add_speech(clerk, m, "Lê Văn Hùng", "thêm"),
                   lambda: M.set_speech(clerk, v.speeches[0], text="sửa"),
                   lambda: M.set_conclusion(clerk, v.agenda[0], "sửa"),
                   lambda: M.record_vote(clerk, m, "Khác", 3),
                   lambda: M.mark_attendance(clerk, v.members[4], "present"),
                   lambda: M.update_meeting(clerk, m, place="Nơi khác"),
                   lambda: M.autosave(clerk, m, f"speech:{v.speeches[0].id}", "gõ"),
                   lambda: M.add_agenda_item(clerk, m, "Thêm")):
        with pytest.raises(ValidationError, match="đã ký, không sửa được"):
            change()
    a = M.add_amendment(clerk, m, "dinh_chinh", "Đính chính: đồng chí Hùng đề nghị 5 đảng viên mới.")
    assert M.meeting_view(clerk, m).amendments == [a] and a.meeting_id == m.id
    assert M.Speech.get_by_id(v.speeches[0].id).text == v.speeches[0].text
    entry = D.Outgoing.get_by_id(m.minutes_id)
    assert entry.signed_on == dt.date(2026, 3, 6) and entry.signer == "Phạm Văn Đức"


def test_signed_minutes_file_into_a_dossier(office):
    clerk, leader = office["clerk"], office["leader"]
    m = M.close_meeting(clerk, taken(clerk), dt.datetime(2026, 3, 5, 10, 30))
    box = dossiers.create_dossier(clerk, "2026-01", "Biên bản hội nghị Ban Thường vụ năm 2026", 2026)
    with pytest.raises(ValidationError, match="đã ký"):
        M.file_minutes(clerk, m, box)
    M.sign_minutes(leader, m)
    M.file_minutes(clerk, m, box)
    assert [d.symbol for d in dossiers.documents_in(box)] == ["01-BB/ĐU"]


def test_autosave_drafts_show_over_saved_text_and_settle_on_close(office):
    clerk = office["clerk"]
    m = taken(clerk)
    v = M.meeting_view(clerk, m)
    s = v.speeches[0]
    M.autosave(clerk, m, f"speech:{s.id}", "Quán triệt", seq=1)
    M.autosave(clerk, m, f"speech:{s.id}", "Quán triệt nhiệm vụ", seq=3)
    M.autosave(clerk, m, f"speech:{s.id}", "Quán", seq=2)                  # late, older: ignored
    assert M.meeting_view(clerk, m).speech_text(s) == "Quán triệt nhiệm vụ"
    assert M.Speech.get_by_id(s.id).text != "Quán triệt nhiệm vụ"          # not yet settled
    with pytest.raises(ValidationError, match="Không có ô"):
        M.autosave(clerk, m, "speech:999999", "x")
    M.close_meeting(clerk, m, dt.datetime(2026, 3, 5, 10, 30))
    assert M.Speech.get_by_id(s.id).text == "Quán triệt nhiệm vụ" and M.drafts(m) == {}
    assert any(e.table_name == "meeting_speech" for e in audit.recent(office["admin"], limit=50))


def test_upcoming_panel_shows_this_weeks_meetings(office):
    from models import dashboard
    clerk = office["clerk"]
    planned(clerk, dt.date(2026, 3, 5))
    planned(clerk, dt.date(2026, 3, 20), kind="chibo", title="Sinh hoạt chi bộ tháng 3")
    p = next(p for p in dashboard.panels(office["viewer"], dt.date(2026, 3, 2))
             if p.title == "Hội nghị trong tuần")
    assert p.count == 1 and p.area == "meetings"
    assert p.lines[0].startswith("05/03/2026 08:00 — Hội nghị Ban Thường vụ Đảng ủy")


def test_list_source_pages_by_keyset_and_hands_keys(office):
    clerk = office["clerk"]
    for i in range(7):
        planned(clerk, dt.date(2026, 1, 5) + dt.timedelta(days=7 * i), title=f"Phiên {i + 1}")
    src = M.MeetingSource(office["viewer"])
    page = src.fetch(None, 4)
    more = src.fetch(page[-1][0], 4)
    assert [c[3] for _, c in page + more] == [f"Phiên {i}" for i in range(7, 0, -1)]
    assert page[0][1][2] == "btv" and page[0][1][6] == "planned"
    assert [c[3] for _, c in M.MeetingSource(office["viewer"], "phien 3").fetch(None, 10)] == ["Phiên 3"]
