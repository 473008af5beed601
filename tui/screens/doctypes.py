"""The type table (bảng tên loại văn bản), for administrators inside Cài đặt: the codes that number
outgoing documents. F7/Ctrl+N adds a type; models.documents refuses a code that is another
spelling of a known one (ignoring case and accents) and "QyĐ" in any spelling."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from models import documents

from .. import strings as S
from ..widgets.dialogs import FormDialog
from ..widgets.fields import RequiredText, clean_fields


class AddDocTypeDialog(FormDialog):
    TITLE_VI = S.DOCTYPE_ADD_TITLE
    AUTO_FOCUS = ".dialog-form Input"

    def compose_body(self) -> ComposeResult:
        yield RequiredText(S.FIELD_DOCTYPE_CODE, "code", max_len=8, placeholder=S.FIELD_DOCTYPE_CODE_PH)
        yield RequiredText(S.FIELD_DOCTYPE_NAME, "name", max_len=80)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        t = documents.add_doc_type(self.app.actor, v["code"], v["name"])
        self.app.notify(S.DOCTYPE_ADDED.format(code=t.code, name=t.name))
        return t


class DocTypesPane(Vertical):
    BINDINGS = [Binding("f7,ctrl+n", "add", S.KEY_ADD, key_display="F7", tooltip=S.DOCTYPE_ADD_TITLE)]

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", id="doctypes-table")
        yield Static(S.DOCTYPES_HINT, classes="hint")

    def on_mount(self) -> None:
        t = self.query_one("#doctypes-table", DataTable)
        for label, width in zip(S.DOCTYPES_COLUMNS, (8, 40, 12), strict=True):
            t.add_column(Text(label), width=width)   # a str is read as markup: Rich's emoji table
        self.load()

    def load(self) -> None:
        t = self.query_one("#doctypes-table", DataTable)
        t.clear()
        for d in documents.list_doc_types(include_inactive=True):
            t.add_row(Text(d.code), Text(d.name), Text(S.DOCTYPE_ACTIVE if d.active else S.DOCTYPE_RETIRED))

    def action_add(self) -> None:
        self.app.push_screen(AddDocTypeDialog(), lambda t: t is not None and self.load())
