"""What no one means to type is refused where every path passes — the records themselves: a NUL
character, text longer than a field can hold, a year no register can bear."""
from __future__ import annotations

import datetime as dt

import pytest

from models import contacts, documents, office as office_mod
from models.errors import ValidationError
from models.text import check_year, parse_date


def test_a_nul_character_is_refused_by_every_write_path(office):
    clerk = office["clerk"]
    with pytest.raises(ValidationError) as e:
        contacts.add_contact(clerk, "UBND xã\x00Tân Lập")
    assert e.value.field == "name" and "NUL" in e.value.message
    with pytest.raises(ValidationError) as e:
        documents.register_incoming(clerk, arrived_at=dt.datetime(2026, 3, 2, 8),
                                    sender="Huyện ủy", summary="V/v hội nghị\x00")
    assert e.value.field == "summary"
    with pytest.raises(ValidationError):
        office_mod.update_office(office["admin"], {"name": "Đảng ủy\x00"})
    assert documents.Incoming.select().count() == 0


def test_text_longer_than_a_field_can_hold_is_refused_on_save(office):
    with pytest.raises(ValidationError) as e:
        documents.register_incoming(office["clerk"], arrived_at=dt.datetime(2026, 3, 2, 8),
                                    sender="Huyện ủy", summary="x" * 2_000_001)
    assert e.value.field == "summary" and "quá dài" in e.value.message
    with pytest.raises(ValidationError):
        contacts.add_contact(office["clerk"], "Hội Nông dân", phone="0" * 5_000)


@pytest.mark.parametrize("text", ["31/12/9999", "01/01/0001", "31/12/1899", "01/01/2101"])
def test_dates_outside_1900_2100_are_refused(text):
    with pytest.raises(ValidationError, match="1900–2100"):
        parse_date(text, "date")


def test_years_outside_1900_2100_are_refused():
    assert check_year(1900) == 1900 and check_year(2100) == 2100
    for y in (0, -5, 1899, 2101, 9999):
        with pytest.raises(ValidationError, match="1900 đến 2100"):
            check_year(y, "year")
