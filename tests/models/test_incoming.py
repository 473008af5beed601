"""The incoming register (sổ đăng ký văn bản đến): numbering, status steps, transfer, late
registration, corrections, cancellation, attachments."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from models import audit, documents as D, office as office_mod
from models.errors import PermissionDenied, ValidationError
from models.filestore import FileStore

T = dt.datetime


def reg(actor, arrived, **kw):
    kw.setdefault("sender", "Huyện ủy Yên Sơn")
    kw.setdefault("summary", "V/v tổ chức hội nghị")
    return D.register_incoming(actor, arrived_at=arrived, registered_at=kw.pop("registered_at", arrived),
                               **kw)


def test_arrival_numbers_consecutive_and_restart_each_year(office):
    clerk = office["clerk"]
    nos = [reg(clerk, T(2025, 12, 30 + i, 9)).arrival_no for i in range(2)]
    assert nos == [1, 2]
    jan = reg(clerk, T(2026, 1, 2, 8))
    assert (jan.year, jan.arrival_no) == (2026, 1)
    assert reg(clerk, T(2026, 1, 2, 9)).arrival_no == 2
    # a late entry of last year takes last year's next number
    late = reg(clerk, T(2025, 12, 31, 16), registered_at=T(2026, 1, 2, 10))
    assert (late.year, late.arrival_no) == (2025, 3)


def test_arrival_numbers_continue_when_yearly_reset_is_off(office):
    office_mod.set_setting(office["admin"], "incoming.number_reset_yearly", False)
    reg(office["clerk"], T(2025, 12, 31, 9))
    assert reg(office["clerk"], T(2026, 1, 2, 9)).arrival_no == 2


def test_every_column_of_the_register_is_kept(office):
    clerk = office["clerk"]
    d = reg(clerk, T(2026, 3, 5, 8, 30), doc_number="15-CV/HU", doc_date="03/03/2026", doc_type="Công văn",
            urgency="Khẩn", secrecy="Thường", pages=3, copies=2, deadline="20/03/2026", notes="Kèm phụ lục")
    d = D.transfer(clerk, d, "Phạm Văn Đức", received_by="Phạm Văn Đức", transferred_at=T(2026, 3, 5, 14))
    assert (d.doc_date, d.pages, d.copies, d.urgency) == (dt.date(2026, 3, 3), 3, 2, "Khẩn")
    assert d.deadline == dt.date(2026, 3, 20)
    assert (d.handler, d.received_by, d.transferred_at) == ("Phạm Văn Đức", "Phạm Văn Đức", T(2026, 3, 5, 14))
    assert d.arrived_at == T(2026, 3, 5, 8, 30)


def test_bad_marks_and_numbers_refused(office):
    with pytest.raises(ValidationError) as e:
        reg(office["clerk"], T(2026, 3, 5), urgency="Gấp")
    assert e.value.field == "urgency"
    with pytest.raises(ValidationError):
        reg(office["clerk"], T(2026, 3, 5), pages="ba")
    with pytest.raises(ValidationError):
        reg(office["clerk"], T(2026, 3, 5), doc_date="31/02/2026")


def test_status_walks_forward_with_the_date_of_each_step(office):
    clerk = office["clerk"]
    d = reg(clerk, T(2026, 3, 2, 8))
    assert d.status == "pending"
    D.transfer(clerk, d, "Ủy ban Kiểm tra", received_by="Hoàng Văn Nam", transferred_at=T(2026, 3, 2, 10))
    D.set_status(clerk, d, "done", at=T(2026, 3, 9, 15))
    D.set_status(clerk, d, "filed", at=T(2026, 3, 10, 9))
    steps = [(s.status, s.at) for s in D.status_history(d)]
    assert steps == [("pending", T(2026, 3, 2, 8)), ("in_progress", T(2026, 3, 2, 10)),
                     ("done", T(2026, 3, 9, 15)), ("filed", T(2026, 3, 10, 9))]
    assert D.get_incoming(d.id).status_label == "Lưu hồ sơ"


def test_going_back_needs_a_reason(office):
    clerk = office["clerk"]
    d = reg(clerk, T(2026, 3, 2, 8))
    D.set_status(clerk, d, "done")
    with pytest.raises(ValidationError):
        D.set_status(clerk, d, "in_progress")
    D.set_status(clerk, d, "in_progress", note="Cấp trên yêu cầu bổ sung báo cáo")
    assert D.status_history(d)[-1].note == "Cấp trên yêu cầu bổ sung báo cáo"


def test_transfer_needs_handler_and_receipt_signature(office):
    d = reg(office["clerk"], T(2026, 3, 2, 8))
    with pytest.raises(ValidationError) as e:
        D.transfer(office["clerk"], d, "")
    assert e.value.field == "handler"
    with pytest.raises(ValidationError) as e:
        D.transfer(office["clerk"], d, "Văn phòng Đảng ủy")
    assert e.value.field == "received_by"


def test_a_deadline_before_the_documents_own_date_is_refused_at_its_field(office):
    """01/01/2020 typed for a document dated 28/11/2026 was taken (and shown Quá hạn at once);
    a deadline already past when a late document arrives is kept."""
    clerk = office["clerk"]
    d = reg(clerk, T(2026, 12, 2, 8), doc_date=dt.date(2026, 11, 28))
    with pytest.raises(ValidationError) as e:
        D.transfer(clerk, d, "Văn phòng Đảng ủy", received_by="Phạm Văn Đức",
                   deadline=dt.date(2020, 1, 1))
    assert e.value.field == "deadline"
    assert e.value.message == ("Hạn xử lý 01/01/2020 trước ngày của văn bản (28/11/2026): "
                               "kiểm tra lại hạn.")
    assert D.get_incoming(d.id).deadline is None and D.get_incoming(d.id).status == "pending"
    with pytest.raises(ValidationError):
        D.update_incoming(clerk, d, reason="sửa hạn", deadline=dt.date(2026, 11, 1))
    late = D.transfer(clerk, d, "Văn phòng Đảng ủy", received_by="Phạm Văn Đức",
                      deadline=dt.date(2026, 11, 30))          # past on arrival, after its date
    assert late.deadline == dt.date(2026, 11, 30)
    with pytest.raises(ValidationError):
        reg(clerk, T(2026, 12, 2, 9), doc_date=dt.date(2026, 11, 28), deadline=dt.date(2026, 1, 1))


def test_a_second_transfer_is_a_step_of_its_own(office):
    """Handing a document on again (a new handler, a new deadline) was only in the audit log:
    "Các bước xử lý" still showed the first transfer."""
    clerk = office["clerk"]
    d = reg(clerk, T(2026, 12, 2, 8), doc_date=dt.date(2026, 11, 28))
    D.transfer(clerk, d, "Phạm Văn Đức", received_by="Phạm Văn Đức", deadline=dt.date(2026, 12, 15))
    D.transfer(clerk, d, "Nguyễn Thị Thu Hà", received_by="Nguyễn Thị Thu Hà",
               deadline=dt.date(2026, 12, 20))
    steps = [(s.status, s.note) for s in D.status_history(d)]
    assert steps == [("pending", "vào sổ"),
                     ("in_progress", "chuyển Phạm Văn Đức, Phạm Văn Đức ký nhận, hạn 15/12/2026"),
                     ("in_progress", "chuyển lại Nguyễn Thị Thu Hà, Nguyễn Thị Thu Hà ký nhận, "
                                     "hạn 20/12/2026")]


def test_needs_details_scan_completed_moves_to_pending(office):
    from models.users import SYSTEM
    d = D.register_incoming(SYSTEM, arrived_at=T(2026, 3, 2, 8), status="needs_details", source="scan")
    assert d.status_label == "Cần bổ sung"
    with pytest.raises(ValidationError):
        D.complete_details(office["clerk"], d, sender="Huyện ủy Yên Sơn")     # summary missing
    assert D.get_incoming(d.id).status == "needs_details"
    d = D.complete_details(office["clerk"], d, sender="Huyện ủy Yên Sơn", summary="V/v đảng phí")
    assert d.status == "pending"
    assert [s.status for s in D.status_history(d)] == ["needs_details", "pending"]


@pytest.mark.parametrize("arrived, registered, late", [
    (dt.date(2026, 3, 5), dt.date(2026, 3, 5), False),     # Thursday, same day
    (dt.date(2026, 3, 5), dt.date(2026, 3, 6), False),     # next working day
    (dt.date(2026, 3, 5), dt.date(2026, 3, 9), True),      # Monday: late
    (dt.date(2026, 3, 6), dt.date(2026, 3, 9), False),     # Friday → Monday is the next working day
    (dt.date(2026, 3, 7), dt.date(2026, 3, 9), False),     # arrived Saturday
    (dt.date(2026, 3, 6), dt.date(2026, 3, 10), True),
])
def test_late_registration_warning(office, arrived, registered, late):
    w = D.late_registration_warning(arrived, registered)
    assert (w is not None) == late
    if late:
        assert w.startswith("Vào sổ muộn")
        assert registered.strftime("%d/%m/%Y") in w


def test_holidays_from_the_setting_are_not_working_days(office):
    office_mod.set_setting(office["admin"], "calendar.holidays", "30/04/2026, 01/05/2026")
    # arrived Wed 29/04; 30/04 and 01/05 holidays, 02–03/05 weekend → Monday 04/05 is still on time
    assert D.late_registration_warning(dt.date(2026, 4, 29), dt.date(2026, 5, 4)) is None
    assert D.late_registration_warning(dt.date(2026, 4, 29), dt.date(2026, 5, 5)) is not None


def test_late_warning_on_the_document(office):
    d = reg(office["clerk"], T(2026, 3, 5, 9), registered_at=T(2026, 3, 10, 9))
    assert "muộn" in d.late_warning


def test_correction_keeps_old_and_new_with_reason_in_audit_log(office):
    clerk = office["clerk"]
    d = reg(clerk, T(2026, 3, 5, 9), doc_number="15-CV/HU")
    with pytest.raises(ValidationError) as e:
        D.update_incoming(clerk, d, doc_number="16-CV/HU")
    assert e.value.field == "reason"
    D.update_incoming(clerk, d, doc_number="16-CV/HU", reason="Ghi nhầm số ký hiệu")
    last = audit.entries_for("incoming", d.id)[-1]
    assert json.loads(last.old) == {"doc_number": "15-CV/HU"}
    assert json.loads(last.new) == {"doc_number": "16-CV/HU", "_reason": "Ghi nhầm số ký hiệu"}
    assert D.get_incoming(d.id).arrival_no == d.arrival_no
    assert audit.verify().ok


def test_arrival_number_cannot_be_corrected_and_year_cannot_move(office):
    d = reg(office["clerk"], T(2026, 3, 5, 9))
    with pytest.raises(ValidationError):
        D.update_incoming(office["clerk"], d, arrival_no=7, reason="x")
    with pytest.raises(ValidationError):
        D.update_incoming(office["clerk"], d, arrived_at=T(2025, 12, 31, 9), reason="x")


def test_cancellation_needs_reason_and_number_stays(office):
    clerk = office["clerk"]
    d = reg(clerk, T(2026, 3, 5, 9))
    with pytest.raises(ValidationError):
        D.cancel_incoming(clerk, d, "  ")
    D.cancel_incoming(clerk, d, "Vào sổ trùng")
    c = D.get_incoming(d.id)
    assert (c.status, c.cancel_reason, c.arrival_no) == ("cancelled", "Vào sổ trùng", 1)
    assert reg(clerk, T(2026, 3, 5, 10)).arrival_no == 2     # never reused
    with pytest.raises(ValidationError):
        D.update_incoming(clerk, c, summary="x", reason="y")


def test_permission_refusals(office):
    with pytest.raises(PermissionDenied):
        reg(office["viewer"], T(2026, 3, 5))
    with pytest.raises(PermissionDenied):
        reg(office["treasurer"], T(2026, 3, 5))
    d = reg(office["clerk"], T(2026, 3, 5))
    with pytest.raises(PermissionDenied):
        D.cancel_incoming(office["leader"], d, "không")
    with pytest.raises(PermissionDenied):
        D.transfer(office["viewer"], d, "A", received_by="A")


def _pdf(path, text="Trích yếu văn bản quét"):
    from reportlab.pdfgen.canvas import Canvas
    from printouts.common import FONT, register_fonts
    register_fonts()
    c = Canvas(str(path))
    c.setFont(FONT, 12)
    c.drawString(72, 720, text)
    c.showPage()
    c.drawString(72, 720, "trang hai")
    c.showPage()
    c.save()
    return path


def test_attachments_by_checksum_with_pages_and_text(office, home, tmp_path):
    store = FileStore(home.files)
    clerk = office["clerk"]
    d1 = reg(clerk, T(2026, 3, 5, 9))
    d2 = reg(clerk, T(2026, 3, 5, 10))
    p = _pdf(tmp_path / "quet.pdf", "Kế hoạch tuyên truyền Đảng phí")
    a1 = D.attach_file(clerk, store, d1, p)
    a2 = D.attach_file(clerk, store, d2, p, "ban-sao.pdf")
    other = D.attach_file(clerk, store, d1, _pdf(tmp_path / "phu-luc.pdf", "Phụ lục"))
    assert a1.file_id == a2.file_id                       # one content, stored once
    assert len(D.attachments(d1)) == 2
    path, pages, text = D.attachment_info(store, a1)
    assert path.exists() and pages == 2 and "Đảng phí" in text
    assert D.attach_file(clerk, store, d1, p).id == a1.id   # same content twice: one attachment
    from models import search
    assert d1.id in search.ids("dang phi", "incoming")       # the file's text is searchable
    assert other.original_name == "phu-luc.pdf"


def test_a_future_arrival_time_today_names_the_hours(office):
    with pytest.raises(ValidationError) as e:
        D.register_incoming(office["clerk"], arrived_at=dt.datetime(2026, 3, 5, 15, 30),
                             registered_at=dt.datetime(2026, 3, 5, 9, 12), sender="Tỉnh ủy",
                             summary="x")
    assert "15:30" in e.value.message and "09:12" in e.value.message
    assert e.value.field == "arrived_at"
