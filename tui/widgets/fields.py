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
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.binding import Binding
from textual.widgets import Input, Label, Static

from models.errors import ValidationError
from models.money import parse_money      # also "1,25tr" when it can mean one amount only
from models.text import (FIELD_MAX, YEAR_MAX, YEAR_MIN, check_text, format_date, format_money, nfc,
                         parse_date, require_text)

from .. import strings as S


# keys that move the focus out of a field: held in order with the text keys (InOrderKeys)
FOCUS_KEYS = ("tab", "shift+tab", "enter")


class InOrderKeys:
    """Keys typed ahead reach the field they were typed for (a mixin for a form field's control).

    Textual hands each key to the widget focused when the key is read, but runs a key's binding
    (Tab: next field, Enter: submit, ←, Backspace …) only once the key has bubbled up to the
    app — after the keys typed behind it were already given to this same widget. Over a slow
    SSH line (or from a fast typist) "admin", Tab, "matkhau", Enter arrive in one burst and all
    went into the user name. Here a key that is not text runs its binding at once, in order
    with the text, and a key that reaches this control after the focus has left it goes on to
    the widget that has the focus now. (Uses Textual-private ``App._check_bindings``: revisit
    on upgrade.)"""

    def _typed_ahead(self, event) -> bool:
        """Pass on a key that came here after the focus moved away; True when passed on."""
        target = self.app.focused
        if target is None or target is self or not event.is_forwarded:
            return False
        event.stop()
        event.prevent_default()
        target._forward_event(events.Key(event.key, event.character))
        return True

    async def _bound_now(self, event) -> bool:
        """Run the key's binding now (the focused widget's, its form's, the screen's)."""
        if not await self.app._check_bindings(event.key):
            return False
        event.stop()
        event.prevent_default()
        if event.key == "enter":
            field = next((a for a in self.ancestors if isinstance(a, Field)), None)
            if field is not None and field.MOVES_ON_ENTER:
                # the field's form moves on once its message arrives; the keys typed behind
                # Enter must find the next field focused already
                focus_next_field(form_of(field), field)
        return True


