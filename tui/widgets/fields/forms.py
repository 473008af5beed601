"""A form, a container of fields: its fields, cleaning them, errors shown and focused, Enter onward."""
from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll
from textual.widget import Widget

from models.errors import ValidationError

from .base import Field, TextInput


# --- forms: a container of fields ---------------------------------------------------------------
class FormScroll(VerticalScroll, can_focus=False):
    """A scrolling form that is not itself a stop for Tab: focus goes field to field, and the
    form scrolls to show the focused one."""


def fields_of(container: Widget) -> list[Field]:
    return list(container.query(Field))


def unsaved_typing(screen: Widget) -> bool:
    """Something was typed on ``screen`` and not saved (a screen with nothing worth keeping,
    the login, says ``DISCARD_ASKS = False``)."""
    if not getattr(screen, "DISCARD_ASKS", True):
        return False
    return any(f.dirty for f in screen.query(Field))


def form_of(field: Field) -> Widget:
    """The form a field belongs to: its scrolling form, else its screen."""
    return next((a for a in field.ancestors if isinstance(a, FormScroll)), field.screen)


def focus_for_correction(field: Field) -> None:
    """Bring the cursor back to a field shown wrong, its text selected: typing replaces it."""
    control = field.control
    if isinstance(control, TextInput):
        control.select_for_correction()
    field.screen.set_focus(control)


def focus_first_error(container: Widget) -> bool:
    """Focus the first field of ``container`` showing an error; False when none does."""
    bad = next((f for f in fields_of(container) if f.error), None)
    if bad is None:
        return False
    focus_for_correction(bad)
    return True


def clean_fields(container: Widget) -> dict[str, Any] | None:
    """Every field's value by name, or None after showing every field's error at once and
    focusing the first wrong one."""
    values: dict[str, Any] = {}
    first_bad: Field | None = None
    for f in fields_of(container):
        try:
            values[f.field] = f.clean()
        except ValidationError:
            first_bad = first_bad or f
    if first_bad is not None:
        focus_for_correction(first_bad)
        return None
    return values


def show_validation_error(container: Widget, err: ValidationError) -> bool:
    """Show ``err`` under the field it names; False when no field of that name is here."""
    for f in fields_of(container):
        if err.field and f.field == err.field:
            f.show_error(err.message)
            focus_for_correction(f)
            return True
    return False


def focus_next_field(container: Widget, current: Field) -> bool:
    """Move to the field after ``current``; False when it was the last one. Nothing moves
    when the focus has left ``current`` already (keys typed ahead moved it on: InOrderKeys)."""
    fields = fields_of(container)
    try:
        i = fields.index(current)
    except ValueError:
        return False
    focused = current.screen.focused
    if focused is not None and focused is not current.control and i + 1 < len(fields):
        return True
    if i + 1 < len(fields):
        nxt = fields[i + 1]
        # at once, not on the next idle: keys typed quickly after Enter go to the next field
        nxt.screen.set_focus(nxt.control)
        return True
    return False
