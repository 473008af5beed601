"""Dossiers: retention, documents filed, handover due at end of work + 1 year, overdue list."""
from __future__ import annotations

import datetime as dt

import pytest

from models import documents as D, dossiers as H
from models.errors import PermissionDenied, ValidationError


def test_retention_parsing():
    assert H.parse_retention("vĩnh viễn") is None
    assert H.parse_retention("Vĩnh viễn") is None
    assert H.parse_retention("10 năm") == 10
    assert H.parse_retention("20") == 20
    with pytest.raises(ValidationError):
        H.parse_retention("mãi mãi")
    with pytest.raises(ValidationError):
        H.parse_retention("0 năm")


def test_create_and_labels(office):
    d = H.create_dossier(office["clerk"], "2026-01", "Hồ sơ Hội nghị Ban Chấp hành", 2026, "vĩnh viễn")
    assert d.retention_label == "Vĩnh viễn" and d.handover_due is None and d.state_label == "Đang mở"
    d2 = H.create_dossier(office["clerk"], "2026-02", "Tập văn bản đến", 2026, "10 năm")
    assert d2.retention_label == "10 năm"
    with pytest.raises(ValidationError):
        H.create_dossier(office["clerk"], "2026-01", "Trùng", 2026)
    assert H.next_code(2026) == "2026-03"
    with pytest.raises(PermissionDenied):
        H.create_dossier(office["viewer"], "2026-09", "X", 2026)


def test_handover_due_and_overdue_list(office):
    clerk = office["clerk"]
    a = H.create_dossier(clerk, "2024-01", "Hồ sơ năm 2024", 2024, "10 năm", work_ended_on="31/12/2024")
    b = H.create_dossier(clerk, "2025-01", "Hồ sơ năm 2025", 2025, "10 năm", work_ended_on="31/12/2025")
    c = H.create_dossier(clerk, "2023-01", "Đã nộp", 2023, work_ended_on="31/12/2023")
    H.hand_over(clerk, c, "15/11/2024")
    H.create_dossier(clerk, "2026-01", "Đang mở", 2026)
    assert a.handover_due == dt.date(2025, 12, 31)
    today = dt.date(2026, 3, 1)
    assert [d.code for d in H.overdue_dossiers(today)] == ["2024-01"]
    assert [d.code for d in H.overdue_dossiers(dt.date(2027, 1, 1))] == ["2024-01", "2025-01"]
    with pytest.raises(ValidationError):
        H.hand_over(clerk, c)
    del b


def test_leap_day_end_of_work():
    d = H.Dossier(code="x", title="x", year=2024, work_ended_on=dt.date(2024, 2, 29))
    assert d.handover_due == dt.date(2025, 2, 28)


def test_filing_documents(office):
    clerk = office["clerk"]
    h = H.create_dossier(clerk, "2026-01", "Tập văn bản đến", 2026, "10 năm")
    h2 = H.create_dossier(clerk, "2026-02", "Khác", 2026, "10 năm")
    inc = D.register_incoming(clerk, arrived_at=dt.datetime(2026, 3, 5, 9), sender="HU", summary="A")
    out = D.reserve_number(clerk, "BC", summary="B")
    H.add_document(clerk, h, inc)
    H.add_document(clerk, h, out)
    assert D.get_incoming(inc.id).status == "filed"
    assert [type(x).__name__ for x in H.documents_in(h)] == ["Incoming", "Outgoing"]
    assert H.dossier_of(inc).code == "2026-01"
    with pytest.raises(ValidationError):
        H.add_document(clerk, h2, inc)                      # one dossier at a time
    with pytest.raises(ValidationError):
        H.remove_document(clerk, h, inc, "")
    H.remove_document(clerk, h, inc, "Lập nhầm hồ sơ")
    assert D.get_incoming(inc.id).status == "done"
    H.hand_over(clerk, h, "01/03/2027")
    with pytest.raises(ValidationError):
        H.add_document(clerk, h, inc)                       # handed over: closed


def test_a_form_finds_a_dossier_by_its_code_or_hears_why_not(office):
    """Filing minutes by a typed code: the refusal is the model's sentence, on the code field."""
    d = H.create_dossier(office["clerk"], "2026-01", "Hồ sơ Hội nghị Ban Chấp hành", 2026)
    assert H.dossier_by_code(" 2026-01 ") == d
    with pytest.raises(ValidationError) as e:
        H.dossier_by_code("2026-09")
    assert e.value.message == "Không có hồ sơ ký hiệu 2026-09." and e.value.field == "code"


def test_a_paper_needs_the_office_set_up(home):
    from models import office
    from models.errors import NotFound
    with pytest.raises(NotFound) as e:
        office.configured_office()
    assert e.value.message == "Văn phòng chưa được thiết lập; hãy mở chương trình để thiết lập trước."
