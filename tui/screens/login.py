"""Đăng nhập: username, password, Enter. Why a login failed comes from models.users.authenticate
and is shown at the form (one message for every failure; locked or disabled only after the
right password). An account whose password someone else set goes first to ChangePasswordScreen."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from .. import strings as S
from ..widgets.fields import Field, PasswordField, TextField, focus_next_field
from .base import BaseScreen

if TYPE_CHECKING:
    from models import users


class LoginScreen(BaseScreen):
    TITLE_VI = S.KEY_LOGIN
    DISCARD_ASKS = False                 # Ctrl+Q leaves at once: nothing here is lost
    BINDINGS = [Binding("enter", "login", S.KEY_LOGIN, key_display="Enter", show=False)]
    AUTO_FOCUS = "#login-username Input"

    def __init__(self, username: str = ""):
        super().__init__()
        self.username = username

    def compose_body(self) -> ComposeResult:
        with Vertical(id="login-box") as box:
            box.border_title = S.LOGIN_TITLE
            yield Static(self._office_line(), id="login-office", markup=False)
            yield TextField(S.FIELD_USERNAME, "username", value=self.username, id="login-username")
            yield PasswordField(S.FIELD_PASSWORD, "password", id="login-password")
            yield Static("", id="login-error", markup=False)
            yield Static(S.LOGIN_HINT, classes="hint")

    def on_mount(self) -> None:
        if self.username:
            self.query_one("#login-password", Field).focus()

    def office_changed(self) -> None:
        super().office_changed()
        self.query_one("#login-office", Static).update(self._office_line())

    def _office_line(self) -> str:
        """The office's name; nothing while the database opens on a first start (no name
        remembered yet), not "not set up" for a moment."""
        if self.app.office_name:
            return self.app.office_name
        return "" if getattr(self.app, "opening_office", False) else S.LOGIN_NO_OFFICE

    def on_field_submitted(self, event: Field.Submitted) -> None:
        event.stop()
        if event.field.id == "login-username":
            focus_next_field(self, event.field)       # (already there when keys were typed ahead)
        else:
            self.action_login()

    def action_login(self) -> None:
        username = self.query_one("#login-username", Field).value
        pw_field = self.query_one("#login-password", Field)
        error = self.query_one("#login-error", Static)
        if not username.strip():
            self.query_one("#login-username", Field).focus()
            return
        if not self.app.open_office():          # typed before the database was open
            return
        from models import users
        from models.errors import LoginError
        try:
            user = users.authenticate(username, pw_field.value, now=self.app.now())
        except LoginError as e:
            error.update(e.message)
            pw_field.value = ""
            pw_field.focus()
            return
        error.update("")
        if user.must_change_password:
            self.app.switch_screen(ChangePasswordScreen(user, pw_field.value))
            return
        self.app.login(user)
        self.app.notify(S.LOGIN_WELCOME.format(full_name=user.full_name))


class ChangePasswordScreen(BaseScreen):
    """Right after a login with a password someone else set: the new one twice. The models
    refuse the old one and an easy one; Esc goes back to the login (nobody is logged in)."""
    TITLE_VI = S.MUST_CHANGE_SCREEN
    DISCARD_ASKS = False
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc")]
    AUTO_FOCUS = "#new-password Input"

    def __init__(self, user: users.User, old_password: str):
        super().__init__()
        self.user = user
        self.old_password = old_password

    def compose_body(self) -> ComposeResult:
        with Vertical(id="login-box") as box:
            box.border_title = S.MUST_CHANGE_TITLE
            yield Static(S.MUST_CHANGE_NOTE.format(username=self.user.username),
                         id="must-change-note", markup=False)
            yield PasswordField(S.FIELD_NEW_PASSWORD, "new_password", id="new-password",
                                placeholder=S.FIELD_PASSWORD_PH)
            yield PasswordField(S.FIELD_PASSWORD2, "new_password2", id="new-password2")
            yield Static("", id="login-error", markup=False)
            yield Static(S.MUST_CHANGE_HINT, classes="hint")

    def on_field_submitted(self, event: Field.Submitted) -> None:
        event.stop()
        if event.field.id == "new-password":
            focus_next_field(self, event.field)       # (already there when keys were typed ahead)
        else:
            self.action_save()

    def action_back(self) -> None:
        self.app.show_login(self.user.username)

    def action_save(self) -> None:
        first = self.query_one("#new-password", Field)
        second = self.query_one("#new-password2", Field)
        error = self.query_one("#login-error", Static)
        error.update("")
        if first.value != second.value:
            second.value = ""
            second.show_error(S.PASSWORDS_DIFFER)      # after: it stays until typed again
            second.focus()
            return
        from models import users
        from models.errors import ValidationError
        try:
            users.set_password(self.user, self.user.id, first.value, old_password=self.old_password)
        except ValidationError as e:
            error.update(e.message)
            first.value = second.value = ""
            first.focus()
            return
        user = users.User.get_by_id(self.user.id)
        self.app.login(user)
        self.app.notify(S.MUST_CHANGE_DONE.format(full_name=user.full_name))