class TextInput(InOrderKeys, Input):
    """An Input whose cursor does not blink: a blinking cursor repaints the line twice a second,
    which over SSH is traffic for nothing (and keeps screenshots still).

    Focused, it never selects its text (the first letter typed would wipe it): the cursor goes
    to the end. A field shown wrong selects its text when the form brings the cursor back to it
    (``select_for_correction``): what is typed then replaces the wrong value."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("compact", True)
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self.cursor_blink = False
        self._select_next_focus = False

    def _on_focus(self, event) -> None:
        super()._on_focus(event)
        if self._select_next_focus:
            self._select_next_focus = False
            self.select_all()
        elif not event.from_app_focus:
            self.cursor_position = len(self.value)
        self.app.cursor_position = self.cursor_screen_offset

    def select_for_correction(self) -> None:
        if self.has_focus:
            self.select_all()
        else:
            self._select_next_focus = True

    async def _on_key(self, event) -> None:
        if self._typed_ahead(event):
            return
        if not event.is_printable and await self._bound_now(event):
            return
        await super()._on_key(event)


class Field(Widget):
    """One labelled text input with its error line. Subclasses override ``parse``."""

    DEFAULT_CSS = """
    Field { height: auto; }
    Field > .field-row { height: 1; }
    Field .field-label { width: 24; }
    Field .field-input { width: 1fr; }
    Field .field-error { display: none; padding-left: 24; height: auto; }
    Field .field-help { padding-left: 24; height: auto; }
    Field.-invalid .field-error { display: block; }
    Field.-stacked .field-label { width: 1fr; }
    Field.-stacked .field-error, Field.-stacked .field-help { padding-left: 0; }
    """

    MOVES_ON_ENTER = True       # Enter goes on to the next field (ContactField may open a list)

    class Submitted(Message):
        """Enter was pressed in the field (the form moves on or saves)."""

        def __init__(self, field: "Field"):
            super().__init__()
            self.field = field

        @property
        def control(self) -> "Field":
            return self.field

    def __init__(self, label: str, field: str = "", *, value: Any = "", placeholder: str = "",
                 password: bool = False, help: str = "", max_length: int = 0,
                 stacked: bool = False, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.label = label
        self.field = field or (id or "")
        self._initial = self.format(value)
        self._placeholder = placeholder
        self._password = password
        self._help = help
        self._max_length = max_length
        self.dirty = False
        self._error = ""
        if stacked:
            self.add_class("-stacked")

    # --- composition -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        if self.has_class("-stacked"):
            yield Label(self.label, classes="field-label")
            yield self.make_control()
        else:
            with Horizontal(classes="field-row"):
                yield Label(self.label, classes="field-label")
                yield self.make_control()
        if self._help:
            yield Static(self._help, classes="field-help", markup=False)
        yield Static("", classes="field-error", markup=False)

    def make_control(self) -> Widget:
        return TextInput(value=self._initial, placeholder=self._placeholder, password=self._password,
                         max_length=self._max_length, classes="field-input")

    @property
    def control(self) -> Widget:
        return self.query_one(".field-input")

    @property
    def input(self) -> Input:
        return self.query_one(".field-input", Input)

    def focus(self, scroll_visible: bool = True) -> "Field":
        self.control.focus(scroll_visible)
        return self

    # --- value -------------------------------------------------------------------------------
    @property
    def value(self) -> Any:
        """The raw text as typed."""
        return self.input.value

    @value.setter
    def value(self, v: Any) -> None:
        self.input.value = self.format(v)

    def mark_saved(self) -> None:
        """What the field shows is now stored: leaving does not ask to discard it."""
        if isinstance(self.control, Input):
            self._initial = self.input.value
        self.dirty = False

    def reset(self, v: Any) -> None:
        """Show ``v``, the stored value changed elsewhere: nothing typed here."""
        self.value = v
        self.mark_saved()

    def format(self, v: Any) -> str:
        """A stored value as text for the input."""
        return "" if v is None else str(v)

    def parse(self, text: str) -> Any:
        """Text → value; raises ValidationError(message, self.field)."""
        return nfc(text)

    max_chars = FIELD_MAX          # longer is a paste gone wrong: refused, said under the field

    def check(self, text: str) -> Any:
        """``parse`` after the checks every field makes: no NUL character, no runaway length."""
        if isinstance(text, str):          # a switch's value is not text
            check_text(text, self.label, self.field, self.max_chars)
        return self.parse(text)

    def clean(self) -> Any:
        """The parsed value; shows the error under the field and re-raises when it is wrong."""
        try:
            v = self.check(self.value)
        except ValidationError as e:
            self.show_error(e.message)
            raise
        self.clear_error()
        return v

    def is_valid(self) -> bool:
        try:
            self.clean()
        except ValidationError:
            return False
        return True

    # --- errors ------------------------------------------------------------------------------
    @property
    def error(self) -> str:
        """The error shown under the field ('' when none)."""
        return self._error

    def show_error(self, message: str) -> None:
        self._error = message
        self.query_one(".field-error", Static).update(message)
        self.add_class("-invalid")

    def clear_error(self) -> None:
        self._error = ""
        self.query_one(".field-error", Static).update("")
        self.remove_class("-invalid")

    # --- events ------------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter on a wrong value says why under the field and goes on all the same: the words
        # typed next are meant for the next field (appended here they made "31/02/2026V/v …");
        # saving refuses the form and brings the cursor back here, the wrong text selected.
        event.stop()
        if self.is_valid():
            self.after_valid()
        self.post_message(self.Submitted(self))

    def on_input_changed(self, event: Input.Changed) -> None:
        # not stopped: the form hears it too (the number a date will take, a draft's autosave)
        # (the input's first Changed, as it is mounted, carries the value it was opened with)
        self.dirty = self.dirty or self.input.value != self._initial
        self.recheck()

    def recheck(self) -> None:
        """A field shown wrong loses its error as soon as its value is right (and is not
        nagged while it is being typed)."""
        if self.has_class("-invalid"):
            try:
                self.check(self.value)
            except ValidationError:
                return
            self.clear_error()

    def on_descendant_blur(self, event) -> None:
        if self.dirty and self.is_valid():
            self.after_valid()

    def after_valid(self) -> None:
        """Hook: tidy the text once it is valid (MoneyField adds the dots)."""


class TextField(Field):
    """Optional free text (NFC, trimmed)."""


class RequiredText(Field):
    """Text that must be given: "Chưa nhập tên cấp ủy." when empty."""

    def __init__(self, label: str, field: str = "", *, max_len: int = 200, **kw):
        super().__init__(label, field, **kw)
        self.max_len = max_len

    def parse(self, text: str) -> str:
        noun = self.label[:1].lower() + self.label[1:]
        return require_text(text, noun, self.field, self.max_len)


class PasswordField(Field):
    """A password: hidden, kept exactly as typed."""

    def __init__(self, label: str, field: str = "password", **kw):
        kw.setdefault("password", True)
        super().__init__(label, field, **kw)

    def parse(self, text: str) -> str:
        return text


class DateField(Field):
    """A date typed dd/mm/yyyy (also d/m/yyyy, dd.mm.yyyy)."""

    def __init__(self, label: str, field: str = "", *, required: bool = True, **kw):
        kw.setdefault("placeholder", S.DATE_PLACEHOLDER)
        self.required = required
        super().__init__(label, field, **kw)

    def format(self, v: Any) -> str:
        if isinstance(v, _dt.date):
            return format_date(v)
        return super().format(v)

    def parse(self, text: str) -> _dt.date | None:
        return parse_date(text, self.field, self.required)

    def after_valid(self) -> None:
        d = self.parse(self.value)
        if d is not None and self.value != format_date(d):
            self.input.value = format_date(d)
            self.dirty = False


class MoneyField(Field):
    """Integer đồng, shown with '.' thousands separators: 1.250.000."""

    def __init__(self, label: str, field: str = "", *, required: bool = True, **kw):
        kw.setdefault("placeholder", S.MONEY_PLACEHOLDER)
        self.required = required
        super().__init__(label, field, **kw)

    def format(self, v: Any) -> str:
        if isinstance(v, int) and not isinstance(v, bool):
            return format_money(v, unit=False)
        return super().format(v)

    def parse(self, text: str) -> int | None:
        if not self.required and not nfc(text):
            return None
        return parse_money(text, self.field)

    def after_valid(self) -> None:
        v = self.parse(self.value)
        if v is not None and self.value != format_money(v, unit=False):
            self.input.value = format_money(v, unit=False)
            self.dirty = False


class IntField(Field):
    """A whole number, optionally within bounds (``required=False``: empty gives None)."""

    def __init__(self, label: str, field: str = "", *, minimum: int | None = None,
                 maximum: int | None = None, required: bool = True, **kw):
        super().__init__(label, field, **kw)
        self.minimum, self.maximum = minimum, maximum
        self.required = required

    def parse(self, text: str) -> int | None:
        s = nfc(text).replace(".", "")
        if not s and not self.required:
            return None
        try:
            v = int(s)
        except ValueError:
            raise ValidationError(S.INT_REQUIRED, self.field) from None
        if (self.minimum is not None and v < self.minimum) or (self.maximum is not None and v > self.maximum):
            raise ValidationError(S.INT_RANGE.format(minimum=self.minimum, maximum=self.maximum),
                                  self.field)
        return v


class YearField(IntField):
    """A year an office's papers can bear (1900–2100 unless narrower bounds are given)."""

    def __init__(self, label: str, field: str = "year", *, minimum: int = YEAR_MIN,
                 maximum: int = YEAR_MAX, **kw):
        super().__init__(label, field, minimum=max(minimum, YEAR_MIN),
                         maximum=min(maximum, YEAR_MAX), **kw)


