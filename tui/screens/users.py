"""Accounts, for administrators (inside Cài đặt), and the dialog to change one's own password.

Every change goes through models.users (create_user, update_user, set_password), which checks
the actor's right and writes the audit log."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from models import users

from .. import strings as S
from ..widgets.dialogs import ConfirmDialog, FormDialog, guarded
from ..widgets.fields import (BoolField, ChoiceField, PasswordField, RequiredText, TextField,
                              clean_fields)


def _role_options():
    return [(label, key) for key, label in users.ROLES.items()]


class _UserForm(FormDialog):
    def values(self) -> dict | None:
        return clean_fields(self.query_one(".dialog-form"))

    def passwords_match(self, values: dict, first: str, second: str) -> bool:
        if values[first] != values[second]:
            f = [f for f in self.query(PasswordField) if f.field == second][0]
            f.show_error(S.PASSWORDS_DIFFER)
            f.focus()
            return False
        return True


class AddUserDialog(_UserForm):
    TITLE_VI = S.USER_ADD_TITLE
    AUTO_FOCUS = ".dialog-form Input"

    def compose_body(self) -> ComposeResult:
        yield TextField(S.FIELD_USERNAME, "username", placeholder=S.FIELD_USERNAME_PH)
        yield RequiredText(S.FIELD_FULL_NAME, "full_name", max_len=120)
        yield ChoiceField(S.FIELD_ROLE, "role", _role_options(), value="clerk")
        yield PasswordField(S.FIELD_PASSWORD, "password", placeholder=S.FIELD_PASSWORD_PH)
        yield PasswordField(S.FIELD_PASSWORD2, "password2")

    def save(self):
        v = self.values()
        if v is None or not self.passwords_match(v, "password", "password2"):
            return None
        u = users.create_user(self.app.actor, v["username"], v["full_name"], v["role"], v["password"])
        self.app.notify(S.USER_ADDED.format(username=u.username))
        return u


class EditUserDialog(_UserForm):
    AUTO_FOCUS = ".dialog-form Input"

    def __init__(self, user: users.User):
        super().__init__(S.USER_EDIT_TITLE.format(username=user.username))
        self.user = user

    def compose_body(self) -> ComposeResult:
        yield RequiredText(S.FIELD_FULL_NAME, "full_name", value=self.user.full_name, max_len=120)
        yield ChoiceField(S.FIELD_ROLE, "role", _role_options(), value=self.user.role)
        yield BoolField(S.FIELD_ACTIVE, "active", value=self.user.active)

    def save(self):
        v = self.values()
        if v is None:
            return None
        u = users.update_user(self.app.actor, self.user.id, full_name=v["full_name"], role=v["role"],
                              active=v["active"])
        self.app.notify(S.USER_SAVED.format(username=u.username))
        return u


class ResetPasswordDialog(_UserForm):
    AUTO_FOCUS = ".dialog-form Input"

    def __init__(self, user: users.User):
        super().__init__(S.USER_PASSWORD_TITLE.format(username=user.username))
        self.user = user

    def compose_body(self) -> ComposeResult:
        yield PasswordField(S.FIELD_NEW_PASSWORD, "new_password", placeholder=S.FIELD_PASSWORD_PH)
        yield PasswordField(S.FIELD_PASSWORD2, "new_password2")

    def save(self):
        v = self.values()
        if v is None or not self.passwords_match(v, "new_password", "new_password2"):
            return None
        users.set_password(self.app.actor, self.user.id, v["new_password"])
        self.app.notify(S.USER_PASSWORD_SET.format(username=self.user.username))
        return True


class OwnPasswordDialog(_UserForm):
    AUTO_FOCUS = ".dialog-form Input"

    def __init__(self, actor):
        super().__init__(S.OWN_PASSWORD_TITLE.format(username=actor.username))
        self.actor = actor

    def compose_body(self) -> ComposeResult:
        yield PasswordField(S.FIELD_OLD_PASSWORD, "old_password")
        yield PasswordField(S.FIELD_NEW_PASSWORD, "new_password", placeholder=S.FIELD_PASSWORD_PH)
        yield PasswordField(S.FIELD_PASSWORD2, "new_password2")

    def save(self):
        v = self.values()
        if v is None or not self.passwords_match(v, "new_password", "new_password2"):
            return None
        users.set_password(self.actor, self.actor.id, v["new_password"], old_password=v["old_password"])
        self.app.notify(S.OWN_PASSWORD_DONE)
        return True


class UsersPane(Vertical):
    """The accounts list: F7/Ctrl+N add, Enter edit (name, role, in use), F6/Ctrl+R new password
    (its owner changes it at the next login), U unlock an account locked by wrong tries, F5/M grant
    or withdraw the secret book (a named person handles it, not a role)."""

    BINDINGS = [
        Binding("f7,ctrl+n", "add", S.KEY_ADD, key_display="F7", tooltip=S.KEY_ADD_USER),
        Binding("f6,ctrl+r", "password", S.KEY_PASSWORD, key_display="F6",
                tooltip=S.KEY_RESET_PASSWORD),
        Binding("u", "unlock", S.KEY_UNLOCK, key_display="U"),
        Binding("f5,m", "secret", S.KEY_SECRET_GRANT, key_display="F5",
                tooltip=S.KEY_SECRET_GRANT_TIP),
    ]

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", id="users-table")
        yield Static(S.USERS_HINT, classes="hint")

    def on_mount(self) -> None:
        t = self.query_one("#users-table", DataTable)
        for label, width in zip(S.USERS_COLUMNS, (13, 18, 9, 18, 9), strict=True):
            t.add_column(Text(label), width=width)   # a str is read as markup: Rich's emoji table
        self.load()

    def load(self) -> None:
        t = self.query_one("#users-table", DataTable)
        row = t.cursor_row
        t.clear()
        now = self.app.now()
        self.users = users.list_users()
        for u in self.users:
            if not u.active:
                status = S.USER_DISABLED
            elif u.locked_until is not None and u.locked_until > now:
                status = S.USER_LOCKED.format(time=u.locked_until.strftime("%H:%M"))
            else:
                status = S.USER_ACTIVE
            secret = S.USER_SECRET_HANDLER if u.secret_handler else ""
            t.add_row(*(Text(x) for x in (u.username, u.full_name, u.role_label, status, secret)))
        if self.users:
            t.move_cursor(row=min(max(row, 0), len(self.users) - 1))

    def current(self) -> users.User | None:
        t = self.query_one("#users-table", DataTable)
        if not self.users or t.cursor_row < 0:
            return None
        return self.users[t.cursor_row]

    def _after(self, result) -> None:
        if result is not None:
            self.load()

    def action_add(self) -> None:
        self.app.push_screen(AddUserDialog(), self._after)

    def action_password(self) -> None:
        u = self.current()
        if u is not None:
            self.app.push_screen(ResetPasswordDialog(u), self._after)

    def action_unlock(self) -> None:
        u = self.current()
        if u is None:
            return
        done = self.app.run_guarded(users.unlock, self.app.actor, u.id)
        if done is not None:
            self.app.notify(S.USER_UNLOCKED.format(username=u.username))
            self.load()

    def action_secret(self) -> None:
        u = self.current()
        if u is None:
            return
        grant = not u.secret_handler
        question = (S.USER_SECRET_GRANT_ASK if grant else S.USER_SECRET_REVOKE_ASK).format(
            username=u.username, full_name=u.full_name)

        @guarded
        def answered(pane, yes: bool | None) -> None:
            if yes:
                v = users.set_secret_handler(pane.app.actor, u.id, grant)
                if v.id == getattr(pane.app.actor, "id", None):      # an admin naming herself
                    pane.app.actor.secret_handler = v.secret_handler
                pane.app.notify((S.USER_SECRET_GRANTED if grant else S.USER_SECRET_REVOKED)
                                .format(username=v.username))
                pane.load()
        self.app.push_screen(ConfirmDialog(question), lambda yes: answered(self, yes))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        u = self.current()
        if u is not None:
            self.app.push_screen(EditUserDialog(u), self._after)

