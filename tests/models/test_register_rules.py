"""The registers' rules as a Party office keeps them: the secret book is handled by named people,
the seal and the signature refuse what the rules forbid, type codes are one table, and the
directory warns about a namesake instead of refusing it (or confusing Hạ with Hà)."""
from __future__ import annotations

import datetime as dt

import pytest

from models import audit, contacts as C, documents as D, exports, registers, seal, terms, users
from models.errors import PermissionDenied, ValidationError

T = dt.datetime
PASSWORD = "matkhau-2026"


def reserve(actor, code, on, **kw):
    return D.reserve_number(actor, code, doc_date=on, summary=kw.pop("summary", "Báo cáo quý"), **kw)


# --- the secret book: a per-person grant ------------------------------------------------------
def test_a_clerk_without_the_grant_cannot_register_see_transfer_or_print_secret_documents(office):
    admin, handler = office["admin"], office["clerk"]
    other = users.create_user(admin, "vanthu2", "Lý Thị Ngọc", "clerk", PASSWORD)
    d = D.register_incoming(handler, arrived_at=T(2026, 3, 5, 9), sender="Tỉnh ủy",
                            summary="Phương án bảo vệ", secrecy="Mật")
    with pytest.raises(PermissionDenied) as e:
        D.register_incoming(other, arrived_at=T(2026, 3, 5, 9), sender="Tỉnh ủy", summary="Kín",
                            secrecy="Mật")
    assert "vanthu2" in e.value.message and "sổ văn bản mật" in e.value.message
    for see in (lambda: D.IncomingSource(other, secret=True),
                lambda: exports.book_rows(other, "secret_incoming", year=2026),
                lambda: exports.print_rows(other, "secret_incoming"),
                lambda: D.require_visible(other, d),
                lambda: D.transfer(other, d, "Phạm Văn Đức", received_by="Phạm Văn Đức")):
        with pytest.raises(PermissionDenied):
            see()
    assert not [f for f in registers.search_all(other, "bao ve") if f.kind.startswith("secret")]
    # the handler does all of it
    assert len(D.IncomingSource(handler, secret=True).fetch()) == 1
    assert len(exports.print_rows(handler, "secret_incoming")) == 1
    D.transfer(handler, d, "Phạm Văn Đức", received_by="Phạm Văn Đức")


def test_the_admin_grants_the_secret_book_by_name_and_the_audit_log_shows_it(office):
    admin = office["admin"]
    other = users.create_user(admin, "vanthu2", "Lý Thị Ngọc", "clerk", PASSWORD)
    assert not users.can(other, "secret.edit") and not users.can(admin, "secret.view")
    with pytest.raises(PermissionDenied):
        users.set_secret_handler(office["clerk"], other.id, True)     # only an admin grants
    other = users.set_secret_handler(admin, other.id, True)
    assert users.can(other, "secret.edit") and users.can(other, "secret.view")
    assert users.can(users.User.get_by_id(other.id), "secret.edit")   # it is stored, not cached
    D.register_incoming(other, arrived_at=T(2026, 3, 5, 9), sender="Tỉnh ủy", summary="Kín",
                        secrecy="Tối mật")
    e = audit.entries_for("user_account", other.id)[-1]
    assert (e.username, e.action) == ("admin", "grant_secret") and '"secret_handler": true' in e.new
    users.set_secret_handler(admin, other.id, False)
    other = users.User.get_by_id(other.id)
    assert not users.can(other, "secret.view")
    assert audit.entries_for("user_account", other.id)[-1].action == "revoke_secret"
    assert [u.username for u in users.secret_handlers()] == ["vanthu"]
    assert audit.verify().ok


def test_a_leader_reads_the_secret_book_but_does_not_edit_it(office):
    d = D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 5, 9), sender="Tỉnh ủy",
                            summary="Phương án bảo vệ", secrecy="Mật")
    leader = office["leader"]
    assert len(D.IncomingSource(leader, secret=True).fetch()) == 1
    with pytest.raises(PermissionDenied):
        D.update_incoming(leader, d, summary="Sửa")
    with pytest.raises(PermissionDenied):
        D.register_incoming(leader, arrived_at=T(2026, 3, 5, 9), sender="A", summary="B", secrecy="Mật")