class TimeField(Field):
    """A time of day typed hh:mm (also h:mm, hh.mm, hhmm)."""

    def __init__(self, label: str, field: str = "", **kw):
        kw.setdefault("placeholder", S.TIME_PLACEHOLDER)
        super().__init__(label, field, **kw)

    def format(self, v: Any) -> str:
        if isinstance(v, _dt.time):
            return v.strftime("%H:%M")
        return super().format(v)

    def parse(self, text: str) -> _dt.time:
        s = nfc(text).replace(".", ":").replace("h", ":").rstrip(":")
        if s.isdigit() and len(s) in (3, 4):
            s = f"{s[:-2]}:{s[-2:]}"
        try:
            h, m = (int(x) for x in s.split(":"))
            return _dt.time(h, m)
        except (ValueError, TypeError):
            raise ValidationError(S.TIME_INVALID, self.field) from None

    def after_valid(self) -> None:
        t = self.parse(self.value)
        if self.value != t.strftime("%H:%M"):
            self.input.value = t.strftime("%H:%M")
            self.dirty = False


class Cycle(InOrderKeys, Static, can_focus=True):
    """One value out of a short list, on one line: "‹ Thường ›". ← → change it; typing the
    first letters (without accents) jumps there; Enter goes on to the next field."""

    BINDINGS = [Binding("left", "step(-1)", S.KEY_PREV_CHOICE, show=False),
                Binding("right,space", "step(1)", S.KEY_NEXT_CHOICE, show=False),
                Binding("enter", "submit", S.KEY_NEXT_FIELD, show=False)]

    class Changed(Message):
        def __init__(self, cycle: "Cycle", value: Any):
            super().__init__()
            self.cycle = cycle
            self.value = value

        @property
        def control(self) -> "Cycle":
            return self.cycle

    def __init__(self, options: list[tuple[str, Any]], value: Any = None, classes: str | None = None):
        super().__init__("", classes=classes, markup=False)
        self.options = options
        values = [v for _, v in options]
        self.index = values.index(value) if value in values else 0
        self._typed = ""
        self._typed_at = 0.0

    def on_mount(self) -> None:
        self._show()

    @property
    def value(self) -> Any:
        return self.options[self.index][1] if self.options else None

    @value.setter
    def value(self, v: Any) -> None:
        values = [x for _, x in self.options]
        if v in values:
            self._set(values.index(v))

    @property
    def label(self) -> str:
        return self.options[self.index][0] if self.options else ""

    def _show(self) -> None:
        self.update(f"‹ {self.label} ›")

    def _set(self, i: int) -> None:
        if not self.options:
            return
        i %= len(self.options)
        changed = i != self.index
        self.index = i
        if self.is_mounted:
            self._show()
        if changed:
            self.post_message(self.Changed(self, self.value))

    def action_step(self, delta: int) -> None:
        self._set(self.index + delta)

    def action_submit(self) -> None:
        field = next((a for a in self.ancestors if isinstance(a, Field)), None)
        if field is not None:
            field.post_message(Field.Submitted(field))

    async def _on_key(self, event) -> None:
        if self._typed_ahead(event):
            return
        ch = event.character
        if not ch or not ch.isprintable() or ch == " " or event.key in ("question_mark", "slash"):
            await self._bound_now(event)
            return
        import time
        from models.text import fold
        now = time.monotonic()
        self._typed = (self._typed + ch) if now - self._typed_at < 1.0 else ch
        self._typed_at = now
        want = fold(self._typed)
        n = len(self.options)
        start = self.index + (1 if len(want) == 1 else 0)
        for match in (lambda lbl: lbl.startswith(want),                      # "cong" → Công văn
                      lambda lbl: "".join(w[0] for w in lbl.split()).startswith(want)):  # "cv"
            for k in range(n):
                i = (start + k) % n
                if match(fold(self.options[i][0])):
                    event.stop()
                    self._set(i)
                    return


