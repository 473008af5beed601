"""What every field shares: keys held in order with the typing, the input, and ``Field`` itself
(a label and an input on one line, the error in Vietnamese right under it)."""
from __future__ import annotations

from typing import Any, Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from models.errors import ValidationError
from models.text import (FIELD_MAX, check_text, nfc)


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
                from .forms import focus_next_field, form_of  # forms build on Field: no loop
                focus_next_field(form_of(field), field)
        return True


class TextInput(InOrderKeys, Input):
    """An Input whose cursor does not blink: a blinking cursor repaints the line twice a second,
    which over SSH is traffic for nothing (and keeps screenshots still).

    Focused, it never selects its text (the first letter typed would wipe it): the cursor goes
    to the end. A field shown wrong selects its text when the form brings the cursor back to it
    (``select_for_correction``): what is typed then replaces the wrong value. So does a value
    that nothing typed after it can extend (``whole``: a full date, a time): "02/12/2026" then
    "29/02/2026" typed made "02/12/202629/02/2026", never what anyone meant."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("compact", True)
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self.cursor_blink = False
        self._select_next_focus = False
        self.whole: Callable[[str], bool] | None = None     # set by the field: its value is complete

    def _on_focus(self, event) -> None:
        super()._on_focus(event)
        if self._select_next_focus:
            self._select_next_focus = False
            self.select_all()
        elif not event.from_app_focus:
            if self.whole is not None and self.whole(self.value):
                self.select_all()
            else:
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
    # a valid value is whole, nothing typed after it can extend it (a date, a time): the cursor
    # coming into the field selects it, so typing replaces it
    WHOLE = False

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
        self._error_on: str | None = None      # the value the error was shown for
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
        control = TextInput(value=self._initial, placeholder=self._placeholder,
                            password=self._password, max_length=self._max_length,
                            classes="field-input")
        if self.WHOLE:
            control.whole = self.complete
        return control

    def complete(self, text: str) -> bool:
        """Whether ``text`` is a valid value of a ``WHOLE`` field."""
        try:
            return bool(text.strip()) and self.parse(text) is not None
        except ValidationError:
            return False

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
        self._error_on = self.value if isinstance(self.control, Input) else None
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
        nagged while it is being typed) — once it changed: the form's own errors (a date
        before another field's) are right by the field alone, and the news of the last keys
        typed before Ctrl+S arrives after the error they caused."""
        if self.has_class("-invalid") and self.value != self._error_on:
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
