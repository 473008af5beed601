"""Thiết lập ban đầu: the office's particulars and its first administrator, on first run.

Enter moves to the next field; Enter on the last field or Ctrl+S saves through
models.office.first_run_setup (the office and the admin together or not at all), then the
login screen opens with the new username filled in."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from models import office

from .. import strings as S
from ..widgets.dialogs import guarded
from ..widgets.fields import (DateField, Field, FormScroll, PasswordField, RequiredText, TextField,
                              clean_fields, focus_next_field)
from .base import BaseScreen


class WizardScreen(BaseScreen):
    TITLE_VI = S.WIZARD_TITLE
    BINDINGS = [Binding("ctrl+s", "save", S.KEY_FINISH, key_display="^s")]
    AUTO_FOCUS = "#wizard-form Input"

    def compose_body(self) -> ComposeResult:
        with FormScroll(id="wizard-form"):
            yield Static(S.WIZARD_INTRO, classes="intro")
            yield Static(S.WIZARD_OFFICE, classes="section-title")
            yield RequiredText(S.FIELD_OFFICE_NAME, "name", placeholder=S.FIELD_OFFICE_NAME_PH)
            yield RequiredText(S.FIELD_SUPERIOR, "superior", placeholder=S.FIELD_SUPERIOR_PH)
            yield RequiredText(S.FIELD_BODY_ABBR, "body_abbr", value=office.Office.body_abbr.default,
                               max_len=12)
            yield RequiredText(S.FIELD_PLACE, "place", placeholder=S.FIELD_PLACE_PH)
            yield DateField(S.FIELD_TERM_START, "term_start")
            yield TextField(S.FIELD_TERM_LABEL, "term_label", placeholder=S.FIELD_TERM_LABEL_PH)
            yield Static(S.WIZARD_ADMIN, classes="section-title")
            yield TextField(S.FIELD_USERNAME, "username", placeholder=S.FIELD_USERNAME_PH)
            yield RequiredText(S.FIELD_FULL_NAME, "full_name", max_len=120)
            yield PasswordField(S.FIELD_PASSWORD, "password", placeholder=S.FIELD_PASSWORD_PH)
            yield PasswordField(S.FIELD_PASSWORD2, "password2")
            yield Static("", classes="form-error", id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(S.WIZARD_BUTTON, id="finish", compact=True)

    def on_field_submitted(self, event: Field.Submitted) -> None:
        event.stop()
        if not focus_next_field(self, event.field):
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @guarded
    def action_save(self) -> None:
        self.query_one("#form-error", Static).update("")
        values = clean_fields(self.query_one("#wizard-form"))
        if values is None:
            return
        if values["password"] != values["password2"]:
            f = self.query_one("#wizard-form").query(PasswordField).last()
            f.show_error(S.PASSWORDS_DIFFER)
            f.focus()
            return
        office_values = {k: values[k] for k in office.OFFICE_FIELDS}
        office.first_run_setup(office_values, values["username"], values["full_name"],
                               values["password"])
        username = values["username"].strip().lower()
        self.app.notify(S.WIZARD_DONE)
        self.app.show_login(username)

    def show_validation_error(self, err) -> bool:
        if super().show_validation_error(err):
            return True
        if err.field is None:
            self.query_one("#form-error", Static).update(err.message)
            return True
        return False
