"""Form fields: parse with the models' own rules, say what is wrong right under the field."""
from __future__ import annotations

from textual.app import App
from textual.containers import Vertical

from models.errors import ValidationError
from tui.widgets.fields import (DateField, MoneyField, RequiredText, clean_fields,
                                show_validation_error)

from screen_size import SIZE


class FormApp(App):
    def compose(self):
        with Vertical(id="form"):
            yield RequiredText("Trích yếu", "summary")
            yield DateField("Ngày văn bản", "doc_date")
            yield MoneyField("Số tiền", "amount")


async def test_money_gets_its_dots_and_date_its_zeros_when_left(type_text, shown):
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary, date = app.query_one(RequiredText), app.query_one(DateField)
        money = app.query_one(MoneyField)
        date.focus()
        await pilot.pause()
        await type_text(pilot, "5/3/2026")
        await pilot.press("tab")
        await type_text(pilot, "1250000")
        await pilot.press("shift+tab")                 # leaving the field tidies it
        await pilot.pause()
        assert money.value == "1.250.000"
        assert date.value == "05/03/2026"
        assert "1.250.000" in shown(app)
        summary.value = "Báo cáo quý I"
        values = clean_fields(app.query_one("#form"))
    assert values is not None
    assert values["amount"] == 1_250_000 and values["doc_date"].isoformat() == "2026-03-05"
    assert values["summary"] == "Báo cáo quý I"


async def test_errors_are_vietnamese_and_under_each_field(type_text, shown):
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        date, money = app.query_one(DateField), app.query_one(MoneyField)
        date.value = "05/03"
        money.value = "12,5"
        assert clean_fields(app.query_one("#form")) is None
        await pilot.pause()
        summary = app.query_one(RequiredText)
        assert summary.error == "Chưa nhập trích yếu."
        assert date.error.startswith("Ngày phải viết dạng dd/mm/yyyy")
        assert money.error.startswith("Số tiền tính bằng đồng, không có phần lẻ")
        assert app.focused is summary.input                   # the first wrong one
        lines = shown(app).splitlines()
        for f in (summary, date, money):                      # each error on the line below its input
            y = f.input.region.y
            assert f.error[:20] in lines[y + 1]
        # fixing a field clears its error as soon as it is right
        money.focus()
        await pilot.pause()
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "125")
        assert money.error == ""


async def test_an_error_from_models_lands_under_the_named_field():
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        placed = show_validation_error(app.query_one("#form"),
                                       ValidationError("Số tiền vượt mức thu.", "amount"))
        await pilot.pause()
        assert placed
        assert app.query_one(MoneyField).error == "Số tiền vượt mức thu."
        assert app.focused is app.query_one(MoneyField).input
        assert not show_validation_error(app.query_one("#form"), ValidationError("Khác.", "other"))


class LimitsApp(App):
    def compose(self):
        from tui.widgets.fields import TextField, YearField
        with Vertical(id="form"):
            yield DateField("Ngày văn bản", "doc_date")
            yield YearField("Năm", "year")
            yield TextField("Ghi chú", "notes")


async def test_years_dates_nul_and_runaway_text_are_refused_at_the_field(shown):
    from tui.widgets.fields import TextField, YearField
    app = LimitsApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        date, year, notes = app.query_one(DateField), app.query_one(YearField), app.query_one(TextField)
        date.value = "31/12/9999"
        year.value = "0"
        notes.value = "Gửi kèm\x00"
        assert clean_fields(app.query_one("#form")) is None
        await pilot.pause()
        assert date.error == "Ngày 31/12/9999 nằm ngoài khoảng năm 1900–2100."
        assert year.error == "Cần một số nguyên trong khoảng 1900–2100."
        assert "NUL" in notes.error
        date.value, year.value, notes.value = "01/01/1900", "2100", "x" * 20_001
        assert clean_fields(app.query_one("#form")) is None
        await pilot.pause()
        assert date.error == "" and year.error == "" and "quá dài" in notes.error
        notes.value = "Gửi kèm bản chính"
        values = clean_fields(app.query_one("#form"))
    assert values == {"doc_date": __import__("datetime").date(1900, 1, 1), "year": 2100,
                      "notes": "Gửi kèm bản chính"}


async def test_an_empty_number_names_what_is_missing():
    """"Cần một số nguyên." was said of an empty Số người: nothing was typed at all."""
    from tui.widgets.fields import YearField
    app = LimitsApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        year = app.query_one(YearField)
        year.value = ""
        assert clean_fields(app.query_one("#form")) is None
        await pilot.pause()
        assert year.error == "Chưa nhập năm."


def test_a_month_that_does_not_exist_is_not_told_its_form_is_wrong():
    from models.dues import parse_month
    from models.errors import ValidationError
    for typed, said in [("13/2026", "Không có tháng 13: tháng từ 01 đến 12 (đã nhập “13/2026”)."),
                        ("2026/13", "Tháng phải viết dạng mm/yyyy, ví dụ 02/2026 (đã nhập “2026/13”).")]:
        try:
            parse_month(typed)
        except ValidationError as e:
            assert e.message == said
        else:
            raise AssertionError(typed)


async def test_the_form_hears_what_is_typed_in_its_fields(type_text):
    """A form that shows something from a field as it is typed (the number a date will take,
    a draft's autosave) is told of every change; the field stopped the news once."""
    heard: list[str] = []

    class Listening(FormApp):
        def on_input_changed(self, event) -> None:
            heard.append(event.value)

    app = Listening()
    async with app.run_test(size=SIZE) as pilot:
        app.query_one(DateField).focus()
        await pilot.pause()
        await type_text(pilot, "20/01")
        await pilot.pause()
    assert heard[-1] == "20/01" and "20/0" in heard
