"""The outgoing register: numbering per (body, type, term), congress series, the type table,
reserving and cancelling numbers, the nine mandatory elements before issue, the seal log."""
from __future__ import annotations

import datetime as dt

import pytest

from models import audit, documents as D, office as office_mod, seal
from models.errors import PermissionDenied, ValidationError
from signing import sign


def reserve(actor, code, on, **kw):
    return D.reserve_number(actor, code, doc_date=on, summary=kw.pop("summary", "Báo cáo quý"), **kw)


def test_symbol_format():
    assert D.make_symbol(15, "BC", "ĐU") == "15-BC/ĐU"
    assert D.make_symbol(3, "QĐ", "ĐU") == "03-QĐ/ĐU"


def test_numbering_per_type_from_01(office):
    clerk = office["clerk"]
    syms = [reserve(clerk, "BC", dt.date(2025, 9, 1)).symbol for _ in range(3)]
    assert syms == ["01-BC/ĐU", "02-BC/ĐU", "03-BC/ĐU"]
    assert reserve(clerk, "NQ", dt.date(2025, 9, 2)).symbol == "01-NQ/ĐU"
    assert reserve(clerk, "BC", dt.date(2025, 9, 3)).symbol == "04-BC/ĐU"


def test_numbering_does_not_restart_on_1_january(office):
    clerk = office["clerk"]
    reserve(clerk, "TB", dt.date(2025, 12, 30))
    reserve(clerk, "TB", dt.date(2025, 12, 31))
    assert reserve(clerk, "TB", dt.date(2026, 1, 2)).symbol == "03-TB/ĐU"


def test_a_new_term_restarts_numbering(office):
    from models import audit, terms
    clerk, admin = office["clerk"], office["admin"]
    reserve(clerk, "BC", dt.date(2026, 3, 1))
    reserve(clerk, "BC", dt.date(2026, 3, 2))
    new = terms.open_term(admin, dt.date(2026, 6, 1), "2026–2031", "Đại hội đại biểu lần thứ II")
    d = reserve(clerk, "BC", dt.date(2026, 6, 5))
    assert (d.symbol, d.term_start, d.term_id) == ("01-BC/ĐU", dt.date(2026, 6, 1), new.id)
    old = terms.Term.get(terms.Term.start == dt.date(2025, 8, 16))
    assert old.end == dt.date(2026, 5, 31)
    assert office_mod.get_office().term_start == dt.date(2026, 6, 1)
    assert [e.action for e in audit.entries_for("term", new.id)] == ["create"]
    assert [e.action for e in audit.entries_for("term", old.id)][-1] == "update"


def test_correcting_the_term_date_never_starts_a_second_series(office):
    """The bug: moving the term's start by one day in Settings gave a second 01-BC/ĐU."""
    clerk, admin = office["clerk"], office["admin"]
    assert reserve(clerk, "BC", dt.date(2026, 3, 1)).symbol == "01-BC/ĐU"
    office_mod.update_office(admin, {"term_start": dt.date(2025, 8, 17)})
    d = reserve(clerk, "BC", dt.date(2026, 3, 2))
    assert (d.symbol, d.term_start) == ("02-BC/ĐU", dt.date(2025, 8, 17))
    assert D.Outgoing.get(D.Outgoing.symbol == "01-BC/ĐU").term_start == dt.date(2025, 8, 17)
    # a correction that would leave a numbered document outside its term is refused
    with pytest.raises(ValidationError) as e:
        office_mod.update_office(admin, {"term_start": dt.date(2026, 3, 2)})
    assert "01-BC/ĐU" in e.value.message and "Mở nhiệm kỳ mới" in e.value.message


def test_a_date_before_every_known_term_is_refused_with_the_reason(office):
    clerk = office["clerk"]
    with pytest.raises(ValidationError) as e:
        reserve(clerk, "BC", dt.date(2025, 8, 15))
    assert e.value.field == "doc_date" and "trước nhiệm kỳ đầu tiên" in e.value.message
    assert "15/08/2025" in e.value.message and "16/08/2025" in e.value.message


def test_a_late_paper_of_the_old_term_takes_the_old_terms_next_number(office):
    from models import terms
    clerk, admin = office["clerk"], office["admin"]
    reserve(clerk, "TB", dt.date(2026, 5, 20))
    terms.open_term(admin, dt.date(2026, 6, 1), "2026–2031")
    assert reserve(clerk, "TB", dt.date(2026, 6, 2)).symbol == "01-TB/ĐU"
    late = reserve(clerk, "TB", dt.date(2026, 5, 30))
    assert (late.symbol, late.term_start) == ("02-TB/ĐU", dt.date(2025, 8, 16))
    assert "2025–2030" in late.notice and "30/05/2026" not in late.notice
    assert reserve(clerk, "TB", dt.date(2026, 6, 3)).notice is None
    with pytest.raises(ValidationError) as e:   # the date may not move it to another term
        D.update_outgoing(clerk, late, doc_date=dt.date(2026, 6, 4))
    assert "nhiệm kỳ khác" in e.value.message


