"""Full-screen forms (``FormScreen``: a form longer than a dialog holds at 80×24) and the
yes/no options of a cycling field."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from models.errors import ValidationError

from ... import strings as S
from ...widgets.dialogs import guarded
from ...widgets.fields import Field, FormScroll, focus_next_field, show_validation_error
from ..base import AreaScreen


def yes_no() -> list[tuple[str, bool]]:
    """A yes/no as a CycleField's options (Enter goes on; ← → or C/K change it)."""
    return [(S.BOOL_NO, False), (S.BOOL_YES, True)]


class FormScreen(AreaScreen):
    """A form on a screen of its own (longer than a dialog holds at 80×24): Enter goes field
    to field, Ctrl+S or Enter on the last field saves, Esc leaves (asking first when something
    was typed). A models ValidationError lands under its field."""

    BINDINGS = [Binding("escape", "back", S.KEY_CANCEL, key_display="Esc"),
                Binding("ctrl+s", "save", S.KEY_SAVE, key_display="^s")]
    HINT = S.FORM_HINT

    def compose_body(self) -> ComposeResult:
        with FormScroll(id="form"):
            yield from self.compose_form()
        yield Static("", id="form-info", markup=False)
        yield Static("", id="form-error", classes="form-error", markup=False)
        yield Static(self.HINT, id="form-hint", classes="hint", markup=False)

    def compose_form(self) -> ComposeResult:
        yield from ()

    @property
    def form(self):
        return self.query_one("#form", FormScroll)

    def field(self, name: str) -> Field:
        return next(f for f in self.form.query(Field) if f.field == name)

    def on_mount(self) -> None:
        """The cursor starts where typing begins: at the first empty field. What a new record
        comes filled with (today's date, the time now) is a suggestion the clerk rarely changes
        (Shift+Tab goes back to it); a record opened to correct starts at its first field."""
        fields = list(self.form.query(Field))
        if fields:
            empty = next((f for f in fields
                          if isinstance(f.control, Input) and not f.control.value.strip()), None)
            (empty or fields[0]).focus()

    def on_field_submitted(self, event) -> None:
        event.stop()
        self.field_done(event.field)
        if not focus_next_field(self.form, event.field):
            self.action_save()

    def field_done(self, field: Field) -> None:
        """Hook: a field was left with Enter (the form may update a hint)."""

    def show_validation_error(self, err: ValidationError) -> bool:
        if show_validation_error(self.form, err):
            return True
        self.set_error(err.message)
        return True

    def set_error(self, message: str) -> None:
        err = self.query_one("#form-error", Static)
        err.update(message)
        err.set_class(bool(message), "-shown")

    @guarded
    def action_save(self) -> None:
        self.set_error("")
        self.save()

    def save(self) -> None:
        raise NotImplementedError

    def action_back(self) -> None:
        if any(f.dirty for f in self.form.query(Field)):
            self.app.confirm(S.FORM_DISCARD, self.app.go_back)
            return
        self.app.go_back()
