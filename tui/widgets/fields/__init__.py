"""Form fields with validation: a label and an input on one line, and the error, in Vietnamese,
right under the field.

Each field parses its text with the same function the models use (models.text.parse_date,
models.money.parse_money, require_text), so the screen says exactly what the save would refuse. A field is
named by ``field`` — the name models use in ``ValidationError.field`` — so an error raised on
save lands under the right field (``show_validation_error``).

    with Vertical(id="form"):
        yield RequiredText("Tên cấp ủy", "name")
        yield DateField("Ngày bắt đầu nhiệm kỳ", "term_start")
        yield MoneyField("Số tiền", "amount")
    ...
    values = clean_fields(self.query_one("#form"))   # None when a field is wrong

The fields by kind, each module re-exported here (``from tui.widgets.fields import X``):

  base        ``Field`` (label, input, error) and the keys held in order with the typing
  text        typed: text, required text, password, date, money, whole number, year, time
  choice      chosen: one of a short list (‹ › cycle), a choice, yes or no
  forms       a form of fields: cleaning them, errors shown and focused, Enter onward
"""
# ruff: noqa: F401  (the package re-exports its modules' public names)
from __future__ import annotations

from .base import (FOCUS_KEYS, Field, InOrderKeys, TextInput)
from .text import (DateField, IntField, MoneyField, PasswordField, RequiredText, TextField, TimeField,
                   YearField)
from .choice import (BoolField, ChoiceField, Cycle, CycleField, YesNo)
from .forms import (FormScroll, clean_fields, fields_of, focus_first_error, focus_for_correction,
                    focus_next_field, form_of, show_validation_error, unsaved_typing)