def test_only_an_admin_opens_a_term_and_not_before_the_current_one_or_in_the_future(office):
    from models import terms
    from models.errors import PermissionDenied
    with pytest.raises(PermissionDenied):
        terms.open_term(office["clerk"], dt.date(2026, 6, 1), "2026–2031")
    with pytest.raises(ValidationError):
        terms.open_term(office["admin"], dt.date(2025, 8, 1), "x")
    with pytest.raises(ValidationError):
        terms.open_term(office["admin"], dt.date.today() + dt.timedelta(days=30), "x")


def test_congress_documents_share_one_series(office):
    clerk = office["clerk"]
    a = reserve(clerk, "BC", dt.date(2026, 3, 1), congress=True)
    b = reserve(clerk, "NQ", dt.date(2026, 3, 1), congress=True)
    c = reserve(clerk, "BB", dt.date(2026, 3, 1), congress=True)
    assert [a.symbol, b.symbol, c.symbol] == ["01-BC/ĐH", "02-NQ/ĐH", "03-BB/ĐH"]
    assert reserve(clerk, "BC", dt.date(2026, 3, 1)).symbol == "01-BC/ĐU"   # ordinary series untouched


def test_duplicate_number_refused(office):
    clerk = office["clerk"]
    reserve(clerk, "CV", dt.date(2026, 3, 1), number=5)
    with pytest.raises(ValidationError) as e:
        reserve(clerk, "CV", dt.date(2026, 3, 2), number=5)
    assert "05-CV/ĐU" in e.value.message and e.value.field == "number"
    assert reserve(clerk, "CV", dt.date(2026, 3, 3)).number == 6


def test_cancelled_number_is_never_reused(office):
    clerk = office["clerk"]
    d = reserve(clerk, "KH", dt.date(2026, 3, 1))
    with pytest.raises(ValidationError):
        D.cancel_outgoing(clerk, d, "")
    D.cancel_outgoing(clerk, d, "Dự thảo không trình ký")
    assert D.get_outgoing(d.id).status_label == "Đã hủy số"
    assert reserve(clerk, "KH", dt.date(2026, 3, 2)).symbol == "02-KH/ĐU"
    with pytest.raises(ValidationError) as e:
        reserve(clerk, "KH", dt.date(2026, 3, 2), number=1)
    assert "đã hủy" in e.value.message


def test_type_table_defaults_and_qyd_refused(office):
    codes = [t.code for t in D.list_doc_types()]
    for code in ("NQ", "QĐ", "QĐi", "CT", "KL", "QC", "HD", "TB", "BC", "KH", "CTr", "TTr", "CV", "BB",
                 "BS", "GGT"):
        assert code in codes
    assert "quy định" in D.get_doc_type("QĐ").name.lower()
    with pytest.raises(ValidationError) as e:
        D.add_doc_type(office["admin"], "QyĐ", "Quyết định")
    assert "QĐ" in e.value.message
    with pytest.raises(ValidationError):
        reserve(office["clerk"], "QyĐ", dt.date(2026, 3, 1))
    with pytest.raises(ValidationError):
        reserve(office["clerk"], "XYZ", dt.date(2026, 3, 1))


def test_type_table_is_editable(office):
    admin = office["admin"]
    D.add_doc_type(admin, "ĐA", "Đề án")
    assert reserve(office["clerk"], "ĐA", dt.date(2026, 3, 1)).symbol == "01-ĐA/ĐU"
    D.update_doc_type(admin, "ĐA", active=False)
    with pytest.raises(ValidationError):
        reserve(office["clerk"], "ĐA", dt.date(2026, 3, 1))
    with pytest.raises(ValidationError):
        D.add_doc_type(admin, "BC", "Báo cáo")                # already there
    with pytest.raises(PermissionDenied):
        D.add_doc_type(office["viewer"], "ĐB", "Đề bạt")


def test_reserve_number_for_meetings_bb(office):
    d = D.reserve_number(office["clerk"], "BB", summary="Biên bản Hội nghị Ban Chấp hành tháng 3")
    assert d.symbol == "01-BB/ĐU" and d.status == "reserved" and d.doc_date == dt.date.today()


def _ready(clerk, d):
    D.update_outgoing(clerk, d, recipients=["Ban Thường vụ Huyện ủy", "Lưu Văn phòng"],
                      content_on_paper=True, copies=3, filed_in="Văn phòng Đảng ủy")
    sign(d, "Phạm Văn Đức", signer_position="Bí thư", authority="T/M",
                       signed_on=d.doc_date)


def test_issue_only_with_nine_elements_listed_in_vietnamese(office):
    clerk = office["clerk"]
    d = reserve(clerk, "BC", dt.date(2026, 3, 5))
    with pytest.raises(ValidationError) as e:
        D.issue_outgoing(clerk, d)
    msg = e.value.message
    for part in ("nội dung", "chữ ký", "dấu", "nơi nhận"):
        assert part in msg
    _ready(clerk, d)
    assert D.missing_elements(D.get_outgoing(d.id)) == ["dấu của cơ quan ban hành (chưa ghi sổ đóng dấu)"]
    seal.record_use(clerk, d, 3, used_on=dt.date(2026, 3, 5))
    d = D.issue_outgoing(clerk, d)
    assert d.status == "issued"
    with pytest.raises(ValidationError):
        D.issue_outgoing(clerk, d)
    with pytest.raises(ValidationError):
        D.cancel_outgoing(clerk, d, "muốn hủy")        # issued: not cancellable


