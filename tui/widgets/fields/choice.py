"""Fields chosen rather than typed: one value out of a short list, a choice, yes or no."""
from __future__ import annotations

from typing import Any, Iterable

from textual.message import Message
from textual.widget import Widget
from textual.binding import Binding
from textual.widgets import Static

from ... import strings as S
from .base import Field, InOrderKeys


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