def test_a_grant_to_a_locked_account_is_refused(office):
    admin = office["admin"]
    u = users.create_user(admin, "vanthu2", "Lý Thị Ngọc", "clerk", PASSWORD)
    users.update_user(admin, u.id, active=False)
    with pytest.raises(ValidationError) as e:
        users.set_secret_handler(admin, u.id, True)
    assert e.value.field == "secret_handler"


# --- the signature and the seal ------------------------------------------------------------------
@pytest.fixture
def people(office):
    a = office["admin"]
    return {
        "bithu": C.add_contact(a, "Phạm Văn Đức", "person", position="Bí thư Đảng ủy", group="member"),
        "pbt": C.add_contact(a, "Nguyễn Thị Thu Hà", "person", position="Phó Bí thư Thường trực Đảng ủy",
                             group="member"),
        "btv": C.add_contact(a, "Đỗ Thị Hương", "person",
                             position="Ủy viên Ban Thường vụ, Chủ tịch UB MTTQ xã", group="member"),
        "doan": C.add_contact(a, "Bùi Thị Lan Anh", "person", position="Đảng ủy viên, Bí thư Đoàn xã",
                              group="member"),
        "vanthu": C.add_contact(a, "Trần Thị Mai", "person", position="Văn thư Văn phòng Đảng ủy"),
        "cvp": C.add_contact(a, "Hoàng Văn Nam", "person", position="Chánh Văn phòng Đảng ủy"),
        "x": C.add_contact(a, "x", "person", position="VĂN THƯ"),
    }


@pytest.mark.parametrize("position,may", [
    ("Bí thư Đảng ủy", True), ("Phó Bí thư Thường trực Đảng ủy", True),
    ("Phó Bí thư Đảng ủy, Chủ tịch UBND xã", True), ("Ủy viên Ban Thường vụ, Chủ tịch UB MTTQ xã", True),
    ("BÍ THƯ", True), ("Văn thư", False), ("VĂN THƯ", False), ("Đảng ủy viên, Bí thư Đoàn xã", False),
    ("Bí thư Chi bộ thôn Đồng Tâm", False), ("Chánh Văn phòng", False), ("", False)])
def test_signing_positions(position, may):
    assert C.is_signing_position(position) is may


def test_a_blank_signed_by_the_clerk_herself_is_refused_at_each_field(office, people):
    leader, clerk = office["leader"], office["clerk"]
    blank = D.reserve_number(clerk, "BC", doc_date=dt.date(2026, 3, 5))          # no summary
    with pytest.raises(ValidationError) as e:
        D.record_signature(leader, blank, "Phạm Văn Đức", signed_on=dt.date(2026, 3, 5))
    assert e.value.field == "summary" and "không ký khống" in e.value.message
    d = reserve(clerk, "BC", dt.date(2026, 3, 5))
    with pytest.raises(PermissionDenied) as e:                # the clerk may not record it
        D.record_signature(clerk, d, "Phạm Văn Đức")
    assert "duyệt, ký văn bản" in e.value.message
    for name, field, words in [("Trần Thị Mai", "signer", "không có thẩm quyền ký"),
                               ("x", "signer", "không có thẩm quyền ký"),
                               ("Bùi Thị Lan Anh", "signer", "không có thẩm quyền ký"),
                               ("Người Lạ Mặt", "signer", "không có trong danh bạ")]:
        with pytest.raises(ValidationError) as e:
            D.record_signature(leader, d, name, signer_position="Bí thư", signed_on=dt.date(2026, 3, 5))
        assert (e.value.field, words in e.value.message) == (field, True), e.value.message
    with pytest.raises(ValidationError) as e:               # a leader, but typed as the clerk
        D.record_signature(leader, d, "Phạm Văn Đức", signer_position="VĂN THƯ",
                           signed_on=dt.date(2026, 3, 5))
    assert e.value.field == "signer_position" and "VĂN THƯ" in e.value.message
    assert D.get_outgoing(d.id).signer == ""                # nothing was recorded
    ok = D.record_signature(leader, d, "", signer_contact=people["btv"], signed_on=dt.date(2026, 3, 5))
    assert (ok.signer, ok.signer_position, ok.signer_contact_id) == (
        "Đỗ Thị Hương", "ỦY VIÊN BAN THƯỜNG VỤ, CHỦ TỊCH UB MTTQ XÃ", people["btv"].id)


