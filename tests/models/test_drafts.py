"""Drafting an outgoing document: saved as typed, issued with the next number of its type in the
term (the outgoing register gets the entry, its text and the printed PDF), nothing taken when the
PDF cannot be made; a secret document is refused with the reason."""
from __future__ import annotations

import datetime as dt

import pytest

from models import documents as D, drafts as DR
from models.errors import ValidationError
from models.filestore import FileStore


def filled(actor, **kw):
    values = dict(summary="đôn đốc nộp báo cáo quý IV", body="Đề nghị các chi bộ nộp báo cáo trước 20/12.",
                  recipients="Các chi bộ trực thuộc\nLưu Văn phòng Đảng ủy", signer="Phạm Văn Đức",
                  signer_position="Bí thư", authority="T/M", authority_of="Đảng ủy")
    values.update(kw)
    return DR.new_draft(actor, kw.pop("type_code", "CV"),
                        **{k: v for k, v in values.items() if k != "type_code"})


def fake_pdf(draft, symbol, on):
    return b"%PDF-1.4\n% " + symbol.encode() + b"\n%%EOF\n"


def test_issue_takes_the_next_number_of_its_type_and_attaches_the_pdf(office, home):
    clerk = office["clerk"]
    for _ in range(2):
        D.reserve_number(clerk, "CV", doc_date=dt.date(2026, 3, 1), summary="V/v trước")
    D.reserve_number(clerk, "BC", doc_date=dt.date(2026, 3, 1), summary="Báo cáo")
    d = filled(clerk)
    DR.autosave(clerk, d, body="Đề nghị các chi bộ nộp báo cáo quý IV trước ngày 20/12/2026.")
    o = DR.issue(clerk, d, FileStore(home.files), fake_pdf, doc_date=dt.date(2026, 3, 5))
    assert o.symbol == "03-CV/ĐU" and o.status == "reserved"
    assert o.summary == "V/v đôn đốc nộp báo cáo quý IV"
    assert o.content == "Đề nghị các chi bộ nộp báo cáo quý IV trước ngày 20/12/2026."
    assert o.recipient_list() == ["Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy"]
    assert o.authority_lines() == ["T/M ĐẢNG ỦY", "BÍ THƯ"]
    atts = D.attachments(o)
    assert [a.original_name for a in atts] == ["03-CV-ĐU.pdf"]
    assert D.attachment_path(FileStore(home.files), atts[0]).read_bytes().startswith(b"%PDF")
    d = DR.get_draft(d)
    assert d.status == "issued" and d.outgoing_id == o.id
    with pytest.raises(ValidationError):
        DR.autosave(clerk, d, body="sửa sau khi ban hành")
    bc = DR.issue(clerk, filled(clerk, type_code="BC", summary="Kết quả quý IV"), FileStore(home.files),
                  fake_pdf, doc_date=dt.date(2026, 3, 5))
    assert bc.symbol == "02-BC/ĐU" and bc.summary == "Kết quả quý IV"


def test_no_number_is_taken_when_the_pdf_fails(office, home):
    clerk = office["clerk"]
    d = filled(clerk)

    def broken(*a):
        raise OSError("đĩa đầy")
    with pytest.raises(OSError):
        DR.issue(clerk, d, FileStore(home.files), broken, doc_date=dt.date(2026, 3, 5))
    assert D.Outgoing.select().count() == 0 and DR.get_draft(d).status == "draft"
    issued = DR.issue(clerk, d, FileStore(home.files), fake_pdf, doc_date=dt.date(2026, 3, 5))
    assert issued.symbol == "01-CV/ĐU"


def test_a_secret_document_is_refused_with_the_reason(office):
    clerk = office["clerk"]
    for level in ("Mật", "Tối mật", "Tuyệt mật"):
        with pytest.raises(ValidationError) as e:
            DR.new_draft(clerk, "CV", summary="V/v nhân sự", secrecy=level)
        assert "không được soạn thảo, lưu giữ trên máy tính nối mạng" in e.value.message
        assert e.value.field == "secrecy"
    d = filled(clerk)
    with pytest.raises(ValidationError):
        DR.autosave(clerk, d, secrecy="Mật")
    assert DR.get_draft(d).secrecy == "Thường"


def test_a_draft_missing_its_parts_is_not_issued(office, home):
    clerk = office["clerk"]
    d = DR.new_draft(clerk, "CV", summary="V/v họp")
    with pytest.raises(ValidationError) as e:
        DR.issue(clerk, d, FileStore(home.files), fake_pdf)
    assert "nội dung, nơi nhận, người ký" in e.value.message
    assert D.Outgoing.select().count() == 0
