"""The directory: adding, type-ahead that ignores accents and case (đ folded), Vietnamese
order, CSV import with Vietnamese headers."""
from __future__ import annotations

import unicodedata

import pytest

from models import contacts as C
from models.errors import PermissionDenied, ValidationError


@pytest.fixture
def directory(office):
    clerk = office["clerk"]
    C.add_contact(clerk, "Ủy ban nhân dân xã Tân Lập", abbr="UBND xã", group="government")
    C.add_contact(clerk, "Ban Tổ chức Huyện ủy Yên Sơn", abbr="BTCHU", group="superior")
    C.add_contact(clerk, "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Lập", abbr="Đoàn xã", group="mass")
    C.add_contact(clerk, "Phạm Văn Đức", "person", position="Bí thư Đảng ủy", group="member")
    C.add_contact(clerk, "Trần Văn An", "person", position="Đảng ủy viên", group="member")
    C.add_contact(clerk, "Lê Thị Bình", "person", position="Đảng ủy viên", group="member")
    return clerk


def names(cs):
    return [c.name for c in cs]


@pytest.mark.parametrize("typed", ["duc", "Đức", "ĐỨC", "pham duc", "PHẠM V",
                                   unicodedata.normalize("NFD", "Phạm Văn Đức")])
def test_type_ahead_ignores_accents_case_and_folds_d(directory, typed):
    assert names(C.find_contacts(typed)) == ["Phạm Văn Đức"]


def test_type_ahead_by_word_starts_and_abbreviation(directory):
    assert names(C.find_contacts("ubnd")) == ["Ủy ban nhân dân xã Tân Lập"]
    assert names(C.find_contacts("doan tan")) == ["Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Lập"]
    assert "Ban Tổ chức Huyện ủy Yên Sơn" in names(C.find_contacts("to chuc"))
    assert C.find_contacts("rganis") == []           # inside a word: no match
    assert len(C.find_contacts("", limit=3)) == 3


def test_whole_prefix_matches_first(directory):
    C.add_contact(directory, "Tân Lập Trading", group="other")
    got = names(C.find_contacts("tan lap"))
    assert got[0] == "Tân Lập Trading"


def test_people_sort_by_given_name(directory):
    people = names(C.list_contacts(kind="person"))
    assert people == ["Trần Văn An", "Lê Thị Bình", "Phạm Văn Đức"]


def test_duplicates_and_bad_values_refused(directory):
    with pytest.raises(ValidationError):
        C.add_contact(directory, "ủy ban nhân dân xã tân lập", group="government")
    with pytest.raises(ValidationError):
        C.add_contact(directory, "", group="government")
    with pytest.raises(ValidationError):
        C.add_contact(directory, "X", group="nowhere")
    with pytest.raises(ValidationError):
        C.add_contact(directory, "Y", email="khong-phai-email")


def test_resolve_adds_on_the_spot(directory):
    assert C.resolve(directory, "UBND xã").name == "Ủy ban nhân dân xã Tân Lập"
    assert C.resolve(directory, "Hội Nông dân xã Tân Lập") is None
    c = C.resolve(directory, "Hội Nông dân xã Tân Lập", add_missing=True, group="mass")
    assert c.id and C.find_contacts("hoi nong dan")[0].id == c.id


def test_retired_entries_leave_type_ahead(directory):
    c = C.find_contacts("binh")[0]
    C.set_active(directory, c.id, False)
    assert C.find_contacts("binh") == []
    assert names(C.find_contacts("binh", include_inactive=True)) == ["Lê Thị Bình"]


def test_permissions(office):
    with pytest.raises(PermissionDenied):
        C.add_contact(office["viewer"], "Hội Cựu chiến binh")
    with pytest.raises(PermissionDenied):
        C.import_csv(office["treasurer"], b"Ten\nA\n")


def test_import_csv_with_vietnamese_headers(office):
    data = ("Tên;Loại;Nhóm;Chức vụ;Đơn vị;Điện thoại\n"
            "Hội Liên hiệp Phụ nữ xã Tân Lập;Cơ quan;Mặt trận, đoàn thể;;;0207 3866 020\n"
            "Đặng Thị Phương;Cá nhân;Cấp ủy viên;Chủ tịch Hội LHPN;Hội LHPN xã;0912 345 609\n"
            "Hội Liên hiệp Phụ nữ xã Tân Lập;Cơ quan;Mặt trận, đoàn thể;;;\n"
            ";Cơ quan;Khác;;;\n"
            "Câu lạc bộ Thơ;Hội quán;Khác;;;\n").encode("utf-8-sig")
    r = C.import_csv(office["clerk"], data)
    assert r.added == 2
    assert [line for line, _ in r.skipped] == [4]
    assert [line for line, _ in r.errors] == [5, 6]
    p = C.find_contacts("dang phuong")[0]
    assert (p.kind, p.group, p.position, p.phone) == ("person", "member", "Chủ tịch Hội LHPN", "0912 345 609")
    assert "Đã thêm 2 mục" in r.summary()