class CycleField(Field):
    """A choice among a few values, on one line (← → or the first letters; Enter goes on)."""

    def __init__(self, label: str, field: str, options: Iterable[tuple[str, Any]], *,
                 value: Any = None, **kw):
        self.options = list(options)
        self._choice = value
        super().__init__(label, field, **kw)

    def make_control(self) -> Widget:
        return Cycle(self.options, self._choice, classes="field-input")

    @property
    def cycle(self) -> Cycle:
        return self.query_one(".field-input", Cycle)

    @property
    def value(self) -> Any:
        return self.cycle.value

    @value.setter
    def value(self, v: Any) -> None:
        self.cycle.value = v

    def parse(self, value) -> Any:
        return value

    def on_cycle_changed(self, event: Cycle.Changed) -> None:
        self.dirty = True


class ChoiceField(Field):
    """One of a few choices (Enter opens the list, ↑ ↓ then Enter chooses)."""

    def __init__(self, label: str, field: str, options: Iterable[tuple[str, Any]], *, value: Any = None,
                 **kw):
        self.options = list(options)
        self._choice = value if value is not None else self.options[0][1]
        super().__init__(label, field, **kw)

    def make_control(self) -> Widget:
        from textual.widgets import Select     # only forms with a choice pay for it
        return Select(self.options, value=self._choice, allow_blank=False, compact=True,
                      classes="field-input")

    @property
    def value(self) -> Any:
        return self.query_one(".field-input").value

    @value.setter
    def value(self, v: Any) -> None:
        self.query_one(".field-input").value = v

    def parse(self, value) -> Any:
        return value

    def on_select_changed(self, event) -> None:
        event.stop()
        self.dirty = True