def test_authority_lines(office):
    clerk = office["clerk"]
    d = reserve(clerk, "BC", dt.date(2026, 3, 5))
    sign(d, "Phạm Văn Đức", signer_position="Bí thư", authority="T/M")
    assert D.get_outgoing(d.id).authority_lines() == ["T/M ĐẢNG ỦY", "BÍ THƯ"]
    sign(d, "Nguyễn Thị Thu Hà", signer_position="Phó Bí thư", authority="K/T")
    assert D.get_outgoing(d.id).authority_lines() == ["K/T BÍ THƯ", "PHÓ BÍ THƯ"]
    with pytest.raises(ValidationError):
        sign(d, "Phạm Văn Đức", signer_position="Bí thư", authority="TM")


def test_recipients_from_text_and_directory(office):
    from models import contacts
    c = contacts.add_contact(office["clerk"], "Ban Tổ chức Huyện ủy Yên Sơn", group="superior")
    d = reserve(office["clerk"], "CV", dt.date(2026, 3, 5),
                recipients=[c, "- Các chi bộ trực thuộc,", ("Lưu VP", None)])
    assert d.recipient_list() == ["Ban Tổ chức Huyện ủy Yên Sơn", "Các chi bộ trực thuộc", "Lưu VP"]
    rows = list(D.OutgoingRecipient.select().where(D.OutgoingRecipient.outgoing == d.id)
                .order_by(D.OutgoingRecipient.position))
    assert rows[0].contact_id == c.id and rows[1].contact_id is None


def test_correction_after_issue_needs_reason(office):
    clerk = office["clerk"]
    d = reserve(clerk, "BC", dt.date(2026, 3, 5))
    _ready(clerk, d)
    seal.record_use(clerk, d, 2, used_on=dt.date(2026, 3, 5))
    D.issue_outgoing(clerk, d)
    with pytest.raises(ValidationError):
        D.update_outgoing(clerk, d, copies=5)
    D.update_outgoing(clerk, d, copies=5, reason="Phát hành thêm 2 bản")
    e = audit.entries_for("outgoing", d.id)[-1]
    assert '"_reason": "Phát hành thêm 2 bản"' in e.new


def test_seal_refused_without_signer(office):
    clerk = office["clerk"]
    d = reserve(clerk, "TB", dt.date(2026, 3, 5))
    with pytest.raises(ValidationError) as e:
        seal.record_use(clerk, d, 2)
    assert "chưa có người ký" in e.value.message
    with pytest.raises(ValidationError) as e:               # the edit form cannot sign
        D.update_outgoing(clerk, d, signer="Phạm Văn Đức")
    assert e.value.field == "signer" and "Ghi chữ ký" in e.value.message
    sign(d, "Phạm Văn Đức", signer_position="Bí thư", authority="T/M",
                       signed_on=dt.date(2026, 3, 5))
    with pytest.raises(ValidationError):
        seal.record_use(clerk, d, 0)
    with pytest.raises(ValidationError):
        seal.record_use(clerk, d, 2, used_on=dt.date(2026, 3, 4))   # before the signature
    u = seal.record_use(clerk, d, 2, used_on=dt.date(2026, 3, 5), stamped_by="Trần Thị Mai")
    assert (u.symbol, u.signer, u.stamped_by, u.copies) == ("01-TB/ĐU", "Phạm Văn Đức", "Trần Thị Mai", 2)
    with pytest.raises(PermissionDenied):
        seal.record_use(office["leader"], d, 1)


def test_seal_refused_for_cancelled_number(office):
    clerk = office["clerk"]
    d = reserve(clerk, "TB", dt.date(2026, 3, 5))
    sign(d, "Phạm Văn Đức", signer_position="Bí thư", signed_on=dt.date(2026, 3, 5))
    D.cancel_outgoing(clerk, d, "Không dùng")
    with pytest.raises(ValidationError):
        seal.record_use(clerk, d, 1)


def test_seal_handovers(office):
    assert seal.current_keeper() is None
    seal.record_handover(office["clerk"], "Lý Thị Ngọc", "Trần Thị Mai", handed_on="02/01/2026",
                         witness="Nguyễn Thị Thu Hà", reason="Phân công lại")
    assert seal.current_keeper() == "Trần Thị Mai"
    with pytest.raises(ValidationError):
        seal.record_handover(office["clerk"], "Trần Thị Mai", "Trần Thị Mai")
    with pytest.raises(PermissionDenied):
        seal.record_handover(office["viewer"], "A", "B")


def test_the_next_number_before_the_office_is_set_up_is_refused_with_the_reason(home):
    with pytest.raises(ValidationError, match="chưa được thiết lập"):
        D.next_outgoing_number("BC")
