"""Đăng nhập: username, password, Enter. The reason a login failed (wrong password, tries left,
locked for a while, disabled) comes from models.users.authenticate and is shown at the form."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from models import users
from models.errors import LoginError

from .. import strings as S
from ..widgets.fields import Field, PasswordField, TextField
from .base import BaseScreen


class LoginScreen(BaseScreen):
    TITLE_VI = S.KEY_LOGIN
    BINDINGS = [Binding("enter", "login", S.KEY_LOGIN, key_display="Enter", show=False)]
    AUTO_FOCUS = "#login-username Input"

    def __init__(self, username: str = ""):
        super().__init__()
        self.username = username

    def compose_body(self) -> ComposeResult:
        with Vertical(id="login-box") as box:
            box.border_title = S.LOGIN_TITLE
            yield Static(self.app.office_name or S.LOGIN_NO_OFFICE, id="login-office", markup=False)
            yield TextField(S.FIELD_USERNAME, "username", value=self.username, id="login-username")
            yield PasswordField(S.FIELD_PASSWORD, "password", id="login-password")
            yield Static("", id="login-error", markup=False)
            yield Static(S.LOGIN_HINT, classes="hint")

    def on_mount(self) -> None:
        if self.username:
            self.query_one("#login-password", Field).focus()

    def on_field_submitted(self, event: Field.Submitted) -> None:
        event.stop()
        if event.field.id == "login-username":
            self.query_one("#login-password", Field).focus()
        else:
            self.action_login()

    def action_login(self) -> None:
        username = self.query_one("#login-username", Field).value
        pw_field = self.query_one("#login-password", Field)
        error = self.query_one("#login-error", Static)
        if not username.strip():
            self.query_one("#login-username", Field).focus()
            return
        try:
            user = users.authenticate(username, pw_field.value, now=self.app.now())
        except LoginError as e:
            error.update(e.message)
            pw_field.value = ""
            pw_field.focus()
            return
        error.update("")
        self.app.login(user)
        self.app.notify(S.LOGIN_WELCOME.format(full_name=user.full_name))
