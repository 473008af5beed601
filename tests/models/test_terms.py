"""Opening a new term: the check a screen runs before asking for confirmation refuses exactly
what opening would refuse, and changes nothing."""
from __future__ import annotations

import datetime as dt

import pytest

from models import audit, terms
from models.errors import PermissionDenied, ValidationError


def test_check_new_term_names_the_term_that_will_end_and_changes_nothing(office):
    before = audit.AuditEntry.select().count()
    cur = terms.check_new_term(office["admin"], dt.date(2026, 6, 1), "2026–2031", "Đại hội lần thứ II")
    assert (cur.start, cur.end, cur.label) == (dt.date(2025, 8, 16), None, "2025–2030")
    assert len(terms.all_terms()) == 1 and terms.current_term().end is None
    assert audit.AuditEntry.select().count() == before


@pytest.mark.parametrize("start, label, congress, field, words", [
    (dt.date(2025, 8, 16), "", "", "term_start", "phải bắt đầu sau ngày bắt đầu nhiệm kỳ hiện tại"),
    (dt.date.today() + dt.timedelta(days=30), "", "", "term_start", "sau khi đại hội đã bế mạc"),
    (dt.date(2026, 6, 1), "x" * 41, "", "term_label", "Tên nhiệm kỳ dài quá"),
    (dt.date(2026, 6, 1), "", "Đ" * 201, "congress", "Tên đại hội dài quá"),
    (dt.date(2026, 6, 1), "2025-2030", "", "term_label", "Đã có nhiệm kỳ 2025–2030 (từ 16/08/2025)"),
])
def test_check_and_open_refuse_alike_at_the_same_field(office, start, label, congress, field, words):
    for fn in (terms.check_new_term, terms.open_term):
        with pytest.raises(ValidationError) as e:
            fn(office["admin"], start, label, congress)
        assert e.value.field == field and words in e.value.message
    assert len(terms.all_terms()) == 1


def test_only_an_administrator_may_even_ask(office):
    with pytest.raises(PermissionDenied):
        terms.check_new_term(office["clerk"], dt.date(2026, 6, 1))


def test_a_term_typed_with_a_hyphen_is_written_with_the_en_dash(office):
    assert terms.term_label(" 2026-2031 ") == "2026–2031"
    assert terms.term_label("2026 - 2031") == "2026–2031"
    assert terms.term_label("khóa XXI") == "khóa XXI"
    t = terms.open_term(office["admin"], dt.date(2026, 6, 1), "2026-2031")
    assert (t.label, t.name) == ("2026–2031", "nhiệm kỳ 2026–2031")
