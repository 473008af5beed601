"""Search folding (NFC/NFD, đ, case) and the Vietnamese text rules."""
import datetime as dt
import unicodedata

import pytest

from models import search, text
from models.errors import ValidationError


@pytest.fixture
def indexed(home):
    search.register_kind("testdoc", 90, "Thử")
    search.index("testdoc", 1, "Báo cáo thu nộp Đảng phí quý III", "Chi bộ thôn Đồng Tâm")
    search.index("testdoc", 2, "Kế hoạch tổ chức Đại hội chi bộ", "Đảng ủy xã")
    search.index("testdoc", 3, "Công văn về dân vận", "UBND xã")
    return search


@pytest.mark.parametrize("q", ["dang phi", "Đảng phí", "ĐẢNG PHÍ", "đang phi", "DANG PHI",
                               unicodedata.normalize("NFD", "Đảng phí"), "đảng PHÍ"])
def test_all_spellings_find_the_same_record(indexed, q):
    assert [h.ref for h in search.query(q)] == [1]


def test_nfd_stored_text_is_found_by_nfc_query(indexed):
    search.index("testdoc", 4, unicodedata.normalize("NFD", "Nghị quyết Đảng bộ"))
    assert [h.ref for h in search.query("nghị quyết đảng bộ")] == [4]
    assert unicodedata.is_normalized("NFC", search.query("nghi quyet")[0].title)


def test_prefix_and_all_words(indexed):
    assert {h.ref for h in search.query("chi bo")} == {1, 2}
    assert [h.ref for h in search.query("dai hoi chi")] == [2]
    assert [h.ref for h in search.query("dan v")] == [3]
    assert search.query("khong co gi") == []
    assert search.query("  ") == []


def test_reindex_replaces_and_remove_removes(indexed):
    search.index("testdoc", 3, "Công văn về quốc phòng")
    assert search.query("dan van") == []
    search.remove("testdoc", 1)
    assert search.query("dang phi") == []


def test_fold():
    assert text.fold("Đảng Ủy") == "dang uy"
    assert text.fold(unicodedata.normalize("NFD", "Thượng khẩn")) == "thuong khan"


def test_people_sort_by_given_name_in_vietnamese_order():
    names = ["Lê Thị Bình", "Trần Văn An", "Nguyễn Văn Ánh", "Phạm Văn Anh", "Hoàng Văn Đức",
             "Lê Văn Dũng", "Vũ Thị Ân", "Đỗ Văn Ă"]
    got = sorted(names, key=text.person_sort_key)
    assert got == ["Trần Văn An", "Phạm Văn Anh", "Nguyễn Văn Ánh", "Đỗ Văn Ă", "Vũ Thị Ân",
                   "Lê Thị Bình", "Lê Văn Dũng", "Hoàng Văn Đức"]


def test_money_is_integer_dong():
    assert text.format_money(1250000) == "1.250.000 đ"
    assert text.parse_money("1.250.000 đ") == 1250000
    assert text.parse_money("1250000") == 1250000
    with pytest.raises(ValidationError, match="không có phần lẻ"):
        text.parse_money("12,5")
    with pytest.raises(ValidationError, match="không hợp lệ"):
        text.parse_money("12.50")
    with pytest.raises(TypeError):
        text.format_money(1.5)


def test_dates_are_dd_mm_yyyy():
    assert text.parse_date("05/03/2026") == dt.date(2026, 3, 5)
    assert text.parse_date("5/3/2026") == dt.date(2026, 3, 5)
    assert text.format_date(dt.date(2026, 3, 5)) == "05/03/2026"
    with pytest.raises(ValidationError, match="Không có ngày 31/02/2026"):
        text.parse_date("31/02/2026")
    with pytest.raises(ValidationError, match="dd/mm/yyyy"):
        text.parse_date("2026-03-05")
    assert text.formal_date("Xã Tân Lập", dt.date(2026, 3, 5)) == "Xã Tân Lập, ngày 05 tháng 3 năm 2026"
    assert text.formal_date("Xã Tân Lập", dt.date(2026, 1, 9)) == "Xã Tân Lập, ngày 09 tháng 01 năm 2026"