class YesNo(InOrderKeys, Static, can_focus=True):
    """A yes/no switch that reads the same in 16 colours: "[x] Có" / "[ ] Không".
    Space or Enter toggles it."""

    BINDINGS = [Binding("space,enter", "toggle", S.KEY_TOGGLE, key_display="Space")]

    class Changed(Message):
        def __init__(self, yes_no: "YesNo", value: bool):
            super().__init__()
            self.yes_no = yes_no
            self.value = value

        @property
        def control(self) -> "YesNo":
            return self.yes_no

    def __init__(self, value: bool = False, classes: str | None = None):
        super().__init__("", classes=classes, markup=False)
        self._value = bool(value)

    def on_mount(self) -> None:
        self._show()

    @property
    def value(self) -> bool:
        return self._value

    @value.setter
    def value(self, v: bool) -> None:
        self._value = bool(v)
        if self.is_mounted:
            self._show()

    async def _on_key(self, event) -> None:
        if not self._typed_ahead(event):
            await self._bound_now(event)

    def _show(self) -> None:
        self.update(S.BOOL_ON if self._value else S.BOOL_OFF)
        self.set_class(self._value, "-on")

    def action_toggle(self) -> None:
        self.value = not self._value
        self.post_message(self.Changed(self, self._value))


class BoolField(Field):
    """Yes/no (Space or Enter toggles)."""

    def __init__(self, label: str, field: str, *, value: bool = False, **kw):
        self._checked = bool(value)
        super().__init__(label, field, **kw)

    def make_control(self) -> Widget:
        return YesNo(self._checked, classes="field-input")

    @property
    def value(self) -> bool:
        return self.query_one(".field-input", YesNo).value

    @value.setter
    def value(self, v: bool) -> None:
        self.query_one(".field-input", YesNo).value = bool(v)

    def parse(self, value) -> bool:
        return bool(value)

    def on_yes_no_changed(self, event: YesNo.Changed) -> None:
        event.stop()
        self.dirty = True


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
