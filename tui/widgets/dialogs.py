"""Small modal dialogs: an error, a message, a yes/no question, and the base of form dialogs.

    app.push_screen(ConfirmDialog("Hủy văn bản số 12?"), callback)   # callback(True|False)
    app.push_screen(ErrorDialog(str(err)))

``guarded`` wraps an event handler so that a ``VanphongError`` raised by a models call is shown
to the person as its Vietnamese message instead of ending the program; any other error (the
database busy, a bug) is shown as a Vietnamese dialog too, its traceback in the office's log.
"""
from __future__ import annotations

import functools
import inspect

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from models.errors import ValidationError, VanphongError

from .. import strings as S


def guarded(fn):
    """Show a VanphongError from ``fn`` (a method of a widget or screen) in an error dialog.

    A ValidationError naming a field is shown under that field when the screen is a form."""
    def handle(self, e: VanphongError) -> None:
        if isinstance(e, ValidationError) and hasattr(self, "show_validation_error"):
            if self.show_validation_error(e):
                return
        self.app.show_error(e)

    if inspect.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def wrapper(self, *args, **kwargs):
            try:
                return await fn(self, *args, **kwargs)
            except VanphongError as e:
                handle(self, e)
            except Exception as e:          # the database busy, a bug: a dialog, form kept
                self.app.show_unexpected(e)
    else:
        @functools.wraps(fn)
        def wrapper(self, *args, **kwargs):
            try:
                return fn(self, *args, **kwargs)
            except VanphongError as e:
                handle(self, e)
            except Exception as e:          # the database busy, a bug: a dialog, form kept
                self.app.show_unexpected(e)
    return wrapper


class Dialog(ModalScreen):
    """A framed box in the middle of the screen; Esc closes it with ``None``."""

    BINDINGS = [Binding("escape", "cancel", S.KEY_CLOSE, key_display="Esc"),
                Binding("f1", "app.help", S.KEY_HELP, key_display="F1", show=False)]
    TITLE_VI = ""

    def __init__(self, title: str = "", **kw):
        super().__init__(**kw)
        self.dialog_title = title or self.TITLE_VI

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self.dialog_title
            yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def action_cancel(self) -> None:
        self.dismiss(None)


class MessageDialog(Dialog):
    """A message to read; Enter or Esc closes it."""

    BINDINGS = [Binding("escape,enter", "cancel", S.KEY_CLOSE, key_display="Enter")]

    def __init__(self, message: str, title: str = S.DIALOG_INFO, severity: str = "info"):
        super().__init__(title)
        self.message = message
        self.add_class(f"-{severity}")

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-text"):
            yield Static(self.message, id="dialog-message", markup=False)
        with Horizontal(classes="dialog-buttons"):
            yield Button(S.DIALOG_OK, id="ok", compact=True)

    def on_mount(self) -> None:
        # the app may be closing while this dialog mounts (its buttons already gone): no crash
        for b in self.query("#ok").results(Button):
            b.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


class ErrorDialog(MessageDialog):
    """An error in Vietnamese: what went wrong and, where known, what to do."""

    def __init__(self, message: str, title: str = S.DIALOG_ERROR):
        super().__init__(message, title, severity="error")


class ConfirmDialog(Dialog):
    """A yes/no question: Enter (on the yes button) dismisses with True, Esc with False. No
    letter keys, so a stray keystroke confirms nothing."""

    BINDINGS = [Binding("escape", "no", S.KEY_NO, key_display="Esc"),
                Binding("enter", "yes", S.KEY_YES, key_display="Enter")]

    def __init__(self, question: str, title: str = S.DIALOG_CONFIRM, yes: str = S.DIALOG_YES,
                 no: str = S.DIALOG_NO):
        super().__init__(title)
        self.question, self.yes_label, self.no_label = question, yes, no

    def compose_body(self) -> ComposeResult:
        yield Static(self.question, id="dialog-message", markup=False)
        with Horizontal(classes="dialog-buttons"):
            yield Button(self.yes_label, id="yes", compact=True)
            yield Button(self.no_label, id="no", compact=True)

    def on_mount(self) -> None:
        # the app may be closing while this dialog mounts (its buttons already gone): no crash
        for b in self.query("#yes").results(Button):
            b.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        focused = self.focused
        self.dismiss(not (isinstance(focused, Button) and focused.id == "no"))

    def action_no(self) -> None:
        self.dismiss(False)


class FormDialog(Dialog):
    """A dialog holding form fields (tui.widgets.fields). Enter goes field to field; Ctrl+S,
    or Enter on the last field, calls ``save()``; a ValidationError raised there is shown under
    its field. (Textual calls a handler of every class up the MRO: a subclass does not
    redefine ``on_field_submitted``.)"""

    BINDINGS = [Binding("escape", "cancel", S.KEY_CLOSE, key_display="Esc"),
                Binding("ctrl+s", "save", S.KEY_SAVE, key_display="^s")]
    SAVE_LABEL = S.DIALOG_SAVE          # the button that runs save(): "In (Ctrl+S)" when printing

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box form-dialog") as box:
            box.border_title = self.dialog_title
            from .fields import FormScroll
            with FormScroll(classes="dialog-form"):
                yield from self.compose_body()
            yield Static("", classes="form-error", id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.SAVE_LABEL, id="save", compact=True)
                yield Button(S.DIALOG_CANCEL, id="cancel", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def on_field_submitted(self, event) -> None:
        """Enter in a field: on to the next one; on the last one, save."""
        from .fields import focus_next_field
        event.stop()
        if not focus_next_field(self, event.field):
            self.action_save()

    def show_validation_error(self, err: ValidationError) -> bool:
        from .fields import show_validation_error
        if show_validation_error(self, err):
            return True
        self.query_one("#form-error", Static).update(err.message)
        return True

    @guarded
    def action_save(self) -> None:
        self.query_one("#form-error", Static).update("")
        result = self.save()
        if result is not None:
            self.dismiss(result)

    def save(self):
        """Validate, call models, return the result to dismiss with (None: stay open)."""
        raise NotImplementedError
