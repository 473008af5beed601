"""Fields that take a body or a person from the directory (danh bạ), and the dialog that adds
one on the spot.

``ContactField``: type freely; the directory's matches show under the field as you type
(accent- and case-insensitive: "tinh uy" finds "Tỉnh ủy Tuyên Quang"). Enter takes the entry
whose name or abbreviation is exactly what was typed; otherwise (or on ↓) a list opens to
choose from, with "add to the directory" and "keep as typed" at its end. The chosen entry's id
is ``field.contact_id`` (None when the text is not from the directory).

``multi=True`` (recipients, nơi nhận): several names separated by ";". Enter works on the last
one; Enter on an empty tail goes on. ``field.clean()`` gives ``[(name, contact_id | None)]``.
"""
from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, Static

from models import contacts
from models.errors import ValidationError
from models.text import fold, nfc

from .. import strings as S
from .dialogs import ConfirmDialog, FormDialog, guarded
from .fields import BoolField, CycleField, Field, RequiredText, TextField, clean_fields
from .picker import PickerDialog


def contact_label(c: contacts.Contact) -> str:
    return c.label + (f" ({c.abbr})" if c.abbr else "")


class ContactField(Field):
    MOVES_ON_ENTER = False          # Enter may open the list of matches first
    BINDINGS = [Binding("down", "pick", S.KEY_PICK, key_display="↓", show=False)]

    class Picked(Message):
        """An entry of the directory was chosen (``contact`` is the Contact)."""

        def __init__(self, field: "ContactField", contact: contacts.Contact):
            super().__init__()
            self.field = field
            self.contact = contact

        @property
        def control(self) -> "ContactField":
            return self.field

    def __init__(self, label: str, field: str, *, value: str = "", contact_id: int | None = None,
                 kind: str | None = None, add_kind: str = "body", required: bool = False,
                 multi: bool = False, allow_free: bool = True, strict: bool = True, **kw):
        kw.setdefault("placeholder", S.CONTACT_PLACEHOLDER_MULTI if multi else S.CONTACT_PLACEHOLDER)
        if multi and isinstance(value, (list, tuple)):
            value = "; ".join(value)
        super().__init__(label, field, value=value, **kw)
        self.kind, self.add_kind = kind, add_kind
        self.required, self.multi, self.allow_free = required, multi, allow_free
        self.strict = strict                      # text not from the directory must be confirmed
        self.contact_id = contact_id
        self._contact_name = value if contact_id is not None else ""
        self.chosen: dict[str, int] = {}          # multi: fold(name) -> contact id
        # what was there already, and what the person chose to keep as typed
        self.confirmed: set[str] = {fold(n) for n in nfc(value).split(";") if nfc(n)}

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("", classes="field-matches", markup=False)

    # --- value ---------------------------------------------------------------------------------
    def _segments(self) -> list[str]:
        return [nfc(s) for s in self.value.split(";")]

    def parse(self, text: str) -> Any:
        if self.multi:
            names = [s for s in (nfc(x) for x in text.split(";")) if s]
            if self.required and not names:
                raise ValidationError(S.CONTACT_REQUIRED.format(label=self.label.lower()), self.field)
            loose = [n for n in names if fold(n) not in self.chosen and fold(n) not in self.confirmed]
            if self.strict and loose:
                raise ValidationError(S.CONTACT_UNRESOLVED_NAME.format(name=loose[0]), self.field)
            return [(n, self.chosen.get(fold(n))) for n in names]
        t = nfc(text)
        if self.required and not t:
            raise ValidationError(S.CONTACT_REQUIRED.format(label=self.label.lower()), self.field)
        if self.strict and t and self.contact_id is None and fold(t) not in self.confirmed:
            raise ValidationError(S.CONTACT_UNRESOLVED, self.field)
        return t

    def clean(self) -> Any:
        """Text typed exactly as a directory entry's name or abbreviation is taken as that entry;
        other text must have been chosen "as typed" (a half-typed name is not saved)."""
        if self.multi:
            names = [n for n in self._segments() if n]
            out, changed = [], False
            for n in names:
                c = None
                if fold(n) not in self.chosen and fold(n) not in self.confirmed:
                    c = self._exact(n)
                if c is not None:
                    self.chosen[fold(c.name)] = c.id
                    changed = changed or c.name != n
                    n = c.name
                out.append(n)
            if changed:
                self.value = "; ".join(out)
        else:
            t = nfc(self.value)
            if t and self.contact_id is None and fold(t) not in self.confirmed:
                c = self._exact(t)
                if c is not None:
                    self._contact_name, self.contact_id = c.name, c.id
                    if c.name != t:
                        self.value = c.name
        return super().clean()

    def _exact(self, text: str) -> contacts.Contact | None:
        c = contacts.resolve(self.app.actor, text)
        if c is not None and (self.kind is None or c.kind == self.kind):
            return c
        return None

    def set_contact(self, c: contacts.Contact) -> None:
        if self.multi:
            segs = [s for s in self._segments()[:-1] if s]
            segs.append(c.name)
            self.chosen[fold(c.name)] = c.id
            self.value = "; ".join(segs) + "; "
        else:
            self._contact_name = c.name
            self.contact_id = c.id
            self.value = c.name
        self.input.cursor_position = len(self.input.value)
        self.dirty = True
        self.clear_error()
        self._show_matches("")
        self.post_message(self.Picked(self, c))

    def keep_as_typed(self, text: str) -> None:
        self.confirmed.add(fold(text))
        self.clear_error()
        if self.multi:
            segs = [s for s in self._segments()[:-1] if s]
            self.value = "; ".join([*segs, nfc(text)]) + "; "
        else:
            self.contact_id = None
            self._contact_name = ""
            self.value = nfc(text)
        self.input.cursor_position = len(self.input.value)
        self._show_matches("")

    # --- typing ---------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        # (Field's handler runs after this one: Textual calls each class's handler)
        text = self._segments()[-1] if self.multi else nfc(self.value)
        if not self.multi and self.contact_id is not None and fold(text) != fold(self._contact_name):
            self.contact_id = None
        if not self.multi and self.contact_id is not None:
            self._show_matches("")
            return
        self._show_matches(text)

    def _show_matches(self, text: str) -> None:
        line = self.query_one(".field-matches", Static)
        if not text or not self.input.has_focus:
            line.update("")
            self.remove_class("-matches")
            return
        found = contacts.find_contacts(text, 4, kind=self.kind)
        if found:
            msg = S.CONTACT_MATCHES.format(names=" · ".join(c.name for c in found[:3])
                                           + (" …" if len(found) > 3 else ""))
        else:
            msg = S.CONTACT_NO_MATCH
        line.update(msg)
        self.add_class("-matches")

    def on_descendant_blur(self, event) -> None:
        self._show_matches("")

    # --- Enter and ↓ ----------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()              # not Field's handler: Enter may open the list
        text = self._segments()[-1] if self.multi else nfc(self.value)
        if not text or (not self.multi and self.contact_id is not None):
            if self.is_valid():
                self.post_message(self.Submitted(self))
            return
        if not self.multi and fold(text) in self.confirmed:
            if self.is_valid():
                self.post_message(self.Submitted(self))
            return
        exact = self._exact(text)
        if exact is not None:
            self.set_contact(exact)
            if not self.multi:
                self.post_message(self.Submitted(self))
            return
        self.action_pick(submit=not self.multi)

    def action_pick(self, submit: bool | None = None) -> None:
        """The list of matches (↓, or Enter on a name not found as typed). Once one is chosen the
        cursor goes on to the next field, as after Enter — in a list of several names it stays
        for the next name. (↓ left it here, and the next field's words ran on after the name.)"""
        if submit is None:
            submit = not self.multi
        text = self._segments()[-1] if self.multi else nfc(self.value)
        kind = self.kind

        def lookup(t: str):
            return [(("c", c.id), contact_label(c)) for c in contacts.find_contacts(t, 30, kind=kind)]

        def extras(t: str):
            t = nfc(t)
            if not t:
                return []
            out = []
            if self.app.actor is not None and self.app.actor.can("directory.edit"):
                out.append((("add", t), S.PICK_ADD.format(text=t)))
            if self.allow_free:
                out.append((("free", t), S.PICK_FREE.format(text=t)))
            return out

        def chosen(result) -> None:
            if result is None:
                self.focus()
                return
            what, arg = result
            if what == "c":
                self.set_contact(contacts.get_contact(arg))
                self._after_pick(submit)
            elif what == "add":
                self.app.push_screen(ContactDialog(name=arg, kind=self.add_kind), added)
            else:
                self.keep_as_typed(arg)
                self._after_pick(submit)

        def added(c) -> None:
            if c is None:
                self.focus()
                return
            self.set_contact(c)
            self._after_pick(submit)

        self.app.push_screen(PickerDialog(S.PICK_CONTACT_TITLE.format(label=self.label), lookup,
                                          text=text, extras=extras), chosen)

    def _after_pick(self, submit: bool) -> None:
        if submit:                        # on to the next field (the form moves the focus)
            self.post_message(self.Submitted(self))
        else:
            self.focus()