def test_import_csv_needs_a_name_column(office):
    with pytest.raises(ValidationError):
        C.import_csv(office["clerk"], "Điện thoại,Email\n1,a@b\n".encode())


def test_export_rows_round_trip(office, tmp_path):
    C.add_contact(office["clerk"], "Phạm Văn Đức", "person", position="Bí thư", group="member",
                  phone="0912")
    rows = list(C.export_rows())
    import csv
    import io
    buf = io.StringIO()
    csv.writer(buf).writerows([C.EXPORT_HEADERS, *rows])
    before = C.Contact.select().count()
    C.Contact.update(active=False).execute()
    r = C.import_csv(office["clerk"], buf.getvalue().encode("utf-8"))
    assert r.added == 1 and not r.errors
    assert C.Contact.select().count() == before + 1


def _directory_csv(n: int, start: int = 0) -> bytes:
    lines = ["Tên,Loại,Nhóm,Điện thoại"]
    lines += [f"Chi bộ thôn số {i:04d},Cơ quan,Tổ chức đảng,0912{i:06d}" for i in range(start, start + n)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_import_goes_in_bounded_batches_each_entry_audited_and_found(office):
    from models import audit, search
    calls = []
    r = C.import_csv(office["clerk"], _directory_csv(7), batch_size=3,
                     on_batch=lambda lines, added: calls.append((lines, added)))
    assert r.added == 7 and not r.errors
    assert calls == [(3, 3), (6, 6), (7, 7)]           # three short transactions, not one long one
    c = C.find_contacts("chi bo thon so 0005")[0]
    assert c.name == "Chi bộ thôn số 0005" and c.group == "party" and c.phone == "0912000005"
    assert [h.ref for h in search.query("0005", ["contact"])] == [c.id]
    assert [e.action for e in audit.entries_for("contact", c.id)] == ["create"]
    assert audit.verify().ok
    again = C.import_csv(office["clerk"], _directory_csv(9), batch_size=4)   # a second run
    assert again.added == 2 and len(again.skipped) == 7


def test_import_refuses_a_huge_name_and_a_huge_field_in_one_line_each(office):
    r = C.import_csv(office["clerk"], ("Tên\n" + "Ủy ban " * 15_000 + "\nHội Nông dân xã\n").encode())
    assert r.added == 1 and [line for line, _ in r.errors] == [2]
    assert "quá dài" in r.errors[0][1]
    r = C.import_csv(office["clerk"],
                     ("Tên,Ghi chú\nHội Cựu chiến binh,\"" + "x" * 140_000 + "\"\n").encode())
    assert r.added == 0 and len(r.errors) == 1 and "KiB" in r.errors[0][1]


def test_a_100_kb_name_typed_into_type_ahead_finds_nothing_and_does_not_crash(office):
    C.add_contact(office["clerk"], "UBND xã Tân Lập")
    assert C.find_contacts("ubnd " * 20_000) == []
    assert C.resolve(office["clerk"], "a" * 100_000) is None
def test_type_ahead_finds_people_by_position_and_unit(directory):
    C.add_contact(directory, "Nguyễn Thị Thu Hà", "person", position="Phó Bí thư Thường trực Đảng ủy",
                  organisation="Đảng ủy xã Tân Lập", group="member")
    assert names(C.find_contacts("pho bi thu")) == ["Nguyễn Thị Thu Hà"]
    assert names(C.find_contacts("thuong truc")) == ["Nguyễn Thị Thu Hà"]
    # by the unit, with the name: "ha dang uy xa" — and a name match comes before a position one
    assert names(C.find_contacts("ha dang uy xa")) == ["Nguyễn Thị Thu Hà"]
    assert names(C.find_contacts("bi thu"))[:1] == ["Phạm Văn Đức"]
    assert C.find_contacts("ong bi") == []             # inside a word: still no match
