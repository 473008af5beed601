"""Danh bạ: the bodies and people the office writes to and hears from, in Vietnamese
alphabetical order (people by given name). F7/N adds one, Enter corrects it, H retires it
(or brings it back); `/` finds by any part of the name, without accents. X exports it."""
from __future__ import annotations

from textual.binding import Binding

from models import contacts

from .. import strings as S
from ..widgets.contact_field import ContactDialog
from .parts.columns import ColSpec
from .parts.dialogs import export_book
from .parts.filters import FilterSpec
from .parts.listing import RegisterListScreen


DIRECTORY_COLUMNS = [ColSpec(0, S.COL_NAME, 0), ColSpec(3, S.COL_POSITION, 16, optional=True),
                     ColSpec(2, S.COL_GROUP, 14), ColSpec(5, S.COL_PHONE, 13),
                     ColSpec(4, S.COL_ORG, 18, optional=True), ColSpec(1, S.COL_KIND, 8, optional=True)]


def kind_options():
    return [(S.FILTER_ALL, None)] + [(v, k) for k, v in contacts.KINDS.items()]


def group_options():
    return [(S.FILTER_ALL, None)] + [(v, k) for k, v in contacts.GROUPS.items()]


DIRECTORY_FILTERS = [FilterSpec("kind", S.FIELD_CONTACT_KIND, "choice", kind_options),
                     FilterSpec("group", S.FIELD_CONTACT_GROUP, "choice", group_options),
                     FilterSpec("include_inactive", S.FILTER_INACTIVE, "bool")]


class DirectoryScreen(RegisterListScreen):
    TITLE_VI = S.AREA_DIRECTORY
    HINT = S.DIRECTORY_HINT
    SOURCE = contacts.DirectorySource
    COLUMNS = DIRECTORY_COLUMNS
    FILTERS = DIRECTORY_FILTERS
    TAKES_TODAY = False
    BINDINGS = [Binding("f7,n", "new", S.KEY_NEW, key_display="F7"),
                Binding("h", "retire", S.KEY_RETIRE, key_display="H", show=False),
                Binding("x", "export_directory", S.KEY_EXPORT, key_display="X", show=False)]

    def open_record(self, key) -> None:
        open_contact(self.app, int(key[-1]))

    def action_new(self) -> None:
        self.app.push_screen(ContactDialog(), lambda c: c is not None and self.reload())

    def action_retire(self) -> None:
        key = self.table.current_key
        if key is None:
            return
        c = contacts.get_contact(int(key[-1]))
        question = (S.CONTACT_RETIRE_Q if c.active else S.CONTACT_RESTORE_Q).format(name=c.name)

        def do() -> None:
            contacts.set_active(self.app.actor, c.id, not c.active)
            self.app.notify((S.CONTACT_RETIRED if c.active else S.CONTACT_RESTORED).format(name=c.name))
            self.reload()
        self.app.confirm(question, do)

    def action_export_directory(self) -> None:
        export_book(self.app, "directory")


def open_contact(app, ref: int) -> None:
    """Search opener: the directory entry, ready to correct."""
    from models import users
    c = contacts.get_contact(ref)
    if not users.can(app.actor, "directory.edit"):
        app.show_message(f"{c.label}\n{c.organisation}\n{c.phone}\n{c.email}".strip(), c.name)
        return
    app.push_screen(ContactDialog(c))