def contact_ids(container) -> dict[str, int | None]:
    """The chosen directory entry of every single ContactField in ``container``, by field."""
    return {f.field: f.contact_id for f in container.query(ContactField) if not f.multi}


class ContactDialog(FormDialog):
    """Add a body or person to the directory (``contact`` None), or correct one."""

    AUTO_FOCUS = ".dialog-form Input"

    def __init__(self, contact: contacts.Contact | None = None, *, name: str = "", kind: str = "body"):
        title = S.CONTACT_EDIT_TITLE.format(name=contact.name) if contact else S.CONTACT_ADD_TITLE
        super().__init__(title)
        self.contact = contact
        self.initial_name = name
        self.initial_kind = kind

    def compose_body(self) -> ComposeResult:
        c = self.contact
        yield RequiredText(S.FIELD_CONTACT_NAME, "name", value=c.name if c else self.initial_name)
        yield CycleField(S.FIELD_CONTACT_KIND, "kind", [(v, k) for k, v in contacts.KINDS.items()],
                         value=c.kind if c else self.initial_kind)
        yield CycleField(S.FIELD_CONTACT_GROUP, "group", [(v, k) for k, v in contacts.GROUPS.items()],
                         value=c.group if c else "other")
        yield TextField(S.FIELD_CONTACT_ABBR, "abbr", value=c.abbr if c else "")
        yield TextField(S.FIELD_CONTACT_POSITION, "position", value=c.position if c else "")
        yield TextField(S.FIELD_CONTACT_ORG, "organisation", value=c.organisation if c else "")
        yield BoolField(S.FIELD_CONTACT_DELEGATED, "signing_delegated",
                        value=bool(c.signing_delegated) if c else False)
        yield TextField(S.FIELD_CONTACT_PHONE, "phone", value=c.phone if c else "")
        yield TextField(S.FIELD_CONTACT_EMAIL, "email", value=c.email if c else "")
        yield TextField(S.FIELD_CONTACT_ADDRESS, "address", value=c.address if c else "")

    def save(self, allow_same_name: bool = False):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        actor = self.app.actor
        try:
            if self.contact is None:
                name = v.pop("name")
                kind = v.pop("kind")
                c = contacts.add_contact(actor, name, kind, allow_same_name=allow_same_name, **v)
                self.app.notify(S.CONTACT_ADDED.format(name=c.name))
            else:
                c = contacts.update_contact(actor, self.contact.id, allow_same_name=allow_same_name, **v)
                self.app.notify(S.CONTACT_SAVED.format(name=c.name))
        except contacts.SameNameExists as e:
            self._ask_same_name(e)
            return None
        return c

    def _ask_same_name(self, err) -> None:
        """A namesake is common in one commune: show who is already there and save on yes."""
        def who(c) -> str:
            return S.CONTACT_SAME_NAME_ENTRY.format(
                name=c.name, position=c.position or S.CONTACT_NO_POSITION,
                unit=c.organisation or S.CONTACT_NO_UNIT)
        question = S.CONTACT_SAME_NAME_ASK.format(
            entries="\n".join(who(c) for c in err.existing), name=err.name)

        def answered(yes: bool | None) -> None:
            if yes:
                result = guarded(type(self)._save_namesake)(self)
                if result is not None:
                    self.dismiss(result)
        self.app.push_screen(ConfirmDialog(question, title=S.CONTACT_SAME_NAME_TITLE,
                                           yes=S.CONTACT_SAME_NAME_YES), answered)

    def _save_namesake(self):
        return self.save(allow_same_name=True)
