"""The terms (nhiệm kỳ), inside Cài đặt: each term's congress, start and end, the current one
marked. After the congress an administrator opens the new term (F7/Ctrl+N): the dialog asks the
congress, the term's name and its first day, says plainly what will happen and asks to confirm.
models.terms checks every rule (check_new_term, then open_term) and writes the audit log; a
refusal is shown under the field it concerns."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from models import terms, users
from models.text import format_date

from .. import strings as S
from ..widgets.dialogs import ConfirmDialog, FormDialog, guarded
from ..widgets.fields import DateField, TextField, clean_fields


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class OpenTermDialog(FormDialog):
    TITLE_VI = S.TERM_OPEN_TITLE
    AUTO_FOCUS = ".dialog-form Input"
    SAVE_LABEL = S.TERM_OPEN_NEXT             # the next step is the question, not the change

    def compose_body(self) -> ComposeResult:
        cur = terms.current_term()
        if cur is not None:
            yield Static(S.TERM_OPEN_CURRENT.format(name=cur.name, start=format_date(cur.start)),
                         classes="hint", markup=False)
        yield TextField(S.FIELD_TERM_CONGRESS, "congress", placeholder=S.FIELD_TERM_CONGRESS_PH)
        yield TextField(S.FIELD_TERM_LABEL, "term_label", placeholder=S.FIELD_NEW_TERM_LABEL_PH)
        yield DateField(S.FIELD_NEW_TERM_START, "term_start", help=S.FIELD_NEW_TERM_START_HELP)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        start, label, congress = v["term_start"], v["term_label"], v["congress"]
        cur = terms.check_new_term(self.app.actor, start, label, congress)   # refused: at its field
        label = terms.term_label(label)                  # as it will be written
        end = format_date(terms.closing_day(start))
        name = S.TERM_NEW_NAME.format(label=label) if label else S.TERM_NEW_UNNAMED
        question = S.TERM_OPEN_Q.format(name=name, start=format_date(start), old=_cap(cur.name),
                                        old_name=cur.name, end=end)

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_term(start, label, congress)
        self.app.push_screen(ConfirmDialog(question, S.TERM_OPEN_CONFIRM_TITLE, S.TERM_OPEN_YES),
                             answered)
        return None

    @guarded
    def open_term(self, start, label: str, congress: str) -> None:
        t = terms.open_term(self.app.actor, start, label, congress)
        self.app.notify(S.TERM_OPENED.format(name=t.name, start=format_date(t.start)), timeout=10)
        self.dismiss(t)


class TermsPane(Vertical):
    """The terms, oldest first; F7/Ctrl+N (administrators only) opens the next one."""

    DEFAULT_CSS = "TermsPane #terms-table { height: 1fr; }"
    # an administrator sees the key; anyone else does not, and pressing it is told who may
    BINDINGS = [Binding("f7,ctrl+n", "open_term", S.KEY_OPEN_TERM, key_display="F7",
                        tooltip=S.KEY_OPEN_TERM_TIP),
                Binding("f7,ctrl+n", "not_admin", show=False)]

    class Opened(Message):
        """A new term is open: the screens showing the current term's date refresh it."""

        def __init__(self, term: terms.Term):
            super().__init__()
            self.term = term

    @property
    def may_open(self) -> bool:
        return users.can(self.app.actor, "office.edit")

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", id="terms-table")
        yield Static(S.TERMS_HINT if self.may_open else S.TERMS_HINT_NOT_ADMIN, classes="hint")

    def on_mount(self) -> None:
        t = self.query_one("#terms-table", DataTable)
        for label, width in zip(S.TERMS_COLUMNS, (11, 38, 10, 10), strict=True):     # 77 of 78 columns
            t.add_column(Text(label), width=width)   # a str is read as markup: Rich's emoji table
        self.load()

    def load(self) -> None:
        t = self.query_one("#terms-table", DataTable)
        t.clear()
        rows = terms.all_terms()
        for x in rows:
            t.add_row(*(Text(s) for s in (x.label or "", x.congress, format_date(x.start),
                                           format_date(x.end) if x.end else S.TERM_CURRENT)))
        if rows:
            t.move_cursor(row=len(rows) - 1)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "open_term":
            return self.may_open
        if action == "not_admin":
            return not self.may_open
        return True

    def action_open_term(self) -> None:
        self.app.push_screen(OpenTermDialog(), self._after)

    def action_not_admin(self) -> None:
        self.app.notify(S.TERMS_HINT_NOT_ADMIN, severity="warning")

    def _after(self, term) -> None:
        if term is not None:
            self.load()
            self.post_message(self.Opened(term))