def test_a_delegated_person_signs(office, people):
    d = reserve(office["clerk"], "TB", dt.date(2026, 3, 5))
    with pytest.raises(ValidationError):
        D.record_signature(office["leader"], d, "Hoàng Văn Nam", authority="T/L")
    C.update_contact(office["admin"], people["cvp"].id, signing_delegated=True)
    d = D.record_signature(office["leader"], d, "Hoàng Văn Nam", authority="T/L",
                           signed_on=dt.date(2026, 3, 5))
    assert d.authority_lines() == ["T/L ĐẢNG ỦY", "CHÁNH VĂN PHÒNG ĐẢNG ỦY"]


def test_a_signature_dated_ahead_is_refused(office, people):
    d = reserve(office["clerk"], "BC", dt.date(2025, 12, 31))
    with pytest.raises(ValidationError) as e:
        D.record_signature(office["leader"], d, "Phạm Văn Đức", signed_on=dt.date(2026, 1, 1),
                           today=dt.date(2025, 12, 31))
    assert e.value.field == "signed_on" and "chưa đến" in e.value.message


def test_the_seal_refuses_a_stamp_dated_next_year_or_before_the_signature(office, people):
    clerk = office["clerk"]
    d = reserve(clerk, "BC", dt.date(2025, 12, 30))
    D.record_signature(office["leader"], d, "Phạm Văn Đức", signed_on=dt.date(2025, 12, 30),
                       today=dt.date(2025, 12, 31))
    with pytest.raises(ValidationError) as e:              # 31/12: a stamp dated 01/01 is ahead
        seal.record_use(clerk, d, 2, used_on=dt.date(2026, 1, 1), today=dt.date(2025, 12, 31))
    assert e.value.field == "used_on" and "chưa đến" in e.value.message
    with pytest.raises(ValidationError) as e:
        seal.record_use(clerk, d, 2, used_on=dt.date(2025, 12, 29), today=dt.date(2025, 12, 31))
    assert e.value.field == "used_on" and "trước ngày ký" in e.value.message
    u = seal.record_use(clerk, d, 2, used_on=dt.date(2026, 1, 1), today=dt.date(2026, 1, 1))
    assert u.used_on == dt.date(2026, 1, 1)


def test_the_seal_refuses_a_signed_document_whose_summary_was_wiped(office, people):
    clerk = office["clerk"]
    d = reserve(clerk, "BC", dt.date(2026, 3, 5))
    D.record_signature(office["leader"], d, "Phạm Văn Đức", signed_on=dt.date(2026, 3, 5))
    D.update_outgoing(clerk, d, summary="")
    with pytest.raises(ValidationError) as e:
        seal.record_use(clerk, d, 2, used_on=dt.date(2026, 3, 5))
    assert "không đóng dấu khống" in e.value.message


# --- type codes are one table ---------------------------------------------------------------------
@pytest.mark.parametrize("typed,code", [("bc", "BC"), ("Bc", "BC"), ("BC", "BC"), ("TTR", "TTr"),
                                        ("ttr", "TTr"), ("qd", "QĐ"), ("QĐ", "QĐ"), ("qđi", "QĐi")])
def test_a_typed_code_is_the_known_type_ignoring_case_and_accents(office, typed, code):
    assert D.get_doc_type(typed).code == code


