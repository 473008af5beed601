"""Money: the amount in words in the accounting form, parsing what a treasurer types."""
from __future__ import annotations

import pytest

from models.errors import ValidationError
from models.money import amount_in_words, format_money, parse_money

WORDS = [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (91, "Chín mươi mốt đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (1_000, "Một nghìn đồng"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_015, "Một nghìn không trăm mười lăm đồng"),
    (1_100, "Một nghìn một trăm đồng"),
    (5_000, "Năm nghìn đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (21_000, "Hai mươi mốt nghìn đồng"),
    (24_500, "Hai mươi tư nghìn năm trăm đồng"),
    (65_400, "Sáu mươi lăm nghìn bốn trăm đồng"),
    (105_000, "Một trăm linh năm nghìn đồng"),
    (250_000, "Hai trăm năm mươi nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
    (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
    (2_021_000, "Hai triệu không trăm hai mươi mốt nghìn đồng"),
    (1_000_001, "Một triệu không trăm linh một đồng"),
    (10_000_000, "Mười triệu đồng"),
    (15_015_015, "Mười lăm triệu không trăm mười lăm nghìn không trăm mười lăm đồng"),
    (100_000_000, "Một trăm triệu đồng"),
    (101_101_101, "Một trăm linh một triệu một trăm linh một nghìn một trăm linh một đồng"),
    (123_456_789, "Một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín đồng"),
    (999_999_999, "Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn "
                  "chín trăm chín mươi chín đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_001, "Một tỷ không trăm linh một đồng"),
    (1_000_500_000, "Một tỷ năm trăm nghìn đồng"),
    (1_005_500_000, "Một tỷ không trăm linh năm triệu năm trăm nghìn đồng"),
    (2_500_000_000, "Hai tỷ năm trăm triệu đồng"),
    (21_000_000_000, "Hai mươi mốt tỷ đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (1_005_000_000_000, "Một nghìn không trăm linh năm tỷ đồng"),
    (1_000_005_000_000, "Một nghìn tỷ không trăm linh năm triệu đồng"),
]


@pytest.mark.parametrize("amount,words", WORDS)
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words


def test_at_least_forty_amounts_are_checked():
    assert len(WORDS) >= 40


def test_amount_in_words_refuses_what_is_not_money():
    with pytest.raises(TypeError):
        amount_in_words(1.5)
    with pytest.raises(ValueError):
        amount_in_words(-1)


@pytest.mark.parametrize("typed,value", [
    ("1250000", 1_250_000), ("1.250.000", 1_250_000), ("1.250.000 đ", 1_250_000),
    ("1,25tr", 1_250_000), ("1,25 triệu", 1_250_000), ("1.5tr", 1_500_000), ("2tr", 2_000_000),
    ("50k", 50_000), ("50 nghìn", 50_000), ("2 tỷ", 2_000_000_000), ("0", 0), ("5.000đ", 5_000),
    ("1,2345tr", 1_234_500),
])
def test_parse_money_accepts(typed, value):
    assert parse_money(typed) == value


@pytest.mark.parametrize("typed,reason", [
    ("1.250tr", "hai cách hiểu"), ("1,250tr", "hai cách hiểu"), ("1,25", "không có phần lẻ"),
    ("1.25", "không hợp lệ"), ("abc", "không hợp lệ"), ("", "Chưa nhập"), ("-5000", "âm"),
    ("5 xu", "Không hiểu đơn vị"), ("0,0000001tr", "không tròn đồng"), ("1,250,000", "không có phần lẻ"),
])
def test_parse_money_says_why_not(typed, reason):
    with pytest.raises(ValidationError) as e:
        parse_money(typed, "amount")
    assert reason in str(e.value)
    assert e.value.field == "amount"


def test_format_money():
    assert format_money(1_250_000) == "1.250.000 đ"
    assert format_money(0) == "0 đ"