def test_every_spelling_of_one_type_continues_one_series_across_1_january_and_a_term_change(office):
    clerk = office["clerk"]
    got = [reserve(clerk, typed, on).symbol for typed, on in [
        ("BC", dt.date(2025, 12, 30)), ("bc", dt.date(2025, 12, 31)), ("Bc", dt.date(2026, 1, 2))]]
    assert got == ["01-BC/ĐU", "02-BC/ĐU", "03-BC/ĐU"]
    terms.open_term(office["admin"], dt.date(2026, 6, 1), "2026–2031", "Đại hội lần thứ II")
    assert reserve(clerk, "bc", dt.date(2026, 6, 2)).symbol == "01-BC/ĐU"
    assert reserve(clerk, "BC", dt.date(2026, 6, 3)).symbol == "02-BC/ĐU"
    assert {t.code for t in D.list_doc_types()} >= {"BC"}
    assert not [t for t in D.list_doc_types() if t.code in ("bc", "Bc")]


@pytest.mark.parametrize("spelling", ["QyĐ", "QyD", "qyđ", "QYD", "qyd", "QYĐ"])
def test_qyd_in_any_spelling_is_refused(office, spelling):
    with pytest.raises(ValidationError) as e:
        D.add_doc_type(office["admin"], spelling, "Quyết định")
    assert e.value.field == "code" and "QĐ" in e.value.message
    with pytest.raises(ValidationError):
        reserve(office["clerk"], spelling, dt.date(2026, 3, 1))


def test_a_new_type_is_added_only_by_an_admin_and_never_as_a_second_spelling(office):
    admin = office["admin"]
    with pytest.raises(PermissionDenied):
        D.add_doc_type(office["clerk"], "ĐA", "Đề án")
    for code in ("bc", "Bc", "ttr", "qd"):
        with pytest.raises(ValidationError) as e:
            D.add_doc_type(admin, code, "Trùng")
        assert e.value.field == "code" and "trùng với tên loại đã có" in e.value.message
    D.add_doc_type(admin, "ĐA", "Đề án")
    with pytest.raises(ValidationError):
        D.add_doc_type(admin, "da", "Đề án khác")
    assert reserve(office["clerk"], "đa", dt.date(2026, 3, 1)).symbol == "01-ĐA/ĐU"


# --- the directory: namesakes warned, not refused; Hạ is not Hà -------------------------------------
def test_names_differing_by_an_accent_are_two_people(office):
    clerk = office["clerk"]
    ha = C.add_contact(clerk, "Nguyễn Thị Hà", "person", position="Đảng ủy viên")
    ha2 = C.add_contact(clerk, "Nguyễn Thị Hạ", "person", position="Bí thư Chi bộ thôn Đồng Tâm")
    assert ha.id != ha2.id
    assert C.resolve(clerk, "Nguyễn Thị Hạ", kind="person").id == ha2.id


def test_the_same_name_asks_with_the_existing_entry_then_saves_when_confirmed(office):
    clerk = office["clerk"]
    first = C.add_contact(clerk, "Nguyễn Văn Hùng", "person", position="Bí thư Chi bộ thôn Đồng Tâm",
                          organisation="Chi bộ thôn Đồng Tâm")
    with pytest.raises(C.SameNameExists) as e:
        C.add_contact(clerk, "nguyễn văn hùng", "person", position="Trưởng thôn Tân Thành")
    assert [c.id for c in e.value.existing] == [first.id] and e.value.field == "name"
    assert "Bí thư Chi bộ thôn Đồng Tâm" in e.value.message and "Chi bộ thôn Đồng Tâm" in e.value.message
    assert isinstance(e.value, ValidationError)          # callers that knew only refusals still stop
    second = C.add_contact(clerk, "Nguyễn Văn Hùng", "person", position="Trưởng thôn Tân Thành",
                           allow_same_name=True)
    assert len(C.same_name_entries("person", "Nguyễn Văn Hùng")) == 2
    other = C.add_contact(clerk, "Nguyễn Văn Hưng", "person")
    with pytest.raises(C.SameNameExists) as e:          # renaming onto a namesake asks too
        C.update_contact(clerk, other.id, name="Nguyễn Văn Hùng")
    assert {c.id for c in e.value.existing} == {first.id, second.id}
    C.update_contact(clerk, other.id, name="Nguyễn Văn Hùng", allow_same_name=True)
    C.update_contact(clerk, first.id, phone="0912 000 000")   # its own name is no namesake
